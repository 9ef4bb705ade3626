"""Whether a repetition rule can never occur, told at once.

dateutil (under recurring-ical-events) looks for a rule's next occurrence period by period
until the year 9999: a rule whose BY parts no day can satisfy (BYMONTH=2;BYMONTHDAY=31, a
BYYEARDAY of 400, a daily BYSETPOS=2) costs seconds each, and a small hostile calendar of
them stalls an import for minutes. The Gregorian calendar repeats every 400 years, so a
rule none of whose days falls in one such cycle never occurs. The test here is a superset
of the rule's days (INTERVAL, the ordinal of a BYDAY such as 2MO, BYWEEKNO and most of
BYSETPOS are left out): a rule it calls impossible is, and any other is left to dateutil.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
# Where each BY part's values must lie (RFC 5545, 3.3.10); 0 is never one.
_RANGES = {"BYMONTH": 12, "BYMONTHDAY": 31, "BYYEARDAY": 366, "BYWEEKNO": 53}

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class _Cycle:
    """Every day of one 400-year Gregorian cycle, by its parts."""

    month: Ints
    day: Ints
    days_in_month: Ints
    day_of_year: Ints
    days_in_year: Ints
    weekday: Ints  # 0 Monday


@cache
def _cycle() -> _Cycle:
    days = np.arange("2000-01-01", "2400-01-01", dtype="datetime64[D]")
    month_start = days.astype("datetime64[M]")
    year_start = days.astype("datetime64[Y]")
    first = month_start.astype("datetime64[D]")
    next_first = (month_start + 1).astype("datetime64[D]")
    year_first = year_start.astype("datetime64[D]")
    next_year = (year_start + 1).astype("datetime64[D]")
    return _Cycle(
        month=(month_start.astype(np.int64) % 12 + 1),
        day=(days - first).astype(np.int64) + 1,
        days_in_month=(next_first - first).astype(np.int64),
        day_of_year=(days - year_first).astype(np.int64) + 1,
        days_in_year=(next_year - year_first).astype(np.int64),
        weekday=(days.astype(np.int64) + 3) % 7,  # 1970-01-01 was a Thursday
    )


def _ints(values: Iterable[Any]) -> list[int] | None:
    """The part's values as whole numbers; None when one is not (left to dateutil)."""
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        return None


def never_occurs(rule: Any) -> bool:
    """Whether `rule` (an icalendar vRecur: part name -> list of values) has no day at all."""
    parts = {str(k).upper(): list(v) for k, v in rule.items()}
    for name, bound in _RANGES.items():
        values = _ints(parts.get(name, []))
        if values is None:
            return False
        if any(v == 0 or abs(v) > bound or (name == "BYMONTH" and v < 0) for v in values):
            return True
    freq = str((parts.get("FREQ") or [""])[0]).upper()
    setpos = _ints(parts.get("BYSETPOS", []))
    if freq == "DAILY" and setpos and all(p not in (1, -1) for p in setpos):
        return True  # a day's set holds that one day: only its 1st (or last) exists
    c = _cycle()
    ok = np.ones(c.day.size, dtype=bool)
    months = _ints(parts.get("BYMONTH", []))
    if months:
        ok &= np.isin(c.month, months)
    for name, day, length in (
        ("BYMONTHDAY", c.day, c.days_in_month),
        ("BYYEARDAY", c.day_of_year, c.days_in_year),
    ):
        wanted = _ints(parts.get(name, [])) or []
        if wanted:
            # A negative value counts from the end of the month (year): -1 its last day.
            ok &= np.isin(day, [d for d in wanted if d > 0]) | np.isin(
                day - length - 1, [d for d in wanted if d < 0]
            )
    weekdays = {_WEEKDAYS.get(str(v).upper()[-2:]) for v in parts.get("BYDAY", [])}
    if weekdays and None not in weekdays:
        ok &= np.isin(c.weekday, sorted(w for w in weekdays if w is not None))
    return not bool(ok.any())
