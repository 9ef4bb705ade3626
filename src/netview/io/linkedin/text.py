"""Bytes to text, the header row and the data rows of one CSV file.

LinkedIn writes UTF-8; Excel re-saves write UTF-8 with a BOM or cp1252 and may switch the
delimiter to `;`. The header is not always the first line (Connections.csv has a `Notes:`
preamble since 2020), so the first lines are scanned for a row that names known columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

# The one decoding rule of every text file NetView reads lives in cleantext (edge lists and
# contacts CSVs use it too); BOM, decode and decode_loosely are re-exported from here.
from netview.io.cleantext import BOM as BOM
from netview.io.cleantext import TextError, csv_problem, line_end
from netview.io.cleantext import decode as decode
from netview.io.cleantext import decode_loosely as decode_loosely

HEADER_SCAN_LINES = 20
HEADER_SCAN_CHARS = 256 * 1024
DELIMITERS = (",", ";")
# Fillers Excel and contacts exports write for "nothing", in the spellings seen (a set
# lookup, no lower(): this runs for every optional cell).
NULLISH = frozenset({"", "NA", "N/A", "na", "n/a", "Na", "N/a", "null", "NULL", "Null"})


@dataclass(frozen=True, slots=True)
class Header:
    line: int  # 1-based physical line of the header row
    end: int  # offset in the text just after the header line
    delimiter: str
    cells: tuple[str, ...]  # as written (trimmed)
    names: tuple[str, ...]  # trimmed and lower-cased, for lookups
    quoted: bool  # the header itself is quoted (2026 messages.csv)

    def index(self) -> dict[str, int]:
        """Column positions by lower-case name (first occurrence wins)."""
        out: dict[str, int] = {}
        for i, name in enumerate(self.names):
            out.setdefault(name, i)
        return out


def find_header(text: str, score: Callable[[Sequence[str]], int]) -> Header | None:
    """The first of the first lines whose cells `score` rates highest (> 0), else None."""
    best: Header | None = None
    best_score = 0
    offset = 0
    # Only the head: wrapping a whole 100 MB messages.csv in StringIO would copy it.
    head = text[:HEADER_SCAN_CHARS]
    for lineno, raw in enumerate(io.StringIO(head, newline=line_end(head)), start=1):
        if lineno > HEADER_SCAN_LINES:
            break
        offset += len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        for delim in DELIMITERS:
            if delim not in line and delim != ",":
                continue
            try:
                cells = next(csv.reader([line], delimiter=delim))
            except (csv.Error, StopIteration):
                continue
            # A stray BOM (files concatenated, BOM-in-BOM re-saves) must not hide a column.
            trimmed = tuple(c.replace("\ufeff", "").strip() for c in cells)
            names = tuple(c.lower() for c in trimmed)
            s = score(names)
            if s > best_score:
                best_score = s
                best = Header(lineno, offset, delim, trimmed, names, line.lstrip().startswith('"'))
        if best is not None:
            # The header is the first line that names known columns; later lines are data.
            return best
    return best


def rows(text: str, header: Header) -> Iterator[tuple[int, list[str]]]:
    """(1-based physical line where the row starts, cells) for every non-blank data row.

    Raises TextError when the CSV structure is broken (a quote left open at the end).
    """
    return rows_of(io.StringIO(text[header.end :], newline=line_end(text)), header)


def rows_of(lines: Iterable[str], header: Header) -> Iterator[tuple[int, list[str]]]:
    """`rows` of the text after the header, given as lines (a stream: the file is never
    whole in memory); each line ends with its line end, as a text stream gives them."""
    reader = csv.reader(lines, delimiter=header.delimiter, strict=True)
    base = header.line
    done = 0  # physical lines consumed so far
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = base + done + 1
            if "end of data" in str(exc) or "EOF" in str(exc):
                raise TextError(
                    f"a quoted field that starts on line {start} is never closed (file truncated?)",
                    start,
                ) from None
            raise TextError(csv_problem(exc), base + reader.line_num) from None
        start = base + done + 1
        done = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


def opt(cell: str) -> str | None:
    """An optional cell: trimmed, None when empty or an Excel/contacts filler (NA, N/A, null)."""
    value = cell.strip()
    return None if value in NULLISH else value


def fit(row: list[str], width: int) -> list[str]:
    """The row cut or padded to `width` cells plus one "" at index `width`, where columns
    the file lacks point: hot loops then index without checks."""
    n = len(row)
    if n == width:
        row.append("")
        return row
    if n > width:
        del row[width:]
        row.append("")
        return row
    row.extend([""] * (width + 1 - n))
    return row


def cell(row: Sequence[str], index: int | None) -> str:
    """The trimmed cell at `index`, '' when the column is absent or the row is short."""
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def opt_at(row: Sequence[str], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    return opt(row[index])
