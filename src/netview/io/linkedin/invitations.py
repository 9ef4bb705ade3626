"""Invitations.csv: with profile URLs (2024 on), member URNs (2023) or no profile columns."""

from __future__ import annotations

from collections.abc import Iterable

from netview.core.records import FileReport, Invitation
from netview.io.linkedin.dates import parse_datetime
from netview.io.linkedin.text import Header, opt, opt_at

Rows = Iterable[tuple[int, list[str]]]


def read_invitations(
    rows: Rows, header: Header, report: FileReport, day_first: bool | None = None
) -> list[Invitation]:
    col = header.index()
    i_from, i_to, i_sent, i_dir = col["from"], col["to"], col["sent at"], col["direction"]
    i_message = col.get("message")
    # URLs when the file has them, else the URNs of 2023 files (kept as written).
    i_inviter = col.get("inviterprofileurl", col.get("inviterprofileurn"))
    i_invitee = col.get("inviteeprofileurl", col.get("inviteeprofileurn"))
    needed = max(i_from, i_to, i_sent, i_dir) + 1
    out: list[Invitation] = []
    for line, row in rows:
        report.rows_read += 1
        if len(row) < needed:
            report.skip(line, f"row has {len(row)} cells, the header {len(header.names)}")
            continue
        direction = row[i_dir].strip().upper()
        if direction == "OUTGOING":
            outgoing = True
        elif direction == "INCOMING":
            outgoing = False
        else:
            report.skip(line, f"unknown direction {row[i_dir].strip()!r}")
            continue
        raw_date = row[i_sent].strip()
        sent_at = None
        if opt(raw_date) is not None:
            try:
                sent_at = parse_datetime(raw_date, day_first)
            except ValueError:
                report.skip(line, f"unreadable date {raw_date!r}")
                continue
        out.append(
            Invitation(
                line=line,
                from_name=row[i_from].strip(),
                to_name=row[i_to].strip(),
                sent_at=sent_at,
                message=opt_at(row, i_message),
                outgoing=outgoing,
                inviter_url=opt_at(row, i_inviter),
                invitee_url=opt_at(row, i_invitee),
            )
        )
    report.rows_imported += len(out)
    return out
