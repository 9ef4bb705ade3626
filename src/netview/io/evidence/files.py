"""What every evidence reader needs from the file system: a content hash, read in pieces."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from netview.core.errors import ImportFailure

_PIECE = 1024 * 1024


def content_hash(paths: Iterable[Path], root: Path | None = None) -> str:
    """sha256 of the files' bytes (and, under a folder `root`, of their relative names),
    read a megabyte at a time: a 5 GB mailbox is hashed at flat memory."""
    digest = hashlib.sha256()
    for path in paths:
        if root is not None:
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            with path.open("rb") as f:
                while piece := f.read(_PIECE):
                    digest.update(piece)
        except OSError as exc:
            raise ImportFailure(path.name, f"cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()


def where(label: str, line: int) -> str:
    return f"{label}:{line}"
