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
