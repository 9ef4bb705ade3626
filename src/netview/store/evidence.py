"""Reads and writes of the member's own evidence (calendar, mailbox, address book).

Every table here is private (an `owner` column under row-level security on a team server):
a member reads and writes only their own rows, so nothing filters by owner by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, distinct, func, insert, select
from sqlalchemy.orm import Session

from netview.store.models import (
    EvidenceAddress,
    EvidenceItem,
    EvidencePerson,
    EvidenceReport,
    EvidenceUnknown,
    Interaction,
    InteractionTarget,
    Person,
)

item_t: Table = EvidenceItem.__table__  # type: ignore[assignment]
person_t: Table = EvidencePerson.__table__  # type: ignore[assignment]
address_t: Table = EvidenceAddress.__table__  # type: ignore[assignment]
report_t: Table = EvidenceReport.__table__  # type: ignore[assignment]
unknown_t: Table = EvidenceUnknown.__table__  # type: ignore[assignment]

MEETING = "meeting"
MAIL = "mail"
_CHUNK = 900  # bound parameters per IN (...) well under SQLite's limit


def known_dedups(session: Session, kind: str) -> set[str]:
    stmt = select(EvidenceItem.dedup).where(EvidenceItem.kind == kind)
    return set(session.scalars(stmt))


def addresses(session: Session) -> list[tuple[str, int | None, str]]:
    """(address, person id or None, how) of every address learnt or set."""
    rows = session.execute(
        select(EvidenceAddress.address, EvidenceAddress.person_id, EvidenceAddress.how)
    )
    return [(str(a), int(p) if p is not None else None, str(h)) for a, p, h in rows]


def person_emails(session: Session) -> list[tuple[int, str]]:
    """(person id, e-mail) as the LinkedIn exports gave them (Connections.csv)."""
    rows = session.execute(select(Person.id, Person.email).where(Person.email.is_not(None)))
    return [(int(p), str(e)) for p, e in rows if e]


def add_items(
    session: Session,
    rows: Sequence[dict[str, Any]],
    people: Mapping[str, Iterable[int]],
    unknown: Mapping[str, Iterable[tuple[str, str]]] = {},
) -> None:
    """Insert items (source_id, kind, dedup, at), who took part in each and who in each
    nobody is known as ((who, name): an address or "~" + a folded name), by dedup."""
    if not rows:
        return
    ids: dict[str, int] = {}
    for start in range(0, len(rows), 5000):
        found = session.execute(
            insert(item_t).returning(item_t.c.id, item_t.c.dedup), list(rows[start : start + 5000])
        )
        ids.update({str(d): int(i) for i, d in found})
    links = [
        {"item_id": ids[dedup], "person_id": pid}
        for dedup, pids in people.items()
        if dedup in ids
        for pid in sorted(set(pids))
    ]
    for start in range(0, len(links), 5000):
        session.execute(insert(person_t), links[start : start + 5000])
    strangers = [
        {"item_id": ids[dedup], "who": who, "name": name[:400]}
        for dedup, found in unknown.items()
        if dedup in ids
        for who, name in dict(found).items()
    ]
    for start in range(0, len(strangers), 5000):
        session.execute(insert(unknown_t), strangers[start : start + 5000])


def add_addresses(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(address_t), list(rows))


def set_address(session: Session, address: str, person_id: int | None, how: str) -> None:
    """An address set by hand (`netview my-address`): replaces what was set by hand before."""
    session.execute(
        delete(EvidenceAddress).where(
            EvidenceAddress.address == address, EvidenceAddress.source_id.is_(None)
        )
    )
    session.execute(
        insert(address_t).values(source_id=None, address=address, person_id=person_id, how=how)
    )


def save_report(session: Session, source_id: int, report: str) -> None:
    session.execute(insert(report_t).values(source_id=source_id, report=report))


def report_of(session: Session, source_id: int) -> str | None:
    stmt = select(EvidenceReport.report).where(EvidenceReport.source_id == source_id)
    return session.scalar(stmt)


@dataclass
class Participation:
    """Evidence items with who took part: the raw material of evidence ties."""

    item: list[int]  # parallel lists, one entry per (item, person)
    person: list[int]
    kind: dict[int, str]  # item id -> "meeting" | "mail"
    at: dict[int, datetime]  # item id -> when


def participation(session: Session) -> Participation:
    items = session.execute(select(EvidenceItem.id, EvidenceItem.kind, EvidenceItem.at)).all()
    links = session.execute(select(EvidencePerson.item_id, EvidencePerson.person_id)).all()
    return Participation(
        item=[int(i) for i, _ in links],
        person=[int(p) for _, p in links],
        kind={int(i): str(k) for i, k, _ in items},
        at={int(i): at for i, _, at in items},
    )


def counts(session: Session) -> dict[str, int]:
    """Meetings and e-mails imported, and contacts: people met or e-mailed at least once."""
    rows = session.execute(select(EvidenceItem.kind, func.count()).group_by(EvidenceItem.kind))
    kinds = {str(k): int(n) for k, n in rows}
    contacts = session.scalar(select(func.count(distinct(EvidencePerson.person_id)))) or 0
    return {
        "meetings": int(kinds.get(MEETING, 0)),
        "emails": int(kinds.get(MAIL, 0)),
        "contacts": int(contacts),
    }


def last_with_people(session: Session) -> dict[int, datetime]:
    """Newest evidence item per person taking part (the owner took part in every one)."""
    rows = session.execute(
        select(EvidencePerson.person_id, func.max(EvidenceItem.at))
        .join(EvidenceItem, EvidenceItem.id == EvidencePerson.item_id)
        .group_by(EvidencePerson.person_id)
    )
    return {int(p): at for p, at in rows if at is not None}


def items_of_source(session: Session, source_id: int) -> int:
    stmt = select(func.count()).select_from(EvidenceItem).where(EvidenceItem.source_id == source_id)
    return int(session.scalar(stmt) or 0)


def group_conversations(session: Session, most: int) -> list[tuple[list[int], datetime, int]]:
    """LinkedIn conversations of three to `most` + 1 people: (members, newest message, number
    of messages). Whoever wrote in one or was written to in it is a member."""
    it = InteractionTarget
    wrote = select(Interaction.conversation_id, Interaction.actor_id).where(
        Interaction.conversation_id.is_not(None), Interaction.kind == "message"
    )
    read = (
        select(Interaction.conversation_id, it.person_id)
        .join(it, it.interaction_id == Interaction.id)
        .where(Interaction.conversation_id.is_not(None), Interaction.kind == "message")
    )
    members: dict[str, set[int]] = {}
    for cid, pid in [*session.execute(wrote), *session.execute(read)]:
        members.setdefault(str(cid), set()).add(int(pid))
    groups = {c: m for c, m in members.items() if 3 <= len(m) <= most + 1}
    if not groups:
        return []
    stats = session.execute(
        select(Interaction.conversation_id, func.max(Interaction.occurred_at), func.count())
        .where(Interaction.conversation_id.is_not(None), Interaction.kind == "message")
        .group_by(Interaction.conversation_id)
    )
    out = []
    for cid, last, n in stats:
        m = groups.get(str(cid))
        if m is not None and last is not None:
            at = last if isinstance(last, datetime) else datetime.fromisoformat(str(last))
            out.append((sorted(m), at, int(n)))
    return out


def unknown_people(session: Session) -> list[tuple[str, str, int, datetime]]:
    """(who, a name given, items, newest) of everyone no LinkedIn person matched, most first."""
    rows = session.execute(
        select(
            EvidenceUnknown.who,
            func.max(EvidenceUnknown.name),
            func.count(),
            func.max(EvidenceItem.at),
        )
        .join(EvidenceItem, EvidenceItem.id == EvidenceUnknown.item_id)
        .group_by(EvidenceUnknown.who)
    ).all()
    out = [(str(w), str(n or ""), int(c), _when(at)) for w, n, c, at in rows]
    return sorted(out, key=lambda r: (-r[2], r[0]))


def _when(at: object) -> datetime:
    # max() over a joined column loses the DateTime type on SQLite: parse the text
    return at if isinstance(at, datetime) else datetime.fromisoformat(str(at))


def attach(session: Session, who: str, person_id: int) -> int:
    """The items `who` took part in count for the person now; how many."""
    items = [
        int(i)
        for i in session.scalars(select(EvidenceUnknown.item_id).where(EvidenceUnknown.who == who))
    ]
    have = set(
        session.scalars(select(EvidencePerson.item_id).where(EvidencePerson.person_id == person_id))
    )
    new = [{"item_id": i, "person_id": person_id} for i in items if i not in have]
    if new:
        session.execute(insert(person_t), new)
    session.execute(delete(EvidenceUnknown).where(EvidenceUnknown.who == who))
    if not who.startswith("~"):
        set_address(session, who, person_id, "hand")
    return len(items)
