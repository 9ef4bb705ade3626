"""Reads and writes of the member's own evidence (calendar, mailbox, address book).

Every table here is private (an `owner` column under row-level security on a team server):
a member reads and writes only their own rows, so nothing filters by owner by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, distinct, func, insert, select, update
from sqlalchemy.orm import Session

from netview.core import ids
from netview.store.importing import insert_ignore, next_id, psource_t, source_t, sync_id_sequence
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

# (who, name given) -> the matcher's key of that name, kept with a stranger's row
# (EvidenceUnknown.name_key): the matcher lives above the store, so its callers pass it.
NameKey = Callable[[str, str], str]


def add_source(session: Session, **values: Any) -> int:
    """The source row of one evidence file (kind, label, content_hash, owner_id,
    imported_at): its id, under which everything the file brings is kept."""
    source_id = next_id(session, source_t.c.id)
    session.execute(insert(source_t).values(id=source_id, **values))
    sync_id_sequence(session.connection(), source_t)
    return source_id


def people_names(session: Session) -> list[tuple[int, str]]:
    """(id, name) of everyone: the names evidence is matched by."""
    return [(int(p), str(n or "")) for p, n in session.execute(select(Person.id, Person.name))]


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
    name_key: NameKey | None = None,
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
        _stranger(ids[dedup], who, name, name_key)
        for dedup, found in unknown.items()
        if dedup in ids
        for who, name in dict(found).items()
    ]
    for start in range(0, len(strangers), 5000):
        session.execute(insert(unknown_t), strangers[start : start + 5000])


def _stranger(item: int, who: str, name: str, name_key: NameKey | None) -> dict[str, Any]:
    key = name_key(who, name) if name_key is not None else None
    return {"item_id": item, "who": who, "name": name[:400], "name_key": key}


def add_addresses(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(address_t), list(rows))


def set_address(session: Session, address: str, person_id: int | None, how: str) -> None:
    """An address set by hand: `netview my-address` ("mine", "not-mine") replaces what it
    said before, `netview address` ("hand": whom it is) what that said; the two stand side
    by side (an address not yours after all may still be someone's)."""
    family = ("mine", "not-mine") if how in ("mine", "not-mine") else (how,)
    session.execute(
        delete(EvidenceAddress).where(
            EvidenceAddress.address == address,
            EvidenceAddress.source_id.is_(None),
            EvidenceAddress.how.in_(family),
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
    items = session.execute(
        select(EvidenceItem.id, EvidenceItem.kind, EvidenceItem.at).where(EvidenceItem.counted)
    ).all()
    links = session.execute(select(EvidencePerson.item_id, EvidencePerson.person_id)).all()
    return Participation(
        item=[int(i) for i, _ in links],
        person=[int(p) for _, p in links],
        kind={int(i): str(k) for i, k, _ in items},
        at={int(i): at for i, _, at in items},
    )


def counts(session: Session) -> dict[str, int]:
    """Meetings and e-mails imported, and contacts: people met or e-mailed at least once."""
    rows = session.execute(
        select(EvidenceItem.kind, func.count())
        .where(EvidenceItem.counted)
        .group_by(EvidenceItem.kind)
    )
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


def unknown_names(session: Session, word: str = "") -> list[tuple[str, str]]:
    """(who, a name given) of everyone no LinkedIn person matched, without counting; with
    `word` (lower case), only names containing it, or a "~name" that does."""
    stmt = select(EvidenceUnknown.who, func.max(EvidenceUnknown.name)).group_by(EvidenceUnknown.who)
    if word:
        stmt = stmt.where(
            func.lower(EvidenceUnknown.name).contains(word, autoescape=True)
            | EvidenceUnknown.who.contains(word, autoescape=True)
        )
    return [(str(w), str(n or "")) for w, n in session.execute(stmt)]


def unknown_under_key(session: Session, key: str, word: str) -> list[tuple[str, str]]:
    """(who, a name given) of the strangers kept under the name key `key` (an indexed
    look-up), and of those kept without one (before migration 0015) whose name or
    "~name" contains `word` (lower case), as unknown_names reads them."""
    keyed = (
        select(EvidenceUnknown.who)
        .where(EvidenceUnknown.name_key == key)
        .distinct()
        .scalar_subquery()
    )
    unkeyed = select(EvidenceUnknown.who).where(EvidenceUnknown.name_key.is_(None))
    if word:
        unkeyed = unkeyed.where(
            func.lower(EvidenceUnknown.name).contains(word, autoescape=True)
            | EvidenceUnknown.who.contains(word, autoescape=True)
        )
    old = unkeyed.distinct().scalar_subquery()
    stmt = (
        select(EvidenceUnknown.who, func.max(EvidenceUnknown.name))
        .where(EvidenceUnknown.who.in_(keyed) | EvidenceUnknown.who.in_(old))
        .group_by(EvidenceUnknown.who)
    )
    return [(str(w), str(n or "")) for w, n in session.execute(stmt)]


def unknown_counts(session: Session, whos: Sequence[str]) -> list[tuple[str, int, datetime]]:
    """(who, items, newest) of the given strangers, most first."""
    if not whos:
        return []
    stmt = (
        select(EvidenceUnknown.who, func.count(), func.max(EvidenceItem.at))
        .join(EvidenceItem, EvidenceItem.id == EvidenceUnknown.item_id)
        .where(EvidenceUnknown.who.in_(list(whos[:_CHUNK])))
        .group_by(EvidenceUnknown.who)
    )
    out = [(str(w), int(c), _when(at)) for w, c, at in session.execute(stmt)]
    return sorted(out, key=lambda r: (-r[1], r[0]))


def _when(at: object) -> datetime:
    # max() over a joined column loses the DateTime type on SQLite: parse the text
    return at if isinstance(at, datetime) else datetime.fromisoformat(str(at))


def attach(session: Session, who: str, person_id: int) -> tuple[list[int], list[int]]:
    """The items `who` took part in count for the person now: (items, those of them the
    person was not in yet, whose links an undo takes away again)."""
    items = [
        int(i)
        for i in session.scalars(select(EvidenceUnknown.item_id).where(EvidenceUnknown.who == who))
    ]
    have = set(
        session.scalars(select(EvidencePerson.item_id).where(EvidencePerson.person_id == person_id))
    )
    added = sorted({i for i in items if i not in have})
    if added:
        session.execute(insert(person_t), [{"item_id": i, "person_id": person_id} for i in added])
    session.execute(delete(EvidenceUnknown).where(EvidenceUnknown.who == who))
    # "~name" too: re-reading the evidence (your addresses corrected) keeps the attachment.
    set_address(session, who, person_id, "hand")
    return items, added


def attached_by_hand(session: Session, who: str) -> int | None:
    """The person `who` was attached to by hand (`netview address`), if any."""
    stmt = select(EvidenceAddress.person_id).where(
        EvidenceAddress.address == who,
        EvidenceAddress.source_id.is_(None),
        EvidenceAddress.how == "hand",
    )
    found = session.scalars(stmt).first()
    return int(found) if found is not None else None


def attached_to(session: Session, person_id: int) -> list[str]:
    """Everyone attached by hand to the person (addresses and "~names")."""
    stmt = select(EvidenceAddress.address).where(
        EvidenceAddress.person_id == person_id,
        EvidenceAddress.source_id.is_(None),
        EvidenceAddress.how == "hand",
    )
    return sorted(str(a) for a in session.scalars(stmt))


def unattach(
    session: Session,
    who: str,
    person_id: int,
    added: Sequence[int],
    rows: Sequence[tuple[int, str]],
    before: int | None,
    name_key: NameKey | None = None,
) -> None:
    """Undo `attach`: the links it added go, `who` is unknown again in `rows` ((item, name
    given)), and the hand-set address says what it said `before` (None: nothing)."""
    for start in range(0, len(added), _CHUNK):
        chunk = list(added[start : start + _CHUNK])
        session.execute(
            delete(EvidencePerson).where(
                EvidencePerson.person_id == person_id, EvidencePerson.item_id.in_(chunk)
            )
        )
    restore_unknown(session, who, rows, name_key)
    forget_hand_address(session, who)
    if before is not None:
        set_address(session, who, before, "hand")


def hand_addresses(session: Session) -> set[str]:
    """Everyone attached to a person by hand (addresses and "~names")."""
    stmt = select(EvidenceAddress.address).where(
        EvidenceAddress.source_id.is_(None), EvidenceAddress.how == "hand"
    )
    return {str(a) for a in session.scalars(stmt)}


def boxes_of(session: Session, source_id: int | None = None) -> Iterable[str]:
    """Who was on each item (EvidenceItem.boxes, JSON) of one source, or of all; streamed."""
    stmt = select(EvidenceItem.boxes).where(EvidenceItem.boxes.is_not(None))
    if source_id is not None:
        stmt = stmt.where(EvidenceItem.source_id == source_id)
    for boxes in session.execute(stmt.execution_options(yield_per=5000)).scalars():
        yield str(boxes)


def items_without_boxes(session: Session) -> bool:
    """Whether any item was imported before its participants were kept (migration 0013)."""
    stmt = select(EvidenceItem.id).where(EvidenceItem.boxes.is_(None)).limit(1)
    return session.scalar(stmt) is not None


def forget_hand_address(session: Session, who: str) -> None:
    session.execute(
        delete(EvidenceAddress).where(
            EvidenceAddress.address == who,
            EvidenceAddress.source_id.is_(None),
            EvidenceAddress.how == "hand",
        )
    )


# --- keeping someone as a contact of your own --------------------------------------------


def unknown_rows(session: Session, who: str) -> list[tuple[int, str]]:
    """(item, name given) of every item `who` is unknown in."""
    stmt = select(EvidenceUnknown.item_id, EvidenceUnknown.name).where(EvidenceUnknown.who == who)
    return [(int(i), str(n or "")) for i, n in session.execute(stmt)]


def sources_of_items(session: Session, items: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for start in range(0, len(items), _CHUNK):
        chunk = list(items[start : start + _CHUNK])
        stmt = select(EvidenceItem.source_id).where(EvidenceItem.id.in_(chunk)).distinct()
        out.update(int(s) for s in session.scalars(stmt))
    return out


def add_contact(session: Session, key: str, name: str, sources: Iterable[int]) -> int:
    """A person of your own, attested by the evidence files they were found in: forgetting
    the last of those removes them as it removes a LinkedIn person only one archive named.
    No name key: LinkedIn's messages and archives never match a name onto them."""
    person = Person(key=key, name=name, name_key="", created_at=datetime.now())
    session.add(person)
    session.flush()
    for source_id in set(sources):
        link_people(session, source_id, [person.id])
    return int(person.id)


def contact_keys(session: Session) -> list[str]:
    """Keys of the people you kept as contacts of your own."""
    stmt = select(Person.key).where(Person.key.like(f"{ids.CONTACT_PREFIX}%")).order_by(Person.key)
    return [str(k) for k in session.scalars(stmt)]


def contact_ids(session: Session) -> set[int]:
    stmt = select(Person.id).where(Person.key.like(f"{ids.CONTACT_PREFIX}%"))
    return {int(p) for p in session.scalars(stmt)}


def link_people(session: Session, source_id: int, people: Iterable[int]) -> None:
    """These people are attested by this source too (forgetting another keeps them)."""
    links = [{"person_id": p, "source_id": source_id} for p in sorted(set(people))]
    insert_ignore(session, psource_t, links)


def restore_unknown(
    session: Session, who: str, rows: Sequence[tuple[int, str]], name_key: NameKey | None = None
) -> None:
    """Put back the items `who` was unknown in (undoing a keep or an attach)."""
    if rows:
        session.execute(insert(unknown_t), [_stranger(i, who, n, name_key) for i, n in rows])


# --- re-reading what was imported --------------------------------------------------------


@dataclass
class Stored:
    """An item as imported, with who was on it (JSON, see EvidenceItem.boxes)."""

    id: int
    kind: str
    at: datetime
    counted: bool
    boxes: str


def stored_items(session: Session, skip_source: int | None = None) -> list[Stored]:
    """Every item imported with its participants kept (migration 0013 on), but those of
    `skip_source`."""
    stmt = select(
        EvidenceItem.id,
        EvidenceItem.kind,
        EvidenceItem.at,
        EvidenceItem.counted,
        EvidenceItem.boxes,
    ).where(EvidenceItem.boxes.is_not(None))
    if skip_source is not None:
        stmt = stmt.where(EvidenceItem.source_id != skip_source)
    return [Stored(int(i), str(k), at, bool(c), str(b)) for i, k, at, c, b in session.execute(stmt)]


def people_of_items(session: Session) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for item, pid in session.execute(select(EvidencePerson.item_id, EvidencePerson.person_id)):
        out.setdefault(int(item), set()).add(int(pid))
    return out


def unknown_of_items(session: Session) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    stmt = select(EvidenceUnknown.item_id, EvidenceUnknown.who, EvidenceUnknown.name)
    for item, who, name in session.execute(stmt):
        out.setdefault(int(item), {})[str(who)] = str(name or "")
    return out


def replace_items(
    session: Session,
    counted: Mapping[int, bool],
    people: Mapping[int, Iterable[int]],
    unknown: Mapping[int, Mapping[str, str]],
    name_key: NameKey | None = None,
) -> None:
    """Items read again: whether each counts, who took part and who is not known, anew.
    Only the items given change (every one in `counted`)."""
    items = sorted(counted)
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        session.execute(delete(EvidencePerson).where(EvidencePerson.item_id.in_(chunk)))
        session.execute(delete(EvidenceUnknown).where(EvidenceUnknown.item_id.in_(chunk)))
    for value in (True, False):
        flip = [i for i in items if counted[i] is value]
        for start in range(0, len(flip), _CHUNK):
            session.execute(
                update(EvidenceItem)
                .where(EvidenceItem.id.in_(flip[start : start + _CHUNK]))
                .values(counted=value)
            )
    links = [{"item_id": i, "person_id": p} for i in items for p in sorted(set(people.get(i, ())))]
    for start in range(0, len(links), 5000):
        session.execute(insert(person_t), links[start : start + 5000])
    strangers = [
        _stranger(i, who, name, name_key) for i in items for who, name in unknown.get(i, {}).items()
    ]
    for start in range(0, len(strangers), 5000):
        session.execute(insert(unknown_t), strangers[start : start + 5000])
