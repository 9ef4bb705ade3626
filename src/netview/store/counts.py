"""Counts for `netview stats` and the status bar."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netview.store.history import current
from netview.store.models import Interaction, Person, Source, Tie


def person_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(Person)).scalar_one())


def person_name_key(session: Session, person_id: int) -> tuple[str, str]:
    name, key = session.execute(select(Person.name, Person.key).where(Person.id == person_id)).one()
    return name, key


def tie_pairs(session: Session) -> list[tuple[int, int]]:
    return [(a, b) for a, b in session.execute(select(Tie.a_id, Tie.b_id).where(current(session)))]


def interaction_counts(session: Session) -> dict[str, int]:
    stmt = select(Interaction.kind, func.count()).group_by(Interaction.kind)
    return {kind: int(n) for kind, n in session.execute(stmt)}


def source_count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(Source)).scalar_one())


def hidden_rows(session: Session) -> int:
    """Members who hide their details, summed over every imported export's report."""
    total = 0
    for (report,) in session.execute(select(Source.report)):
        if report:
            total += int(json.loads(report).get("hidden_rows", 0))
    return total
