"""A tie's strength as the panels show it: words and a bar of five steps, no score."""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QPalette

from netview.services.wording import BAR_STEPS, bar_steps, tie_words

BLOCK = "\u2588"  # a full block: each step of the bar
OFF_SHARE = 0.35


def strength_text(score: float, palette: QPalette) -> str:
    """Rich text: "Weak tie" and the bar, filled steps in the theme's highlight colour."""
    filled = bar_steps(score)
    on = palette.color(QPalette.ColorRole.Highlight).name()
    # The empty steps: a third of the way from the panel to its text, so they read in both
    # themes (the dark theme's Mid was all but the panel's own colour: a lone blue block).
    ground = palette.color(QPalette.ColorRole.Window)
    ink = palette.color(QPalette.ColorRole.WindowText)
    pairs = zip(
        (ground.red(), ground.green(), ground.blue()),
        (ink.red(), ink.green(), ink.blue()),
        strict=True,
    )
    off = QColor(*(round(g + (i - g) * OFF_SHARE) for g, i in pairs)).name()
    return (
        f"{html.escape(tie_words(score))}&nbsp;&nbsp;"
        f'<span style="color:{on}">{BLOCK * filled}</span>'
        f'<span style="color:{off}">{BLOCK * (BAR_STEPS - filled)}</span>'
    )
