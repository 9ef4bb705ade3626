"""Who connects your groups: brokers by betweenness on the tie graph, and the network's shape.

You are left out: you are tied to every one of your connections, so you would stand between
everyone and hide who else bridges your circles. Betweenness is networkx's (Brandes), exact
up to EXACT_UP_TO people and estimated from PIVOTS sampled sources beyond, with a fixed seed
so the same network gives the same ranking (docs/architecture.md has the timings).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

from netview.graph.network import Network

EXACT_UP_TO = 2_000
PIVOTS = 256
SEED = 7


def _tie_graph(net: Network) -> nx.Graph:
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    graph = nx.Graph()
    graph.add_edges_from(zip(net.tie_a[keep].tolist(), net.tie_b[keep].tolist(), strict=True))
    return graph


def betweenness(net: Network) -> dict[int, float]:
    """Normalised betweenness (0..1) of everyone tied to someone other than you."""
    graph = _tie_graph(net)
    n = graph.number_of_nodes()
    if n < 3:
        return {}
    k = None if n <= EXACT_UP_TO else PIVOTS
    found: dict[int, float] = nx.betweenness_centrality(graph, k=k, seed=SEED)
    return found


@dataclass(frozen=True)
class Broker:
    index: int
    score: float  # betweenness, 0..1
    groups: list[int]  # the groups (communities) of the people they are tied to, largest first


def brokers(net: Network, group: npt.NDArray[np.int64], top: int = 10) -> list[Broker]:
    """The people between your groups: highest betweenness first, among those tied into at
    least two groups (someone central inside one group connects nothing)."""
    scores = betweenness(net)
    out = []
    for i, score in sorted(scores.items(), key=lambda t: (-t[1], net.keys[t[0]])):
        if score <= 0:
            break
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
