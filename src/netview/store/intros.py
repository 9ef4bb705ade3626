"""Introductions you asked for (table intro_request): private rows, like notes.

On a team server each member sees only their own requests (row-level security on `owner`);
on SQLite the owner is ''.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from netview.store.models import IntroRequest, Person

STATES = ("asked", "introduced", "met", "declined", "no answer")


@dataclass(frozen=True)
class IntroRow:
    id: int
    target_id: int
    target_name: str
    target_key: str
    via_id: int
    via_name: str
    via_key: str
    draft: str
    asked_on: date
    state: str
    state_on: date
    steps: list[tuple[str, date]]


def add(session: Session, target_id: int, via_id: int, draft: str, on: date) -> int:
    row = IntroRequest(
        target_id=target_id,
        via_id=via_id,
        draft=draft,
        asked_on=on,
        state="asked",
        state_on=on,
        steps=json.dumps([["asked", on.isoformat()]]),
    )
    session.add(row)
    session.flush()
    return int(row.id)


def get(session: Session, request_id: int) -> IntroRequest | None:
    return session.get(IntroRequest, request_id)


def set_state(session: Session, row: IntroRequest, state: str, on: date) -> None:
    steps = json.loads(row.steps)
    steps.append([state, on.isoformat()])
    row.steps = json.dumps(steps)
    row.state, row.state_on = state, on


def remove(session: Session, row: IntroRequest) -> None:
    session.delete(row)


def drop_last_step(session: Session, row: IntroRequest) -> None:
    """Take back the newest step: the request is as it was before it."""
    steps = json.loads(row.steps)
    if len(steps) > 1:
        steps.pop()
        row.steps = json.dumps(steps)
        row.state, row.state_on = steps[-1][0], date.fromisoformat(steps[-1][1])


def rows(session: Session, person_id: int | None = None) -> list[IntroRow]:
    """Your requests, newest first; with `person_id`, those to or through that person."""
    target, via = aliased(Person), aliased(Person)
    stmt = (
        select(IntroRequest, target.name, target.key, via.name, via.key)
        .join(target, target.id == IntroRequest.target_id)
        .join(via, via.id == IntroRequest.via_id)
        .order_by(IntroRequest.asked_on.desc(), IntroRequest.id.desc())
    )
    if person_id is not None:
        stmt = stmt.where(
            (IntroRequest.target_id == person_id) | (IntroRequest.via_id == person_id)
        )
    out = []
    for r, tname, tkey, vname, vkey in session.execute(stmt).all():
        steps = [(s, date.fromisoformat(d)) for s, d in json.loads(r.steps)]
        out.append(
            IntroRow(
                int(r.id),
                int(r.target_id),
                tname or "",
                tkey,
                int(r.via_id),
                vname or "",
                vkey,
                r.draft,
                r.asked_on,
                r.state,
                r.state_on,
                steps,
            )
        )
    return out


def row_problem(row: dict[str, object]) -> str | None:
    """What is wrong with a request row from a backup (None: nothing): a known state, and
    steps that are dated known states ending in that state on that day."""
    state, state_on = row.get("state"), row.get("state_on")
    if state not in STATES:
        return f"state {state!r} is not one of {', '.join(STATES)}"
    try:
        steps = json.loads(str(row.get("steps")))
        pairs = [(str(s), date.fromisoformat(str(d))) for s, d in steps]
    except (ValueError, TypeError):
        return "steps is not a list of [state, date] pairs"
    if not pairs or any(s not in STATES for s, _d in pairs):
        return "steps names no state, or one that is not known"
    if pairs[-1] != (state, date.fromisoformat(str(state_on))):
        return "its last step is not its state and date"
    return None
