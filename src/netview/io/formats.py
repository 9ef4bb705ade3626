"""The formats NetView reads and writes, in one list: `netview import` and `netview export`,
File > Import / Export (their file-dialog filters) and drag and drop all ask it.

Each format says what it is called, which extensions it usually has, how it is recognised
from its content (a Takeout mbox has no extension, a calendar zip is a zip, a contacts CSV
is a CSV: the extension alone cannot tell), and whether it is imported, exported or both,
with the function that reads it. `recognise(path)` tries the formats in the order of FORMATS:
the most specific content first, the LinkedIn archive (any zip or folder of CSV files)
last, so that its reader can explain what it missed.
"""

from __future__ import annotations

import itertools
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path, PurePosixPath

from netview.core.errors import ImportFailure
from netview.core.progress import Progress
from netview.io import interop
from netview.io.backup import read_backup
from netview.io.cleantext import decode_loosely
from netview.io.edgelist import is_edgelist
from netview.io.evidence.address_book import read_address_book
from netview.io.evidence.calendar import is_calendar, read_calendar
from netview.io.evidence.contacts_csv import is_contacts_csv
from netview.io.evidence.mailbox import apple_mbox, is_mbox, is_message, read_mailbox
from netview.io.evidence.vcard import is_vcard
from netview.io.linkedin import detect as linkedin_detect
from netview.io.linkedin import read_archive
from netview.io.linkedin.archive import KNOWN_NAMES
from netview.io.linkedin.text import find_header

HEAD_BYTES = 64 * 1024
MAX_FOLDER_FILES = 5000


class Kind(StrEnum):
    LINKEDIN = "linkedin"  # a LinkedIn data export
    NETWORK = "network"  # ties from another tool (GraphML, GEXF, edge list)
    CALENDAR = "calendar"
    MAILBOX = "mailbox"
    ADDRESS_BOOK = "address_book"
    PEOPLE = "people"  # the people spreadsheet NetView writes
    BACKUP = "backup"  # NetView's complete JSON backup (netview restore reads it)
    FOLLOWUPS = "followups"  # follow-ups as calendar events
    PICTURE = "picture"  # the map, painted (by netview.ui.map.render: Qt)


class Probe:
    """What sniffers look at, read once per path: its first bytes, or a zip's member names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.suffix = path.suffix.lower()

    @cached_property
    def is_dir(self) -> bool:
        return self.path.is_dir()

    @cached_property
    def is_file(self) -> bool:
        return self.path.is_file()

    @cached_property
    def head(self) -> bytes:
        if not self.is_file:
            return b""
        try:
            with self.path.open("rb") as f:
                return f.read(HEAD_BYTES)
        except OSError:
            return b""

    @cached_property
    def members(self) -> list[str]:
        """Lower-case names of a zip's files, or of the files under a folder."""
        if self.is_dir:
            # A sample is enough to tell, and a drop of a whole home folder stays quick.
            try:
                found = (p for p in self.path.rglob("*") if p.is_file())
                return [
                    p.relative_to(self.path).as_posix().lower()
                    for p in itertools.islice(found, MAX_FOLDER_FILES)
                ]
            except OSError:
                return []
        if not self.head.startswith(b"PK"):
            return []
        try:
            with zipfile.ZipFile(self.path) as zf:
                return [n.lower() for n in zf.namelist() if not n.endswith("/")]
        except (OSError, zipfile.BadZipFile):
            return []

    @cached_property
    def linkedin_csv(self) -> bool:
        """One CSV whose header names the columns of a LinkedIn export file."""
        if not self.is_file or self.members:
            return False
        header = find_header(decode_loosely(self.head), linkedin_detect.score)
        found = header is not None and linkedin_detect.detect(header.names, self.path.name)
        return bool(found)

    def has_members(self, suffix: str) -> bool:
        return any(name.endswith(suffix) for name in self.members)


Reader = Callable[[Path, Progress], object]


