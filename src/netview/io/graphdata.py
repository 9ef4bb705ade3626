"""A network as plain data, the common ground of the GraphML, GEXF and edge-list files."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import IO, Any

from netview.core.errors import ImportFailure

# Attribute types, named as GraphML names them (GEXF spells "int" "integer").
TYPES = ("string", "int", "double", "boolean")


@dataclass
class Node:
    id: str
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    x: float | None = None
    y: float | None = None
    color: tuple[int, int, int] | None = None
    size: float | None = None
    line: int | None = None  # where a reader found it


@dataclass
class Edge:
    source: str
    target: str
    weight: float | None = None
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)
    line: int | None = None


@dataclass
class GraphData:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    node_attrs: dict[str, str] = field(default_factory=dict)  # name -> one of TYPES
    edge_attrs: dict[str, str] = field(default_factory=dict)


def hex_color(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def text_value(value: Any) -> str:
    """How an attribute value is written: lists joined, booleans in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def write_document(root: ET.Element, out: IO[bytes]) -> None:
    """A GraphML or GEXF tree written indented, UTF-8, with its declaration and a final line end."""
    ET.indent(root, space=" ")
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=False)
    out.write(b"\n")


# --- what the GraphML and GEXF readers share ---------------------------------------------------

# Type names of both formats: GraphML says int/long, GEXF integer/long/short/byte.
_INTEGERS = frozenset({"int", "integer", "long", "short", "byte"})
_FLOATS = frozenset({"float", "double"})


def attr_type(kind: str) -> str:
    """A declared attribute type as one of TYPES, whichever format's name it has."""
    if kind in _INTEGERS:
        return "int"
    if kind in _FLOATS:
        return "double"
    return kind


def typed(value: str, kind: str, label: str, line: int) -> Any:
    """An attribute value as its declared type; ImportFailure (file, line) when it is not."""
    text = value.strip()
    try:
        if kind in _INTEGERS:
            return int(text)
        if kind in _FLOATS:
            number = float(text)
            if not math.isfinite(number):
                # NaN and infinity would be stored, then refused by `netview restore`
                # in the user's own backup (JSON has no such numbers).
                raise ImportFailure(label, f"{text!r} is not a finite number", line)
            return number
    except ValueError:
        what = "whole number" if kind in _INTEGERS else "number"
        raise ImportFailure(label, f"{text!r} is not a {what} ({kind})", line) from None
    if kind == "boolean":
        return text.lower() in ("true", "1")
    return value


def finish(graph: GraphData, label: str, root_line: int | None, graph_seen: bool) -> GraphData:
    """The checks once the whole file is read (GraphML and GEXF allow edges before the
    nodes they name): a <graph> was there, and every edge's ends are nodes."""
    if root_line is not None and not graph_seen:
        raise ImportFailure(label, "no <graph> element", root_line)
    nodes = {n.id for n in graph.nodes}
    for e in graph.edges:
        for end in (e.source, e.target):
            if end not in nodes:
                raise ImportFailure(label, f"edge names an unknown node {end!r}", e.line)
    return graph
