"""The analytics on the sample networks, imported from their zips by the real importer."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netview.cli import main
from netview.core import ids
from netview.services.followups import cadence as fu
from netview.services.importing.importer import import_paths
from netview.services.introductions.paths import Target, find_paths, result_json
from netview.services.mapping.layout import network_layout
from netview.services.network import LoadedNetwork, load_network
from netview.store.db import Database, open_database
from tests.graph.helpers import SAMPLE_NAMES, truth
from tests.samples import sample_zips

TODAY = date(2026, 11, 20)  # the samples' export date


@pytest.fixture(scope="module", params=SAMPLE_NAMES)
def imported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Database, LoadedNetwork, dict[str, Any]]:
    name = request.param
    db = open_database(tmp_path_factory.mktemp(name) / "n.db")
    import_paths(db, sample_zips(name))
    return db, load_network(db, today=TODAY), truth(name)


def truth_index(ln: LoadedNetwork, t: dict[str, Any]) -> dict[str, int]:
    """Truth slug -> person index. 2018 exports carry no URLs: those people are keyed by
    name, so they are matched by the name part of their slug ('ana-silva-1a2b3')."""
    net = ln.net
    by_name: dict[str, list[int]] = {}
    for i in range(net.n):
        if not ids.is_slug_key(net.keys[i]):
            by_name.setdefault(ids.name_key(net.names[i]).replace("'", ""), []).append(i)
    out = {}
    for slug in t["degree"]:
        if slug in net.index_of_key:
            out[slug] = net.index_of_key[slug]
        else:
            found = by_name.get(slug.rsplit("-", 1)[0].replace("-", " "), [])
            assert len(found) == 1, slug
            out[slug] = found[0]
    return out


def test_degrees_equal_truth(imported: tuple[Database, LoadedNetwork, dict[str, Any]]) -> None:
    _db, ln, t = imported
    net = ln.net
    index = truth_index(ln, t)
    assert index[t["owner"]] == net.owner
    assert {k: int(net.degree[i]) for k, i in index.items()} == t["degree"]
    assert len(index) == net.n


def test_third_degree_people_get_three_hop_paths_over_true_edges(
    imported: tuple[Database, LoadedNetwork, dict[str, Any]],
) -> None:
    _db, ln, t = imported
    edges = {frozenset(e) for e in t["edges"]}
    index = truth_index(ln, t)
    slug_of = {i: k for k, i in index.items()}
    third = sorted(k for k, d in t["degree"].items() if d == 3)
    for key in third:
        target = Target(key, "person", [index[key]], key)
        data = result_json(ln, find_paths(ln, target, 5))
        assert data["paths"], key
        best = [slug_of[ln.net.index_of_key[p["key"]]] for p in data["paths"][0]["people"]]
        assert len(best) == 4 and best[0] == t["owner"] and best[-1] == key
        for p in data["paths"]:
            hops = [slug_of[ln.net.index_of_key[x["key"]]] for x in p["people"]]
            assert all(frozenset(h) in edges for h in pairwise(hops))


def test_last_contact_is_at_least_the_newest_message(
    imported: tuple[Database, LoadedNetwork, dict[str, Any]],
) -> None:
    db, ln, t = imported
    contacts = fu.last_contacts(db)
    index = truth_index(ln, t)
    assert t["last_message"]
    for key, day in t["last_message"].items():
        at = contacts.get(int(ln.net.ids[index[key]]))
        assert at is not None, key
        assert at.date() >= date.fromisoformat(day), key


def test_strength_has_evidence_on_sample_ties(
    imported: tuple[Database, LoadedNetwork, dict[str, Any]],
) -> None:
    _db, ln, t = imported
    net = ln.net
    assert ((net.strength > 0) & (net.strength <= 1)).all()
    index = truth_index(ln, t)
    for key in t["last_message"]:
        i = index[key]
        if net.tie_index(net.owner, i) is not None:
            assert any(c.kind == "messages" for c in ln.explain(net.owner, i)), key


def test_layout_of_imported_network_has_no_overlaps(
    imported: tuple[Database, LoadedNetwork, dict[str, Any]],
) -> None:
    db, ln, _t = imported
    for by in ("community", "company"):
        lay = network_layout(db, ln, by=by)
        p = lay.positions
        d = np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1))
        np.fill_diagonal(d, np.inf)
        assert d.min() >= lay.node_size - 1e-9


def test_cli_paths_on_a_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t = truth("network-2024")
    zips = sample_zips("network-2024")
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "import", *map(str, zips)]) == 0
    third = sorted(k for k, d in t["degree"].items() if d == 3)[0]
    capsys.readouterr()
    url = f"https://www.linkedin.com/in/{third}/"
    assert main(["--db", db, "paths", url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["target"]["key"] == third
    assert [p["degree"] for p in data["paths"][0]["people"]] == [0, 1, 2, 3]
    assert data["connectors"] and data["connectors"][0]["degree"] == 1
