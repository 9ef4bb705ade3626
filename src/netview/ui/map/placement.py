"""The map's one label pass: what text goes where, by priority.

Order: the legend (a corner), you, the selected person, the path, the hovered person, ring
counts, names of the groups with more than 2 % of the people shown, the other group names,
then as many names of people as the zoom allows, most important first. Each text tries its
candidate positions (`labels.around`, arcs outside the disc) and is dropped if none is free.
A group's name that finds no room outside the disc goes over it only where it hides no
other group's people (its own, or an empty part of a ring), without its count if need be.
Zoomed in so far that none of those places is in view, a group whose people fill the view
has its name pinned to the view's edge nearest its direction, again only where it hides no
other group's people.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from netview.core.ids import plain_name
from netview.services.mapping.mapmodel import OTHER, OTHERS, RING_NAMES, MapModel
from netview.ui.glyphs import group_text as group_text  # the Groups panel's rule too
from netview.ui.map.labels import Placed, Placer, around, drawable, outside_circle, plain_key

BIG_GROUP = 0.02  # a group with more than this share of the people shown is named first
SUB_ZOOM = 0.6  # zoomed in this far (the disc's radius over the view's shorter side)…
MAX_SUBGROUPS = 12  # …the largest sub-communities in view are named
MIN_SUBGROUP = 20  # people in view, at least
NAME_SPREAD = 20.0  # degrees: a group's name is at most this far from its mean direction
LEGEND_MARGIN = 8.0
CROWD_CELL = 4.0  # pixels: cells in which a name's spot over the disc counts people
CROWD_PAD = 3.0  # pixels round a name's box where a dot would still touch it
ROW_PAD = 3.0
# Zoomed in on a group away from where its name goes, the name is pinned to the view's edge
# when the group has at least PIN_SHARE of the people in view (and PIN_LEAST of them).
PIN_SHARE = 0.25
PIN_LEAST = 5
PIN_MARGIN = 6.0  # pixels between a pinned name and the view's edge
PIN_STEP = 8.0  # pixels between the places tried along an edge


@dataclass(frozen=True)
class Frame:
    """Map units to view pixels: px = ox + scale * x, py = oy - scale * y (y up on the map)."""

    width: float
    height: float
    scale: float
    ox: float
    oy: float

    def px(self, x: float, y: float) -> QPointF:
        return QPointF(self.ox + self.scale * x, self.oy - self.scale * y)


def fonts() -> dict[str, QFont]:
    base = QFont()
    base.setPointSizeF(9)
    bold = QFont(base)
    bold.setBold(True)
    group = QFont(base)
    group.setPointSizeF(9.5)
    group.setBold(True)
    return {"person": base, "bold": bold, "group": group, "legend": base, "title": bold}


def disc_radius(model: MapModel) -> float:
    """Radius of the rings shown, to the outer edge of their people (map units)."""
    shown = [g for g in model.rings if g.degree in model.filters.degrees] or model.rings
    return max((g.outer for g in shown), default=1.0) + 0.5 * model.node_size


@dataclass
class _Facts:
    """What a placement needs of the model that changes only with it or its filters."""

    model: MapModel
    visible: npt.NDArray[np.bool_]
    shown: npt.NDArray[np.int64]  # people shown per group
    order: npt.NDArray[np.int64]  # visible people, most worth naming first
    angles: dict[int, float]
    on_ring: npt.NDArray[np.int64]  # people shown per degree (0 = you .. OTHERS)


_facts: _Facts | None = None


def facts(model: MapModel) -> _Facts:
    """Cached while the model and its visible set stay the same objects (a hover, a pan)."""
    global _facts
    f = _facts
    if f is None or f.model is not model or f.visible is not model.visible:
        # You are the centre, not a member of a group: the legend counts the others.
        people = model.visible & (model.degree > 0)
        shown = np.bincount(model.group[people], minlength=len(model.group_names))
        on_ring = np.bincount(model.degree[model.visible].astype(np.int64), minlength=OTHERS + 1)
        f = _facts = _Facts(
            model, model.visible, shown, model.label_order(), group_angles(model), on_ring
        )
    return f


def legend_rows(model: MapModel) -> tuple[str, list[tuple[str, tuple[int, int, int], int]]]:
    """The legend's title and (name, colour, people shown) of each group shown."""
    shown = facts(model).shown
    title = {"group": "Your groups"}.get(model.grouping, f"By {model.grouping}")
    rows = [
        (name, model.group_colors[k], int(shown[k]))
        for k, name in enumerate(model.group_names)
        if shown[k] and len(model)
    ]
    return title, rows


