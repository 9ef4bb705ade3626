"""A network as plain data, the common ground of the GraphML, GEXF and edge-list files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
