"""The network as arrays: people by index 0..n-1, undirected ties, hops from you.

Ties are kept in compressed sparse rows (CSR) so breadth-first search and "who is one ring
closer" are numpy operations over whole frontiers, not Python loops per person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
UNREACHED = -1


@dataclass(frozen=True)
class Adjacency:
    """CSR adjacency: the neighbours of i are indices[indptr[i]:indptr[i+1]].

    `edge[k]` is the tie number (into the tie arrays) of CSR entry k, so per-tie values
    such as strength can be looked up for every neighbour.
    """

    indptr: IntArray
    indices: IntArray
    edge: IntArray

    @property
    def n(self) -> int:
        return int(self.indptr.size - 1)

    def neighbours(self, i: int) -> IntArray:
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def edges_of(self, i: int) -> IntArray:
        return self.edge[self.indptr[i] : self.indptr[i + 1]]


def build_adjacency(n: int, a: IntArray, b: IntArray) -> Adjacency:
    """CSR of the undirected graph with ties (a[k], b[k]); ties must be distinct pairs."""
    src = np.concatenate([a, b]).astype(np.int64, copy=False)
    dst = np.concatenate([b, a]).astype(np.int64, copy=False)
    eid = np.concatenate([np.arange(a.size), np.arange(a.size)]).astype(np.int64)
    order = np.argsort(src, kind="stable")
    counts = np.bincount(src, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return Adjacency(indptr, dst[order], eid[order])


def _gather(adj: Adjacency, nodes: IntArray) -> tuple[IntArray, IntArray]:
    """CSR entry positions of all neighbours of `nodes`, and which node each belongs to."""
    starts = adj.indptr[nodes]
    lengths = adj.indptr[nodes + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    owner = np.repeat(np.arange(nodes.size, dtype=np.int64), lengths)
    offsets = np.cumsum(lengths) - lengths
    pos = (
        np.arange(total, dtype=np.int64) - np.repeat(offsets, lengths) + np.repeat(starts, lengths)
    )
    return pos, owner


def hop_degrees(adj: Adjacency, source: int) -> npt.NDArray[np.int16]:
    """Hops from `source` to everyone over ties (UNREACHED = -1), one frontier at a time."""
    deg = np.full(adj.n, UNREACHED, dtype=np.int16)
    deg[source] = 0
    frontier = np.array([source], dtype=np.int64)
    level = 0
    while frontier.size:
        level += 1
        pos, _ = _gather(adj, frontier)
        nbrs = adj.indices[pos]
        nbrs = np.unique(nbrs[deg[nbrs] == UNREACHED])
        deg[nbrs] = level
        frontier = nbrs
    return deg


@dataclass(frozen=True)
class Network:
    """Everything analytics needs, by person index (not database id).

    `strength[k]` and `connected_year[k]` belong to tie k = (tie_a[k], tie_b[k]).
    """

    ids: IntArray
    keys: list[str]
    names: list[str]
    companies: list[str | None]
    positions: list[str | None]
    owner: int
    tie_a: IntArray
    tie_b: IntArray
    adjacency: Adjacency
    degree: npt.NDArray[np.int16]
    strength: npt.NDArray[np.float64]
    index_of_id: dict[int, int] = field(repr=False)
    index_of_key: dict[str, int] = field(repr=False)

    @property
    def n(self) -> int:
        return int(self.ids.size)

    def connectors(self, i: int) -> IntArray:
        """People one ring closer to you than i through whom i reaches you (empty for 0/1)."""
        d = int(self.degree[i])
        if d < 2:
            return np.zeros(0, dtype=np.int64)
        nbrs = self.adjacency.neighbours(i)
        closer: IntArray = nbrs[self.degree[nbrs] == d - 1]
        return closer

    def connector_table(self) -> tuple[IntArray, IntArray]:
        """(person, connector) pairs for every 2nd- and 3rd-or-further-degree person."""
        adj = self.adjacency
        src = np.repeat(np.arange(adj.n, dtype=np.int64), np.diff(adj.indptr))
        dsrc = self.degree[src]
        keep = (dsrc >= 2) & (self.degree[adj.indices] == dsrc - 1)
        return src[keep], adj.indices[keep]

    def tie_index(self, i: int, j: int) -> int | None:
        """The tie number between i and j, or None when they are not tied."""
        nbrs = self.adjacency.neighbours(i)
        hit = np.nonzero(nbrs == j)[0]
        if hit.size == 0:
            return None
        return int(self.adjacency.edges_of(i)[hit[0]])

    def tie_strength(self, i: int, j: int) -> float:
        k = self.tie_index(i, j)
        return float(self.strength[k]) if k is not None else 0.0


def make_network(
    ids: IntArray,
    keys: list[str],
    names: list[str],
    companies: list[str | None],
    positions: list[str | None],
    owner: int,
    tie_a: IntArray,
    tie_b: IntArray,
    strength: npt.NDArray[np.float64] | None = None,
) -> Network:
    """A Network from index-based ties; degrees are computed here, strength defaults to 0."""
    n = int(ids.size)
    adj = build_adjacency(n, tie_a, tie_b)
    deg = hop_degrees(adj, owner) if n else np.zeros(0, dtype=np.int16)
    return Network(
        ids=ids,
        keys=keys,
        names=names,
        companies=companies,
        positions=positions,
        owner=owner,
        tie_a=tie_a,
        tie_b=tie_b,
        adjacency=adj,
        degree=deg,
        strength=strength if strength is not None else np.zeros(tie_a.size),
        index_of_id={int(v): i for i, v in enumerate(ids.tolist())},
        index_of_key={k: i for i, k in enumerate(keys)},
    )


def network_from_edges(owner_key: str, edges: list[tuple[str, str]]) -> Network:
    """A Network of bare keys and ties (names = keys): for tests and interop files."""
    keys = sorted({owner_key} | {k for e in edges for k in e})
    index = {k: i for i, k in enumerate(keys)}
    pairs = {tuple(sorted((index[a], index[b]))) for a, b in edges if a != b}
    ordered = sorted(pairs)
    a = np.array([p[0] for p in ordered], dtype=np.int64)
    b = np.array([p[1] for p in ordered], dtype=np.int64)
    n = len(keys)
    return make_network(
        np.arange(n, dtype=np.int64),
        keys,
        list(keys),
        [None] * n,
        [None] * n,
        index[owner_key],
        a,
        b,
    )
