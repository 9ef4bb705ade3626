from __future__ import annotations

from pathlib import Path

import pytest

from netview.graph.network import network_from_edges
from netview.services.network import NoOwner, load_network
from netview.store.db import open_database
from tests.graph.helpers import NOW, SAMPLE_NAMES, truth, truth_db


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_degrees_from_database_equal_truth(tmp_path: Path, sample: str) -> None:
    db, t = truth_db(tmp_path / "n.db", sample)
    ln = load_network(db, today=NOW.date())
    net = ln.net
    got = {net.keys[i]: int(net.degree[i]) for i in range(net.n)}
    assert got == t["degree"]
    counts = {str(d): sum(1 for v in got.values() if v == d) for d in (1, 2, 3)}
    assert {k: v for k, v in counts.items() if v} == t["by_degree"]


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_connectors_are_real_ties_one_ring_closer(sample: str) -> None:
    t = truth(sample)
    net = network_from_edges(t["owner"], [tuple(e) for e in t["edges"]])
    edges = {frozenset(e) for e in t["edges"]}
    people, connectors = net.connector_table()
    for i in range(net.n):
        d = t["degree"][net.keys[i]]
        mine = sorted(net.connectors(i).tolist())
        assert mine == sorted(connectors[people == i].tolist())
        if d < 2:
            assert mine == []
            continue
        assert mine, f"{net.keys[i]} has no connector"
        for c in mine:
            assert t["degree"][net.keys[c]] == d - 1
            assert frozenset((net.keys[i], net.keys[c])) in edges
        # every neighbour one ring closer is a connector, not just some
        closer = {
            (set(e) - {net.keys[i]}).pop()
            for e in edges
            if net.keys[i] in e and t["degree"][(set(e) - {net.keys[i]}).pop()] == d - 1
        }
        assert {net.keys[c] for c in mine} == closer


def test_database_without_owner_is_refused(tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.db")
    with pytest.raises(NoOwner):
        load_network(db)