def legend_size(
    title: str, rows: list[tuple[str, tuple[int, int, int], int]], f: dict[str, QFont]
) -> tuple[float, float]:
    fm = QFontMetricsF(f["legend"])
    line = fm.height() + ROW_PAD
    texts = [_legend_text(n, c, f) for n, _, c in rows]
    width = max(
        [QFontMetricsF(f["title"]).horizontalAdvance(title) + 16]
        + [fm.horizontalAdvance(t) + 34 for t in texts]
    )
    return width, line * (len(rows) + 1) + 10


def _legend_text(name: str, count: int, f: dict[str, QFont]) -> str:
    return f"{group_text(name, f['legend']) or 'Group'}  {count:,}"


_boxes: tuple[MapModel, dict[tuple[int, bool], tuple[str, float, float]]] | None = None


def _person_box(model: MapModel, i: int, font: QFont, bold: bool) -> tuple[str, float, float]:
    """(text, width, height) of person `i`'s name label, kept while the model stays the
    same: each step of the time control names mostly the same people again."""
    global _boxes
    if _boxes is None or _boxes[0] is not model:
        _boxes = (model, {})
    found = _boxes[1].get((i, bold))
    if found is None:
        text = person_text(model, i, font)
        fm = QFontMetricsF(font)
        found = _boxes[1][(i, bold)] = (text, fm.horizontalAdvance(text) + 8, fm.height() + 2)
    return found


def person_text(model: MapModel, i: int, font: QFont) -> str:
    # The plain name (no pronouns, credentials or emoji): Details keeps the full one.
    name = plain_name(model.names[i]) or model.names[i]
    text = drawable(name, font) or drawable(plain_key(model.keys[i]), font)
    if model.degree[i] == 0:
        text = f"{text or 'You'} (you)"
    return text


