"""Mailboxes: mbox files (Google Takeout, Thunderbird), single .eml files and folders of them.

Only the headers that say who wrote to whom are read; bodies are skipped without being
decoded or kept. An mbox is scanned in one-megabyte pieces, jumping from one "From "
separator line to the next with bytes.find, so a 5 GB Takeout file streams at flat memory
and reports how far it got (docs/evidence-formats.md explains why this scanner is ours and
not the standard library's `mailbox.mbox`, which parses every body).

A message that cannot be used (cut off inside its headers, NUL bytes, no sender and no
recipient) becomes a Skipped naming file and line; the rest of the mailbox still reads.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from netview.core.errors import Cancelled, ImportFailure
from netview.core.evidence import EvidenceFile, EvidenceKind, Mail, Skipped
from netview.core.progress import NoProgress, Progress
from netview.io.evidence import headers as h
from netview.io.evidence.files import Share, content_hash, where

PIECE = 1024 * 1024
HASHING = 0.05  # of the progress bar: hashing runs at disk speed, reading headers slower
# Real headers are a few kilobytes (a long Received chain some tens); beyond this it is
# not a mail header block but a body without a blank line, or junk.
MAX_HEADERS = 1024 * 1024
_WANTED = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"date",
        b"message-id",
        b"list-id",
        b"precedence",
        b"auto-submitted",
        b"x-gmail-labels",
    }
)
_BLANK = re.compile(rb"\n\r?\n")
# "From sender Tue Nov 24 10:30:00 2026": the separator as mbox writers put it, for the
# files that do not leave a blank line before it (a body line "From the notes..." is not).
_SEPARATOR = re.compile(
    rb"From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
)
_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:")  # a header field name: printable, no colon/space
_JUNK_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_AUTOMATED_PRECEDENCE = frozenset({"bulk", "list", "junk"})


_BOM = b"\xef\xbb\xbf"  # UTF-8 as some Windows tools save it: before the first line


def is_mbox(head: bytes) -> bool:
    """The first bytes of an mbox: a "From " separator line, then a header field."""
    head = head.removeprefix(_BOM)
    if not head.startswith(b"From "):
        return False
    rest = head.partition(b"\n")[2]
    return bool(_FIELD.match(rest.lstrip(b"\r"))) or not rest


def is_message(head: bytes) -> bool:
    """The first bytes of one message (.eml): header fields, among them a mail one."""
    head = head.removeprefix(_BOM)
    block = _BLANK.split(head, 1)[0]
    names = {m.group(1).lower() for m in map(_FIELD.match, block.split(b"\n")) if m}
    if not names or not _FIELD.match(head.lstrip(b"\r\n")):
        return False
    return bool(names & {b"from", b"message-id", b"received", b"return-path", b"delivered-to"})


def apple_mbox(folder: Path) -> Path | None:
    """The mbox inside an Apple Mail export ("Inbox.mbox/mbox", beside its Info.plist), or
    None when `folder` is not one."""
    inner = folder / "mbox"
    try:
        if not inner.is_file():
            return None
        with inner.open("rb") as f:
            return inner if is_mbox(f.read(4096)) else None
    except OSError:
        return None


@dataclass
class _Raw:
    line: int  # 1-based line of the message's first line ("From " or its first header)
    headers: bytes | None  # the header block, None when the message cannot be read
    problem: str = ""


def read_mailbox(path: str | os.PathLike[str], progress: Progress | None = None) -> EvidenceFile:
    """An mbox file, one .eml file or a folder of .eml files, as an EvidenceFile whose
    `mails` is a generator: walking it reads the file (progress: bytes read / size)."""
    p = Path(path)
    progress = progress or NoProgress()
    hashing, reading = Share(progress, 0, HASHING), Share(progress, HASHING, 1 - HASHING)
    source: Iterator[tuple[str, _Raw]]
    bundle = apple_mbox(p) if p.is_dir() else None
    if bundle is not None:
        # Named as a folder's files are, relative to it: the report says "Inbox.mbox/mbox".
        source = _mbox(bundle, reading)
        files, root = [bundle], None
    elif p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.suffix.lower() == ".eml" and f.is_file())
        if not files:
            raise ImportFailure(p.name, "no .eml files in this folder")
        source, root = _eml_files(p, files, reading), p
    else:
        try:
            with p.open("rb") as f:
                head = f.read(4096)
        except OSError as exc:
            raise ImportFailure(p.name, f"cannot read: {exc.strerror or exc}") from None
        if is_mbox(head):
            source = _mbox(p, reading)
        elif is_message(head):
            source = _eml_files(p.parent, [p], reading)
        else:
            raise ImportFailure(p.name, "not a mailbox (no mbox separator, no mail headers)", 1)
        files, root = [p], None
    ev = EvidenceFile(EvidenceKind.MAILBOX, p.name, content_hash(files, root, hashing))
    ev.mails = _mails(source, ev.skipped)  # a generator: nothing is read before the walk
    return ev


def _mails(raws: Iterator[tuple[str, _Raw]], skipped: list[Skipped]) -> Iterator[Mail]:
    for label, raw in raws:
        at = where(label, raw.line)
        if raw.headers is None:
            skipped.append(Skipped(at, raw.problem))
            continue
        mail = parse_headers(raw.headers, at)
        if isinstance(mail, Skipped):
            skipped.append(mail)
        else:
            yield mail


def parse_headers(block: bytes, at: str) -> Mail | Skipped:
    """One message's header block (bytes up to the blank line) as a Mail, or why not."""
    if _JUNK_BYTES.search(block) is not None:
        return Skipped(at, "message headers hold NUL or control bytes")
    # Each wanted field: one entry per occurrence, its folded lines joined.
    fields: dict[bytes, list[bytes]] = {}
    current: list[bytes] | None = None
    for line in block.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if current is not None:  # a folded line continues the field above
                current[-1] += b" " + line.strip()
            continue
        m = _FIELD.match(line)
        name = m.group(1).lower() if m is not None else b""
        if m is None or name not in _WANTED:
            current = None  # a field NetView does not read, or a line that is no field
            continue
        current = fields.setdefault(name, [])
        current.append(line[m.end() :].strip())
    return _mail(fields, at)


