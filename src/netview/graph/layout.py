"""The degree-layered map: you at the centre, a ring per degree, laid out as a radial tree.

Every person hangs from a tree parent: the connector one ring in with the strongest tie
(you for the 1st ring). A person is placed inside the angular span of their parent, so a
colleague's contacts sit in one wedge beside that colleague instead of round the circle:

- On the 1st ring people follow their group (community or company), groups ordered so that
  groups with many ties between them are neighbours; within a group the people whose branch
  reaches most sit in the middle.
- Each person is given a share of their parent's span by how many people their branch
  reaches, with a minimum (half the family's mean) so a small branch stays visible.
- A parent's children may use at most `CAP` either side of the parent, and no more than
  the room between the parent and the next parents with children, split by branch size.
- A crowded family goes deeper, onto more sub-rings, instead of spilling round the circle:
  consecutive children of one family alternate over its k sub-rings, so two dots of one
  sub-ring are k slots, at least `node_size`, apart; families are a whole slot apart.
- Positions are packed as near their targets as that spacing allows (an isotonic fit).

Deterministic: sorts are total, no randomness. Numpy over whole rings: 100,000 people in
well under a second.
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
# Children sit within this angle of their parent (the goal is 25 degrees; the rest is
# margin for the packing to nudge them).
CAP = math.radians(21.0)
GOLDEN = 0.618
SERIATED = 40  # groups ordered by their ties to each other; smaller ones follow by size
FIRST_RING = 0.45  # the 1st ring's radius, at least, as a share of the 2nd's


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
    sectors: list[Sector]  # runs of one group along each ring, in angular order
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


# --- small numeric helpers -------------------------------------------------------------------


def _wrap(a: FloatArray) -> FloatArray:
    """Angles into (-pi, pi]."""
    return np.asarray(-(((-a + math.pi) % TAU) - math.pi), dtype=np.float64)


def _isotonic(z: FloatArray) -> FloatArray:
    """Least-squares non-decreasing fit of z (pool adjacent violators).

    Where z does not rise (z[i] >= z[i + 1]) the two always end in one block, so those
    runs are pooled with numpy first and the Python loop only sees the rising steps.
    """
    if z.size == 0:
        return z
    start = np.r_[True, z[1:] > z[:-1]]
    block = np.cumsum(start) - 1
    sums = np.bincount(block, weights=z).tolist()
    sizes = np.bincount(block).tolist()
    means: list[float] = []
    counts: list[int] = []
    for total, size in zip(sums, sizes, strict=True):
        mean, count = total / size, size
        while means and means[-1] > mean:
            c = counts.pop()
            mean = (means.pop() * c + mean * count) / (c + count)
            count += c
        means.append(mean)
        counts.append(count)
    return np.repeat(np.asarray(means, dtype=np.float64), counts)


def _packed(target: FloatArray, gaps: FloatArray) -> FloatArray:
    """Angles as near `target` (in this order) as possible with at least gaps[j] between
    items j and j + 1 and at least gaps[-1] across the wrap: x_j - G_j is the isotonic fit
    of target_j - G_j (G: cumulative gaps), clipped so the sequence spans at most a turn.
    The caller makes sure the gaps fit in a turn.
    """
    if target.size == 0:
        return target
    cum = np.r_[0.0, np.cumsum(gaps[:-1])]
    y = _isotonic(target - cum)
    slack = TAU - float(gaps.sum())
    if y[-1] - y[0] > slack:
        low = (y[0] + y[-1] - slack) / 2.0
        y = np.clip(y, low, low + slack)
    return np.asarray(y + cum, dtype=np.float64)


def _ranks_within(keys: IntArray) -> IntArray:
    """0, 1, 2... along runs of equal consecutive keys."""
    m = keys.size
    if m == 0:
        return keys
    start = np.r_[True, keys[1:] != keys[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(m), 0))
    return np.arange(m, dtype=np.int64) - first


def _organ_pipe(rank: IntArray) -> IntArray:
    """Ranks 0, 1, 2, 3, 4... as positions 0, -1, 1, -2, 2...: the first in the middle."""
    return np.where(rank % 2 == 0, rank // 2, -(rank + 1) // 2)


def _coprime_strides(k: IntArray) -> IntArray:
    """For each sub-ring count k a stride near k * golden ratio that is coprime with k: any
    such stride keeps the slots of one sub-ring k apart, and a golden one scatters
    neighbouring slots across the band where i % k would line them up as spokes."""
    out = np.ones_like(k)
    for value in np.unique(k).tolist():
        stride = max(1, round(value * GOLDEN))
        while math.gcd(stride, value) != 1:
            stride += 1
        out[k == value] = stride
    return out


def _group_order(net: Network, groups: IntArray, n_groups: int) -> FloatArray:
    """Position of each group (bucket 0 = none, last) round the 1st ring: the largest groups
    chained so that groups with many ties between them are neighbours."""
    size = np.bincount(groups + 1, minlength=n_groups + 1).astype(np.float64)
    size[0] = -1.0
    ranked = [int(g) for g in np.argsort(-size, kind="stable") if g > 0]
    top = ranked[:SERIATED]
    pos = np.full(n_groups + 1, float(n_groups + 1), dtype=np.float64)
    if top:
        index = np.full(n_groups + 1, -1, dtype=np.int64)
        index[top] = np.arange(len(top))
        ga, gb = index[groups[net.tie_a] + 1], index[groups[net.tie_b] + 1]
        keep = (ga >= 0) & (gb >= 0) & (ga != gb)
        t = len(top)
        between = np.bincount(ga[keep] * t + gb[keep], minlength=t * t).reshape(t, t)
        between = between + between.T
        chain = [0]
        placed = np.zeros(t, dtype=np.bool_)
        placed[0] = True
        while not placed.all():
            left, right = between[chain[0]], between[chain[-1]]
            cand = np.nonzero(~placed)[0]
            best_l, best_r = cand[np.argmax(left[cand])], cand[np.argmax(right[cand])]
            if right[best_r] >= left[best_l]:
                chain.append(int(best_r))
                placed[best_r] = True
            else:
                chain.insert(0, int(best_l))
                placed[best_l] = True
        for p, g in enumerate(chain):
            pos[top[g]] = p
    for p, g in enumerate(ranked[SERIATED:]):
        pos[g] = len(top) + p
    return pos


# --- the layout ------------------------------------------------------------------------------


@dataclass
class _Ring:
    """One ring's members in angular order and where they went."""

    members: IntArray
    angle: FloatArray  # unwrapped, increasing along members
    sub: IntArray  # sub-ring of each member
    radius: float
    subrings: int


