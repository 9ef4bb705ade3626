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
- The angle the branches do not need goes in equal gaps between the 1st ring's groups and
  around each branch, so the network uses the whole disc.
- The 1st ring is drawn to the disc's scale (its dots are big in pixels): placed after the
  outer rings, a third of the way out, on as many sub-rings as keep its dots apart.

Deterministic: sorts are total, no randomness. Numpy over whole rings: 100,000 people in
well under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from netview.graph.network import Network

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
TAU = 2.0 * math.pi
# Part of the key of the map kept between starts (services.mapping.mapcache): bump it when
# the layout puts people elsewhere, so no start shows a map the code would no longer draw
# (also where the sources, whose hash is in the key too, are not shipped).
LAYOUT_VERSION = 1
# Children sit within this angle of their parent (the goal is 25 degrees; the rest is
# margin for the packing to nudge them).
CAP = math.radians(23.5)
GOLDEN = 0.618
SERIATED = 40  # groups ordered by their ties to each other; smaller ones follow by size
# The 1st ring is drawn to the disc's scale, not the map unit's: its dots are big (6-14 px)
# while the disc's radius is about 430 px in the default 1600x1000 picture. So its geometry
# is set as shares of the disc's radius: it starts at FIRST_INNER, its sub-rings are
# FIRST_DOT apart (the largest 1st-degree dot), and it ends by FIRST_OUTER, the dots using
# at most FIRST_FILL of its room so that the rest can be gaps between groups.
FIRST_INNER = 0.30
FIRST_OUTER = 0.56
DISC_PX = 430.0
# A 1st-degree dot is FIRST_DOT_PX[0] px plus FIRST_DOT_PX[1] px at the strongest tie to
# you (the map's default sizing, services.mapmodel).
FIRST_DOT_PX = (6.0, 8.0)
FIRST_DOT = sum(FIRST_DOT_PX) / DISC_PX
FIRST_FILL = 0.4
FIRST_GAP = 0.04  # between the 1st ring's outer sub-ring and the 2nd ring
MAX_GAP = math.radians(20.0)  # the widest gap between groups on the 1st ring
# A ring whose families' separators (a slot each) would take more than this share of it is
# packed as one band (_place_ring).
SEPARATORS = 0.25


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


def dot_sizes(
    degree: npt.NDArray[np.int8], strength: FloatArray, ties: FloatArray, mode: str = "strength"
) -> npt.NDArray[np.float32]:
    """Everyone's dot in pixels, the one formula of the map and of this layout (which
    spaces the 1st ring for them). `degree` 0 (you) .. 4 (further or not connected);
    `strength` of the tie to you; `ties` each person's number of ties. By "strength": your
    own ties by how strong they are (FIRST_DOT_PX), everyone else a little by their ties;
    by "centrality": everyone by their ties. Half-pixel steps keep the symbol atlas small."""
    base = np.array([18.0, FIRST_DOT_PX[0], 4.0, 3.0, 3.0])[degree]
    central = np.log1p(np.maximum(ties - 1, 0)) / math.log(50)  # ~1 at 50 ties
    if mode == "strength":
        extra = np.where(degree == 1, FIRST_DOT_PX[1] * np.clip(strength, 0, 1), 2.0 * central)
    else:
        extra = np.where(degree == 0, 0.0, 7.0 * np.minimum(central, 1.5))
    sizes = base + np.where(degree == 0, 0.0, extra)
    return np.asarray(np.round(sizes * 2) / 2, np.float32)


def first_dots(net: Network) -> FloatArray:
    """Each person's dot on the 1st ring in pixels (0 for everyone else): `dot_sizes`."""
    a, b = net.tie_a, net.tie_b
    strength = np.zeros(net.n)
    mine = (a == net.owner) | (b == net.owner)
    strength[np.where(a[mine] == net.owner, b[mine], a[mine])] = net.strength[mine]
    first = net.degree == 1
    px = dot_sizes(first.astype(np.int8), strength, np.zeros(net.n)).astype(np.float64)
    return np.where(first, px, 0.0)


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
    subrings: int = 0,
    widths: FloatArray | None = None,
) -> _Ring:
    """Pack one ring: members in order, grouped in families (consecutive equal `family`),
    each wanting `target` and owed `share` radians. A family goes as deep as its tightest
    share needs (or `subrings` deep when given); when the families do not fit round the
    ring, deeper still. `widths` (with `subrings`, one family): each dot's size as a share
    of node_size, so small dots pack closer along the ring."""
    m = members.size
    theta = 2.0 * math.asin(min(node_size / (2.0 * radius), 1.0))
    start = np.r_[True, family[1:] != family[:-1]]
    fam_id = np.cumsum(start) - 1
    n_fam = int(fam_id[-1]) + 1
    tight = np.full(n_fam, np.inf)
    np.minimum.at(tight, fam_id, share)
    k_fam = np.maximum(1, np.ceil(theta / np.maximum(tight, 1e-12) - 1e-9)).astype(np.int64)
    sizes = np.bincount(fam_id, minlength=n_fam)
    if subrings:
        k_fam = np.full(n_fam, subrings, dtype=np.int64)
    k_fam = np.minimum(k_fam, sizes)  # never more sub-rings than people
    if not subrings and theta * n_fam > SEPARATORS * TAU:
        # Thousands of small families (a team's ring of teammates' contacts): a whole slot
        # between every two would eat the ring, and deepening cannot win it back, so the
        # packing would drag everyone far from their parents. Instead the ring is one band
        # as deep as its most crowded family needs, ranks running on across families: dots
        # of one sub-ring are then k places apart everywhere, families need no separator,
        # and every family fits in its share.
        k_all = max(int(k_fam.max()), math.ceil(theta * m / (0.9 * TAU)), 1)
        k = np.full(m, k_all, dtype=np.int64)
        gaps = np.r_[np.full(m - 1, theta / k_all), theta]
        angle = _packed(target, gaps)
        sub = (np.arange(m, dtype=np.int64) * _coprime_strides(k)) % k
        return _Ring(members, angle, sub, radius, k_all)
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
    if widths is not None and subrings and n_fam == 1 and gaps.sum() <= TAU:
        # Two dots of one sub-ring are k places apart: the k gaps between them each have
        # room for the larger of any two dots within k places of each other.
        k1 = int(k[0])
        win = _window_max(np.asarray(widths, dtype=np.float64), k1)
        t = 2.0 * np.arcsin(np.minimum(node_size * win / (2.0 * radius), 1.0))
        gaps = np.r_[t[:-1] / k1, theta]
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


@dataclass(frozen=True)
class _FirstGeometry:
    """The 1st ring's shape as shares of the disc's radius."""

    inner: float
    step: float  # between sub-rings and between dots of one sub-ring
    subrings: int
    room: FloatArray  # radians of the ring each dot takes (dots alternate over sub-rings)
    widths: FloatArray  # each dot's size as a share of `step`


def _window_max(w: FloatArray, k: int) -> FloatArray:
    """The largest of w[i - k] ... w[i + k] for each i."""
    win = w.copy()
    for shift in range(1, min(k, w.size - 1) + 1):
        win[shift:] = np.maximum(win[shift:], w[:-shift])
        win[:-shift] = np.maximum(win[:-shift], w[shift:])
    return win


def _first_geometry(dots: FloatArray) -> _FirstGeometry:
    """As few sub-rings, the largest dot apart, as hold `dots` (diameters, shares of the
    disc's radius) in FIRST_FILL of the ring; smaller dots only when not even FIRST_OUTER
    can hold them (thousands of people). Dots in ring order."""
    scale = 1.0
    while True:
        d = dots * scale
        step = float(d.max())
        theta = 2.0 * np.arcsin(np.minimum(d / (2.0 * FIRST_INNER), 1.0))
        k = max(1, math.ceil(float(theta.sum()) / (FIRST_FILL * TAU)))
        if FIRST_INNER + (k - 1) * step <= FIRST_OUTER or step < 1e-4:
            # Each dot's room as the packing will give it (see _place_ring).
            wide = 2.0 * np.arcsin(np.minimum(_window_max(d, k) / (2.0 * FIRST_INNER), 1.0))
            return _FirstGeometry(FIRST_INNER, step, k, wide / k, d / step)
        scale *= 0.95


def _first_targets(
    run: IntArray, share: FloatArray, branch: npt.NDArray[np.bool_], room: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Targets on the 1st ring for members in order (`run`: runs of one group). A group's
    arc is what its branches' wedges need, or its dots' room if that is more. The angle
    left over goes in equal parts between the groups and around each branch, so the
    branches use the whole disc and empty angle reads as space between them, not as a
    missing quarter.
    Returns targets, slot widths and each member's wedge (their children's room)."""
    wedge = np.where(branch, np.maximum(share, room), 0.0)
    first = np.r_[True, run[1:] != run[:-1]]
    rid = np.cumsum(first) - 1
    n_run = int(rid[-1]) + 1
    count = np.bincount(rid, minlength=n_run)
    dots = np.bincount(rid, weights=room, minlength=n_run)
    need = np.maximum(np.bincount(rid, weights=wedge, minlength=n_run), dots)
    total = float(need.sum())
    scale = min(1.0, TAU / total)
    gap = max(TAU - total, 0.0) / (n_run + int(branch.sum()))
    # Beyond MAX_GAP a gap reads as a missing piece: the rest widens the groups instead.
    wider = 1.0 + max(gap - MAX_GAP, 0.0) * (n_run + int(branch.sum())) / total
    gap = min(gap, MAX_GAP)
    arc = need * scale * wider
    wedge = wedge * scale
    extra = (arc - np.bincount(rid, weights=wedge, minlength=n_run)) / count  # dots' room
    sh = wedge + extra[rid] + np.where(branch, gap, 0.0)
    arc += gap * np.bincount(rid, weights=branch.astype(np.float64), minlength=n_run)
    before = np.cumsum(sh) - sh
    before -= before[first][rid]
    start = np.cumsum(np.r_[0.0, arc[:-1] + gap]) + gap / 2.0
    target = start[rid] + before + sh / 2.0
    target, slot = _spread(target, sh, run, np.zeros(run.size, dtype=np.int64))
    return target, slot, wedge


def _anchored(target: FloatArray, before: FloatArray, slot: FloatArray) -> FloatArray:
    """Targets of one ring where people keep the angle they had (`before`, NaN: none).

    A newcomer's fresh target is among fresh targets, not the kept angles: it goes by the
    kept angles of the people whose fresh targets are nearest on either side (its
    neighbours in the fresh layout), so a new branch lands between the branches it would
    sit between, and the whole ring does not turn by how much the fresh layout turned."""
    known = ~np.isnan(before)
    if not known.any():
        return target
    out = np.where(known, before, target)
    new = np.flatnonzero(~known)
    if new.size:
        k = np.flatnonzero(known)
        t = target[k] % TAU
        o = np.argsort(t, kind="stable")
        t, kept = t[o], before[k][o]
        # Each kept person's turn from fresh to kept: a newcomer takes its neighbours'.
        turn = _wrap(kept - t)
        tn = target[new] % TAU
        right = np.searchsorted(t, tn) % t.size
        left = (right - 1) % t.size
        d_left = (tn - t[left]) % TAU
        d_right = (t[right] - tn) % TAU
        w = d_right / np.maximum(d_left + d_right, 1e-12)
        # Turns blended across the wrap by their unit vectors (a turn near pi either way).
        cx = w * np.cos(turn[left]) + (1 - w) * np.cos(turn[right])
        sy = w * np.sin(turn[left]) + (1 - w) * np.sin(turn[right])
        out[new] = target[new] + np.arctan2(sy, cx)
    return np.asarray(out, dtype=np.float64)


def _push_out(pos: FloatArray, ring_of: IntArray, rings: list[Ring], by: float) -> None:
    """Move every ring after the 1st out by `by`: angles stay, so spacing only grows."""
    if by <= 0:
        return
    out = ring_of >= 1
    r = np.hypot(pos[out, 0], pos[out, 1])
    pos[out] *= ((r + by) / np.maximum(r, 1e-12))[:, None]
    for i in range(1, len(rings)):
        g = rings[i]
        rings[i] = Ring(g.degree, g.radius + by, g.outer + by, g.subrings, g.count)


# The 1st ring waiting for its final place: members, families, angles relative to `cut`,
# slot widths, `cut`, geometry.
_First = tuple[IntArray, IntArray, FloatArray, FloatArray, float, _FirstGeometry]


def _place_first_ring(
    first: _First,
    pos: FloatArray,
    ring_of: IntArray,
    sector_of: IntArray,
    rings: list[Ring],
    sectors: list[Sector],
    bucket: IntArray,
    labels: list[str],
    node_size: float,
) -> None:
    """Place the 1st ring (ring 0) to the disc's scale: from FIRST_INNER of the disc's
    radius out, its dots FIRST_DOT of it apart, the outer rings pushed out when it needs
    the room. Its sectors go first in `sectors`."""
    members, fam, rel_t, slot, cut, geo = first
    shown = [i for i in range(1, len(rings)) if 1 <= rings[i].degree <= 3]
    shown = shown or list(range(1, len(rings)))

    def disc() -> float:
        return max(rings[i].outer for i in shown) + 0.5 * node_size

    step = node_size
    if shown and disc() * geo.step < node_size:
        # A small network: a disc so small that the 1st ring's dots would come closer than
        # node_size. Scale the outer rings up (proportions stay) rather than squeeze them.
        grow = node_size / (geo.step * disc())
        out = ring_of >= 1
        pos[out] *= grow
        for i in range(1, len(rings)):
            g = rings[i]
            rings[i] = Ring(g.degree, g.radius * grow, g.outer * grow, g.subrings, g.count)
    if shown:
        # The 2nd ring must start beyond the 1st's outer sub-ring and its gap:
        # radius + by >= reach_out * (disc + by).
        reach_out = geo.inner + (geo.subrings - 1) * geo.step + FIRST_GAP
        _push_out(pos, ring_of, rings, (reach_out * disc() - rings[1].radius) / (1 - reach_out))
        step = max(geo.step * disc(), node_size)
    radius = step * geo.inner / geo.step
    placed = _place_ring(
        members,
        fam,
        rel_t,
        slot,
        radius,
        step,
        subrings=geo.subrings,
        widths=np.maximum(geo.widths, node_size / step),  # never closer than node_size
    )
    ang = placed.angle + cut
    r = radius + placed.sub * step
    pos[members, 0] = r * np.cos(ang)
    pos[members, 1] = r * np.sin(ang)
    outer = radius + (placed.subrings - 1) * step
    rings[0] = Ring(1, radius, outer, placed.subrings, int(members.size))
    if len(rings) > 1:  # dots no closer than node_size can need more room than planned
        _push_out(pos, ring_of, rings, outer + FIRST_GAP * radius / geo.inner - rings[1].radius)
    mine: list[Sector] = []
    others = sector_of >= 0
    mine_of = np.full(sector_of.size, -1, dtype=np.int64)
    _add_sectors(mine, mine_of, 0, members, ang, bucket, labels, radius, step)
    sector_of[others] += len(mine)
    sector_of[members] = mine_of[members]
    sectors[:0] = mine


def degree_layout(
    net: Network,
    groups: IntArray,
    labels: list[str],
    *,
    node_size: float = 1.0,
    ring_gap: float = 6.0,
    anchor: FloatArray | None = None,
    subgroups: IntArray | None = None,
) -> Layout:
    """Positions of everyone, ring and sector geometry. `groups[i]` indexes `labels` (-1: none).

    `anchor`: per person the angle they had on the map shown before (NaN for newcomers and
    for people who changed ring). Anchored people keep their angle as their target, so the
    order of branches and the place of everyone stay; newcomers go beside their connectors
    and the packing moves the others only as far as they need to make room.
    `subgroups`: per person a sub-group within their group (0 the largest; -1 none), kept
    together along each ring.
    """
    n = net.n
    g_all = np.asarray(groups, dtype=np.int64)
    sub_all = np.zeros(n, np.int64) if subgroups is None else np.asarray(subgroups, np.int64)
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
    first: _First | None = None
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
        # Within a group, its sub-groups side by side (largest first), so they read as
        # shades of the group's colour rather than speckle.
        s_key = sub_all[members]
        pre = np.lexsort((members, -reach[members], s_key, g_key, fam_rank))
        members, fam, g_key, fam_rank = members[pre], fam[pre], g_key[pre], fam_rank[pre]
        s_key = s_key[pre]
        run = np.r_[
            0,
            np.cumsum((np.diff(fam_rank) != 0) | (np.diff(g_key) != 0) | (np.diff(s_key) != 0)),
        ]
        pipe = _organ_pipe(_ranks_within(run))
        o = np.lexsort((members, pipe, s_key, g_key, fam_rank))
        members, fam, run = members[o], fam[o], run[o]
        # Shares of the parent's span by branch size, at least half the family's mean.
        start = np.r_[True, fam[1:] != fam[:-1]]
        fam_id = np.cumsum(start) - 1
        fam_total = np.bincount(fam_id, weights=reach[members])
        fam_count = np.bincount(fam_id)
        w = np.maximum(reach[members], 0.5 * (fam_total / fam_count)[fam_id])
        share = _shares(fam_id, w, span_w[fam[start]])
        if d == 1:
            geo = _first_geometry(first_dots(net)[members] / DISC_PX)
            target, slot, share = _first_targets(run, share, has_children[members], geo.room)
            if anchor is not None:
                target = _anchored(target, anchor[members], slot)
        else:
            before = np.cumsum(share) - share
            before -= before[start][fam_id]
            used = np.bincount(fam_id, weights=share)
            slack = (span_w[fam[start]] - used) / 2.0  # a family of capped shares: centred
            target = span_lo[fam] + slack[fam_id] + before + share / 2.0
            target, slot = _spread(target, share, run, fam_id)
        if anchor is not None:
            target = _anchored(target, anchor[members], slot)
        # Rotate so the ring starts at its widest empty stretch of targets.
        t_mod = np.sort(target % TAU)
        gaps_t = np.diff(np.r_[t_mod, t_mod[0] + TAU])
        cut = float(t_mod[int(np.argmax(gaps_t))] + gaps_t.max() / 2.0)
        rel_t = (target - cut) % TAU
        o = np.lexsort((np.arange(members.size), rel_t))
        members, fam, share, slot, rel_t = members[o], fam[o], share[o], slot[o], rel_t[o]
        ring_index = len(rings)
        ring_of[members] = ring_index
        if d == 1:
            # The 1st ring is drawn to the disc's scale, known once the outer rings are:
            # for now its people sit at their targets, where their branches start from.
            ang = rel_t + cut
            first = (members, fam, rel_t, slot, cut, replace(geo, widths=geo.widths[o]))
            rings.append(Ring(d, 0.0, 0.0, geo.subrings, int(members.size)))
        else:
            # The ring's radius: a crowded family needs k ~ theta / slot sub-rings; the
            # ring reaches out least when its inner radius balances that depth.
            need = float((node_size / np.maximum(slot, 1e-12)).max())
            gap = max(ring_gap, 0.12 * inner)
            radius = max(inner + gap, ring_gap, math.sqrt(need * node_size) * 1.8)
            placed = _place_ring(members, fam, rel_t, slot, radius, node_size)
            ang = placed.angle + cut
            r = radius + placed.sub * node_size
            pos[members, 0] = r * np.cos(ang)
            pos[members, 1] = r * np.sin(ang)
            outer = radius + (placed.subrings - 1) * node_size
            rings.append(Ring(d, radius, outer, placed.subrings, int(members.size)))
            inner = outer
            _add_sectors(
                sectors, sector_of, ring_index, members, ang, bucket, labels, radius, node_size
            )
        angle_of[members] = ang
        seq_rank[members] = np.arange(members.size)
        b = bucket[members]
        g_cos += np.bincount(b, weights=np.cos(ang), minlength=n_groups + 1)
        g_sin += np.bincount(b, weights=np.sin(ang), minlength=n_groups + 1)
        lo, width = _spans(ang, reach[members], has_children[members], share)
        span_lo[members], span_w[members] = lo, width
    if first is not None:
        _place_first_ring(first, pos, ring_of, sector_of, rings, sectors, bucket, labels, node_size)
    return Layout(pos, ring_of, sector_of, rings, sectors, node_size, parent)
