"""One file of an export as a stream: what a first pass over its bytes learns, and its text
read again, line by line, as often as a reader needs it. A file is never whole in memory
(a 200 MB Connections.csv costs a few megabytes while it is read), except a small one,
which is kept after the first pass rather than read from the zip again.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from netview.core.errors import ImportFailure
from netview.io.cleantext import TextError, check_not_binary
from netview.io.linkedin.sources import Member
from netview.io.linkedin.text import BOM, HEADER_SCAN_CHARS

# Files up to this size are kept in memory after the first pass (one read of the zip).
KEEP_BYTES = 16 * 1024 * 1024
# Enough bytes for HEADER_SCAN_CHARS characters in any encoding read here (UTF-8: <= 4).
_HEAD_BYTES = 4 * HEADER_SCAN_CHARS
# Bytes cp1252 leaves undefined: a file holding one is not cp1252 text.
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")

Chunks = Callable[[], Iterator[bytes]]


@dataclass(slots=True)
class Scan:
    """What one pass over a file's bytes tells."""

    chunks: Chunks  # the bytes again, from the start
    size: int = 0
    head: bytes = b""  # the first bytes, for the header
    bom: bool = False
    utf8_error_line: int | None = None  # first line that is not UTF-8
    cp1252: bool = True  # every byte is a cp1252 character
    binary: TextError | None = None  # the first control character, with its line
    line_feed: bool = False
    carriage_return: bool = False
    blank: bool = True  # nothing but white space
    _kept: list[bytes] = field(default_factory=list)

    @property
    def encoding(self) -> str | None:
        """What the file's text is in (as `text.decode` decides), None when neither."""
        if self.bom:
            return "utf-8-sig" if self.utf8_error_line is None else None
        if self.utf8_error_line is None:
            return "utf-8"
        return "cp1252" if self.cp1252 else None

    def decoding_problem(self) -> TextError | None:
        """The TextError `text.decode` raises for these bytes, if any."""
        if self.encoding is not None:
            return None
        if self.bom:
            return TextError("starts with a UTF-8 mark but is not UTF-8", self.utf8_error_line)
        return TextError("is neither UTF-8 nor Windows-1252 text", self.utf8_error_line)

    @property
    def newline(self) -> str:
        """As `cleantext.line_end`: a line feed, or CR in a file with no line feed at all."""
        return "\n" if self.line_feed or not self.carriage_return else "\r"

    def lines(self, skip_chars: int, encoding: str) -> Iterator[str]:
        """The text after its first `skip_chars` characters, line by line."""
        raw = io.BufferedReader(_ChunkReader(self.chunks()), buffer_size=1 << 16)
        text = io.TextIOWrapper(raw, encoding=encoding, newline=self.newline)
        try:
            text.read(skip_chars)
            yield from text
        finally:
            text.close()


def scan(member: Member, where: str, digest: Any) -> Scan:
    """Read `member` once: feed `digest` (name, size, bytes, as before streaming), and
    learn its encoding, line ends, control characters and first bytes."""
    out = Scan(member.chunks)
    keep = member.size <= KEEP_BYTES
    digest.update(member.name.encode("utf-8") + b"\0")
    # The length comes before the bytes in the hash: the declared one, checked below.
    digest.update(member.size.to_bytes(8, "big"))
    utf8 = codecs.getincrementaldecoder("utf-8")()
    lines = 0  # line feeds before the current chunk
    first = True
    for chunk in member.chunks():
        digest.update(chunk)
        if keep:
            out._kept.append(chunk)
        if len(out.head) < _HEAD_BYTES:
            out.head += chunk[: _HEAD_BYTES - len(out.head)]
        if first:
            out.bom = chunk.startswith(BOM)
            chunk_text = chunk[len(BOM) :] if out.bom else chunk
            first = False
        else:
            chunk_text = chunk
        if out.utf8_error_line is None:
            pending = len(utf8.getstate()[0])
            try:
                utf8.decode(chunk_text)
            except UnicodeDecodeError as exc:
                at = max(0, exc.start - pending)
                out.utf8_error_line = lines + chunk_text.count(b"\n", 0, at) + 1
        if out.cp1252 and _NOT_CP1252.search(chunk):
            out.cp1252 = False
        if out.binary is None:
            try:
                check_not_binary(chunk)
            except TextError as exc:
                out.binary = TextError(exc.message, lines + (exc.line or 1))
        out.line_feed = out.line_feed or b"\n" in chunk
        out.carriage_return = out.carriage_return or b"\r" in chunk
        out.blank = out.blank and not chunk.strip()
        out.size += len(chunk)
        lines += chunk.count(b"\n")
    if out.utf8_error_line is None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            out.utf8_error_line = lines + 1
    if out.size != member.size:
        raise ImportFailure(where, "file changed or damaged while it was read")
    if keep:
        kept = out._kept
        out.chunks = lambda: iter(kept)
    return out


def head_text(found: Scan, encoding: str) -> str:
    """The first characters of the file, enough to find its header in."""
    data = found.head
    if encoding == "utf-8-sig":
        data, encoding = data.removeprefix(BOM), "utf-8"
    # A multi-byte character cut at the end of the head is left out, not an error.
    return codecs.getincrementaldecoder(encoding)().decode(data)


class _ChunkReader(io.RawIOBase):
    """A byte stream over an iterator of chunks (for io.BufferedReader)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = chunk
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n
