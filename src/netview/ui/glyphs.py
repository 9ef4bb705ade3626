"""Text as the installed fonts can draw it: never a tofu box, on the map or in a panel.

A bare Linux often has no emoji font (and some have no CJK font); Qt then draws an empty box
for each such character. Names are shown without those characters instead, the same rule
for the map's labels and for the panels' lists and labels.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PySide6.QtGui import QFont, QTextLayout

from netview.services.people.groups import circle_of


def missing(text: str, family: str, size: float, bold: bool) -> bool:
    """Whether some character of `text` has no glyph in the font or any fallback.

    Asked character by character: a network has a few hundred distinct characters but
    tens of thousands of names, and shaping every name took most of a panel's first fill
    (0.6 s for the 1,400 names of the 60k demo's invitations). Marks and joiners are drawn
    with the character before them, so they are never missing on their own.
    """
    if text.isascii() and text.isprintable():
        return False  # every font Qt falls back to draws printable ASCII
    # The characters this font is known to draw, per font: most names then cost one set
    # difference (a Python test per character took 0.13 s of the 60k demo's Invitations).
    drawn = _DRAWN.setdefault((family, size, bold), set())
    new = set(text) - drawn
    if not new:
        return False
    found = False
    for c in new:
        if c.isspace() or unicodedata.category(c) in _WITH_BASE:
            drawn.add(c)
        elif _missing_char(c, family, size, bold):
            found = True
        else:
            drawn.add(c)
    return found


# (family, size, bold) -> the characters found drawable in that font (a few hundred).
_DRAWN: dict[tuple[str, float, bool], set[str]] = {}


_WITH_BASE = {"Mn", "Me", "Cf"}  # combining marks, enclosing marks, joiners and selectors


@lru_cache(maxsize=8192)
def _missing_char(text: str, family: str, size: float, bold: bool) -> bool:
    font = QFont(family)
    font.setPointSizeF(size)
    font.setBold(bold)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    # A character no installed font has comes out as glyph 0, the "tofu" box.
    return any(0 in run.glyphIndexes() for run in layout.glyphRuns())


def drawable(text: str, font: QFont) -> str:
    """`text` without the characters no installed font can draw (emoji on a bare Linux,
    Chinese without a CJK font): never a tofu box. Empty when nothing readable remains."""
    args = (font.family(), font.pointSizeF(), font.bold())
    if not text or not missing(text, *args):
        return text
    kept = "".join(c for c in text if c.isspace() or not missing(c, *args))
    kept = " ".join(kept.split())
    # A stray letter or punctuation left of a foreign script is not a name.
    return kept if sum(c.isalnum() for c in kept) >= 2 else ""


def shown_name(name: str, fallback: str = "", font: QFont | None = None) -> str:
    """A person's name as a panel shows it: `name` without undrawable characters, else
    `fallback` (their key, say) when nothing readable is left."""
    return drawable(name, font if font is not None else QFont()) or fallback


def group_text(name: str, font: QFont) -> str:
    """A group's name as drawn (`drawable`), "" when it says nothing: "Ana Silva's circle"
    whose person's name no installed font draws (a Chinese name without a CJK font) would
    be a bare "'s circle". The map and the Groups panel then both say "Group N"."""
    person = circle_of(name)
    if person is not None and not drawable(person, font):
        return ""
    return drawable(name, font)
