"""Issue 13, point 9 (inputs): big and odd files read as a spreadsheet would, or are refused
in one line; XML never costs the file's size in memory and never expands an entity.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.io import xmltree
from netview.io.cleantext import MAX_CELL
from netview.io.edgelist import read_edgelist
from netview.io.gexf import read_gexf
from netview.io.graphml import read_graphml
from netview.io.linkedin.archive import read_archive

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _row(first: str, position: str, connected: str = "01 Jul 2026") -> str:
    url = f"https://www.linkedin.com/in/{first.lower()}-x"
    return f'{first},X,{url},,Acme,"{position}",{connected}\n'


def test_a_cell_longer_than_131072_characters_is_read(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + _row("Ann", "p" * 200_000) + _row("Bob", "CTO"), encoding="utf-8")
    people = read_archive(path).connections
    assert [len(c.position or "") for c in people] == [200_000, 3]


def test_a_cell_beyond_the_cap_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + _row("Bob", "CTO") + _row("Ann", "p" * (MAX_CELL + 1)))
    with pytest.raises(ImportFailure) as info:
        read_archive(path)
    assert info.value.line == 3 and "longer than" in info.value.message


def test_a_carriage_return_inside_a_quoted_cell_stays_in_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    body = _row("Ann", "Head of\rSales") + _row("Bob", "CTO", connected="someday")
    path.write_text(HEADER + body, encoding="utf-8", newline="")
    contents = read_archive(path)
    assert [(c.first_name, c.position) for c in contents.connections] == [("Ann", "Head of\rSales")]
    assert contents.files[0].skipped[0].line == 3  # Bob's line, as an editor numbers it
    edges = tmp_path / "edges.csv"
    edges.write_text('source,target,label\na,b,"x\ry"\nc,d,z\n', encoding="utf-8", newline="")
    got = read_edgelist(edges).edges
    assert [(e.label, e.line) for e in got] == [("x\ry", 2), ("z", 3)]


ICON = "https://icons.example.org/" + "portraits/" * 20  # a node drawn as a picture


def _gexf(path: Path, nodes: int) -> Path:
    """A Gephi-style GEXF: an attribute and the drawing (colour, position, size) per node."""
    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" ')
        f.write('xmlns:viz="http://gexf.net/1.3/viz" version="1.3"><graph>')
        f.write('<attributes class="node"><attribute id="0" title="company" type="string"/>')
        f.write("</attributes><nodes>\n")
        for i in range(nodes):
            f.write(
                f'<node id="n{i}" label="Person {i}"><attvalues><attvalue for="0" '
                f'value="Company {i % 97}"/></attvalues><viz:color r="{i % 256}" g="34" b="56"/>'
                f'<viz:position x="{i * 1.5 - 2024.123456}" y="{i * 0.5 + 0.987654}" z="0.0"/>'
                f'<viz:size value="4.0"/><viz:shape value="image" uri="{ICON}{i}.png"/>'
                "</node>\n"
            )
        f.write("</nodes><edges>\n")
        for i in range(1, nodes):
            f.write(f'<edge id="{i}" source="n{i - 1}" target="n{i}" weight="1.0"/>\n')
        f.write("</edges></graph></gexf>\n")
    return path


def test_a_large_gexf_is_read_without_holding_the_file(tmp_path: Path) -> None:
    path = _gexf(tmp_path / "big.gexf", 8_000)
    size = path.stat().st_size
    gc.collect()
    tracemalloc.start()
    try:
        graph = read_gexf(path)
        gc.collect()  # what the reader left behind is not what it keeps
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(graph.nodes) == 8_000 and len(graph.edges) == 7_999
    assert graph.nodes[-1].attrs == {"company": f"Company {7_999 % 97}"}
    # Beyond what it keeps, reading needs a few chunks, not the file (let alone its tree).
    assert peak - kept < size / 2, (peak - kept, size)


def test_an_xml_file_over_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _gexf(tmp_path / "big.gexf", 6_000)
    assert path.stat().st_size > 1024 * 1024
    monkeypatch.setattr(xmltree, "MAX_XML_BYTES", 1024 * 1024)
    with pytest.raises(ImportFailure) as info:
        read_gexf(path)
    assert str(info.value).startswith("big.gexf: the file is ") and "up to 1 MB" in str(info.value)


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">
<node id="&d;"/></graph></graphml>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="n" label="&x;"/>
</nodes></graph></gexf>
"""


def test_entities_are_never_expanded_nor_fetched(tmp_path: Path) -> None:
    for name, text, read in (
        ("laughs.graphml", LAUGHS, read_graphml),
        ("xxe.gexf", XXE, read_gexf),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFailure) as info:
            read(path)
        assert info.value.file == name and info.value.line == 2
        assert "document type declarations are not accepted" in info.value.message
