"""Numbers in plain words (issue 21.7): the words and the bar agree with the thresholds."""

from __future__ import annotations

from netview.graph.strength import WEIGHTS
from netview.services.wording import (
    BAR_STEPS,
    bar_steps,
    degree_words,
    not_connected,
    ordinal,
    tie_rank,
    tie_words,
)


def test_words_and_bar_agree_with_the_strength_thresholds() -> None:
    scores = [0.0, 0.00023, 0.05, 0.12, 0.2, 0.3, 0.5, 0.7, 0.75, 1.0]
    steps = [bar_steps(s) for s in scores]
    assert steps == sorted(steps) and steps[0] == 1 and steps[-1] == BAR_STEPS
    for s in scores:
        words = tie_words(s)
        if s >= WEIGHTS.strong:
            assert words == "Strong tie" and bar_steps(s) >= 4
        elif s >= WEIGHTS.moderate:
            assert words == "Moderate tie" and bar_steps(s) == 3
        else:
            assert words == "Weak tie" and bar_steps(s) <= 2
    assert tie_words(0.12) == "Weak tie"  # was "weak (0.12)"


def test_people_without_a_path_are_said_plainly() -> None:
    assert not_connected(2) == "2 with no path to you"  # was "not connected 2"
    assert not_connected(12_345) == "12,345 with no path to you"


def test_a_ties_place_among_yours_is_said_as_a_rank() -> None:
    """Scores as ranks: "Score 0.54 of 1" became "Your 12th strongest tie of 375"."""
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 1002)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
        "1,002nd",
    ]  # fmt: skip
    assert tie_rank(12, 375) == "Your 12th strongest tie of 375"
    assert tie_rank(1, 375) == "Your strongest tie of 375"
    assert tie_rank(375, 375) == "Your weakest tie of 375"
    assert tie_rank(1, 1) == "Your only tie"
    assert tie_rank(2, 12_000) == "Your 2nd strongest tie of 12,000"


def test_degrees_are_said_plainly() -> None:
    assert [degree_words(d) for d in (0, 1, 2, 3, 4, -1, None)] == [
        "you", "1st degree", "2nd degree", "3rd degree", "further than 3rd degree",
        "no path to you", "no path to you",
    ]  # fmt: skip
