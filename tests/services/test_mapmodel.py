from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.samples import sample_zips

from netview.graph.groups import company_groups
from netview.graph.layout import degree_layout
from netview.graph.network import Network, make_network
from netview.services.importing.demo import fill_demo
from netview.services.mapping.mapmodel import (
    MAX_COLOURED_GROUPS,
    ONLY_YOU,
    OTHER,
    OTHERS,
    MapFilters,
    MapModel,
    build_map_model,
    community_names,
    load_map_model,
)
from netview.store.db import open_database
from netview.store.importing import me_id


def network(
    people: list[tuple[str, str]], ties: list[tuple[int, int]], titles: list[str] | None = None
) -> Network:
    """People by index (0 = you), with names and companies; ties between indices."""
    n = len(people)
    pairs = sorted({(min(a, b), max(a, b)) for a, b in ties})
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    return make_network(
        np.arange(1, n + 1, dtype=np.int64),
        [f"key-{i}" for i in range(n)],
        [name for name, _ in people],
        [company or None for _, company in people],
        titles or [None] * n,
        0,
        a,
        b,
        np.linspace(0.1, 0.9, len(pairs)),
    )


def by_company(net: Network, **kwargs: object) -> MapModel:
    index, labels = company_groups(net.companies)
    index[net.owner] = -1
    return build_map_model(net, index, labels, grouping="company", **kwargs)  # type: ignore[arg-type]


def office() -> Network:
    """You; 1st: 1-6 at Acme, 7-12 at Globex; 2nd: 13-18 via Acme people; 3rd: 19."""
    people = [("Me Myself", "")]
    people += [(f"Acme Person {i}", "Acme") for i in range(1, 7)]
    people += [(f"Globex Person {i}", "Globex Inc.") for i in range(7, 13)]
    people += [(f"Friend {i}", "Initech") for i in range(13, 19)]
    people += [("Jonas Banerjee", "Far Away Ltd")]
    ties = [(0, i) for i in range(1, 13)] + [(i - 12, i) for i in range(13, 19)] + [(13, 19)]
    ties += [(1, 2), (2, 3), (7, 8)]
    return network(people, ties, [""] * 13 + ["Engineer"] * 6 + ["Chief Dreamer"])


def test_positions_rings_and_sectors_are_the_analytics_layout() -> None:
    net = office()
    index, labels = company_groups(net.companies)
    index[0] = -1
    model = build_map_model(net, index, labels, grouping="company")
    layout = degree_layout(net, index, labels)
    assert np.allclose(model.xy, layout.positions)
    assert model.degree_counts() == {1: 12, 2: 6, 3: 1, 4: 0}
    assert [(r.degree, r.count) for r in model.rings] == [(1, 12), (2, 6), (3, 1)]
    assert [r.label for r in model.rings] == ["1st · 12", "2nd · 6", "3rd · 1"]
    # Each ring's people sit between its inner and outer radius.
    radius = np.hypot(model.xy[:, 0], model.xy[:, 1])
    for ring in model.rings:
        on = radius[model.degree == ring.degree]
        assert (on >= ring.radius - 1e-9).all() and (on <= ring.outer + 1e-9).all()
    assert model.owner_index == 0 and radius[0] == 0


def test_a_group_shares_one_colour_one_legend_entry_and_a_label_on_its_arc() -> None:
    model = by_company(office())
    acme = model.group_names.index("Acme")
    members = np.flatnonzero(model.group == acme)
    assert sorted(members.tolist()) == [1, 2, 3, 4, 5, 6]
    assert len({tuple(c) for c in model.colors[members, :3].tolist()}) == 1
    assert {e.name: e.count for e in model.legend}["Acme"] == 6
    label = next(s for s in model.sector_labels if s.text == "Acme")
    angles = np.arctan2(model.xy[members, 1], model.xy[members, 0]) % (2 * math.pi)
    # The label's angle is inside the arc its people span: not in the widest empty
    # stretch of the circle between two of them.
    a = np.sort(angles)
    gaps = np.diff(np.r_[a, a[0] + 2 * math.pi])
    k = int(np.argmax(gaps))
    into_gap = (label.angle - a[k]) % (2 * math.pi)
    assert not 0.05 < into_gap < gaps[k] - 0.05
    # Different groups get different colours.
    globex = model.group_names.index("Globex Inc.")
    assert tuple(model.group_colors[acme]) != tuple(model.group_colors[globex])


def test_groups_too_small_to_see_are_grey_other() -> None:
    model = by_company(office())
    far = model.group[19]
    assert model.group_names[far] == OTHER  # one person at Far Away Ltd
    assert "Far Away Ltd" not in [e.name for e in model.legend]


