"""Importing LinkedIn exports into the store: `netview import` and File > Import….

One archive is one transaction: it lands whole or not at all. Every archive given is read
(and so checked) before anything is written. Importing the same archive twice changes
nothing; a newer archive of the same owner adds what is new and never touches user data.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.errors import ImportFailure, NetViewError, OwnerUnknown
from netview.core.evidence import EvidenceFile
from netview.core.progress import NoProgress, Progress, check
from netview.core.records import ArchiveContents
from netview.io import formats, interop
from netview.io.evidence.headers import is_address
from netview.services.importing import history
from netview.services.importing.evidence import import_evidence, in_import_order
from netview.services.importing.import_report import ImportReport
from netview.services.importing.interop import import_file
from netview.services.importing.merge import ArchiveMerge, Known
from netview.store import importing as q
from netview.store import sources, team
from netview.store.db import Database

_IMPORTED_KINDS = frozenset(
    {
        formats.Kind.LINKEDIN,
        formats.Kind.NETWORK,
        formats.Kind.CALENDAR,
        formats.Kind.MAILBOX,
        formats.Kind.ADDRESS_BOOK,
    }
)


class _Scaled:
    """Maps a sub-job's 0..1 progress into a slice of the whole."""

    def __init__(self, outer: Progress, start: float, span: float) -> None:
        self.outer, self.start, self.span = outer, start, span

    def report(self, fraction: float, text: str) -> None:
        self.outer.report(self.start + self.span * max(0.0, min(1.0, fraction)), text)

    def cancelled(self) -> bool:
        return self.outer.cancelled()


def import_paths(
    db: Database,
    paths: Sequence[str | os.PathLike[str]],
    *,
    owner_url: str | None = None,
    my_addresses: Sequence[str] = (),
    progress: Progress | None = None,
    supersede: bool = False,
) -> list[ImportReport]:
    """Read every path (zip, folder or CSV), then import the archives in order, atomically:
    all of them or, on any error, none.

    `owner_url` names the owner of the archives given (use it with one archive at a time);
    `my_addresses` are the user's own e-mail addresses, for calendars and mailboxes.
    `supersede` lets a newer archive that looks older replace its owner's current one
    (without it: ArchiveLooksOlder, nothing written).
    Raises ImportFailure (nothing written) when a file cannot be read, OwnerUnknown when an
    archive's owner cannot be told.
    """
    shown = progress  # None: a waiting writer says so on stderr (netview.store.db)
    progress = progress or NoProgress()
    if owner_url is not None and ids.any_key(owner_url) is None:
        raise NetViewError(f"--owner-url {owner_url!r} is not a LinkedIn profile URL")
    for address in my_addresses:
        if not is_address(address):  # kept as yours for good (my-address): checked first
            raise NetViewError(f"--my-address {address!r} is not an e-mail address")
    try:
        return _import_paths(db, paths, owner_url, my_addresses, shown, progress, supersede)
    finally:
        # The key caches hold up to ~150 MB of what this import met: nothing for later.
        ids.clear_caches()


def _import_paths(
    db: Database,
    paths: Sequence[str | os.PathLike[str]],
    owner_url: str | None,
    my_addresses: Sequence[str],
    shown: Progress | None,
    progress: Progress,
    supersede: bool,
) -> list[ImportReport]:
    n = max(1, len(paths))
    contents: list[ArchiveContents | interop.InteropFile | EvidenceFile] = []
    at = Path()
    try:
        for i, path in enumerate(paths):
            at = Path(path)
            # What the file is comes from its content (netview.io.formats): a LinkedIn
            # archive, GraphML, GEXF and edge lists from other tools (sources of ties too),
            # or your own calendars, mailboxes and address books.
            fmt = formats.recognise_or_fail(path)
            if fmt.kind not in _IMPORTED_KINDS or fmt.read is None:
                raise NetViewError(f"{as_found(at)}: {fmt.label} files cannot be imported")
            read = fmt.read(at, _Scaled(progress, 0.6 * i / n, 0.6 / n))
            assert isinstance(read, ArchiveContents | interop.InteropFile | EvidenceFile)
            read.shown = _named(read.label, at)  # what reports and errors call it
            contents.append(read)
    except ImportFailure as exc:
        # Every file is read before anything is written: say so, a half-broken zip included.
        file = _named(exc.file, at)
        raise ImportFailure(file, f"{exc.message}; nothing was imported", exc.line) from None
    try:
        return import_contents(
            db,
            contents,
            owner_url=owner_url,
            my_addresses=my_addresses,
            progress=shown,
            supersede=supersede,
        )
    except ImportFailure as exc:  # the transaction is rolled back
        raise ImportFailure(exc.file, f"{exc.message}; nothing was imported", exc.line) from None


