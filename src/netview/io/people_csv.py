"""The people CSV export: one row per person, the columns a spreadsheet user expects.

A cell that begins with =, +, -, @, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets, so a name like `=HYPERLINK(...)` from someone's profile
would run when the file is opened. As OWASP advises ("CSV Injection"), such a cell gets a
leading single quote, which spreadsheets show as text; a cell that is a plain number
(-3, +44, -0.25, 1e-3) stays as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from typing import IO, Any

from netview.io.graphdata import text_value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def inert(cell: str) -> str:
    """`cell` as a spreadsheet will show it, never run it."""
    if cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def write_people_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]], out: IO[str]) -> None:
    """`out` should be opened with newline="" (the csv module writes its own line ends)."""
    writer = csv.writer(out)
    writer.writerow([inert(c) for c in columns])
    for row in rows:
        writer.writerow(["" if row.get(c) is None else inert(text_value(row[c])) for c in columns])