def _text(parts: list[bytes]) -> str:
    # Two To lines are one list of addresses (and two Dates, a writer's bug, read as one).
    raw = b", ".join(parts)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # 8-bit headers from old clients: Windows-1252 is what they meant most often, and
        # every byte decodes in latin-1 when it is not.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _mail(fields: dict[bytes, list[bytes]], at: str) -> Mail | Skipped:
    values = {name: h.clean(_text(parts)) for name, parts in fields.items()}

    def one(name: bytes) -> str:
        return values.get(name, "")

    sender_list = h.mailboxes(one(b"from"))
    to = h.mailboxes(one(b"to"))
    cc = h.mailboxes(one(b"cc"))
    if not sender_list and not to and not cc:
        return Skipped(at, "no From, To or Cc header: not a mail message")
    sender = sender_list[0] if sender_list else None
    sent = h.mail_date(one(b"date"))
    message_id = one(b"message-id").strip().strip("<>").strip()
    key = (
        message_id
        or "sha256:"
        + hashlib.sha256(
            "\n".join((one(b"from"), one(b"to"), one(b"cc"), one(b"date"))).encode("utf-8")
        ).hexdigest()[:32]
    )
    auto = one(b"auto-submitted").lower()
    automated = (
        b"list-id" in fields
        or one(b"precedence").lower() in _AUTOMATED_PRECEDENCE
        or (auto != "" and auto != "no")
        or (sender is not None and h.is_no_reply(sender.address))
    )
    labels = tuple(
        label
        for label in (
            h.decode_words(x).strip('"').strip() for x in one(b"x-gmail-labels").split(",")
        )
        if label
    )
    return Mail(at, key, sent, sender, to, cc, automated, labels)


# --- mbox ---------------------------------------------------------------------------------


