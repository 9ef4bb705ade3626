"""The imported sources, with what each attests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netview.store.models import (
    EvidenceReport,
    InteractionSource,
    Person,
    PersonSource,
    Source,
    TieSource,
)


@dataclass
class SourceRow:
    id: int
    label: str
    kind: str
    owner_key: str | None
    owner_name: str | None
    imported_at: datetime
    people: int
    ties: int
    interactions: int


def _counts(
    session: Session, link: type[PersonSource | TieSource | InteractionSource]
) -> dict[int, int]:
    stmt = select(link.source_id, func.count()).group_by(link.source_id)
    return {int(s): int(n) for s, n in session.execute(stmt)}


def _own_labels(session: Session) -> dict[int, str]:
    """The file names of this login's calendars, mailboxes and address books, from their
    private import reports: on a server the shared label is only the kind."""
    out: dict[int, str] = {}
    for sid, report in session.execute(select(EvidenceReport.source_id, EvidenceReport.report)):
        try:
            said = json.loads(report)
            name = said.get("label") or said.get("archive")
        except (ValueError, AttributeError):
            continue
        if isinstance(name, str) and name:
            out[int(sid)] = name
    return out


def list_sources(session: Session) -> list[SourceRow]:
    own = _own_labels(session)
    people = _counts(session, PersonSource)
    ties = _counts(session, TieSource)
    events = _counts(session, InteractionSource)
    stmt = (
        select(Source.id, Source.label, Source.kind, Person.key, Person.name, Source.imported_at)
        .outerjoin(Person, Person.id == Source.owner_id)
        .order_by(Source.id)
    )
    return [
        SourceRow(
            int(i),
            own.get(int(i), label),
            kind,
            key,
            name,
            at,
            people.get(i, 0),
            ties.get(i, 0),
            events.get(i, 0),
        )
        for i, label, kind, key, name, at in session.execute(stmt)
    ]


def source_ids_by_label(session: Session, label: str) -> list[int]:
    own = {i for i, name in _own_labels(session).items() if name == label}
    shared = {int(i) for i in session.scalars(select(Source.id).where(Source.label == label))}
    # A server's evidence sources are labelled with their kind: only their owner's own
    # name for the file finds them.
    kinds = {int(i) for i in session.scalars(select(Source.id).where(Source.kind == label))}
    return sorted(own | (shared - kinds))


def source_report(session: Session, source_id: int) -> str | None:
    """The import report kept with a source, as stored (JSON), or None. A calendar's,
    mailbox's or address book's is private to its member (it names addresses)."""
    found = session.scalar(select(Source.report).where(Source.id == source_id))
    if found is None:
        found = session.scalar(
            select(EvidenceReport.report).where(EvidenceReport.source_id == source_id)
        )
    return found


def source_exists(session: Session, source_id: int) -> bool:
    return session.scalar(select(Source.id).where(Source.id == source_id)) is not None


def owner_url(session: Session, source_id: int) -> str | None:
    """The profile URL of the person whose archive the source is (whoever imported it)."""
    stmt = (
        select(Person.url).join(Source, Source.owner_id == Person.id).where(Source.id == source_id)
    )
    return session.scalar(stmt)
