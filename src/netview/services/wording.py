"""Numbers in plain words: a tie's strength as words and a bar, paths by rank.

A score such as 0.12 or 0.00023 means nothing to the person reading it; "Weak tie" and a
bar of five steps do, and they agree with the thresholds the rest of NetView uses
(graph.strength: strong from 0.5, moderate from 0.2).
"""

from __future__ import annotations

from netview.graph.strength import WEIGHTS, Weights, label

BAR_STEPS = 5
# Where the bar gains a step: weak ties get one or two, moderate three, strong four or five.
_STEP_AT = (0.1, WEIGHTS.moderate, WEIGHTS.strong, 0.75)


def tie_words(score: float, weights: Weights = WEIGHTS) -> str:
    """ "Strong tie", "Moderate tie" or "Weak tie"."""
    return f"{label(score, weights).capitalize()} tie"


def bar_steps(score: float) -> int:
    """How many of the bar's five steps a tie of `score` fills (at least one)."""
    return 1 + sum(score >= at for at in _STEP_AT)


def not_connected(count: int) -> str:
    """People in the database with no path to you, said plainly."""
    return f"{count:,} with no path to you"
