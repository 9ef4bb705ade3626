"""The people CSV export: one row per person, the columns a spreadsheet user expects.

A cell that begins with =, +, -, @, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets, so a name like `=HYPERLINK(...)` from someone's profile
would run when the file is opened. As OWASP advises ("CSV Injection"), such a cell gets a
leading single quote, which spreadsheets show as text; a cell that is a plain number
(-3, +44, -0.25, 1e-3) stays as it is.

A spreadsheet may also split the file on another character than the comma: German and
French Excel split on ";", others on a tab or "|", and quoting does not protect a cell from
a split the writer did not expect. So a formula after any such separator inside a cell
(`Acme;=1+1`) gets the quote too, right after the separator (`Acme;'=1+1`): whichever way
the line is split, no piece of it starts a formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from typing import IO, Any

from netview.io.graphdata import text_value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# What a spreadsheet may split a line on, besides the comma this writer uses.
_SEPARATOR = re.compile(r"([,;\t\r\n|])")


def _runs(piece: str) -> bool:
    """Would `piece`, as a cell of its own, start a formula? (Leading spaces are trimmed by
    some spreadsheets, so they do not hide one.)"""
    bare = piece.lstrip(" ")
    return bare.startswith(FORMULA_START) and not _NUMBER.fullmatch(bare.rstrip(" "))


def inert(cell: str) -> str:
    """`cell` as a spreadsheet will show it, never run it, however it splits the line."""
    pieces = _SEPARATOR.split(cell)
    # pieces: text, separator, text, separator, …; each text after a separator is checked.
    for i in range(2, len(pieces), 2):
        if _runs(pieces[i]):
            pieces[i] = "'" + pieces[i]
    out = "".join(pieces)
    if cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + out
    return out


def write_people_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]], out: IO[str]) -> None:
    """`out` should be opened with newline="" (the csv module writes its own line ends)."""
    writer = csv.writer(out)
    writer.writerow([inert(c) for c in columns])
    for row in rows:
        writer.writerow(["" if row.get(c) is None else inert(text_value(row[c])) for c in columns])
