"""A personal database joining a team database (`netview team join`): the events it holds
are the team's own (a later import of the same archives recognises them), in either order,
all at once or not at all."""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.pgserver import PgServer
from tests.services.conftest import Cli
from tests.services.teamkit import add_members
from tests.services.test_team import BJORN, EMEKA, LOGINS, ME, PASSWORD, Team, _run

from netview.store import join as store_join

# Counts a doubled or lost event would change.
COUNTS = ("people", "by_degree", "sources", "messages", "invitations", "endorsements",
          "recommendations")  # fmt: skip


def _counts(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: stats[k] for k in COUNTS if k != "sources"}


@pytest.fixture
def new_team(pg_server: PgServer) -> Iterator[Team]:
    """An empty team database with Robin and Björn as members."""
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert _run("team", "init", "--db", admin)[0] == 0
    add_members(admin, {k: LOGINS[k] for k in ("robin", "bjorn")}, PASSWORD)
    yield Team(pg_server, database, admin, {})
    pg_server.drop_database(database)


@pytest.fixture
def solo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Robin's personal database: his archive and Emeka's shared export."""
    cli = Cli(tmp_path / "robin.db", capsys)
    cli.json("import", ME, EMEKA)
    return cli


def _positions(t: Team) -> int:
    with t.raw("robin") as conn:
        found = conn.execute("SELECT count(*) FROM position").fetchone()
    assert found is not None
    return int(found[0])


def _join(t: Team, solo: Cli) -> None:
    status, _, err = _run("--db", t.url("robin"), "team", "join", "--from", solo.db)
    assert status == 0, err


def test_joined_events_are_recognised_by_later_imports(new_team: Team, solo: Cli) -> None:
    t = new_team
    _join(t, solo)
    joined = t.as_("robin", "stats")
    assert _counts(joined) == _counts(solo.json("stats"))
    # "You" is the person the file knew, name and all (add-member knew only the profile).
    assert joined["me"] == solo.json("stats")["me"]
    positions = _positions(t)
    assert positions > 0
    # The same events and jobs again, from the unpacked archive's files: nothing new.
    for part in ("messages.csv", "Invitations.csv", "Positions.csv"):
        robin = f"https://www.linkedin.com/in/{LOGINS['robin']}/"
        t.as_("robin", "import", ME.parent / "me" / part, "--owner-url", robin)
        assert _counts(t.as_("robin", "stats")) == _counts(joined), part
        assert _positions(t) == positions, part
    # A teammate's own archive, holding his side of their conversations, after the join:
    # the team equals Robin's database with that archive imported into it.
    t.as_("bjorn", "import", BJORN)
    solo.json("import", BJORN)
    assert _counts(t.as_("robin", "stats")) == _counts(solo.json("stats"))


def test_joining_after_importing_as_the_member_adds_only_what_is_new(
    new_team: Team, solo: Cli
) -> None:
    t = new_team
    t.as_("robin", "import", ME)
    t.as_("bjorn", "import", EMEKA)  # Emeka's export is in the team already too
    assert solo("followups", "--set", LOGINS["olga"], "30")[0] == 0
    _join(t, solo)
    assert _counts(t.as_("robin", "stats")) == _counts(solo.json("stats"))
    assert t.as_("robin", "stats")["sources"] == 2
    # Again: nothing new, and it says so.
    status, out, err = _run("--db", t.url("robin"), "team", "join", "--from", solo.db)
    assert status == 0, err
    assert set(re.findall(r"(\d+) new", out)) == {"0"}, out


def test_a_colleagues_conversation_known_without_its_text_is_not_doubled(
    new_team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Emeka's export, with a message of his to someone else: neither database keeps its
    text (a shared export's), so the join knows it by who, to whom and when."""
    emeka = tmp_path / "emeka"
    shutil.copytree(EMEKA.parent / "shared-3-emeka", emeka)
    with (emeka / "messages.csv").open("a", encoding="utf-8") as f:
        f.write(
            "\nconv-x==,,Emeka García,https://www.linkedin.com/in/emeka-garcía-85ef3,"
            "Jürgen Patel,https://www.linkedin.com/in/j%C3%BCrgen-patel-b455b,"
            "2026-09-01 10:00:00 UTC,,Shall we meet next week?,INBOX,false,false\n"
        )
    solo = Cli(tmp_path / "robin.db", capsys)
    solo.json("import", ME, emeka)
    with contextlib.closing(sqlite3.connect(solo.db)) as conn:
        textless = conn.execute(
            "SELECT count(*) FROM interaction i WHERE kind = 'message' AND NOT EXISTS "
            "(SELECT 1 FROM interaction_text t WHERE t.interaction_id = i.id)"
        ).fetchone()
    assert textless == (1,)
    t = new_team
    # Björn's archive first, so the team numbers people otherwise than Robin's file does.
    t.as_("bjorn", "import", BJORN)
    t.as_("robin", "import", ME)
    t.as_("bjorn", "import", emeka)
    _join(t, solo)
    solo.json("import", BJORN)
    assert _counts(t.as_("robin", "stats")) == _counts(solo.json("stats"))
    # Not one of Robin's messages, so not in his stats: count the team's events.
    query = "SELECT kind, count(*) FROM interaction GROUP BY kind ORDER BY kind"
    with t.raw("robin") as conn:
        team_events = conn.execute(query).fetchall()
    with contextlib.closing(sqlite3.connect(solo.db)) as conn:
        assert team_events == conn.execute(query).fetchall()


