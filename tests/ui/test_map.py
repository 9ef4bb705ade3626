from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage

from netview.graph.groups import company_groups
from netview.graph.network import make_network
from netview.services.mapping.mapmodel import MapFilters, MapModel, build_map_model
from netview.ui.map.filters import ANY, MapFilterBar
from netview.ui.map.placement import disc_radius
from netview.ui.map.render import grab, make_map
from netview.ui.map.search import MapSearch
from netview.ui.map.widget import MAX_LABELS, THEMES, MapWidget


def _model(n: int = 400) -> MapModel:
    """You, 40 1st-degree people at four companies, the rest 2nd/3rd degree."""
    rng = np.random.default_rng(3)
    names = ["Ada Owner"] + [f"Person {i}" for i in range(1, n)]
    names[7] = "Jonas Banerjee"
    companies = [None] + [f"Company {i % 4}" for i in range(1, n)]
    pairs = {(0, i) for i in range(1, 41)}
    for i in range(41, n):
        lo = 1 if i < 200 else 41
        pairs.add((int(rng.integers(lo, min(i, 200))), i))
    ordered = sorted(pairs)
    a = np.array([p[0] for p in ordered], np.int64)
    b = np.array([p[1] for p in ordered], np.int64)
    net = make_network(
        np.arange(1, n + 1), [f"k{i}" for i in range(n)], names, companies, ["Analyst"] * n, 0, a, b
    )
    index, labels = company_groups(net.companies)
    index[0] = -1
    return build_map_model(net, index, labels, grouping="company")


@pytest.fixture
def shown(qapp):  # type: ignore[no-untyped-def]
    widget = make_map(_model(), (900, 600))
    yield widget
    widget.close()


def _scene_pos(widget: MapWidget, i: int) -> QPointF:
    return widget.box.mapViewToScene(QPointF(*widget.model.xy[i]))


def _view_centre(widget: MapWidget) -> np.ndarray:
    (x0, x1), (y0, y1) = widget.box.viewRange()
    return np.array([(x0 + x1) / 2, (y0 + y1) / 2])


class _Click:
    def __init__(self, pos: QPointF, double: bool = False) -> None:
        self._pos, self._double = pos, double

    def button(self) -> Qt.MouseButton:
        return Qt.MouseButton.LeftButton

    def scenePos(self) -> QPointF:
        return self._pos

    def double(self) -> bool:
        return self._double


