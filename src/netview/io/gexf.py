"""GEXF 1.3 files (Gephi): write a network with its drawing, read one back.

Written by hand with ElementTree so the namespaces are exactly GEXF 1.3's
(``http://gexf.net/1.3`` and ``http://gexf.net/1.3/viz``) and every attribute is declared
in ``<attributes class="node">`` / ``<attributes class="edge">`` before it is used.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import date
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
    text_value,
    typed,
    write_document,
)
from netview.io.xmltree import XNode, stream

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPE_NAMES = {"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}


def write_gexf(graph: GraphData, out: IO[bytes], description: str = "") -> None:
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(
        f"{{{NS}}}gexf",
        {"version": "1.3", f"{{{_XSI}}}schemaLocation": f"{NS} {NS}/gexf.xsd"},
    )
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "NetView"
    if description:
        ET.SubElement(meta, f"{{{NS}}}description").text = xml_text(description)
    g = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": "undirected", "mode": "static"})
    ids: dict[tuple[str, str], str] = {}
    for domain, attrs in (("node", graph.node_attrs), ("edge", graph.edge_attrs)):
        if not attrs:
            continue
        decl = ET.SubElement(g, f"{{{NS}}}attributes", {"class": domain, "mode": "static"})
        for name, kind in attrs.items():
            ids[(domain, name)] = aid = str(len(ids))
            ET.SubElement(
                decl,
                f"{{{NS}}}attribute",
                {"id": aid, "title": xml_text(name), "type": _TYPE_NAMES.get(kind, "string")},
            )

    def attvalues(
        parent: ET.Element, domain: str, values: dict[str, Any], names: list[str]
    ) -> None:
        present = [(n, values[n]) for n in names if values.get(n) not in (None, "", [])]
        if present:
            box = ET.SubElement(parent, f"{{{NS}}}attvalues")
            for name, value in present:
                ET.SubElement(
                    box,
                    f"{{{NS}}}attvalue",
                    {"for": ids[(domain, name)], "value": xml_text(text_value(value))},
                )

    nodes = ET.SubElement(g, f"{{{NS}}}nodes")
    for n in graph.nodes:
        el = ET.SubElement(
            nodes, f"{{{NS}}}node", {"id": xml_text(n.id), "label": xml_text(n.label or n.id)}
        )
        attvalues(el, "node", n.attrs, list(graph.node_attrs))
        if n.color is not None:
            r, gr, b = n.color
            ET.SubElement(el, f"{{{VIZ}}}color", {"r": str(r), "g": str(gr), "b": str(b)})
        if n.x is not None and n.y is not None:
            ET.SubElement(
                el,
                f"{{{VIZ}}}position",
                {"x": text_value(float(n.x)), "y": text_value(float(n.y)), "z": "0.0"},
            )
        if n.size is not None:
            ET.SubElement(el, f"{{{VIZ}}}size", {"value": text_value(float(n.size))})
    edges = ET.SubElement(g, f"{{{NS}}}edges")
    for i, e in enumerate(graph.edges):
        attrib = {"id": str(i), "source": xml_text(e.source), "target": xml_text(e.target)}
        if e.weight is not None:
            attrib["weight"] = text_value(float(e.weight))
        if e.label:
            attrib["label"] = xml_text(e.label)
        el = ET.SubElement(edges, f"{{{NS}}}edge", attrib)
        attvalues(el, "edge", e.attrs, list(graph.edge_attrs))
    write_document(root, out)


def read_gexf(path: str | os.PathLike[str]) -> GraphData:
    """Nodes, edges and attribute values of a GEXF file (1.1 to 1.3).

    Read as a stream (netview.io.xmltree): one <node> or <edge> in memory at a time.
    """
    label = Path(path).name
    out = GraphData()
    decl: dict[tuple[str, str], tuple[str, str]] = {}  # (class, id) -> (title, type)
    root: XNode | None = None
    graph_seen = False

    def values(el: XNode, domain: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        box = el.find("attvalues")
        for v in box.findall("attvalue") if box is not None else []:
            ref = v.attrib.get("for") or v.attrib.get("id") or ""
            if (domain, ref) not in decl:
                raise ImportFailure(label, f"value for undeclared attribute {ref!r}", v.line)
            title, kind = decl[(domain, ref)]
            found[title] = typed(v.attrib.get("value", ""), kind, label, v.line)
        return found

    for where, el in stream(path, _COLLECT, _INNER):
        if root is None:
            root = el
            if root.tag != "gexf":
                raise ImportFailure(label, f"not GEXF (root element <{root.tag}>)", root.line)
            continue
        if where[:2] == ("gexf", "graph"):
            graph_seen = True
        if where == ("gexf", "graph") and el.tag == "attributes":
            _declare(el, decl, out, label)
        elif where == ("gexf", "graph", "nodes") and el.tag == "node":
            nid = el.attrib.get("id")
            if not nid:
                raise ImportFailure(label, "<node> without an id", el.line)
            out.nodes.append(
                Node(nid, el.attrib.get("label", ""), values(el, "node"), line=el.line)
            )
        elif where == ("gexf", "graph", "edges") and el.tag == "edge":
            src, dst = el.attrib.get("source"), el.attrib.get("target")
            if not src or not dst:
                raise ImportFailure(label, "<edge> without source and target", el.line)
            weight = None
            if "weight" in el.attrib:
                weight = typed(el.attrib["weight"], "double", label, el.line)
            out.edges.append(
                Edge(src, dst, weight, el.attrib.get("label", ""), values(el, "edge"), el.line)
            )
    return finish(out, label, root.line if root is not None else None, graph_seen)


_INNER = frozenset({"attribute", "attvalues", "attvalue"})
_COLLECT = frozenset({"attributes", "node", "edge"})


def _declare(
    box: XNode, decl: dict[tuple[str, str], tuple[str, str]], out: GraphData, label: str
) -> None:
    domain = box.attrib.get("class", "node")
    for a in box.findall("attribute"):
        if "id" not in a.attrib:
            raise ImportFailure(label, "<attribute> without an id", a.line)
        title = a.attrib.get("title") or a.attrib["id"]
        kind = a.attrib.get("type", "string")
        decl[(domain, a.attrib["id"])] = (title, kind)
        target = out.edge_attrs if domain == "edge" else out.node_attrs
        target[title] = attr_type(kind)
