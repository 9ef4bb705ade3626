"""Who connects your groups (brokers) and the shape of your network."""

from __future__ import annotations

import numpy as np

from netview.graph.brokers import brokers, shape
from netview.graph.network import network_from_edges


def _two_circles_and_a_bridge() -> tuple[list[tuple[str, str]], list[str]]:
    left = [f"l{i}" for i in range(5)]
    right = [f"r{i}" for i in range(5)]
    edges = [("me", p) for p in [*left, *right, "bridge", "loner"]]
    edges += [(a, b) for k, a in enumerate(left) for b in left[k + 1 :]]
    edges += [(a, b) for k, a in enumerate(right) for b in right[k + 1 :]]
    edges += [("bridge", "l0"), ("bridge", "r0")]
    return edges, left + right


def test_the_person_between_two_circles_connects_them() -> None:
    edges, _ = _two_circles_and_a_bridge()
    net = network_from_edges("me", edges)
    group = np.full(net.n, -1, dtype=np.int64)
    for i, key in enumerate(net.keys):
        if key.startswith("l"):
            group[i] = 0
        elif key.startswith("r"):
            group[i] = 1
    found = brokers(net, group)
    # l0 and r0 stand between the bridge and their circle, but link one group each.
    assert [net.keys[b.index] for b in found] == ["bridge"]
    assert sorted(found[0].groups) == [0, 1]
    # You are left out: you stand between everyone, which says nothing.
    assert "me" not in {net.keys[b.index] for b in found}


def test_shape_counts_ties_among_your_connections_and_islands() -> None:
    edges, _ = _two_circles_and_a_bridge()
    s = shape(network_from_edges("me", edges))
    assert s.connections == 12
    assert s.ties_among_them == 10 + 10 + 2
    assert s.alone == 1  # the loner
    assert s.components == 2  # the circles joined by the bridge, and the loner
    assert s.largest_component == 11
    assert round(s.density, 4) == round(22 / 66, 4)
