"""Texts on the map: never a tofu box, one placement without overlaps."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

from netview.ui.glyphs import missing as _missing
from netview.ui.map.labels import Placer, drawable, plain_key


def test_names_are_drawn_without_characters_no_font_has(qapp) -> None:  # type: ignore[no-untyped-def]
    font = QFont()
    for name in ["Akemi ✨ Watanabe", "Rafael 🎨 Araújo Almeida", "静丽 马", "Zoë Ødegård"]:
        shown = drawable(name, font)
        assert not shown or not _missing(shown, font.family(), font.pointSizeF(), font.bold())
        assert set(shown) <= set(name)  # only leaves characters out
    assert drawable("Zoë Ødegård", font) == "Zoë Ødegård"
    assert plain_key("takuya-hashimoto-7ddfc") == "Takuya Hashimoto"


def test_the_placer_gives_each_text_a_free_spot_or_none() -> None:
    placer = Placer(200, 100)
    first = placer.place([QRectF(10, 10, 50, 20)])
    assert first == QRectF(10, 10, 50, 20)
    # Overlapping the first, then outside the view, then free: the free spot wins.
    second = placer.place([QRectF(30, 15, 50, 20), QRectF(190, 10, 50, 20), QRectF(10, 50, 50, 20)])
    assert second == QRectF(10, 50, 50, 20)
    assert placer.place([QRectF(0, 0, 300, 300)]) is None


def test_a_circle_named_after_a_name_no_font_draws_is_not_a_bare_possessive(
    qapp, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # Without a CJK font "由美 村上's circle" came out as "'s circle", on the map and in
    # the legend. Which characters the machine lacks is set here, not left to its fonts.
    from tests.ui.test_map import _model

    from netview.ui import glyphs
    from netview.ui.map.render import make_map

    real = glyphs._missing_char
    monkeypatch.setattr(glyphs, "_missing_char", lambda c, *font: c in "由美村上" or real(c, *font))
    monkeypatch.setattr(glyphs, "_DRAWN", {})  # what an earlier test's fonts drew, forgotten
    model = _model()
    model.group_names[0] = "由美 村上's circle"
    widget = make_map(model, (1600, 1000))
    try:
        texts = [x.text for x in widget.drawn_labels() if x.kind == "group"]
        legend = [row for x in widget.drawn_labels() if x.kind == "legend" for row, _ in x.rows]
        assert texts and legend
        assert not [t for t in texts + legend if t.startswith("'s")]
        assert any(t.startswith("Group 1") for t in texts)  # named by its number instead
        assert any(t.startswith("Company 1") for t in texts)  # the others as they are
    finally:
        widget.close()
