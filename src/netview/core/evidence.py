"""The user's own evidence as the readers in netview.io hand it to the importer: meetings from
calendars, mail headers from mailboxes, cards from address books.

Readers report what the file says and decide nothing about people: addresses stay addresses
(lower-cased), display names stay names (RFC 2047 decoded). Which meetings and mails count as
contact, and who an address is, is decided by the importer (netview.services). Nothing here
holds a body, a subject or a meeting title: NetView never needs them, so it never keeps them.

Every record keeps `where`, "file:line" of the row or entry it came from, for the import
report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

# At most this many other people (attendees besides you, recipients of a mail): beyond it a
# meeting or a mail says nothing about who knows whom, or about you and each of them. The
# importer applies it to meetings and mails, the network's loader to group conversations.
SMALL = 10


class EvidenceKind(StrEnum):
    CALENDAR = "calendar"
    MAILBOX = "mailbox"
    ADDRESS_BOOK = "address_book"


@dataclass(frozen=True, slots=True)
class Mailbox:
    """One address as a header or a card gives it."""

    address: str  # the addr-spec, lower-cased ("ana@example.com"); "" when only a name is known
    name: str = ""  # the display name, decoded; "" when none


@dataclass(frozen=True, slots=True)
class Attendee:
    who: Mailbox
    status: str = ""  # PARTSTAT upper-cased: ACCEPTED, DECLINED, TENTATIVE, NEEDS-ACTION or ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """One occurrence of a calendar event (a recurring event gives one per occurrence)."""

    where: str
    key: str  # UID plus the occurrence's start: the same occurrence imported twice is one
    start: datetime  # timezone-aware, UTC
    organizer: Mailbox | None
    attendees: tuple[Attendee, ...]
    cancelled: bool = False  # STATUS:CANCELLED (the event or this occurrence)
    # Its title names a meeting of many (all hands, town hall, webinar…), however few of its
    # attendees the invitation lists: no contact, no ties. The title itself is not kept.
    crowd: bool = False
    # The event's UID, the same for every occurrence of a repeating one (whose calendar it
    # is counts each series once); "" from a reader that has no series.
    series: str = ""


@dataclass(frozen=True, slots=True)
class Mail:
    """The headers of one message that matter for who wrote to whom."""

    where: str
    key: str  # Message-ID, or a hash of the headers below when it has none
    sent: datetime | None  # Date, timezone-aware UTC; None when missing or unreadable
    sender: Mailbox | None
    to: tuple[Mailbox, ...] = ()
    cc: tuple[Mailbox, ...] = ()
    # List-Id, Precedence: bulk/list/junk, Auto-Submitted other than "no", or a no-reply sender.
    automated: bool = False
    labels: tuple[str, ...] = ()  # X-Gmail-Labels (Sent, Inbox, Spam, Trash, Chat…), as written


@dataclass(frozen=True, slots=True)
class Card:
    """One contact of an address book (vCard, Google or Outlook CSV, a LinkedIn contacts file)."""

    where: str
    name: str  # FN, or given + family names
    emails: tuple[str, ...] = ()  # lower-cased
    company: str = ""
    title: str = ""
    urls: tuple[str, ...] = ()  # as written; a LinkedIn profile URL among them names the person


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something a reader could not use; the rest of the file still imports."""

    where: str  # "file:line"
    why: str


@dataclass
class EvidenceFile:
    """One file (or zip, or folder of .eml) of evidence, read.

    `meetings`, `mails` and `cards` are iterables so that a 5 GB mailbox streams: the
    importer walks them once, inside its transaction. `skipped` fills while they are walked.
    """

    kind: EvidenceKind
    label: str  # the file's name as the user knows it
    content_hash: str  # of the file's bytes: the same file imported twice is one source
    meetings: Iterable[Meeting] = ()
    mails: Iterable[Mail] = ()
    cards: Iterable[Card] = ()
    owner_addresses: tuple[str, ...] = ()  # addresses the file says are its owner's
    skipped: list[Skipped] = field(default_factory=list)
    shown: str = ""  # how reports and errors name it, when not `label` ("Downloads/x.ics")