def place_labels(
    model: MapModel,
    frame: Frame,
    *,
    selected: int | None = None,
    hovered: int | None = None,
    path: list[int] | None = None,
    budget: int = 0,
    rings_shown: bool = True,
    names_shown: bool = True,
) -> list[Placed]:
    """Every label of the picture, in pixels of a `frame.width` x `frame.height` view."""
    out: list[Placed] = []
    if not len(model):
        return out
    f = fonts()
    placer = Placer(frame.width, frame.height)
    centre = frame.px(0.0, 0.0)
    radius = disc_radius(model) * frame.scale

    # The legend: in a corner clear of the disc; where none is (a near-square view, or
    # zoomed in), folded to its title line; where even that would cover the disc, left
    # out: the group names on the map carry the same colours and counts.
    title, rows = legend_rows(model)
    if rows:
        m = LEGEND_MARGIN
        # "Other" (the small groups drawn grey together) is not one group: counted as one,
        # the map said "6 groups" where the Groups panel lists fourteen.
        named = sum(1 for name, _rgb, _n in rows if name != OTHER)
        folded = f"{title} · {named} group{'s' if named != 1 else ''}"
        if named < len(rows):
            folded += " and others"
        for text, shown_rows in ((title, rows), (folded, [])):
            w, h = legend_size(text, shown_rows, f)
            corners = [
                QRectF(m, m, w, h),
                QRectF(frame.width - m - w, m, w, h),
                QRectF(m, frame.height - m - h, w, h),
                QRectF(frame.width - m - w, frame.height - m - h, w, h),
            ]
            clear = [r for r in corners if _distance_into(r, centre) >= radius + 2]
            clear.sort(key=lambda r: -_distance_into(r, centre))
            box = placer.place(clear)
            if box is not None:
                legend_rows_drawn: list[tuple[str, tuple[int, int, int] | None]] = [
                    (f"{group_text(n, f['legend']) or 'Group'}  {c:,}", rgb)
                    for n, rgb, c in shown_rows
                ]
                out.append(Placed(text, "legend", box, rows=legend_rows_drawn))
                break

    def person(i: int, kind: str, bold: bool) -> None:
        if not model.visible[i] and kind != "path":
            return
        text, w, h = _person_box(model, i, f["bold"] if bold else f["person"], bold)
        if not text:
            return
        x, y = float(model.xy[i, 0]), float(model.xy[i, 1])
        p = frame.px(x, y)
        gap = float(model.sizes[i]) / 2 + 3
        box = placer.place(around(p.x(), p.y(), w, h, gap))
        if box is not None:
            out.append(Placed(text, kind, box, (x, y), p, bold=bold))

    done: set[int] = set()
    owner = model.owner_index
    firsts = [(owner, "you"), (selected, "selected")]
    firsts += [(i, "path") for i in path or []]
    firsts.append((hovered, "hovered"))
    # Their dots stay clear of every text: a circle's name or a ring's count was laid over
    # "you" or the person just selected once the view moved to them.
    for i, _kind in firsts:
        if i is not None and model.visible[i]:
            p, d = frame.px(float(model.xy[i, 0]), float(model.xy[i, 1])), float(model.sizes[i])
            dot = QRectF(p.x() - d / 2, p.y() - d / 2, d, d)
            if placer.bounds.intersects(dot):
                placer.take(dot)
    if names_shown:
        for i, kind in firsts:
            if i is not None and i not in done:
                done.add(i)
                person(i, "you" if i == owner else kind, True)

    if rings_shown:
        fm = QFontMetricsF(f["person"])
        for ring in model.rings:
            if ring.degree not in model.filters.degrees:
                continue
            # The people shown on the ring, not all of it: a filtered map counts what it shows.
            text = f"{RING_NAMES[ring.degree]} · {int(facts(model).on_ring[ring.degree]):,}"
            w, h = fm.horizontalAdvance(text) + 10, fm.height() + 4
            r_map = ring.outer + 0.5 * model.node_size
            cands = []
            for a in _sweep(math.pi / 2, 7, 12):
                x, y = r_map * math.cos(a), r_map * math.sin(a)
                p = frame.px(x, y)
                box = QRectF(0, 0, w, h)
                box.moveCenter(QPointF(p.x(), p.y() - h / 2 - 1))
                cands.append((box, (x, y), p))
            _place_anchored(placer, out, cands, text, "ring")

    title_total = max(int(model.visible.sum()) - (owner is not None), 1)
    shown, angles = facts(model).shown, facts(model).angles
    groups = sorted(angles, key=lambda g: (shown[g] <= BIG_GROUP * title_total, -shown[g]))
    fm = QFontMetricsF(f["group"])
    r_map = disc_radius(model)
    crowd = _Crowd(model, frame)
    for g in groups:
        name = group_text(model.group_names[g], f["group"]) or f"Group {g + 1}"
        texts = (f"{name} · {int(shown[g]):,}", name)
        # Without its count a name fits where the whole text does not (a narrow view).
        placed = None
        for text in texts:
            w, h = fm.horizontalAdvance(text) + 24, fm.height() + 4
            spots = _group_spots(frame, centre, radius, r_map, angles[g], w, h)
            hides_none = (s[:3] for s in spots if not s[3] or crowd.others(s[0], g) == 0)
            placed = _place_anchored(placer, out, hides_none, text, "group")
            if placed is not None:
                break
        if placed is None and shown[g] > BIG_GROUP * title_total:
            # A big group is named even so: where its name hides the fewest other people.
            w, h = fm.horizontalAdvance(name) + 24, fm.height() + 4
            spots = _group_spots(frame, centre, radius, r_map, angles[g], w, h)
            free = [s[:3] for s in spots if s[3] and placer.fits(s[0])]
            free.sort(key=lambda s: crowd.others(s[0], g))
            placed = _place_anchored(placer, out, free[:1], name, "group")
        if placed is None and not _ray_in_view(frame, r_map, angles[g]):
            # Zoomed in on the group, far from where its name goes: pinned to the edge of
            # the view nearest it, while its people fill the view.
            w, h = fm.horizontalAdvance(name) + 24, fm.height() + 4
            edge = _pinned_spots(frame, centre, angles[g], w, h) if crowd.fills(g) else []
            placed = _place_pinned(placer, out, (b for b in edge if crowd.others(b, g) == 0), name)
        if placed is not None:
            placed.colour = model.group_colors[g]
            placed.bold = True

    if radius >= SUB_ZOOM * min(frame.width, frame.height):
        _place_subgroups(model, frame, placer, out, f)

    if names_shown and budget > 0:
        order = facts(model).order
        xs = frame.ox + frame.scale * model.xy[order, 0]
        ys = frame.oy - frame.scale * model.xy[order, 1]
        inside = order[(xs >= 0) & (xs <= frame.width) & (ys >= 0) & (ys <= frame.height)]
        named = 0
        for i in inside[: budget * 8].tolist():
            if named >= budget:
                break
            if i in done:
                continue
            before = len(out)
            person(i, "person", False)
            named += len(out) > before
    return out