def _place_ring(
    members: IntArray,
    family: IntArray,
    target: FloatArray,
    share: FloatArray,
    radius: float,
    node_size: float,
) -> _Ring:
    """Pack one ring: members in order, grouped in families (consecutive equal `family`),
    each wanting `target` and owed `share` radians. A family goes as deep as its tightest
    share needs; when the families do not fit round the ring, deeper still."""
    m = members.size
    theta = 2.0 * math.asin(min(node_size / (2.0 * radius), 1.0))
    start = np.r_[True, family[1:] != family[:-1]]
    fam_id = np.cumsum(start) - 1
    n_fam = int(fam_id[-1]) + 1
    tight = np.full(n_fam, np.inf)
    np.minimum.at(tight, fam_id, share)
    k_fam = np.maximum(1, np.ceil(theta / np.maximum(tight, 1e-12) - 1e-9)).astype(np.int64)
    sizes = np.bincount(fam_id, minlength=n_fam)
    k_fam = np.minimum(k_fam, sizes)  # never more sub-rings than people
    for _ in range(12):
        k = k_fam[fam_id]
        gaps = np.where(np.r_[start[1:], True], theta, theta / k)
        if gaps.sum() <= TAU or bool((k_fam >= sizes).all()):
            break
        k_fam = np.minimum(np.ceil(k_fam * 1.5).astype(np.int64), sizes)
    if gaps.sum() > TAU:
        # Even one person per slot everywhere does not fit: one band for the whole ring.
        # (k spare slots at the wrap keep its two sides a whole slot apart too)
        k_all = max(1, math.ceil(theta * (m - 1) / (TAU - theta)))
        k = np.full(m, k_all, dtype=np.int64)
        fam_id = np.zeros(m, dtype=np.int64)
        gaps = np.r_[np.full(m - 1, theta / k_all), theta]
    angle = _packed(target, gaps)
    rank = _ranks_within(fam_id)
    sub = (rank * _coprime_strides(k)) % k
    return _Ring(members, angle, sub, radius, int(k.max()))


