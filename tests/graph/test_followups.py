from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from netview.cli import main
from netview.services.followups import cadence as fu
from netview.services.network import load_network
from netview.store.db import open_database
from netview.store.models import Interaction, InteractionTarget
from tests.graph.helpers import NOW, Filler, truth_db

TODAY = NOW.date()


@pytest.mark.parametrize("sample", ["network-2024", "network-2026", "excel-resave"])
def test_last_contact_is_newest_message_or_later(tmp_path: Path, sample: str) -> None:
    db, t = truth_db(tmp_path / "n.db", sample)
    contacts = fu.last_contacts(db)
    ln = load_network(db, today=TODAY)
    by_key = {ln.net.keys[ln.net.index_of_id[pid]]: at.date() for pid, at in contacts.items()}
    assert t["last_message"]
    for key, day in t["last_message"].items():
        assert by_key[key] >= date.fromisoformat(day), key


def test_group_conversation_counts_as_contact_with_everyone_in_it(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.db")
    f = Filler(db)
    f.owner("me-0")
    f.person("x-1")
    f.person("y-2")
    with db.session() as s:
        for n, (actor, at) in enumerate(
            [("x-1", datetime(2026, 5, 1)), ("me-0", datetime(2026, 6, 1))]
        ):
            i = Interaction(
                kind="message",
                actor_id=f.ids[actor],
                occurred_at=at,
                conversation_id="c1",
                dedup=f"d{n}",
            )
            s.add(i)
            s.flush()
            for other in {"me-0", "x-1", "y-2"} - {actor}:
                s.add(InteractionTarget(interaction_id=i.id, person_id=f.ids[other]))
    contacts = fu.last_contacts(db)
    assert contacts[f.ids["x-1"]] == datetime(2026, 6, 1)
    assert contacts[f.ids["y-2"]] == datetime(2026, 6, 1)
    assert f.ids["me-0"] not in contacts


def _people(tmp_path: Path) -> Filler:
    db = open_database(tmp_path / "f.db")
    f = Filler(db)
    f.owner("me-0")
    for key, days_ago in (("old-1", 200), ("recent-2", 10), ("never-3", None), ("mid-4", 95)):
        f.tie("me-0", key)
        if days_ago is not None:
            f.interaction("message", key, "me-0", NOW - timedelta(days=days_ago))
    return f


def test_cadence_status_snooze_and_rearm(tmp_path: Path) -> None:
    f = _people(tmp_path)
    db, ids = f.db, f.ids
    assert fu.followups(db, today=TODAY, include_all=True) == []  # off by default
    for key in ("old-1", "recent-2", "never-3", "mid-4"):
        fu.set_cadence(db, ids[key], 90)
    rows = {r.key: r for r in fu.followups(db, today=TODAY, include_all=True)}
    assert rows["old-1"].status == "overdue"
    assert rows["old-1"].due == TODAY - timedelta(days=110)
    assert rows["mid-4"].status == "due"  # 5 days late: within the week of grace
    assert rows["recent-2"].status == "ok"
    assert rows["never-3"].status == "due" and rows["never-3"].last_contact is None
    due = fu.followups(db, today=TODAY)
    assert [r.key for r in due] == ["old-1", "mid-4", "never-3"]  # most overdue first

    fu.snooze(db, ids["old-1"], TODAY + timedelta(days=14))
    assert "old-1" not in [r.key for r in fu.followups(db, today=TODAY)]
    later = TODAY + timedelta(days=15)
    assert "old-1" in [r.key for r in fu.followups(db, today=later)]  # snooze ran out

    fu.mark_done(db, ids["old-1"], at=NOW)
    row = {r.key: r for r in fu.followups(db, today=TODAY, include_all=True)}["old-1"]
    assert row.last_contact == TODAY
    assert row.due == TODAY + timedelta(days=90)
    assert row.status == "ok" and row.snoozed_until is None

    fu.set_cadence(db, ids["mid-4"], 0)  # explicitly off
    assert "mid-4" not in [r.key for r in fu.followups(db, today=TODAY, include_all=True)]


def test_group_cadence_applies_to_members_and_own_cadence_wins(tmp_path: Path) -> None:
    from netview.store import userdata as u

    f = _people(tmp_path)
    with f.db.session() as s:
        gid = u.create_group(s, "Mentors")
        u.update_group(s, gid, cadence_days=30)
        u.add_members(s, gid, [f.ids["recent-2"], f.ids["old-1"]])
    rows = {r.key: r for r in fu.followups(f.db, today=TODAY, include_all=True)}
    assert set(rows) == {"recent-2", "old-1"}
    assert rows["recent-2"].cadence_days == 30 and rows["recent-2"].status == "ok"
    fu.set_cadence(f.db, f.ids["recent-2"], 7)
    rows = {r.key: r for r in fu.followups(f.db, today=TODAY, include_all=True)}
    assert rows["recent-2"].cadence_days == 7 and rows["recent-2"].status == "due"


def test_cli_followups_drives_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = _people(tmp_path)
    db = str(tmp_path / "f.db")
    today = ["--today", TODAY.isoformat()]
    assert main(["--db", db, "followups", "--set", "old-1", "60"]) == 0
    assert main(["--db", db, "followups", "--set", "https://linkedin.com/in/MID-4/", "30"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "followups", "--json", *today]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["section"] in ("overdue", "due")]
    assert [r["key"] for r in rows] == ["old-1", "mid-4"]
    assert rows[0] == {
        "section": "overdue",
        "status": "overdue",  # the field scripts read before sections existed
        "name": "Old",
        "key": "old-1",
        "last_contact": (TODAY - timedelta(days=200)).isoformat(),
        "cadence_days": 60,
        "suggested_cadence_days": None,
        "due": (TODAY - timedelta(days=140)).isoformat(),
        "snoozed_until": None,
        "strength": rows[0]["strength"],
    }
    snooze_to = (TODAY + timedelta(days=3)).isoformat()
    assert main(["--db", db, "followups", "--snooze", "mid-4", snooze_to]) == 0
    assert main(["--db", db, "followups", "--done", "old-1"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "followups", "--json", "--all", *today]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["mid-4"]["status"] == "snoozed"
    assert rows["old-1"]["status"] == "ok" and rows["old-1"]["last_contact"] >= TODAY.isoformat()
    assert main(["--db", db, "followups", "--done", "nobody-9"]) == 1
    assert f.ids


def test_losing_touch_lists_strong_ties_gone_quiet(tmp_path: Path) -> None:
    db = open_database(tmp_path / "l.db")
    f = Filler(db)
    f.owner("me-0")
    for key in ("quiet-1", "chatty-2", "weak-3"):
        f.tie("me-0", key, date(2018, 1, 1))
    for n in range(20):
        f.interaction(
            "message",
            "me-0" if n % 2 else "quiet-1",
            "quiet-1" if n % 2 else "me-0",
            datetime(2025, 1, 1) + timedelta(days=n),
        )
        f.interaction(
            "message",
            "me-0" if n % 2 else "chatty-2",
            "chatty-2" if n % 2 else "me-0",
            NOW - timedelta(days=n),
        )
    f.interaction("message", "weak-3", "me-0", datetime(2024, 1, 1))
    ln = load_network(db, today=TODAY)
    quiet = fu.losing_touch(ln)
    assert [ln.net.keys[q.index] for q in quiet] == ["quiet-1"]
    assert quiet[0].last_contact == date(2025, 1, 20)
    assert quiet[0].suggested_cadence == 90


def test_cadences_are_suggested_for_strong_ties_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(tmp_path / "s.db")
    f = Filler(db)
    f.owner("me-0")
    for key in ("close-1", "distant-2", "set-3"):
        f.tie("me-0", key)
    for n in range(16):
        for key in ("close-1", "set-3"):
            pair = ("me-0", key) if n % 2 else (key, "me-0")
            f.interaction("message", *pair, NOW - timedelta(days=3 + n))
    fu.set_cadence(db, f.ids["set-3"], 30)  # already has one: not suggested again
    path = str(tmp_path / "s.db")
    assert main(["--db", path, "followups", "--suggest", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["key"], r["cadence_days"]) for r in rows] == [("close-1", 90)]
