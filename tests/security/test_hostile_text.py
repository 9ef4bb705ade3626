"""Issue 13, point 5: control characters stay out, and NetView reads back its own files.

One rule for every reader: a text file with a control character other than tab, line
feed or carriage return is refused in one line naming file and line (LinkedIn files and
edge lists alike; XML cannot hold one at all). Text that reached the database another way
(typed by hand, an edited backup) is written as XML can carry it, so GraphML and GEXF
exports stay well-formed and import again; an ICS summary never starts a new property.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from tests.services.conftest import Cli
from tests.services.test_import_guarantees import snapshot

from netview.io.cleantext import xml_text
from netview.io.gexf import read_gexf, write_gexf
from netview.io.graphdata import Edge, GraphData, Node
from netview.io.graphml import read_graphml, write_graphml
from netview.store.db import open_database
from netview.store.models import FollowUp, Person

HOSTILE = ["Ann\x00Null", "Bob\x0bTab", "Cy\x1fUnit\ufffe", "Dee\x07Bell\x1b[31m"]


def test_an_edge_list_with_a_nul_is_refused_like_a_linkedin_file(net: Cli, tmp_path: Path) -> None:
    edges = tmp_path / "edges.csv"
    edges.write_bytes(b"source,target\nana,bo\nca\x00rl,dee\n")
    before = snapshot(net.db)
    status, _, err = net("import", edges)
    assert status == 1 and err.count("\n") == 1, err
    assert "edges.csv, line 3" in err and "control or NUL" in err
    assert snapshot(net.db) == before


def _poison(db_path: Path) -> list[str]:
    """Names with control characters, as a hand-edited backup could bring them in."""
    db = open_database(db_path)
    with db.session() as s:
        people = list(s.scalars(select(Person).order_by(Person.id).offset(4).limit(len(HOSTILE))))
        for p, name in zip(people, HOSTILE, strict=True):
            p.name = name
            p.company = f"{name} Ltd\r"
            s.merge(FollowUp(person_id=p.id, cadence_days=30))
        keys = [p.key for p in people]
    db.dispose()
    return keys


def test_graphml_and_gexf_of_such_a_network_import_again(net: Cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    keys = _poison(net.db)
    people = len(snapshot(net.db)["person"])
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"map.{fmt}"
        status, _, err = net("export", fmt, "-o", out)
        assert status == 0, err
        # Well-formed for every tool (networkx reads what Gephi and Cytoscape users script).
        g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out, version="1.3")
        assert set(keys) <= set(g.nodes)
        fresh = Cli(tmp_path / f"fresh-{fmt}.db", capsys)
        status, _, err = fresh("import", out)
        assert status == 0, err
        assert len(snapshot(fresh.db)["person"]) == people
        names = {row[1] for row in _names(fresh.db)}
        assert "Ann\ufffdNull" in names and not any(
            re.search("[\x00-\x08\x0b\x1f]", n) for n in names
        )


def _names(db_path: Path) -> list[tuple[str, str]]:
    db = open_database(db_path)
    with db.session() as s:
        found = [(p.key, p.name) for p in s.scalars(select(Person))]
    db.dispose()
    return found


def test_a_calendar_never_gets_a_property_from_a_name(net: Cli, tmp_path: Path) -> None:
    _poison(net.db)
    db = open_database(net.db)
    with db.session() as s:
        p = s.scalars(select(Person).order_by(Person.id).offset(10).limit(1)).one()
        p.name = "Eve\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Pay invoice 4411"
        s.merge(FollowUp(person_id=p.id, cadence_days=7))
    db.dispose()
    out = tmp_path / "followups.ics"
    status, _, err = net("export", "ics", "-o", out)
    assert status == 0, err
    raw = out.read_bytes()
    assert b"\r" not in raw.replace(b"\r\n", b"")  # every line ends CRLF, no CR alone
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    lines = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")  # unfolded
    begins = sum(line == "BEGIN:VEVENT" for line in lines)
    assert begins == sum(line.startswith("SUMMARY:") for line in lines)
    assert not any(line.startswith("SUMMARY:Pay invoice") for line in lines)


def test_an_svg_of_such_a_network_is_well_formed(net: Cli, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    _poison(net.db)
    me = net.json("stats")["me"]["key"]
    db = open_database(net.db)
    with db.session() as s:
        s.scalars(select(Person).where(Person.key == me)).one().name = "Robin\x00Quill"
    db.dispose()
    out = tmp_path / "map.svg"
    status, _, err = net("export", "svg", "-o", out, "--size", "1200x800")
    assert status == 0, err
    texts = [t.text or "" for t in ET.parse(out).iter() if t.tag.endswith("text")]
    assert any("Robin" in t and "Quill" in t for t in texts)  # drawn, as XML can carry it
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", t) for t in texts)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=40))
def test_any_text_comes_back_from_our_own_xml(tmp_path: Path, text: str) -> None:
    """Whatever a name holds, the file is well-formed and reads back as XML can carry it."""
    graph = GraphData(
        [Node("a", text, {"company": text}), Node("b", "B")],
        [Edge("a", "b", 1.0, attrs={"note": text})],
        {"company": "string"},
        {"note": "string"},
    )
    carried = xml_text(text)
    # Element text has its line ends normalised by every XML parser; attributes do not.
    in_element = carried.replace("\r\n", "\n").replace("\r", "\n")
    for name, write, read, expected in (
        ("g.graphml", write_graphml, read_graphml, in_element),
        ("g.gexf", write_gexf, read_gexf, carried),
    ):
        path = tmp_path / name
        with path.open("wb") as f:
            write(graph, f)
        back = read(path)
        assert back.nodes[0].label == expected, name
        assert back.nodes[0].attrs["company"] == expected, name
        assert back.edges[0].attrs["note"] == expected, name
