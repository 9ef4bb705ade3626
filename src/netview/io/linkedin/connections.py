"""Connections.csv: the owner's 1st-degree list (with or without the URL column)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from netview.core.records import Connection, FileReport
from netview.io.linkedin.dates import parse_date
from netview.io.linkedin.text import NULLISH, Header, fit

Rows = Iterable[tuple[int, list[str]]]


def read_connections(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None
) -> Iterator[Connection]:
    """The connections of the rows, one at a time (a file may hold millions: the caller
    decides where they go), counted in `report` as they are read."""
    col = header.index()
    width = len(header.names)
    i_first, i_last, i_date = col["first name"], col["last name"], col["connected on"]
    # Columns the file lacks point at the blank cell fit() adds at index `width`.
    i_url = col.get("url", width)
    i_email = col.get("email address", width)
    i_company = col.get("company", width)
    i_position = col.get("position", width)
    needed = max(i_first, i_last, i_date) + 1
    for line, raw in rows:
        report.rows_read += 1
        if len(raw) < needed:
            report.skip(line, f"row has {len(raw)} cells, the header {width}")
            continue
        if len(raw) == width:  # the usual case, without a call
            raw.append("")
            row = raw
        else:
            row = fit(raw, width)
        first = row[i_first].strip()
        last = row[i_last].strip()
        url: str | None = row[i_url].strip()
        if url in NULLISH:
            url = None
        if not first and not last and url is None:
            report.hidden += 1  # a member who hides their details: only the date is left
            continue
        raw_date = row[i_date].strip()
        connected_on: date | None = None
        if raw_date not in NULLISH:
            try:
                connected_on = parse_date(raw_date, day_first)
            except ValueError:
                report.skip(line, f"unreadable date {raw_date!r}")
                continue
        email: str | None = row[i_email].strip()
        if email in NULLISH:
            email = None
        company: str | None = row[i_company].strip()
        if company in NULLISH:
            company = None
        position: str | None = row[i_position].strip()
        if position in NULLISH:
            position = None
        report.rows_imported += 1
        yield Connection(line, first, last, url, email, company, position, connected_on)
