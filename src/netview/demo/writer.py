"""Writing LinkedIn data export archives (2024/2025 formats) from plain records.

The demo network and the benchmarks produce archives through this module, so that they go
through exactly the same readers and importer as a member's real export. Everything follows
/work/shared/linkedin-export-formats.md: UTF-8 without BOM, LF line ends, minimal quoting,
no newline after the last row, the Notes: preamble in Connections.csv, one date format per
file, and profile URLs percent-encoded (uppercase hex) in Connections.csv only.

Pure: no database, no clock; the same records always give the same bytes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

PROFILE_PREFIX = "https://www.linkedin.com/in/"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

CONNECTIONS_NOTES = (
    "When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    "https://www.linkedin.com/help/linkedin/answer/261"
)

CONNECTIONS_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
MESSAGES_HEADER = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
)
INVITATIONS_HEADER = (
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
)
ENDORSEMENTS_RECEIVED_HEADER = (
    "Endorsement Date",
    "Skill Name",
    "Endorser First Name",
    "Endorser Last Name",
    "Endorser Public Url",
    "Endorsement Status",
)
ENDORSEMENTS_GIVEN_HEADER = (
    "Endorsement Date",
    "Skill Name",
    "Endorsee First Name",
    "Endorsee Last Name",
    "Endorsee Public Url",
    "Endorsement Status",
)
RECOMMENDATIONS_HEADER = (
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "Text",
    "Creation Date",
    "Status",
)
PROFILE_HEADER = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)
POSITIONS_HEADER = ("Company Name", "Title", "Description", "Location", "Started On", "Finished On")


# --- records -------------------------------------------------------------------------------
# Profiles are given by slug (the part after /in/, raw Unicode); the writer spells the URL the
# way each file does. A connection with slug None is a member who hides their details.


@dataclass(frozen=True, slots=True)
class ConnectionOut:
    first_name: str
    last_name: str
    slug: str | None
    company: str
    position: str
    connected_on: date
    email: str = ""

    @staticmethod
    def hidden(connected_on: date) -> ConnectionOut:
        return ConnectionOut("", "", None, "", "", connected_on)


@dataclass(frozen=True, slots=True)
class MessageOut:
    conversation_id: str
    title: str
    from_name: str
    sender_slug: str | None  # None: sponsored mail ("LinkedIn Member")
    to: Sequence[tuple[str, str]]  # (name, slug) per recipient
    sent_at: datetime  # UTC
    content: str  # plain text; the writer escapes it as LinkedIn does
    html: bool = False  # wrap the content in <p>…</p>, as the web editor does
    escape: bool = True  # False: `content` is already HTML (sponsored mail)
    subject: str = ""
    folder: str = "INBOX"


@dataclass(frozen=True, slots=True)
class InvitationOut:
    from_name: str
    to_name: str
    sent_at: datetime
    message: str
    outgoing: bool
    inviter_slug: str
    invitee_slug: str


@dataclass(frozen=True, slots=True)
class EndorsementOut:
    endorsed_at: datetime
    skill: str
    first_name: str  # the other person: endorser when received, endorsee when given
    last_name: str
    slug: str


@dataclass(frozen=True, slots=True)
class RecommendationOut:
    first_name: str  # the other person
    last_name: str
    company: str
    job_title: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ProfileOut:
    first_name: str
    last_name: str
    headline: str
    summary: str
    industry: str
    location: str


@dataclass(frozen=True, slots=True)
class PositionOut:
    company: str
    title: str
    description: str
    location: str
    started_on: date
    finished_on: date | None  # None: current
    year_only: bool = False  # "2017" instead of "Jun 2017"


@dataclass(slots=True)
class ExportOut:
    """One member's export: what goes into one archive."""

    profile: ProfileOut
    exported_on: date
    connections: list[ConnectionOut] = field(default_factory=list)  # any order; newest first
    messages: list[MessageOut] = field(default_factory=list)
    invitations: list[InvitationOut] = field(default_factory=list)
    endorsements_received: list[EndorsementOut] = field(default_factory=list)
    endorsements_given: list[EndorsementOut] = field(default_factory=list)
    recommendations_received: list[RecommendationOut] = field(default_factory=list)
    recommendations_given: list[RecommendationOut] = field(default_factory=list)
    positions: list[PositionOut] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


