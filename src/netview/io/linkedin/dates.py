"""Every date format seen in LinkedIn exports and their Excel re-saves, never the system locale.

`04 Jul 2023`, `"1/8/18, 6:14 PM"` (US, month first), `2019-11-06T02:08:20`,
`2024-12-16 18:24:37 UTC`, `2024/12/15 08:53:43 UTC`, `12/09/22, 07:18 PM`, `16.09.2021`
(Excel, day first), `23-Apr-23`, `Jun 2018`, `2017`. Results are naive datetimes; a time the
file marks as UTC stays in UTC. Results are cached by string: exports repeat the same dates.
"""

from __future__ import annotations

import re
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

_cache: dict[str, datetime] = {}
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


def _parse(text: str) -> datetime:
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
        if month > 12 >= day:  # not US after all: a day-first re-save
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


def parse_datetime(text: str) -> datetime:
    """The moment `text` names; ValueError when it is not a date in any known format."""
    if len(text) == 23 and text[4] == "-" and text[19:] == " UTC":
        # messages.csv since 2021: one distinct moment per message, so skip the cache.
        try:
            return datetime.fromisoformat(text[:19])
        except ValueError:
            pass
    value = _cache.get(text)
    if value is not None:
        return value
    value = _parse(text)
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[text] = value
    return value


def parse_date(text: str) -> date:
    return parse_datetime(text).date()
