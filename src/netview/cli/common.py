"""Helpers every command shares: opening the database, printing JSON, checking arguments."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from netview.core.errors import NetViewError

if TYPE_CHECKING:
    from netview.services.introductions.paths import Target
    from netview.services.network import LoadedNetwork
    from netview.store.db import Database

Handler = Callable[[argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class UsageError(NetViewError):
    """The command line itself is wrong (exit status 2, like argparse's own usage errors)."""


def print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@contextmanager
def open_db(args: argparse.Namespace, *, create: bool = False) -> Iterator[Database]:
    """The database of --db (or NETVIEW_DB), closed again when the command is done.

    Only commands that bring data in pass `create=True`; the others refuse a database that
    does not exist. A database this command created is removed again if the command fails,
    so a failed first import leaves nothing behind.
    """
    from netview.store.db import database_url, open_database, sqlite_file

    file = sqlite_file(database_url(args.db, create=create))
    new = file is not None and not file.exists()
    try:
        db = open_database(args.db, create=create)
    except BaseException:
        if new and file is not None:
            _remove_sqlite_files(file)
        raise
    try:
        yield db
    except BaseException:
        db.dispose()
        if new and file is not None:
            _remove_sqlite_files(file)
        raise
    db.dispose()


def _remove_sqlite_files(file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            os.unlink(f"{file}{suffix}")


def counted(n: int, kind: str) -> str:
    """ "1 message", "12 messages", "3 people": report counts read as English."""
    if kind in ("people", "ties") or kind.endswith("s"):
        return f"{n:,} {kind}"
    return f"{n:,} {kind}{'' if n == 1 else 's'}"


def picture_size(text: str) -> tuple[int, int]:
    """argparse type for --size: WIDTHxHEIGHT, each side 16-16384 pixels."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected WIDTHxHEIGHT, e.g. 1600x1000"
        ) from None
    if not (16 <= w <= 16384 and 16 <= h <= 16384):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be 16 to 16384 pixels")
    return w, h


def int_between(low: int, high: int) -> Callable[[str], int]:
    """argparse type: a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


def whole_number(text: str, what: str) -> int:
    """An integer from a multi-value option (argparse cannot type those one by one)."""
    try:
        return int(text)
    except ValueError:
        raise UsageError(f"{what}: {text!r} is not a whole number") from None


def target_of(db: Database, ln: LoadedNetwork, text: str) -> Target:
    """The person or company `text` names (services.introductions.paths.resolve_target); a
    name several people answer to is one line naming the first five, each with their degree."""
    from netview.services.introductions.paths import AmbiguousTarget, resolve_target

    try:
        return resolve_target(db, ln, text)
    except AmbiguousTarget as e:
        shown = [f"{name} ({key}, degree {degree})" for name, key, degree in e.candidates[:5]]
        more = len(e.candidates) - len(shown)
        raise NetViewError(
            f"{text!r} matches {len(e.candidates)} people: {'; '.join(shown)}"
            + (f"; and {more} more" if more > 0 else "")
            + "; give a profile URL or key"
        ) from None


def output_file(path: Path) -> Path:
    """Check that `path` can be written before any work is done, so a bad -o fails at once.

    A folder, a missing folder or a place nobody can write (such as /proc) is refused with
    one line; nothing is created.
    """
    if path.is_dir():
        raise NetViewError(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        # The file is written beside it and renamed over it: a named pipe or a device
        # (/dev/full, as root) would be replaced by a plain file.
        raise NetViewError(f"{path}: not a regular file (a device or pipe); give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise NetViewError(f"{path}: folder {folder} does not exist")
    import tempfile

    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise NetViewError(f"{path}: cannot write there ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(probe)
    return path
