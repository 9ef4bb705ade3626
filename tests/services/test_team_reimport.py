"""An archive a teammate imported first: its owner imports it later and gets their own texts.

Robin imports Björn's archive (Björn sent it to him) before Björn has imported it. The shared
rows land then; the texts Robin holds are his own copies. When Björn imports the same archive
from his login, the importer adds Björn's private rows, and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.teamkit import add_members, run
from tests.services.test_team import BJORN, LOGINS, ME, PASSWORD

# Logins of their own: roles are the cluster's, shared with test_team.py's databases.
RE = {"robin": "robin_re", "bjorn": "bjorn_re"}
SOLO = {"robin": "robin_solo", "bjorn": "bjorn_solo"}
IDENTITY = Path(__file__).parents[1] / "fixtures" / "identity"
SHARED = ("person", "tie", "interaction", "interaction_target", "source")
MESSAGE_BODIES = (
    "SELECT count(*) FROM interaction_text t JOIN interaction i ON i.id = t.interaction_id "
    "WHERE i.kind = 'message' AND t.body IS NOT NULL"
)


@dataclass
class Db:
    server: PgServer
    name: str

    def url(self, login: str) -> str:
        return self.server.url(self.name, user=login, password=PASSWORD)

    def run(self, login: str, *args: str | Path) -> str:
        status, out, err = run("--db", self.url(login), *args)
        assert status == 0, err
        return out

    def json(self, login: str, *args: str | Path) -> Any:
        return json.loads(self.run(login, *args, "--json"))

    def scalar(self, login: str, sql: str) -> int:
        with psycopg.connect(self.server.libpq(self.name, login, PASSWORD)) as conn:
            row = conn.execute(sql).fetchone()  # type: ignore[call-overload]
        assert row is not None
        return int(row[0])

    def texts_of(self, login: str, sql: str) -> str:
        with psycopg.connect(self.server.libpq(self.name, login, PASSWORD)) as conn:
            row = conn.execute(sql).fetchone()  # type: ignore[call-overload]
        assert row is not None
        return str(row[0])

    def count(self, login: str, table: str) -> int:
        return self.scalar(login, f'SELECT count(*) FROM "{table}"')

    def texts(self, login: str) -> int:
        return self.count(login, "interaction_text")

    def message_bodies(self, login: str) -> int:
        return self.scalar(login, MESSAGE_BODIES)


def _team(server: PgServer, members: dict[str, str]) -> Db:
    name = server.create_database()
    admin = server.url(name)
    assert run("team", "init", "--db", admin)[0] == 0
    add_members(admin, members, PASSWORD)
    return Db(server, name)


@dataclass
class Story:
    archive: Path
    owner: str  # the owner's login in `team`
    first: str  # the teammate who imported it first
    team: Db
    solo: Db  # only the owner imported their archive: what their own import gives
    first_report: dict[str, Any]
    first_texts: int
    shared_before: dict[str, int]
    again: str  # the owner's import of their archive after the teammate's, as printed
    once_more: str

    @property
    def owner_solo(self) -> str:
        return SOLO[self.owner.removesuffix("_re")]


# Björn's sample archive holds no messages (texts of invitations, endorsements and
# recommendations only); Robin's holds conversations, whose bodies a shared import leaves out.
# Robin's 2018 export holds messages to a name two people share: kept unattached, per login.
@pytest.fixture(
    scope="module",
    params=[("bjorn", BJORN), ("robin", ME), ("robin", IDENTITY / "robin-2018")],
    ids=["bjorn", "robin", "robin-2018"],
)
def story(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[Story]:
    who, archive = request.param
    # A 2018 export names its owner by name only: its first import says whose it is (the
    # owner's later import needs not: the database knows).
    whose = ["--owner-url", f"https://www.linkedin.com/in/{LOGINS[who]}/"]
    args = [archive, *whose] if archive.name == "robin-2018" else [archive]
    other = "robin" if who == "bjorn" else "bjorn"
    owner, first = RE[who], RE[other]
    team = _team(pg_server, {first: LOGINS[other], owner: LOGINS[who]})
    # The same members, the teammate importing nothing: the same people known.
    solo = _team(pg_server, {SOLO[other]: LOGINS[other], SOLO[who]: LOGINS[who]})
    solo.run(SOLO[who], "import", *args)
    [first_report] = team.json(first, "import", *args)
    first_texts = team.texts(first)
    shared_before = {t: team.count(first, t) for t in SHARED}
    again = team.run(owner, "import", archive)
    once_more = team.run(owner, "import", archive)
    yield Story(
        archive, owner, first, team, solo, first_report, first_texts, shared_before, again,
        once_more,
    )  # fmt: skip
    pg_server.drop_database(team.name)
    pg_server.drop_database(solo.name)


def test_the_teammates_import_is_a_shared_export(story: Story) -> None:
    assert story.first_report["status"] == "imported"
    assert story.first_report["role"] == "shared"
    assert story.first_report["owner_key"] == LOGINS[story.owner.removesuffix("_re")]
    # The teammate's copies: subjects, invitation notes, recommendations; no message bodies.
    assert story.team.message_bodies(story.first) == 0


def test_the_owner_gets_their_own_texts_as_their_own_import_would(story: Story) -> None:
    own = story.solo.texts(story.owner_solo)
    assert story.team.texts(story.owner) == own
    bodies = story.solo.message_bodies(story.owner_solo)
    assert story.team.message_bodies(story.owner) == bodies
    assert (bodies > 0) == (story.archive != BJORN)
    # Which conversation a message belongs to (a shared import leaves it out) is there too.
    threaded = "SELECT count(*) FROM interaction WHERE conversation_id IS NOT NULL"
    assert story.team.scalar(story.owner, threaded) == story.solo.scalar(story.owner_solo, threaded)
    era = story.first_report["era"]
    assert story.again.splitlines()[0] == (
        f"{story.archive.name}: your export ({era} format); added {own:,} private texts"
    )
    # The teammate still sees their own copies only, as many as before.
    assert story.team.texts(story.first) == story.first_texts
    assert story.team.message_bodies(story.first) == 0


def test_the_shared_rows_stay_as_they_were(story: Story) -> None:
    for table, n in story.shared_before.items():
        assert story.team.count(story.owner, table) == n, table


def test_importing_it_again_adds_nothing(story: Story) -> None:
    assert story.once_more.strip() == f"{story.archive.name}: already imported, nothing changed"
    assert story.team.texts(story.owner) == story.solo.texts(story.owner_solo)


def test_the_owners_view_is_that_of_their_own_import(story: Story) -> None:
    for ask in (("stats",), ("followups", "--all", "--today", "2026-12-01")):
        assert story.team.json(story.owner, *ask) == story.solo.json(story.owner_solo, *ask), ask
    # The source is the owner's archive, whoever imported it first.
    [source] = story.team.json(story.owner, "sources")
    assert source["owner_key"] == LOGINS[story.owner.removesuffix("_re")]


def test_messages_kept_unattached_are_the_owners_too(story: Story) -> None:
    kept = "SELECT coalesce(string_agg(entries, ''), '') FROM pending_message"
    mine, solo = story.team.texts_of(story.owner, kept), story.solo.texts_of(story.owner_solo, kept)
    assert json.loads(mine or "[]") == json.loads(solo or "[]")
    if story.archive.name == "robin-2018":
        assert "Hi Maria" in mine and "Hi Maria" not in story.team.texts_of(story.first, kept)
        assert f"{story.archive.name}: " in story.again and "ambiguous names" in story.again
