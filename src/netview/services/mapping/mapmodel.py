"""The map's view-model: everything the network map draws, as plain arrays.

The desktop map and the headless renderer pull positions, colours, sizes, labels, ring
guides and sector labels from a `MapModel`; Qt items hold no domain logic and this module
has no Qt, so it is tested on its own. Positions, rings and sectors come from the analytics
layout (`netview.graph.layout.degree_layout`): you at the centre, a ring per degree, one
contiguous arc per group (community or company by default) on every ring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from netview.core.ids import plain_name
from netview.graph.groups import company_key
from netview.graph.layout import Layout, degree_layout, dot_sizes
from netview.graph.network import Network
from netview.services.asof import joined_by, loaded_reach_days, year_colours
from netview.services.identity.matcher import NameIndex
from netview.services.mapping.mapshape import OTHERS as OTHERS  # re-exported: the map's 4th ring
from netview.services.mapping.mapshape import anchor_angles, nearest_spacing, shaded
from netview.services.network import LoadedNetwork, NoOwner, load_network
from netview.services.people.groups import (
    COLOURED,
    automatic,
    community_subgroups,
    group_of_people,
    subcommunity_names,
)
from netview.services.people.groups import ONLY_YOU as ONLY_YOU  # re-exported: the map's group
from netview.services.people.groups import community_names as community_names  # re-exported
from netview.services.wording import tie_words
from netview.store import network as q
from netview.store.db import Database

# The outer ring holds everyone more than three steps away, or with no path at all: "Further",
# as the filter that shows it says ("Not connected · 2" read as jargon, and was not true of all).
RING_NAMES = ("You", "1st", "2nd", "3rd", "Further")
GROUPINGS = ("community", "company", "function", "seniority", "source", "year", "group")
SIZE_MODES = ("strength", "centrality")
MAX_COLOURED_GROUPS = COLOURED
# Colour-blind-safe qualitative colours of middle lightness, so each reads on a light and on
# a dark background: Okabe-Ito without its black and yellow, then Paul Tol's bright/muted.
PALETTE: tuple[tuple[int, int, int], ...] = (
    (0, 114, 178),  # blue
    (230, 159, 0),  # orange
    (0, 158, 115),  # bluish green
    (204, 121, 167),  # reddish purple
    (86, 180, 233),  # sky blue
    (213, 94, 0),  # vermillion
    (170, 51, 119),  # Tol purple
    (204, 187, 68),  # Tol yellow
    (68, 170, 153),  # Tol teal
    (136, 34, 85),  # Tol wine
)
GREY = (150, 150, 150)
OWNER_COLOUR = (90, 90, 90)
OTHER = "Other"
_ALPHA = np.array([255, 245, 215, 185, 120], np.uint8)  # by degree: inner rings stand out

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class RingGuide:
    degree: int  # 1..3, OTHERS for everyone further or not connected
    radius: float  # innermost sub-ring, map units
    outer: float  # outermost sub-ring
    count: int

    @property
    def label(self) -> str:
        return f"{RING_NAMES[self.degree]} · {self.count:,}"


@dataclass(frozen=True)
class SectorLabel:
    text: str
    angle: float  # radians, counter-clockwise from +x: the middle of the group's widest arc
    count: int  # the group's people on rings 1-3 (larger labels win a crowded spot)
    group: int  # index into MapModel.group_names


@dataclass(frozen=True)
class LegendEntry:
    name: str
    rgb: tuple[int, int, int]
    count: int


@dataclass(frozen=True)
class MapFilters:
    """Who the map shows; the owner is always shown. None means no filter."""

    degrees: frozenset[int] = frozenset({1, 2, 3})
    group: str | None = None  # a group of the current grouping (any, not only coloured ones)
    company: str | None = None  # compared as a company key: "Acme Inc." matches "ACME"
    followup_due: frozenset[str] | None = None  # person keys whose follow-up is due
    hidden: frozenset[str] = frozenset()  # person keys of groups switched off in the panel
    as_of: int | None = None  # a date ordinal: only who had joined by then (services.asof)


@dataclass
class MapModel:
    keys: list[str]
    person_ids: IntArray
    names: list[str]
    companies: list[str]
    titles: list[str]
    xy: FloatArray  # (n, 2) map units; any two people at least `node_size` apart
    degree: npt.NDArray[np.int8]  # 0 = owner, 1..3, OTHERS
    group: npt.NDArray[np.int32]  # index into group_names (coloured groups, then Other)
    group_names: list[str]
    colors: npt.NDArray[np.uint8]  # (n, 4) RGBA
    sizes: npt.NDArray[np.float32]  # marker diameter in pixels
    edges: npt.NDArray[np.int32]  # (m, 2) indices into the arrays above
    visible: npt.NDArray[np.bool_]
    importance: FloatArray  # larger = more worth a label
    strength_to_you: FloatArray  # strength of the tie to you (0 beyond the 1st ring)
    ties_count: FloatArray  # number of ties (degree centrality, unnormalised)
    grouping: str = "community"
    raw_group: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    raw_labels: list[str] = field(default_factory=list)
    rings: list[RingGuide] = field(default_factory=list)
    sector_labels: list[SectorLabel] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    group_colors: list[tuple[int, int, int]] = field(default_factory=lambda: [GREY])
    node_size: float = 1.0
    # Per person the layout tree's parent (index into these arrays): the connector one ring
    # in through whom they are placed, you for the 1st ring; -1 for you and for people not
    # connected to you. Ties can be drawn bundled along it.
    tree_parent: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    # Per person the distance to their nearest neighbour on the map (map units): how large
    # a dot may be drawn at a zoom before it covers its neighbours (the map's level of
    # detail: zoomed out, a dense branch shows as fine grain, not as a solid block).
    spacing: FloatArray = field(default_factory=lambda: np.zeros(0))
    # Per person their sub-community as one number across the map (-1 none), and the
    # sub-communities' names: what a branch shows of itself once zoomed in.
    subgroup: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    subgroup_names: list[str] = field(default_factory=list)
    # Laid out keeping the angles of an earlier map (Reset View lays it out afresh).
    anchored: bool = False
    # Made with the ties of your own calendar and mailbox (None: not known, a map kept by
    # an older version): such a map is never the picture of what you share.
    own_evidence: bool | None = None
    size_by: str = "strength"
    filters: MapFilters = field(default_factory=MapFilters)
    # Per person the day they joined your network (services.asof.reach_days): what the
    # time control shows and hides by; empty when unknown (then it shows everyone).
    since: FloatArray = field(default_factory=lambda: np.zeros(0))
    net: Network | None = field(default=None, repr=False)
    _key_index: dict[str, int] = field(default_factory=dict, repr=False)
    _names_index: NameIndex | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.person_ids)

    @property
    def owner_index(self) -> int | None:
        found = np.flatnonzero(self.degree == 0)
        return int(found[0]) if len(found) else None

    def index_of(self, key: str) -> int | None:
        if not self._key_index and self.keys:
            self._key_index = {k: i for i, k in enumerate(self.keys)}
        return self._key_index.get(key)

    def restricted(
        self,
        people: dict[int, tuple[str, str]],
        *,
        anonymous: bool = False,
    ) -> MapModel:
        """A copy for sharing that shows only `people` (person id -> (name, company) to show)
        and you: everyone else is left out of the picture entirely, names included, even where
        a group was named after them. `anonymous`: group names become neutral too."""
        keep = np.array([int(pid) in people for pid in self.person_ids], np.bool_)
        owner = self.owner_index
        if owner is not None:
            keep[owner] = True
        hidden = [n for n, k in zip(self.names, keep, strict=True) if not k and n]
        # Groups are named by plain names ("Ana Silva" for "Ana Silva, PhD"): catch both.
        hidden += [p for p in map(plain_name, hidden) if p]

        def clean(text: str, i: int) -> str:
            if text == "Other":
                return text
            if anonymous or any(n in text for n in hidden):
                return f"Group {i + 1}"
            return text

        def shown(i: int, field: int, current: str) -> str:
            pid = int(self.person_ids[i])
            if pid in people:
                return people[pid][field]
            return current if i == owner and not anonymous else ("You" if field == 0 else "")

        edges = self.edges
        if len(edges):
            edges = edges[keep[edges[:, 0]] & keep[edges[:, 1]]]
        parent = self.tree_parent.copy()
        if len(parent):
            # A kept person whose connector is left out hangs from nobody: no stroke may
            # lead to where the hidden person sits.
            parent[~keep | ~keep[np.maximum(parent, 0)]] = -1
        counts = np.bincount(self.degree[keep].astype(np.int64), minlength=OTHERS + 1)
        return replace(
            self,
            keys=["" if anonymous else k for k in self.keys],
            names=[shown(i, 0, n) if keep[i] else "" for i, n in enumerate(self.names)],
            companies=[shown(i, 1, c) if keep[i] else "" for i, c in enumerate(self.companies)],
            titles=[
                "" if anonymous or not k else t for t, k in zip(self.titles, keep, strict=True)
            ],
            visible=self.visible & keep,
            edges=edges,
            tree_parent=parent,
            group_names=[clean(g, i) for i, g in enumerate(self.group_names)],
            raw_labels=[clean(g, i) for i, g in enumerate(self.raw_labels)],
            subgroup_names=[clean(g, i) for i, g in enumerate(self.subgroup_names)],
            legend=[replace(e, name=clean(e.name, i)) for i, e in enumerate(self.legend)],
            sector_labels=[replace(x, text=clean(x.text, x.group)) for x in self.sector_labels],
            rings=[replace(r, count=int(counts[r.degree])) for r in self.rings],
            net=None,
            _key_index={},
            _names_index=None,
        )

    def degree_counts(self) -> dict[int, int]:
        """People per ring (1, 2, 3, OTHERS); the owner is not counted."""
        counts = np.bincount(self.degree.astype(np.int64), minlength=OTHERS + 1)
        return {d: int(counts[d]) for d in range(1, OTHERS + 1)}

    def ties_of(self, index: int) -> IntArray:
        """Indices of the people tied to person `index`."""
        if self.net is None:
            return np.zeros(0, np.int64)
        return self.net.adjacency.neighbours(index)

    def connectors(self, index: int) -> list[int]:
        """People one ring closer to you through whom `index` is reached, strongest first."""
        if self.net is None:
            return []
        net = self.net
        found = net.connectors(index).tolist()
        return sorted(found, key=lambda c: (-net.tie_strength(index, c), self.names[c]))

    def label_order(self) -> IntArray:
        """Visible people, most worth labelling first (owner, then strong, central, inner)."""
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

    def degree_text(self, index: int) -> str:
        d = int(self.degree[index])
        if d == 0:
            return "You"
        return f"{RING_NAMES[d]} degree" if d < OTHERS else "Further than 3 steps from you"

    def describe(self, index: int) -> str:
        """The tooltip of a person: name, position, company, degree, via whom."""
        # As the map labels them: no pronouns, credentials or emoji (Details has the full name).
        name = self.names[index]
        lines = [plain_name(name) or name or self.keys[index] or "(no name)"]
        if self.titles[index]:
            lines.append(self.titles[index])
        if self.companies[index]:
            lines.append(self.companies[index])
        lines.append(self.degree_text(index))
        via = self.connectors(index)
        if via:
            shown = ", ".join(plain_name(self.names[c]) or self.keys[c] for c in via[:3])
            more = f" and {len(via) - 3:,} more" if len(via) > 3 else ""
            lines.append(f"Via {shown}{more}")
        elif self.degree[index] == 1:
            lines.append(tie_words(float(self.strength_to_you[index])))
        return "\n".join(lines)

    # --- what is shown ---------------------------------------------------------------------

    def filter_mask(self, filters: MapFilters) -> npt.NDArray[np.bool_]:
        """Who `filters` let through (the owner always)."""
        mask = np.isin(self.degree, np.array(sorted(filters.degrees), np.int8))
        if filters.group is not None:
            wanted = filters.group.casefold()
            raw = [k for k, name in enumerate(self.raw_labels) if name.casefold() == wanted]
            mask &= np.isin(self.raw_group, np.array(raw, np.int64))
        if filters.company is not None:
            want = company_key(filters.company)
            mask &= np.array([company_key(c) == want for c in self.companies], np.bool_)
        if filters.followup_due is not None:
            due = filters.followup_due
            mask &= np.array([k in due for k in self.keys], np.bool_)
        if filters.hidden:
            mask &= np.array([k not in filters.hidden for k in self.keys], np.bool_)
        if filters.as_of is not None and len(self.since) == len(self):
            mask &= joined_by(self.since, filters.as_of)
        owner = self.owner_index
        if owner is not None:
            mask[owner] = True
        return mask

    def apply_filters(self, filters: MapFilters) -> None:
        self.filters = filters
        self.visible = self.filter_mask(filters)

    def set_size_by(self, mode: str) -> None:
        """Marker sizes by "strength" (1st ring: strength to you) or "centrality" (ties)."""
        if mode not in SIZE_MODES:
            raise ValueError(f"size by {mode!r}: choose from {', '.join(SIZE_MODES)}")
        self.size_by = mode
        self.sizes = dot_sizes(self.degree, self.strength_to_you, self.ties_count, mode)

    def search(self, text: str, limit: int = 10) -> list[int]:
        """People whose name best matches `text` (netview.services.identity.matcher), best first;
        among equal matches the visible and more important first."""
        if not len(self):
            return []
        if self._names_index is None:
            self._names_index = NameIndex(self.names)
        hits = self._names_index.find(text, limit=None)
        ranked = sorted(hits, key=lambda h: (-h[1], not self.visible[h[0]], -self.importance[h[0]]))
        return [int(i) for i, _score in ranked[:limit]]

    @classmethod
    def empty(cls) -> MapModel:
        z = np.zeros(0)
        return cls(
            keys=[],
            person_ids=np.zeros(0, np.int64),
            names=[],
            companies=[],
            titles=[],
            xy=np.zeros((0, 2)),
            degree=np.zeros(0, np.int8),
            group=np.zeros(0, np.int32),
            group_names=[OTHER],
            colors=np.zeros((0, 4), np.uint8),
            sizes=np.zeros(0, np.float32),
            edges=np.zeros((0, 2), np.int32),
            visible=np.zeros(0, np.bool_),
            importance=z,
            strength_to_you=z,
            ties_count=z,
        )


# --- building -------------------------------------------------------------------------------


def default_grouping(only_yours: bool = False) -> str:
    """Communities (Leiden: about a second at 100,000 people), whatever the size.

    `only_yours`: every tie is one of yours (no colleague's export yet), so there are no
    communities to find; job functions then give a handful of meaningful arcs.
    """
    return "function" if only_yours else "community"


def load_map_model(
    db: Database,
    by: str | None = None,
    size_by: str = "strength",
    *,
    loaded: LoadedNetwork | None = None,
    evidence: bool = True,
    previous: MapModel | None = None,
) -> MapModel:
    """Read the network from `db` (or take `loaded`, with the communities cached on it),
    group it and lay it out (slow: run it in a worker). `evidence` False: without the ties
    your own calendar and mailbox make (a picture for someone else). `previous`: the map
    shown before (services.mapcache.previous): its people keep their angles
    (`anchor_angles`)."""
    if loaded is None:
        with db.session() as s:
            if q.owner_id(s) is None:  # nothing imported yet: answer at once
                return MapModel.empty()
        try:
            loaded = load_network(db, evidence=evidence)
        except NoOwner:
            return MapModel.empty()
    ln = loaded
    net = ln.net
    only_yours = bool(np.all((net.tie_a == net.owner) | (net.tie_b == net.owner)))
    by = by or default_grouping(only_yours)
    colours: dict[str, tuple[int, int, int]] = {}
    if by == "group":
        index, labels, colours = _user_groups(db, ln)
    else:
        index, labels = automatic(db, ln, by)
    anchor = (
        anchor_angles(previous.keys, previous.xy, previous.degree, ln.net)
        if previous is not None
        else None
    )
    if previous is not None and previous.grouping == by:
        # A group keeps the colour it had on the map shown before.
        colours = {
            **{
                name: rgb
                for name, rgb in zip(previous.group_names, previous.group_colors, strict=False)
                if name != OTHER
            },
            **colours,
        }
    sub = community_subgroups(ln) if by == "community" else None
    model = build_map_model(
        ln.net,
        index,
        labels,
        grouping=by,
        colours=colours,
        size_by=size_by,
        anchor=anchor,
        subgroups=sub,
    )
    if sub is not None:
        model.subgroup, model.subgroup_names = subcommunity_names(ln)
    model.anchored = anchor is not None
    model.own_evidence = ln.own_evidence
    model.since = loaded_reach_days(ln)
    return model


def _user_groups(
    db: Database, ln: LoadedNetwork
) -> tuple[IntArray, list[str], dict[str, tuple[int, int, int]]]:
    net = ln.net
    found = group_of_people(db, ln)
    names = sorted({name for name, _ in found.values()})
    number = {name: k for k, name in enumerate(names)}
    index = np.array(
        [number[found[pid][0]] if pid in found else -1 for pid in net.ids.tolist()], np.int64
    )
    colours = {}
    for name, colour in found.values():
        rgb = _hex_rgb(colour)
        if rgb:
            colours[name] = rgb
    if net.n:
        index[net.owner] = -1
    return index, names, colours


def _hex_rgb(value: str | None) -> tuple[int, int, int] | None:
    if not value or not value.startswith("#") or len(value) != 7:
        return None
    try:
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    except ValueError:
        return None


def build_map_model(
    net: Network,
    groups: IntArray,
    labels: list[str],
    *,
    grouping: str = "community",
    colours: dict[str, tuple[int, int, int]] | None = None,
    size_by: str = "strength",
    layout: Layout | None = None,
    anchor: FloatArray | None = None,
    subgroups: IntArray | None = None,
) -> MapModel:
    """The view-model of `net`, laid out by degree rings and `groups` (index into labels);
    `anchor`: angles people keep from the map shown before (see `anchor_angles`);
    `subgroups`: sub-groups within each group (0 the largest, -1 none), side by side
    along the rings in shades of their group's colour."""
    n = net.n
    if n == 0:
        return MapModel.empty()
    layout = layout or degree_layout(net, groups, labels, anchor=anchor, subgroups=subgroups)
    raw_degree = net.degree.astype(np.int64)
    degree = np.where((raw_degree < 0) | (raw_degree > 3), OTHERS, raw_degree).astype(np.int8)

    # Coloured groups: the largest on rings 1-3, the rest share grey "Other".
    groups = np.asarray(groups, np.int64)
    inside = (degree > 0) & (degree < OTHERS) & (groups >= 0)
    counts = np.bincount(groups[inside], minlength=len(labels))
    # A colour is for a cluster you can see: tiny groups stay grey.
    least = max(3, int(0.004 * inside.sum()))
    ranked = [int(g) for g in np.argsort(-counts, kind="stable") if counts[g] >= least]
    kept = ranked[:MAX_COLOURED_GROUPS]
    if grouping == "year":  # years read in order: oldest first, every year coloured
        kept, colours = year_colours(labels, counts)
    if grouping == "community" and ONLY_YOU in labels:
        # Your own connections no colleague knows sit on the 1st ring, the one you read
        # first: they keep the colour the communities left room for (services.groups).
        mine = labels.index(ONLY_YOU)
        if mine in ranked and mine not in kept:
            kept = [*kept[: MAX_COLOURED_GROUPS - 1], mine]
    slot = np.full(len(labels) + 1, len(kept), np.int64)  # last slot: Other
    slot[kept] = np.arange(len(kept))
    group = slot[np.where(groups >= 0, groups, len(labels))].astype(np.int32)
    group_names = [labels[g] for g in kept] + [OTHER]
    colours = colours or {}
    # Groups with a colour of their own (yours, or the one a group had on the map shown
    # before) keep it; the others take the palette's colours in turn, skipping those taken.
    taken = {colours[labels[g]] for g in kept if labels[g] in colours}
    free = iter([c for c in PALETTE if c not in taken] or list(PALETTE))
    chosen = []
    for k, g in enumerate(kept):
        given = colours.get(labels[g])
        chosen.append(given if given is not None else next(free, PALETTE[k % len(PALETTE)]))
    palette = np.array([*chosen, GREY], np.uint8)
    rgba = np.zeros((n, 4), np.uint8)
    rgba[:, :3] = palette[group]
    if subgroups is not None:
        rgba[:, :3] = shaded(rgba[:, :3], np.asarray(groups, np.int64), subgroups, kept)
    rgba[net.owner, :3] = OWNER_COLOUR
    rgba[:, 3] = _ALPHA[degree]
    per_slot = np.bincount(group[(degree > 0) & (degree < OTHERS)], minlength=len(group_names))
    legend = [
        LegendEntry(name, (int(c[0]), int(c[1]), int(c[2])), int(k))
        for name, c, k in zip(group_names, palette.tolist(), per_slot.tolist(), strict=True)
        if k
    ]

    # Strength of your own ties and everyone's number of ties.
    a, b = net.tie_a, net.tie_b
    strength = np.zeros(n)
    mine = (a == net.owner) | (b == net.owner)
    strength[np.where(a[mine] == net.owner, b[mine], a[mine])] = net.strength[mine]
    ties = np.diff(net.adjacency.indptr).astype(np.float64)
    importance = ties + 40.0 * strength
    importance[net.owner] = np.inf

    rings = []
    for ring in layout.rings:
        d = ring.degree if 0 < ring.degree <= 3 else OTHERS
        rings.append(RingGuide(d, ring.radius, ring.outer, ring.count))
    model = MapModel(
        keys=list(net.keys),
        person_ids=net.ids.astype(np.int64),
        names=[x or "" for x in net.names],
        companies=[c or "" for c in net.companies],
        titles=[p or "" for p in net.positions],
        xy=layout.positions.astype(np.float64),
        degree=degree,
        group=group,
        group_names=group_names,
        colors=rgba,
        sizes=dot_sizes(degree, strength, ties, size_by),
        edges=np.column_stack([a, b]).astype(np.int32).reshape(-1, 2),
        visible=(degree < OTHERS),
        importance=importance,
        strength_to_you=strength,
        ties_count=ties,
        grouping=grouping,
        raw_group=groups,
        raw_labels=list(labels),
        rings=rings,
        legend=legend,
        group_colors=[(int(c[0]), int(c[1]), int(c[2])) for c in palette.tolist()],
        node_size=layout.node_size,
        tree_parent=layout.parent.astype(np.int64),
        spacing=nearest_spacing(layout.positions, layout.ring, layout.node_size),
        size_by=size_by,
        net=net,
    )
    model.sector_labels = _sector_labels(layout, kept, rings, group_names, counts)
    return model


def _sector_labels(
    layout: Layout,
    kept: list[int],
    rings: list[RingGuide],
    group_names: list[str],
    counts: IntArray,
) -> list[SectorLabel]:
    """One label per coloured group, at the middle of its widest arc on rings 1-3."""
    best: dict[int, tuple[float, float]] = {}  # legend slot -> (arc length, mid angle)
    position = {g: k for k, g in enumerate(kept)}
    for s in layout.sectors:
        if s.group < 0 or rings[s.ring].degree >= OTHERS:
            continue
        k = position.get(s.group, -1)
        if k < 0:
            continue
        arc = (s.end - s.start) * rings[s.ring].outer
        if k not in best or arc > best[k][0]:
            best[k] = (arc, ((s.start + s.end) / 2.0) % (2 * math.pi))
    out = [
        SectorLabel(group_names[k], angle, int(counts[kept[k]]), k)
        for k, (_arc, angle) in best.items()
    ]
    return sorted(out, key=lambda s: -s.count)
