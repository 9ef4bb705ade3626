"""Keep-in-touch arithmetic: when contact is due, and whether it is due, overdue or snoozed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

GRACE_DAYS = 7  # a reminder is "due" for a week, then "overdue"
SUGGEST_STRONG = 90  # suggested cadence for a strong tie (days)
SUGGEST_MODERATE = 180
LOSING_QUIET_DAYS = 180  # a strong tie silent this long is "losing touch"

STATUS_ORDER = {"overdue": 0, "due": 1, "snoozed": 2, "ok": 3}


@dataclass(frozen=True)
class Reminder:
    due: date
    status: str  # "due", "overdue", "snoozed" or "ok"
    days_overdue: int  # negative while not yet due


def effective_cadence(own: int | None, group_cadences: list[int]) -> int | None:
    """The person's own cadence wins (0 = explicitly off); else the tightest group cadence."""
    if own is not None:
        return own if own > 0 else None
    positive = [c for c in group_cadences if c > 0]
    return min(positive) if positive else None


def reminder(
    last_contact: date | None, cadence_days: int, snoozed_until: date | None, today: date
) -> Reminder:
    """Due = last contact + cadence (today when there never was contact).

    A snooze hides the reminder until its date; a contact after the snooze was set moves
    the due date on anyway, so logging a touch always re-arms the cadence.
    """
    due = last_contact + timedelta(days=cadence_days) if last_contact else today
    late = (today - due).days
    if snoozed_until is not None and today < snoozed_until and late >= 0:
        return Reminder(due, "snoozed", late)
    if late < 0:
        return Reminder(due, "ok", late)
    return Reminder(due, "due" if late <= GRACE_DAYS else "overdue", late)


def suggested_cadence(peak_strength: float, strong: float, moderate: float) -> int | None:
    """Cadence to suggest for a tie of this strength (None: do not suggest one)."""
    if peak_strength >= strong:
        return SUGGEST_STRONG
    if peak_strength >= moderate:
        return SUGGEST_MODERATE
    return None
