"""iCalendar (RFC 5545) files of follow-ups: one all-day event per person on its due date.

Written by hand: the format is small, and doing it here keeps the UID, line folding and
escaping under our control. The UID is stable per person, so importing a newer file into
a calendar updates the events instead of adding copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import IO

# RFC 5545 3.3.11: no control character but tab in a text value (line breaks are escaped).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Event:
    uid: str
    day: date
    summary: str
    description: str = ""
    url: str | None = None


def _escape(text: str) -> str:
    """A TEXT value: every line break, CR alone included, as \\n; no other control."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def write_ics(events: list[Event], out: IO[str], stamp: datetime | None = None) -> None:
    now = (stamp or datetime.now(UTC)).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//NetView//Follow-ups//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:NetView follow-ups",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(e.summary)}",
        ]
        if e.description:
            lines.append(f"DESCRIPTION:{_escape(e.description)}")
        if e.url:
            # A URI value has no escapes: a line break in it would start a new property.
            lines.append(f"URL:{_CONTROL.sub('', e.url).replace(chr(10), '')}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    out.write("".join(_fold(line) + "\r\n" for line in lines))
