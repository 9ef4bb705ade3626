from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netview.cli import main
from netview.graph.groups import absorb_small, communities, company_key, job_function, seniority
from netview.graph.network import network_from_edges
from netview.services.network import load_network
from netview.services.people import groups as gs
from netview.store.db import open_database
from tests.graph.helpers import NOW, SAMPLES, Filler, truth


@pytest.mark.parametrize(
    "names",
    [
        ["Acme Inc.", "ACME", "acme, llc", "The Acme Company", "Acme Corp"],
        ["Björn & Söhne GmbH", "Bjorn and Sohne", "BJÖRN & SÖHNE"],
    ],
)
def test_company_spellings_meet(names: list[str]) -> None:
    assert len({company_key(n) for n in names}) == 1


def test_different_companies_stay_apart() -> None:
    keys = [company_key(n) for n in ("Acme", "Acme Labs", "Globex Inc.", "Group", "Inc")]
    assert len(set(keys)) == 5 and all(keys)


@given(st.text(max_size=40))
def test_company_key_is_idempotent_on_its_output(name: str) -> None:
    k = company_key(name)
    assert company_key(k) == k
    assert company_key(name.upper()) == k or not name.isascii()


def test_titles_give_function_and_seniority() -> None:
    assert job_function("Senior Software Engineer") == "Engineering"
    assert seniority("Senior Software Engineer") == "Senior"
    assert job_function("VP of Sales") == "Sales" and seniority("VP of Sales") == "VP / Director"
    assert seniority("Co-Founder & CEO") == "Executive"
    assert job_function("Data Scientist") == "Data & Research"
    assert seniority("Accountant") == "Individual contributor"
    assert job_function(None) is None and seniority("") is None


@pytest.mark.parametrize("sample", ["network-2024", "network-2026", "excel-resave"])
def test_communities_are_stable_and_cover_everyone_but_you(sample: str) -> None:
    t = truth(sample)
    edges = [tuple(e) for e in t["edges"]]
    net = network_from_edges(t["owner"], edges)
    a = communities(net.n, net.tie_a, net.tie_b, exclude=net.owner)
    # a different tie order gives the same partition (up to the size-based numbering)
    net2 = network_from_edges(t["owner"], list(reversed(edges)))
    b = communities(net2.n, net2.tie_a, net2.tie_b, exclude=net2.owner)
    assert np.array_equal(a, b)
    assert a[net.owner] == -1
    sizes = np.bincount(a[a >= 0])
    assert (np.diff(sizes) <= 0).all() and len(sizes) > 1
    # an exporter and the people only they know share a community
    for exporter in t["exporters"][1:]:
        e = net.index_of_key[exporter]
        leaves = [
            i for i in net.adjacency.neighbours(e).tolist() if net.adjacency.neighbours(i).size == 1
        ]
        assert leaves and all(a[i] == a[e] for i in leaves)


def _db(tmp_path: Path) -> Filler:
    f = Filler(open_database(tmp_path / "g.db"))
    f.owner("me-0")
    f.person("ana-1", company="Acme Inc.", position="Senior Engineer")
    f.person("bo-2", company="ACME")
    f.person("cy-3", company="Globex", position="Head of Sales")
    f.tie("me-0", "ana-1")
    f.tie("me-0", "bo-2")
    f.tie("ana-1", "cy-3")
    return f


def test_automatic_groups_by_company(tmp_path: Path) -> None:
    f = _db(tmp_path)
    ln = load_network(f.db, today=NOW.date())
    groups = {(g.kind, g.name): g.size for g in gs.list_groups(f.db, ln)}
    companies = {name: n for (kind, name), n in groups.items() if kind == "company"}
    assert companies == {"ACME": 2, "Globex": 1}  # tie between spellings: alphabetical first
    assert groups[("company", "Globex")] == 1
    assert groups[("function", "Sales")] == 1
    assert groups[("seniority", "Senior")] == 1


