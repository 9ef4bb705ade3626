"""Recommendations_Received.csv and Recommendations_Given.csv (no profile URL: names only)."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Recommendation
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.html import to_text
from netview.io.linkedin.text import Header, opt, opt_at

Rows = Iterable[tuple[int, list[str]]]


def read_recommendations(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None, *, received: bool
) -> list[Recommendation]:
    col = header.index()
    i_first, i_last, i_text = col["first name"], col["last name"], col["text"]
    i_company, i_title = col.get("company"), col.get("job title")
    i_date, i_status = col.get("creation date"), col.get("status")
    needed = max(i_first, i_last, i_text) + 1
    out: list[Recommendation] = []
    for line, row in rows:
        report.rows_read += 1
        if len(row) < needed:
            report.skip(line, f"row has {len(row)} cells, the header {len(header.names)}")
            continue
        first, last = row[i_first].strip(), row[i_last].strip()
        if not first and not last:
            report.hidden += 1
            continue
        raw_date = row[i_date].strip() if i_date is not None and i_date < len(row) else ""
        created_at = None
        if opt(raw_date) is not None:
            try:
                created_at = parse_datetime(raw_date, day_first)
            except ValueError:
                report.skip(line, f"unreadable date {raw_date!r}")
                continue
        out.append(
            Recommendation(
                line=line,
                received=received,
                first_name=first,
                last_name=last,
                company=opt_at(row, i_company),
                job_title=opt_at(row, i_title),
                text=to_text(row[i_text]),
                created_at=created_at,
                status=opt_at(row, i_status),
            )
        )
    report.rows_imported += len(out)
    return out