def as_found(path: Path) -> str:
    """A file given alone, named as the user would find it: its folder and its name
    ("Downloads/Connections.csv", not a bare "Connections.csv" there may be several of).
    What is inside a zip or folder is named by the zip or folder ("export.zip:messages.csv")."""
    folder = path.absolute().parent.name
    return f"{folder}/{path.name}" if folder else path.name


def _named(file: str, path: Path) -> str:
    """`file` as a reader named it, or, when that is the bare name of a file given alone
    (not an archive: "export.zip" names itself), that file as the user would find it."""
    alone = file == path.name and path.is_file() and not zipfile.is_zipfile(path)
    return as_found(path) if alone else file


def import_contents(
    db: Database,
    contents: Sequence[ArchiveContents | interop.InteropFile | EvidenceFile],
    *,
    owner_url: str | None = None,
    my_addresses: Sequence[str] = (),
    progress: Progress | None = None,
    supersede: bool = False,
) -> list[ImportReport]:
    """Import what was read, in one transaction: archives first (your own evidence needs
    to know who you are), then address books, calendars and mailboxes."""
    shown = progress
    progress = progress or NoProgress()
    n = max(1, len(contents))
    reports = []
    # One transaction for the whole command: if any archive cannot be imported (its owner
    # cannot be told, say), none is, and the user re-runs with what was missing.
    with db.write(shown) as session:
        q.lock_for_import(session)
        # What the database holds is read when an archive needs it (not for one that is
        # there already), and read again after an archive that did not keep it up to date.
        known: Known | None = None
        for i, archive in enumerate(in_import_order(contents)):
            check(progress)
            progress.report(0.6 + 0.4 * i / n, f"Importing {archive.label}")
            if isinstance(archive, EvidenceFile):
                step = _Scaled(progress, 0.6 + 0.4 * i / n, 0.4 / n)
                reports.append(
                    import_evidence(session, archive, my_addresses=my_addresses, progress=step)
                )
                continue
            if isinstance(archive, interop.InteropFile):
                reports.append(import_file(session, archive))
                known = None  # it added people and ties the maps do not hold
                continue
            report, known = _import_archive(session, archive, owner_url, known, supersede)
            reports.append(report)
    progress.report(1.0, "Import finished")
    return reports


# --- one archive ---------------------------------------------------------------------------


def _import_archive(
    session: Session,
    contents: ArchiveContents,
    owner_url: str | None,
    known: Known | None = None,
    supersede: bool = False,
) -> tuple[ImportReport, Known | None]:
    """The archive's report, and `known` as it stands after it (None: to be read anew)."""
    shown = contents.shown or contents.label
    report = ImportReport(shown, "unchanged", era=contents.era, files=contents.files)
    report.hidden_rows = sum(f.hidden for f in contents.files)
    known_source = q.source_id_by_hash(session, contents.content_hash)
    if known_source is not None:
        # On a team server a teammate may have imported this archive (the member who sent
        # it to them): its shared rows are there, but its texts are private to each login,
        # so this login gets its own copies. SQLite has one user, who has them already.
        if team.is_postgresql(session):
            known = known or Known.load(session)
            merge = ArchiveMerge(session, contents, known, report)
            # Whose archive it is was settled by its first import (--owner-url, perhaps).
            owner_url = owner_url or sources.owner_url(session, known_source)
            try:
                added = merge.add_private(owner_url, known_source)
            except OwnerUnknown:  # its owner has no profile URL: nothing to tell them by
                added = 0
            if added or report.ambiguous_messages:
                report.status = "imported"
                report.added = {"private texts": added}
                report.warnings.append(
                    "a teammate imported this archive before: only your own copies of its "
                    "texts were added (its people, ties and interactions were there)"
                )
                return report, known
        report.warnings.append("already imported: nothing changed")
        return report, known
    report.status = "imported"
    merge = ArchiveMerge(session, contents, known or Known.load(session), report)
    merge.run(owner_url)
    # Which archive of its owner is now the newest, and what it changed: its own module.
    history.after_import(session, contents, report, supersede=supersede)
    return report, None if merge.stale else merge.known
