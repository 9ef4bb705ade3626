"""Calendars: .ics files (Outlook, Apple Calendar) and Google Calendar's export zip of them.

`icalendar` parses (folding, escaping, VTIMEZONE, TZID) and `recurring-ical-events` expands
RRULE, RDATE, EXDATE and RECURRENCE-ID overrides. Each occurrence up to today becomes one
Meeting: the last MAX_OCCURRENCES of at most YEARS_BACK years, so a daily stand-up since
2009 or a hostile rule cannot flood the import. An event whose start has an unknown time
zone, or whose rule cannot be read, is Skipped with file and line; the rest imports.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import re
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from netview.core.errors import ImportFailure
from netview.core.evidence import (
    Attendee,
    EvidenceFile,
    EvidenceKind,
    Mailbox,
    Meeting,
    Skipped,
)
from netview.io.cleantext import TextError, from_utf16
from netview.io.evidence import headers as h
from netview.io.evidence.files import content_hash, where
from netview.io.evidence.never import never_occurs

MAX_OCCURRENCES = 1000  # per event, the newest kept
YEARS_BACK = 10
# Rules finer than daily are not meetings (and FREQ=SECONDLY since 1970 never ends).
_TOO_OFTEN = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
# Nor is a daily or slower rule that BYHOUR/BYMINUTE/BYSECOND split into several times a
# day (every second of a weekly rule is 3,600 occurrences an hour to expand).
_WITHIN_A_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
# RFC 5545 allows one RRULE; a few more are tolerated, hundreds would be expanded one
# after the other for ten years each.
MAX_RULES = 10
# Seconds one file's repetition rules may take to expand, all together: a rule that never
# occurs in a way `never_occurs` does not see (BYSETPOS=5 of a month of one day) still costs
# a fraction of a second each, so a hostile file of thousands would stall the import. A real
# calendar of ten years of series takes a few seconds; past this, series are skipped.
EXPAND_BUDGET_S = 30.0
_BEGIN_EVENT = re.compile(rb"^BEGIN:VEVENT\r?$", re.IGNORECASE | re.MULTILINE)
_END_EVENT = re.compile(rb"^END:VEVENT\r?$", re.IGNORECASE | re.MULTILINE)
_ZONE_BLOCK = re.compile(
    rb"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE\r?$", re.IGNORECASE | re.MULTILINE | re.DOTALL
)
_FOLD = re.compile(rb"\r?\n[ \t]")
_CALNAME = re.compile(rb"^X-WR-CALNAME[^:\r\n]*:(.*?)\r?$", re.IGNORECASE | re.MULTILINE)
# A file of more events than this is read that many at a time (_in_batches), to bound memory.
BATCH = 5000
MAX_MEMBER = 256 * 1024 * 1024  # one .ics inside a zip, uncompressed
# A title naming a meeting of many: its invitation may list only a few people (the rest come
# through a list address), so the importer counts it as no contact and no ties. Only this
# verdict is kept, never the title.
_CROWD = re.compile(
    r"\b(all[- ]?hands|town ?hall|webinar|keynote|offsite|company meeting|all[- ]staff|"
    r"plenary)\b",
    re.IGNORECASE,
)


def is_calendar(head: bytes) -> bool:
    """The first bytes of an iCalendar file (a UTF-8 BOM and blank lines allowed)."""
    head = from_utf16(head, head=True)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR"


def read_calendar(path: str | os.PathLike[str], *, now: datetime | None = None) -> EvidenceFile:
    """An .ics file or a zip of .ics files as an EvidenceFile of meetings.

    Raises ImportFailure when the file is not an iCalendar file at all.
    """
    p = Path(path)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    ev = EvidenceFile(EvidenceKind.CALENDAR, p.name, content_hash([p]))
    meetings: list[Meeting] = []
    owners: list[str] = []
    for label, data in _sources(p, ev.skipped):
        meetings.extend(_read_one(label, data, now, ev.skipped, owners))
    ev.meetings = meetings
    ev.owner_addresses = tuple(dict.fromkeys(owners))
    return ev


# What a Google Takeout zip holds beside the calendar, which is read only as a calendar.
_NOT_READ = {".mbox": "a mailbox", ".eml": "a mail message", ".vcf": "an address book"}


def _sources(p: Path, skipped: list[Skipped]) -> Iterator[tuple[str, bytes]]:
    try:
        if zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as zf:
                members = [i for i in zf.infolist() if i.filename.lower().endswith(".ics")]
                if not members:
                    raise ImportFailure(p.name, "no .ics calendar in this zip")
                # Said rather than left out without a word: the user took the zip for
                # their whole Takeout, mail and contacts included.
                for name in sorted(zf.namelist()):
                    what = _NOT_READ.get(Path(name).suffix.lower())
                    if what:
                        why = (
                            f"{what}, not read with the calendar: unzip it and import it on its own"
                        )
                        skipped.append(Skipped(where(f"{p.name}:{name}", 1), why))
                for info in sorted(members, key=lambda i: i.filename):
                    if info.file_size > MAX_MEMBER:
                        raise ImportFailure(f"{p.name}:{info.filename}", "calendar too large")
                    yield f"{p.name}:{info.filename}", zf.read(info)
            return
        yield p.name, p.read_bytes()
    except OSError as exc:
        raise ImportFailure(p.name, f"cannot read: {exc.strerror or exc}") from None
    except zipfile.BadZipFile as exc:
        raise ImportFailure(p.name, f"damaged zip ({exc})") from None


def _read_one(
    label: str, data: bytes, now: datetime, skipped: list[Skipped], owners: list[str]
) -> list[Meeting]:
    try:
        data = from_utf16(data)  # as some Windows tools save it
    except TextError as exc:
        raise ImportFailure(label, f"file {exc.message}", exc.line) from None
    if not is_calendar(data[:4096]):
        raise ImportFailure(label, "not an iCalendar file (no BEGIN:VCALENDAR)", 1)
    if b"\n" not in data:
        # Old Mac tools end lines with CR alone: read as one line, no event would be found.
        data = data.replace(b"\r", b"\r\n")
    lines = _lines_of(data)
    budget = [EXPAND_BUDGET_S]  # seconds left to expand this file's rules
    if len(lines) > BATCH:
        return _in_batches(label, data, lines, now, skipped, owners, budget)
    events: list[icalendar.Component] = []
    zones: list[icalendar.Component] = []
    try:
        # Unfolded here, on bytes: icalendar decodes before it unfolds, which breaks a
        # UTF-8 sequence folded in the middle (Google and Outlook fold at 75 octets).
        calendars = icalendar.Calendar.from_ical(_FOLD.sub(b"", data), multiple=True)
    except (ValueError, IndexError, KeyError):
        calendars = []
    for cal in calendars:
        name = h.address_of(str(cal.get("X-WR-CALNAME", "")))
        if name:  # Google names the primary calendar after its owner's address
            owners.append(name)
        events.extend(cal.walk("VEVENT"))
        zones.extend(cal.walk("VTIMEZONE"))
    if len(events) == len(lines):
        # Events come back in file order, as the BEGIN:VEVENT lines do.
        line_of = {id(e): lines[i] for i, e in enumerate(events)}
    else:
        # Broken or cut off somewhere (icalendar then raises, or drops an unclosed
        # calendar without a word): read event by event, so the rest imports and the
        # broken part is named.
        events, zones, line_of = _by_blocks(label, data, lines, skipped)
    series: dict[str, list[icalendar.Component]] = {}
    for i, event in enumerate(events):
        uid = str(event.get("UID", "")).strip() or f"{label}#{i}"
        series.setdefault(uid, []).append(event)
    out: list[Meeting] = []
    for uid, group in series.items():
        out.extend(_series(label, uid, group, zones, line_of, now, skipped, budget))
    return out


def _parse(block: bytes) -> list[icalendar.Component]:
    wrapped = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + block + b"\r\nEND:VCALENDAR\r\n"
    return list(icalendar.Calendar.from_ical(_FOLD.sub(b"", wrapped)).subcomponents)


def _zones(data: bytes) -> tuple[list[icalendar.Component], bytes]:
    """The file's VTIMEZONE definitions, parsed and as bytes to parse events with."""
    zones: list[icalendar.Component] = []
    for m in _ZONE_BLOCK.finditer(data):
        with contextlib.suppress(ValueError, IndexError, KeyError):
            zones.extend(_parse(m.group(0)))
    return zones, b"\r\n".join(m.group(0) for m in _ZONE_BLOCK.finditer(data))


