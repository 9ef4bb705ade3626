"""Connections.csv: the owner's 1st-degree list (with or without the URL column)."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import Connection, FileReport
from netview.io.linkedin.dates import parse_date
from netview.io.linkedin.text import Header, opt

Rows = Iterable[tuple[int, list[str]]]


def read_connections(rows: Rows, header: Header, report: FileReport) -> list[Connection]:
    col = header.index()
    i_first, i_last, i_date = col["first name"], col["last name"], col["connected on"]
    i_url = col.get("url")
    i_email = col.get("email address")
    i_company = col.get("company")
    i_position = col.get("position")
    needed = max(i_first, i_last, i_date) + 1
    width = len(header.names)
    out: list[Connection] = []
    append = out.append
    for line, row in rows:
        report.rows_read += 1
        n = len(row)
        if n < needed:
            report.skip(line, f"row has {n} cells, the header {width}")
            continue
        first = row[i_first].strip()
        last = row[i_last].strip()
        url = opt(row[i_url]) if i_url is not None and i_url < n else None
        if not first and not last and url is None:
            report.hidden += 1  # a member who hides their details: only the date is left
            continue
        raw_date = row[i_date].strip()
        connected_on = None
        if raw_date and opt(raw_date) is not None:
            try:
                connected_on = parse_date(raw_date)
            except ValueError:
                report.skip(line, f"unreadable date {raw_date!r}")
                continue
        append(
            Connection(
                line=line,
                first_name=first,
                last_name=last,
                url=url,
                email=opt(row[i_email]) if i_email is not None and i_email < n else None,
                company=opt(row[i_company]) if i_company is not None and i_company < n else None,
                position=opt(row[i_position])
                if i_position is not None and i_position < n
                else None,
                connected_on=connected_on,
            )
        )
    report.rows_imported += len(out)
    return out
