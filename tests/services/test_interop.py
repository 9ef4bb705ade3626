"""Networks from other tools: GraphML, GEXF and edge lists as sources of ties."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.services.conftest import Cli, sample_zips
from tests.services.exportkit import build, copy_db
from tests.services.test_forget import by_key
from tests.services.test_import_guarantees import snapshot

# These start from a database file built once and copied; interop files into and out
# of PostgreSQL are covered by test_postgresql.py.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("net") / "built.db")


@pytest.fixture
def net(built: Path, cli: Cli) -> Cli:
    copy_db(built, cli.db)
    return cli


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_an_exported_map_imports_into_a_new_database_with_its_people_and_ties(
    net: Cli, tmp_path: Path, capsys: Any, fmt: str
) -> None:
    out = tmp_path / f"map.{fmt}"
    assert net("export", fmt, "-o", out)[0] == 0
    other = Cli(tmp_path / "other.db", capsys)
    (report,) = other.json("import", out)
    assert report["status"] == "imported" and report["era"] == fmt
    mine, theirs = by_key(net.db), by_key(other.db)
    assert len(theirs["people"]) == len(mine["people"])
    slugs = {k for k in mine["people"] if ":" not in k}
    assert slugs <= set(theirs["people"])  # profile URLs identify people
    assert all(k.startswith("ext:") for k in set(theirs["people"]) - slugs)
    names = sorted(v[0] for v in mine["people"].values())
    assert sorted(v[0] for v in theirs["people"].values()) == names
    slug_ties = {t for t in mine["ties"] if ":" not in t[0] + t[1]}
    assert slug_ties <= set(theirs["ties"]) and len(theirs["ties"]) == len(mine["ties"])
    (source,) = other.json("sources")
    assert source["kind"] == fmt and source["ties"] == len(mine["ties"])


def test_a_file_of_known_people_adds_only_what_is_new_and_can_be_forgotten(
    net: Cli, tmp_path: Path
) -> None:
    before = snapshot(net.db)
    known = [k for k in by_key(net.db)["people"] if ":" not in k][:3]
    edges = tmp_path / "from-crm.csv"
    edges.write_text(
        "Source;Target;Weight;Label\n"
        f"https://www.linkedin.com/in/{known[0]};https://www.linkedin.com/in/{known[1]};2,5;board\n"
        f"https://www.linkedin.com/in/{known[1]};Ada Byron;1;\n"
        f"Ada Byron;{known[2]};;\n",
        encoding="utf-8",
    )
    pair = (min(known[0], known[1]), max(known[0], known[1]))
    tied_before = pair in by_key(net.db)["ties"]
    (report,) = net.json("import", edges)
    # New people: Ada, and whoever the bare slug is (a slug alone is not a profile URL).
    assert report["added"] == {"people": 2, "ties": 2 + (not tied_before)}
    after = by_key(net.db)
    assert pair in after["ties"]
    ada = [k for k, v in after["people"].items() if v[0] == "Ada Byron"]
    assert len(ada) == 1 and ada[0].startswith("ext:") and ":" in ada[0][4:]
    assert net.json("import", edges)[0]["status"] == "unchanged"
    status, _, err = net("forget", edges.name)
    assert status == 0, err
    assert snapshot(net.db) == before


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("cut.graphml", '<graphml><graph>\n<node id="a"/>\n<edge source="a" target="a"/>\n', 4),
        (
            "bad2.graphml",
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>\n'
            '<node id="a"/>\n<node id="b"><data key="d9">x</data></node>\n</graph></graphml>',
            3,
        ),
        (
            "bad.gexf",
            '<gexf version="1.3"><graph><nodes>\n<node id="a"/>\n</nodes><edges>\n'
            '<edge source="a" target="z"/></edges></graph></gexf>',
            4,
        ),
        ("bad.csv", "source,target,weight\na,b,1\nb,c,heavy\n", 3),
        ("empty-target.csv", "source,target\na,b\nc,\n", 3),
    ],
)
def test_a_bad_file_is_refused_naming_file_and_line_and_nothing_is_written(
    net: Cli, tmp_path: Path, name: str, text: str, line: int
) -> None:
    before = snapshot(net.db)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("source,target\nx,y\n", encoding="utf-8")
    status, _, err = net("import", good, path)  # a good file first: it must not land either
    assert status == 1
    assert err.count("\n") == 1 and f"{name}, line {line}" in err
    assert snapshot(net.db) == before


def test_archives_and_tool_files_import_together(cli: Cli, tmp_path: Path) -> None:
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\nOne,Two\n", encoding="utf-8")
    me = sample_zips("network-2024")[0]
    reports = cli.json("import", me, edges)
    assert [r["status"] for r in reports] == ["imported", "imported"]
    assert cli.json("stats")["me"]["key"] == "robin-quill-42"
    assert [s["kind"] for s in cli.json("sources")] == ["linkedin", "edgelist"]


def test_a_hop_names_a_person_as_their_file_spells_them_and_you_as_you(
    cli: Cli, tmp_path: Path
) -> None:
    from netview.services.network import load_network
    from netview.store.db import open_database

    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\nx1,danah boyd\n", encoding="utf-8")
    cli.json("import", sample_zips("network-2024")[0], edges)
    db = open_database(cli.db)
    try:
        ln = load_network(db)
    finally:
        db.dispose()
    assert ln is not None
    net = ln.net
    by_name = {name: i for i, name in enumerate(net.names)}
    x1, danah = by_name["x1"], by_name["danah boyd"]
    assert ln.hop_sentence(x1, danah).startswith("x1 → danah boyd: ")  # was "X1 → …"
    first = int(np.flatnonzero(net.degree == 1)[0])
    assert ln.hop_sentence(net.owner, first).startswith("You → ")
