"""What every evidence reader needs from the file system: a content hash, read in pieces."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from netview.core.errors import Cancelled, ImportFailure
from netview.core.progress import NoProgress, Progress

_PIECE = 1024 * 1024


def content_hash(
    paths: Iterable[Path], root: Path | None = None, progress: Progress | None = None
) -> str:
    """sha256 of the files' bytes (and, under a folder `root`, of their relative names),
    read a megabyte at a time: a 5 GB mailbox is hashed at flat memory, with progress
    (bytes hashed / size) and Cancel."""
    progress = progress or NoProgress()
    files = list(paths)
    total = max(1, sum(p.stat().st_size for p in files if p.is_file()))
    done = 0
    digest = hashlib.sha256()
    for path in files:
        if root is not None:
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            with path.open("rb") as f:
                while piece := f.read(_PIECE):
                    digest.update(piece)
                    done += len(piece)
                    if done % (64 * _PIECE) < _PIECE:  # every 64 MB
                        if progress.cancelled():
                            raise Cancelled()
                        progress.report(done / total, f"Checking {path.name}")
        except OSError as exc:
            raise ImportFailure(path.name, f"cannot read: {exc.strerror or exc}") from None
    return digest.hexdigest()


def where(label: str, line: int) -> str:
    return f"{label}:{line}"


class Share:
    """A slice [start, start + span] of a job's progress: hashing a mailbox is its first
    few percent, reading it the rest, and the bar only moves forward."""

    def __init__(self, outer: Progress, start: float, span: float) -> None:
        self.outer, self.start, self.span = outer, start, span

    def report(self, fraction: float, text: str) -> None:
        self.outer.report(self.start + self.span * max(0.0, min(1.0, fraction)), text)

    def cancelled(self) -> bool:
        return self.outer.cancelled()
