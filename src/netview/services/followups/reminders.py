"""What falls due today: the follow-ups due or overdue and the introductions waiting an
answer, counted for the app's one-line digest and its once-a-day system notification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netview.services.followups import cadence as fu
from netview.services.introductions import asked as intros
from netview.services.network import NoOwner
from netview.store.db import Database


@dataclass(frozen=True)
class DueToday:
    followups: list[str]  # names, most overdue first
    intros: list[str]  # "Xavier Johansson via Ben Fernández", longest waiting first

    @property
    def any(self) -> bool:
        return bool(self.followups or self.intros)

    def text(self) -> str:
        """ "3 follow-ups due today, 1 introduction waiting" (empty when nothing is due)."""
        parts = []
        if self.followups:
            n = len(self.followups)
            parts.append(f"{n} follow-up{'s' if n != 1 else ''} due today")
        if self.intros:
            n = len(self.intros)
            parts.append(f"{n} introduction{'s' if n != 1 else ''} waiting")
        return ", ".join(parts)

    def details(self, most: int = 3) -> str:
        """The notification's body: the first few names of each."""
        lines = []
        for title, names in (("Follow up with", self.followups), ("No answer yet:", self.intros)):
            if names:
                more = f" and {len(names) - most} more" if len(names) > most else ""
                lines.append(f"{title} {', '.join(names[:most])}{more}")
        return "\n".join(lines)


def due_today(db: Database, today: date, wait_days: int = intros.WAIT_DAYS) -> DueToday:
    try:
        rows = fu.followups(db, today=today)
    except NoOwner:
        return DueToday([], [])
    with db.session() as s:
        waiting = intros.waiting(intros.requests(s), today, wait_days)
    return DueToday(
        [r.name or r.key for r in rows if r.status in ("due", "overdue")],
        [f"{w.target_name} via {w.via_name}" for w in waiting],
    )
