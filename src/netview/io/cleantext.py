"""The one rule for text in every file NetView reads or writes.

Reading: a text file (a LinkedIn CSV, an edge list) holding a control character other
than tab, line feed or carriage return is binary junk or a hostile file, and is refused
whole, naming the line; XML files cannot hold one at all (expat refuses them).
Writing: XML 1.0 cannot carry control characters, U+FFFE/U+FFFF or lone surrogates,
even escaped, so writers replace them by U+FFFD (text that came in another way: a note
typed by hand, an edited backup) and the file stays readable by NetView and every tool.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _csv import Reader

# Control characters never found in a text export: their presence means binary junk.
_JUNK = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_JUNK_BYTES = tuple(bytes([b]) for b in range(32) if b not in (9, 10, 13))
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"
# Python's csv refuses cells over 131,072 characters; a long message or recommendation in
# a real export can be longer. Up to this many are read (a spreadsheet cell holds 32,767,
# LinkedIn's longest texts some tens of thousands): beyond it, one clear error.
MAX_CELL = 16 * 1024 * 1024
if csv.field_size_limit() < MAX_CELL:
    csv.field_size_limit(MAX_CELL)


class TextError(Exception):
    """The bytes are not readable text; `line` is the 1-based physical line of the problem."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def check_not_binary(data: bytes) -> None:
    """Raise TextError at the first control character that no text export contains.

    Checked on the bytes (faster than on text): in UTF-8 and cp1252 alike the bytes below
    0x20 are exactly the control characters.
    """
    # One memchr per control byte beats a regex over the whole file several times over.
    if not any(b in data for b in _JUNK_BYTES):
        return
    m = _JUNK.search(data)
    if m is not None:
        raise TextError(
            "holds binary data (control or NUL bytes)", data.count(b"\n", 0, m.start()) + 1
        )


def line_end(text: str) -> str:
    """What ends a line of `text`, as editors and spreadsheets count lines: a line feed
    (CR LF included), so a carriage return alone inside a quoted cell is part of the cell
    and does not shift the line numbers of later rows; CR only in a file with no line
    feed at all (old Mac spreadsheets). For io.StringIO(..., newline=...)."""
    return "\n" if "\n" in text or "\r" not in text else "\r"


def csv_problem(exc: Exception) -> str:
    """What a csv.Error means, in the user's words."""
    if "field larger than field limit" in str(exc):
        return f"a cell is longer than {MAX_CELL:,} characters (the most NetView reads)"
    return f"broken CSV quoting ({exc})"


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


BOM = b"\xef\xbb\xbf"


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was in: UTF-8 (with or without BOM), else
    Windows-1252 (Excel's re-saves); TextError naming the line when it is neither.

    The one decoding rule of every text file NetView reads: LinkedIn CSVs, edge lists,
    contacts CSVs and vCards. Nothing is replaced silently: a wrong guess would put
    mojibake names on the map.
    """
    if data.startswith(BOM):
        try:
            return data[len(BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise TextError(
                "starts with a UTF-8 mark but is not UTF-8", _line_at(data, exc.start)
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_exc:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise TextError(
                "is neither UTF-8 nor Windows-1252 text", _line_at(data, utf8_exc.start)
            ) from None


UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def from_utf16(data: bytes, *, head: bool = False) -> bytes:
    """UTF-16 text with its byte-order mark (Google's older contacts CSV, Excel's "Unicode
    Text") as the UTF-8 bytes every reader takes; any other bytes as they are. `head`: the
    first bytes of a file only, so a character cut in two at the end is dropped.
    TextError naming the line when the bytes after the mark are not UTF-16."""
    if not data.startswith(UTF16_MARKS):
        return data
    if head:
        return data[: len(data) // 2 * 2].decode("utf-16", errors="ignore").encode("utf-8")
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode("utf-16", errors="ignore").count("\n") + 1
        raise TextError("starts with a UTF-16 mark but is not UTF-16 text", line) from None


def decode_loosely(data: bytes) -> str:
    """Text good enough to look for a header in, whatever the bytes are."""
    try:
        return decode(data)[0]
    except TextError:
        return data.decode("latin-1")


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


DELIMITERS = (",", ";", "\t")


# Excel's hint on a CSV's first line ("sep=;"): the delimiter, on a line of its own before
# the header. Excel writes it when asked and reads it; the line is not part of the table.
_SEP_HINT = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


def sep_hint(line: str) -> str | None:
    """The delimiter a "sep=X" line names, or None when the line is not one."""
    m = _SEP_HINT.match(line)
    return m.group(1) if m else None


def header_line(text: str) -> tuple[str, str | None]:
    """The first line that is not blank, past an Excel "sep=X" line, and the delimiter that
    line named (None: none)."""
    lines = iter(text.splitlines())
    first = next((line for line in lines if line.strip()), "")
    hint = sep_hint(first)
    if hint is not None:
        first = next((line for line in lines if line.strip()), "")
    return first, hint


def delimiter(header: str) -> str:
    """The delimiter of a CSV file from its header line: the most frequent of comma,
    semicolon (Excel in countries with a decimal comma) and tab; comma on a tie."""
    return max(DELIMITERS, key=header.count)


def csv_reader(data: bytes) -> Reader:
    """The rows of a whole CSV file (an edge list, a contacts export) by the one rule: no
    binary junk, decoded as `decode` says, split at the delimiter of its first line that
    is not blank, lines counted as `line_end` says (reader.line_num is the file's line).
    Raises TextError."""
    check_not_binary(data)
    text, _ = decode(data)
    first, hint = header_line(text)
    reader = csv.reader(
        io.StringIO(text, newline=line_end(text)), delimiter=hint or delimiter(first)
    )
    if hint is not None:
        for row in reader:  # past the hint's own line (reader.line_num stays the file's)
            if any(c.strip() for c in row):
                break
    return reader
