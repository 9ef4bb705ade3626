"""GraphML files (Cytoscape, Gephi, yEd, networkx): write a network, read one back.

Visual attributes are written as the plain data attributes Gephi's GraphML importer maps
to the drawing (x, y, size, r, g, b) plus a "#rrggbb" colour string Cytoscape can map.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Any

from netview.core.errors import ImportFailure
from netview.io.cleantext import xml_text
from netview.io.graphdata import (
    Edge,
    GraphData,
    Node,
    attr_type,
    finish,
    hex_color,
    text_value,
    typed,
    write_document,
)
from netview.io.xmltree import XNode, stream

NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_VIZ_NODE = {"x": "double", "y": "double", "size": "double", "r": "int", "g": "int", "b": "int"}


def write_graphml(graph: GraphData, out: IO[bytes]) -> None:
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(f"{{{NS}}}graphml", {f"{{{_XSI}}}schemaLocation": f"{NS} {_SCHEMA}"})
    keys: dict[tuple[str, str], str] = {}

    def key(domain: str, name: str, kind: str) -> str:
        if (domain, name) not in keys:
            keys[(domain, name)] = kid = f"{domain[0]}{len(keys)}"
            ET.SubElement(
                root,
                f"{{{NS}}}key",
                {"id": kid, "for": domain, "attr.name": xml_text(name), "attr.type": kind},
            )
        return keys[(domain, name)]

    key("node", "label", "string")
    for name, kind in graph.node_attrs.items():
        key("node", name, kind)
    for name, kind in _VIZ_NODE.items():
        key("node", name, kind)
    key("node", "color", "string")
    key("edge", "weight", "double")
    key("edge", "label", "string")
    for name, kind in graph.edge_attrs.items():
        key("edge", name, kind)

    g = ET.SubElement(root, f"{{{NS}}}graph", {"id": "G", "edgedefault": "undirected"})

    def data(parent: ET.Element, domain: str, name: str, value: Any) -> None:
        if value is None or value == "" or value == []:
            return
        d = ET.SubElement(parent, f"{{{NS}}}data", {"key": keys[(domain, name)]})
        d.text = xml_text(text_value(value))

    for n in graph.nodes:
        el = ET.SubElement(g, f"{{{NS}}}node", {"id": xml_text(n.id)})
        data(el, "node", "label", n.label)
        for name in graph.node_attrs:
            data(el, "node", name, n.attrs.get(name))
        data(el, "node", "x", n.x)
        data(el, "node", "y", n.y)
        data(el, "node", "size", n.size)
        if n.color is not None:
            for name, v in zip("rgb", n.color, strict=True):
                data(el, "node", name, v)
            data(el, "node", "color", hex_color(n.color))
    for i, e in enumerate(graph.edges):
        el = ET.SubElement(
            g,
            f"{{{NS}}}edge",
            {"id": f"e{i}", "source": xml_text(e.source), "target": xml_text(e.target)},
        )
        data(el, "edge", "weight", e.weight)
        data(el, "edge", "label", e.label)
        for name in graph.edge_attrs:
            data(el, "edge", name, e.attrs.get(name))
    write_document(root, out)


def read_graphml(path: str | os.PathLike[str]) -> GraphData:
    """Nodes, edges and data of a GraphML file; ImportFailure (file, line) when it cannot be.

    Read as a stream (netview.io.xmltree): one <node> or <edge> in memory at a time.
    """
    label = Path(path).name
    out = GraphData()
    keys: dict[str, tuple[str, str, str]] = {}  # id -> (for, name, type)
    root: XNode | None = None
    graph_seen = False

    def values(el: XNode) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for d in el.findall("data"):
            ref = d.attrib.get("key", "")
            if ref not in keys:
                raise ImportFailure(label, f"<data> refers to undeclared key {ref!r}", d.line)
            _, name, kind = keys[ref]
            found[name] = typed(d.text, kind, label, d.line)
        return found

    for where, el in stream(path, _COLLECT, _INNER):
        if root is None:
            root = el
            if root.tag != "graphml":
                raise ImportFailure(label, f"not GraphML (root element <{root.tag}>)", root.line)
            continue
        if where == ("graphml",) and el.tag == "key":
            _key(el, keys, out, label)
            continue
        if where != ("graphml", "graph"):
            continue  # a nested graph's own nodes stay inside their node
        graph_seen = True
        if el.tag == "node":
            nid = el.attrib.get("id")
            if not nid:
                raise ImportFailure(label, "<node> without an id", el.line)
            attrs = values(el)
            name = next((attrs[k] for k in attrs if k.lower() in ("label", "name")), "")
            out.nodes.append(Node(nid, str(name or ""), attrs, line=el.line))
        elif el.tag == "edge":
            # Its ends are checked once every node is known: GraphML allows any order.
            _edge(el, values(el), out, label)
    return finish(out, label, root.line if root is not None else None, graph_seen)


_INNER = frozenset({"data"})
_COLLECT = frozenset({"key", "node", "edge"})


def _key(k: XNode, keys: dict[str, tuple[str, str, str]], out: GraphData, label: str) -> None:
    if "id" not in k.attrib:
        raise ImportFailure(label, "<key> without an id", k.line)
    name = k.attrib.get("attr.name") or k.attrib["id"]
    domain, kind = k.attrib.get("for", "all"), k.attrib.get("attr.type", "string")
    keys[k.attrib["id"]] = (domain, name, kind)
    target = out.edge_attrs if domain == "edge" else out.node_attrs
    target[name] = attr_type(kind)


def _edge(el: XNode, attrs: dict[str, Any], out: GraphData, label: str) -> None:
    a, b = el.attrib.get("source"), el.attrib.get("target")
    if not a or not b:
        raise ImportFailure(label, "<edge> without source and target", el.line)
    weight = next((attrs[k] for k in attrs if k.lower() == "weight"), None)
    text = next((attrs[k] for k in attrs if k.lower() == "label"), "")
    if weight is not None and not isinstance(weight, int | float):
        raise ImportFailure(label, f"edge weight {weight!r} is not a number", el.line)
    out.edges.append(
        Edge(a, b, float(weight) if weight is not None else None, str(text), attrs, el.line)
    )