def test_filters_hide_people_and_always_keep_you() -> None:
    model = by_company(office())
    assert model.visible.sum() == 20
    model.apply_filters(MapFilters(degrees=frozenset({1})))
    assert np.flatnonzero(model.visible).tolist() == list(range(13))
    model.apply_filters(MapFilters(degrees=frozenset({1, 2, 3}), company="GLOBEX"))
    assert np.flatnonzero(model.visible).tolist() == [0, *range(7, 13)]
    model.apply_filters(MapFilters(group="Initech"))
    assert np.flatnonzero(model.visible).tolist() == [0, *range(13, 19)]
    model.apply_filters(MapFilters(followup_due=frozenset({"key-4", "key-19"})))
    assert np.flatnonzero(model.visible).tolist() == [0, 4, 19]
    model.apply_filters(MapFilters(degrees=frozenset({2}), followup_due=frozenset({"key-4"})))
    assert np.flatnonzero(model.visible).tolist() == [0]


def test_search_forgives_typos_and_ranks_the_right_person_first() -> None:
    model = by_company(office())
    assert model.search("jnas banerje")[0] == 19
    assert model.search("Globex Person 9")[0] == 9
    assert model.search("") == [] and model.search("zzzzqqqq") == []


def test_tooltip_names_position_company_degree_and_connectors() -> None:
    model = by_company(office())
    text = model.describe(19).splitlines()
    assert text == [
        "Jonas Banerjee",
        "Chief Dreamer",
        "Far Away Ltd",
        "3rd degree",
        "Via Friend 13",
    ]
    assert model.describe(13).splitlines()[-1] == "Via Acme Person 1"
    assert "1st degree" in model.describe(2)


def test_size_by_strength_or_centrality() -> None:
    model = by_company(office())
    first = np.flatnonzero(model.degree == 1)
    strongest = first[np.argmax(model.strength_to_you[first])]
    weakest = first[np.argmin(model.strength_to_you[first])]
    assert model.sizes[strongest] > model.sizes[weakest]
    model.set_size_by("centrality")
    # Acme Person 2 has the most ties (you, 1, 3, Friend 14): the largest after you.
    assert int(np.argsort(-model.sizes)[1]) == 2


def test_communities_are_named_by_their_company_or_their_hub() -> None:
    net = office()
    index = np.full(net.n, -1, np.int64)
    index[1:7] = 0  # Acme people
    index[13:20] = 1  # Initech friends and Jonas: Friend 13 is the best connected
    names = community_names(index, ["Community 1", "Community 2"], net)
    assert names[0] == "Acme"
    assert names[1] == "Initech"  # 6 of 7 work there
    index[13:20] = -1
    index[[7, 8, 19]] = 1  # two Globex and one other: company still names it
    assert community_names(index, ["C1", "C2"], net)[1] == "Globex Inc."


def test_a_community_of_many_companies_is_named_by_its_hubs_plain_name() -> None:
    base = office()
    people = [(base.names[i], base.companies[i] or "") for i in range(base.n)]
    people[13] = ("Dr. Emily Walker, MBA (She/Her) \U0001f31f", "Initech")
    ties = [(int(a), int(b)) for a, b in zip(base.tie_a, base.tie_b, strict=True)]
    net = network(people, ties)
    index = np.full(net.n, -1, np.int64)
    # four companies, one each: no company speaks for it; 13 is tied to 1 and 19 in it
    index[[1, 7, 13, 19]] = 0
    index[[8, 9]] = 1
    names = community_names(index, ["Community 1", "Community 2"], net)
    assert names == ["Emily Walker's circle", "Globex Inc."]


def test_a_community_whose_hub_has_no_name_to_show_is_named_after_the_next() -> None:
    """Issue 21.7: a hub called "☕" (or known only by an id) left "Community 1" on the map."""
    base = office()
    people = [(base.names[i], base.companies[i] or "") for i in range(base.n)]
    people[13] = ("\u2615", "Initech")  # the most central: a name of one emoji
    ties = [(int(a), int(b)) for a, b in zip(base.tie_a, base.tie_b, strict=True)]
    net = network(people, ties)
    index = np.full(net.n, -1, np.int64)
    index[[1, 7, 13, 19]] = 0
    index[[8, 9]] = 1
    names = community_names(index, ["Community 1", "Community 2"], net)
    assert not names[0].startswith("Community") and names[0].endswith("'s circle")
    assert names[0] != "'s circle"
    # The next most central member by the same rule: most ties inside, 1st degree first.
    hubs = [i for i in (1, 7, 19) if names[0] == f"{net.names[i]}'s circle"]
    assert len(hubs) == 1


