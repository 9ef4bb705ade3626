"""GraphML and GEXF share one post-pass and one value typing: the same mistake in either
file is refused with the same line and the same words."""

from __future__ import annotations

from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.io.gexf import read_gexf
from netview.io.graphml import read_graphml

GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="years" attr.type="int"/>
  <graph edgedefault="undirected">
    <edge source="a" target="b"><data key="w">{years}</data></edge>
    <node id="a"/>
    <node id="{second}"/>
  </graph>
</graphml>
"""
GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <attributes class="edge"><attribute id="0" title="years" type="integer"/></attributes>
    <edges>
      <edge source="a" target="b"><attvalues><attvalue for="0" value="{years}"/></attvalues></edge>
    </edges>
    <nodes>
      <node id="a"/>
      <node id="{second}"/>
    </nodes>
  </graph>
</gexf>
"""
READERS = [("net.graphml", GRAPHML, read_graphml), ("net.gexf", GEXF, read_gexf)]


@pytest.mark.parametrize(("name", "template", "read"), READERS, ids=["graphml", "gexf"])
def test_edges_before_their_nodes_read_with_typed_values(
    tmp_path: Path, name: str, template: str, read: object
) -> None:
    path = tmp_path / name
    path.write_text(template.format(years=" 7 ", second="b"))
    graph = read(path)  # type: ignore[operator]
    assert [(e.source, e.target, e.attrs) for e in graph.edges] == [("a", "b", {"years": 7})]


@pytest.mark.parametrize(("name", "template", "read"), READERS, ids=["graphml", "gexf"])
def test_the_same_mistakes_get_the_same_message(
    tmp_path: Path, name: str, template: str, read: object
) -> None:
    path = tmp_path / name
    path.write_text(template.format(years="7", second="c"))
    with pytest.raises(ImportFailure) as unknown:
        read(path)  # type: ignore[operator]
    assert unknown.value.message == "edge names an unknown node 'b'"
    assert unknown.value.line == (5 if name.endswith("graphml") else 6)
    path.write_text(template.format(years="seven", second="b"))
    with pytest.raises(ImportFailure) as typed:
        read(path)  # type: ignore[operator]
    assert typed.value.message.startswith("'seven' is not a ")
