"""Helpers every command shares: opening the database, printing JSON, counting in English."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Handler = Callable[[argparse.Namespace], int]


def print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@contextmanager
def open_db(args: argparse.Namespace) -> Iterator[Any]:
    """The database of --db (or NETVIEW_DB), closed again when the command is done."""
    from netview.store.db import open_database

    db = open_database(args.db)
    try:
        yield db
    finally:
        db.dispose()


def counted(n: int, kind: str) -> str:
    """ "1 message", "12 messages", "3 people": report counts read as English."""
    if kind in ("people", "ties") or kind.endswith("s"):
        return f"{n:,} {kind}"
    return f"{n:,} {kind}{'' if n == 1 else 's'}"
