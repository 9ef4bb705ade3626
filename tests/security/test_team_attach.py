"""On a team server, attaching a correspondent of your own mailbox to a person, undoing it
(the app's Edit › Undo and `netview address ADDRESS --detach`) and forgetting the mailbox
touch the member's own rows only (issue 19, items 2 and 5): a teammate who attached the
same address to the same person keeps every row of theirs, and sees the person as before."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.pgserver import PgServer
from tests.security.teamkit import LOGINS, Team, new_team

from netview.services.importing import evidence
from netview.store.db import open_database

PAT = "Pat Offline <pat@elsewhere.example>"
ADDRESSES = {"robin": "me.sample@inbox.example", "bjorn": "bjorn.sample@inbox.example"}
TABLES = ("evidence_item", "evidence_person", "evidence_unknown", "evidence_address")


@pytest.fixture(scope="module")
def team(pg_server: PgServer) -> Iterator[Team]:
    with new_team(pg_server, ("robin", "bjorn"), imports=("robin", "bjorn")) as t:
        yield t


def _mbox(path: Path, login: str) -> Path:
    you = f"Member <{ADDRESSES[login]}>"
    mails = [(1, 2, PAT, you), (2, 9, you, PAT)]
    path.write_text(
        "".join(
            f"From x Mon Nov  2 09:00:00 2026\nMessage-ID: <{login}-{n}@invented.example>\n"
            f"Date: {day:02d} Nov 2026 09:00:00 +0000\nFrom: {sender}\nTo: {to}\n"
            "Subject: hi\n\nhello\n\n"
            for n, day, sender, to in mails
        ),
        encoding="utf-8",
    )
    return path


def _rows(team: Team, login: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every evidence row the member sees (their own, under row-level security)."""
    out = {}
    with team.raw(login) as conn:
        for table in TABLES:
            columns = "*" if table != "evidence_address" else "address, person_id, how, source_id"
            rows = conn.execute(f"SELECT {columns} FROM {table}").fetchall()
            out[table] = sorted(rows, key=lambda r: [(v is None, v or 0) for v in r])
    return out


def test_a_member_undoes_an_attach_and_forgets_their_mailbox_leaving_a_teammates_alone(
    team: Team, tmp_path: Path
) -> None:
    with team.raw("robin") as conn:
        row = conn.execute(
            "SELECT key FROM person WHERE key NOT LIKE %s AND key <> ALL(%s) ORDER BY key LIMIT 1",
            ("%:%", list(LOGINS.values())),
        ).fetchone()
    assert row is not None
    key = str(row[0])
    # Björn's mailbox names Pat too, and he says Pat is that person.
    for login in ("robin", "bjorn"):
        mbox = _mbox(tmp_path / f"{login}.mbox", login)
        status, _, err = team.cli(login, "import", mbox, "--my-address", ADDRESSES[login])
        assert status == 0, err
    team.json("bjorn", "address", "pat@elsewhere.example", key)
    bjorn_rows = _rows(team, "bjorn")
    # Robin's word that his address is his (kept beyond his mailbox) is his alone.
    assert ADDRESSES["robin"] not in [r[0] for r in bjorn_rows["evidence_address"]]
    with team.raw("bjorn") as conn:
        gone = conn.execute(
            "DELETE FROM evidence_address WHERE address = %s", (ADDRESSES["robin"],)
        ).rowcount
        assert gone == 0  # not his to delete: he does not even see it
    bjorn_sees = team.json("bjorn", "person", key)
    assert bjorn_sees[0]["last_contact"] == "2026-11-09"
    robin_before = _rows(team, "robin")
    (robin_sees,) = team.json("robin", "person", key)
    assert [s["who"] for s in team.json("robin", "address")] == ["pat@elsewhere.example"]

    # The app's attach and its Edit › Undo, as Robin.
    db = open_database(team.url("robin"))
    try:
        with db.write() as session:
            done = evidence.attach_in(session, "pat@elsewhere.example", key)
        assert done.items == 2 and len(done.added) == 2
        assert team.json("robin", "person", key)[0]["last_contact"] == "2026-11-09"
        with db.write() as session:
            evidence.unattach_in(session, done)
    finally:
        db.dispose()
    assert _rows(team, "robin") == robin_before
    assert team.json("robin", "person", key) == [robin_sees]
    assert _rows(team, "bjorn") == bjorn_rows

    # The command line's attach and the undo line it prints.
    status, out, err = team.cli("robin", "address", "pat@elsewhere.example", key)
    assert status == 0, err
    (undo,) = [x for x in out.splitlines() if x.startswith("To undo: netview ")]
    status, _, err = team.cli("robin", *shlex.split(undo.removeprefix("To undo: netview ")))
    assert status == 0, err
    assert _rows(team, "robin") == robin_before
    assert team.json("bjorn", "person", key) == bjorn_sees

    # Robin forgets his mailbox, Pat attached again: his evidence goes, all of it, with the
    # address he attached; Björn's stays, all of it.
    team.json("robin", "address", "pat@elsewhere.example", key)
    status, _, err = team.cli("robin", "forget", "robin.mbox")
    assert status == 0, err
    assert robin_before["evidence_item"]
    # All but his word that his address is his, given with the import (as `netview
    # my-address` gives it, not brought by the file).
    mine = [(ADDRESSES["robin"], None, "mine", None)]
    assert _rows(team, "robin") == {t: mine if t == "evidence_address" else [] for t in TABLES}
    assert _rows(team, "bjorn") == bjorn_rows
    assert team.json("bjorn", "person", key) == bjorn_sees
    assert team.json("robin", "address") == []
