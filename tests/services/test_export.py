"""Exports: what lands in each file, filters, the private flag, pseudonyms, backup and restore."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import select
from tests.services.conftest import SAMPLES, Cli
from tests.services.exportkit import GROUP, NOTE, build, copy_db
from tests.services.test_import_guarantees import snapshot

from netview.store.db import open_database
from netview.store.models import Person

# These start from a database file built once and copied; exports on PostgreSQL are
# compared answer for answer with SQLite in test_postgresql.py.
pytestmark = pytest.mark.sqlite_only

TEXT_FORMATS = ("csv", "graphml", "gexf", "json", "ics")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("net") / "built.db")


@pytest.fixture
def net(built: Path, cli: Cli) -> Cli:
    copy_db(built, cli.db)
    return cli


def people(db_path: Path) -> list[Person]:
    db = open_database(db_path)
    with db.session() as s:
        found = list(s.scalars(select(Person).order_by(Person.id)))
    db.dispose()
    return found


def export(cli: Cli, tmp_path: Path, fmt: str, *args: str) -> str:
    out = tmp_path / f"out.{fmt}"
    status, _, err = cli("export", fmt, "-o", out, *args)
    assert status == 0, err
    with out.open(encoding="utf-8", newline="") as f:
        return f.read()


def test_backup_restores_every_row_of_every_table(net: Cli, tmp_path: Path, capsys: Any) -> None:
    export(net, tmp_path, "json")
    fresh = Cli(tmp_path / "fresh.db", capsys)
    status, _, err = fresh("restore", tmp_path / "out.json")
    assert status == 0, err
    before, after = snapshot(net.db), snapshot(fresh.db)
    assert after == before
    assert all(before[t] for t in ("group", "note", "followup", "touch", "person_tag", "tie"))
    # A second restore would mix two networks: refused in one line, nothing written.
    status, _, err = fresh("restore", tmp_path / "out.json")
    assert status == 1 and err.count("\n") == 1 and "not empty" in err
    assert snapshot(fresh.db) == before


def test_a_damaged_backup_is_refused_naming_file_and_line(
    net: Cli, tmp_path: Path, capsys: Any
) -> None:
    text = export(net, tmp_path, "json")
    lines = text.splitlines()
    lines[7] = lines[7][:-3]  # a row cut short
    (tmp_path / "bad.json").write_text("\n".join(lines), encoding="utf-8")
    fresh = Cli(tmp_path / "fresh.db", capsys)
    status, _, err = fresh("restore", tmp_path / "bad.json")
    assert status == 1 and err.count("\n") == 1
    assert "bad.json, line" in err
    assert all(not rows for t, rows in snapshot(fresh.db).items() if t != "alembic_version")


def test_graphml_reads_back_with_every_node_edge_and_attribute(net: Cli, tmp_path: Path) -> None:
    export(net, tmp_path, "graphml")
    g = nx.read_graphml(tmp_path / "out.graphml")
    everyone = people(net.db)
    stats = net.json("stats")
    assert g.number_of_nodes() == len(everyone)
    assert g.number_of_edges() == len(snapshot(net.db)["tie"])
    assert {p.key for p in everyone} == set(g.nodes)
    me = next(p.key for p in everyone if g.nodes[p.key].get("degree") == 0)
    assert me == stats["me"]["key"]
    for _, data in g.nodes(data=True):
        assert {
            "label",
            "degree",
            "community",
            "x",
            "y",
            "r",
            "g",
            "b",
            "color",
            "strength",
        } <= set(data)
    grouped = [n for n, d in g.nodes(data=True) if GROUP in d.get("groups", "")]
    assert len(grouped) == 3
    assert all("weight" in d for *_, d in g.edges(data=True))


def test_graphml_ties_and_degrees_are_the_databases(net: Cli, tmp_path: Path) -> None:
    """Each edge's date is its tie's as stored, each person's degree what `stats` counts."""
    from netview.store.models import Tie

    export(net, tmp_path, "graphml")
    g = nx.read_graphml(tmp_path / "out.graphml")
    db = open_database(net.db)
    with db.session() as s:
        key = {i: k for i, k in s.execute(select(Person.id, Person.key))}
        stored = {
            frozenset((key[a], key[b])): d.isoformat() if d else None
            for a, b, d in s.execute(select(Tie.a_id, Tie.b_id, Tie.connected_on))
        }
    db.dispose()
    written = {frozenset((u, v)): d.get("connected_on") for u, v, d in g.edges(data=True)}
    assert written == stored and any(written.values())
    degrees = [d["degree"] for _, d in g.nodes(data=True) if "degree" in d]
    by_degree = {str(n): degrees.count(n) for n in sorted(set(degrees)) if n > 0}
    assert by_degree == net.json("stats")["by_degree"]


