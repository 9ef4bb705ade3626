"""A tie's strength as the panels show it: words and a bar of five steps, no score."""

from __future__ import annotations

import html

from PySide6.QtGui import QPalette

from netview.services.wording import BAR_STEPS, bar_steps, tie_words

BLOCK = "\u2588"  # a full block: each step of the bar


def strength_text(score: float, palette: QPalette) -> str:
    """Rich text: "Weak tie" and the bar, filled steps in the theme's highlight colour."""
    filled = bar_steps(score)
    on = palette.color(QPalette.ColorRole.Highlight).name()
    off = palette.color(QPalette.ColorRole.Mid).name()
    return (
        f"{html.escape(tie_words(score))}&nbsp;&nbsp;"
        f'<span style="color:{on}">{BLOCK * filled}</span>'
        f'<span style="color:{off}">{BLOCK * (BAR_STEPS - filled)}</span>'
    )
