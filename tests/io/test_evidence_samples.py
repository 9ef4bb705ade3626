"""The evidence readers on the evidence-2026 sample (calendar, mbox, vCard of network-2026's
owner), checked against its truth.json: who was met or written to, and when last."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netview.core.evidence import EvidenceFile, Mailbox
from netview.io.evidence.address_book import read_address_book
from netview.io.evidence.calendar import read_calendar
from netview.io.evidence.mailbox import read_mailbox

FIXTURES = Path(__file__).parent.parent / "fixtures"
EVIDENCE = FIXTURES / "evidence"
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def truth() -> dict:  # type: ignore[type-arg]
    return json.loads((EVIDENCE / "truth.json").read_text(encoding="utf-8"))


def _name_key(text: str) -> str:
    """ "Yusuf Novák 🚀" and the slug "yusuf-novák-5d558" alike: letters, casefolded."""
    text = unicodedata.normalize("NFC", text).casefold()
    return "-".join(re.findall(r"[^\W\d_]+", text))


def _slug_name(slug: str) -> str:
    return _name_key(slug.rsplit("-", 1)[0])


@pytest.fixture(scope="module")
def calendar() -> EvidenceFile:
    ev = read_calendar(EVIDENCE / "calendar.ics", now=NOW)
    ev.meetings = list(ev.meetings)
    return ev


@pytest.fixture(scope="module")
def mailbox() -> EvidenceFile:
    ev = read_mailbox(EVIDENCE / "mail.mbox")
    ev.mails = list(ev.mails)
    return ev


@pytest.fixture(scope="module")
def cards() -> EvidenceFile:
    ev = read_address_book(EVIDENCE / "contacts.vcf")
    ev.cards = list(ev.cards)
    return ev


def _connection_emails() -> dict[str, str]:
    """address -> slug from the owner's Connections.csv (network-2026 sample)."""
    zpath = next((FIXTURES / "samples" / "network-2026").glob("me__*.zip"))
    with zipfile.ZipFile(zpath) as zf:
        text = zf.read("Connections.csv").decode("utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    out = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines[start:]))):
        if row["Email Address"]:
            out[row["Email Address"].lower()] = row["URL"].rstrip("/").rsplit("/", 1)[1]
    return out


def test_every_person_of_the_truth_is_found_with_their_last_contact_date(
    truth: dict,  # type: ignore[type-arg]
    calendar: EvidenceFile,
    mailbox: EvidenceFile,
    cards: EvidenceFile,
) -> None:
    slugs = {_slug_name(s): s for s in truth["how"]}
    from urllib.parse import unquote

    by_address = {a: unquote(s) for a, s in _connection_emails().items()}
    for card in cards.cards:
        slug = slugs.get(_name_key(card.name))
        for address in card.emails:
            if slug:
                by_address[address] = slug

    def who(m: Mailbox) -> str | None:
        if m.address == truth["owner_email"]:
            return None
        return by_address.get(m.address) or slugs.get(_name_key(m.name))

    last: dict[str, str] = {}
    events: list[tuple[datetime, list[str]]] = []
    for meeting in calendar.meetings:
        present = [who(a.who) for a in meeting.attendees if a.status != "DECLINED"]
        # The truth counts the all-hands (its "allhands" people) as no contact at all.
        if meeting.cancelled or set(present) - {None} == set(truth["allhands"]):
            continue
        events.append((meeting.start, [p for p in present if p]))
    for mail in mailbox.mails:
        if mail.automated or mail.sent is None:
            continue
        people = [who(m) for m in (mail.sender, *mail.to, *mail.cc) if m is not None]
        events.append((mail.sent, [p for p in people if p]))
    together: set[frozenset[str]] = set()
    for when, people in events:
        for p in people:
            day = when.date().isoformat()
            last[p] = max(last.get(p, day), day)
        together.update(frozenset(pair) for pair in itertools.combinations(set(people), 2))
    assert set(last) == set(truth["last"])
    # Ugo's newest contact is a LinkedIn message in the archive (1 Jun 2026), newer than the
    # meeting; everyone else's newest contact is in these three files.
    differ = {p: (last[p], truth["last"][p]) for p in last if last[p] != truth["last"][p]}
    assert differ == {"ugo-kowalski-27334": ("2025-11-03", "2026-06-01")}
    for a, b in truth["ties"]:
        assert frozenset((a, b)) in together, (a, b)


def test_cancelled_and_declined_are_flagged(
    truth: dict,  # type: ignore[type-arg]
    calendar: EvidenceFile,
) -> None:
    cancelled = [m for m in calendar.meetings if m.cancelled]
    assert [m.key for m in cancelled] == ["holdout-5@invented.example"]
    assert {a.who.address for a in cancelled[0].attendees} >= {
        "dmitri14@personal.example",
        "laura.osuilleabhain15@work1.example",
    }
    declined = [
        (m.key, a.who.address)
        for m in calendar.meetings
        for a in m.attendees
        if a.status == "DECLINED"
    ]
    assert declined == [("holdout-6@invented.example", "andres.dubois18@work4.example")]


def test_calendar_times_names_and_occurrences(calendar: EvidenceFile) -> None:
    first = calendar.meetings[0]
    # DTSTART;TZID=Europe/Berlin:20251103T130000 is 12:00 UTC (CET).
    assert first.start == datetime(2025, 11, 3, 12, 0, tzinfo=UTC)
    assert first.where == "calendar.ics:13"
    names = {a.who.address: a.who.name for a in first.attendees}
    assert names["maria.kim0@work0.example"] == ""  # no CN
    assert names["quentin1@personal.example"] == "Quentin Dubois"  # CN quoted
    weekly = [m for m in calendar.meetings if m.key.startswith("holdout-4@")]
    assert len(weekly) == 8  # RRULE:FREQ=WEEKLY;COUNT=8
    assert len({m.key for m in weekly}) == 8
    assert weekly[-1].start.date().isoformat() == "2026-10-20"
    assert calendar.skipped == []


def test_mailbox_headers_names_and_skips(mailbox: EvidenceFile) -> None:
    assert len(mailbox.mails) == 10
    assert [s.where for s in mailbox.skipped] == ["mail.mbox:133"]  # the NUL-byte message
    assert sum(m.automated for m in mailbox.mails) == 5  # 4 list mails + 1 noreply
    first = mailbox.mails[0]
    assert first.sender == Mailbox("xavier25@personal.example", "Xavier Okafor 🚀")
    assert first.key == "holdout-0@invented.example"
    assert first.sent == datetime(2025, 6, 20, 10, 30, tzinfo=UTC)
    cc = mailbox.mails[2].cc
    assert cc == (Mailbox("x28@personal.example", "明 Schröder"),)
    assert [m.where for m in mailbox.mails][:3] == ["mail.mbox:1", "mail.mbox:14", "mail.mbox:27"]


def test_vcard_sample(cards: EvidenceFile) -> None:
    assert len(cards.cards) == 22
    assert cards.skipped == []
    yusuf = next(c for c in cards.cards if c.name.startswith("Yusuf"))
    assert yusuf.name == "Yusuf Novák 🚀"
    assert yusuf.emails == ("yusuf.novak27@work6.example",)
    assert yusuf.where == "contacts.vcf:55"
