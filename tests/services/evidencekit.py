"""EvidenceFile values from the evidence samples, for tests of the evidence importer.

The calendar, mailbox and address-book readers are the registry's (netview.io); until they
are merged, these few lines read the samples' simple files the way the readers hand them
over (core.evidence), so the importer is tested on the same people and dates. Only what the
samples use: folded lines, TZID Europe/Berlin in winter and summer, weekly COUNT rules.
"""

from __future__ import annotations

import hashlib
import mailbox
import re
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from netview.core.evidence import (
    Attendee,
    Card,
    EvidenceFile,
    EvidenceKind,
    Mail,
    Mailbox,
    Meeting,
)

EVIDENCE = Path(__file__).parents[1] / "fixtures" / "evidence-2026"
_CROWD = re.compile(r"all[- ]hands|town ?hall|webinar", re.I)


def _unfold(path: Path) -> list[str]:
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith(" ") and lines:
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def _prop(line: str) -> tuple[str, dict[str, str], str]:
    head, _, value = line.partition(":") if not line.startswith("ATTENDEE") else _split(line)
    name, *params = head.split(";")
    return name, dict(p.split("=", 1) for p in params if "=" in p), value


def _split(line: str) -> tuple[str, str, str]:
    at = line.lower().index(":mailto:")
    return line[:at], ":", line[at + 1 :]


def _box(params: dict[str, str], value: str) -> Mailbox:
    address = value.removeprefix("mailto:").strip().lower()
    return Mailbox(address, params.get("CN", "").strip('"'))


def _when(params: dict[str, str], value: str) -> datetime:
    at = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    zone = ZoneInfo(params["TZID"]) if "TZID" in params else UTC
    return at.replace(tzinfo=zone).astimezone(UTC)


def calendar(path: Path) -> EvidenceFile:
    meetings: list[Meeting] = []
    event: dict[str, object] | None = None
    for number, line in enumerate(_unfold(path), 1):
        if line == "BEGIN:VEVENT":
            event = {"line": number, "attendees": []}
            continue
        if event is None:
            continue
        if line == "END:VEVENT":
            count, start = 1, event["start"]
            rule = str(event.get("rrule", ""))
            if rule:
                count = int(re.search(r"COUNT=(\d+)", rule).group(1))  # type: ignore[union-attr]
            for k in range(count):
                when = start + timedelta(weeks=k)  # type: ignore[operator]
                meetings.append(
                    Meeting(
                        where=f"{path.name}:{event['line']}",
                        key=f"{event['uid']}@{when.isoformat()}",
                        start=when,
                        organizer=event.get("organizer"),  # type: ignore[arg-type]
                        attendees=tuple(event["attendees"]),  # type: ignore[arg-type]
                        cancelled=event.get("status") == "CANCELLED",
                        crowd=bool(_CROWD.search(str(event.get("summary", "")))),
                    )
                )
            event = None
            continue
        name, params, value = _prop(line)
        if name == "UID":
            event["uid"] = value
        elif name == "DTSTART":
            event["start"] = _when(params, value)
        elif name == "RRULE":
            event["rrule"] = value
        elif name == "STATUS":
            event["status"] = value
        elif name == "SUMMARY":
            event["summary"] = value
        elif name == "ORGANIZER":
            event["organizer"] = _box(params, value)
        elif name == "ATTENDEE":
            attendees = event["attendees"]
            assert isinstance(attendees, list)
            attendees.append(Attendee(_box(params, value), params.get("PARTSTAT", "").upper()))
    return EvidenceFile(EvidenceKind.CALENDAR, path.name, _hash(path), meetings=meetings)


def _boxes(value: str | None) -> tuple[Mailbox, ...]:
    if not value:
        return ()
    return tuple(
        Mailbox(a.lower(), str(make_header(decode_header(n))) if n else "")
        for n, a in getaddresses([value])
        if a
    )


def mbox(path: Path) -> EvidenceFile:
    mails = []
    for i, msg in enumerate(mailbox.mbox(path)):
        sender = _boxes(msg["From"])
        auto = bool(msg["List-Id"]) or (msg["Precedence"] or "").lower() in ("bulk", "list")
        auto |= (msg["Auto-Submitted"] or "no").lower() != "no"
        auto |= any(re.match(r"no-?reply", b.address) for b in sender)
        labels = tuple(x.strip() for x in (msg["X-Gmail-Labels"] or "").split(",") if x.strip())
        mails.append(
            Mail(
                where=f"{path.name}:{i + 1}",
                key=msg["Message-ID"] or f"hash-{i}",
                sent=parsedate_to_datetime(msg["Date"]).astimezone(UTC) if msg["Date"] else None,
                sender=sender[0] if sender else None,
                to=_boxes(msg["To"]),
                cc=_boxes(msg["Cc"]),
                automated=auto,
                labels=labels,
            )
        )
    return EvidenceFile(EvidenceKind.MAILBOX, path.name, _hash(path), mails=mails)


def vcards(path: Path) -> EvidenceFile:
    cards = []
    name, emails, urls, start = "", [], [], 0
    for number, line in enumerate(_unfold(path), 1):
        if line == "BEGIN:VCARD":
            name, emails, urls, start = "", [], [], number
        elif line.startswith("FN:"):
            name = line[3:]
        elif line.startswith("EMAIL"):
            emails.append(line.split(":", 1)[1].strip().lower())
        elif line.startswith("URL"):
            urls.append(line.split(":", 1)[1])
        elif line == "END:VCARD":
            cards.append(Card(f"{path.name}:{start}", name, tuple(emails), urls=tuple(urls)))
    return EvidenceFile(EvidenceKind.ADDRESS_BOOK, path.name, _hash(path), cards=cards)


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sample(folder: Path) -> list[EvidenceFile]:
    """The address book, calendar and mailbox of an evidence sample folder."""
    return [
        vcards(folder / "contacts.vcf"),
        calendar(folder / "calendar.ics"),
        mbox(folder / "mail.mbox"),
    ]
