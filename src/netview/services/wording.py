"""Numbers in plain words: a tie's strength as words, a bar and a rank, paths by rank.

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


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def tie_rank(rank: int, total: int) -> str:
    """Where a tie of yours stands among all of them (1 the strongest): "Your 12th strongest
    tie of 375", what a score such as 0.54 of 1 was meant to say."""
    if total <= 1:
        return "Your only tie"
    if rank <= 1:
        return f"Your strongest tie of {total:,}"
    if rank >= total:
        return f"Your weakest tie of {total:,}"
    return f"Your {ordinal(rank)} strongest tie of {total:,}"


def degree_words(degree: int | None) -> str:
    """ "1st degree" … "3rd degree", "further than 3rd degree", "you"; None or below 0: no
    path at all (was "degree 1" and "not connected")."""
    if degree is None or degree < 0:
        return "no path to you"
    if degree == 0:
        return "you"
    return f"{ordinal(degree)} degree" if degree <= 3 else "further than 3rd degree"