def _blocks(
    label: str, data: bytes, lines: list[int], skipped: list[Skipped]
) -> Iterator[tuple[bytes, int]]:
    """Each event's bytes and line, in file order; one cut off by the end of the file is
    Skipped and ends the file."""
    for begin, line in zip(_BEGIN_EVENT.finditer(data), lines, strict=True):
        end = _END_EVENT.search(data, begin.end())
        if end is None:
            skipped.append(
                Skipped(where(label, line), "the file ends inside this event (cut off?)")
            )
            return
        yield data[begin.start() : end.end()], line


def _parse_one(
    label: str, zone_bytes: bytes, block: bytes, line: int, skipped: list[Skipped]
) -> list[icalendar.Component]:
    """One event's components (with the file's time zones); a broken one is Skipped."""
    try:
        found = _parse(zone_bytes + b"\r\n" + block)
    except (ValueError, IndexError, KeyError) as exc:
        text = str(exc)
        # icalendar's words for a component left open quote the bytes: not for users.
        why = "a part never closed" if "Found no components" in text else text[:200]
        skipped.append(Skipped(where(label, line), f"unreadable event ({why})"))
        return []
    found = [event for event in found if event.name == "VEVENT"]
    if not found:  # icalendar drops a component left open without a word
        skipped.append(Skipped(where(label, line), "unreadable event (a part never closed)"))
    return found


