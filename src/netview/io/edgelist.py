"""Edge-list CSV files: one tie per row, columns source, target and optional weight, label."""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from netview.core.errors import ImportFailure
from netview.io.cleantext import TextError, csv_problem, csv_reader, delimiter, header_line
from netview.io.graphdata import Edge, GraphData, Node

if TYPE_CHECKING:
    from _csv import Reader

REQUIRED = ("source", "target")


def _rows(path: Path) -> Reader:
    """The file's rows by the rule of every text file (netview.io.cleantext.csv_reader): no
    control characters; UTF-8, else Windows-1252, else refused naming the line (never
    replaced silently: a wrong guess would put mojibake names on the map)."""
    try:
        return csv_reader(path.read_bytes())
    except TextError as exc:
        raise ImportFailure(path.name, f"file {exc.message}", exc.line) from None


def header_columns(path: str | os.PathLike[str]) -> list[str]:
    """The lower-cased column names of the first line (for detecting the format)."""
    try:
        with Path(path).open("rb") as f:
            text = f.read(8192).decode("utf-8-sig", errors="replace")
    except OSError:
        return []
    head, hint = header_line(text)  # past Excel's "sep=;" line, as the reader goes
    return [c.strip().strip('"').lower() for c in head.split(hint or delimiter(head))]


def is_edgelist(path: str | os.PathLike[str]) -> bool:
    cols = header_columns(path)
    return Path(path).suffix.lower() in (".csv", ".tsv", ".txt") and all(
        c in cols for c in REQUIRED
    )


def read_edgelist(path: str | os.PathLike[str]) -> GraphData:
    label = Path(path).name
    reader = _rows(Path(path))
    try:
        header = [c.strip().lower() for c in next(reader)]
    except StopIteration:
        raise ImportFailure(label, "empty file", 1) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailure(label, f"no {missing[0]!r} column (need source and target)", 1)
    col = {name: header.index(name) for name in (*REQUIRED, "weight", "label") if name in header}
    out = GraphData(edge_attrs={"label": "string"} if "label" in col else {})
    nodes: dict[str, Node] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = {name: row[i].strip() if i < len(row) else "" for name, i in col.items()}
            a, b = cells["source"], cells["target"]
            if not a or not b:
                raise ImportFailure(label, "a row needs both a source and a target", line)
            weight = None
            if cells.get("weight"):
                try:
                    weight = float(cells["weight"].replace(",", ".", 1))
                except ValueError:
                    raise ImportFailure(
                        label, f"weight {cells['weight']!r} is not a number", line
                    ) from None
                if not math.isfinite(weight):  # a backup could not hold it (JSON)
                    raise ImportFailure(
                        label, f"weight {cells['weight']!r} is not a finite number", line
                    )
            for end in (a, b):
                nodes.setdefault(end, Node(end, line=line))
            out.edges.append(Edge(a, b, weight, cells.get("label", ""), line=line))
    except csv.Error as exc:
        raise ImportFailure(label, csv_problem(exc), reader.line_num) from None
    out.nodes = list(nodes.values())
    return out