def test_a_shared_picture_does_not_name_a_group_after_someone_left_out() -> None:
    base = office()
    people = [(base.names[i], base.companies[i] or "") for i in range(base.n)]
    people[13] = ("Emily Walker, MBA", "Initech")
    ties = [(int(a), int(b)) for a, b in zip(base.tie_a, base.tie_b, strict=True)]
    net = network(people, ties)
    index = np.full(net.n, -1, np.int64)
    index[[1, 7, 13, 19]] = 0
    labels = community_names(index, ["Community 1"], net)
    assert labels == ["Emily Walker's circle"]
    model = build_map_model(net, index, labels)
    keep = {int(model.person_ids[i]): ("x", "") for i in (1, 7, 19)}
    shared = model.restricted(keep)
    assert not any("Emily" in name for name in shared.group_names)
    assert not any("Emily" in s.text for s in shared.sector_labels)


def test_load_map_model_reads_the_demo_with_communities(tmp_path: Path) -> None:
    db = open_database(tmp_path / "demo.db")
    try:
        fill_demo(db, people=300)
        model = load_map_model(db)
        assert model.grouping == "community"
        with db.session() as session:
            me = me_id(session)
        assert len(model) == 301 and model.owner_index is not None
        assert int(model.person_ids[model.owner_index]) == me  # the demo owner, you
        assert sum(model.degree_counts().values()) == 300
        # Three colleagues' exports: one community around each, and your own connections
        # none of them knows; every person shown is counted once, nobody falls to "Other".
        linkedin = load_map_model(db, evidence=False)
        names = [e.name for e in linkedin.legend]
        assert len(names) == 4 and names[3] == "Known only to you"
        assert all(name.endswith("'s circle") for name in names[:3])
        assert sum(e.count for e in linkedin.legend) == 300
        assert all(e.count >= 80 for e in linkedin.legend[:3])
        # The demo owner's calendar and mailbox tie some of those connections to each other:
        # they form small communities of their own, out of "Known only to you".
        names = [e.name for e in model.legend]
        assert names[:3] == [e.name for e in model.legend if e.name.endswith("'s circle")]
        assert "Known only to you" in names and len(names) > 4
        own = {e.name: e.count for e in model.legend[3:]}
        assert own["Known only to you"] < linkedin.legend[3].count
        assert sum(own.values()) == linkedin.legend[3].count + (
            sum(e.count for e in linkedin.legend[:3]) - sum(e.count for e in model.legend[:3])
        )
        assert sum(e.count for e in model.legend) == 300
        by_company_model = load_map_model(db, by="company")
        assert by_company_model.grouping == "company"
        assert not np.allclose(by_company_model.xy, model.xy)
    finally:
        db.dispose()


def test_an_empty_database_gives_an_empty_map(tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.db")
    try:
        assert len(load_map_model(db)) == 0
    finally:
        db.dispose()


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 50),
    pairs=st.lists(st.tuples(st.integers(0, 49), st.integers(0, 49)), max_size=120),
)
def test_any_network_gives_a_drawable_model(n: int, pairs: list[tuple[int, int]]) -> None:
    ties = [(a, b) for a, b in pairs if a != b and a < n and b < n]
    net = network([(f"P{i}", f"Co{i % 3}") for i in range(n)], ties)
    model = by_company(net)
    assert len(model) == n and np.isfinite(model.xy).all()
    assert len(model.edges) == len({(min(a, b), max(a, b)) for a, b in ties})
    assert model.visible[0] and (model.degree[model.visible] < OTHERS).all()
    assert len(model.colors) == n and (model.sizes > 0).all()
    assert sum(e.count for e in model.legend) == int(
        ((model.degree > 0) & (model.degree < 4)).sum()
    )


def test_your_own_archive_alone_is_coloured_by_job_function(tmp_path: Path) -> None:
    # With no colleague's export there are no communities to find: every tie is yours. A
    # first-time user should still see coloured, named arcs rather than one grey ring.
    from netview.services.importing.importer import import_paths

    sample = Path(__file__).parents[1] / "fixtures" / "samples" / "network-2026"
    db = open_database(tmp_path / "one.db")
    import_paths(db, [next(sample.glob("me__*.zip"))])
    model = load_map_model(db)
    db.dispose()
    assert model.grouping == "function"
    coloured = [e for e in model.legend if e.name != "Other"]
    # The sample owner's connections by their titles, largest first.
    assert [e.name for e in coloured] == [
        "Engineering", "Founder / Executive", "Data & Research", "Sales", "Marketing",
    ]  # fmt: skip
    assert {s.text.split(" · ")[0] for s in model.sector_labels} & {e.name for e in coloured}


