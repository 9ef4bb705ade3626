"""The people CSV export: one row per person, the columns a spreadsheet user expects."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, Any

from netview.io.graphdata import text_value


def write_people_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]], out: IO[str]) -> None:
    """`out` should be opened with newline="" (the csv module writes its own line ends)."""
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else text_value(row[c]) for c in columns])
