"""One name matcher: the spellings a user types find the same person in every place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netview.services.identity.matcher import NameIndex, fold, same_name

PEOPLE = [
    "Élodie O'Brien",
    "Søren Baker, MBA",
    "Ana Silva (She/Her)",
    "Dr. Jean-Luc Martin",
    "Zoë Müller-Lüdenscheidt",
    "Maria García",
    "Mario Garcia",
    "Wei Zhang 🚀",
    "Anand Rao",
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("elodie obrien", "Élodie O'Brien"),  # accents, apostrophe, case
        ("ÉLODIE O’BRIEN", "Élodie O'Brien"),  # typographic apostrophe
        ("O'Brien Élodie", "Élodie O'Brien"),  # word order
        ("elodie o brien", "Élodie O'Brien"),
        ("elodie obrein", "Élodie O'Brien"),  # typo
        ("soren baker", "Søren Baker, MBA"),  # ø, credential
        ("Søren Baker, MBA", "Søren Baker, MBA"),
        ("baker soren", "Søren Baker, MBA"),
        ("ana silva", "Ana Silva (She/Her)"),  # pronouns
        ("silva", "Ana Silva (She/Her)"),  # one word of the name
        ("ana sil", "Ana Silva (She/Her)"),  # a prefix while typing
        ("jean luc martin", "Dr. Jean-Luc Martin"),  # title, hyphen
        ("jean-luc martin", "Dr. Jean-Luc Martin"),
        ("zoe muller-ludenscheidt", "Zoë Müller-Lüdenscheidt"),
        ("maria garcia", "Maria García"),  # exact beats the near namesake Mario
        ("mario garcía", "Mario Garcia"),
        ("wei zhang", "Wei Zhang 🚀"),  # emoji
        ("wie zhang", "Wei Zhang 🚀"),  # transposed letters
    ],
)
def test_spellings_find_the_person(typed: str, expected: str) -> None:
    found = NameIndex(PEOPLE).find(typed)
    assert found, typed
    assert PEOPLE[found[0][0]] == expected


@pytest.mark.parametrize("typed", ["zzz qqq", "", "   ", "(She/Her)", "xavier"])
def test_nonsense_finds_nobody(typed: str) -> None:
    assert NameIndex(PEOPLE).find(typed) == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Élodie O'Brien", "elodie obrien", True),
        ("Baker Søren", "Søren Baker, PhD", True),
        ("Maria García", "Mario Garcia", False),  # a typo is not the same name
        ("Ana Silva", "Ana Silva Costa", False),
        ("", "", False),
    ],
)
def test_same_name_is_strict(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


@given(st.text(max_size=20))
def test_fold_is_idempotent_and_plain(name: str) -> None:
    once = fold(name)
    assert fold(once) == once or not once
    assert once == once.strip() and "  " not in once
