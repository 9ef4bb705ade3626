"""The loop every small LinkedIn reader shares: count, check width, build, skip or hide.

Endorsements, recommendations, invitations and the owner's own files differ only in how one
row becomes a record; what happens around it (the report's counts, a row too short for the
header, a row that alone is broken, a member who hides their details) is the same, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TypeVar

from netview.core.records import FileReport
from netview.io.linkedin.text import opt

T = TypeVar("T")
D = TypeVar("D", date, datetime)
Rows = Iterable[tuple[int, list[str]]]


class SkipRow(Exception):
    """A row that alone is broken: skipped, with this reason in the file's report."""


HIDDEN = None  # what a row builder returns for a member who hides their details


def read_rows(
    rows: Rows,
    width: int,
    needed: int,
    report: FileReport,
    build: Callable[[int, list[str]], T | None],
) -> list[T]:
    """The records `build(line, cells)` makes of the rows with at least `needed` cells.

    `width` is the header's number of columns (for the message about a short row). `build`
    raises SkipRow for a row it cannot read and returns HIDDEN (None) for a hidden member.
    """
    out: list[T] = []
    for line, row in rows:
        report.rows_read += 1
        if len(row) < needed:
            report.skip(line, f"row has {len(row)} cells, the header {width}")
            continue
        try:
            record = build(line, row)
        except SkipRow as exc:
            report.skip(line, str(exc))
            continue
        if record is None:
            report.hidden += 1
            continue
        out.append(record)
    report.rows_imported += len(out)
    return out


def when(
    raw: str | None, parse: Callable[[str, bool | None], D], day_first: bool | None
) -> D | None:
    """An optional date cell: None when empty or a filler, SkipRow when unreadable."""
    if raw is None or opt(raw) is None:
        return None
    try:
        return parse(raw.strip(), day_first)
    except ValueError:
        raise SkipRow(f"unreadable date {raw.strip()!r}") from None