# --- spelling of values ----------------------------------------------------------------------


def encoded_profile_url(slug: str) -> str:
    """The URL as Connections.csv writes it: non-ASCII percent-encoded, uppercase hex."""
    return PROFILE_PREFIX + quote(slug, safe="-_.~")


def raw_profile_url(slug: str) -> str:
    """The URL as every other file writes it: raw Unicode."""
    return PROFILE_PREFIX + slug


def connected_on_text(day: date) -> str:
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def _clock12(moment: datetime) -> tuple[int, str]:
    hour = moment.hour % 12 or 12
    return hour, ("AM" if moment.hour < 12 else "PM")


def invitation_time_text(moment: datetime) -> str:
    hour, half = _clock12(moment)
    return f"{moment.month}/{moment.day}/{moment.year % 100:02d}, {hour}:{moment.minute:02d} {half}"


def recommendation_time_text(moment: datetime) -> str:
    hour, half = _clock12(moment)
    return (
        f"{moment.month:02d}/{moment.day:02d}/{moment.year % 100:02d}, "
        f"{hour:02d}:{moment.minute:02d} {half}"
    )


def message_time_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def endorsement_time_text(moment: datetime) -> str:
    return moment.strftime("%Y/%m/%d %H:%M:%S UTC")


def position_date_text(day: date, year_only: bool) -> str:
    return str(day.year) if year_only else f"{_MONTHS[day.month - 1]} {day.year}"


