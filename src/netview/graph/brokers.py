"""Who connects your groups: brokers by betweenness on the tie graph, and the network's shape.

You are left out: you are tied to every one of your connections, so you would stand between
everyone and hide who else bridges your circles. Betweenness (Brandes) is exact up to
EXACT_UP_TO people and estimated from PIVOTS sampled sources beyond, with a fixed seed so the
same network gives the same ranking. It runs in igraph's compiled code: networkx's pure Python
took 14 s at 10,000 people for the same estimate, 75 times igraph (benchmarks/brokers_speed.py,
docs/architecture.md). networkx keeps the small graph of your connections for the shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import igraph
import networkx as nx
import numpy as np
import numpy.typing as npt

from netview.graph.network import Network

EXACT_UP_TO = 2_000
PIVOTS = 256
SEED = 7


def betweenness(net: Network) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The people tied to someone other than you, and their betweenness relative to the
    highest (1); nothing when nobody is between anyone."""
    none = (np.zeros(0, np.int64), np.zeros(0, np.float64))
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    a, b = net.tie_a[keep], net.tie_b[keep]
    people = np.unique(np.concatenate([a, b]))
    if people.size < 3:
        return none
    # igraph numbers vertices 0..n-1: only the people tied to someone other than you.
    graph = igraph.Graph(
        n=int(people.size),
        edges=np.column_stack([np.searchsorted(people, a), np.searchsorted(people, b)]).tolist(),
    )
    sources = None
    if people.size > EXACT_UP_TO:
        rng = np.random.default_rng(SEED)
        sources = np.sort(rng.choice(people.size, size=PIVOTS, replace=False)).tolist()
    raw = np.asarray(graph.betweenness(directed=False, sources=sources), dtype=np.float64)
    top = float(raw.max()) if raw.size else 0.0
    if top <= 0:
        return none
    return people.astype(np.int64), raw / top


@dataclass(frozen=True)
class Broker:
    index: int
    score: float  # betweenness relative to the highest, 0..1
    groups: list[int]  # the groups (communities) of the people they are tied to, largest first


def brokers(net: Network, group: npt.NDArray[np.int64], top: int = 10) -> list[Broker]:
    """The people between your groups: highest betweenness first, among those tied into at
    least two groups (someone central inside one group connects nothing)."""
    out: list[Broker] = []
    for i, score in _by_score(net, *betweenness(net)):
        nbrs = [j for j in net.adjacency.neighbours(i).tolist() if j != net.owner]
        counts: dict[int, int] = {}
        for j in nbrs:
            g = int(group[j])
            if g >= 0:
                counts[g] = counts.get(g, 0) + 1
        own = int(group[i])
        if own >= 0:
            counts[own] = counts.get(own, 0) + 1
        if len(counts) < 2:
            continue
        out.append(Broker(i, float(score), sorted(counts, key=lambda g: (-counts[g], g))))
        if len(out) >= top:
            break
    return out


def _by_score(
    net: Network, people: npt.NDArray[np.int64], scores: npt.NDArray[np.float64]
) -> Iterator[tuple[int, float]]:
    """(person, score) with a score above 0, highest first, equal scores by key: in that
    order only as far as the caller reads (sorting all 60,000 people's scores, keys and all,
    took a fifth of Insights' read at start-up)."""
    order = np.argsort(-scores, kind="stable")
    start = 0
    while start < order.size and scores[order[start]] > 0:
        score = scores[order[start]]
        end = start
        while end < order.size and scores[order[end]] == score:
            end += 1
        same = sorted(order[start:end].tolist(), key=lambda k: net.keys[int(people[k])])
        for k in same:
            yield int(people[k]), float(score)
        start = end


@dataclass(frozen=True)
class Shape:
    """The shape of your network around you."""

    connections: int  # your 1st degree
    ties_among_them: int  # ties between two of your connections
    density: float  # ties_among_them over every possible pair of connections
    alone: int  # connections tied to nobody else you know
    components: int  # islands among your connections (without you), alone ones included
    largest_component: int  # people in the largest island


def shape(net: Network) -> Shape:
    first = np.flatnonzero(np.asarray(net.degree) == 1)
    mine = np.zeros(net.n, dtype=np.bool_)
    mine[first] = True
    among = mine[net.tie_a] & mine[net.tie_b]
    graph = nx.Graph()
    graph.add_nodes_from(first.tolist())
    graph.add_edges_from(zip(net.tie_a[among].tolist(), net.tie_b[among].tolist(), strict=True))
    n = int(first.size)
    m = int(among.sum())
    parts = [len(c) for c in nx.connected_components(graph)] if n else []
    return Shape(
        connections=n,
        ties_among_them=m,
        density=(2.0 * m / (n * (n - 1))) if n > 1 else 0.0,
        alone=sum(1 for i in first.tolist() if graph.degree(i) == 0),
        components=len(parts),
        largest_component=max(parts, default=0),
    )
