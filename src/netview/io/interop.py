"""Networks kept in other tools: GraphML, GEXF and edge-list CSV files, read (netview.io.formats
recognises them)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from netview.core.errors import ImportFailure
from netview.io.edgelist import read_edgelist
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
    shown: str = ""  # how reports and errors name it, when not `label` ("Downloads/x.graphml")


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
