"""Which kind of file a header belongs to, and which format generation ("era") it shows.

Files are recognised by their header only; the file name breaks ties between kinds that
share a header (recommendations given/received, messages vs AI-coach chats).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netview.core.records import FileKind

# Every column each kind is known to have had, lower-case.
_KNOWN: dict[str, frozenset[str]] = {
    "connections": frozenset(
        {"first name", "last name", "url", "email address", "company", "position", "connected on"}
    ),
    "invitations": frozenset(
        {
            "from",
            "to",
            "sent at",
            "message",
            "direction",
            "inviterprofileurn",
            "inviteeprofileurn",
            "inviterprofileurl",
            "inviteeprofileurl",
        }
    ),
    "messages": frozenset(
        {
            "conversation id",
            "conversation title",
            "from",
            "sender profile url",
            "to",
            "recipient profile urls",
            "date",
            "subject",
            "content",
            "direction",
            "folder",
            "attachments",
            "is message draft",
            "is conversation draft",
        }
    ),
    "endorsements_received": frozenset(
        {
            "endorsement date",
            "skill name",
            "endorser first name",
            "endorser last name",
            "endorser public url",
            "endorsement status",
        }
    ),
    "endorsements_given": frozenset(
        {
            "endorsement date",
            "skill name",
            "endorsee first name",
            "endorsee last name",
            "endorsee public url",
            "endorsement status",
        }
    ),
    "recommendations": frozenset(
        {"first name", "last name", "company", "job title", "text", "creation date", "status"}
    ),
    "profile": frozenset(
        {
            "first name",
            "last name",
            "maiden name",
            "address",
            "birth date",
            "headline",
            "summary",
            "industry",
            "zip code",
            "geo location",
            "twitter handles",
            "websites",
            "instant messengers",
            "contact instructions",
            "country",
        }
    ),
    "positions": frozenset(
        {"company name", "title", "description", "location", "started on", "finished on"}
    ),
}

# Columns without which a file of that kind cannot be read.
REQUIRED: dict[str, tuple[str, ...]] = {
    "connections": ("first name", "last name", "connected on"),
    "invitations": ("from", "to", "sent at", "direction"),
    "messages": ("from", "date", "content"),
    "endorsements_received": ("skill name", "endorser first name", "endorser last name"),
    "endorsements_given": ("skill name", "endorsee first name", "endorsee last name"),
    "recommendations": ("first name", "last name", "text"),
    "profile": ("first name", "last name"),
    "positions": ("company name",),
}

# What a header must hold to be taken for a kind: all of the first set and one of the
# second. Other LinkedIn files share columns with these (Projects.csv has Title, Started On,
# Finished On; Volunteering.csv has Company Name; contacts files have First Name, Last Name),
# so overlap alone would mistake them for Positions or Connections.
_ANCHORS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "connections": (frozenset({"first name", "last name"}), frozenset({"connected on", "url"})),
    "invitations": (
        frozenset({"from", "to"}),
        frozenset(
            {
                "sent at",
                "inviterprofileurn",
                "inviteeprofileurn",
                "inviterprofileurl",
                "inviteeprofileurl",
            }
        ),
    ),
    "messages": (
        frozenset(),
        frozenset({"content", "conversation id", "sender profile url", "recipient profile urls"}),
    ),
    "endorsements_received": (
        frozenset(),
        frozenset({"endorser first name", "endorser last name", "endorser public url"}),
    ),
    "endorsements_given": (
        frozenset(),
        frozenset({"endorsee first name", "endorsee last name", "endorsee public url"}),
    ),
    "recommendations": (
        frozenset({"first name", "last name"}),
        frozenset({"text", "creation date", "job title"}),
    ),
    "profile": (
        frozenset({"first name", "last name"}),
        frozenset({"headline", "maiden name", "birth date", "geo location", "summary"}),
    ),
    "positions": (frozenset({"company name", "title"}), frozenset({"started on", "finished on"})),
}

COACH_FILES = frozenset(
    {
        "guide_messages.csv",
        "coach_messages.csv",
        "learning_coach_messages.csv",
        "learning_role_play_messages.csv",
    }
)

_SIMPLE_KINDS = {
    "connections": FileKind.CONNECTIONS,
    "invitations": FileKind.INVITATIONS,
    "endorsements_received": FileKind.ENDORSEMENTS_RECEIVED,
    "endorsements_given": FileKind.ENDORSEMENTS_GIVEN,
    "profile": FileKind.PROFILE,
    "positions": FileKind.POSITIONS,
}


def family(names: Sequence[str]) -> tuple[str | None, int]:
    """The kind family a header's columns match, with its overlap (None, 0 when none does)."""
    present = set(names)
    scores = sorted(
        (
            (len(present & _KNOWN[fam]), fam)
            for fam, (every, some) in _ANCHORS.items()
            if every <= present and some & present
        ),
        reverse=True,
    )
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None, 0
    return scores[0][1], scores[0][0]


def score(names: Sequence[str]) -> int:
    return family(names)[1]


@dataclass(frozen=True, slots=True)
class Detection:
    kind: FileKind | None  # None: a LinkedIn file whose kind the name cannot settle (see note)
    missing: tuple[str, ...]  # required columns the header lacks
    note: str | None = None


def detect(names: Sequence[str], file_name: str) -> Detection | None:
    """The kind of a file with this header (lower-case names), or None for files not read."""
    fam, _ = family(names)
    if fam is None:
        return None
    present = set(names)
    missing = tuple(c for c in REQUIRED[fam] if c not in present)
    base = file_name.rsplit("/", 1)[-1].lower()
    if fam == "messages":
        if base in COACH_FILES or "coach" in base or "role_play" in base:
            return Detection(FileKind.COACH_MESSAGES, (), "AI-coach chat, not interactions")
        return Detection(FileKind.MESSAGES, missing)
    if fam == "recommendations":
        if "given" in base:
            return Detection(FileKind.RECOMMENDATIONS_GIVEN, missing)
        if "received" in base:
            return Detection(FileKind.RECOMMENDATIONS_RECEIVED, missing)
        return Detection(
            None, (), "recommendations file whose name does not say given or received; not read"
        )
    return Detection(_SIMPLE_KINDS[fam], missing)


ERAS = ("2018", "2020", "2022", "2023", "2024", "2025", "2026")


def era_of(kind: FileKind, cells: Sequence[str], quoted: bool, preamble: bool) -> str | None:
    """The format generation a header shows, None when it does not tell."""
    names = {c.lower() for c in cells}
    if kind in (FileKind.MESSAGES, FileKind.COACH_MESSAGES):
        if "conversation id" not in names:
            # 2018: Title Case; early 2020: the same names upper-cased.
            upper = all(c == c.upper() for c in cells if c)
            return "2020" if upper else "2018"
        if "attachments" in names:
            return "2026" if quoted and "is message draft" not in names else "2025"
        if "is message draft" in names:
            return "2024"
        if "recipient profile urls" in names:
            return "2023"
        return "2022"
    if kind is FileKind.CONNECTIONS:
        if "url" in names:
            return "2023"
        return "2020" if preamble else "2018"
    if kind is FileKind.INVITATIONS:
        if "inviterprofileurl" in names or "inviteeprofileurl" in names:
            return "2024"
        if "inviterprofileurn" in names or "inviteeprofileurn" in names:
            return "2023"
        return "2018"
    if kind is FileKind.ENDORSEMENTS_RECEIVED and "endorser public url" in names:
        return "2023"
    return None