def test_a_join_that_fails_half_way_leaves_nothing(
    new_team: Team, solo: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = new_team
    assert solo("note", LOGINS["olga"], "met at the fintech dinner")[0] == 0
    before = t.as_("robin", "stats")
    real = store_join.insert_ignore

    def fail_at_notes(session: Any, table: Any, rows: Any) -> None:
        if table.name == "note":
            raise OSError("the disk is full")
        real(session, table, rows)

    # Only for this join (monkeypatch.undo() would also undo the root conftest's HOME).
    with monkeypatch.context() as patch:
        patch.setattr(store_join, "insert_ignore", fail_at_notes)
        status, _, err = _run("--db", t.url("robin"), "team", "join", "--from", solo.db)
    assert status == 1 and err.count("\n") == 1, err
    # People, ties and events went in before the notes did: none of them stayed.
    assert t.as_("robin", "stats") == before
    assert t.as_("robin", "sources") == []
    _join(t, solo)
    assert [n["body"] for n in t.as_("robin", "note", LOGINS["olga"])] == [
        "met at the fintech dinner"
    ]


def test_messages_waiting_to_be_attached_come_along_as_the_members_own(
    new_team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import text

    from netview.services.identity import ambiguous
    from netview.store.db import open_database

    archives = Path(__file__).parents[1] / "fixtures" / "identity"
    solo = Cli(tmp_path / "robin-2018.db", capsys)
    solo.json("import", archives / "robin-2024", archives / "robin-2018")
    t = new_team
    _join(t, solo)
    _join(t, solo)  # again: nothing doubles
    with t.raw("robin") as conn:
        rows = conn.execute("SELECT entries FROM pending_message").fetchall()
    assert len(rows) == 1 and "Hi Maria" in rows[0][0]
    with t.raw("bjorn") as conn:  # message texts: Robin's alone
        assert conn.execute("SELECT count(*) FROM pending_message").fetchone() == (0,)
    db = open_database(t.url("robin"))
    try:
        with db.session() as s:
            (acme,) = s.execute(text("SELECT id FROM person WHERE company = 'Acme'")).one()
        offer = ambiguous.pending_for(db, acme)
        assert offer is not None and (offer.name, offer.count) == ("Maria García", 2)
        assert ambiguous.attach(db, acme) == 2
    finally:
        db.dispose()


def test_introductions_asked_for_and_archive_dates_come_along_once(
    new_team: Team, solo: Cli
) -> None:
    asked = solo.json(
        "intros", "--ask", "emeka-garcía-85ef3", "--via", "björn-lee-11eef",
        "--draft", "Björn, could you introduce me?", "--on", "2026-11-21",
    )  # fmt: skip
    t = new_team
    _join(t, solo)
    _join(t, solo)  # again: nothing doubles
    mine = t.as_("robin", "intros")["requests"]
    assert [(r["target"], r["via"], r["steps"]) for r in mine] == [
        (asked["target"], asked["via"], [["asked", "2026-11-21"]])
    ]
    assert t.as_("bjorn", "intros")["requests"] == []
    with t.raw("robin") as conn:  # each archive keeps its date: newer ones supersede it
        assert conn.execute("SELECT count(*) FROM source_snapshot").fetchone() == (2,)