def _place_subgroups(
    model: MapModel, frame: Frame, placer: Placer, out: list[Placed], f: dict[str, QFont]
) -> None:
    """Zoomed in, the sub-communities in view are named over their people (the largest
    in view first, at most MAX_SUBGROUPS): a branch reveals its inner structure."""
    m = model
    if len(m.subgroup) != len(m) or not m.subgroup_names:
        return
    who = np.flatnonzero(m.visible & (m.subgroup >= 0) & (m.degree > 0) & (m.degree < OTHERS))
    xs = frame.ox + frame.scale * m.xy[who, 0]
    ys = frame.oy - frame.scale * m.xy[who, 1]
    seen = (xs >= 0) & (xs <= frame.width) & (ys >= 0) & (ys <= frame.height)
    who, xs, ys = who[seen], xs[seen], ys[seen]
    if not len(who):
        return
    sub = m.subgroup[who]
    k = len(m.subgroup_names)
    count = np.bincount(sub, minlength=k)
    cx = np.bincount(sub, weights=xs, minlength=k) / np.maximum(count, 1)
    cy = np.bincount(sub, weights=ys, minlength=k) / np.maximum(count, 1)
    first = np.full(k, -1, np.int64)
    first[sub[::-1]] = who[::-1]
    fm = QFontMetricsF(f["group"])
    # A part named like a whole community (its hub is that community's) says nothing new.
    taken = set(m.group_names) | set(m.raw_labels)
    named = 0
    for g in np.argsort(-count, kind="stable").tolist():
        if count[g] < MIN_SUBGROUP or named >= MAX_SUBGROUPS:
            break
        if m.subgroup_names[g] in taken:
            continue
        named += 1
        text = group_text(m.subgroup_names[g], f["group"]) or f"Part {g + 1}"
        text = f"{text} · {int(count[g]):,}"
        w, h = fm.horizontalAdvance(text) + 24, fm.height() + 4
        cands = []
        for dx, dy in ((0, 0), (0, -h), (0, h), (-w / 2, 0), (w / 2, 0), (0, -2 * h), (0, 2 * h)):
            box = QRectF(0, 0, w, h)
            box.moveCenter(QPointF(cx[g] + dx, cy[g] + dy))
            x = (box.center().x() - frame.ox) / frame.scale
            y = (frame.oy - box.center().y()) / frame.scale
            cands.append((box, (x, y), box.center()))
        placed = _place_anchored(placer, out, cands, text, "subgroup")
        if placed is not None:
            rgba = m.colors[first[g]]
            placed.colour = (int(rgba[0]), int(rgba[1]), int(rgba[2]))
            placed.bold = True