def test_gexf_is_version_1_3_with_declared_attributes_and_viz(net: Cli, tmp_path: Path) -> None:
    export(net, tmp_path, "gexf")
    path = tmp_path / "out.gexf"
    root = ET.parse(path).getroot()
    ns, viz = "http://gexf.net/1.3", "http://gexf.net/1.3/viz"
    assert root.tag == f"{{{ns}}}gexf" and root.get("version") == "1.3"
    decl = {
        a.get("title"): a.get("type")
        for a in root.iter(f"{{{ns}}}attribute")
        if a in list(root.find(f"{{{ns}}}graph/{{{ns}}}attributes[@class='node']"))  # type: ignore[arg-type]
    }
    assert decl["degree"] == "integer" and decl["community"] == "string"
    first = root.find(f"{{{ns}}}graph/{{{ns}}}nodes/{{{ns}}}node")
    assert first is not None
    assert (
        first.find(f"{{{viz}}}position") is not None and first.find(f"{{{viz}}}color") is not None
    )
    g = nx.read_gexf(path, version="1.3")
    everyone = people(net.db)
    assert g.number_of_nodes() == len(everyone)
    graphml = nx.read_graphml(_graphml(net, tmp_path))
    assert g.number_of_edges() == graphml.number_of_edges()
    for _, data in g.nodes(data=True):
        assert "degree" in data and "community" in data
        assert {"x", "y"} <= set(data["viz"]["position"]) and {"r", "g", "b"} <= set(
            data["viz"]["color"]
        )


def _graphml(cli: Cli, tmp_path: Path) -> Path:
    export(cli, tmp_path, "graphml")
    return tmp_path / "out.graphml"


def test_csv_has_a_row_per_person_with_degree_groups_and_notes(net: Cli, tmp_path: Path) -> None:
    rows = list(csv.DictReader(export(net, tmp_path, "csv").splitlines()))
    everyone = people(net.db)
    assert len(rows) == len(everyone)
    truth = json.loads((SAMPLES / "network-2024" / "truth.json").read_text(encoding="utf-8"))
    by_key = {r["key"]: r for r in rows}
    for key, degree in truth["degree"].items():
        assert by_key[key]["degree"] == str(degree)
    assert sum(GROUP in r["groups"] for r in rows) == 3
    assert [r["notes"] for r in rows if r["notes"]] == [NOTE]
    second = [r for r in rows if r["degree"] == "2"]
    assert second and all(r["connectors"] for r in second)


def test_filters_restrict_every_format(net: Cli, tmp_path: Path) -> None:
    stats = net.json("stats")
    first_ring = stats["by_degree"]["1"]
    rows = list(csv.DictReader(export(net, tmp_path, "csv", "--degree", "1").splitlines()))
    assert len(rows) == first_ring + 1 and {r["degree"] for r in rows} == {"0", "1"}
    export(net, tmp_path, "graphml", "--group", GROUP)
    g = nx.read_graphml(tmp_path / "out.graphml")
    assert g.number_of_nodes() == 3 + 1  # the group and you
    backup = json.loads(export(net, tmp_path, "json", "--degree", "1"))
    assert len(backup["tables"]["person"]["rows"]) == first_ring + 1
    status, _, err = net("export", "csv", "-o", tmp_path / "x.csv", "--group", "Nope")
    assert status == 1 and "Nope" in err and not (tmp_path / "x.csv").exists()


def test_private_people_are_in_no_export(net: Cli, tmp_path: Path) -> None:
    everyone = people(net.db)
    secret = everyone[2]  # in the group, with a follow-up
    status, _, err = net("private", secret.key)
    assert status == 0, err
    for fmt in TEXT_FORMATS:
        args = ("--degree", "3") if fmt == "json" else ()
        text = export(net, tmp_path, fmt, *args)
        assert secret.key not in text and secret.name not in text, fmt
    # The full backup is the user's own copy: it keeps them, flag and all.
    assert secret.key in export(net, tmp_path, "json")
    net("private", secret.key, "--off")
    assert secret.key in export(net, tmp_path, "csv")


