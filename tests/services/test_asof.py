"""When each person joined your network, and the years Colour By Year shows."""

from __future__ import annotations

from datetime import date

import numpy as np

from netview.graph.network import make_network
from netview.services.asof import joined_by, reach_days, sequential, timeline
from netview.services.people.groups import year_groups


def day(y: int, m: int = 1, d: int = 1) -> float:
    return float(date(y, m, d).toordinal())


def dated_network() -> tuple[object, np.ndarray]:
    """0 = you; 1 (2015) and 2 (2021) your connections; 3 reached through 1 by a tie of 2018
    and through 2 by a tie of 2016; 4 through 2 only (tie 2010); 5 through 3 (tie 2019);
    6 through 1 by a tie with no date; 7 your connection with no date."""
    ties = {
        (0, 1): day(2015),
        (0, 2): day(2021),
        (1, 3): day(2018),
        (2, 3): day(2016),
        (2, 4): day(2010),
        (3, 5): day(2019),
        (1, 6): np.nan,
        (0, 7): np.nan,
    }
    pairs = sorted(ties)
    net = make_network(
        np.arange(8, dtype=np.int64),
        [f"k{i}" for i in range(8)],
        [f"P{i}" for i in range(8)],
        [None] * 8,
        [None] * 8,
        0,
        np.array([a for a, _ in pairs], np.int64),
        np.array([b for _, b in pairs], np.int64),
    )
    return net, np.array([ties[p] for p in pairs])


def test_people_join_when_the_tie_reaching_them_and_their_connector_both_exist() -> None:
    net, tie_day = dated_network()
    days = reach_days(net, tie_day)  # type: ignore[arg-type]
    assert np.isneginf(days[0])
    assert days[1] == day(2015) and days[2] == day(2021)
    # Through 1: max(2015, 2018) = 2018; through 2: max(2021, 2016) = 2021: the earlier.
    assert days[3] == day(2018)
    # The 2010 tie counts only once 2 is yours, in 2021.
    assert days[4] == day(2021)
    assert days[5] == day(2019)  # max(3 joined 2018, tie 2019)
    assert np.isnan(days[6]) and np.isnan(days[7])  # no date along any path


def test_as_of_a_date_shows_who_had_joined_and_you() -> None:
    net, tie_day = dated_network()
    days = reach_days(net, tie_day)  # type: ignore[arg-type]
    assert np.flatnonzero(joined_by(days, int(day(2018, 6)))).tolist() == [0, 1, 3]
    assert np.flatnonzero(joined_by(days, int(day(2030)))).tolist() == [0, 1, 2, 3, 4, 5]
    tl = timeline(days, date(2026, 12, 4))
    assert tl is not None
    assert tl.first == int(day(2015)) and tl.last == date(2026, 12, 4).toordinal()
    assert tl.dated == 5
    assert timeline(np.array([-np.inf, np.nan]), date(2026, 1, 1)) is None


def test_year_groups_run_oldest_first_and_fold_the_oldest_beyond_ten() -> None:
    index, labels = year_groups([None, 2019, 2017, 2019, None])
    assert labels == ["2017", "2019"]
    assert index.tolist() == [-1, 1, 0, 1, -1]
    years = list(range(2005, 2026))  # 21 years
    index, labels = year_groups(years)
    assert len(labels) == 10
    assert labels[0] == "2016 or before" and labels[1:] == [str(y) for y in range(2017, 2026)]
    assert index[years.index(2005)] == 0 and index[years.index(2025)] == 9


def test_sequential_palette_runs_dark_to_light() -> None:
    colours = sequential(6)
    lightness = [0.3 * r + 0.59 * g + 0.11 * b for r, g, b in colours]
    assert lightness == sorted(lightness)
    assert len(set(colours)) == 6
