"""Endorsement_Received_Info.csv and Endorsement_Given_Info.csv (URLs without scheme)."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import Endorsement, FileReport
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.text import Header, opt, opt_at

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
    needed = max(i_skill, i_first, i_last) + 1
    out: list[Endorsement] = []
    for line, row in rows:
        report.rows_read += 1
        if len(row) < needed:
            report.skip(line, f"row has {len(row)} cells, the header {len(header.names)}")
            continue
        first, last = row[i_first].strip(), row[i_last].strip()
        url = opt_at(row, i_url)
        if not first and not last and url is None:
            report.hidden += 1
            continue
        raw_date = row[i_date].strip() if i_date is not None and i_date < len(row) else ""
        endorsed_at = None
        if opt(raw_date) is not None:
            try:
                endorsed_at = parse_datetime(raw_date, day_first)
            except ValueError:
                report.skip(line, f"unreadable date {raw_date!r}")
                continue
        out.append(
            Endorsement(
                line=line,
                received=received,
                endorsed_at=endorsed_at,
                skill=row[i_skill].strip(),
                first_name=first,
                last_name=last,
                url=url,
                status=opt_at(row, i_status),
            )
        )
    report.rows_imported += len(out)
    return out
