"""Moved on: your connections whose company or title a newer archive showed changed, each with
a draft congratulation (a changed role is the easiest reason to get back in touch).

Listed for a while after the archive that showed the move (MOVED_DAYS), while they are still
your connection, and until you log a contact with them after the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from netview.services.importing.history import same_text
from netview.services.network import LoadedNetwork
from netview.store import history as h

MOVED_DAYS = 90


@dataclass(frozen=True)
class MovedOn:
    person_id: int
    index: int  # in the loaded network
    company: tuple[str | None, str | None]
    position: tuple[str | None, str | None]
    seen: date
    note: str

    def detail(self) -> str:
        """ "now Head of Data at Northwind Traders (was Software Engineer at Nordisk Data)"."""
        now, was = (
            _role(self.position[1], self.company[1]),
            _role(self.position[0], self.company[0]),
        )
        return f"now {now} (was {was})"


def _role(position: str | None, company: str | None) -> str:
    if position and company:
        return f"{position} at {company}"
    return position or company or "?"


def _first(name: str) -> str:
    return name.split()[0] if name.strip() else name


def congratulation(
    name: str, me: str, company: str | None, position: str | None, moved_company: bool
) -> str:
    """A short note to send: new company, or a new title at the same one."""
    if moved_company and company:
        what = f"you've started at {company}" + (f" as {position}" if position else "")
    else:
        what = f"you've taken on a new role{f' as {position}' if position else ''}"
    return (
        f"Hi {_first(name)},\n\nI saw that {what}: congratulations! I'd love to hear how "
        f"it's going whenever you have a moment.\n\nBest,\n{_first(me)}"
    )


def moved_on(session: Session, ln: LoadedNetwork, days: int = MOVED_DAYS) -> list[MovedOn]:
    """Your current connections who moved, seen within `days` and not contacted since, newest
    move first (one entry a person: their latest move)."""
    net = ln.net
    since = ln.today - timedelta(days=days)
    out: dict[int, MovedOn] = {}
    for c in h.changes(session, since):
        if c.kind != "moved" or c.person_id in out:
            continue
        i = net.index_of_id.get(c.person_id)
        if i is None or i == net.owner or net.tie_index(net.owner, i) is None:
            continue  # no longer (or never) your connection
        last = ln.last_with_owner.get(i)
        if last is not None and last.date() >= c.seen:
            continue  # you have been in touch since
        note = congratulation(
            net.names[i] or "", net.names[net.owner] or "", c.company[1], c.position[1],
            not same_text(*c.company),
        )  # fmt: skip
        out[c.person_id] = MovedOn(c.person_id, i, c.company, c.position, c.seen, note)
    return sorted(out.values(), key=lambda m: (-m.seen.toordinal(), net.keys[m.index]))
