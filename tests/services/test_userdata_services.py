"""Services behind the panels' edits: notes, tags, goals' periods, undoing a logged touch."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netview.core.errors import NetViewError
from netview.services.analysis.insights import PERIODS, add_goal, period_bounds
from netview.services.followups import cadence as fu
from netview.services.people import notes, tags
from netview.store.db import Database, open_database
from netview.store.models import Meta, Person


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = open_database(str(tmp_path / "u.db"))
    with db.session() as s:
        s.add(Person(id=1, key="me-1", name="Ada", created_at=datetime(2026, 1, 1)))
        s.add(Person(id=2, key="bo-2", name="Bo", created_at=datetime(2026, 1, 1)))
        s.add(Meta(key="me_person_id", value="1"))
    return db


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(PERIODS))
def test_a_period_contains_today_and_tiles_the_calendar(today: date, period: str) -> None:
    start, end = period_bounds(period, today)
    assert start <= today <= end and start.day == 1
    after_start, _ = period_bounds(period, end + timedelta(days=1))
    assert after_start == end + timedelta(days=1)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    assert (end.year - start.year) * 12 + end.month - start.month + 1 == months


def test_deleted_note_comes_back_as_it_was(db: Database) -> None:
    nid = notes.add_note(db, 2, "  met at PyCon  ", at=datetime(2026, 3, 1, 9))
    row = notes.get_note(db, nid)
    assert row is not None and row.body == "met at PyCon"
    notes.delete_note(db, nid)
    assert notes.notes(db, 2) == []
    notes.restore_note(db, row)
    assert notes.notes(db, 2) == [row]
    with pytest.raises(NetViewError):
        notes.add_note(db, 2, "   ")


def test_tags_are_trimmed_and_counted(db: Database) -> None:
    tags.add_tag(db, 2, "  met   at PyCon ")
    tags.add_tag(db, 2, "met at PyCon")
    tags.add_tag(db, 1, "investor")
    assert tags.tags_of(db, 2) == ["met at PyCon"]
    assert tags.all_tags(db) == {"investor": 1, "met at PyCon": 1}
    tags.remove_tag(db, 2, "met at PyCon")
    assert tags.tags_of(db, 2) == [] and tags.all_tags(db) == {"investor": 1}


def test_undoing_a_logged_touch_restores_the_reminder(db: Database) -> None:
    fu.set_cadence(db, 2, 30)
    fu.snooze(db, 2, date.today() + timedelta(days=3))
    touch = fu.mark_done(db, 2)
    [row] = fu.followups(db, include_all=True)
    assert row.status == "ok" and row.snoozed_until is None
    fu.undo_done(db, 2, touch, date.today() + timedelta(days=3))
    [row] = fu.followups(db, include_all=True)
    assert row.status == "snoozed" and row.last_contact is None


def test_goals_are_checked(db: Database) -> None:
    with pytest.raises(NetViewError, match="unknown goal"):
        add_goal(db, "likes", 3, "month")
    with pytest.raises(NetViewError, match="period"):
        add_goal(db, "connections", 3, "week")
    with pytest.raises(NetViewError, match="at least 1"):
        add_goal(db, "connections", 0, "month")