def _by_blocks(
    label: str, data: bytes, lines: list[int], skipped: list[Skipped]
) -> tuple[list[icalendar.Component], list[icalendar.Component], dict[int, int]]:
    """Events parsed one at a time (with the file's time zones), each broken one Skipped."""
    zones, zone_bytes = _zones(data)
    events: list[icalendar.Component] = []
    line_of: dict[int, int] = {}
    for block, line in _blocks(label, data, lines, skipped):
        for event in _parse_one(label, zone_bytes, block, line, skipped):
            events.append(event)
            line_of[id(event)] = line
    return events, zones, line_of


def _in_batches(
    label: str,
    data: bytes,
    lines: list[int],
    now: datetime,
    skipped: list[Skipped],
    owners: list[str],
    budget: list[float],
) -> list[Meeting]:
    """A calendar of more than BATCH events, read BATCH at a time: icalendar holds about
    6 KB per event parsed (100,000 events took 575 MB at once), a Meeting under 1 KB.
    A single event becomes its Meeting at once; the events of a repeating series (RRULE,
    RDATE or RECURRENCE-ID, a small share of any calendar) are kept until the end of the
    file, where their overrides may lie. Unlike the whole-file read, an event whose UID
    comes again later without a rule is counted once, at its first."""
    head = _FOLD.sub(b"", data[: data.find(b"BEGIN:VEVENT")])
    for m in _CALNAME.finditer(head):
        name = h.address_of(m.group(1).decode("utf-8", "replace"))
        if name:  # Google names the primary calendar after its owner's address
            owners.append(name)
    zones, zone_bytes = _zones(data)
    out: list[Meeting] = []
    series: dict[str, list[icalendar.Component]] = {}
    line_of: dict[int, int] = {}
    singles: set[str] = set()
    index = 0
    blocks = _blocks(label, data, lines, skipped)
    while batch := list(itertools.islice(blocks, BATCH)):
        try:
            found = _parse(zone_bytes + b"\r\n" + b"\r\n".join(b for b, _ in batch))
            events = [e for e in found if e.name == "VEVENT"]
        except (ValueError, IndexError, KeyError):
            events = []
        if len(events) == len(batch):
            parsed = [(e, line) for e, (_, line) in zip(events, batch, strict=True)]
        else:  # a broken event among them: one at a time, so the rest reads
            parsed = [
                (e, line)
                for block, line in batch
                for e in _parse_one(label, zone_bytes, block, line, skipped)
            ]
        for event, line in parsed:
            uid = str(event.get("UID", "")).strip() or f"{label}#{index}"
            index += 1
            if any(k in event for k in ("RRULE", "RDATE", "RECURRENCE-ID")) or uid in series:
                series.setdefault(uid, []).append(event)
                line_of[id(event)] = line
            elif uid not in singles:
                singles.add(uid)
                one = {id(event): line}
                out.extend(_series(label, uid, [event], zones, one, now, skipped, budget))
    for uid, group in series.items():
        out.extend(_series(label, uid, group, zones, line_of, now, skipped, budget))
    return out


def _lines_of(data: bytes) -> list[int]:
    """The line of each BEGIN:VEVENT, counted on from the one before (not from the start)."""
    lines, line, at = [], 1, 0
    for m in _BEGIN_EVENT.finditer(data):
        line += data.count(b"\n", at, m.start())
        at = m.start()
        lines.append(line)
    return lines