def test_hover_shows_name_position_company_degree_and_via_whom(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    i = int(np.flatnonzero(model.degree == 2)[0])
    shown.view.scene().sigMouseMoved.emit(_scene_pos(shown, i))
    assert shown.hovered == i
    lines = shown.tooltip.splitlines()
    assert lines[:4] == [model.names[i], "Analyst", model.companies[i], "2nd degree"]
    via = model.names[int(model.net.connectors(i)[0])]
    assert lines[4] == f"Via {via}"
    assert model.names[i] in shown.visible_labels()  # the hovered person is named


def test_click_selects_highlights_ties_and_activates_the_person(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    i = int(np.flatnonzero(model.degree == 1)[0])
    with qtbot.waitSignal(shown.person_activated) as blocker:
        shown.view.scene().sigMouseClicked.emit(_Click(_scene_pos(shown, i)))
    assert blocker.args == [model.keys[i]]
    assert shown.selected == i
    x, y = shown.focus_ties.getData()
    ends = np.column_stack([x, y])
    for j in [i, *model.ties_of(i).tolist()]:  # every tie of theirs is highlighted
        assert np.isclose(ends, model.xy[j], atol=1e-4).all(axis=1).any(), model.names[j]
    # Clicking empty space clears the selection.
    corner = shown.full_range().topLeft() * 0.95  # outside every ring
    shown.view.scene().sigMouseClicked.emit(_Click(shown.box.mapViewToScene(corner)))
    assert shown.selected is None


def test_double_click_centres_on_the_person(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    i = int(np.argmax(np.hypot(model.xy[:, 0], model.xy[:, 1]) * model.visible))
    shown.view.scene().sigMouseClicked.emit(_Click(_scene_pos(shown, i), double=True))
    qtbot.waitUntil(lambda: not shown.animating(), timeout=10_000)
    assert np.allclose(_view_centre(shown), model.xy[i], atol=1e-6 * shown.full_range().width())


def test_select_key_selects_and_centres(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert shown.select_key("k77")
    qtbot.waitUntil(lambda: not shown.animating(), timeout=10_000)
    assert shown.selected == 77
    assert np.allclose(_view_centre(shown), shown.model.xy[77], atol=1e-3)
    assert not shown.select_key("nobody")


def test_filters_hide_people_from_the_picture(shown) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    shown.set_labels_shown(False)
    second = int(np.flatnonzero(model.degree == 2)[0])
    bg = QColor(str(THEMES["light"]["bg"]))

    def pixel(i: int) -> QColor:
        p = shown.view.mapFromScene(_scene_pos(shown, i))
        return grab(shown).pixelColor(p.x(), p.y())

    assert pixel(second) != bg
    whole = shown.box.viewRect()
    shown.set_filters(MapFilters(degrees=frozenset({1})))
    shown.set_labels_shown(False)
    assert shown.shown_count() == 41
    frame = shown.frame()  # the ring left fills the view
    assert 2 * disc_radius(model) * frame.scale >= 0.8 * min(frame.width, frame.height)
    shown.box.setRange(whole, padding=0)  # back to where the 2nd ring was in view
    covered = pixel(second)  # only a ring guide may be under a hidden person, never a node
    assert abs(covered.red() - bg.red()) < 30 and covered.saturation() < 30
    shown.set_filters(MapFilters(company="Company 2"))
    assert all(model.companies[i] == "Company 2" for i in np.flatnonzero(model.visible)[1:])
    hidden = int(np.flatnonzero(~model.visible)[0])
    assert shown.index_at(_scene_pos(shown, hidden)) != hidden  # hidden people are not hovered


def test_search_finds_a_fuzzy_typed_name_and_selects_it(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = MapSearch(shown)
    qtbot.addWidget(box)
    qtbot.keyClicks(box, "jonas banrjee")
    box.refresh_suggestions()
    assert box._names.stringList()[0] == "Jonas Banerjee — Company 3"
    with qtbot.waitSignal(box.found) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert blocker.args == [7] and shown.selected == 7
    qtbot.waitUntil(lambda: not shown.animating(), timeout=10_000)
    assert np.allclose(_view_centre(shown), shown.model.xy[7], atol=1e-3)
    assert "Jonas Banerjee" in shown.visible_labels()
    assert box.text() == "Jonas Banerjee"
    # Issue 21.7: another person selected, the box no longer names the old one.
    other = next(k for k in range(1, len(shown.model)) if k != 7 and shown.model.visible[k])
    assert shown.select_key(shown.model.keys[other])
    assert box.text() == ""


def test_show_path_draws_the_hops_and_names_everyone(shown) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    far = int(np.flatnonzero(model.degree == 3)[0])
    mid = int(model.net.connectors(far)[0])
    first = int(model.net.connectors(mid)[0])
    keys = [model.keys[k] for k in (0, first, mid, far)]
    assert shown.show_path(keys) == [0, first, mid, far]
    x, y = shown.path_line.getData()
    assert np.allclose(np.column_stack([x, y]), model.xy[[0, first, mid, far]])
    names = shown.visible_labels()
    assert all(any(model.names[k] in n for n in names) for k in (0, first, mid, far))
    # The bold line is in the picture: halfway along the 2nd hop is path-coloured.
    shown.set_labels_shown(False)
    image = grab(shown)
    half = (model.xy[mid] + model.xy[far]) / 2
    p = shown.view.mapFromScene(shown.box.mapViewToScene(QPointF(*half)))
    got = image.pixelColor(p.x(), p.y())
    want = QColor(*THEMES["light"]["path"][:3])
    assert abs(got.red() - want.red()) + abs(got.green() - want.green()) < 90
    shown.clear_path()
    x, _y = shown.path_line.getData()
    assert x is None or len(x) == 0


def _overlaps(labels) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (a.text, b.text)
        for k, a in enumerate(labels)
        for b in labels[k + 1 :]
        if a.rect.intersects(b.rect)
    ]


def test_labels_never_exceed_the_bound_nor_overlap_at_any_zoom(qapp) -> None:  # type: ignore[no-untyped-def]
    widget = make_map(_model(3000), (900, 600))
    try:
        widget.set_label_density("more")
        widget.select(5)
        widget.show_path([widget.model.keys[k] for k in (0, 5)])
        counts = []
        for _ in range(9):
            widget.update_labels()
            labels = widget.drawn_labels()
            people = [lbl for lbl in labels if lbl.kind == "person"]
            counts.append(len(people))
            assert len(people) <= MAX_LABELS
            assert not _overlaps(labels)
            inside = widget.rect().toRectF()
            assert all(inside.contains(lbl.rect) for lbl in labels)
            if not counts[:-1]:  # the whole map in view: you, the selection, the legend
                assert {"you", "selected", "legend", "ring", "group"} <= {x.kind for x in labels}
            widget.box.scaleBy((0.5, 0.5))
        assert max(counts[1:4]) > counts[0], counts  # zooming in names more people
    finally:
        widget.close()


def test_size_rings_and_theme_options_redraw(qtbot, shown) -> None:  # type: ignore[no-untyped-def]
    grab(shown)
    with qtbot.waitSignal(shown.canvas.drawn, timeout=5_000):
        shown.set_size_by("centrality")
        shown.set_rings_visible(False)
        grab(shown)
    assert shown.model.size_by == "centrality"


def test_filter_bar_degrees_group_company_and_followups(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    bar = MapFilterBar(shown)
    qtbot.addWidget(bar)
    assert bar.group.itemText(0) == ANY and bar.group.count() == 5  # four companies
    bar.degree_boxes[2].setChecked(False)
    bar.degree_boxes[3].setChecked(False)
    assert shown.shown_count() == 41
    bar.group.setCurrentText("Company 1")
    visible = np.flatnonzero(model.visible)
    assert visible[0] == 0 and {model.companies[i] for i in visible[1:]} == {"Company 1"}
    bar.group.setCurrentIndex(0)
    bar.company.setText("company 2")
    bar.company.editingFinished.emit()
    assert {model.companies[i] for i in np.flatnonzero(model.visible)[1:]} == {"Company 2"}
    bar.company.clear()
    bar.company.editingFinished.emit()
    assert not bar.followup.isEnabled()
    third = int(np.flatnonzero(model.degree == 3)[0])
    bar.set_due_keys(frozenset({"k5", f"k{third}"}))
    bar.degree_boxes[2].setChecked(True)
    bar.degree_boxes[3].setChecked(True)
    bar.followup.setChecked(True)
    assert np.flatnonzero(model.visible).tolist() == [0, 5, third]
    # A reload keeps the user's filters.
    shown.set_model(_model())
    assert np.flatnonzero(shown.model.visible).tolist() == [0, 5, third]


def test_the_filter_bar_says_what_the_map_shows_when_someone_hidden_is_chosen(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Re-tried in a window: with "Company 1" chosen in the bar, arrowing through Follow-ups
    to someone at another company showed everyone again while the bar still said
    "Company 1" (and its 3rd-degree box stayed unticked)."""
    model = shown.model
    bar = MapFilterBar(shown)
    qtbot.addWidget(bar)
    bar.group.setCurrentText("Company 1")
    bar.degree_boxes[3].setChecked(False)
    outside = next(
        i for i in np.flatnonzero(model.degree == 3).tolist() if model.companies[i] != "Company 1"
    )
    assert not model.visible[outside]
    assert shown.select_key(model.keys[outside], centre=False)  # a panel chooses them
    assert model.visible[outside] and shown.selected == outside
    assert bar.filters() == replace(shown.filters, hidden=frozenset())
    assert bar.group.currentText() == ANY and bar.degree_boxes[3].isChecked()
    # And the bar still works from there: choosing a group filters again.
    bar.group.setCurrentText("Company 2")
    assert shown.filters.group == "Company 2"


def test_hidden_groups_leave_the_map_and_other_filters_stay(shown) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    seconds = [model.keys[i] for i in np.flatnonzero(model.degree == 2)[:5]]
    before = shown.shown_count()
    shown.set_filters(MapFilters(degrees=frozenset({1, 2})))
    only_inner = shown.shown_count()
    shown.set_hidden_keys(set(seconds))
    assert shown.shown_count() == only_inner - 5
    assert not any(model.visible[model.index_of(k)] for k in seconds)
    assert shown.filters.degrees == frozenset({1, 2})  # the degree filter still holds
    shown.set_hidden_keys(set())
    assert shown.shown_count() == only_inner < before


def test_selected_keys_name_the_selected_person(shown) -> None:  # type: ignore[no-untyped-def]
    assert shown.selected_keys() == []
    shown.select(3)
    assert shown.selected_keys() == [shown.model.keys[3]]


def test_the_selected_persons_ties_are_drawn_on_top_along_the_tree(shown) -> None:  # type: ignore[no-untyped-def]
    model = shown.model
    i = int(np.argmax(model.ties_count * (model.degree == 2)))
    shown.select(i)
    shown.set_labels_shown(False)
    image = grab(shown)
    want = np.array(THEMES["light"]["hi"][:3], float)
    ties = shown.canvas.ties
    e = model.edges
    mine = np.flatnonzero((e[:, 0] == i) | (e[:, 1] == i))
    assert len(mine) >= 3
    right = 0
    for k in mine:
        row = ties.curve[k]
        # The middle of the tie as drawn: on its curve when it bends, else the chord's middle.
        mid = ties.points[row][len(ties.points[row]) // 2] if row >= 0 else model.xy[e[k]].mean(0)
        p = shown.view.mapFromScene(shown.box.mapViewToScene(QPointF(*map(float, mid))))
        # A 1.6 px antialiased line: its truest pixel within two of the point.
        near = min(
            np.abs(np.array(image.pixelColor(p.x() + dx, p.y() + dy).getRgb()[:3]) - want).sum()
            for dx in range(-2, 3)
            for dy in range(-2, 3)
        )
        right += near < 60
    assert right >= 0.8 * len(mine), (right, len(mine))


def test_a_new_map_shows_its_names_and_counts_in_the_same_paint(shown) -> None:  # type: ignore[no-untyped-def]
    """A reload whose map has the same size (the view's range does not move) still puts
    the new group names, counts and legend on screen at once, not at the next mouse move."""
    old = shown.model
    renamed = build_map_model(
        old.net, old.raw_group, [f"Renamed {x}" for x in old.raw_labels], grouping="company"
    )
    shown.set_model(renamed)  # no event is processed before the texts are looked at
    texts = " ".join(lbl.text for lbl in shown.drawn_labels())
    assert "Renamed Company" in texts
    legend = [lbl for lbl in shown.drawn_labels() if lbl.kind == "legend"]
    assert legend and all("Renamed" in row[0] or "Other" in row[0] for row in legend[0].rows)


def _highlighted(widget: MapWidget, i: int) -> bool:
    """Whether any of person i's ties is among the ties drawn over the map."""
    x, y = widget.focus_ties.getData()
    if not widget.focus_ties.isVisible() or x is None or not len(x):
        return False
    ends = np.column_stack([x, y])
    return bool(np.isclose(ends, widget.model.xy[i], atol=1e-4).all(axis=1).any())


def _hub(model: MapModel, degree: int, other_than: int = -1) -> int:
    """A person of that degree with the most ties on the map."""
    score = model.ties_count * (model.degree == degree)
    score[other_than] = -1 if other_than >= 0 else score[other_than]
    return int(np.argmax(score))


def test_the_old_selections_ties_leave_the_map_when_another_is_chosen(shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: after clicking someone and then finding someone else by search, the first
    person's ties (and name) stayed drawn: the click left them "hovered" for good."""
    model = shown.model
    a = _hub(model, 2)
    b = _hub(model, 2, other_than=a)
    assert not (set(model.ties_of(a).tolist()) & {b})
    shown.view.scene().sigMouseMoved.emit(_scene_pos(shown, a))  # the pointer over a …
    shown.view.scene().sigMouseClicked.emit(_Click(_scene_pos(shown, a)))  # … a click
    assert shown.selected == a and _highlighted(shown, a)
    shown.select_key(model.keys[b], centre=False)  # then the search box finds b
    assert shown.selected == b and _highlighted(shown, b)
    assert not _highlighted(shown, a)
    focus = {lbl.text for lbl in shown.drawn_labels() if lbl.kind in ("selected", "hovered")}
    assert model.names[a] not in focus
    shown.select(None)  # the selection cleared (Escape, a click on empty space)
    assert not _highlighted(shown, a) and not _highlighted(shown, b)
    assert not shown.focus_ties.isVisible() and not shown.marker.isVisible()


def test_a_person_under_the_pointer_loses_their_ties_when_the_pointer_leaves(shown) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    model = shown.model
    a = _hub(model, 2)
    shown.view.scene().sigMouseMoved.emit(_scene_pos(shown, a))
    assert shown.hovered == a and _highlighted(shown, a)
    shown.set_labels_shown(False)
    before = grab(shown)
    QApplication.sendEvent(shown.view.viewport(), QEvent(QEvent.Type.Leave))
    assert shown.hovered is None and not _highlighted(shown, a)
    after = grab(shown)
    # The pixels of a's highlighted ties are gone: the map under them shows again.
    want = np.array(THEMES["light"]["hi"][:3], float)

    def hi_pixels(image: QImage) -> int:
        rgb32 = image.convertToFormat(QImage.Format.Format_RGB32)
        bgra = np.frombuffer(rgb32.constBits(), np.uint8).reshape(image.height(), -1, 4)
        rgb = bgra[:, : image.width(), 2::-1].astype(float)
        return int((np.abs(rgb - want).sum(axis=2) < 40).sum())

    assert hi_pixels(before) > 20, hi_pixels(before)
    assert hi_pixels(after) < hi_pixels(before) / 4


def test_the_group_filter_names_an_undrawable_circle_as_the_map_does(
    shown, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The map and the Groups panel say "Group N" for a circle named after a name no
    installed font draws; the filter bar listed it as a bare "'s circle"."""
    from netview.ui import glyphs

    real = glyphs._missing_char
    monkeypatch.setattr(glyphs, "_missing_char", lambda c, *font: c in "由美村上" or real(c, *font))
    monkeypatch.setattr(glyphs, "_DRAWN", {})  # what an earlier test's fonts drew, forgotten
    model = shown.model
    renamed = "由美 村上's circle"
    second = model.group_names[1]
    model.raw_labels[model.raw_labels.index(second)] = renamed
    model.group_names[1] = renamed
    bar = MapFilterBar(shown)
    qtbot.addWidget(bar)
    listed = [bar.group.itemText(i) for i in range(bar.group.count())]
    assert "Group 2" in listed and not [t for t in listed if t.startswith("'s")]
    bar.group.setCurrentIndex(listed.index("Group 2"))  # the filter still takes the name
    assert shown.filters.group == renamed
    group = model.raw_labels.index(renamed)
    visible = np.flatnonzero(model.visible)[1:]
    assert len(visible) and set(model.raw_group[visible].tolist()) == {group}