def _spread(
    target: FloatArray, share: FloatArray, run: IntArray, fam_id: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Dots, unlike branches, need no more room than their neighbours: within a run of one
    group in one family, the big branches (shares over 1.5 times the family's smallest)
    keep their targets and the others spread evenly between them and the run's ends, so a
    ring is a band rather than clumps with holes where branches are. Returns the targets
    and each dot's slot width (the run's span over its people)."""
    m = target.size
    smallest = np.full(int(fam_id[-1]) + 1, np.inf)
    np.minimum.at(smallest, fam_id, share)
    anchor = share > 1.5 * smallest[fam_id]
    first = np.r_[True, run[1:] != run[:-1]]
    last = np.r_[run[1:] != run[:-1], True]
    lo = (target - share / 2.0)[first]
    hi = (target + share / 2.0)[last]
    idx = np.arange(m, dtype=np.float64)
    knot_x = np.r_[idx[first] - 0.5, idx[last] + 0.5 - 1e-6, idx[anchor]]
    knot_y = np.r_[lo, hi, target[anchor]]
    o = np.argsort(knot_x, kind="stable")
    spread = np.interp(idx, knot_x[o], knot_y[o])
    run_id = np.cumsum(first) - 1
    width = (hi - lo) / np.bincount(run_id)
    return spread, width[run_id]


def _shares(fam_id: IntArray, weight: FloatArray, span: FloatArray) -> FloatArray:
    """Each member's share of their family's span (span[fam_id]) by weight; no share wider
    than 2 * CAP, which is all a branch can use: the rest goes to the family's others."""
    total = np.bincount(fam_id, weights=weight)
    share = span[fam_id] * weight / total[fam_id]
    for _ in range(8):
        over = share > 2 * CAP
        if not over.any():
            break
        excess = np.bincount(fam_id, weights=np.where(over, share - 2 * CAP, 0.0))
        share = np.where(over, 2 * CAP, share)
        free = np.bincount(fam_id, weights=np.where(over | (share >= 2 * CAP), 0.0, weight))
        room = free[fam_id] > 0
        gain = np.where(room & ~over, excess[fam_id] * weight / np.where(room, free[fam_id], 1), 0)
        share = share + gain
    return share


def _spans(
    angle: FloatArray, weight: FloatArray, has_children: npt.NDArray[np.bool_], share: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """For each member of a ring (in angular order): the span their children may use on the
    next ring, (start, width). At most CAP either side of the member, and only up to the
    point between two neighbouring parents that splits their distance by branch size."""
    lo = angle - CAP
    hi = angle + CAP
    idx = np.nonzero(has_children)[0]
    if idx.size > 1:
        a = angle[idx]
        w = weight[idx]
        nxt_a = np.r_[a[1:], a[0] + TAU]
        nxt_w = np.r_[w[1:], w[0]]
        cut = a + (nxt_a - a) * w / (w + nxt_w)
        prev_cut = np.r_[cut[-1] - TAU, cut[:-1]]
        lo[idx] = np.maximum(lo[idx], prev_cut)
        hi[idx] = np.minimum(hi[idx], cut)
    # A parent's own share counts even when its neighbours crowd in (a big branch keeps room).
    own = np.minimum(share, 2 * CAP) / 2.0
    lo = np.minimum(lo, angle - own)
    hi = np.maximum(hi, angle + own)
    return lo, hi - lo


def _add_sectors(
    sectors: list[Sector],
    sector_of: IntArray,
    ring_index: int,
    members: IntArray,
    ang: FloatArray,
    bucket: IntArray,
    labels: list[str],
    radius: float,
    node_size: float,
) -> None:
    """Sectors of one ring: runs of one group along it (members in angular order)."""
    b = bucket[members]
    change = np.nonzero(np.diff(b))[0] + 1
    if change.size and b[0] == b[-1]:
        # The run across the ring's start is one sector: begin the walk at its first person.
        k = int(change[-1])
        members = np.r_[members[k:], members[:k]]
        ang = np.r_[ang[k:] - TAU, ang[:k]]
        b = bucket[members]
        change = np.nonzero(np.diff(b))[0] + 1
    starts = np.r_[0, change]
    ends = np.r_[change, members.size]
    half = 0.5 * 2.0 * math.asin(min(node_size / (2.0 * radius), 1.0))
    for s0, s1 in zip(starts.tolist(), ends.tolist(), strict=True):
        k = int(b[s0])
        sector_of[members[s0:s1]] = len(sectors)
        sectors.append(
            Sector(
                ring=ring_index,
                group=k - 1,
                label=labels[k - 1] if k > 0 else "Other",
                start=float(ang[s0] - half),
                end=float(ang[s1 - 1] + half),
                count=s1 - s0,
            )
        )


def _widen_first_ring(
    pos: FloatArray, ring_of: IntArray, rings: list[Ring], ring_gap: float
) -> None:
    """Move the 1st ring out toward the 2nd (at most FIRST_RING of its radius, keeping the
    gap): crowded outer branches push the 2nd ring far out, and your own connections should
    not huddle in the middle. Angles and sub-ring steps stay, so spacing only grows."""
    if len(rings) < 2 or rings[0].degree != 1:
        return
    first, second = rings[0], rings[1]
    depth = first.outer - first.radius
    radius = min(FIRST_RING * second.radius, second.radius - ring_gap - depth)
    if radius <= first.radius:
        return
    members = ring_of == 0
    r = np.hypot(pos[members, 0], pos[members, 1])
    pos[members] *= ((r + radius - first.radius) / r)[:, None]
    rings[0] = Ring(first.degree, radius, radius + depth, first.subrings, first.count)


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
    g_all = np.asarray(groups, dtype=np.int64)
    parent = tree_parents(net, g_all)
    pos = np.zeros((n, 2), dtype=np.float64)
    ring_of = np.full(n, -1, dtype=np.int64)
    sector_of = np.full(n, -1, dtype=np.int64)
    rings: list[Ring] = []
    sectors: list[Sector] = []
    if n == 0:
        return Layout(pos, ring_of, sector_of, rings, sectors, node_size, parent)
    deg = net.degree.astype(np.int64)
    top = int(deg.max())
    n_groups = len(labels)
    bucket = np.where(g_all < 0, 0, g_all + 1)  # 0: no group
    order_on_first = _group_order(net, g_all, n_groups)

    # Branch sizes: each person and everyone who hangs from them.
    reach = np.ones(n, dtype=np.float64)
    for d in range(top, 1, -1):
        at = np.nonzero(deg == d)[0]
        reach += np.bincount(parent[at], weights=reach[at], minlength=n)
    has_children = np.bincount(parent[parent >= 0], minlength=n) > 0

    # Where each group sits so far (sum of unit vectors), so children turn their colours
    # toward the side where that colour already is.
    g_cos = np.zeros(n_groups + 1)
    g_sin = np.zeros(n_groups + 1)
    angle_of = np.zeros(n, dtype=np.float64)  # unwrapped angle of placed people
    span_lo = np.zeros(n, dtype=np.float64)
    span_w = np.zeros(n, dtype=np.float64)
    span_lo[net.owner], span_w[net.owner] = 0.0, TAU
    seq_rank = np.zeros(n, dtype=np.int64)  # position along the previous ring

    levels: list[tuple[int, IntArray]] = [(d, np.nonzero(deg == d)[0]) for d in range(1, top + 1)]
    unreached = np.nonzero(deg < 0)[0]
    if unreached.size:
        levels.append((-1, unreached))
    inner = 0.0
    for d, members in levels:
        if members.size == 0:
            continue
        fam = parent[members] if d > 0 else np.full(members.size, net.owner, dtype=np.int64)
        if d == 1 or d < 0:
            g_key = order_on_first[bucket[members]]
        else:
            g_angle = np.arctan2(g_sin, g_cos)
            known = np.hypot(g_sin, g_cos) > 1e-9
            rel = _wrap(g_angle[bucket[members]] - angle_of[fam])
            g_key = np.where(known[bucket[members]], rel, 4.0 + bucket[members])
        fam_rank = seq_rank[fam] if d > 1 else np.zeros(members.size, dtype=np.int64)
        # Within a group, the biggest branches in the middle: they need room on both sides.
        pre = np.lexsort((members, -reach[members], g_key, fam_rank))
        members, fam, g_key, fam_rank = members[pre], fam[pre], g_key[pre], fam_rank[pre]
        run = np.r_[0, np.cumsum((np.diff(fam_rank) != 0) | (np.diff(g_key) != 0))]
        pipe = _organ_pipe(_ranks_within(run))
        o = np.lexsort((members, pipe, g_key, fam_rank))
        members, fam, run = members[o], fam[o], run[o]
        # Shares of the parent's span by branch size, at least half the family's mean.
        start = np.r_[True, fam[1:] != fam[:-1]]
        fam_id = np.cumsum(start) - 1
        fam_total = np.bincount(fam_id, weights=reach[members])
        fam_count = np.bincount(fam_id)
        w = np.maximum(reach[members], 0.5 * (fam_total / fam_count)[fam_id])
        share = _shares(fam_id, w, span_w[fam[start]])
        before = np.cumsum(share) - share
        before -= before[start][fam_id]
        used = np.bincount(fam_id, weights=share)
        slack = (span_w[fam[start]] - used) / 2.0  # a family of capped shares: centred
        target = span_lo[fam] + slack[fam_id] + before + share / 2.0
        target, slot = _spread(target, share, run, fam_id)
        # Rotate so the ring starts at its widest empty stretch of targets.
        t_mod = np.sort(target % TAU)
        gaps_t = np.diff(np.r_[t_mod, t_mod[0] + TAU])
        cut = float(t_mod[int(np.argmax(gaps_t))] + gaps_t.max() / 2.0)
        rel_t = (target - cut) % TAU
        o = np.lexsort((np.arange(members.size), rel_t))
        members, fam, share, slot, rel_t = members[o], fam[o], share[o], slot[o], rel_t[o]
        # The ring's radius: a crowded family needs k ~ theta / slot sub-rings; the ring
        # reaches out least when its inner radius balances that depth.
        need = float((node_size / np.maximum(slot, 1e-12)).max())
        gap = max(ring_gap, 0.12 * inner)
        radius = max(inner + gap, ring_gap, math.sqrt(need * node_size) * 1.8)
        placed = _place_ring(members, fam, rel_t, slot, radius, node_size)
        ang = placed.angle + cut
        r = radius + placed.sub * node_size
        pos[members, 0] = r * np.cos(ang)
        pos[members, 1] = r * np.sin(ang)
        angle_of[members] = ang
        seq_rank[members] = np.arange(members.size)
        ring_index = len(rings)
        ring_of[members] = ring_index
        outer = radius + (placed.subrings - 1) * node_size
        rings.append(Ring(d, radius, outer, placed.subrings, int(members.size)))
        inner = outer
        b = bucket[members]
        g_cos += np.bincount(b, weights=np.cos(ang), minlength=n_groups + 1)
        g_sin += np.bincount(b, weights=np.sin(ang), minlength=n_groups + 1)
        lo, width = _spans(ang, reach[members], has_children[members], share)
        span_lo[members], span_w[members] = lo, width
        _add_sectors(
            sectors, sector_of, ring_index, members, ang, bucket, labels, radius, node_size
        )
    _widen_first_ring(pos, ring_of, rings, ring_gap)
    return Layout(pos, ring_of, sector_of, rings, sectors, node_size, parent)
