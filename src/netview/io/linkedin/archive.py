"""read_archive: every file of an export, recognised by its header, read into records."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator

from netview.core.errors import ImportFailure
from netview.core.pause_gc import paused_gc
from netview.core.progress import NoProgress, Progress, check
from netview.core.records import ArchiveContents, Connection, FileKind, FileReport
from netview.io.cleantext import TextError
from netview.io.linkedin import detect, stream
from netview.io.linkedin.connections import read_connections
from netview.io.linkedin.dates import AmbiguousColumn, column_order
from netview.io.linkedin.endorsements import read_endorsements
from netview.io.linkedin.invitations import read_invitations
from netview.io.linkedin.messages import read_messages
from netview.io.linkedin.owner_files import read_positions, read_profile
from netview.io.linkedin.recommendations import read_recommendations
from netview.io.linkedin.sources import Source, exported_on, open_source
from netview.io.linkedin.text import HEADER_SCAN_LINES, Header, find_header, rows_of
from netview.io.spool import Spool

# Names of files NetView reads, lower-case: such a file that is not recognised is an error,
# not something to skip silently (the classic "zero rows imported" failure).
KNOWN_NAMES = frozenset(
    {
        "connections.csv",
        "invitations.csv",
        "messages.csv",
        "endorsement_received_info.csv",
        "endorsement received info.csv",
        "endorsement_given_info.csv",
        "endorsement given info.csv",
        "recommendations_received.csv",
        "recommendations_given.csv",
        "profile.csv",
        "positions.csv",
    }
)
_ENDORSEMENTS = (FileKind.ENDORSEMENTS_RECEIVED, FileKind.ENDORSEMENTS_GIVEN)


def read_archive(path: str | os.PathLike[str], progress: Progress | None = None) -> ArchiveContents:
    """Read an export archive (.zip), an unpacked archive folder or one CSV from one.

    Raises ImportFailure (file "label:member", line) when any file NetView reads cannot be
    parsed, when nothing in it is a LinkedIn file, or when the zip is damaged or oversized.
    Rows that alone are broken are skipped and listed in the file's FileReport.
    """
    progress = progress or NoProgress()
    source = open_source(path)
    try:
        with paused_gc():
            return _read(source, progress)
    finally:
        source.close()


def _read(source: Source, progress: Progress) -> ArchiveContents:
    # Connections may be millions of rows (a hostile file): a spool keeps them on disk
    # past what any real archive holds.
    connections = Spool(Connection)
    out = ArchiveContents(
        label=source.label,
        content_hash="",
        era="2018",
        exported_on=exported_on(source.label),
        connections=connections,
    )
    digest = hashlib.sha256()
    eras: list[str] = []
    # Endorsement rows already taken, by kind: the two file spellings may repeat them.
    seen_endorsements: dict[FileKind, dict[tuple[str, ...], str]] = {k: {} for k in _ENDORSEMENTS}
    total = max(len(source.members), 1)
    read_any = False
    for number, member in enumerate(source.members):
        check(progress)
        progress.report(number / total, f"Reading {member.name}")
        if not member.is_csv:
            out.files.append(FileReport(member.name, None, note="not a CSV file"))
            continue
        found = stream.scan(member, source.where(member.name), digest)
        report, era = _read_member(source, member.name, found, out, connections, seen_endorsements)
        out.files.append(report)
        if report.kind is not None:
            read_any = True
        if era is not None:
            eras.append(era)
    check(progress)
    if read_any and not any(f.rows_read for f in out.files if f.kind is not None):
        # Asking whose archive it is would be pointless: there is nothing to import.
        raise ImportFailure(
            source.label, "LinkedIn header rows but no data rows, so nothing to import"
        )
    if not read_any:
        if source.single:
            raise ImportFailure(source.label, "not a LinkedIn export file (no known header found)")
        raise ImportFailure(
            source.label,
            "no LinkedIn export file found (looked for Connections.csv, messages.csv, "
            "Invitations.csv, endorsements, recommendations, Profile.csv, Positions.csv)",
        )
    out.content_hash = digest.hexdigest()
    out.era = max(eras, key=detect.ERAS.index) if eras else "2018"
    progress.report(1.0, f"Read {source.label}")
    return out


def _read_member(
    source: Source,
    name: str,
    found: stream.Scan,
    out: ArchiveContents,
    connections: Spool[Connection],
    seen_endorsements: dict[FileKind, dict[tuple[str, ...], str]],
) -> tuple[FileReport, str | None]:
    where = source.where(name)
    if source.single and found.blank:
        raise ImportFailure(where, "the file is empty (no header row, no data)")
    problem = found.decoding_problem()
    # Still look for a header when the bytes are no text: a file NetView does not read may
    # be anything.
    encoding = found.encoding or "latin-1"
    header = find_header(stream.head_text(found, encoding), detect.score)
    found_kind = detect.detect(header.names, name) if header is not None else None
    base = name.rsplit("/", 1)[-1].lower()
    if header is None or found_kind is None:
        if (problem or found.binary) is not None and (source.single or base in KNOWN_NAMES):
            raise ImportFailure(where, "not a text file (binary data?), so not a LinkedIn export")
        if base in KNOWN_NAMES and not found.blank:
            raise ImportFailure(
                where, f"no LinkedIn header row in the first {HEADER_SCAN_LINES} lines", 1
            )
        return FileReport(name, None, encoding=encoding), None
    if found_kind.kind is None:
        return FileReport(name, None, encoding=encoding, note=found_kind.note), None
    body = _Body(found, header, encoding)
    if found_kind.kind is FileKind.COACH_MESSAGES:
        # Not interactions and not read: count rows for the report, and an odd coach file
        # must not fail the import, so any problem only ends the count.
        coach = FileReport(name, found_kind.kind, encoding=encoding, delimiter=header.delimiter)
        coach.note = found_kind.note
        with contextlib.suppress(TextError, UnicodeDecodeError):
            coach.rows_read = sum(1 for _ in body)
        return coach, None
    if found_kind.missing:
        cols = ", ".join(repr(_display(header, c)) for c in found_kind.missing)
        raise ImportFailure(
            where,
            f"the {found_kind.kind.value} header lacks required column(s) {cols}",
            header.line,
        )
    problem = problem or found.binary
    if problem is not None:
        raise ImportFailure(where, f"file {problem.message}", problem.line)
    report = FileReport(
        name, found_kind.kind, encoding=encoding, delimiter=header.delimiter, note=found_kind.note
    )
    era = detect.era_of(found_kind.kind, header.cells, header.quoted, preamble=header.line > 1)
    try:
        _dispatch(found_kind.kind, body, header, report, out, connections, seen_endorsements)
    except TextError as exc:
        raise ImportFailure(where, exc.message, exc.line) from None
    return report, era


class _Body:
    """The data rows of one file, parsed afresh from its bytes each time they are walked
    (the dates' order is decided on a first walk, the rows are read on a second), so that
    no file is ever held whole as rows."""

    def __init__(self, found: stream.Scan, header: Header, encoding: str) -> None:
        self.found, self.header, self.encoding = found, header, encoding

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return rows_of(self.found.lines(self.header.end, self.encoding), self.header)


def _display(header: Header, lower: str) -> str:
    """A required column name as the user would spell it (Title Case for old files)."""
    upper = all(c == c.upper() for c in header.cells if c)
    return lower.upper() if upper else lower.title()


def _dispatch(
    kind: FileKind,
    body: Iterable[tuple[int, list[str]]],
    header: Header,
    report: FileReport,
    out: ArchiveContents,
    connections: Spool[Connection],
    seen_endorsements: dict[FileKind, dict[tuple[str, ...], str]],
) -> None:
    day_first = _day_first(kind, header, body)
    if kind is FileKind.CONNECTIONS:
        connections.extend(read_connections(body, header, report, day_first))
    elif kind is FileKind.INVITATIONS:
        out.invitations.extend(read_invitations(body, header, report, day_first))
    elif kind is FileKind.MESSAGES:
        out.messages.extend(read_messages(body, header, report, day_first))
    elif kind in _ENDORSEMENTS:
        deduped = _drop_seen(body, seen_endorsements[kind], report)
        received = kind is FileKind.ENDORSEMENTS_RECEIVED
        out.endorsements.extend(
            read_endorsements(deduped, header, report, day_first, received=received)
        )
    elif kind in (FileKind.RECOMMENDATIONS_RECEIVED, FileKind.RECOMMENDATIONS_GIVEN):
        received = kind is FileKind.RECOMMENDATIONS_RECEIVED
        out.recommendations.extend(
            read_recommendations(body, header, report, day_first, received=received)
        )
    elif kind is FileKind.PROFILE:
        profile = read_profile(body, header, report)
        if out.profile is None:
            out.profile = profile
    elif kind is FileKind.POSITIONS:
        out.positions.extend(read_positions(body, header, report, day_first))


_DATE_COLUMNS: dict[FileKind, tuple[str, ...]] = {
    FileKind.CONNECTIONS: ("connected on",),
    FileKind.INVITATIONS: ("sent at",),
    FileKind.MESSAGES: ("date",),
    FileKind.ENDORSEMENTS_RECEIVED: ("endorsement date",),
    FileKind.ENDORSEMENTS_GIVEN: ("endorsement date",),
    FileKind.RECOMMENDATIONS_RECEIVED: ("creation date",),
    FileKind.RECOMMENDATIONS_GIVEN: ("creation date",),
    # One file, one locale: both date columns of Positions.csv decide together.
    FileKind.POSITIONS: ("started on", "finished on"),
}


def _day_first(
    kind: FileKind, header: Header, body: Iterable[tuple[int, list[str]]]
) -> bool | None:
    """Day or month first for the file's a/b/y dates, from all of their values at once."""
    col = header.index()
    where = [col[c] for c in _DATE_COLUMNS.get(kind, ()) if c in col]
    if not where:
        return None
    values = (row[i] for _, row in body for i in where if i < len(row))
    try:
        return column_order(values, header.cells[where[0]])
    except AmbiguousColumn as exc:
        raise TextError(str(exc)) from None


def _drop_seen(
    body: Iterable[tuple[int, list[str]]], seen: dict[tuple[str, ...], str], report: FileReport
) -> Iterator[tuple[int, list[str]]]:
    """Rows of this file minus those another file of the same kind already gave."""
    mine: dict[tuple[str, ...], str] = {}
    for line, row in body:
        key = tuple(c.strip() for c in row)
        other = seen.get(key)
        if other is not None and other != report.name:
            report.rows_read += 1
            report.skip(line, f"same row as in {other}")
            continue
        mine.setdefault(key, report.name)
        yield line, row
    seen.update(mine)


__all__ = ["read_archive"]
