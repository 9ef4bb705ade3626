from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest

from netview.cli import main
from netview.graph.paths import best_paths
from netview.services.introductions.paths import (
    AmbiguousTarget,
    find_paths,
    resolve_target,
    result_json,
)
from netview.services.network import load_network
from netview.store.db import open_database
from tests.graph.helpers import NOW, SAMPLE_NAMES, Filler, truth_db


@pytest.mark.parametrize("sample", [s for s in SAMPLE_NAMES if s.startswith(("net", "ex"))])
def test_every_third_degree_person_gets_a_three_hop_path_of_real_ties(
    tmp_path: Path, sample: str
) -> None:
    db, t = truth_db(tmp_path / "n.db", sample)
    ln = load_network(db, today=NOW.date())
    edges = {frozenset(e) for e in t["edges"]}
    third = sorted(k for k, d in t["degree"].items() if d == 3)
    assert third
    for key in third:
        target = resolve_target(db, ln, key)
        data = result_json(ln, find_paths(ln, target, 5))
        assert data["paths"], key
        best = data["paths"][0]
        people = [p["key"] for p in best["people"]]
        assert len(people) == 4 and people[0] == t["owner"] and people[-1] == key
        assert [p["degree"] for p in best["people"]] == [0, 1, 2, 3]
        for p in data["paths"]:
            hops = [x["key"] for x in p["people"]]
            assert all(frozenset(h) in edges for h in itertools.pairwise(hops))
            assert len(p["why"]) == len(hops) - 1
        scores = [p["score"] for p in data["paths"]]
        assert scores[0] == max(scores)


def _diamond(tmp_path: Path) -> Filler:
    """you - a - t (a talks to you a lot), you - b - t, you - c - t, you - d - x - t."""
    db = open_database(tmp_path / "d.db")
    f = Filler(db)
    f.owner("me-0")
    for k in ("a-1", "b-2", "c-3"):
        f.tie("me-0", k)
        f.tie(k, "tara-target-9")
    f.tie("me-0", "d-4")
    f.tie("d-4", "x-5")
    f.tie("x-5", "tara-target-9")
    for n in range(12):
        f.interaction(
            "message",
            "me-0" if n % 2 else "a-1",
            "a-1" if n % 2 else "me-0",
            datetime(2026, 11, 1 + n),
        )
    f.interaction("recommendation", "c-3", "tara-target-9", datetime(2022, 3, 1))
    return f


def test_paths_are_ranked_by_strength_with_distinct_first_hops(tmp_path: Path) -> None:
    f = _diamond(tmp_path)
    ln = load_network(f.db, today=NOW.date())
    target = resolve_target(f.db, ln, "https://www.linkedin.com/in/Tara-Target-9/?trk=x")
    data = result_json(ln, find_paths(ln, target, 5))
    firsts = [p["people"][1]["key"] for p in data["paths"]]
    # a is the strong first hop (12 messages both ways); c's tie to the target carries a
    # recommendation, so c beats b; d is 2nd degree away and never used (fewest hops)
    assert firsts == ["a-1", "c-3", "b-2"]
    assert "12 messages, both ways, last" in data["paths"][0]["why"][0]
    assert "C recommended Tara Target in 2022" in data["paths"][1]["why"][1]
    assert "connected only" in data["paths"][2]["why"][0]
    assert data["connectors"][0]["key"] == "a-1"


def test_fewer_first_hops_than_k_fills_with_next_best(tmp_path: Path) -> None:
    f = _diamond(tmp_path)
    f.tie("a-1", "x-5")
    f.tie("me-0", "far-6")
    f.tie("far-6", "y-7")
    f.tie("y-7", "z-8")
    f.tie("a-1", "y-7")
    ln = load_network(f.db, today=NOW.date())
    z = ln.net.index_of_key["z-8"]
    paths = best_paths(ln.net, [z], 5)
    assert [ln.net.keys[i] for i in paths[0].nodes] == ["me-0", "a-1", "y-7", "z-8"]
    assert [ln.net.keys[i] for i in paths[1].nodes] == ["me-0", "far-6", "y-7", "z-8"]
    assert len(paths) == 2


def test_company_target_and_ambiguous_names(tmp_path: Path) -> None:
    f = _diamond(tmp_path)
    f.person("ana-silva-1", company="Acme Inc.")
    f.person("ana-silvo-2", company="ACME")
    f.tie("b-2", "ana-silva-1")
    f.tie("c-3", "ana-silvo-2")
    ln = load_network(f.db, today=NOW.date())
    t = resolve_target(f.db, ln, "company:acme, llc")
    assert sorted(ln.net.keys[i] for i in t.people) == ["ana-silva-1", "ana-silvo-2"]
    data = result_json(ln, find_paths(ln, t, 5))
    assert {p["people"][-1]["key"] for p in data["paths"]} == {"ana-silva-1", "ana-silvo-2"}
    with pytest.raises(AmbiguousTarget) as err:
        resolve_target(f.db, ln, "Ana Silv")
    assert {c[1] for c in err.value.candidates} == {"ana-silva-1", "ana-silvo-2"}
    assert resolve_target(f.db, ln, "ana silva").people == [ln.net.index_of_key["ana-silva-1"]]


def test_cli_paths_json_and_ambiguity_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _diamond(tmp_path)
    f.person("ana-silva-1")
    f.person("ana-silvo-2")
    f.tie("b-2", "ana-silva-1")
    f.tie("b-2", "ana-silvo-2")
    db = str(tmp_path / "d.db")
    assert main(["--db", db, "paths", "tara-target-9", "--json", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["target"]["key"] == "tara-target-9"
    assert len(data["paths"]) == 2
    assert data["paths"][0]["people"][0]["degree"] == 0
    assert main(["--db", db, "paths", "Ana Silv"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "ana-silva-1" in err[0] and "ana-silvo-2" in err[0]
    assert main(["--db", db, "paths", "nobody-like-this-0"]) == 1


def test_paths_to_a_group_end_at_the_first_target_reached() -> None:
    from netview.graph.network import network_from_edges
    from netview.graph.paths import best_connectors

    edges = [("me-0", "a-1"), ("a-1", "b-2"), ("b-2", "c-3"), ("me-0", "d-4"), ("d-4", "c-3")]
    net = network_from_edges("me-0", edges)
    a, c = net.index_of_key["a-1"], net.index_of_key["c-3"]
    paths = best_paths(net, [a, c], 5)
    keyed = sorted(tuple(net.keys[i] for i in p.nodes) for p in paths)
    # c-3 is 2nd degree (via d-4); nothing goes on through a-1, itself a target
    assert keyed == [("me-0", "a-1"), ("me-0", "d-4", "c-3")]
    connectors = {net.keys[x.person]: x.paths for x in best_connectors(net, [a, c])}
    assert connectors == {"a-1": 1, "d-4": 1}
