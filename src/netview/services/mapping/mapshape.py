"""The map's shape beyond the layout: angles kept from the map shown before, each dot's room
at a zoom, sub-groups' shades. Plain arrays in and out (services.mapmodel builds on them)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from netview.graph.network import Network

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
NEIGHBOURS = 24  # people either side in angular order searched for the nearest one
OTHERS = 4  # the degree the map gives people not within three steps of you


def anchor_angles(
    keys: list[str], xy: FloatArray, degree: npt.NDArray[np.int8], net: Network
) -> FloatArray | None:
    """Per person of `net` the angle around you they had on the map shown before (its
    people's `keys`, positions `xy` and `degree`): NaN for newcomers and for people whose
    degree changed (their ring is another); None when nobody is on both (another network)."""
    index = {k: i for i, k in enumerate(keys) if k}
    if not index or not len(xy):
        return None
    raw = net.degree.astype(np.int64)
    now = np.where((raw < 0) | (raw > 3), OTHERS, raw)
    here = [(i, index.get(k, -1)) for i, k in enumerate(net.keys)]
    mine = np.array([i for i, j in here if j >= 0], np.int64)
    theirs = np.array([j for _i, j in here if j >= 0], np.int64)
    out = np.full(net.n, np.nan)
    if not mine.size:
        return None
    same = (degree[theirs] == now[mine]) & (now[mine] > 0)
    mine, theirs = mine[same], theirs[same]
    out[mine] = np.arctan2(xy[theirs, 1], xy[theirs, 0])
    return out if mine.size else None


# Sub-groups in turn lighter and darker than their group's colour (a share of the way to
# white, or to black when negative): neighbours differ by more than 32 levels.
SHADES = (0.0, 0.4, -0.32, 0.62, -0.5, 0.22, -0.18)


def shaded(
    rgb: npt.NDArray[np.uint8],
    groups: IntArray,
    sub: IntArray,
    kept: list[int],
) -> npt.NDArray[np.uint8]:
    """Colours with each sizeable sub-group of a coloured group in its own shade (the
    largest keeps the group's colour; sub-groups of under 2 % of their group, or under 12
    people, too): a branch shows its inner structure at a glance."""
    n = groups.size
    coloured = np.isin(groups, np.array(kept, np.int64)) & (sub >= 0)
    top = int(sub.max(initial=-1)) + 1
    if not coloured.any() or top < 2:
        return rgb
    pair = np.where(coloured, groups * top + sub, -1)
    count = np.bincount(pair[coloured], minlength=int(pair.max()) + 1)
    per_group = np.bincount(groups[coloured], minlength=int(groups.max()) + 1)
    big = np.zeros(n, np.bool_)
    big[coloured] = count[pair[coloured]] >= np.maximum(12, 0.02 * per_group[groups[coloured]])
    shade = np.where(big, np.asarray(SHADES)[np.maximum(sub, 0) % len(SHADES)], 0.0)
    c = rgb.astype(np.float64)
    lighter = c + (255.0 - c) * np.maximum(shade, 0.0)[:, None]
    out = np.where(shade[:, None] >= 0, lighter, c * (1.0 + np.minimum(shade, 0.0))[:, None])
    return np.asarray(np.round(out), np.uint8)


def nearest_spacing(xy: FloatArray, ring: IntArray, node_size: float) -> FloatArray:
    """Each person's distance to the nearest other person of their ring, as far as the map
    needs it (how large a dot may be drawn), capped at 8 * node_size; you get the cap.

    Two estimates, the smaller wins: the nearest of NEIGHBOURS people either side in
    angular order (exact for a ring of a few sub-rings: the 1st ring), and the room each
    person has in a crowded band, sqrt(area / people) over a thin slice of the ring (a
    branch of a hundred sub-rings has its nearest neighbour far away in angular order)."""
    n = len(xy)
    cap = 8.0 * node_size
    out = np.full(n, cap)
    angle = np.arctan2(xy[:, 1], xy[:, 0])
    radius = np.hypot(xy[:, 0], xy[:, 1])
    for r in np.unique(ring[ring >= 0]).tolist():
        members = np.flatnonzero(ring == r)
        m = members.size
        if m < 2:
            continue
        order = members[np.argsort(angle[members], kind="stable")]
        p = xy[order]
        best = np.full(m, cap)
        for k in range(1, min(NEIGHBOURS, m - 1) + 1):
            d = np.hypot(*(p - np.roll(p, -k, axis=0)).T)
            best = np.minimum(best, np.minimum(d, np.roll(d, k)))
        if r == 0:  # the 1st ring: a few sub-rings at the disc's scale, found above
            out[order] = best
            continue
        # Slices about a node_size wide at the ring's middle radius.
        mid = float(np.median(radius[order]))
        slices = int(min(max(2.0 * np.pi * mid / node_size, 1.0), 20_000))
        at = np.minimum(
            ((angle[order] + np.pi) / (2 * np.pi) * slices).astype(np.int64), slices - 1
        )
        count = np.bincount(at, minlength=slices).astype(np.float64)
        lo = np.full(slices, np.inf)
        hi = np.zeros(slices)
        np.minimum.at(lo, at, radius[order])
        np.maximum.at(hi, at, radius[order])
        lo, hi = lo - 0.5 * node_size, hi + 0.5 * node_size
        area = np.pi / slices * (hi * hi - lo * lo)
        room = np.sqrt(area[at] / np.maximum(count[at], 1.0))
        out[order] = np.minimum(best, room)
    return out
