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

from netview.graph.network import IntArray, Network, _gather

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
    """The fewest-hop paths from you to a set of targets, summed up per person.

    Dense arrays by person index: best = strongest product from that person to a target
    (1 for a target itself), count / strong = number of such paths (strong: no hop below
    STRONG_HOP), member = lies on one. A path ends at the first target it reaches: going on
    through a target can only weaken it.
    """

    levels: list[IntArray]
    best: npt.NDArray[np.float64]
    count: npt.NDArray[np.float64]
    strong: npt.NDArray[np.float64]
    member: npt.NDArray[np.bool_]
    is_target: npt.NDArray[np.bool_]


def _layers(net: Network, targets: list[int]) -> _Layers | None:
    tg = np.unique(np.asarray(targets, dtype=np.int64))
    tg = tg[net.degree[tg] > 0] if tg.size else tg
    if tg.size == 0:
        return None
    adj, deg, n = net.adjacency, net.degree, net.n
    strength = np.maximum(net.strength, FLOOR)
    top = int(deg[tg].max())
    best = np.zeros(n)
    count = np.zeros(n)
    strong = np.zeros(n)
    member = np.zeros(n, dtype=np.bool_)
    is_target = np.zeros(n, dtype=np.bool_)
    is_target[tg] = True
    best[tg] = count[tg] = strong[tg] = 1.0
    member[tg] = True
    levels: list[IntArray] = [np.zeros(0, dtype=np.int64)] * (top + 1)
    levels[top] = tg[deg[tg] == top]
    for level in range(top - 1, -1, -1):
        children = levels[level + 1]
        pos, which = _gather(adj, children)
        nbr = adj.indices[pos]
        keep = (deg[nbr] == level) & ~is_target[nbr]
        pos, nbr, child = pos[keep], nbr[keep], children[which[keep]]
        s = strength[adj.edge[pos]]
        np.maximum.at(best, nbr, s * best[child])
        np.add.at(count, nbr, count[child])
        np.add.at(strong, nbr, np.where(s >= STRONG_HOP, strong[child], 0.0))
        here = np.union1d(nbr, tg[deg[tg] == level])
        member[here] = True
        levels[level] = here
    return _Layers(levels, best, count, strong, member, is_target)


def _children(net: Network, lay: _Layers, node: int) -> list[tuple[int, float]]:
    """Next hops from `node` towards a target with the tie strength, best first."""
    nbrs = net.adjacency.neighbours(node)
    edges = net.adjacency.edges_of(node)
    keep = lay.member[nbrs] & (net.degree[nbrs] == net.degree[node] + 1)
    s = np.maximum(net.strength[edges[keep]], FLOOR)
    out = list(zip(nbrs[keep].tolist(), s.tolist(), strict=True))
    out.sort(key=lambda vs: (-vs[1] * lay.best[vs[0]], vs[0]))
    return out


def _greedy(net: Network, lay: _Layers, first: int) -> Path:
    score = max(net.tie_strength(net.owner, first), FLOOR)
    nodes = [net.owner, first]
    while not lay.is_target[nodes[-1]]:
        v, s = _children(net, lay, nodes[-1])[0]
        nodes.append(v)
        score *= s
    return Path(tuple(nodes), score)


def _enumerate(net: Network, lay: _Layers, limit: int) -> list[Path]:
    """Up to `limit` paths in exact order of strength (best-first with an exact bound)."""
    heap: list[tuple[float, tuple[int, ...], float]] = [
        (-float(lay.best[net.owner]), (net.owner,), 1.0)
    ]
    out: list[Path] = []
    pops = 0
    while heap and len(out) < limit and pops < 50_000:
        pops += 1
        _neg, nodes, prefix = heapq.heappop(heap)
        last = nodes[-1]
        if lay.is_target[last]:
            out.append(Path(nodes, prefix))
            continue
        for v, s in _children(net, lay, last):
            p = prefix * s
            heapq.heappush(heap, (-p * float(lay.best[v]), (*nodes, v), p))
    return out


def best_paths(net: Network, targets: list[int], k: int = 5) -> list[Path]:
    """The k strongest paths from you to any of `targets`, distinct first hops preferred.

    First every first hop's own best path is ranked; when fewer than k first hops lead to
    the targets, the next-best paths (sharing a first hop) fill the list.
    """
    lay = _layers(net, targets)
    if lay is None:
        return []
    candidates = [_greedy(net, lay, first) for first in lay.levels[1].tolist()]
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
    extra = [p for p in _enumerate(net, lay, k + len(chosen)) if p.nodes not in have]
    return chosen + extra[: k - len(chosen)]


def best_connectors(net: Network, targets: list[int], k: int = 5) -> list[Connector]:
    """1st-degree people through whom the most strong paths to the targets run."""
    lay = _layers(net, targets)
    if lay is None:
        return []
    rows = []
    for f in lay.levels[1].tolist():
        s0 = max(net.tie_strength(net.owner, f), FLOOR)
        strong = int(lay.strong[f]) if s0 >= STRONG_HOP else 0
        rows.append(Connector(f, strong, int(lay.count[f]), s0 * float(lay.best[f])))
    rows.sort(key=lambda c: (-c.strong_paths, -c.best_score, -c.paths, c.person))
    return rows[:k]
