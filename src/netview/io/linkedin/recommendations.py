"""Recommendations_Received.csv and Recommendations_Given.csv (no profile URL: names only)."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Recommendation
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.html import to_text
from netview.io.linkedin.rowloop import HIDDEN, read_rows, when
from netview.io.linkedin.text import Header, opt_at

Rows = Iterable[tuple[int, list[str]]]


def read_recommendations(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None, *, received: bool
) -> list[Recommendation]:
    col = header.index()
    i_first, i_last, i_text = col["first name"], col["last name"], col["text"]
    i_company, i_title = col.get("company"), col.get("job title")
    i_date, i_status = col.get("creation date"), col.get("status")

    def build(line: int, row: list[str]) -> Recommendation | None:
        first, last = row[i_first].strip(), row[i_last].strip()
        if not first and not last:
            return HIDDEN
        return Recommendation(
            line=line,
            received=received,
            first_name=first,
            last_name=last,
            company=opt_at(row, i_company),
            job_title=opt_at(row, i_title),
            text=to_text(row[i_text]),
            created_at=when(opt_at(row, i_date), parse_datetime, day_first),
            status=opt_at(row, i_status),
        )

    needed = max(i_first, i_last, i_text) + 1
    return read_rows(rows, len(header.names), needed, report, build)
