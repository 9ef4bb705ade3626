"""A team database: members import their own archives, see the network from where they
stand, ask who knows whom, and cannot read or write each other's private rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select
from tests.pgserver import PgServer
from tests.services.conftest import Cli, sample_zips, truth
from tests.services.teamkit import add_member, add_members, run

from netview.store.db import open_database
from netview.store.models import Meta, Person

ME, BJORN, OLGA, EMEKA = sample_zips("network-2024")
LOGINS = {"robin": "robin-quill-42", "bjorn": "björn-lee-11eef", "olga": "olga-haddad-13dde"}
PASSWORD = "correct horse battery staple"


_run = run  # (other test modules import it under this name)


@dataclass
class Team:
    server: PgServer
    database: str
    admin: str
    added: dict[str, tuple[int, str, str]]

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def as_(self, login: str, *args: str | Path) -> Any:
        status, out, err = _run("--db", self.url(login), *args, "--json")
        assert status == 0, err
        return json.loads(out)

    def raw(self, login: str) -> psycopg.Connection[Any]:
        dsn = self.server.libpq(self.database, login, PASSWORD)
        return psycopg.connect(dsn, autocommit=True)


@pytest.fixture(scope="module")
def team(pg_server: PgServer) -> Iterator[Team]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    status, _, err = _run("team", "init", "--db", admin)
    assert status == 0, err
    assert _run("team", "init", "--db", admin)[0] == 0  # safe to run again
    added = {}
    for login, key in LOGINS.items():
        added[login] = add_member(admin, login, key, PASSWORD)
    t = Team(pg_server, database, admin, added)
    # Each member imports their own archive; Robin also has Emeka's (a shared export).
    for login, archive in (("robin", ME), ("bjorn", BJORN), ("olga", OLGA), ("robin", EMEKA)):
        t.as_(login, "import", archive)
    yield t
    pg_server.drop_database(database)


def test_adding_a_member_prints_their_url_without_the_password(team: Team) -> None:
    status, out, err = team.added["robin"]
    assert status == 0, err
    assert f"netview --db 'postgresql+psycopg://robin@/{team.database}" in out
    assert "horse" not in out and "horse" not in err
    # The login takes the password it was given, and no other.
    team.raw("robin").close()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(team.server.libpq(team.database, "robin", "wrong")).close()
    members = team.as_("robin", "team", "members")
    assert [(m["login"], m["key"]) for m in members] == sorted(LOGINS.items())
    assert {m["login"]: m["name"] for m in members}["bjorn"].startswith("Björn Lee")


def test_each_member_is_you_in_their_own_view(team: Team) -> None:
    # Robin's view holds all four archives (three through teammates): the sample's truth.
    robin = team.as_("robin", "stats")
    assert robin["by_degree"] == truth("network-2024")["by_degree"]
    assert robin["people"] == truth("network-2024")["people_visible"]
    bjorn = team.as_("bjorn", "stats")
    assert bjorn["people"] == robin["people"] and bjorn["by_degree"] != robin["by_degree"]
    # Björn's own connections are his first ring.
    zipped = json.dumps(
        team.as_("bjorn", "paths", f"https://www.linkedin.com/in/{LOGINS['robin']}/")
    )
    assert '"degree": 0' in zipped


def test_a_members_view_equals_a_solo_database_where_they_imported_first(
    team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same archives in the same order, then Björn made "you" by hand.
    solo = Cli(tmp_path / "bjorn.db", capsys)
    for archive in (ME, BJORN, OLGA, EMEKA):
        solo.json("import", archive)
    db = open_database(solo.db)
    with db.session() as s:
        bjorn = s.scalars(select(Person.id).where(Person.key == LOGINS["bjorn"])).one()
        s.merge(Meta(key="me_person_id", value=str(bjorn)))
    db.dispose()
    for ask in (("stats",), ("followups", "--all", "--today", "2026-12-01")):
        assert team.as_("bjorn", *ask) == solo.json(*ask), ask


def _tied_to_bjorn_only(team: Team) -> str:
    with team.raw("bjorn") as conn:
        rows = conn.execute(
            "SELECT p.id, p.key FROM person p JOIN tie t ON p.id IN (t.a_id, t.b_id) "
            "JOIN person b ON b.id IN (t.a_id, t.b_id) AND b.key = %s AND b.id <> p.id",
            (LOGINS["bjorn"],),
        ).fetchall()
        robin = {
            k
            for (k,) in conn.execute(
                "SELECT p.key FROM person p JOIN tie t ON p.id IN (t.a_id, t.b_id) "
                "JOIN person r ON r.id IN (t.a_id, t.b_id) AND r.key = %s AND r.id <> p.id",
                (LOGINS["robin"],),
            )
        }
    return sorted(k for _, k in rows if k not in robin and k not in LOGINS.values())[0]


def test_who_knows_ranks_teammates_by_their_best_path(team: Team) -> None:
    target = _tied_to_bjorn_only(team)
    found = team.as_("robin", "team", "who-knows", target)
    assert found["target"]["key"] == target
    ranked = found["members"]
    assert ranked and [m["score"] for m in ranked] == sorted(
        (m["score"] for m in ranked), reverse=True
    )
    assert "robin" not in [m["member"]["login"] for m in ranked]  # you ask; teammates answer
    bjorn = next(m for m in ranked if m["member"]["login"] == "bjorn")
    assert [p["key"] for p in bjorn["path"]["people"]] == [LOGINS["bjorn"], target]
    assert bjorn["member"]["key"] == LOGINS["bjorn"]
    assert bjorn["path"]["why"] and bjorn["path"]["why"][0].startswith("Björn Lee")
    for m in ranked:
        assert m["path"]["people"][0]["key"] == m["member"]["key"]
        assert m["path"]["people"][-1]["key"] == target
    company = team.as_("robin", "team", "who-knows", f"company:{_company_of(team, target)}")
    assert company["target"]["kind"] == "company" and company["members"]


def _company_of(team: Team, key: str) -> str:
    with team.raw("robin") as conn:
        row = conn.execute("SELECT company FROM person WHERE key = %s", (key,)).fetchone()
    assert row is not None and row[0]
    return str(row[0])


def test_private_rows_are_sealed_by_the_server(team: Team) -> None:
    someone = _tied_to_bjorn_only(team)
    _run("--db", team.url("robin"), "note", someone, "owes me a favour")
    _run("--db", team.url("robin"), "followups", "--set", someone, "30")
    with team.raw("robin") as robin:
        (robin_texts,) = robin.execute("SELECT count(*) FROM interaction_text").fetchone()  # type: ignore[misc]
        assert robin_texts > 0
        assert robin.execute("SELECT count(*) FROM note").fetchone() == (1,)
        assert robin.execute("SELECT count(*) FROM followup").fetchone() == (1,)
        (person_id,) = robin.execute("SELECT person_id FROM note").fetchone()  # type: ignore[misc]
    with team.raw("bjorn") as bjorn:
        # Invisible: Björn sees no note, cadence or text of Robin's, only his own texts.
        assert bjorn.execute("SELECT count(*) FROM note").fetchone() == (0,)
        assert bjorn.execute("SELECT count(*) FROM followup").fetchone() == (0,)
        assert bjorn.execute(
            "SELECT count(*) FROM interaction_text WHERE owner <> current_user"
        ).fetchone() == (0,)
        # Unwritable: updates and deletes find nothing; rows claiming to be Robin's are refused.
        assert bjorn.execute("UPDATE note SET body = 'hacked'").rowcount == 0
        assert bjorn.execute("DELETE FROM followup").rowcount == 0
        bjorn.execute("UPDATE interaction_text SET body = 'hacked'")  # his own texts only
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bjorn.execute(
                "INSERT INTO note (person_id, body, created_at, updated_at, owner) "
                "VALUES (%s, 'mine now', now(), now(), 'robin')",
                (person_id,),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bjorn.execute("INSERT INTO team_member VALUES ('bjorn2', %s, now())", (person_id,))
    with team.raw("robin") as robin:
        assert robin.execute("SELECT body FROM note").fetchall() == [("owes me a favour",)]
        assert robin.execute("SELECT cadence_days FROM followup").fetchall() == [(30,)]
        assert robin.execute(
            "SELECT count(*) FROM interaction_text WHERE body = 'hacked'"
        ).fetchone() == (0,)
        assert robin.execute("SELECT count(*) FROM interaction_text").fetchone() == (robin_texts,)


def test_a_removed_member_can_no_longer_log_in(team: Team) -> None:
    admin = team.server.url(team.database)
    status, out, err = _run(
        "team", "add-member", "--login", "dana", "--profile-url",
        "https://www.linkedin.com/in/dana-new-1/", "--password-stdin", "--db", admin,
        stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert status == 0, err
    team.raw("dana").close()
    assert "dana" in [m["login"] for m in team.as_("robin", "team", "members")]
    status, out, err = _run("team", "remove-member", "dana", "--db", admin)
    assert status == 0 and "dana" in out
    assert "dana" not in [m["login"] for m in team.as_("robin", "team", "members")]
    with pytest.raises(psycopg.OperationalError):
        team.raw("dana").close()
    status, _, err = _run("team", "remove-member", "dana", "--db", admin)
    assert status == 1 and err.count("\n") == 1 and "not a member" in err


@pytest.mark.sqlite_only
def test_team_commands_refuse_sqlite_in_one_line(cli: Cli) -> None:
    cli.json("import", ME)
    for args in (("team", "init"), ("team", "who-knows", "anyone")):
        status, _, err = cli(*args)
        assert status == 1 and err.count("\n") == 1, args
        assert "team" in err


def test_note_adds_and_lists_notes_on_sqlite(cli: Cli) -> None:
    cli.json("import", ME)
    key = "olga-haddad-13dde"
    status, _, err = cli("note", key, "  met at the fintech dinner ")
    assert status == 0, err
    assert [n["body"] for n in cli.json("note", key)] == ["met at the fintech dinner"]
    status, _, err = cli("note", "nobody-like-this-1", "hello")
    assert status == 1 and err.count("\n") == 1 and "nobody-like-this-1" in err


def test_a_member_takes_their_own_view_home_as_a_personal_database(
    team: Team, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    robin, olga = LOGINS["robin"], LOGINS["olga"]
    assert _run("--db", team.url("bjorn"), "note", robin, "my teammate")[0] == 0
    assert _run("--db", team.url("robin"), "note", olga, "robin's secret")[0] == 0
    backup = tmp_path / "bjorn.json"
    status, _, err = _run("--db", team.url("bjorn"), "export", "json", "-o", backup)
    assert status == 0, err
    assert "robin's secret" not in backup.read_text(encoding="utf-8")
    home = Cli(tmp_path / "home.db", capsys)
    status, _, err = home("restore", backup)
    assert status == 0, err
    assert home.json("stats") == team.as_("bjorn", "stats")
    assert home.json("stats")["me"]["key"] == LOGINS["bjorn"]
    assert [n["body"] for n in home.json("note", robin)] == ["my teammate"]
    assert home.json("note", olga) == []


def test_a_personal_database_joins_the_team_as_its_owners(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    solo = Cli(tmp_path / "robin.db", capsys)
    solo.json("import", ME, EMEKA)
    olga = LOGINS["olga"]
    assert solo("note", olga, "met at the fintech dinner")[0] == 0
    assert solo("groups", "--create", "Investors")[0] == 0
    assert solo("groups", "--add", "Investors", olga)[0] == 0
    assert solo("followups", "--set", olga, "30")[0] == 0
    database = pg_server.create_database()
    admin = pg_server.url(database)
    t = Team(pg_server, database, admin, {})
    try:
        assert _run("team", "init", "--db", admin)[0] == 0
        add_members(admin, {k: LOGINS[k] for k in ("robin", "bjorn")}, PASSWORD)
        t.as_("bjorn", "import", BJORN)  # a teammate was there first
        status, out, err = _run("--db", t.url("robin"), "team", "join", "--from", solo.db)
        assert status == 0, err
        assert out.startswith(f"Joined {solo.db}: ")
        # Robin's view of the team equals his own database with Björn's export added to it.
        solo.json("import", BJORN)
        for ask in (("stats",), ("followups", "--all", "--today", "2026-12-01")):
            assert t.as_("robin", *ask) == solo.json(*ask), ask
        # (Company groups may differ: which export set a person's company depends on order.)
        mine = [g for g in t.as_("robin", "groups") if g["kind"] == "user"]
        assert mine == [g for g in solo.json("groups") if g["kind"] == "user"]
        assert [g["size"] for g in mine] == [1]
        assert [n["body"] for n in t.as_("robin", "note", olga)] == ["met at the fintech dinner"]
        assert t.as_("bjorn", "note", olga) == []  # his teammate's note stays Robin's
        # Joining again adds nothing.
        before = t.as_("robin", "stats")
        status, _, err = _run("--db", t.url("robin"), "team", "join", "--from", solo.db)
        assert status == 0, err
        assert t.as_("robin", "stats") == before
        assert [n["body"] for n in t.as_("robin", "note", olga)] == ["met at the fintech dinner"]
        # Björn cannot join Robin's database as his own.
        status, _, err = _run("--db", t.url("bjorn"), "team", "join", "--from", solo.db)
        assert status == 1 and err.count("\n") == 1 and "robin-quill-42" in err
    finally:
        pg_server.drop_database(database)


def test_an_admin_without_superuser_rights_runs_the_team(pg_server: PgServer) -> None:
    """As on a hosted server: the admin owns the database and may create roles, no more."""
    with psycopg.connect(pg_server.libpq(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'teamadmin'").fetchone() is None:
            conn.execute(f"CREATE ROLE teamadmin LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
        conn.execute("CREATE DATABASE fund OWNER teamadmin")
    try:
        admin = pg_server.url("fund", "teamadmin", PASSWORD)
        for args in (
            ("team", "init"),
            ("team", "init"),
            ("import", ME),  # the admin's own archive: the admin is "you" for themselves
            ("note", LOGINS["olga"], "admin's note"),
        ):
            status, _, err = _run(*args, "--db", admin)
            assert status == 0, (args, err)
        status, _, err = _run(
            "team", "add-member", "--login", "ada", "--profile-url",
            f"https://www.linkedin.com/in/{LOGINS['bjorn']}/", "--password-stdin", "--db", admin,
            stdin=f"{PASSWORD}\n",
        )  # fmt: skip
        assert status == 0, err
        ada = Team(pg_server, "fund", admin, {})
        assert ada.as_("ada", "stats")["me"]["key"] == LOGINS["bjorn"]
        with ada.raw("ada") as conn:
            assert conn.execute("SELECT count(*) FROM note").fetchone() == (0,)
        assert _run("team", "remove-member", "ada", "--db", admin)[0] == 0
    finally:
        pg_server.drop_database("fund")


PROFILE = "https://www.linkedin.com/in/x-1/"


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (("--login", "Robert'); DROP", "--profile-url", PROFILE), "", "login"),
        (("--login", "rob", "--profile-url", "not a profile"), "", "profile URL"),
        (("--login", "rob", "--profile-url", PROFILE, "--password-stdin"), "\n", "no password"),
    ],
)
def test_add_member_refuses_bad_input_in_one_line(
    team: Team, args: tuple[str, ...], stdin: str, says: str
) -> None:
    status, _, err = _run("team", "add-member", *args, "--db", team.admin, stdin=stdin)
    assert status == 1 and err.count("\n") == 1 and says in err, err
    assert "rob" not in [m["login"] for m in team.as_("robin", "team", "members")]


def test_a_wrong_password_is_one_line_without_the_password(team: Team) -> None:
    url = team.server.url(team.database, user="robin", password="not-it")
    status, _, err = _run("stats", "--db", url)
    assert status == 1 and err.count("\n") == 1, err
    assert "not-it" not in err and "robin" in err


@pytest.fixture
def small_team(pg_server: PgServer) -> Iterator[Team]:
    """Robin and Björn, each with their own archive imported, in a database of their own
    (these tests delete what the module's team shares)."""
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert _run("team", "init", "--db", admin)[0] == 0
    t = Team(pg_server, database, admin, {})
    for login in ("robin", "bjorn", "dana"):
        status, _, err = _run(
            "team", "add-member", "--login", login, "--profile-url",
            f"https://www.linkedin.com/in/{LOGINS.get(login, 'dana-new-1')}/",
            "--password-stdin", "--db", admin, stdin=f"{PASSWORD}\n",
        )  # fmt: skip
        assert status == 0, err
    t.as_("robin", "import", ME)
    t.as_("bjorn", "import", BJORN)
    yield t
    pg_server.drop_database(database)


def test_only_the_admin_deletes_what_the_team_shares(small_team: Team) -> None:
    t, olga = small_team, LOGINS["olga"]
    assert _run("--db", t.url("robin"), "note", olga, "owes me a favour")[0] == 0
    people = t.as_("robin", "stats")["people"]
    robins = next(s for s in t.as_("robin", "sources") if s["label"] == ME.name)
    # Björn may neither delete the person Robin has a note on nor forget Robin's archive.
    for args, says in (
        (("delete-person", olga), "delete shared people"),
        (("forget", str(robins["id"])), "forget shared sources"),
        (("forget", ME.name), "forget shared sources"),
    ):
        status, out, err = _run("--db", t.url("bjorn"), *args)
        assert status == 1 and err.count("\n") == 1 and not out, (args, err)
        assert "only the team's admin" in err and says in err, err
    # Not even with raw SQL: the server refuses, so no cascade reaches Robin's note.
    with t.raw("bjorn") as bjorn:
        for table in ("person", "tie", "source", "interaction"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                bjorn.execute(f"DELETE FROM {table}")
    assert [n["body"] for n in t.as_("robin", "note", olga)] == ["owes me a favour"]
    assert t.as_("robin", "stats")["people"] == people
    assert robins["id"] in [s["id"] for s in t.as_("robin", "sources")]
    # The admin may, and the person's private rows go with them as on a personal database.
    status, _, err = _run("--db", t.admin, "delete-person", olga)
    assert status == 0, err
    assert t.as_("robin", "stats")["people"] == people - 1
    with t.raw("robin") as robin:
        assert robin.execute("SELECT count(*) FROM note").fetchone() == (0,)
    status, _, err = _run("--db", t.admin, "forget", str(robins["id"]))
    assert status == 0, err
    assert robins["id"] not in [s["id"] for s in t.as_("robin", "sources")]


def _owned_by(t: Team, login: str) -> int:
    # The cluster's superuser is above row-level security: it counts every member's rows.
    with psycopg.connect(t.server.libpq(t.database), autocommit=True) as conn:
        return sum(
            int(conn.execute(f'SELECT count(*) FROM "{table}" WHERE owner = %s', (login,))
                .fetchone()[0])  # type: ignore[index]
            for table in ("note", "followup", "tag", "person_tag")
        )  # fmt: skip


def test_removing_a_member_deletes_their_private_rows(small_team: Team) -> None:
    t, olga = small_team, LOGINS["olga"]
    for login in ("dana", "bjorn"):
        assert _run("--db", t.url(login), "note", olga, f"{login}'s note")[0] == 0
        assert _run("--db", t.url(login), "followups", "--set", olga, "30")[0] == 0
    assert _owned_by(t, "dana") == 2
    status, out, err = _run("team", "remove-member", "dana", "--db", t.admin)
    assert status == 0, err
    assert out.strip() == "Removed dana: the login is gone, and 2 private rows with it"
    assert _owned_by(t, "dana") == 0
    # Teammates' rows on the same person stay, and stay theirs.
    assert [n["body"] for n in t.as_("bjorn", "note", olga)] == ["bjorn's note"]
    assert _owned_by(t, "bjorn") == 2
    # --keep-private keeps them (sealed: only the login could read them).
    status, out, err = _run("team", "remove-member", "bjorn", "--keep-private", "--db", t.admin)
    assert status == 0, err
    assert "private rows stay" in out
    assert _owned_by(t, "bjorn") == 2
