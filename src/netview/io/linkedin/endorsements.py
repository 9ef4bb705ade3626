"""Endorsement_Received_Info.csv and Endorsement_Given_Info.csv (URLs without scheme)."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import Endorsement, FileReport
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.rowloop import HIDDEN, read_rows, when
from netview.io.linkedin.text import Header, opt_at

Rows = Iterable[tuple[int, list[str]]]


def read_endorsements(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None, *, received: bool
) -> list[Endorsement]:
    col = header.index()
    who = "endorser" if received else "endorsee"
    i_skill = col["skill name"]
    i_first, i_last = col[f"{who} first name"], col[f"{who} last name"]
    i_url = col.get(f"{who} public url")
    i_date = col.get("endorsement date")
    i_status = col.get("endorsement status")

    def build(line: int, row: list[str]) -> Endorsement | None:
        first, last = row[i_first].strip(), row[i_last].strip()
        url = opt_at(row, i_url)
        if not first and not last and url is None:
            return HIDDEN
        return Endorsement(
            line=line,
            received=received,
            endorsed_at=when(opt_at(row, i_date), parse_datetime, day_first),
            skill=row[i_skill].strip(),
            first_name=first,
            last_name=last,
            url=url,
            status=opt_at(row, i_status),
        )

    needed = max(i_skill, i_first, i_last) + 1
    return read_rows(rows, len(header.names), needed, report, build)