def test_connections_no_colleague_knows_are_one_named_group(tmp_path: Path) -> None:
    from netview.services.importing.importer import import_paths
    from netview.services.mapping.mapmodel import ONLY_YOU

    db = open_database(tmp_path / "net.db")
    import_paths(db, sample_zips("network-2024"))
    model = load_map_model(db)
    db.dispose()
    assert model.grouping == "community"
    net = model.net
    assert net is not None
    ties = np.bincount(net.tie_a, minlength=net.n) + np.bincount(net.tie_b, minlength=net.n)
    alone = {net.keys[i] for i in np.flatnonzero((ties == 1) & (net.degree == 1))}
    assert len(alone) == 36
    group = model.group_names.index(ONLY_YOU)
    assert {model.keys[i] for i in np.flatnonzero(model.group == group)} == alone
    assert [e.count for e in model.legend if e.name == ONLY_YOU] == [36]


def test_tree_parent_is_the_strongest_connector_one_ring_in() -> None:
    net = office()
    # 14 is reached through 2 (strength of (2, 14)) and also tied to 1 below: the stronger
    # tie names the parent.
    people = [(net.names[i], net.companies[i] or "") for i in range(net.n)]
    ties = [(0, i) for i in range(1, 13)] + [(i - 12, i) for i in range(13, 19)] + [(13, 19)]
    ties += [(1, 2), (2, 3), (7, 8), (1, 14)]
    strong = network(people, ties)
    model = by_company(strong)
    parent = model.tree_parent
    assert len(parent) == len(model)
    assert parent[0] == -1
    assert (parent[1:13] == 0).all()
    k_own = strong.tie_index(2, 14)
    k_other = strong.tie_index(1, 14)
    assert k_own is not None and k_other is not None
    stronger = 2 if strong.strength[k_own] > strong.strength[k_other] else 1
    assert parent[14] == stronger
    assert [int(parent[i]) for i in (13, 15, 16, 17, 18)] == [1, 3, 4, 5, 6]
    assert parent[19] == 13
    # Every parent sits one ring in.
    has = parent >= 0
    assert (model.degree[has] == model.degree[parent[has]] + 1).all()


def test_a_shared_picture_hangs_nobody_from_a_person_left_out() -> None:
    model = by_company(office())
    keep = {int(model.person_ids[i]): ("x", "") for i in range(1, 19) if i != 1}
    shared = model.restricted(keep)
    assert shared.tree_parent[13] == -1  # hung from person 1, who is left out
    assert shared.tree_parent[1] == -1
    assert shared.tree_parent[14] == 2


def test_known_only_to_you_keeps_a_colour_among_many_communities() -> None:
    # You know 12 groups of 10 people (one colleague each) and 5 people nobody else knows.
    people = [("Me", "")]
    ties = []
    for g in range(12):
        hub = len(people)
        people.append((f"Hub {g}", ""))
        ties.append((0, hub))
        for k in range(9):
            ties.append((hub, len(people)))
            people.append((f"Member {g}-{k}", ""))
    alone = list(range(len(people), len(people) + 5))
    people += [(f"Alone {k}", "") for k in range(5)]
    ties += [(0, i) for i in alone]
    net = network(people, ties)
    index = np.full(net.n, -1, np.int64)
    for g in range(12):
        index[1 + 10 * g : 11 + 10 * g] = g
    index[alone] = 12
    labels = [f"Circle {g}" for g in range(12)] + [ONLY_YOU]
    model = build_map_model(net, index, labels)
    assert ONLY_YOU in model.group_names
    assert len(model.group_names) == MAX_COLOURED_GROUPS + 1  # and Other
    assert model.group_names[model.group[alone[0]]] == ONLY_YOU


def test_the_outer_ring_and_its_people_are_said_plainly() -> None:
    """Issue 21.7: the outer ring read "Not connected · 2", which was neither plain nor true of
    someone four steps away; it is "Further", as the filter that shows it says."""
    base = office()
    people = [(base.names[i], base.companies[i] or "") for i in range(base.n)]
    people += [("Far Friend", ""), ("Stranger Alone", "")]  # 4 steps away; no path at all
    ties = [(int(a), int(b)) for a, b in zip(base.tie_a, base.tie_b, strict=True)]
    ties.append((19, base.n))  # Jonas (3rd) knows Far Friend
    model = by_company(network(people, ties))
    outer = [r for r in model.rings if r.degree == OTHERS]
    assert outer and all(r.label == f"Further · {r.count}" for r in outer)
    assert sum(r.count for r in outer) == 2
    for i in (base.n, base.n + 1):
        assert model.degree_text(i) == "Further than 3 steps from you"
    assert all("connected" not in r.label for r in model.rings)
