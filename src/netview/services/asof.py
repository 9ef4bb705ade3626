"""The network as of a date: when each person became part of your network.

Your connections joined on the day you connected. Someone further out joined when the tie
that reaches them appeared, but only once the person one ring in had joined too: a
2nd-degree person reached through Ana on a tie of 2019, Ana being your connection since
2021, joined in 2021. With several connectors the earliest such day counts. The time
control shows and hides people by this day on the map as laid out; Colour By Year uses its
year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from netview.graph.network import Network
from netview.services.network import LoadedNetwork

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
# Viridis (perceptually ordered, colour-blind safe) at eighths; years are sampled between
# 0.1 and 0.9 of it so neither the darkest nor the palest end vanishes on a dark or a
# light background.
_VIRIDIS = np.array(
    [
        (68, 1, 84),
        (71, 45, 123),
        (59, 82, 139),
        (44, 114, 142),
        (33, 145, 140),
        (40, 174, 128),
        (94, 201, 98),
        (173, 220, 48),
        (253, 231, 37),
    ],
    np.float64,
)


def reach_days(net: Network, tie_day: FloatArray) -> FloatArray:
    """Per person the day (date ordinal) they joined your network; NaN when no date is
    known along any path of ties into them (or they are not connected). You: -inf."""
    n = net.n
    day = np.full(n, np.inf)
    if n == 0:
        return day
    day[net.owner] = -np.inf
    adj = net.adjacency
    src = np.repeat(np.arange(n, dtype=np.int64), np.diff(adj.indptr))
    dst = adj.indices
    # An unknown tie date never makes a person join: it only counts as "later than all".
    when = np.where(np.isnan(tie_day), np.inf, tie_day)[adj.edge]
    deg = net.degree.astype(np.int64)
    inward = (deg[src] >= 1) & (deg[dst] == deg[src] - 1)  # src reached through dst
    src, dst, when = src[inward], dst[inward], when[inward]
    ring = deg[src]
    for d in range(1, int(deg.max(initial=0)) + 1):
        sel = ring == d
        if not sel.any():
            continue
        # Joined when both the connector had joined and the tie to them existed.
        candidate = np.maximum(day[dst[sel]], when[sel])
        np.minimum.at(day, src[sel], candidate)
    day[np.isinf(day) & (day > 0)] = np.nan
    return day


def loaded_reach_days(ln: LoadedNetwork) -> FloatArray:
    """`reach_days` of a loaded network, cached on it (one pass over the ties)."""
    found = ln.cache.get("reach_days")
    if isinstance(found, np.ndarray):
        return found
    days = reach_days(ln.net, ln.connected_day)
    ln.cache["reach_days"] = days
    return days


def reach_years(ln: LoadedNetwork) -> list[int | None]:
    """Per person the year they joined your network (None: unknown, and for you)."""
    days = loaded_reach_days(ln)
    out: list[int | None] = [None] * len(days)
    for i, d in enumerate(days.tolist()):
        if np.isfinite(d):
            out[i] = date.fromordinal(round(d)).year
    return out


@dataclass(frozen=True)
class Timeline:
    """What the time control needs: the people's days, and the range to slide over."""

    days: FloatArray  # by person index; NaN unknown; -inf for you
    first: int  # date ordinal of the earliest known day
    last: int  # the latest known day, or today when later

    @property
    def dated(self) -> int:
        return int(np.isfinite(self.days).sum())  # you are -inf, not counted

    def shown(self, as_of: int) -> npt.NDArray[np.bool_]:
        return joined_by(self.days, as_of)


def timeline(days: FloatArray, today: date) -> Timeline | None:
    """The timeline of people joined on `days`, or None when nobody has a date."""
    known = days[np.isfinite(days)]
    if not known.size:
        return None
    first = int(known.min())
    last = max(int(known.max()), today.toordinal())
    return Timeline(days, first, last)


def joined_by(days: FloatArray, as_of: int) -> npt.NDArray[np.bool_]:
    """Who had joined by the end of day `as_of` (you always; people with no date never)."""
    with np.errstate(invalid="ignore"):
        return np.asarray(days <= as_of, np.bool_)


def sequential(n: int) -> list[tuple[int, int, int]]:
    """`n` colours in order, light-to-dark readable, from early (purple) to late (green)."""
    if n <= 0:
        return []
    where = np.linspace(0.1, 0.9, n) if n > 1 else np.array([0.5])
    at = where * (len(_VIRIDIS) - 1)
    low = np.floor(at).astype(np.int64)
    high = np.minimum(low + 1, len(_VIRIDIS) - 1)
    t = (at - low)[:, None]
    rgb = np.round(_VIRIDIS[low] * (1 - t) + _VIRIDIS[high] * t).astype(np.int64)
    return [(int(r), int(g), int(b)) for r, g, b in rgb.tolist()]


def year_colours(
    labels: list[str], counts: IntArray
) -> tuple[list[int], dict[str, tuple[int, int, int]]]:
    """The year groups the map colours (every one with people, in the labels' order, which
    services.groups.year_groups makes oldest first) and their colours, in that order."""
    kept = [g for g in range(len(labels)) if counts[g] > 0]
    colours = dict(zip((labels[g] for g in kept), sequential(len(kept)), strict=True))
    return kept, colours
