"""What the map and the panels show after filtering, behind a dialog, and for odd names."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from tests.ui.panel_helpers import show_person

from netview.core.ids import plain_name
from netview.services.mapping.mapmodel import RING_NAMES, MapModel
from netview.ui.glyphs import drawable, missing
from netview.ui.map.view import THEMES
from netview.ui.map.widget import MapWidget

RING = re.compile(r"^(1st|2nd|3rd|Further) · ([\d,]+)$")


def _rings(widget: MapWidget) -> dict[int, int]:
    """Ring counts as drawn: {degree: count}."""
    out = {}
    for label in widget.drawn_labels():
        if label.kind == "ring":
            m = RING.match(label.text)
            assert m, label.text
            out[RING_NAMES.index(m.group(1))] = int(m.group(2).replace(",", ""))
    return out


def _group_names_drawn(widget: MapWidget) -> set[str]:
    names = set()
    for label in widget.drawn_labels():
        if label.kind == "group":
            names.add(label.text.rsplit(" · ", 1)[0])
        elif label.kind == "legend":
            names.update(row.rsplit("  ", 1)[0] for row, _ in label.rows)
    return names


def _visible_per_ring(model: MapModel, rings: dict[int, int]) -> dict[int, int]:
    """People shown on each of these rings."""
    return {d: int((model.visible & (model.degree == d)).sum()) for d in rings}


def test_showing_one_group_leaves_no_ghosts(sample_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    m = window.map
    model = m.model
    qtbot.waitUntil(lambda: bool(_rings(m)), timeout=5_000)  # the first placement pass
    everyone = _rings(m)
    assert everyone and everyone == _visible_per_ring(model, everyone)
    panel = window.panels["groups"]
    community = max((g for g in panel.data.groups if g.kind == "community"), key=lambda g: g.size)
    item = panel.item_of("community", community.name)
    panel.tree.setCurrentItem(item)
    panel.tree.itemDoubleClicked.emit(item, 0)  # what a double-click on the group emits
    assert int(model.visible.sum()) == community.size + 1  # the group, and you
    assert f"{community.size + 1:,} shown" in window.counts_label.text()
    qtbot.waitUntil(lambda: _rings(m) != everyone, timeout=5_000)
    rings = _rings(m)
    assert rings and rings == _visible_per_ring(model, rings)
    assert sum(rings.values()) == community.size
    drawn = _group_names_drawn(m)
    hidden = {name for name in model.raw_labels if name != community.name}
    font = QFont()
    assert not drawn & ({drawable(h, font) for h in hidden} - {drawable(community.name, font)})
    assert drawn == {drawable(community.name, font)}  # not even an "Other 1" for you
    counts = [n for x in m.drawn_labels() if x.kind == "group" for n in [x.text.rsplit(" · ")[1]]]
    assert counts == [f"{community.size:,}"]

    # Hiding a ring with the filter bar drops its count; the others still count what is shown.
    window.filter_bar.degree_boxes[2].setChecked(False)
    rings = _rings(m)
    assert 2 not in rings
    assert rings == _visible_per_ring(model, rings)


def _people_pixels(widget: MapWidget) -> int:
    """Pixels in the colours of the map's groups: people and their ties (texts hidden)."""
    widget.set_labels_shown(False)  # the legend's and group names' dots are no people
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    widget.set_labels_shown(True)
    ptr = image.constBits()
    rgb = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    rgb = rgb[:, : image.width(), 2::-1].astype(np.int64)  # BGRA -> RGB
    bg = QColor(str(THEMES["light"]["bg"]))
    saturated = (rgb.max(axis=2) - rgb.min(axis=2)) > 60
    far = np.abs(rgb - np.array([bg.red(), bg.green(), bg.blue()])).sum(axis=2) > 90
    return int((saturated & far).sum())


def test_the_map_stays_drawn_while_a_file_chooser_is_open(sample_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.map.width() < 600, timeout=5_000)
    # The map refits to its new size and redraws sharp: wait until it rests (two pictures
    # in a row the same, no sharper redraw pending).
    pictures: list[int] = []

    def rests() -> bool:
        if window.map.canvas._timer.isActive():  # a sharper picture is on its way
            return False
        pictures.append(_people_pixels(window.map))
        return pictures[-2:] == pictures[-1:] * 2 and not window.map.canvas._timer.isActive()

    qtbot.waitUntil(rests, timeout=5_000)
    before = pictures[-1]
    assert before > 500
    redraws: list[int] = []
    window.map.canvas.drawn.connect(lambda: redraws.append(1))
    seen: list[int] = []

    def during() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        QApplication.processEvents()
        seen.append(_people_pixels(window.map))
        dialog.reject()

    QTimer.singleShot(300, during)
    QFileDialog.getSaveFileName(
        window,
        "Export",
        "netview.png",
        "PNG image (*.png)",
        options=QFileDialog.Option.DontUseNativeDialog,
    )
    assert seen == [before]  # the same people, drawn as before
    assert redraws == []  # from the cached picture, not blanked


def test_the_map_names_people_plainly_and_details_keep_the_full_name(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    m = sample_window.map
    # Someone whose name carries more than their name: pronouns, credentials or an emoji.
    fancy = [i for i in range(net.n) if plain_name(net.names[i]) not in ("", net.names[i])]
    assert fancy
    i = max(fancy, key=lambda j: (net.degree[j] == 1, net.keys[j]))
    m.select_key(net.keys[i])
    texts = [label.text for label in m.drawn_labels() if label.kind == "selected"]
    assert texts == [plain_name(net.names[i])]
    panel = show_person(qtbot, sample_window, net.keys[i])
    shown = panel.name_label.text()
    font = panel.name_label.font()
    # Details keep the full name, less only the characters no installed font can draw.
    assert shown == drawable(net.names[i], font)
    assert not missing(shown, font.family(), font.pointSizeF(), font.bold())


def test_panels_leave_out_characters_no_font_can_draw(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    net = ln.net
    font = QFont()
    tofu = [i for i in range(net.n) if drawable(net.names[i], font) != net.names[i]]
    if not tofu:
        pytest.skip("every character of the sample has a font on this machine")
    # A 2nd-degree person with an undrawable character, and their connectors listed.
    i = next((j for j in tofu if net.degree[j] == 2), tofu[0])
    panel = show_person(qtbot, sample_window, net.keys[i])
    texts = [panel.name_label.text()]
    texts += [panel.connectors.item(r).text() for r in range(panel.connectors.count())]
    for text in texts:
        f = panel.name_label.font()
        assert not missing(text, f.family(), f.pointSizeF(), f.bold()), text
    assert panel.name_label.text() == drawable(net.names[i], panel.name_label.font())


def test_search_suggestions_leave_out_characters_no_font_can_draw(sample_window) -> None:  # type: ignore[no-untyped-def]
    model = sample_window.map.model
    font = QFont()
    tofu = [i for i in range(len(model)) if drawable(model.names[i], font) != model.names[i]]
    if not tofu:
        pytest.skip("every character of the sample has a font on this machine")
    search = sample_window.search_box
    search.setText(plain_name(model.names[tofu[0]]))
    search.refresh_suggestions()
    entries = search.completer().model().stringList()
    assert entries
    for entry in entries:
        assert not missing(entry, font.family(), font.pointSizeF(), font.bold()), entry
    assert drawable(model.names[tofu[0]], font) in {e.split(" — ")[0] for e in entries}
