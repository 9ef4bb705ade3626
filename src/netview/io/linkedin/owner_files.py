"""The owner's own files: Profile.csv (2018 adds columns) and Positions.csv."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Position, Profile
from netview.io.linkedin.dates import parse_date
from netview.io.linkedin.rowloop import SkipRow, read_rows, when
from netview.io.linkedin.text import Header, opt_at

Rows = Iterable[tuple[int, list[str]]]


def read_profile(rows: Rows, header: Header, report: FileReport) -> Profile | None:
    """The first row of Profile.csv; a second row (never seen) is skipped."""
    col = header.index()
    i_first, i_last = col["first name"], col["last name"]
    i_location = col.get("geo location", col.get("country"))
    found: list[Profile] = []

    def build(line: int, row: list[str]) -> Profile:
        if found:
            raise SkipRow("Profile.csv holds one person; extra row ignored")
        found.append(
            Profile(
                line=line,
                first_name=row[i_first].strip(),
                last_name=row[i_last].strip(),
                headline=opt_at(row, col.get("headline")),
                industry=opt_at(row, col.get("industry")),
                location=opt_at(row, i_location),
            )
        )
        return found[0]

    read_rows(rows, len(header.names), max(i_first, i_last) + 1, report, build)
    return found[0] if found else None


def read_positions(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None
) -> list[Position]:
    col = header.index()
    i_company = col["company name"]
    i_title, i_location = col.get("title"), col.get("location")
    i_start, i_end = col.get("started on"), col.get("finished on")

    def build(line: int, row: list[str]) -> Position:
        return Position(
            line=line,
            company=row[i_company].strip(),
            title=opt_at(row, i_title),
            location=opt_at(row, i_location),
            started_on=when(opt_at(row, i_start), parse_date, day_first),
            finished_on=when(opt_at(row, i_end), parse_date, day_first),  # empty: current
        )

    return read_rows(rows, len(header.names), i_company + 1, report, build)
