from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netview.graph.groups import communities, company_groups
from netview.graph.layout import Layout, _isotonic, degree_layout
from netview.graph.network import Network, network_from_edges
from tests.graph.helpers import SAMPLE_NAMES, truth


def _sample(sample: str) -> Network:
    t = truth(sample)
    return network_from_edges(t["owner"], [tuple(e) for e in t["edges"]])


def _layout(net: Network) -> Layout:
    g = communities(net.n, net.tie_a, net.tie_b)
    return degree_layout(net, g, [f"Community {i + 1}" for i in range(int(g.max()) + 1)])


def _min_distance(p: np.ndarray) -> float:
    d = np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    return float(d.min())


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_layout_is_deterministic_rings_by_degree_no_overlaps(sample: str) -> None:
    net = _sample(sample)
    a, b = _layout(net), _layout(_sample(sample))
    assert np.array_equal(a.positions, b.positions)
    assert np.array_equal(a.sector, b.sector)
    assert a.positions[net.owner].tolist() == [0.0, 0.0]
    assert _min_distance(a.positions) >= a.node_size - 1e-9
    radius = np.hypot(a.positions[:, 0], a.positions[:, 1])
    for i, ring in enumerate(a.rings):
        members = a.ring == i
        assert (net.degree[members] == ring.degree).all()
        assert ring.count == int(members.sum())
        assert (radius[members] >= ring.radius - 1e-9).all()
        assert (radius[members] <= ring.outer + 1e-9).all()
    # rings never overlap: every 2nd-degree person is farther out than every 1st-degree one
    for inner, outer in zip(a.rings, a.rings[1:], strict=False):
        assert inner.outer < outer.radius


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_each_group_is_one_contiguous_arc_on_the_first_ring(sample: str) -> None:
    net = _sample(sample)
    lay = _layout(net)
    first = [s for s in lay.sectors if s.ring == 0]
    assert len({s.group for s in first}) == len(first)  # one arc per group
    assert sum(s.count for s in first) == lay.rings[0].count
    # every person on the ring sits in their sector's arc
    angles = np.arctan2(lay.positions[:, 1], lay.positions[:, 0])
    for i in np.nonzero(lay.ring == 0)[0].tolist():
        s = lay.sectors[int(lay.sector[i])]
        offset = (angles[i] - s.start) % (2 * math.pi)
        assert offset <= s.end - s.start + 1e-9


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_everyone_hangs_from_a_connector_one_ring_in(sample: str) -> None:
    net = _sample(sample)
    lay = _layout(net)
    for i in range(net.n):
        p = int(lay.parent[i])
        if i == net.owner or net.degree[i] < 0:
            assert p == -1
        elif net.degree[i] == 1:
            assert p == net.owner
        else:
            assert p in net.connectors(i).tolist()


def test_outer_rings_sit_near_their_connectors() -> None:
    net = _sample("network-2024")
    lay = _layout(net)
    who, conn = net.connector_table()
    ang = np.arctan2(lay.positions[:, 1], lay.positions[:, 0])
    gap = np.abs((ang[who] - ang[conn] + math.pi) % (2 * math.pi) - math.pi)
    # random placement would average pi/2
    assert float(np.median(gap)) < math.pi / 8


def test_crowded_ring_spreads_over_subrings_without_overlap() -> None:
    edges = [("me-0", f"p-{i}") for i in range(400)]
    edges += [(f"p-{i}", f"q-{i}") for i in range(400)]
    net = network_from_edges("me-0", edges)
    companies = [f"C{i % 7}" if i % 5 else None for i in range(net.n)]
    g, labels = company_groups(companies)
    lay = degree_layout(net, g, labels)
    assert lay.rings[0].subrings > 1
    assert _min_distance(lay.positions) >= lay.node_size - 1e-9
    assert {s.label for s in lay.sectors} == {*labels, "Other"}


def _pav(z: list[float]) -> list[float]:
    """Pool adjacent violators, one value at a time: the textbook version."""
    blocks: list[list[float]] = []
    for v in z:
        blocks.append([v])
        while len(blocks) > 1 and sum(blocks[-2]) / len(blocks[-2]) > sum(blocks[-1]) / len(
            blocks[-1]
        ):
            last = blocks.pop()
            blocks[-1].extend(last)
    return [sum(b) / len(b) for b in blocks for _ in b]


@given(st.lists(st.integers(-20, 20), max_size=60))
@settings(max_examples=200, deadline=None)
def test_isotonic_fit_matches_pool_adjacent_violators(values: list[int]) -> None:
    z = np.array(values, dtype=np.float64)
    fit = _isotonic(z)
    assert np.allclose(fit, _pav([float(v) for v in values]))
    assert (np.diff(fit) >= -1e-9).all()


def _ring_overlaps(pos: np.ndarray, size: float) -> int:
    """Pairs of neighbouring dots on one sub-ring closer than a dot's size."""
    r = np.round(np.hypot(pos[:, 0], pos[:, 1]), 6)
    bad = 0
    for radius in np.unique(r):
        if radius == 0:
            continue
        a = np.sort(np.arctan2(pos[r == radius, 1], pos[r == radius, 0]))
        if a.size < 2:
            continue
        step = np.diff(np.r_[a, a[0] + 2 * math.pi])
        bad += int((2 * radius * np.sin(step / 2) < size - 1e-6).sum())
    return bad


def test_a_ring_of_thousands_of_small_families_keeps_everyone_beside_their_parent() -> None:
    # A team's network: the 3rd ring is teammates' contacts, thousands of small families
    # (one or two people from each 2nd-degree person) and one teammate's whole archive.
    # A slot between every two families would not fit round the ring; the packing used to
    # drag people tens of degrees from their parents.
    edges = [("me", f"a{i}") for i in range(30)]
    edges += [(f"a{i}", f"b{i}-{j}") for i in range(30) for j in range(150)]
    edges += [(f"b{i}-{j}", f"c{i}-{j}-{k}") for i in range(30) for j in range(150)
              for k in range(1 + (i + j) % 2)]  # fmt: skip
    edges += [("b3-7", f"t{k}") for k in range(3000)]
    net = network_from_edges("me", edges)
    lay = _layout(net)
    third = np.flatnonzero(net.degree == 3)
    assert third.size > 9000
    ang = np.arctan2(lay.positions[:, 1], lay.positions[:, 0])
    gap = np.degrees(
        np.abs((ang[third] - ang[lay.parent[third]] + math.pi) % (2 * math.pi) - math.pi)
    )
    assert float(np.mean(gap <= 25.0)) > 0.99, np.percentile(gap, [50, 95, 100])
    assert _ring_overlaps(lay.positions[third], lay.node_size) == 0