def escape_content(text: str) -> str:
    """HTML entities as messages.csv carries them (`&amp;`, `&#39;`, …)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


# --- files ---------------------------------------------------------------------------------


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], preamble: str = "") -> str:
    buffer = io.StringIO()
    buffer.write(preamble)
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    # LinkedIn ends the last row without a line break.
    return buffer.getvalue()[:-1]


def connections_csv(connections: Iterable[ConnectionOut]) -> str:
    rows = (
        (
            c.first_name,
            c.last_name,
            encoded_profile_url(c.slug) if c.slug else "",
            c.email,
            c.company,
            c.position,
            connected_on_text(c.connected_on),
        )
        for c in sorted(connections, key=lambda c: c.connected_on, reverse=True)
    )
    notes = io.StringIO()
    csv.writer(notes, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow([CONNECTIONS_NOTES])
    return _csv_text(CONNECTIONS_HEADER, rows, preamble="Notes:\n" + notes.getvalue() + "\n")


def messages_csv(messages: Iterable[MessageOut]) -> str:
    def row(m: MessageOut) -> tuple[str, ...]:
        content = escape_content(m.content) if m.escape else m.content
        if m.html:
            content = f"<p>{content}</p>"
        return (
            m.conversation_id,
            m.title,
            m.from_name,
            raw_profile_url(m.sender_slug) if m.sender_slug else "",
            ",".join(name for name, _ in m.to),
            ",".join(raw_profile_url(slug) for _, slug in m.to),
            message_time_text(m.sent_at),
            m.subject,
            content,
            m.folder,
            "",
            "false",
        )

    return _csv_text(MESSAGES_HEADER, (row(m) for m in messages))


def invitations_csv(invitations: Iterable[InvitationOut]) -> str:
    rows = (
        (
            i.from_name,
            i.to_name,
            invitation_time_text(i.sent_at),
            i.message,
            "OUTGOING" if i.outgoing else "INCOMING",
            raw_profile_url(i.inviter_slug),
            raw_profile_url(i.invitee_slug),
        )
        for i in sorted(invitations, key=lambda i: i.sent_at, reverse=True)
    )
    return _csv_text(INVITATIONS_HEADER, rows)


def endorsements_csv(endorsements: Iterable[EndorsementOut], received: bool) -> str:
    rows = (
        (
            endorsement_time_text(e.endorsed_at),
            e.skill,
            e.first_name,
            e.last_name,
            # No scheme in these files.
            "www.linkedin.com/in/" + e.slug,
            "ACCEPTED",
        )
        for e in endorsements
    )
    header = ENDORSEMENTS_RECEIVED_HEADER if received else ENDORSEMENTS_GIVEN_HEADER
    return _csv_text(header, rows)


def recommendations_csv(recommendations: Iterable[RecommendationOut]) -> str:
    rows = (
        (
            r.first_name,
            r.last_name,
            r.company,
            r.job_title,
            r.text,
            recommendation_time_text(r.created_at),
            "VISIBLE",
        )
        for r in recommendations
    )
    return _csv_text(RECOMMENDATIONS_HEADER, rows)


def profile_csv(p: ProfileOut) -> str:
    row = (
        p.first_name,
        p.last_name,
        "",
        "",
        "",
        p.headline,
        p.summary,
        p.industry,
        "",
        p.location,
        "",
        "",
        "",
    )
    return _csv_text(PROFILE_HEADER, [row])


def positions_csv(positions: Iterable[PositionOut]) -> str:
    rows = (
        (
            p.company,
            p.title,
            p.description,
            p.location,
            position_date_text(p.started_on, p.year_only),
            position_date_text(p.finished_on, p.year_only) if p.finished_on else "",
        )
        for p in positions
    )
    return _csv_text(POSITIONS_HEADER, rows)


def skills_csv(skills: Iterable[str]) -> str:
    return _csv_text(("Name",), ((s,) for s in skills))


def export_files(export: ExportOut) -> dict[str, str]:
    """File name inside the archive -> text, in the order LinkedIn's archives list them.

    Files a member would not get (no invitations, no recommendations, …) are left out, as
    LinkedIn does.
    """
    files: dict[str, str] = {"Connections.csv": connections_csv(export.connections)}
    if export.invitations:
        files["Invitations.csv"] = invitations_csv(export.invitations)
    if export.messages:
        files["messages.csv"] = messages_csv(export.messages)
    if export.endorsements_received:
        files["Endorsement_Received_Info.csv"] = endorsements_csv(
            export.endorsements_received, received=True
        )
    if export.endorsements_given:
        files["Endorsement_Given_Info.csv"] = endorsements_csv(
            export.endorsements_given, received=False
        )
    if export.recommendations_received:
        files["Recommendations_Received.csv"] = recommendations_csv(export.recommendations_received)
    if export.recommendations_given:
        files["Recommendations_Given.csv"] = recommendations_csv(export.recommendations_given)
    files["Profile.csv"] = profile_csv(export.profile)
    if export.positions:
        files["Positions.csv"] = positions_csv(export.positions)
    if export.skills:
        files["Skills.csv"] = skills_csv(export.skills)
    return files


def archive_name(exported_on: date, prefix: str = "") -> str:
    """`Complete_LinkedInDataExport_MM-DD-YYYY.zip`, optionally after `prefix` + "__"."""
    base = f"Complete_LinkedInDataExport_{exported_on:%m-%d-%Y}.zip"
    return f"{prefix}__{base}" if prefix else base


def zip_bytes(export: ExportOut) -> bytes:
    """The archive as LinkedIn sends it: files at the root of a zip.

    Entry times come from the export date, not the clock, so equal records give equal bytes.
    """
    buffer = io.BytesIO()
    stamp = (export.exported_on.year, export.exported_on.month, export.exported_on.day, 9, 0, 0)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in export_files(export).items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()


def write_zip(export: ExportOut, path: Path) -> Path:
    path.write_bytes(zip_bytes(export))
    return path


def write_folder(export: ExportOut, folder: Path) -> Path:
    """The archive unpacked into `folder` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in export_files(export).items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder
