"""Ties drawn along the layout tree, so a branch reads as one stroke (no Qt here).

In the spirit of hierarchical edge bundling (Holten, 2006): a tie between two people is a
curve pulled toward the tree path that joins them. Both ends climb the tree (each person's
parent is the connector one ring in) to their lowest common ancestor; the curve is a cubic
Bézier whose two inner control points are the ancestors just below that meeting point. Ties
between branches therefore dip toward the centre through their branches' roots and ties of
one branch to another follow the same curve: they bundle instead of fanning. A tie between
a person and their own parent, or between two children of one parent, stays straight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SEGMENTS = 8  # straight pieces per curved tie
BETA = 0.8  # bundling strength: 0 straight lines, 1 exactly through the ancestors
MAX_DEPTH = 3  # you, then the 1st, 2nd and 3rd ring


@dataclass
class Ties:
    """Every tie as drawn: straight ones as one segment, curved ones as SEGMENTS pieces.

    `curve[k]` is the row in `points` of tie k's polyline (-1 when it is straight);
    `box` its bounding box (x0, y0, x1, y1) and `length` its length, in map units.
    """

    curve: npt.NDArray[np.int64]
    points: npt.NDArray[np.float32]  # (curved ties, SEGMENTS + 1, 2)
    box: npt.NDArray[np.float64]  # (ties, 4)
    length: npt.NDArray[np.float64]

    @classmethod
    def empty(cls) -> Ties:
        return cls(
            np.zeros(0, np.int64),
            np.zeros((0, SEGMENTS + 1, 2), np.float32),
            np.zeros((0, 4)),
            np.zeros(0),
        )


def ancestors(parent: npt.NDArray[np.int64], depth: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """(n, MAX_DEPTH + 1): each person's ancestor at depth k (themselves at their own
    depth), -1 above a missing link or below their depth."""
    n = len(depth)
    out = np.full((n, MAX_DEPTH + 1), -1, np.int64)
    inside = (depth >= 0) & (depth <= MAX_DEPTH)
    idx = np.flatnonzero(inside)
    out[idx, depth[idx]] = idx
    for d in range(MAX_DEPTH, 0, -1):
        rows = np.flatnonzero(out[:, d] >= 0)
        up = parent[out[rows, d]]
        out[rows, d - 1] = np.where(up >= 0, up, -1)
    return out


def bundle(
    xy: npt.NDArray[np.float64],
    edges: npt.NDArray[np.int32],
    parent: npt.NDArray[np.int64],
    depth: npt.NDArray[np.int64],
) -> Ties:
    """The drawn shape of every tie in `edges` (see the module's docstring)."""
    m = len(edges)
    if m == 0:
        return Ties.empty()
    a = edges[:, 0].astype(np.int64)
    b = edges[:, 1].astype(np.int64)
    curve = np.full(m, -1, np.int64)
    c1 = c2 = np.zeros((0, 2))
    curved = np.zeros(0, np.int64)
    if len(parent) == len(xy):
        anc = ancestors(parent, depth)
        # Depth of the lowest common ancestor: the deepest level where both chains agree.
        low = np.full(m, -1, np.int64)
        for k in range(MAX_DEPTH + 1):
            same = (anc[a, k] >= 0) & (anc[a, k] == anc[b, k])
            low = np.where(same, k, low)
        below = low + 1
        ok = (low >= 0) & (below <= MAX_DEPTH)
        ia = np.where(ok, anc[a, np.minimum(below, MAX_DEPTH)], -1)
        ib = np.where(ok, anc[b, np.minimum(below, MAX_DEPTH)], -1)
        # Straight: one end is the other's ancestor, siblings, or no tree to follow.
        bent = ok & (ia >= 0) & (ib >= 0) & ~((ia == a) & (ib == b))
        curved = np.flatnonzero(bent)
        curve[curved] = np.arange(len(curved))
        c1, c2 = xy[ia[curved]], xy[ib[curved]]
    p0, p3 = xy[a[curved]], xy[b[curved]]
    # Straightened toward the chord by 1 - BETA, so bundles stay apart a little.
    c1 = BETA * c1 + (1 - BETA) * (p0 + (p3 - p0) / 3)
    c2 = BETA * c2 + (1 - BETA) * (p0 + 2 * (p3 - p0) / 3)
    t = np.linspace(0.0, 1.0, SEGMENTS + 1)[None, :, None]
    u = 1 - t
    pts = (
        u**3 * p0[:, None, :]
        + 3 * u * u * t * c1[:, None, :]
        + 3 * u * t * t * c2[:, None, :]
        + t**3 * p3[:, None, :]
    )
    box = np.column_stack(
        [
            np.minimum(xy[a, 0], xy[b, 0]),
            np.minimum(xy[a, 1], xy[b, 1]),
            np.maximum(xy[a, 0], xy[b, 0]),
            np.maximum(xy[a, 1], xy[b, 1]),
        ]
    )
    length = np.hypot(xy[a, 0] - xy[b, 0], xy[a, 1] - xy[b, 1])
    if len(curved):
        box[curved, 0] = pts[:, :, 0].min(axis=1)
        box[curved, 1] = pts[:, :, 1].min(axis=1)
        box[curved, 2] = pts[:, :, 0].max(axis=1)
        box[curved, 3] = pts[:, :, 1].max(axis=1)
        length[curved] = np.hypot(*np.diff(pts, axis=1).transpose(2, 0, 1)).sum(axis=1)
    return Ties(curve, pts.astype(np.float32), box, length)


def segments(
    ties: Ties,
    xy: npt.NDArray[np.float64],
    edges: npt.NDArray[np.int32],
    which: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """(k, 4) line segments x0, y0, x1, y1 (map units) drawing the ties `which`."""
    rows = ties.curve[which]
    straight = which[rows < 0]
    e = edges[straight]
    out = [np.column_stack([xy[e[:, 0]], xy[e[:, 1]]])]
    pts = ties.points[rows[rows >= 0]].astype(np.float64)
    if len(pts):
        out.append(np.concatenate([pts[:, :-1, :], pts[:, 1:, :]], axis=2).reshape(-1, 4))
    return np.concatenate(out) if out else np.zeros((0, 4))


@dataclass
class GroupBundles:
    """Ties between coloured groups, one bundle per pair: what the overview shows of them.

    Row k joins group `a[k]` and `b[k]`, whose people beyond the 1st ring sit around
    `ends[k]` (x0, y0, x1, y1, map units); `count[k]` ties run between them.
    """

    a: npt.NDArray[np.int64]
    b: npt.NDArray[np.int64]
    ends: npt.NDArray[np.float64]
    count: npt.NDArray[np.int64]

    def curves(self, pull: float = 0.25) -> npt.NDArray[np.float64]:
        """(k, SEGMENTS + 1, 2): each bundle as a quadratic Bézier bent toward you (its
        control point `pull` of the way from the centre to the ends' midpoint)."""
        p0, p1 = self.ends[:, 0:2], self.ends[:, 2:4]
        c = pull * (p0 + p1) / 2
        t = np.linspace(0.0, 1.0, SEGMENTS + 1)[None, :, None]
        u = 1 - t
        pts = u * u * p0[:, None, :] + 2 * u * t * c[:, None, :] + t * t * p1[:, None, :]
        return np.asarray(pts, np.float64)


def group_bundles(
    xy: npt.NDArray[np.float64],
    edges: npt.NDArray[np.int32],
    group: npt.NDArray[np.int32],
    degree: npt.NDArray[np.int8],
    grey: int,
    *,
    least: int = 5,
    share: float = 0.05,
    shown: npt.NDArray[np.bool_] | None = None,
) -> GroupBundles:
    """A bundle for every pair of coloured groups (not `grey`) with at least `least` ties
    between people of rings 1-3, and at least `share` of the busiest pair's; its ends at
    each group's mean position beyond the 1st ring (or on it, for a group only there).
    `shown`: only these people count (the map of a date, a filter), so a bundle never
    reaches into a ring nobody of its group is shown on, and is as wide as the ties shown."""
    n_groups = int(group.max(initial=-1)) + 1
    empty = GroupBundles(
        np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 4)), np.zeros(0, np.int64)
    )
    if not len(edges) or n_groups < 2:
        return empty
    g = group.astype(np.int64)
    inside = (degree >= 1) & (degree <= 3)
    if shown is not None:
        inside &= shown
    ga, gb = g[edges[:, 0]], g[edges[:, 1]]
    keep = (ga != gb) & (ga != grey) & (gb != grey) & inside[edges[:, 0]] & inside[edges[:, 1]]
    lo, hi = np.minimum(ga, gb)[keep], np.maximum(ga, gb)[keep]
    pair, count = np.unique(lo * n_groups + hi, return_counts=True)
    # The pairs that matter: a handful of ties between two big groups is noise.
    enough = count >= max(least, int(share * count.max(initial=0)))
    pair, count = pair[enough], count[enough]
    if not len(pair):
        return empty
    # Where each group is: beyond the 1st ring if it has people there.
    outer = inside & (degree >= 2)
    centre = np.zeros((n_groups, 2))
    for who in (inside, outer):
        sel = np.flatnonzero(who)
        total = np.bincount(g[sel], minlength=n_groups).astype(np.float64)
        for axis in (0, 1):
            s = np.bincount(g[sel], weights=xy[sel, axis], minlength=n_groups)
            centre[:, axis] = np.where(total > 0, s / np.maximum(total, 1), centre[:, axis])
    a, b = pair // n_groups, pair % n_groups
    ends = np.column_stack([centre[a], centre[b]])
    return GroupBundles(a, b, ends, count.astype(np.int64))
