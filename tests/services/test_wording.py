"""Numbers in plain words (issue 21.7): the words and the bar agree with the thresholds."""

from __future__ import annotations

from netview.graph.strength import WEIGHTS
from netview.services.wording import BAR_STEPS, bar_steps, not_connected, tie_words


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