def test_user_groups_crud_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _db(tmp_path)
    db = str(tmp_path / "g.db")
    assert main(["--db", db, "groups", "--create", "Mentors"]) == 0
    assert main(["--db", db, "groups", "--add", "Mentors", "ana-1", "bo-2"]) == 0
    assert main(["--db", db, "groups", "--create", "Climbing"]) == 0
    assert main(["--db", db, "groups", "--add", "Climbing", "ana-1"]) == 0  # several groups
    assert main(["--db", db, "groups", "--color", "Mentors", "#aa3300"]) == 0
    assert main(["--db", db, "groups", "--rename", "Mentors", "Advisers"]) == 0
    assert main(["--db", db, "groups", "--remove", "Advisers", "bo-2"]) == 0
    assert main(["--db", db, "groups", "--color", "Advisers", "red"]) == 1
    assert main(["--db", db, "groups", "--create", "Climbing"]) == 1
    capsys.readouterr()
    assert main(["--db", db, "groups", "--json", "--kind", "company"]) == 0
    rows = json.loads(capsys.readouterr().out)
    user = {r["name"]: r for r in rows if r["kind"] == "user"}
    assert user["Advisers"]["size"] == 1 and user["Advisers"]["color"] == "#aa3300"
    assert user["Climbing"]["size"] == 1
    assert {r["kind"] for r in rows} == {"company", "user"}
    assert main(["--db", db, "groups", "--delete", "Climbing"]) == 0
    assert [m for m in gs.members(f.db, "Advisers")] == [f.ids["ana-1"]]
    with pytest.raises(gs.GroupError):
        gs.members(f.db, "Climbing")


def test_a_colleagues_export_of_people_only_they_know_is_a_community_of_its_own() -> None:
    # network-2024: Emeka, a 2nd-degree colleague, brought 30 people nobody else knows.
    # Peeling those leaves must not make Emeka look small enough to melt into the core.
    truth = json.loads((SAMPLES / "network-2024" / "truth.json").read_text(encoding="utf-8"))
    keys = sorted({k for edge in truth["edges"] for k in edge})
    index = {k: i for i, k in enumerate(keys)}
    a = np.array([index[x] for x, _ in truth["edges"]])
    b = np.array([index[y] for _, y in truth["edges"]])
    label = communities(len(keys), a, b, exclude=index[truth["owner"]])
    emeka = int(label[index["emeka-garcía-85ef3"]])
    assert emeka != int(label[index["björn-lee-11eef"]])
    only_emeka = [k for k, d in truth["degree"].items() if d == 3]
    assert {int(label[index[k]]) for k in only_emeka} == {emeka}


def test_small_communities_join_the_neighbour_they_share_most_ties_with() -> None:
    def clique(name: str, size: int) -> list[tuple[str, str]]:
        people = [f"{name}-{i}" for i in range(size)]
        return [(x, y) for j, x in enumerate(people) for y in people[j + 1 :]]

    edges = clique("big0", 12) + clique("big1", 12) + clique("big2", 12)
    edges += [("big0-0", "big1-0"), ("big1-1", "big2-1"), ("big2-2", "big0-2")]
    for s in range(6):  # small cliques, each tied to one big one by two ties
        edges += clique(f"small{s}", 3)
        edges += [(f"small{s}-0", f"big{s % 3}-5"), (f"small{s}-1", f"big{s % 3}-6")]
    edges += [("pair-0", "pair-1")]  # tied to no other community: stays alone
    edges += [("me", f"big{c}-3") for c in range(3)] + [("me", "pair-0")]
    net = network_from_edges("me", edges)
    at = net.index_of_key
    # The fine communities: big c -> c, small s -> 10 + s, the pair -> 9.
    number = {f"big{c}": c for c in range(3)} | {f"small{s}": 10 + s for s in range(6)}
    number["pair"] = 9
    fine = np.array([number.get(k.split("-")[0], -1) for k in net.keys], dtype=np.int64)
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    merged = absorb_small(fine, net.tie_a[keep], net.tie_b[keep], keep=3, outside=2)
    for s in range(6):
        assert merged[at[f"small{s}-2"]] == merged[at[f"big{s % 3}-0"]]
    assert len({int(merged[at[f"big{c}-0"]]) for c in range(3)}) == 3  # the big stay apart
    assert merged[at["pair-0"]] == merged[at["pair-1"]] != merged[at["big0-0"]]
    assert merged[net.owner] == -1
    assert (np.diff(np.bincount(merged[merged >= 0])) <= 0).all()
    # Nothing to do when few enough people are outside the largest.
    same = absorb_small(fine, net.tie_a[keep], net.tie_b[keep], keep=3, outside=net.n)
    assert np.array_equal(same, fine)


