"""View > As of…: the map as it was on a date, Play, the Insights chart on the same day, and
Colour By Year in year order with 2nd- and 3rd-degree people in their years."""

from __future__ import annotations

from datetime import date, datetime, time

import numpy as np
from sqlalchemy import select
from tests.ui.map_helpers import rings_drawn

from netview.services.mapping.mapmodel import OTHER
from netview.store.models import Meta, Tie


def first_degree_days(db: object) -> list[date]:
    """The days you connected with each of your connections, straight from the database."""
    with db.session() as s:  # type: ignore[attr-defined]
        me = int(s.scalar(select(Meta.value).where(Meta.key == "me_person_id")))
        rows = s.execute(select(Tie.connected_on).where((Tie.a_id == me) | (Tie.b_id == me))).all()
    return sorted(r[0] for r in rows if r[0] is not None)


def test_as_of_a_date_hides_the_people_who_joined_later(sample_window, reference, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, (db, _ln) = sample_window, reference
    m = window.map
    qtbot.waitUntil(lambda: bool(rings_drawn(m)), timeout=5_000)
    everyone = rings_drawn(m)
    days = first_degree_days(db)
    assert len(days) > 20
    middle = days[len(days) // 2]
    window.menu_actions["as_of"].trigger()  # View > As of…
    assert window.timebar.isVisible()
    window.timebar.set_as_of(middle.toordinal())

    # The 1st ring counts exactly your connections made by that day, as the database says.
    shown = rings_drawn(m)
    assert shown[1] == sum(d <= middle for d in days) < everyone[1]
    assert shown[2] < everyone[2]
    assert m.shown_count() - 1 == sum(shown.values())
    assert "shown" in window.counts_label.text()
    # Nothing moved: the people shown sit where they sat.
    assert np.array_equal(m.model.xy, window.document.model.xy)
    # The growth chart marks the same day.
    insights = window.panels["insights"]
    assert insights.as_of_line.isVisible()
    assert insights.as_of_line.value() == datetime.combine(middle, time()).timestamp()

    # Earlier still: fewer; the first day: only those connected that day.
    window.timebar.set_as_of(days[0].toordinal())
    assert rings_drawn(m)[1] == days.count(days[0])
    # Closing the control shows the network as it is now.
    window.menu_actions["as_of"].trigger()
    assert not window.timebar.isVisible()
    assert rings_drawn(m) == everyone
    assert not insights.as_of_line.isVisible()


def test_play_replays_growth_to_today(sample_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    window.menu_actions["as_of"].trigger()
    bar = window.timebar
    bar.set_as_of(bar.timeline.first)
    seen: list[int] = []
    bar.as_of_changed.connect(lambda _day: seen.append(window.map.shown_count()))
    bar.toggle_play()
    assert bar.playing()
    qtbot.waitUntil(lambda: not bar.playing(), timeout=20_000)
    assert bar.as_of() is None  # it stops at now
    assert len(seen) > 100  # about 10 s of frames, one step each
    assert seen == sorted(seen)  # the network only grows
    assert seen[-1] == len(window.map.model) - int((window.map.model.degree == 4).sum())


def test_colour_by_year_runs_in_year_order_and_colours_the_outer_rings(  # type: ignore[no-untyped-def]
    sample_window, qtbot
) -> None:
    window = sample_window
    with qtbot.waitSignal(window.map.model_changed, timeout=20_000):
        window.document.regroup("year")
    model = window.map.model
    years = [e.name for e in model.legend if e.name != OTHER]
    assert len(years) >= 3
    assert years == sorted(years)  # oldest first, "2016 or before" before 2017
    # An ordered palette: each year darker-to-lighter than the one before.
    lightness = [0.3 * r + 0.59 * g + 0.11 * b for r, g, b in (e.rgb for e in model.legend)][
        : len(years)
    ]
    assert lightness == sorted(lightness)
    # 2nd- and 3rd-degree people have years too (they were all grey "Other" before).
    for ring in (2, 3):
        on_ring = model.degree == ring
        if not on_ring.any():
            continue
        coloured = model.group_names.index(OTHER) != model.group[on_ring]
        assert coloured.mean() > 0.9, ring

    # The legend drawn on the map lists the years in the same order.
    def legend_drawn() -> list[str]:
        found = [lbl for lbl in window.map.drawn_labels() if lbl.kind == "legend"]
        rows = [row.rsplit("  ", 1)[0] for row, _ in found[0].rows] if found else []
        return [n for n in rows if n != OTHER]

    assert legend_drawn() == years  # in the same paint as the new colours


def test_choosing_someone_who_joined_after_the_date_keeps_the_date_and_says_so(  # type: ignore[no-untyped-def]
    sample_window, reference, qtbot
) -> None:
    from netview.ui.map.timebar import date_text

    window, (db, _ln) = sample_window, reference
    m = window.map
    qtbot.waitUntil(lambda: bool(rings_drawn(m)), timeout=5_000)
    days = first_degree_days(db)
    middle = days[len(days) // 2].toordinal()
    window.menu_actions["as_of"].trigger()
    window.timebar.set_as_of(middle)
    shown = rings_drawn(m)
    model = m.model
    later = [i for i in np.flatnonzero(model.degree == 1).tolist() if model.since[i] > middle]
    earlier = [i for i in np.flatnonzero(model.degree == 2).tolist() if model.since[i] <= middle]
    assert later and earlier
    late = later[0]
    window.select_person(model.keys[late])  # from a panel (Details, search, a list)
    # The map still shows that day: same people, the slider where it was.
    assert m.filters.as_of == middle and window.timebar.as_of() == middle
    assert rings_drawn(m) == shown and m.selected is None
    joined = date_text(int(model.since[late]))
    said = window.statusBar().currentMessage()
    shown_day = date_text(middle)
    assert said == f"{model.names[late]} joined {joined}, after the date shown ({shown_day})"
    details = window.panels["person"]
    assert details.isVisible()  # Details still shows them, and says when they joined
    qtbot.waitUntil(lambda: details.details is not None and details.details.key == model.keys[late])
    assert details.joined.isVisible()
    assert details.joined.text() == (
        f"Joined your network {joined}, after the date the map shows ({shown_day})"
    )
    # Slid on past the day they joined: the map has them, and Details says nothing more.
    window.timebar.set_as_of(int(model.since[late]))
    assert not details.joined.isVisible()
    window.timebar.set_as_of(middle)
    assert details.joined.isVisible()
    # Someone of that day hidden by another filter (the 2nd ring off) comes back, the day stays.
    window.filter_bar.degree_boxes[2].setChecked(False)
    assert 2 not in rings_drawn(m)
    window.select_person(model.keys[earlier[0]])
    assert m.selected == earlier[0] and m.filters.as_of == middle
    assert rings_drawn(m)[2] == shown[2]
