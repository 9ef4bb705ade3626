"""Temporary files and folders that a killed process does not leave behind for long.

A half-written export is a hidden file beside the target holding the user's data, and a
demo unpacks invented archives into a folder under the system temp dir. Both are removed
when the job ends; when the process is killed (kill -9, a power cut) they are not. So each
holds an exclusive lock for as long as its process lives, and the next run that makes one
of the same kind sweeps those whose lock nobody holds any more: the owner is gone. Locks
die with their process on every platform, so a reused process id never fools the sweep.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

TEMP_MARK = ".netview-tmp"  # in every temp file name: the sweep touches nothing else
LOCK_NAME = ".netview-lock"  # inside every scratch folder
DEMO_PREFIX = "netview-demo-"  # the demo's folders of invented archives


def _try_lock(f: IO[bytes], blocking: bool = False) -> bool:
    """Take an exclusive lock on the open file `f`; False when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _abandoned(path: Path) -> bool:
    """True when no living process holds the lock of `path` (a file)."""
    try:
        with path.open("rb+") as f:
            return _try_lock(f)
    except OSError:
        return False  # gone already, or in use (Windows refuses to open it)


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[IO[bytes]]:
    """Write `target` whole or not at all: into a locked, hidden temporary file beside it,
    moved into place when the block ends without an error, removed when it raises.

    Stale temp files a killed process left in that folder are swept first.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_temp_files(target.parent)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_MARK, dir=target.parent)
    tmp = Path(name)
    f = os.fdopen(fd, "wb+")
    try:
        _try_lock(f, blocking=True)
        yield f
        f.flush()
        os.fsync(f.fileno())
        if sys.platform == "win32":
            f.close()  # Windows cannot move a file that is open
        os.replace(tmp, target)
    finally:
        f.close()
        tmp.unlink(missing_ok=True)


def sweep_temp_files(folder: Path) -> int:
    """Remove hidden temp files in `folder` whose process is gone; how many."""
    removed = 0
    try:
        found = [
            p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(TEMP_MARK)
        ]
    except OSError:
        return 0
    for p in found:
        if _abandoned(p):
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
                log.info("removed %s, left by a process that was killed", p)
    return removed


@contextlib.contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A locked folder under the temp dir, removed afterwards; stale ones of `prefix` first."""
    sweep_scratch_dirs(prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    lock = (folder / LOCK_NAME).open("wb+")
    try:
        _try_lock(lock, blocking=True)
        yield folder
    finally:
        lock.close()
        shutil.rmtree(folder, ignore_errors=True)


def sweep_scratch_dirs(prefix: str, root: Path | None = None) -> int:
    """Remove folders named `prefix`* under the temp dir whose process is gone; how many.

    A folder without a lock file is left alone: it may be one being made this instant.
    """
    base = root or Path(tempfile.gettempdir())
    removed = 0
    try:
        found = [p for p in base.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()]
    except OSError:
        return 0
    for p in found:
        lock = p / LOCK_NAME
        if lock.is_file() and _abandoned(lock):
            shutil.rmtree(p, ignore_errors=True)
            removed += 1
            log.info("removed %s, left by a process that was killed", p)
    return removed
