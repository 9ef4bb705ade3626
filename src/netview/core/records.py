"""Rows of a LinkedIn export as the readers in netview.io hand them to the importer.

Readers clean values (HTML entities decoded, whitespace trimmed, dates parsed) but do not
resolve identities: URLs stay as written (the importer keys them with netview.core.ids).
Every record keeps `line`, the 1-based physical line of the file where its row starts, for
messages that point the user at the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class FileKind(StrEnum):
    CONNECTIONS = "connections"
    INVITATIONS = "invitations"
    MESSAGES = "messages"
    COACH_MESSAGES = "coach_messages"  # AI-coach chats: same header, not interactions
    ENDORSEMENTS_RECEIVED = "endorsements_received"
    ENDORSEMENTS_GIVEN = "endorsements_given"
    RECOMMENDATIONS_RECEIVED = "recommendations_received"
    RECOMMENDATIONS_GIVEN = "recommendations_given"
    PROFILE = "profile"
    POSITIONS = "positions"


@dataclass(frozen=True, slots=True)
class Connection:
    line: int
    first_name: str
    last_name: str
    url: str | None
    email: str | None
    company: str | None
    position: str | None
    connected_on: date | None


@dataclass(frozen=True, slots=True)
class Invitation:
    line: int
    from_name: str
    to_name: str
    sent_at: datetime | None
    message: str | None
    outgoing: bool
    inviter_url: str | None  # profile URL or urn:li:member:<n>, as written
    invitee_url: str | None


@dataclass(frozen=True, slots=True)
class Message:
    line: int
    conversation_id: str | None
    conversation_title: str | None
    from_name: str
    sender_url: str | None
    to_names: tuple[str, ...]  # split by recipient URLs when the file has them
    recipient_urls: tuple[str, ...]  # empty when the file has none
    sent_at: datetime | None
    subject: str | None
    content: str
    folder: str | None
    outgoing: bool | None  # only 2018/2020 files say; otherwise decided by the sender
    is_draft: bool
    sponsored: bool  # "LinkedIn Member" mail, Sponsored Conversation: not a person


@dataclass(frozen=True, slots=True)
class Endorsement:
    line: int
    received: bool  # True: they endorsed the owner; False: the owner endorsed them
    endorsed_at: datetime | None
    skill: str
    first_name: str
    last_name: str
    url: str | None
    status: str | None


@dataclass(frozen=True, slots=True)
class Recommendation:
    line: int
    received: bool
    first_name: str
    last_name: str
    company: str | None
    job_title: str | None
    text: str
    created_at: datetime | None
    status: str | None


@dataclass(frozen=True, slots=True)
class Profile:
    line: int
    first_name: str
    last_name: str
    headline: str | None
    industry: str | None
    location: str | None


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    company: str
    title: str | None
    location: str | None
    started_on: date | None  # first of the month (or of January for a bare year)
    finished_on: date | None  # None: current


@dataclass(slots=True)
class Skipped:
    line: int
    reason: str


@dataclass(slots=True)
class FileReport:
    """What one file of an archive gave: rows read, kept and skipped with reasons."""

    name: str  # path inside the archive, e.g. "Connections.csv" or "Jobs/Job Applications.csv"
    kind: FileKind | None  # None: not a file NetView reads (kept in the report as ignored)
    rows_read: int = 0
    rows_imported: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    hidden: int = 0  # members who hide their details (no name, no URL)
    encoding: str = "utf-8"
    delimiter: str = ","
    note: str | None = None  # e.g. "AI-coach chat, not interactions"

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append(Skipped(line, reason))


@dataclass(slots=True)
class ArchiveContents:
    """Everything NetView reads from one export (zip, folder or a single CSV)."""

    label: str  # what the user gave, for messages ("Complete_LinkedInDataExport_….zip")
    content_hash: str  # sha256 over the files read, stable across zip/folder forms
    era: str  # the newest format generation seen, e.g. "2018", "2020", "2022", "2023", "2024"
    exported_on: date | None = None  # from the zip name "…_MM-DD-YYYY.zip" when it has one
    files: list[FileReport] = field(default_factory=list)
    # A list, or for a very long file a sequence that keeps most rows on disk (io/spool.py).
    connections: Sequence[Connection] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    endorsements: list[Endorsement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    profile: Profile | None = None
    positions: list[Position] = field(default_factory=list)
    shown: str = ""  # how reports and errors name it, when not `label` ("Downloads/x.csv")

    def as_of(self) -> date:
        """When the archive was made: its name says, else its newest dated row does (what
        the merge ranks facts by, and what a newer archive of the same person is)."""
        if self.exported_on:
            return self.exported_on
        # Walked, not listed: the connections may be millions of rows spooled on disk.
        days = [max((c.connected_on for c in self.connections if c.connected_on), default=None)]
        days += [m.sent_at.date() for m in self.messages if m.sent_at]
        days += [i.sent_at.date() for i in self.invitations if i.sent_at]
        return max((d for d in days if d is not None), default=date.today())