@dataclass(frozen=True)
class Format:
    name: str  # as the command line spells it
    label: str  # as menus and dialogs show it
    extensions: tuple[str, ...]  # usual ones, for file dialogs ("" for none)
    kind: Kind
    recognise: Callable[[Probe], bool] | None = None  # None: never imported
    read: Reader | None = None  # what `netview import` (or restore, for BACKUP) calls
    exported: bool = False  # offered by `netview export` and File > Export

    @property
    def imported(self) -> bool:
        return self.recognise is not None and self.read is not None

    @property
    def file_filter(self) -> str:
        patterns = " ".join(f"*{e}" for e in self.extensions if e)
        return f"{self.label} ({patterns})"

    @property
    def suffix(self) -> str:
        """The extension an exported file gets."""
        return self.extensions[0]


# --- how each is recognised ----------------------------------------------------------------


def _xml_root(probe: Probe, tag: bytes, suffix: str) -> bool:
    """An XML file whose root is `tag`: by content, or by its own extension (then its reader
    explains what is wrong with it)."""
    if probe.suffix == suffix and probe.is_file:
        return True
    head = probe.head[:4096].lower()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and b"<" + tag in head


def _is_graphml(probe: Probe) -> bool:
    return _xml_root(probe, b"graphml", ".graphml")


def _is_gexf(probe: Probe) -> bool:
    return _xml_root(probe, b"gexf", ".gexf")


def _is_calendar(probe: Probe) -> bool:
    if is_calendar(probe.head):
        return True
    # Google Calendar's export or a Takeout zip: .ics files and none of LinkedIn's own
    # files (a Takeout zip holds other CSVs: Google Pay, Fit...).
    linkedin = any(name.rpartition("/")[2] in KNOWN_NAMES for name in probe.members)
    return probe.is_file and probe.has_members(".ics") and not linkedin


def _is_mailbox(probe: Probe) -> bool:
    if probe.is_dir:
        if apple_mbox(probe.path) is not None:  # Apple Mail's export: Inbox.mbox/mbox
            return True
        return probe.has_members(".eml") and not probe.has_members(".csv")
    return is_mbox(probe.head) or is_message(probe.head)


def _is_address_book(probe: Probe) -> bool:
    if is_vcard(probe.head):
        return True
    # Connections.csv names people and addresses too, but it is LinkedIn's.
    return probe.is_file and is_contacts_csv(probe.head) and not _is_linkedin(probe)


def _is_edgelist(probe: Probe) -> bool:
    return probe.is_file and is_edgelist(probe.path)


def _is_linkedin(probe: Probe) -> bool:
    """A folder or zip holding CSV files (the reader says when none is LinkedIn's), or one
    CSV whose header names a LinkedIn file's columns."""
    if probe.is_dir or probe.members:
        return probe.has_members(".csv")
    # A file named like one of LinkedIn's (Connections.csv) goes to its reader even when its
    # header is not found: that reader says what is wrong with it, naming the line.
    return probe.linkedin_csv or (probe.is_file and probe.path.name.lower() in KNOWN_NAMES)


# --- how each is read (the importer's side) ---------------------------------------------------


def _network(kind: str) -> Reader:
    def read(path: Path, progress: Progress) -> object:
        return interop.read_interop(path, kind)

    return read


def _linkedin(path: Path, progress: Progress) -> object:
    return read_archive(path, progress)


def _calendar(path: Path, progress: Progress) -> object:
    return read_calendar(path)


def _mailbox(path: Path, progress: Progress) -> object:
    return read_mailbox(path, progress)


def _address_book(path: Path, progress: Progress) -> object:
    return read_address_book(path)


def _backup(path: Path, progress: Progress) -> object:
    return read_backup(path)


