"""GraphML, GEXF, edge-list and ICS writers against their readers, on arbitrary text."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netview.core.errors import ImportFailure
from netview.io.edgelist import read_edgelist
from netview.io.gexf import read_gexf, write_gexf
from netview.io.graphdata import Edge, GraphData, Node
from netview.io.graphml import read_graphml, write_graphml
from netview.io.ics import Event, write_ics

# Any text XML can hold: no control characters, no lone surrogates.
xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
)


@st.composite
def graphs(draw: st.DrawFn) -> GraphData:
    ids = draw(st.lists(xml_text, min_size=1, max_size=8, unique=True))
    nodes = [
        Node(
            i,
            draw(xml_text),
            {"company": draw(xml_text), "degree": draw(st.integers(0, 4))},
            x=draw(st.floats(-5, 5)),
            y=draw(st.floats(-5, 5)),
            color=(draw(st.integers(0, 255)), 0, 255),
        )
        for i in ids
    ]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=10))
    edges = [
        Edge(a, b, float(k + 1), attrs={"note": draw(xml_text)}) for k, (a, b) in enumerate(pairs)
    ]
    return GraphData(nodes, edges, {"company": "string", "degree": "int"}, {"note": "string"})


FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(graph=graphs())
def test_graphml_and_gexf_read_back_what_was_written(tmp_path: Path, graph: GraphData) -> None:
    for name, write, read in (
        ("g.graphml", write_graphml, read_graphml),
        ("g.gexf", write_gexf, read_gexf),
    ):
        path = tmp_path / name
        with path.open("wb") as f:
            write(graph, f)
        back = read(path)
        assert [n.id for n in back.nodes] == [n.id for n in graph.nodes]
        for got, want in zip(back.nodes, graph.nodes, strict=True):
            assert got.label == want.label
            assert got.attrs["company"] == want.attrs["company"]
            assert got.attrs["degree"] == want.attrs["degree"]
        assert [(e.source, e.target, e.weight) for e in back.edges] == [
            (e.source, e.target, e.weight) for e in graph.edges
        ]
        assert [e.attrs["note"] for e in back.edges] == [e.attrs["note"] for e in graph.edges]
    # networkx (what Gephi and Cytoscape users script with) agrees on the nodes.
    assert set(nx.read_graphml(tmp_path / "g.graphml").nodes) == {n.id for n in graph.nodes}
    assert set(nx.read_gexf(tmp_path / "g.gexf", version="1.3").nodes) == {
        n.id for n in graph.nodes
    }


cell = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=20,
).filter(lambda s: s == s.strip())


@FAST
@given(rows=st.lists(st.tuples(cell, cell, st.integers(0, 1000)), min_size=1, max_size=10))
def test_edge_lists_read_back_every_row(tmp_path: Path, rows: list[tuple[str, str, int]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["source", "target", "weight"])
    writer.writerows(rows)
    path = tmp_path / "edges.csv"
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")
    back = read_edgelist(path)
    assert [(e.source, e.target, e.weight) for e in back.edges] == [
        (a, b, float(w)) for a, b, w in rows
    ]
    assert {n.id for n in back.nodes} == {a for a, _, _ in rows} | {b for _, b, _ in rows}


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


@given(summary=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_calendar_lines_are_folded_and_escaped(summary: str) -> None:
    out = io.StringIO()
    write_ics([Event("uid-1@netview", date(2027, 1, 5), summary)], out)
    text = out.getvalue()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    line = next(x for x in _unfold(text) if x.startswith("SUMMARY:"))
    value = line[len("SUMMARY:") :]
    # One pass, left to right: an escaped backslash before an "n" is no line break.
    unescaped = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
    # Every line break (a CR alone too) is one escaped \n; other control characters go.
    expected = summary.replace("\r\n", "\n").replace("\r", "\n")
    assert unescaped == re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", expected)
    assert "\r" not in text.replace("\r\n", "")


def test_both_formats_name_their_attribute_types_alike(tmp_path: Path) -> None:
    """GEXF's integer/long/short/byte and GraphML's int/long read as int, float as double."""
    gexf_types = {"a": "integer", "b": "long", "c": "short", "d": "byte", "e": "float"}
    graphml_types = {"a": "int", "b": "long", "c": "int", "d": "long", "e": "float"}
    decl = "".join(f'<attribute id="{k}" title="{k}" type="{t}"/>' for k, t in gexf_types.items())
    values = "".join(f'<attvalue for="{k}" value="7"/>' for k in gexf_types)
    (tmp_path / "t.gexf").write_text(
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>'
        f'<attributes class="node">{decl}</attributes>'
        f'<nodes><node id="n" label="N"><attvalues>{values}</attvalues></node></nodes>'
        "</graph></gexf>",
        encoding="utf-8",
    )
    keys = "".join(
        f'<key id="{k}" for="node" attr.name="{k}" attr.type="{t}"/>'
        for k, t in graphml_types.items()
    )
    data = "".join(f'<data key="{k}">7</data>' for k in graphml_types)
    (tmp_path / "t.graphml").write_text(
        f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
        f'<graph edgedefault="undirected"><node id="n">{data}</node></graph></graphml>',
        encoding="utf-8",
    )
    want = {"a": "int", "b": "int", "c": "int", "d": "int", "e": "double"}
    for graph in (read_gexf(tmp_path / "t.gexf"), read_graphml(tmp_path / "t.graphml")):
        assert graph.node_attrs == want
        values_read = graph.nodes[0].attrs
        assert values_read == {"a": 7, "b": 7, "c": 7, "d": 7, "e": 7.0}
        assert [type(v) for v in values_read.values()] == [int, int, int, int, float]


_GRAPHML_KEYS = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<key id="w" for="edge" attr.name="weight" attr.type="double"/>'
    '<key id="s" for="node" attr.name="score" attr.type="float"/>\n'
)


@pytest.mark.parametrize(
    ("name", "text", "line", "value"),
    [
        (
            "w.graphml",
            _GRAPHML_KEYS + '<graph><node id="a"/><node id="b"/>\n'
            '<edge source="a" target="b"><data key="w">NaN</data></edge></graph></graphml>',
            3,
            "NaN",
        ),
        (
            "s.graphml",
            _GRAPHML_KEYS + '<graph>\n<node id="a"><data key="s">-inf</data></node>'
            "</graph></graphml>",
            3,
            "-inf",
        ),
        (
            "w.gexf",
            '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a"/>'
            '<node id="b"/></nodes><edges>\n\n<edge source="a" target="b" weight="1e999"/>'
            "</edges></graph></gexf>",
            3,
            "1e999",
        ),
        ("w.csv", "source,target,weight\na,b,1\nb,c,nan\n", 3, "nan"),
        ("i.csv", "source,target,weight\na,b,Infinity\n", 2, "Infinity"),
    ],
)
def test_a_number_that_is_not_finite_is_refused_naming_the_line(
    tmp_path: Path, name: str, text: str, line: int, value: str
) -> None:
    """NaN or infinity would be imported, then refused by `netview restore` in the
    user's own backup: refused here instead, with the file and line."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    read = {".graphml": read_graphml, ".gexf": read_gexf, ".csv": read_edgelist}[path.suffix]
    with pytest.raises(ImportFailure) as caught:
        read(path)
    assert caught.value.line == line
    assert value in str(caught.value) and "not a finite number" in str(caught.value)


def test_a_value_not_of_its_declared_type_names_the_type_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "t.graphml"
    path.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="n" for="node" attr.name="age" attr.type="int"/>\n'
        '<graph><node id="a"><data key="n">old</data></node></graph></graphml>',
        encoding="utf-8",
    )
    with pytest.raises(ImportFailure) as caught:
        read_graphml(path)
    assert str(caught.value) == "t.graphml, line 2: 'old' is not a whole number (int)"


def test_an_edge_list_with_excels_sep_line_reads_as_without_it(tmp_path: Path) -> None:
    """Excel's "sep=;" line before the header: the file was not recognised as an edge list."""
    from netview.io import formats

    path = tmp_path / "edges.csv"
    path.write_text("sep=;\nsource;target;weight\nAna;Bo;2\nBo;Cy;1,5\n", encoding="utf-8")
    assert formats.recognise_or_fail(path).name == "edgelist"
    back = read_edgelist(path)
    assert [(e.source, e.target) for e in back.edges] == [("Ana", "Bo"), ("Bo", "Cy")]
    assert back.edges[0].weight == 2.0
