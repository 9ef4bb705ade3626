"""Introductions you asked for: recorded, moved through their states, kept in the backup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.services.conftest import Cli, sample_zips

TARGET, VIA = "xavier-johansson-61336", "ben-fernández-11eef"


def test_a_request_moves_from_asked_to_met_each_step_dated(cli: Cli) -> None:
    cli.json("import", *sample_zips("network-2026"))
    asked = cli.json("intros", "--ask", TARGET, "--via", VIA, "--on", "2026-11-20")
    assert asked["state"] == "asked" and asked["waiting"] is False
    assert asked["via"] == {"key": VIA, "name": "Ben Fernández"}
    # The draft is the one `paths --draft` writes for the path through Ben.
    assert asked["draft"].startswith("Hi Ben,") and "Xavier Johansson" in asked["draft"]

    # A week without an answer: waiting, and counted so.
    listed = cli.json("intros", "--on", "2026-11-27")
    assert [r["waiting"] for r in listed["requests"]] == [True]
    assert listed["counts"] == {
        "asked": 1,
        "by_state": {"asked": 1, "introduced": 0, "met": 0, "declined": 0, "no answer": 0},
        "waiting": 1,
    }
    assert cli.json("intros", "--on", "2026-11-26")["counts"]["waiting"] == 0
    assert cli.json("intros", "--on", "2026-11-27", "--wait", "14")["counts"]["waiting"] == 0

    rid = str(asked["id"])
    cli.json("intros", "--mark", rid, "introduced", "--on", "2026-11-28")
    met = cli.json("intros", "--mark", rid, "met", "--on", "2026-12-02")
    assert met["steps"] == [
        ["asked", "2026-11-20"],
        ["introduced", "2026-11-28"],
        ["met", "2026-12-02"],
    ]
    assert met["state"] == "met" and met["since"] == "2026-12-02"

    # Settled: it goes nowhere else, and the refusal says so in one line.
    status, _, err = cli("intros", "--mark", rid, "declined")
    assert status == 1 and err.count("\n") == 1 and "settled" in err


def test_asking_through_someone_off_every_path_needs_the_message_sent(cli: Cli) -> None:
    cli.json("import", *sample_zips("network-2026"))
    status, _, err = cli("intros", "--ask", TARGET, "--via", "ugo-kowalski-27334")
    assert status == 1 and "--draft" in err
    assert cli.json("intros")["requests"] == []
    done = cli.json(
        "intros", "--ask", TARGET, "--via", "ugo-kowalski-27334", "--draft", "Hi Ugo, could you?"
    )
    assert done["draft"] == "Hi Ugo, could you?"
    status, _, err = cli("intros", "--mark", str(done["id"]), "asked")
    assert status == 1 and "introduced" in err
    status, _, err = cli("intros", "--ask", TARGET)
    assert status == 2 and "--via" in err


def test_requests_travel_in_the_backup_and_a_bad_one_is_refused(
    cli: Cli, tmp_path: Path, capsys: Any
) -> None:
    cli.json("import", *sample_zips("network-2026"))
    rid = cli.json("intros", "--ask", TARGET, "--via", VIA, "--on", "2026-11-20")["id"]
    cli.json("intros", "--mark", str(rid), "declined", "--on", "2026-11-22")
    out = tmp_path / "backup.json"
    assert cli("export", "json", "-o", out)[0] == 0
    fresh = cli.fresh("fresh")
    status, _, err = fresh("restore", out)
    assert status == 0, err
    assert fresh.json("intros")["requests"] == cli.json("intros")["requests"]
    assert fresh.json("intros")["requests"][0]["state"] == "declined"

    data = json.loads(out.read_text(encoding="utf-8"))
    table = data["tables"]["intro_request"]
    table["rows"][0][table["columns"].index("state")] = "ghosted"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    other = Cli(tmp_path / "other.db", capsys)
    status, _, err = other("restore", bad)
    assert status == 1 and err.count("\n") == 1
    assert "intro_request" in err and "'ghosted'" in err
    assert not other.db.exists()


def test_a_request_waiting_is_a_follow_up_and_a_calendar_event(cli: Cli, tmp_path: Path) -> None:
    cli.json("import", *sample_zips("network-2026"))
    rid = cli.json("intros", "--ask", TARGET, "--via", VIA, "--on", "2020-01-01")["id"]
    waiting = [e for e in cli.json("followups") if e["section"] == "intros"]
    assert [(e["key"], e["request_id"]) for e in waiting] == [(VIA, rid)]
    assert "Xavier Johansson" in waiting[0]["detail"]

    out = tmp_path / "cal.ics"
    assert cli("export", "ics", "-o", out)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "SUMMARY:Introduction to Xavier Johansson via Ben Fernández" in text
    assert "DTSTART;VALUE=DATE:20200108" in text
    assert "Hi Ben" not in text  # the draft stays home

    cli.json("intros", "--mark", str(rid), "declined")
    assert not [e for e in cli.json("followups") if e["section"] == "intros"]
    assert cli("export", "ics", "-o", out)[0] == 0
    assert "Introduction to" not in out.read_text(encoding="utf-8")
