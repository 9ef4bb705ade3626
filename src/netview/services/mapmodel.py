"""The map's view-model: everything the network map draws, as plain arrays.

The desktop map and the headless renderer pull positions, colours, sizes, labels and ties
from a `MapModel`; Qt items hold no domain logic and this module has no Qt, so it is tested
on its own. The layout places you at the centre and each degree on its own ring; people
are grouped into sectors (a user group, else a shared company, else the 1st-degree person
through whom they are reached), and each sector keeps its colour on every ring.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from netview.store import network
from netview.store.db import Database
from netview.store.network import PersonRow

OTHERS = 4  # degree given to people not within three steps of the owner
RING_RADII: tuple[float, ...] = (0.0, 1.0, 2.0, 3.0, 3.8)
RING_NAMES = ("You", "1st", "2nd", "3rd", "Not connected")
MAX_COLOURED_GROUPS = 10
# Colour-blind-safe qualitative palette (Okabe-Ito order, then Tableau extras).
PALETTE: tuple[tuple[int, int, int], ...] = (
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
    (240, 228, 66),
    (148, 103, 189),
    (140, 86, 75),
    (23, 190, 207),
)
GREY = (150, 150, 150)
OWNER_COLOUR = (40, 40, 40)
_GOLDEN = (math.sqrt(5) - 1) / 2
_LABEL_GAP = 0.1  # radians kept free either side of 12 o'clock
_SPACING = (0.0, 0.0, 0.03, 0.022)  # preferred angle between neighbours on rings 2 and 3

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass
class MapModel:
    person_ids: IntArray
    names: list[str]
    companies: list[str]
    titles: list[str]
    xy: FloatArray  # (n, 2) map units; ring d at radius RING_RADII[d]
    degree: npt.NDArray[np.int8]  # 0 = owner, 1..3, OTHERS
    group: npt.NDArray[np.int32]  # index into group_names
    group_names: list[str]
    colors: npt.NDArray[np.uint8]  # (n, 4) RGBA
    sizes: npt.NDArray[np.float32]  # marker diameter in pixels
    edges: npt.NDArray[np.int32]  # (m, 2) indices into the arrays above
    visible: npt.NDArray[np.bool_]
    importance: FloatArray  # larger = more worth a label
    _adj_ptr: IntArray = field(repr=False, default_factory=lambda: np.zeros(1, np.int64))
    _adj_idx: npt.NDArray[np.int32] = field(
        repr=False, default_factory=lambda: np.zeros(0, np.int32)
    )

    def __len__(self) -> int:
        return len(self.person_ids)

    @property
    def owner_index(self) -> int | None:
        found = np.flatnonzero(self.degree == 0)
        return int(found[0]) if len(found) else None

    def degree_counts(self) -> dict[int, int]:
        """People per ring (1, 2, 3, OTHERS); the owner is not counted."""
        counts = np.bincount(self.degree.astype(np.int64), minlength=OTHERS + 1)
        return {d: int(counts[d]) for d in range(1, OTHERS + 1)}

    def ties_of(self, index: int) -> npt.NDArray[np.int32]:
        """Indices of the people tied to person `index`."""
        return self._adj_idx[self._adj_ptr[index] : self._adj_ptr[index + 1]]

    def label_order(self) -> npt.NDArray[np.int64]:
        """Visible people, most worth labelling first (owner, then most ties, inner rings)."""
        idx = np.flatnonzero(self.visible)
        key = self.importance[idx] - self.degree[idx] * 1e-3
        return idx[np.argsort(-key, kind="stable")]

    def nearest(self, x: float, y: float, max_dist: float) -> int | None:
        """The visible person closest to (x, y) within `max_dist` map units."""
        if not len(self):
            return None
        d2 = (self.xy[:, 0] - x) ** 2 + (self.xy[:, 1] - y) ** 2
        d2[~self.visible] = np.inf
        best = int(np.argmin(d2))
        return best if d2[best] <= max_dist * max_dist else None

    def describe(self, index: int) -> str:
        """The one-paragraph tooltip of a person."""
        lines = [self.names[index] or "(no name)"]
        job = " at ".join(p for p in (self.titles[index], self.companies[index]) if p)
        if job:
            lines.append(job)
        d = int(self.degree[index])
        lines.append(
            "You" if d == 0 else f"{RING_NAMES[d]} degree" if d < OTHERS else RING_NAMES[d]
        )
        return "\n".join(lines)

    @classmethod
    def empty(cls) -> MapModel:
        return build_map_model([], [], None)


def load_map_model(db: Database) -> MapModel:
    """Read the network from `db` and lay it out."""
    with db.session() as session:
        owner = network.owner_id(session)
        rows = network.people(session)
        ties = network.ties(session)
        groups = network.group_of_people(session)
    return build_map_model(rows, ties, owner, groups)


def _csr(n: int, edges: npt.NDArray[np.int32]) -> tuple[IntArray, npt.NDArray[np.int32]]:
    both = np.concatenate([edges, edges[:, ::-1]]) if len(edges) else np.zeros((0, 2), np.int32)
    order = np.argsort(both[:, 0], kind="stable")
    src, dst = both[order, 0], both[order, 1].astype(np.int32)
    ptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=ptr[1:])
    return ptr, dst


def _bfs(
    n: int, ptr: IntArray, idx: npt.NDArray[np.int32], start: int | None
) -> tuple[IntArray, IntArray]:
    """Degree (steps from the owner, OTHERS beyond 3) and BFS parent of every person."""
    degree = np.full(n, OTHERS, np.int64)
    parent = np.full(n, -1, np.int64)
    if start is None:
        return degree, parent
    degree[start] = 0
    frontier = np.array([start], np.int64)
    for d in (1, 2, 3):
        if not len(frontier):
            break
        starts, ends = ptr[frontier], ptr[frontier + 1]
        lengths = ends - starts
        if not lengths.sum():
            break
        owners = np.repeat(frontier, lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        nbrs = idx[np.repeat(starts, lengths) + offsets].astype(np.int64)
        new = degree[nbrs] == OTHERS
        nbrs, owners = nbrs[new], owners[new]
        # First parent seen wins; np.unique keeps the first occurrence's index.
        nbrs, first = np.unique(nbrs, return_index=True)
        degree[nbrs] = d
        parent[nbrs] = owners[first]
        frontier = nbrs
    return degree, parent


def _groups_of_first_ring(
    first: IntArray, rows: Sequence[PersonRow], user_groups: dict[int, tuple[str, str | None]]
) -> dict[int, str]:
    """A sector name for each 1st-degree person: user group, else shared company, else Other."""
    companies = Counter(
        rows[i].company.strip().casefold() for i in first if rows[i].company.strip()
    )
    names: dict[int, str] = {}
    for i in first:
        pid = rows[i].id
        company = rows[i].company.strip()
        if pid in user_groups:
            names[int(i)] = user_groups[pid][0]
        elif company and companies[company.casefold()] >= 3:
            names[int(i)] = company
        else:
            names[int(i)] = "Other"
    return names


def _pack(targets: FloatArray, span: float, spacing: float) -> FloatArray:
    """Positions in [0, span] as near as possible to sorted `targets`, `spacing` apart."""
    m = len(targets)
    spacing = min(spacing, span / max(m, 1))
    lo, hi = spacing / 2, span - spacing / 2
    x = np.clip(targets, lo, hi).astype(np.float64)
    for i in range(1, m):  # push right to keep the spacing
        x[i] = max(x[i], x[i - 1] + spacing)
    x -= max(0.0, x[-1] - hi) if m else 0.0
    for i in range(m - 2, -1, -1):  # and back inside the sector
        x[i] = min(x[i], x[i + 1] - spacing)
    return np.clip(x, lo, hi)


def _hex_rgb(value: str | None) -> tuple[int, int, int] | None:
    if not value or not value.startswith("#") or len(value) != 7:
        return None
    try:
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    except ValueError:
        return None


def build_map_model(
    rows: Sequence[PersonRow],
    ties: Sequence[tuple[int, int]],
    owner_id: int | None,
    user_groups: dict[int, tuple[str, str | None]] | None = None,
) -> MapModel:
    """Lay out people on degree rings around `owner_id`, grouped into coloured sectors."""
    user_groups = user_groups or {}
    n = len(rows)
    ids = np.fromiter((r.id for r in rows), np.int64, count=n)
    pos = {int(pid): i for i, pid in enumerate(ids)}
    pairs = [(pos[a], pos[b]) for a, b in ties if a in pos and b in pos and a != b]
    edges = np.array(pairs, np.int32).reshape(-1, 2)
    ptr, idx = _csr(n, edges)
    owner = pos.get(owner_id) if owner_id is not None else None
    degree, parent = _bfs(n, ptr, idx, owner)
    tie_count = np.diff(ptr).astype(np.float64)

    # Sector of each person: 1st ring by group/company, outer rings inherit their parent's.
    first = np.flatnonzero(degree == 1)
    first_names = _groups_of_first_ring(first, rows, user_groups)
    sector_name: list[str] = ["Other"] * n
    for i, name in first_names.items():
        sector_name[i] = name
    for d in (2, 3):
        for i in np.flatnonzero(degree == d).tolist():
            sector_name[i] = sector_name[int(parent[i])]
    for i in np.flatnonzero(degree == OTHERS).tolist():
        sector_name[i] = "Not connected"

    # Largest sectors keep their own colour; the rest are merged into "Other".
    sizes_by_name = Counter(sector_name[i] for i in range(n) if 0 < degree[i] < OTHERS)
    ranked = [s for s, _ in sizes_by_name.most_common() if s != "Other"]
    kept = ranked[:MAX_COLOURED_GROUPS]
    group_names = [*kept, "Other", "Not connected", "You"]
    gindex = {s: k for k, s in enumerate(group_names)}
    group = np.array([gindex.get(s, gindex["Other"]) for s in sector_name], np.int32).reshape(n)
    if owner is not None:
        group[owner] = gindex["You"]

    # Angular span of each sector, proportional to its people on all rings.
    counts = np.bincount(group, minlength=len(group_names)).astype(np.float64)
    counts[gindex["Not connected"]] = 0
    counts[gindex["You"]] = 0
    total = counts.sum()
    gap = 0.02 if np.count_nonzero(counts) > 1 else 0.0
    # The top of every ring stays free for its ring label ("2nd · 1,204").
    usable = 2 * math.pi * (1 - gap * np.count_nonzero(counts)) - 2 * _LABEL_GAP
    span = np.where(total > 0, counts / max(total, 1.0) * usable, 0.0)
    start = np.zeros(len(group_names))
    cursor = math.pi / 2 - _LABEL_GAP  # first sector starts just right of 12 o'clock
    for k in range(len(group_names)):
        if counts[k]:
            start[k] = cursor
            cursor -= span[k] + 2 * math.pi * gap  # clockwise

    xy = np.zeros((n, 2))
    angle = np.zeros(n)
    for d in (1, 2, 3):
        ring = np.flatnonzero(degree == d)
        if not len(ring):
            continue
        # Within a sector, order by the parent's angle so people sit near whoever links them.
        key_parent = angle[np.maximum(parent[ring], 0)] if d > 1 else np.zeros(len(ring))
        name_key = np.array([rows[i].name.casefold() for i in ring.tolist()]) if d == 1 else None
        if name_key is not None:
            order = np.lexsort((name_key, group[ring]))
        else:
            order = np.lexsort((-key_parent, group[ring]))
        ring = ring[order]
        band = min(0.7, 0.08 + len(ring) / 4000)  # dense rings spread radially
        for k in np.unique(group[ring]):
            members = ring[group[ring] == k]
            m = len(members)
            if d == 1:
                t = (np.arange(m) + 0.5) / m * span[k]
            else:
                # Outer rings gather near whoever links them instead of fanning out.
                t = _pack(start[k] - angle[parent[members]], span[k], _SPACING[d] * (1 + band))
            angle[members] = start[k] - t
            jitter = ((np.arange(m) * _GOLDEN) % 1.0 - 0.5) * band if m > 1 else np.zeros(m)
            radius = RING_RADII[d] + jitter
            xy[members, 0] = radius * np.cos(angle[members])
            xy[members, 1] = radius * np.sin(angle[members])
    others = np.flatnonzero(degree == OTHERS)
    if len(others):
        t = (np.arange(len(others)) + 0.5) / len(others)
        a = math.pi / 2 - t * 2 * math.pi
        xy[others, 0] = RING_RADII[OTHERS] * np.cos(a)
        xy[others, 1] = RING_RADII[OTHERS] * np.sin(a)

    palette = np.array([*PALETTE[: len(kept)], GREY, GREY, OWNER_COLOUR], np.uint8)
    for k, s in enumerate(kept):
        # A user group's own colour wins over the palette.
        own = next((_hex_rgb(c) for pid, (g, c) in user_groups.items() if g == s and c), None)
        if own:
            palette[k] = own
    colors = np.zeros((n, 4), np.uint8)
    colors[:, :3] = palette[group]
    alpha = np.array([255, 235, 190, 150, 110], np.uint8)
    colors[:, 3] = alpha[degree]

    base = np.array([18.0, 7.0, 5.0, 3.5, 3.0], np.float32)
    sizes = base[degree] + np.where(degree == 1, np.minimum(np.log1p(tie_count), 5.0), 0.0)
    importance = tie_count.copy()
    if owner is not None:
        importance[owner] = np.inf
    model = MapModel(
        person_ids=ids,
        names=[r.name for r in rows],
        companies=[r.company for r in rows],
        titles=[r.position for r in rows],
        xy=xy,
        degree=degree.astype(np.int8),
        group=group,
        group_names=group_names,
        colors=colors,
        sizes=sizes.astype(np.float32),
        edges=edges,
        visible=degree < OTHERS,
        importance=importance,
    )
    model._adj_ptr, model._adj_idx = ptr, idx
    return model
