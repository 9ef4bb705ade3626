"""The map as a radial tree on demo networks: outer people sit beside their connectors, and
the default colouring leaves few people grey."""

from __future__ import annotations

import math

import numpy as np
import pytest

from netview.demo import generate_archives
from netview.graph.layout import Layout
from netview.services.importing.importer import import_paths
from netview.services.mapping.layout import network_layout
from netview.services.mapping.mapmodel import OTHER, load_map_model
from netview.services.network import LoadedNetwork, load_network
from netview.services.people.groups import automatic
from netview.store.db import Database, open_database

# name: (people, archives; None lets the demo choose, 12 makes it colleague-heavy)
DEMOS = {"400": (400, None), "3000": (3000, None), "colleagues": (2000, 12)}


@pytest.fixture(scope="module", params=sorted(DEMOS))
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Database:
    people, archives = DEMOS[request.param]
    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    paths = generate_archives(folder / "zips", people, 7, archives=archives)
    db = open_database(folder / "demo.db")
    import_paths(db, paths)
    return db


def _near_a_connector(ln: LoadedNetwork, layout: Layout, degree: int) -> float:
    """Share of the people of `degree` within 25 degrees of some connector one ring in."""
    net = ln.net
    who, conn = net.connector_table()
    angle = np.arctan2(layout.positions[:, 1], layout.positions[:, 0])
    apart = np.abs((angle[who] - angle[conn] + math.pi) % (2 * math.pi) - math.pi)
    near = np.zeros(net.n, dtype=np.bool_)
    np.logical_or.at(near, who, apart <= math.radians(25))
    ring = net.degree == degree
    assert ring.sum() > 50  # the demo has people on that ring to judge by
    return float(near[ring].mean())


def test_outer_people_sit_within_25_degrees_of_a_connector(demo: Database) -> None:
    ln = load_network(demo)
    for by in ("community", "company"):
        layout = network_layout(demo, ln, by=by)
        assert _near_a_connector(ln, layout, 2) >= 0.95
        assert _near_a_connector(ln, layout, 3) >= 0.95


def test_each_branch_keeps_its_wedge(demo: Database) -> None:
    """The people hanging from one colleague stay in one wedge, not round the circle."""
    ln = load_network(demo)
    layout = network_layout(demo, ln)
    angle = np.arctan2(layout.positions[:, 1], layout.positions[:, 0])
    parent = layout.parent
    second = np.flatnonzero(ln.net.degree == 2)
    for p in np.unique(parent[second]).tolist():
        children = second[parent[second] == p]
        if children.size < 20:
            continue
        apart = np.abs((angle[children] - angle[p] + math.pi) % (2 * math.pi) - math.pi)
        assert math.degrees(float(apart.max())) <= 25


def test_default_colouring_leaves_few_people_grey(demo: Database) -> None:
    model = load_map_model(demo)
    assert model.grouping == "community"
    inside = (model.degree > 0) & (model.degree < 4)
    grey = model.group == model.group_names.index(OTHER)
    assert grey[inside].mean() <= 0.15


def test_community_names_are_the_same_on_the_map_and_in_groups(demo: Database) -> None:
    ln = load_network(demo)
    _index, labels = automatic(demo, ln, "community")
    model = load_map_model(demo)
    shown = [n for n in model.group_names if n != OTHER]
    assert shown and set(shown) <= set(labels)
    assert not any(n.startswith("Community ") for n in shown)
    for name in shown:
        # plain names: no credentials after a comma, no pronouns, no emoji
        assert "," not in name and "(" not in name.replace(" (2)", "")
        assert all(ch.isascii() or ch.isalpha() or ch in " .'&-" for ch in name), name


def test_no_two_people_closer_than_the_node_size(demo: Database) -> None:
    layout = network_layout(demo, load_network(demo))
    p = layout.positions
    closest = np.inf
    for start in range(0, len(p), 500):
        chunk = p[start : start + 500]
        d = np.hypot(chunk[:, None, 0] - p[None, :, 0], chunk[:, None, 1] - p[None, :, 1])
        d[np.arange(len(chunk)), np.arange(start, start + len(chunk))] = np.inf
        closest = min(closest, float(d.min()))
    assert closest >= layout.node_size - 1e-9


def test_the_angle_left_over_lies_between_the_groups(
    demo: Database, request: pytest.FixtureRequest
) -> None:
    """The branches use the whole disc: where one group ends and the next begins on the 1st
    ring there is a gap, the gaps alike (not one missing quarter), and every quarter of the
    disc holds people."""
    if request.node.callspec.params["demo"] == "colleagues":
        pytest.skip("twelve big branches need the whole circle: no angle is left over")
    ln = load_network(demo)
    layout = network_layout(demo, ln)
    first = np.flatnonzero(ln.net.degree == 1)
    group = np.array([s.group for s in layout.sectors])[layout.sector[first]]
    angle = np.degrees(np.arctan2(layout.positions[first, 1], layout.positions[first, 0])) % 360
    o = np.argsort(angle)
    gaps = np.diff(np.r_[angle[o], angle[o][0] + 360])
    change = group[o] != np.roll(group[o], -1)
    between = gaps[change]
    assert between.size >= 3
    assert between.max() <= 2 * between.min()
    # a gap between groups is wider than the room of a dot inside one
    assert between.min() > 2 * float(np.median(gaps[~change]))
    inside = (ln.net.degree >= 1) & (ln.net.degree <= 3)
    a = np.arctan2(layout.positions[inside, 1], layout.positions[inside, 0]) % (2 * math.pi)
    quarter = np.bincount((a // (math.pi / 2)).astype(np.int64), minlength=4)
    assert quarter.min() >= 0.03 * inside.sum()
