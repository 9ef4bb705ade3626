"""Forgetting a source: it goes, with every person, tie and interaction only it provided.

What other sources also attest stays. User data of removed people (groups, notes, follow-ups,
touches) goes with them through ON DELETE CASCADE. Rows the source's import changed are put
back as they were (netview.store.undo), and ties it dated earlier get their date back from
the sources that remain.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from netview.store import undo
from netview.store.importing import ME_KEY, me_id
from netview.store.models import (
    Interaction,
    InteractionSource,
    Meta,
    Person,
    PersonAlias,
    PersonSource,
    Source,
    Tie,
    TieSource,
)


@dataclass
class Forgotten:
    source_id: int
    label: str
    people: int
    ties: int
    interactions: int
    meetings: int = 0  # of your own calendars and mailboxes (counted by the service)
    emails: int = 0


def _only(
    session: Session,
    link: type[PersonSource | TieSource | InteractionSource],
    column: str,
    source_id: int,
) -> list[int]:
    """Ids linked to `source_id` and to no other source."""
    col = getattr(link, column)
    others = select(col).where(link.source_id != source_id)
    stmt = select(col).where(link.source_id == source_id, col.not_in(others))
    return [int(v) for v in session.scalars(stmt)]


def _delete_in(session: Session, column: object, ids: list[int]) -> None:
    for start in range(0, len(ids), 900):
        session.execute(delete(column.table).where(column.in_(ids[start : start + 900])))  # type: ignore[attr-defined]


def forget_source(session: Session, source_id: int) -> Forgotten:
    label = session.scalar(select(Source.label).where(Source.id == source_id))
    if label is None:
        raise LookupError(source_id)
    people = _only(session, PersonSource, "person_id", source_id)
    ties = _only(session, TieSource, "tie_id", source_id)
    events = _only(session, InteractionSource, "interaction_id", source_id)
    shared_ties = [
        int(t)
        for t in session.scalars(select(TieSource.tie_id).where(TieSource.source_id == source_id))
        if int(t) not in set(ties)
    ]
    before, aliases = undo.load(session, source_id)
    later = undo.later_sources(session, source_id)

    _delete_in(session, Interaction.id, events)
    _delete_in(session, Tie.id, ties)
    session.execute(delete(Source).where(Source.id == source_id))  # links cascade
    # A tie other sources also attest keeps the earliest date those sources give.
    for tie_id in shared_ties:
        earliest = session.scalar(
            select(func.min(TieSource.connected_on)).where(TieSource.tie_id == tie_id)
        )
        session.execute(update(Tie).where(Tie.id == tie_id).values(connected_on=earliest))

    gone = set(people)
    me = me_id(session)
    _delete_in(session, Person.id, people)
    for start in range(0, len(aliases), 900):
        session.execute(
            delete(PersonAlias).where(PersonAlias.alias.in_(aliases[start : start + 900]))
        )
    for pid, row in before.items():
        if pid in gone:
            continue
        # A later import changed this person again: its record of "before" now has to go back
        # to the state before this source, and the newer facts stay.
        newer = next((s for s in later if pid in undo.load(session, s)[0]), None)
        if newer is not None:
            rows, their_aliases = undo.load(session, newer)
            rows[pid] = row
            undo.save(session, newer, rows, their_aliases)
        else:
            undo.restore_person(session, row)
    undo.drop(session, source_id)

    if me is not None and me in gone:
        session.execute(delete(Meta).where(Meta.key == ME_KEY))
    return Forgotten(source_id, label, len(people), len(ties), len(events))
