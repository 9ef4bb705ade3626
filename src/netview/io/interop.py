"""Networks kept in other tools: recognise GraphML, GEXF and edge-list CSV files and read them."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from netview.core.errors import ImportFailure
from netview.io.edgelist import is_edgelist, read_edgelist
from netview.io.gexf import read_gexf
from netview.io.graphdata import GraphData
from netview.io.graphml import read_graphml

KINDS = ("graphml", "gexf", "edgelist")


@dataclass
class InteropFile:
    label: str
    kind: str  # one of KINDS
    content_hash: str
    graph: GraphData


def detect(path: str | os.PathLike[str]) -> str | None:
    """ "graphml", "gexf" or "edgelist" when `path` is such a file (by extension, then content)."""
    p = Path(path)
    if not p.is_file():
        return None
    suffix = p.suffix.lower()
    if suffix == ".graphml":
        return "graphml"
    if suffix == ".gexf":
        return "gexf"
    if suffix == ".xml":
        try:
            with p.open("rb") as f:
                head = f.read(4096).lower()
        except OSError:
            return None
        if b"<graphml" in head:
            return "graphml"
        if b"<gexf" in head:
            return "gexf"
    if is_edgelist(p):
        return "edgelist"
    return None


def read_interop(path: str | os.PathLike[str], kind: str) -> InteropFile:
    p = Path(path)
    digest = hashlib.sha256()
    try:
        with p.open("rb") as f:  # in pieces: the file may be large
            while chunk := f.read(1024 * 1024):
                digest.update(chunk)
    except OSError as exc:
        raise ImportFailure(p.name, f"cannot read: {exc.strerror or exc}") from None
    reader = {"graphml": read_graphml, "gexf": read_gexf, "edgelist": read_edgelist}[kind]
    graph = reader(p)
    if not graph.nodes:
        raise ImportFailure(p.name, "no people in the file", 1)
    return InteropFile(p.name, kind, digest.hexdigest(), graph)
