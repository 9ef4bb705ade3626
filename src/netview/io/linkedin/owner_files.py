"""The owner's own files: Profile.csv (2018 adds columns) and Positions.csv."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Position, Profile
from netview.io.linkedin.dates import parse_date
from netview.io.linkedin.text import Header, opt_at

Rows = Iterable[tuple[int, list[str]]]


def read_profile(rows: Rows, header: Header, report: FileReport) -> Profile | None:
    """The first row of Profile.csv; a second row (never seen) is skipped."""
    col = header.index()
    i_first, i_last = col["first name"], col["last name"]
    i_location = col.get("geo location", col.get("country"))
    profile: Profile | None = None
    for line, row in rows:
        report.rows_read += 1
        if profile is not None:
            report.skip(line, "Profile.csv holds one person; extra row ignored")
            continue
        if len(row) <= max(i_first, i_last):
            report.skip(line, f"row has {len(row)} cells, the header {len(header.names)}")
            continue
        profile = Profile(
            line=line,
            first_name=row[i_first].strip(),
            last_name=row[i_last].strip(),
            headline=opt_at(row, col.get("headline")),
            industry=opt_at(row, col.get("industry")),
            location=opt_at(row, i_location),
        )
        report.rows_imported += 1
    return profile


def read_positions(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None
) -> list[Position]:
    col = header.index()
    i_company = col["company name"]
    i_title, i_location = col.get("title"), col.get("location")
    i_start, i_end = col.get("started on"), col.get("finished on")
    out: list[Position] = []
    for line, row in rows:
        report.rows_read += 1
        if len(row) <= i_company:
            report.skip(line, f"row has {len(row)} cells, the header {len(header.names)}")
            continue
        company = row[i_company].strip()
        try:
            raw = opt_at(row, i_start)
            started = parse_date(raw, day_first) if raw else None
            raw = opt_at(row, i_end)
            finished = parse_date(raw, day_first) if raw else None  # empty: the current position
        except ValueError:
            report.skip(line, f"unreadable date {raw!r}")
            continue
        out.append(
            Position(
                line=line,
                company=company,
                title=opt_at(row, i_title),
                location=opt_at(row, i_location),
                started_on=started,
                finished_on=finished,
            )
        )
    report.rows_imported += len(out)
    return out
