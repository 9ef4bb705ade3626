"""Invitations.csv: with profile URLs (2024 on), member URNs (2023) or no profile columns."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Invitation
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.rowloop import SkipRow, read_rows, when
from netview.io.linkedin.text import Header, opt_at

Rows = Iterable[tuple[int, list[str]]]

_DIRECTIONS = {"OUTGOING": True, "INCOMING": False}


def read_invitations(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None
) -> list[Invitation]:
    col = header.index()
    i_from, i_to, i_sent, i_dir = col["from"], col["to"], col["sent at"], col["direction"]
    i_message = col.get("message")
    # URLs when the file has them, else the URNs of 2023 files (kept as written).
    i_inviter = col.get("inviterprofileurl", col.get("inviterprofileurn"))
    i_invitee = col.get("inviteeprofileurl", col.get("inviteeprofileurn"))

    def build(line: int, row: list[str]) -> Invitation:
        outgoing = _DIRECTIONS.get(row[i_dir].strip().upper())
        if outgoing is None:
            raise SkipRow(f"unknown direction {row[i_dir].strip()!r}")
        return Invitation(
            line=line,
            from_name=row[i_from].strip(),
            to_name=row[i_to].strip(),
            sent_at=when(row[i_sent], parse_datetime, day_first),
            message=opt_at(row, i_message),
            outgoing=outgoing,
            inviter_url=opt_at(row, i_inviter),
            invitee_url=opt_at(row, i_invitee),
        )

    needed = max(i_from, i_to, i_sent, i_dir) + 1
    return read_rows(rows, len(header.names), needed, report, build)
