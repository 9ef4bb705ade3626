"""Every date format seen in LinkedIn exports and their Excel re-saves, never the system locale.

`04 Jul 2023`, `"1/8/18, 6:14 PM"` (US, month first), `2019-11-06T02:08:20`,
`2024-12-16 18:24:37 UTC`, `2024/12/15 08:53:43 UTC`, `12/09/22, 07:18 PM`, `16.09.2021`
(Excel, day first), `23-Apr-23`, `Jun 2018`, `2017`. Results are naive datetimes; a time the
file marks as UTC stays in UTC. Results are cached by string: exports repeat the same dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_TIME = r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?)?"
_ZONE = r"\s*(?:UTC|GMT|Z|[+-]00:?00)?"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + _ZONE)
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _TIME + _ZONE)
_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _TIME + _ZONE)
_DAY_MON = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -]+(\d{4}|\d{2})" + _TIME + _ZONE)
_MON_DAY = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})" + _TIME + _ZONE)
_MON_YEAR = re.compile(r"([A-Za-z]{3,9})\.?[ -]+(\d{4})")
_YEAR = re.compile(r"(\d{4})")

_caches: dict[bool | None, dict[str, datetime]] = {None: {}, False: {}, True: {}}
_CACHE_LIMIT = 200_000


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: LinkedIn exists since 2003, so 00-69 are 20xx.
        year += 2000 if year < 70 else 1900
    return year


def _month(word: str) -> int:
    number = _MONTHS.get(word.lower())
    if number is None:
        raise ValueError(f"unknown month {word!r}")
    return number


def _clock(
    hour: str | None, minute: str | None, second: str | None, ampm: str | None
) -> tuple[int, int, int]:
    if hour is None:
        return 0, 0, 0
    h = int(hour)
    if ampm:
        pm = ampm[0] in "pP"
        if not 1 <= h <= 12:
            raise ValueError("hour out of range for AM/PM")
        h = (h % 12) + (12 if pm else 0)
    return h, int(minute or 0), int(second or 0)


def _parse(text: str, day_first: bool | None = None) -> datetime:
    s = text.strip()
    # Fast path: ISO with optional " UTC" (messages.csv since 2021, early-2020 files).
    if len(s) >= 19 and s[4] == "-" and s[10] in " T":
        try:
            return datetime.fromisoformat(s[:19])
        except ValueError:
            pass
    m = _YMD.fullmatch(s)
    if m:
        y, mo, d, hh, mi, ss, ap = m.groups()
        return datetime(int(y), int(mo), int(d), *_clock(hh, mi, ss, ap))
    m = _SLASH.fullmatch(s)
    if m:
        a, b, y, hh, mi, ss, ap = m.groups()
        month, day = int(a), int(b)
        if day_first or (day_first is None and month > 12 >= day):
            # The column's other dates say day first (see column_order); a lone cell with a
            # first number over 12 can only be day first.
            month, day = day, month
        return datetime(_year(y), month, day, *_clock(hh, mi, ss, ap))
    m = _DAY_MON.fullmatch(s)
    if m:
        d, mon, y, hh, mi, ss, ap = m.groups()
        return datetime(_year(y), _month(mon), int(d), *_clock(hh, mi, ss, ap))
    m = _DOTS.fullmatch(s)
    if m:
        d, mo, y, hh, mi, ss, ap = m.groups()
        return datetime(_year(y), int(mo), int(d), *_clock(hh, mi, ss, ap))
    m = _MON_DAY.fullmatch(s)
    if m:
        mon, d, y, hh, mi, ss, ap = m.groups()
        return datetime(int(y), _month(mon), int(d), *_clock(hh, mi, ss, ap))
    m = _MON_YEAR.fullmatch(s)
    if m:
        return datetime(int(m.group(2)), _month(m.group(1)), 1)
    if _YEAR.fullmatch(s):
        return datetime(int(s), 1, 1)
    raise ValueError(f"unknown date format {text!r}")


def parse_datetime(text: str, day_first: bool | None = None) -> datetime:
    """The moment `text` names; ValueError when it is not a date in any known format.

    `day_first` is the order of the numbers in `a/b/y` dates, decided for the whole column
    by column_order; None (a lone value) reads month first unless the month would be > 12.
    """
    if len(text) == 23 and text[4] == "-" and text[19:] == " UTC":
        # messages.csv since 2021: one distinct moment per message, so skip the cache.
        try:
            return datetime.fromisoformat(text[:19])
        except ValueError:
            pass
    cache = _caches[day_first]
    value = cache.get(text)
    if value is not None:
        return value
    value = _parse(text, day_first)
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[text] = value
    return value


def parse_date(text: str, day_first: bool | None = None) -> date:
    return parse_datetime(text, day_first).date()


class AmbiguousColumn(ValueError):
    """A column of a/b/y dates that could be read day first or month first."""


def column_order(values: Iterable[str], column: str) -> bool:
    """Whether the `a/b/y` dates of one column are day first, decided from all its values.

    A value with a first number over 12 says day first, one with a second number over 12
    says month first; a column saying both, or neither (every value fits both orders), is
    refused with AmbiguousColumn. LinkedIn itself writes `1/8/18, 6:14 PM` (two-digit year,
    AM/PM: the US order), so a column in that shape with no telling value is month first.
    Deciding per cell would read `03/04/2021` as 4 March and `25/04/2021` as 25 April in one
    column of an Excel re-save.
    """
    first_big = second_big = linkedin_shape = False
    example: str | None = None
    for raw in values:
        if "/" not in raw:
            continue
        m = _SLASH.fullmatch(raw.strip())
        if m is None:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        first_big |= a > 12
        second_big |= b > 12
        if len(m.group(3)) == 2 and m.group(7):
            linkedin_shape = True
        if a != b and a <= 12 and b <= 12 and example is None:
            example = raw.strip()
    if first_big and second_big:
        raise AmbiguousColumn(
            f"column {column!r} mixes day-first and month-first dates; "
            "re-save it with one date format"
        )
    if first_big:
        return True
    if second_big or linkedin_shape or example is None:
        return False
    raise AmbiguousColumn(
        f"column {column!r}: no date tells whether {example!r} is day or month first; "
        "re-save it with unambiguous dates (e.g. 2021-04-03)"
    )