def test_anonymized_exports_hold_no_names_urls_or_emails(net: Cli, tmp_path: Path) -> None:
    everyone = people(net.db)
    secrets = set()
    for p in everyone:
        secrets |= {p.key, p.url or p.key, p.email or p.key, p.name or p.key}
    secrets |= {NOTE, GROUP}
    for fmt in TEXT_FORMATS:
        text = export(net, tmp_path, fmt, "--anonymize")
        found = [s for s in secrets if s and s in text]
        assert not found, (fmt, found[:3])
    again = export(net, tmp_path, "csv", "--anonymize")
    first = list(csv.DictReader(again.splitlines()))
    second = list(csv.DictReader(export(net, tmp_path, "csv", "--anonymize").splitlines()))
    assert [r["key"] for r in first] == [r["key"] for r in second]  # stable pseudonyms
    assert len({r["key"] for r in first}) == len(everyone)


def test_followups_become_calendar_events_with_stable_uids(net: Cli, tmp_path: Path) -> None:
    text = export(net, tmp_path, "ics")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    events = text.split("BEGIN:VEVENT")[1:]
    # One follow-up of their own, and the group's 90-day cadence for the other members.
    assert len(events) == 3
    assert "DTSTART;VALUE=DATE:20270105" in text  # the snooze
    uids = sorted(line for line in text.splitlines() if line.startswith("UID:"))
    again = export(net, tmp_path, "ics")
    assert sorted(line for line in again.splitlines() if line.startswith("UID:")) == uids
    assert len(set(uids)) == 3
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")


def test_gephi_opens_the_maps_picture_with_its_community_names(net: Cli, tmp_path: Path) -> None:
    from netview.services.mapping.mapmodel import load_map_model
    from netview.services.network import load_network
    from netview.services.people.groups import automatic

    db = open_database(net.db)
    model = load_map_model(db)
    ln = load_network(db)
    index, labels = automatic(db, ln, "community")
    db.dispose()
    export(net, tmp_path, "gexf")
    gexf = nx.read_gexf(tmp_path / "out.gexf", version="1.3")
    graphml = nx.read_graphml(_graphml(net, tmp_path))
    owner = model.owner_index
    for i, key in enumerate(model.keys):
        x, y = (float(v) for v in model.xy[i])
        at = gexf.nodes[key]["viz"]["position"]
        assert (at["x"], at["y"]) == pytest.approx((x, y), abs=1e-3)
        assert (graphml.nodes[key]["x"], graphml.nodes[key]["y"]) == pytest.approx((x, y), abs=1e-3)
        j = ln.net.index_of_key[key]
        want = "You" if i == owner else labels[index[j]] if index[j] >= 0 else ""
        assert gexf.nodes[key].get("community", "") == want
        assert graphml.nodes[key].get("community", "") == want
    assert not any(name.startswith("Community ") for name in labels)


def test_a_filtered_export_names_no_community_after_someone_left_out(
    net: Cli, tmp_path: Path
) -> None:
    text = export(net, tmp_path, "csv", "--group", GROUP)
    rows = list(csv.DictReader(text.splitlines()))
    kept = {r["name"] for r in rows}
    for r in rows:
        circle = r["community"].removesuffix("'s circle")
        assert circle == r["community"] or circle in kept


def test_groups_command_csv_and_map_name_communities_alike(net: Cli, tmp_path: Path) -> None:
    from netview.services.mapping.mapmodel import OTHER, load_map_model

    found = net.json("groups", "--kind", "community")
    listed = {r["name"]: r["size"] for r in found if r["kind"] == "community"}
    rows = list(csv.DictReader(export(net, tmp_path, "csv").splitlines()))
    in_csv: dict[str, int] = {}
    for r in rows:
        if r["community"] not in ("", "You"):
            in_csv[r["community"]] = in_csv.get(r["community"], 0) + 1
    assert in_csv == listed
    db = open_database(net.db)
    shown = set(load_map_model(db).group_names) - {OTHER}
    db.dispose()
    assert shown and shown <= set(listed)