# In this order File > Export lists what it writes, and `recognise` tries what it reads
# (see the module docstring).
FORMATS: tuple[Format, ...] = (
    Format("png", "Picture of the map (PNG)", (".png",), Kind.PICTURE, exported=True),
    Format("svg", "Picture of the map (SVG)", (".svg",), Kind.PICTURE, exported=True),
    Format("csv", "Spreadsheet of people (CSV)", (".csv",), Kind.PEOPLE, exported=True),
    Format("gexf", "Network for Gephi (GEXF)", (".gexf", ".xml"), Kind.NETWORK,
           _is_gexf, _network("gexf"), exported=True),
    Format("graphml", "Network for Cytoscape (GraphML)", (".graphml", ".xml"), Kind.NETWORK,
           _is_graphml, _network("graphml"), exported=True),
    Format("ics", "Follow-ups for your calendar (ICS)", (".ics",), Kind.FOLLOWUPS,
           exported=True),
    Format("json", "Complete backup (JSON)", (".json",), Kind.BACKUP, read=_backup,
           exported=True),
    Format("calendar", "Calendar (iCalendar, Google Calendar export)", (".ics", ".zip"),
           Kind.CALENDAR, _is_calendar, _calendar),
    Format("mailbox", "Mailbox (mbox, .eml)", (".mbox", ".eml", ""), Kind.MAILBOX,
           _is_mailbox, _mailbox),
    Format("address_book", "Address book (vCard, contacts CSV)", (".vcf", ".csv"),
           Kind.ADDRESS_BOOK, _is_address_book, _address_book),
    Format("edgelist", "Edge list (CSV with source, target)", (".csv", ".tsv", ".txt"),
           Kind.NETWORK, _is_edgelist, _network("edgelist")),
    # Last: any zip or folder of CSV files, so that its reader can say what it missed.
    Format("linkedin", "LinkedIn archive", (".zip", ".csv"), Kind.LINKEDIN,
           _is_linkedin, _linkedin),
)  # fmt: skip

UNKNOWN = (
    "not a file NetView can import (a LinkedIn archive, GraphML, GEXF, edge list, calendar, "
    "mailbox or address book)"
)


def by_name(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def imported() -> list[Format]:
    return [f for f in FORMATS if f.imported]


def exported() -> list[Format]:
    return [f for f in FORMATS if f.exported]


def recognise(path: str | os.PathLike[str]) -> Format | None:
    """The importable format of `path` (a file or folder) by its content, or None."""
    probe = Probe(Path(path))
    for fmt in FORMATS:
        if fmt.recognise is not None and fmt.recognise(probe):
            return fmt
    return None


def recognise_or_fail(path: str | os.PathLike[str]) -> Format:
    """As recognise, or ImportFailure: one line naming the file."""
    p = Path(path)
    if not p.exists():
        raise ImportFailure(p.name or str(p), "no such file or folder")
    fmt = recognise(p)
    if fmt is None:
        probe = Probe(p)
        if probe.is_file and not probe.head:
            # A spreadsheet's words only for a spreadsheet: an empty calendar or mailbox
            # has no header row to miss.
            table = p.suffix.lower() in (".csv", ".tsv", ".txt", "")
            raise ImportFailure(
                p.name,
                "the file is empty (no header row, no data)" if table else "the file is empty",
            )
        inner = _inner_file(probe)
        if inner:
            what, name = inner
            raise ImportFailure(
                p.name, f"a zip holding {what} ({name}); unzip it and import that one"
            )
        if probe.is_file and _binary(probe.head):
            raise ImportFailure(p.name, f"not a text file (binary data?), so {UNKNOWN}")
        raise ImportFailure(p.name, UNKNOWN)
    return fmt


# What a zip that is no format of its own may hold for NetView: an export zipped once more
# (a mail program, a backup tool), or Google Takeout's mailbox or contacts.
_INNER = {
    ".zip": "another zip",
    ".mbox": "a mailbox",
    ".eml": "a mail message",
    ".vcf": "an address book",
}


def _inner_file(probe: Probe) -> tuple[str, str] | None:
    """(what, name as the zip names it) of the first file NetView could read inside a zip
    it cannot read as a whole; None when there is none."""
    if not any(name.endswith(tuple(_INNER)) for name in probe.members):
        return None
    try:
        with zipfile.ZipFile(probe.path) as zf:
            names = zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return None
    for name in names:
        what = _INNER.get(PurePosixPath(name.lower()).suffix)
        if what and "__macosx" not in name.lower():
            return what, name
    return None


def _binary(head: bytes) -> bool:
    """Bytes no text file holds: a NUL or many control characters (UTF-16 with its byte-order
    mark aside: its NULs are text)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\0" in head:
        return True
    controls = sum(1 for b in head[:4096] if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head[:4096]) // 20


def import_filters() -> str:
    """File > Import's filter list: everything importable first, then each format."""
    every = sorted({f"*{e}" for f in imported() for e in f.extensions if e})
    lines = [f"Everything NetView imports ({' '.join(every)})"]
    lines += [f.file_filter for f in imported()]
    lines.append("All files (*)")
    return ";;".join(lines)