def _series(
    label: str,
    uid: str,
    group: list[icalendar.Component],
    zones: list[icalendar.Component],
    line_of: dict[int, int],
    now: datetime,
    skipped: list[Skipped],
    budget: list[float],
) -> list[Meeting]:
    master = next((e for e in group if "RECURRENCE-ID" not in e), group[0])
    at = where(label, line_of[id(master)])
    for event in group:
        problem = _problem(event)
        if problem:
            skipped.append(Skipped(where(label, line_of[id(event)]), problem))
            return []
    for event in group:
        _drop_impossible_rules(event)
    overrides = {
        _utc(e.decoded("RECURRENCE-ID")): line_of[id(e)] for e in group if "RECURRENCE-ID" in e
    }
    recurring = bool(overrides) or any(k in master for k in ("RRULE", "RDATE"))
    since = now - timedelta(days=365 * YEARS_BACK)
    if not recurring:
        # One event, one meeting: no need for the recurrence machinery (most of a calendar).
        start = _utc(master.decoded("DTSTART"))
        if not since <= start <= now:
            return []
        return [_meeting(master, uid, uid, start, at)]
    mini = icalendar.Calendar()
    for zone in zones:
        mini.add_component(zone)
    for event in group:
        mini.add_component(event)
    if budget[0] <= 0:
        why = f"not expanded: this file's repetition rules took over {EXPAND_BUDGET_S:g} s"
        skipped.append(Skipped(at, why))
        return []
    newest: collections.deque[Any] = collections.deque(maxlen=MAX_OCCURRENCES)
    began = time.monotonic()
    try:
        for occurrence in recurring_ical_events.of(mini).between(since, now):
            newest.append(occurrence)
    except Exception as exc:  # the library raises many types on rules it cannot expand
        skipped.append(Skipped(at, f"cannot expand its repetition rule ({exc})"))
        return []
    finally:
        budget[0] -= time.monotonic() - began
    out = []
    for occ in newest:
        start = _utc(occ.decoded("DTSTART"))
        rid = _utc(occ.decoded("RECURRENCE-ID")) if "RECURRENCE-ID" in occ else start
        line = overrides.get(rid, line_of[id(master)])
        out.append(_meeting(occ, uid, f"{uid}/{rid.isoformat()}", start, where(label, line)))
    return out


def _meeting(event: Any, uid: str, key: str, start: datetime, at: str) -> Meeting:
    return Meeting(
        where=at,
        key=key,
        series=uid,
        start=start,
        organizer=_person(event.get("ORGANIZER")),
        attendees=_attendees(event.get("ATTENDEE")),
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
        crowd=bool(_CROWD.search(str(event.get("SUMMARY", "")))),
    )


def _problem(event: icalendar.Component) -> str:
    """Why this event (or override) cannot be placed in time, or ""."""
    for prop, message in getattr(event, "errors", ()):
        if prop in ("DTSTART", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DTEND"):
            return f"unreadable {prop} ({message})"
    if "DTSTART" not in event:
        return "an event without a start (DTSTART)"
    for prop in ("DTSTART", "RECURRENCE-ID"):
        if prop not in event:
            continue
        tzid = event[prop].params.get("TZID")
        value = event.decoded(prop)
        if tzid and isinstance(value, datetime) and value.tzinfo is None:
            return f"unknown time zone {tzid!r}"
    rule = event.get("RRULE")
    if rule is not None:
        rules = rule if isinstance(rule, list) else [rule]
        if len(rules) > MAX_RULES:
            return f"{len(rules)} repetition rules: not a meeting"
        for r in rules:
            freq = [str(f).upper() for f in r.get("FREQ", [])]
            if not freq:
                return "a repetition rule without FREQ"
            if freq[0] in _TOO_OFTEN:
                return f"repeats {freq[0].lower()}: not a meeting"
            # dateutil looks for the next occurrence of INTERVAL=0 forever.
            if any(int(n) < 1 for n in r.get("INTERVAL", [1])):
                return "unreadable RRULE (INTERVAL must be 1 or more)"
            if any(len(set(r.get(part, []))) > 1 for part in _WITHIN_A_DAY):
                return "repeats more than once a day: not a meeting"
    return ""


def _drop_impossible_rules(event: icalendar.Component) -> None:
    """Without its rules that name no day that exists: the event is then its start alone
    (as it was, DTSTART being its first occurrence), found at once, where dateutil would
    look for a next one until the year 9999 (netview.io.evidence.never)."""
    rule = event.get("RRULE")
    if rule is None:
        return
    rules = rule if isinstance(rule, list) else [rule]
    kept = [r for r in rules if not never_occurs(r)]
    if len(kept) < len(rules):
        del event["RRULE"]
        for r in kept:
            event.add("RRULE", r)


def _utc(value: date | datetime) -> datetime:
    """An aware UTC datetime: an all-day date is its midnight UTC, a floating time is UTC."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _person(prop: Any) -> Mailbox | None:
    if prop is None:
        return None
    if isinstance(prop, list):
        prop = prop[0] if prop else None
        if prop is None:
            return None
    address = h.address_of(str(prop))
    name = h.name_of(str(getattr(prop, "params", {}).get("CN", "")))
    if not address and not name:
        return None
    return Mailbox(address, name)


def _attendees(prop: Any) -> tuple[Attendee, ...]:
    if prop is None:
        return ()
    out = []
    for one in prop if isinstance(prop, list) else [prop]:
        who = _person(one)
        if who is None:
            continue
        status = str(getattr(one, "params", {}).get("PARTSTAT", "")).upper()
        out.append(Attendee(who, status))
    return tuple(out)
