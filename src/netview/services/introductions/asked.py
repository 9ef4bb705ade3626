"""Introductions you asked for: recorded from the Introductions panel or `netview intros
--ask`, and followed through asked -> introduced -> met, or declined / no answer, each step
dated. A request still "asked" after a while (a week by default) is one to chase: it shows
in Follow-ups, in the day's reminder and in the calendar export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.services.introductions.drafts import draft_request
from netview.services.introductions.paths import Target, find_paths
from netview.services.network import LoadedNetwork
from netview.store import intros as q
from netview.store.db import Database
from netview.store.intros import STATES, IntroRow

# Where a request can go from each state: an unanswered one may still be answered; met and
# declined are the end.
NEXT: dict[str, tuple[str, ...]] = {
    "asked": ("introduced", "declined", "no answer"),
    "introduced": ("met", "declined", "no answer"),
    "no answer": ("introduced", "met", "declined"),
    "met": (),
    "declined": (),
}
WAIT_DAYS = 7

__all__ = ["STATES", "WAIT_DAYS", "IntroError", "IntroRow"]


class IntroError(NetViewError):
    pass


def ask(session: Session, target_id: int, via_id: int, draft: str, on: date) -> int:
    """Record that you asked `via_id` to introduce you to `target_id`; the request's id."""
    if target_id == via_id:
        raise IntroError("the person asked to introduce you is the person to meet")
    return q.add(session, target_id, via_id, draft, on)


def mark(session: Session, request_id: int, state: str, on: date) -> IntroRow:
    """Move a request on to `state`, dated `on`."""
    state = state.strip().lower().replace("-", " ").replace("_", " ")
    if state not in STATES:
        raise IntroError(f"{state!r} is not a state; use one of: {', '.join(STATES[1:])}")
    row = q.get(session, request_id)
    if row is None:
        raise IntroError(f"there is no introduction request {request_id}")
    if state not in NEXT[row.state]:
        allowed = ", ".join(NEXT[row.state]) or "nothing (it is settled)"
        raise IntroError(
            f"request {request_id} is {row.state!r}: it can move on to {allowed}, not {state!r}"
        )
    q.set_state(session, row, state, max(on, row.state_on))
    session.flush()
    return next(r for r in q.rows(session) if r.id == request_id)


def unask(session: Session, request_id: int) -> None:
    """Take back `ask` (the app's undo)."""
    row = q.get(session, request_id)
    if row is not None:
        q.remove(session, row)


def unmark(session: Session, request_id: int) -> None:
    """Take back the newest `mark` (the app's undo)."""
    row = q.get(session, request_id)
    if row is not None:
        q.drop_last_step(session, row)


def requests(session: Session, person_id: int | None = None) -> list[IntroRow]:
    return q.rows(session, person_id)


def waiting(rows: list[IntroRow], today: date, days: int = WAIT_DAYS) -> list[IntroRow]:
    """Requests asked at least `days` ago and still unanswered, longest waiting first."""
    due = today - timedelta(days=days)
    found = [r for r in rows if r.state == "asked" and r.state_on <= due]
    return sorted(found, key=lambda r: (r.state_on, r.id))


def pending(rows: list[IntroRow]) -> list[IntroRow]:
    """Requests not settled yet (asked or introduced)."""
    return [r for r in rows if r.state in ("asked", "introduced")]


def due_on(row: IntroRow, days: int = WAIT_DAYS) -> date:
    """When a pending request is due a nudge: a wait after it was asked or introduced."""
    return row.state_on + timedelta(days=days)


@dataclass(frozen=True)
class IntroCounts:
    asked: int
    by_state: dict[str, int]
    waiting: int

    def as_json(self) -> dict[str, Any]:
        return {"asked": self.asked, "by_state": self.by_state, "waiting": self.waiting}


def counts(rows: list[IntroRow], today: date, days: int = WAIT_DAYS) -> IntroCounts:
    """How many you asked for, how many stand in each state now, how many wait too long."""
    by_state = dict.fromkeys(STATES, 0)
    for r in rows:
        by_state[r.state] += 1
    return IntroCounts(len(rows), by_state, len(waiting(rows, today, days)))


def row_json(r: IntroRow, today: date, days: int = WAIT_DAYS) -> dict[str, Any]:
    return {
        "id": r.id,
        "target": {"key": r.target_key, "name": r.target_name},
        "via": {"key": r.via_key, "name": r.via_name},
        "state": r.state,
        "since": r.state_on.isoformat(),
        "asked_on": r.asked_on.isoformat(),
        "steps": [[s, d.isoformat()] for s, d in r.steps],
        "waiting": r in waiting([r], today, days),
        "draft": r.draft,
    }


def draft_via(db: Database, ln: LoadedNetwork, target: Target, via_id: int) -> str | None:
    """The draft request along the best path to `target` whose first hop is `via_id`
    (None when no path runs through them)."""
    via = ln.net.index_of_id.get(via_id)
    if via is None:
        return None
    for path in find_paths(ln, target, 25).paths:
        if len(path.nodes) >= 3 and path.nodes[1] == via:
            return draft_request(db, ln, path)
    return None
