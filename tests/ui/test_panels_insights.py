"""The insights panel: growth over time, top companies and functions, goals with progress."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select, update
from tests.ui.panel_helpers import settle

from netview.services.analysis.insights import period_bounds
from netview.store.models import Goal, Person, Tie


def my_connections(db, me: int) -> list[tuple[int, str | None, date | None]]:  # type: ignore[no-untyped-def]
    """(tie id, their company, connected on) of each of your ties, straight from SQL."""
    with db.session() as s:
        rows = s.execute(
            select(Tie.id, Person.company, Tie.connected_on)
            .join(Person, Person.id == ((Tie.a_id + Tie.b_id) - me))
            .where((Tie.a_id == me) | (Tie.b_id == me))
        ).all()
    return [(int(t), c, d) for t, c, d in rows]


def test_growth_and_top_companies(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    panel = sample_window.panels["insights"]
    rows = my_connections(db, int(ln.net.ids[ln.net.owner]))
    dated = sorted(d for _t, _c, d in rows if d is not None)
    xs, ys = panel.curve.getData()
    assert len(dated) >= 10
    assert ys[-1] == len(dated) and list(ys) == sorted(ys)
    assert len(xs) == len(set(dated))
    counts = Counter(c for _t, c, _d in rows if c)
    top_name, top_n = counts.most_common(1)[0]
    first = panel.companies.topLevelItem(0)
    assert int(first.text(1)) == top_n and first.text(0) in {
        c for c, n in counts.items() if n == top_n
    } | {top_name}
    assert panel.functions.topLevelItemCount() >= 3


def test_goal_progress_counts_new_connections_in_the_period(
    qtbot, sample_window, reference
) -> None:  # type: ignore[no-untyped-def]
    db, ln = reference
    window = sample_window
    panel = window.panels["insights"]
    assert "No goals yet" in panel.goals_box.findChildren(type(panel.growth_note))[0].text()
    me = int(ln.net.ids[ln.net.owner])
    rows = my_connections(db, me)
    company = Counter(c for _t, c, _d in rows if c).most_common(1)[0][0]
    # Three of your ties at that company were made this quarter.
    made_now = [t for t, c, _d in rows if c == company][:3]
    with db.session() as s:
        s.execute(update(Tie).where(Tie.id.in_(made_now)).values(connected_on=date.today()))
    start, end = period_bounds("quarter", date.today())
    expected = sum(
        1
        for t, c, d in my_connections(db, me)
        if c and company.casefold() in c.casefold() and d and start <= d <= end
    )
    assert expected >= 3
    window.changed()  # anything may differ
    settle(qtbot, window)

    panel.add_goal("connections", 10, "quarter", company)
    settle(qtbot, window)
    assert len(panel.goal_bars) == 1
    bar = panel.goal_bars[0]
    assert bar.value() == expected and bar.maximum() == 10
    assert bar.text() == f"{expected} of 10"
    with db.session() as s:
        assert s.scalars(select(Goal.topic)).all() == [company]

    window.undo_stack.undo()
    settle(qtbot, window)
    assert panel.goal_bars == []
    with db.session() as s:
        assert s.scalars(select(Goal.id)).all() == []
    window.undo_stack.redo()
    settle(qtbot, window)
    assert [b.value() for b in panel.goal_bars] == [expected]


def test_follow_up_goal_counts_people_contacted_this_month(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    _db, ln = reference
    window = sample_window
    panel = window.panels["insights"]
    start, end = period_bounds("month", ln.today)
    before = sum(1 for at in ln.last_with_owner.values() if start <= at.date() <= end)
    panel.add_goal("followups", 5, "month")
    settle(qtbot, window)
    assert panel.goal_bars[0].value() == min(before, 5)
    # Logging a contact with someone not yet contacted this month moves the goal on.
    fresh = next(
        i for i in range(ln.net.n)
        if ln.net.degree[i] == 1
        and not (i in ln.last_with_owner and ln.last_with_owner[i].date() >= start)
    )  # fmt: skip
    window.select_person(ln.net.keys[fresh])
    from netview.ui import commands

    window.push(commands.mark_done(window, int(ln.net.ids[fresh])))
    settle(qtbot, window)
    assert panel.goal_bars[0].value() == min(before + 1, 5)
    assert panel.goal_bars[0].text() == f"{before + 1} of 5"


def test_who_connects_your_groups_and_the_shape(sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    from netview.services.analysis import insights as ins

    _db, ln = reference
    panel = sample_window.panels["insights"]
    expected = ins.connectors_of_groups(ln)
    assert expected  # colleagues' exports link their circles to yours
    shown = [
        panel.brokers.topLevelItem(r).text(0) for r in range(panel.brokers.topLevelItemCount())
    ]
    assert shown == [b.name for b in expected]
    shape = ins.network_shape(ln)
    assert panel.shape.text() == (
        f"{shape.connections:,} connections, {shape.ties_among_them:,} ties among them; "
        f"{shape.alone:,} know nobody else you know; the largest group who reach one another "
        f"without you: {shape.largest_component:,} people"
    )
    # Plain words (issue 21.7): no "density 2.8%", and "circle" only names communities.
    assert "%" not in panel.shape.text() and "circle" not in panel.shape.text()