class _Reads(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


class _CrLines:
    """A file whose lines end with a carriage return alone (classic Mac mail programs, such
    as Eudora), read as if they ended with a line feed: the scanner looks for line feeds."""

    def __init__(self, f: BinaryIO) -> None:
        self.f = f

    def read(self, n: int = -1, /) -> bytes:
        return self.f.read(n).replace(b"\r", b"\n")


# What is read to tell CR-only line ends, whatever the scanner's PIECE.
_CR_HEAD = 64 * 1024


def _cr_only(head: bytes) -> bool:
    """Whether lines end with CR alone. A CR that ends `head` says nothing: its LF may be
    the next byte (a CRLF file cut there read as CR-only turned every CRLF into two ends
    of line, a blank line after the first, and no message had headers)."""
    return b"\r" in head.removesuffix(b"\r") and b"\n" not in head


def _mbox(path: Path, progress: Progress) -> Iterator[tuple[str, _Raw]]:
    label = path.name
    size = max(1, path.stat().st_size)
    with path.open("rb") as f:
        cr_only = _cr_only(f.read(_CR_HEAD))
        f.seek(0)
        for raw in _scan(_CrLines(f) if cr_only else f, size, label, progress):
            yield label, raw
    progress.report(1.0, f"Read {label}")


def _scan(f: _Reads, size: int, label: str, progress: Progress) -> Iterator[_Raw]:
    """The messages of an mbox stream: (first line, header block) each, bodies skipped.

    `buf` holds at most a piece plus one header block; offsets into it shift when the
    part already scanned is dropped (refill).
    """
    buf = f.read(PIECE)
    eof = not buf
    base = 0  # file offset of buf[0]
    counted_off, counted_line = 0, 1  # line number at file offset counted_off

    def refill(keep: int) -> int:
        """Drop buf[:keep], append the next piece; returns the shift (keep)."""
        nonlocal buf, eof, base, counted_off, counted_line
        if progress.cancelled():
            raise Cancelled()
        rel = counted_off - base
        if keep > rel:
            counted_line += buf.count(b"\n", rel, keep)
            counted_off = base + keep
        base += keep
        piece = f.read(PIECE)
        eof = not piece
        buf = buf[keep:] + piece
        progress.report(min(1.0, (base + len(buf)) / size), f"Reading {label}")
        return keep

    pos = 0  # buf[pos:] starts with a "From " line
    while True:
        counted_line += buf.count(b"\n", counted_off - base, pos)
        counted_off = base + pos
        line = counted_line
        # The separator line.
        nl = buf.find(b"\n", pos)
        while nl == -1 and not eof:
            pos -= refill(pos)
            nl = buf.find(b"\n", pos)
        if nl == -1:
            return  # a last "From " line and nothing after it: no message
        # The header block, up to the first blank line.
        blank = _BLANK.search(buf, nl)
        while blank is None and not eof and len(buf) - nl < MAX_HEADERS:
            shift = refill(pos)
            pos, nl = pos - shift, nl - shift
            blank = _BLANK.search(buf, nl)
        if blank is None and eof:
            yield _Raw(line, None, "the file ends inside this message's headers (cut off?)")
            return
        if blank is None:
            yield _Raw(line, None, f"no end of headers within {MAX_HEADERS // 1024} KB")
            search = len(buf) - 8
        else:
            yield _Raw(line, buf[nl + 1 : blank.start() + 1])
            search = blank.end() - 1  # the blank line's "\n": a separator may follow at once
        # The next separator: "From " at the start of a line after a blank line (bodies
        # escape their own as ">From "), or a line shaped like a separator.
        while True:
            i = buf.find(b"\nFrom ", search)
            if i == -1:
                if eof:
                    return
                shift = refill(max(0, len(buf) - 8))
                search = max(0, search - shift)
                continue
            if len(buf) - i < 128 and not eof:
                shift = refill(max(0, i - 2))  # keep what the blank-line test looks at
                search = i - shift
                continue
            after_blank = buf[i - 1 : i] == b"\n" or buf[i - 2 : i] == b"\n\r"
            if after_blank or _SEPARATOR.match(buf, i + 1):
                pos = i + 1
                break
            search = i + 1


# --- .eml ---------------------------------------------------------------------------------


def _eml_files(root: Path, files: list[Path], progress: Progress) -> Iterator[tuple[str, _Raw]]:
    total = max(1, len(files))
    for n, path in enumerate(files):
        if progress.cancelled():
            raise Cancelled()
        if n % 100 == 0:
            progress.report(n / total, f"Reading {root.name}")
        label = path.relative_to(root).as_posix() if path.parent != root else path.name
        yield label, _eml_headers(path)
    progress.report(1.0, f"Read {root.name}")


def _eml_headers(path: Path) -> _Raw:
    data = b""
    cr_only = False
    try:
        with path.open("rb") as f:
            while len(data) < MAX_HEADERS:
                piece = f.read(64 * 1024)
                if not piece:
                    break
                if not data:
                    cr_only = _cr_only(piece)  # CR alone ends each line: see _CrLines
                data += piece.replace(b"\r", b"\n") if cr_only else piece
                if _BLANK.search(data):
                    break
    except OSError as exc:
        return _Raw(1, None, f"cannot read: {exc.strerror or exc}")
    data = data.removeprefix(_BOM)
    blank = _BLANK.search(data)
    if blank is None:
        if len(data) >= MAX_HEADERS:
            return _Raw(1, None, f"no end of headers within {MAX_HEADERS // 1024} KB")
        return _Raw(1, data)  # headers only, no body: still a message
    return _Raw(1, data[: blank.start() + 1])
