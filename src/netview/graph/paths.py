"""Introduction paths: the strongest chains of real ties from you to someone.

A path's strength is the product of its ties' strengths (so the best path is the shortest
under -log strength). Paths use the fewest hops the network allows: every hop moves one
ring outwards (you -> 1st -> 2nd -> 3rd degree), because an introduction that passes
through more people than necessary is never the one to ask for. Within that layered graph
the search is exact: a backward pass gives every node the best strength of reaching the
target, which makes a best-first enumeration yield paths in exact order of strength.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netview.graph.network import Network, _gather

# Ties built without evidence (interop files, tests) have strength 0; a floor keeps
# products comparable instead of collapsing every path to 0.
FLOOR = 1e-6
STRONG_HOP = 0.2  # a "strong path" has no hop weaker than this (strength.Weights.moderate)


@dataclass(frozen=True)
class Path:
    nodes: tuple[int, ...]  # from you to the target
    score: float

    @property
    def first_hop(self) -> int:
        return self.nodes[1]


@dataclass(frozen=True)
class Connector:
    person: int
    strong_paths: int  # paths through this person with no hop below STRONG_HOP
    paths: int  # all fewest-hop paths through this person
    best_score: float


@dataclass
class _Layers:
    target: int
    levels: list[npt.NDArray[np.int64]]  # levels[l] = people at ring l on some path
    best: dict[int, float]  # best strength from a node to the target
    count: dict[int, int]
    strong: dict[int, int]


def _layers(net: Network, target: int) -> _Layers | None:
    d = int(net.degree[target])
    if d <= 0:
        return None
    adj, deg = net.adjacency, net.degree
    strength = np.maximum(net.strength, FLOOR)
    levels: list[npt.NDArray[np.int64]] = [np.zeros(0, dtype=np.int64)] * (d + 1)
    levels[d] = np.array([target], dtype=np.int64)
    best = {target: 1.0}
    count = {target: 1}
    strong = {target: 1}
    for level in range(d - 1, -1, -1):
        children = levels[level + 1]
        pos, which = _gather(adj, children)
        nbr = adj.indices[pos]
        keep = deg[nbr] == level
        pos, which, nbr = pos[keep], which[keep], nbr[keep]
        s = strength[adj.edge[pos]]
        child_best = np.array([best[int(c)] for c in children])[which]
        child_count = np.array([count[int(c)] for c in children], dtype=np.float64)[which]
        child_strong = np.array([strong[int(c)] for c in children], dtype=np.float64)[which]
        parents, inverse = np.unique(nbr, return_inverse=True)
        pb = np.zeros(parents.size)
        np.maximum.at(pb, inverse, s * child_best)
        pc = np.zeros(parents.size)
        np.add.at(pc, inverse, child_count)
        ps = np.zeros(parents.size)
        np.add.at(ps, inverse, np.where(s >= STRONG_HOP, child_strong, 0.0))
        levels[level] = parents
        for p, vb, vc, vs in zip(
            parents.tolist(), pb.tolist(), pc.tolist(), ps.tolist(), strict=True
        ):
            best[p] = vb
            count[p] = int(vc)
            strong[p] = int(vs)
    return _Layers(target, levels, best, count, strong)


def _children(net: Network, lay: _Layers, node: int) -> list[tuple[int, float]]:
    """Next hops from `node` towards the target with the tie strength, best first."""
    nbrs = net.adjacency.neighbours(node)
    edges = net.adjacency.edges_of(node)
    level = int(net.degree[node]) + 1
    out = []
    for v, e in zip(nbrs.tolist(), edges.tolist(), strict=True):
        if v in lay.best and int(net.degree[v]) == level:
            out.append((v, max(float(net.strength[e]), FLOOR)))
    out.sort(key=lambda vs: (-vs[1] * lay.best[vs[0]], vs[0]))
    return out


def _greedy(net: Network, lay: _Layers, first: int) -> Path:
    s0 = max(net.tie_strength(net.owner, first), FLOOR)
    nodes = [net.owner, first]
    score = s0
    while nodes[-1] != lay.target:
        v, s = _children(net, lay, nodes[-1])[0]
        nodes.append(v)
        score *= s
    return Path(tuple(nodes), score)


def _enumerate(net: Network, lay: _Layers, limit: int) -> list[Path]:
    """Up to `limit` paths in exact order of strength (best-first with an exact bound)."""
    heap: list[tuple[float, tuple[int, ...], float]] = [(-lay.best[net.owner], (net.owner,), 1.0)]
    out: list[Path] = []
    pops = 0
    while heap and len(out) < limit and pops < 50_000:
        pops += 1
        _neg, nodes, prefix = heapq.heappop(heap)
        last = nodes[-1]
        if last == lay.target:
            out.append(Path(nodes, prefix))
            continue
        for v, s in _children(net, lay, last):
            p = prefix * s
            heapq.heappush(heap, (-p * lay.best[v], (*nodes, v), p))
    return out


def best_paths(net: Network, targets: list[int], k: int = 5) -> list[Path]:
    """The k strongest paths from you to any of `targets`, distinct first hops preferred.

    First every first hop's own best path is ranked; when fewer than k first hops lead to
    the targets, the next-best paths (sharing a first hop) fill the list.
    """
    candidates: list[Path] = []
    layers = [lay for t in targets if (lay := _layers(net, t)) is not None]
    for lay in layers:
        for first in lay.levels[1].tolist():
            candidates.append(_greedy(net, lay, first))
    candidates.sort(key=lambda p: (-p.score, p.nodes))
    chosen: list[Path] = []
    seen_first: set[int] = set()
    for p in candidates:
        if p.first_hop not in seen_first:
            chosen.append(p)
            seen_first.add(p.first_hop)
        if len(chosen) == k:
            return chosen
    have = {p.nodes for p in chosen}
    extra: list[Path] = []
    for lay in layers:
        extra.extend(p for p in _enumerate(net, lay, k + len(chosen)) if p.nodes not in have)
    extra.sort(key=lambda p: (-p.score, p.nodes))
    return chosen + extra[: k - len(chosen)]


def best_connectors(net: Network, targets: list[int], k: int = 5) -> list[Connector]:
    """1st-degree people through whom the most strong paths to the targets run."""
    totals: dict[int, list[float]] = {}
    for t in targets:
        lay = _layers(net, t)
        if lay is None or lay.levels[1].size == 0:
            continue
        for f in lay.levels[1].tolist():
            s0 = max(net.tie_strength(net.owner, f), FLOOR)
            row = totals.setdefault(f, [0.0, 0.0, 0.0])
            row[0] += lay.strong[f] if s0 >= STRONG_HOP else 0
            row[1] += lay.count[f]
            row[2] = max(row[2], s0 * lay.best[f])
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][2], -kv[1][1], kv[0]))
    return [Connector(f, int(r[0]), int(r[1]), r[2]) for f, r in ranked[:k]]