def test_cli_groups_lists_the_largest_first_within_each_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _db(tmp_path)
    db = str(tmp_path / "g.db")
    assert main(["--db", db, "groups", "--create", "Alpha"]) == 0
    assert main(["--db", db, "groups", "--add", "Alpha", "ana-1"]) == 0
    assert main(["--db", db, "groups", "--create", "Zulu"]) == 0
    assert main(["--db", db, "groups", "--add", "Zulu", "ana-1", "bo-2"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "groups"]) == 0
    sizes: dict[str, list[int]] = {}
    kind = ""
    for line in capsys.readouterr().out.splitlines():
        if not line.startswith(" "):
            kind = line.rstrip(":")
        else:
            sizes.setdefault(kind, []).append(int(line.split()[0]))
    assert len(sizes) >= 2 and sizes["user"] == [2, 1]
    for listed in sizes.values():
        assert listed == sorted(listed, reverse=True)


def test_no_community_keeps_more_than_a_quarter_of_the_people() -> None:
    from netview.graph.groups import split_large, subcommunities

    # Community 0: four dense cliques of 30 joined in a chain (half the people); then
    # four small communities of 30.
    pairs = []
    for c in range(8):
        base = 30 * c
        pairs += [(base + i, base + j) for i in range(30) for j in range(i + 1, 30) if (i + j) % 3]
    pairs += [(29, 30), (59, 60), (89, 90)]
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    label = np.where(np.arange(240) < 120, 0, 1 + (np.arange(240) - 120) // 30)
    sub = subcommunities(label, a, b)
    assert sorted(set(sub[:120].tolist())) == [0, 1, 2, 3]  # the four cliques
    split = split_large(label, sub, most=0.25)
    sizes = np.bincount(split)
    assert sizes.max() <= 60
    # Each clique stays whole: the split runs along sub-communities.
    for c in range(4):
        assert len(set(split[30 * c : 30 * c + 30].tolist())) == 1


def test_a_star_too_large_is_split_by_company() -> None:
    """One connector's contacts, tied to nobody else, have no sub-communities to split
    along: the fallback (their companies) splits them, each company whole."""
    from netview.graph.groups import split_large

    label = np.r_[np.zeros(200, np.int64), np.ones(100, np.int64), np.full(100, 2)]
    sub = np.zeros(400, np.int64)
    company = np.r_[np.arange(200) % 4, np.full(200, -1)]
    split = split_large(label, sub, most=0.3, fallback=company)
    assert np.bincount(split).max() <= 120
    for c in range(4):
        assert len(set(split[:200][company[:200] == c].tolist())) == 1


def test_absorbing_small_communities_never_grows_one_past_the_cap() -> None:
    from netview.graph.groups import absorb_small

    # Communities of 40 and 10, and ten of 5, each of those tied most to the 40 and also
    # to the 10; keep 2, at most 5 people outside: uncapped, all but one join the 40.
    label = np.r_[np.zeros(40, np.int64), np.ones(10, np.int64), 2 + np.arange(50) // 5]
    pairs = [(50 + i, i % 40) for i in range(50)] * 2
    pairs += [(50 + i, 40 + i % 10) for i in range(50)]
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    free = absorb_small(label, a, b, keep=2, outside=5)
    assert np.bincount(free).max() == 85
    capped = absorb_small(label, a, b, keep=2, outside=5, most=0.5)
    assert np.bincount(capped).max() <= 50
    assert np.sort(np.bincount(capped))[::-1][2:].sum() <= 5  # the rest went to the 10
