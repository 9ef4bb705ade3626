"""A company or title said differently is the same: no move is detected from formatting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netview.services.importing.history import same_text

# Latin, Greek and Cyrillic letters and digits: the scripts whose casing rules the
# comparison has to see through (Yılmaz / YILMAZ, Straße / STRASSE).
LETTERS = st.characters(categories=("L", "N"), max_codepoint=0x052F)
words = st.lists(st.text(alphabet=LETTERS, min_size=1), min_size=1)


@given(words, st.sampled_from([", ", " ", "  ", " - ", ". ", "/"]))
def test_casing_spacing_and_punctuation_are_no_change(parts: list[str], glue: str) -> None:
    plain = " ".join(parts)
    assert same_text(plain, glue.join(p.upper() for p in parts) + ".")
    assert same_text(f"  {plain}  ", plain.casefold())


@given(words, st.text(alphabet=LETTERS, min_size=1))
def test_another_word_is_a_change(parts: list[str], extra: str) -> None:
    plain = " ".join(parts)
    assert not same_text(plain, f"{plain} {extra}")


def test_examples() -> None:
    assert same_text("Blue Sun, Inc.", "blue sun inc")
    assert same_text("Head of Data", "HEAD  OF DATA")
    assert not same_text("Globex", "Contoso Ltd")
    assert not same_text(None, "Globex")
    assert same_text(None, "")
    assert same_text("Yılmaz Holding", "YILMAZ HOLDING")
    assert same_text("Société Générale", "Societe Generale")