class _Crowd:
    """Who is under a box of the view: people of rings 1-3 counted per cell of CROWD_CELL
    pixels, with summed-area tables (all groups, and each group's own, made when first
    asked), so a name's candidate spot over the disc is checked in constant time."""

    def __init__(self, model: MapModel, frame: Frame) -> None:
        self.model = model
        self.frame = frame
        self._all: npt.NDArray[np.int64] | None = None
        self._own: dict[int, npt.NDArray[np.int64]] = {}

    def _table(self, sel: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        m, fr = self.model, self.frame
        nx = int(fr.width // CROWD_CELL) + 1
        ny = int(fr.height // CROWD_CELL) + 1
        gx = np.floor((fr.ox + fr.scale * m.xy[sel, 0]) / CROWD_CELL)
        gy = np.floor((fr.oy - fr.scale * m.xy[sel, 1]) / CROWD_CELL)
        inside = (gx >= 0) & (gx < nx) & (gy >= 0) & (gy < ny)
        cell = (gy[inside] * nx + gx[inside]).astype(np.int64)
        counts = np.bincount(cell, minlength=nx * ny).reshape(ny, nx)
        table = np.zeros((ny + 1, nx + 1), np.int64)
        table[1:, 1:] = counts.cumsum(0).cumsum(1)
        return table

    def _people(self) -> npt.NDArray[np.bool_]:
        m = self.model
        return m.visible & (m.degree > 0) & (m.degree < OTHERS)

    def _sum(self, table: npt.NDArray[np.int64], box: QRectF) -> int:
        # Every cell the box (grown by a dot's half-width) touches: a dot at its edge counts.
        ny, nx = table.shape[0] - 1, table.shape[1] - 1
        x0 = min(max(int((box.left() - CROWD_PAD) // CROWD_CELL), 0), nx)
        x1 = min(max(int((box.right() + CROWD_PAD) // CROWD_CELL) + 1, 0), nx)
        y0 = min(max(int((box.top() - CROWD_PAD) // CROWD_CELL), 0), ny)
        y1 = min(max(int((box.bottom() + CROWD_PAD) // CROWD_CELL) + 1, 0), ny)
        return int(table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0])

    def _tables(self, group: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(everyone's table, `group`'s table), each made when first asked."""
        if self._all is None:
            self._all = self._table(self._people())
        own = self._own.get(group)
        if own is None:
            own = self._own[group] = self._table(self._people() & (self.model.group == group))
        return self._all, own

    def fills(self, group: int) -> bool:
        """Whether `group`'s people fill the view: at least PIN_SHARE of the people in it
        (and PIN_LEAST), so the view is, for the user, in that group."""
        everyone, own = self._tables(group)
        mine = int(own[-1, -1])
        return mine >= PIN_LEAST and mine >= PIN_SHARE * int(everyone[-1, -1])

    def others(self, box: QRectF, group: int) -> int:
        """People of groups other than `group` under `box` (or in its cells' margin)."""
        everyone, own = self._tables(group)
        return self._sum(everyone, box) - self._sum(own, box)


def _group_spots(
    frame: Frame, centre: QPointF, radius: float, r_map: float, angle: float, w: float, h: float
) -> Iterator[tuple[QRectF, tuple[float, float], QPointF, bool]]:
    """Where a group's name may go, best first (made as they are tried: most fit early),
    each with whether it lies over the disc. Every spot is within NAME_SPREAD of the group's
    direction: just outside the disc, then further out, then over the disc (where the
    caller takes only a spot clear of other groups' people: its own, or an empty part)."""

    def outside(a: float, gap: float = 6.0) -> tuple[QRectF, tuple[float, float], QPointF, bool]:
        box = outside_circle(centre.x(), centre.y(), radius, a, w, h, gap)
        x, y = r_map * math.cos(a), r_map * math.sin(a)
        return box, (x, y), frame.px(x, y), False

    def over(a: float, frac: float) -> tuple[QRectF, tuple[float, float], QPointF, bool]:
        x, y = frac * r_map * math.cos(a), frac * r_map * math.sin(a)
        p = frame.px(x, y)
        box = QRectF(0, 0, w, h)
        box.moveCenter(p)
        return box, (x, y), p, True

    steps = int(NAME_SPREAD // 2)
    for gap in (6.0, 24.0, 42.0):  # outside the disc, by the group's people
        for a in _sweep(angle, 2, steps):
            yield outside(a, gap)
    # No room outside (a narrow view, zoomed in): over the disc, outer band to inner hole.
    for frac in (0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2):
        for a in _sweep(angle, 4, steps // 2):
            yield over(a, frac)


def group_angles(model: MapModel) -> dict[int, float]:
    """Per coloured group shown: its mean direction around you (radians, counter-clockwise)
    over its people on rings 1-3, where its name goes."""
    m = model
    who = np.flatnonzero(m.visible & (m.degree > 0) & (m.degree < OTHERS))
    n_groups = len(m.group_names)
    if not len(who):
        return {}
    angle = np.arctan2(m.xy[who, 1], m.xy[who, 0])
    g = m.group[who].astype(np.int64)
    cx = np.bincount(g, weights=np.cos(angle), minlength=n_groups)
    cy = np.bincount(g, weights=np.sin(angle), minlength=n_groups)
    out = {}
    for k in range(n_groups):
        if m.group_names[k] == OTHER or not (cx[k] or cy[k]):
            continue
        out[k] = math.atan2(cy[k], cx[k]) % (2 * math.pi)
    return out


def _sweep(angle: float, step_deg: float, steps: int) -> list[float]:
    """`angle`, then alternately a step either side of it, `steps` steps each way."""
    out = [angle]
    for k in range(1, steps + 1):
        d = math.radians(step_deg * k)
        out += [angle + d, angle - d]
    return out


def _ray_in_view(frame: Frame, r_map: float, angle: float) -> bool:
    """Whether any of the places `_group_spots` tries for a name at `angle` (along its ray
    from the inner hole to beyond the disc) is in the view."""
    c, s = math.cos(angle), math.sin(angle)
    for frac in np.linspace(0.2, 1.4, 25).tolist():
        p = frame.px(frac * r_map * c, frac * r_map * s)
        if 0 <= p.x() <= frame.width and 0 <= p.y() <= frame.height:
            return True
    return False


def _pinned_spots(frame: Frame, centre: QPointF, angle: float, w: float, h: float) -> list[QRectF]:
    """Boxes of w x h along the edges of the view, the ones nearest the group's direction
    (seen from you) first: a name pinned where the view is closest to its group."""
    m = PIN_MARGIN
    x0, x1 = m + w / 2, frame.width - m - w / 2
    y0, y1 = m + h / 2, frame.height - m - h / 2
    if x1 < x0 or y1 < y0:
        return []
    xs = np.linspace(x0, x1, max(2, int((x1 - x0) // PIN_STEP) + 1))
    ys = np.linspace(y0, y1, max(2, int((y1 - y0) // PIN_STEP) + 1))
    cx = np.concatenate([xs, xs, np.full(ys.size, x0), np.full(ys.size, x1)])
    cy = np.concatenate([np.full(xs.size, y0), np.full(xs.size, y1), ys, ys])
    at = np.arctan2(-(cy - centre.y()), cx - centre.x())
    off = np.abs((at - angle + math.pi) % (2 * math.pi) - math.pi)
    out = []
    for k in np.argsort(off, kind="stable").tolist():
        box = QRectF(0, 0, w, h)
        box.moveCenter(QPointF(float(cx[k]), float(cy[k])))
        out.append(box)
    return out


def _place_pinned(
    placer: Placer, out: list[Placed], boxes: Iterable[QRectF], text: str
) -> Placed | None:
    """The first box that fits: the name stays there, fixed to the view, while it pans."""
    for box in boxes:
        if placer.fits(box):
            placer.take(box)
            out.append(Placed(text, "group", box, None, box.center()))
            return out[-1]
    return None


def _place_anchored(
    placer: Placer,
    out: list[Placed],
    cands: Iterable[tuple[QRectF, tuple[float, float], QPointF]],
    text: str,
    kind: str,
) -> Placed | None:
    for box, anchor, p in cands:
        if placer.fits(box):
            placer.take(box)
            out.append(Placed(text, kind, box, anchor, p))
            return out[-1]
    return None


def _distance_into(r: QRectF, c: QPointF) -> float:
    """How far the rectangle's nearest point is from `c` (larger: less of the disc under it)."""
    nx = min(max(c.x(), r.left()), r.right())
    ny = min(max(c.y(), r.top()), r.bottom())
    return math.hypot(nx - c.x(), ny - c.y())
