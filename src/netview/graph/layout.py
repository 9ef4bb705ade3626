"""The degree-layered map: you at the centre, a ring per degree, a contiguous arc per group.

On every ring the people of one group (community or company) sit next to each other, so a
cluster is one arc. On the 1st ring groups follow their number (largest first). On outer
rings each person's preferred angle is the mean angle of their connectors; groups are
ordered by their members' mean preferred angle and members by their own, then the whole
sequence is packed as close to those angles as the minimum spacing allows (an isotonic
fit), so ties stay short. A ring with more people than fit side by side at `node_size`
spreads over k sub-rings (consecutive slots alternate between them), which keeps any two
nodes at least `node_size` apart. Deterministic: sorts are total, no randomness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from netview.graph.network import Network

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
TAU = 2.0 * math.pi


@dataclass(frozen=True)
class Ring:
    degree: int  # 1, 2, 3...; -1 for people not connected to you
    radius: float  # innermost sub-ring
    outer: float  # outermost sub-ring
    subrings: int
    count: int


@dataclass(frozen=True)
class Sector:
    ring: int  # index into Layout.rings
    group: int  # group number, -1 for people in no group
    label: str
    start: float  # radians, counter-clockwise from +x; end may exceed 2*pi
    end: float
    count: int


@dataclass(frozen=True)
class Layout:
    positions: FloatArray  # (n, 2); you at (0, 0)
    ring: IntArray  # per person: index into rings, -1 for you
    sector: IntArray  # per person: index into sectors, -1 for you
    rings: list[Ring]
    sectors: list[Sector]
    node_size: float  # any two people are at least this far apart
    # Per person the connector one ring in through whom they are laid out (you for the 1st
    # ring); -1 for you and for people not connected to you.
    parent: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def tree_parents(net: Network, groups: IntArray) -> IntArray:
    """Each person's tree parent: of the people one ring closer to you they are tied to, the
    one with the strongest tie; ties broken by the same group (colours stay together), then
    by more ties (branches gather behind the well-connected), then by index. You for the 1st
    ring; -1 for you and for people not connected to you.
    """
    adj = net.adjacency
    n = adj.n
    parent = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return parent
    src = np.repeat(np.arange(n, dtype=np.int64), np.diff(adj.indptr))
    dst = adj.indices
    deg = net.degree.astype(np.int64)
    keep = (deg[src] >= 1) & (deg[dst] == deg[src] - 1)
    src, dst, edge = src[keep], dst[keep], adj.edge[keep]
    g = np.asarray(groups, dtype=np.int64)
    same = (g[src] == g[dst]) & (g[src] >= 0)
    ties = np.diff(adj.indptr)
    order = np.lexsort((dst, -ties[dst], ~same, -net.strength[edge], src))
    src, dst = src[order], dst[order]
    first = np.r_[True, src[1:] != src[:-1]] if src.size else np.zeros(0, dtype=np.bool_)
    parent[src[first]] = dst[first]
    return parent


def _circular_mean(angles: FloatArray, which: IntArray, n: int) -> tuple[FloatArray, FloatArray]:
    """Per bucket 0..n-1: mean angle and resultant weight (0 for empty buckets)."""
    c = np.bincount(which, weights=np.cos(angles), minlength=n)
    s = np.bincount(which, weights=np.sin(angles), minlength=n)
    return np.arctan2(s, c), np.hypot(s, c)


def _wrap(a: FloatArray) -> FloatArray:
    """Angles into (-pi, pi]."""
    return np.asarray(-(((-a + math.pi) % TAU) - math.pi), dtype=np.float64)


def _isotonic(z: FloatArray) -> FloatArray:
    """Least-squares non-decreasing fit of z (pool adjacent violators)."""
    means: list[float] = []
    counts: list[int] = []
    for v in z.tolist():
        mean, count = v, 1
        while means and means[-1] > mean:
            c = counts.pop()
            mean = (means.pop() * c + mean * count) / (c + count)
            count += c
        means.append(mean)
        counts.append(count)
    return np.repeat(np.asarray(means), counts)


def _packed(target: FloatArray, step: float, k: int) -> FloatArray:
    """Angles as near `target` (in this order) as possible with at least `step` between
    neighbours: x_j - j*step is the isotonic fit of target_j - j*step. The sequence must
    leave k steps free where it wraps round (slots on one sub-ring are k apart); when it
    would not, the slots are spread evenly instead.
    """
    m = target.size
    j = np.arange(m) * step
    x = _isotonic(target - j) + j
    if m > 1 and x[-1] - x[0] > TAU - k * step:
        x = x[0] + _even(m, k)
    return x


def _even(m: int, k: int) -> FloatArray:
    """Evenly spaced slot angles that leave k - 1 spare slots at the wrap."""
    return np.asarray(np.arange(m) * (TAU / (m + k - 1)), dtype=np.float64)


def degree_layout(
    net: Network,
    groups: IntArray,
    labels: list[str],
    *,
    node_size: float = 1.0,
    ring_gap: float = 6.0,
) -> Layout:
    """Positions of everyone, ring and sector geometry. `groups[i]` indexes `labels` (-1: none)."""
    n = net.n
    pos = np.zeros((n, 2), dtype=np.float64)
    angle = np.zeros(n, dtype=np.float64)
    ring_of = np.full(n, -1, dtype=np.int64)
    sector_of = np.full(n, -1, dtype=np.int64)
    rings: list[Ring] = []
    sectors: list[Sector] = []
    if n == 0:
        return Layout(pos, ring_of, sector_of, rings, sectors, node_size, tree_parents(net, groups))
    deg = net.degree.astype(np.int64)
    # People not connected to you go on one last ring.
    top = int(deg.max())
    deg = np.where(deg < 0, top + 1, deg)
    unreached_ring = top + 1 if bool((net.degree < 0).any()) else None
    who, conn = net.connector_table()
    g_all = np.asarray(groups, dtype=np.int64)
    n_groups = len(labels) + 1  # bucket 0 is "no group"
    bucket_all = np.where(g_all < 0, 0, g_all + 1)
    inner = 0.0
    for d in range(1, int(deg.max()) + 1):
        members = np.nonzero(deg == d)[0]
        m = members.size
        if m == 0:
            continue
        bucket = bucket_all[members]
        # Preferred angle of each member: the mean angle of their connectors.
        local = np.full(n, -1, dtype=np.int64)
        local[members] = np.arange(m)
        sel = (deg[who] == d) & (local[who] >= 0)
        pref, weight = _circular_mean(angle[conn[sel]], local[who[sel]], m)
        has_pref = weight > 1e-9
        if has_pref.any():
            g_mean, g_weight = _circular_mean(pref[has_pref], bucket[has_pref], n_groups)
            g_key = np.where(g_weight > 1e-9, (g_mean + TAU) % TAU, TAU + np.arange(n_groups))
        else:
            g_key = np.arange(n_groups, dtype=np.float64)  # ring 1: groups by number
            g_key = np.where(np.arange(n_groups) == 0, float(n_groups), g_key)  # "none" last
        radius = max(inner + ring_gap, ring_gap)
        # k sub-rings: consecutive slots alternate over them, so two slots on one sub-ring
        # are k slots apart and a slot step of theta / k keeps them node_size apart, theta
        # being the angle of a node_size chord. k is the least for which m slots plus k
        # spare ones at the wrap fit round the ring.
        # (Angles from chords, not arcs: it is the straight distance that must not shrink.)
        theta = 2.0 * math.asin(min(node_size / (2.0 * radius), 1.0))
        k = max(1, math.ceil(theta * (m - 1) / (TAU - theta)))
        step = theta / k
        placed = np.empty(m, dtype=np.float64)
        if has_pref.any():
            # Start the sequence in the widest empty stretch between group centres.
            used = np.unique(g_key[bucket][has_pref] % TAU)
            gaps = np.diff(np.r_[used, used[0] + TAU])
            cut = float(used[int(np.argmax(gaps))] + gaps.max() / 2.0) % TAU
            g_center = (g_key[bucket] - cut) % TAU
            within = np.where(has_pref, _wrap(pref - g_key[bucket]), 0.0)
            order = np.lexsort((members, within, bucket, g_center))
            target = (g_center + within)[order] + cut
            placed[order] = _packed(target, step, k)
        else:
            order = np.lexsort((members, g_key[bucket]))
            placed[order] = _even(m, k) + 0.5 * TAU / (m + k - 1)
        placed = placed % TAU
        # Slot i goes to sub-ring (i * stride) % k. Any stride coprime with k keeps the slots
        # of one sub-ring k apart (the spacing guarantee); a golden-ratio stride scatters
        # neighbouring slots across the band, where i % k would line them up as spokes.
        stride = max(1, round(k * 0.618))
        while math.gcd(stride, k) != 1:
            stride += 1
        sub = np.empty(m, dtype=np.int64)
        sub[order] = (np.arange(m) * stride) % k
        r = radius + sub * node_size
        angle[members] = placed
        pos[members, 0] = r * np.cos(placed)
        pos[members, 1] = r * np.sin(placed)
        ring_index = len(rings)
        ring_of[members] = ring_index
        ring_degree = -1 if unreached_ring == d else d
        outer = radius + (k - 1) * node_size
        rings.append(Ring(ring_degree, radius, outer, k, m))
        inner = outer
        half = step / 2.0
        seq = placed[order]
        seq = seq[0] + np.r_[0.0, np.cumsum(_wrap(np.diff(seq)) % TAU)]  # unwrapped
        # Sectors: runs of equal bucket along the slot order.
        ordered_bucket = bucket[order]
        starts = np.r_[0, np.nonzero(np.diff(ordered_bucket))[0] + 1]
        ends = np.r_[starts[1:], m]
        for s0, s1 in zip(starts.tolist(), ends.tolist(), strict=True):
            b = int(ordered_bucket[s0])
            sector_of[members[order[s0:s1]]] = len(sectors)
            sectors.append(
                Sector(
                    ring=ring_index,
                    group=b - 1,
                    label=labels[b - 1] if b > 0 else "Other",
                    start=float(seq[s0] - half),
                    end=float(seq[s1 - 1] + half),
                    count=s1 - s0,
                )
            )
    return Layout(pos, ring_of, sector_of, rings, sectors, node_size, tree_parents(net, groups))
