"""Attaching a correspondent nobody on LinkedIn matched to a person, and undoing it (issue 19,
item 2): from the command line (`netview address ADDRESS KEY`, `--keep`, `--detach`) and
through the undo record the app keeps (attach_in / unattach_in)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from tests.services.conftest import Cli, sample_zips

from netview.services.importing import evidence
from netview.store.db import open_database

ME = "Robin Quill <me.sample@inbox.example>"
PAT = "Pat Offline <pat@elsewhere.example>"
SAM = '"Sam Chen" <sam.other@personal.example>'


@pytest.fixture
def solo(cli: Cli, tmp_path: Path) -> Cli:
    cli.json("import", sample_zips("network-2026")[0])
    cli.json("import", _mbox(tmp_path / "other.mbox"), "--my-address", "me.sample@inbox.example")
    return cli


def _mail(n: int, day: int, sender: str, to: str, cc: str = "") -> str:
    return (
        f"From x Mon Nov  2 09:00:00 2026\n"
        f"Message-ID: <attach-{n}@invented.example>\n"
        f"Date: {day:02d} Nov 2026 09:00:00 +0000\n"
        f"From: {sender}\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "") + "Subject: hi\n\nhello\n\n"
    )


def _mbox(path: Path) -> Path:
    path.write_text(_mail(1, 2, PAT, ME, SAM) + _mail(2, 10, ME, PAT, SAM), encoding="utf-8")
    return path


def _someone_else(cli: Cli) -> str:
    """A 1st-degree person of the sample whom the mailbox does not name."""
    rows = cli.rows(
        "SELECT key FROM person WHERE key NOT LIKE '%:%' AND name NOT IN "
        "('Sam Chen', 'Robin Quill') AND email IS NULL ORDER BY key"
    )
    return str(rows[0][0])


def _undo_args(out: str) -> list[str]:
    (line,) = [x for x in out.splitlines() if x.startswith("To undo: ")]
    args = shlex.split(line.removeprefix("To undo: "))
    assert args[0] == "netview"
    return args[1:]


def test_an_attach_counts_for_the_person_and_the_line_it_prints_undoes_it(solo: Cli) -> None:
    key = _someone_else(solo)
    (before,) = solo.json("person", key)
    listed = solo.json("address")
    assert [r["who"] for r in listed] == ["pat@elsewhere.example"]

    status, out, err = solo("address", "Pat@Elsewhere.example", key)
    assert status == 0, err
    assert f"pat@elsewhere.example is {before['name']} now: 2 of your meetings" in out
    (after,) = solo.json("person", key)
    assert after["last_contact"] == "2026-11-10"
    assert "e-mailed 2 times, last 10 Nov 2026" in after["evidence"]
    assert {"key": "sam-chen-17bbc", "why": "e-mailed together 2 times; last 10 Nov 2026"} in (
        after["knows"]
    )
    assert solo.json("address") == []

    status, out, err = solo(*_undo_args(out))
    assert status == 0, err
    assert out.startswith(f"pat@elsewhere.example is not {before['name']} now: it waits in 2")
    assert solo.json("person", key) == [before]
    assert solo.json("address") == listed
    # Undone is undone: a second --detach finds nothing to undo, in one line.
    status, out, err = solo("address", "pat@elsewhere.example", "--detach")
    assert (status, out) == (1, "")
    assert err.strip() == (
        "netview: pat@elsewhere.example is attached to nobody by hand; "
        "`netview address` lists who waits"
    )


def test_a_kept_contact_is_1st_degree_in_stats_and_detach_takes_them_away(solo: Cli) -> None:
    stats = solo.json("stats")
    listed = solo.json("address")
    status, out, err = solo("address", "pat@elsewhere.example", "--keep")
    assert status == 0, err
    kept = solo.json("stats")
    assert kept["people"] == stats["people"] + 1
    assert kept["by_degree"]["1"] == stats["by_degree"]["1"] + 1
    assert kept["unconnected"] == stats["unconnected"]
    (line,) = [x for x in out.splitlines() if "is your contact" in x]
    contact = line.split("(")[1].split(")")[0]
    (pat,) = solo.json("person", contact)
    assert (pat["name"], pat["degree"]) == ("Pat Offline", 1)

    detached = solo.json(*_undo_args(out))
    assert detached == {
        "who": "pat@elsewhere.example",
        "key": contact,
        "name": "Pat Offline",
        "contact": True,
        "items": 2,
    }
    assert solo.json("stats") == stats
    assert solo.json("address") == listed
    assert solo("person", contact)[0] == 1


def test_attach_and_keep_in_json_say_how_to_undo(solo: Cli) -> None:
    key = _someone_else(solo)
    done = solo.json("address", "pat@elsewhere.example", key)
    assert done["key"] == key and done["items"] == 2
    assert done["undo"] == "To undo: netview address pat@elsewhere.example --detach"
    solo.json("address", "pat@elsewhere.example", "--detach")
    kept = solo.json("address", "pat@elsewhere.example", "--keep")
    assert kept["undo"] == done["undo"]


def test_detach_is_the_address_alone(solo: Cli) -> None:
    key = _someone_else(solo)
    status, _out, err = solo("address", "pat@elsewhere.example", key, "--detach")
    assert status == 2 and "the address only, no key" in err
    status, _out, err = solo("address", "pat@elsewhere.example", "--keep", "--detach")
    assert status == 2 and "--keep or --detach, not both" in err
    assert [r["who"] for r in solo.json("address")] == ["pat@elsewhere.example"]


def _evidence_rows(cli: Cli) -> dict[str, list[tuple[object, ...]]]:
    return {
        "person": cli.rows(
            "SELECT item_id, person_id FROM evidence_person ORDER BY item_id, person_id"
        ),
        "unknown": cli.rows("SELECT item_id, who, name FROM evidence_unknown ORDER BY item_id"),
        "address": cli.rows(
            "SELECT address, person_id, how FROM evidence_address "
            "WHERE source_id IS NULL ORDER BY address, how"
        ),
    }


def test_unattach_puts_back_exactly_what_attach_changed(solo: Cli) -> None:
    key = _someone_else(solo)
    first = solo.json("address", "pat@elsewhere.example", key)  # said by hand before
    solo.json("address", "pat@elsewhere.example", "--detach")
    solo.json("address", "pat@elsewhere.example", key)
    before = _evidence_rows(solo)
    db = open_database(solo.db)
    try:
        # Pat attached to Sam Chen, who was in both e-mails already: no link is added twice,
        # and the undo takes away none of Sam's own.
        with db.write() as session:
            done = evidence.attach_in(session, "pat@elsewhere.example", "sam-chen-17bbc")
        assert (done.items, done.added, done.name) == (0, (), "Sam Chen")
        with db.write() as session:
            evidence.unattach_in(session, done)
    finally:
        db.dispose()
    assert _evidence_rows(solo) == before
    assert first["items"] == 2


def test_attach_refuses_you_and_unknown_people(solo: Cli) -> None:
    me = solo.json("stats")["me"]["key"]
    status, _out, err = solo("address", "pat@elsewhere.example", me)
    assert status == 1 and "that is you: use netview my-address pat@elsewhere.example" in err
    status, _out, err = solo("address", "pat@elsewhere.example", "nobody-at-all-1")
    assert status == 1 and "no person with key 'nobody-at-all-1'" in err
    status, _out, err = solo("address", "~nobody listed", "sam-chen-17bbc")
    assert status == 1 and "nobody listed as '~nobody listed'" in err
    assert [r["who"] for r in solo.json("address")] == ["pat@elsewhere.example"]


def test_forgetting_the_mailbox_takes_the_address_attached_from_it(
    solo: Cli, tmp_path: Path
) -> None:
    key = _someone_else(solo)
    (before,) = solo.json("person", key)
    solo.json("address", "pat@elsewhere.example", key)
    # Another mailbox naming Pat: the attachment holds while it is there.
    later = tmp_path / "later.mbox"
    later.write_text(_mail(7, 20, PAT, ME), encoding="utf-8")
    (report,) = solo.json("import", later)
    assert report["correspondents"] == []  # Pat is that person now
    pat = "SELECT count(*) FROM evidence_address WHERE address = 'pat@elsewhere.example'"
    status, _out, err = solo("forget", "other.mbox")
    assert status == 0, err
    assert solo.rows(pat) == [(1,)]
    assert solo.json("person", key)[0]["last_contact"] == "2026-11-20"
    status, _out, err = solo("forget", "later.mbox")
    assert status == 0, err
    assert solo.rows(pat) == [(0,)]  # no trace of the address once no file names it
    (now,) = solo.json("person", key)
    assert [now[k] for k in ("last_contact", "evidence", "knows")] == [
        before[k] for k in ("last_contact", "evidence", "knows")
    ]
    # Imported again, Pat waits to be attached, as the first time.
    (again,) = solo.json("import", tmp_path / "other.mbox")
    assert [c["address"] for c in again["correspondents"]] == ["pat@elsewhere.example"]


def test_a_name_several_people_share_is_attached_and_detached_by_hand(
    solo: Cli, tmp_path: Path
) -> None:
    """A meeting's attendee named only by a name two people have: `~name` waits, to be
    attached to the one the user means, and --detach puts it back."""
    from datetime import datetime

    from sqlalchemy import select, update

    from netview.store.models import EvidenceUnknown, Person

    db = open_database(solo.db)
    try:
        with db.write() as session:
            session.add(
                Person(key="urn:li:member:5150", name="Sam Chen", created_at=datetime.now())
            )
    finally:
        db.dispose()
    calendar = tmp_path / "coffee.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:coffee-1@invented.example\r\nDTSTAMP:20261101T100000Z\r\n"
        "DTSTART:20261101T100000Z\r\nDTEND:20261101T110000Z\r\nSUMMARY:Coffee\r\n"
        "ORGANIZER;CN=Robin Quill:mailto:me.sample@inbox.example\r\n"
        "ATTENDEE;CN=Robin Quill;PARTSTAT=ACCEPTED:mailto:me.sample@inbox.example\r\n"
        "ATTENDEE;CN=Sam Chen;PARTSTAT=ACCEPTED:\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    solo.json("import", calendar)
    listed = solo.json("address")
    (who,) = [r["who"] for r in listed if r["who"].startswith("~")]
    assert who == "~chen sam"  # the folded name, word order aside
    (sam,) = solo.json("person", "sam-chen-17bbc")
    assert sam["last_contact"] == "2026-11-10"  # the e-mails; the coffee counts for nobody
    # Details of either Sam Chen offer it; of someone else, nothing.
    db = open_database(solo.db)
    try:
        with db.session() as session:
            ids = {str(k): int(i) for k, i in session.execute(select(Person.key, Person.id))}
        for key in ("sam-chen-17bbc", "urn:li:member:5150"):
            waiting = evidence.waiting_for(db, ids[key])
            assert waiting is not None
            assert (waiting.who, waiting.name, waiting.times) == (who, "Sam Chen", 1)
        assert evidence.waiting_for(db, ids[_someone_else(solo)]) is None
        # Found by the name key kept with the row; a row kept before that key was (before
        # migration 0015: none) is still found, the slow way.
        assert solo.rows("SELECT name_key FROM evidence_unknown WHERE who = :w", w=who) == [
            ("chen sam",)
        ]
        with db.write() as session:
            session.execute(update(EvidenceUnknown).values(name_key=None))
        waiting = evidence.waiting_for(db, ids["sam-chen-17bbc"])
        assert waiting is not None and (waiting.who, waiting.times) == (who, 1)
        assert evidence.waiting_for(db, ids[_someone_else(solo)]) is None
    finally:
        db.dispose()
    status, out, err = solo("address", who, "sam-chen-17bbc")
    assert f"To undo: netview address '{who}' --detach" in out
    assert status == 0, err
    assert solo.json("person", "sam-chen-17bbc")[0]["evidence"][0] == "met once, last 1 Nov 2026"
    assert solo.json("person", "urn:li:member:5150")[0]["last_contact"] is None
    status, _out, err = solo(*_undo_args(out))
    assert status == 0, err
    assert solo.json("person", "sam-chen-17bbc") == [sam]
    assert solo.json("address") == listed

    # Two more addresses of that name: Details offers the most frequent and says how many
    # more wait; once it is attached, the next is offered.
    more = tmp_path / "more.mbox"
    more.write_text(
        _mail(31, 12, '"Sam Chen" <sam.a@one.example>', ME)
        + _mail(32, 13, ME, '"Sam Chen" <sam.a@one.example>')
        + _mail(33, 14, '"Sam Chen" <sam.b@two.example>', ME),
        encoding="utf-8",
    )
    solo.json("import", more)
    db = open_database(solo.db)
    try:
        waiting = evidence.waiting_for(db, ids["sam-chen-17bbc"])
        assert waiting is not None
        assert (waiting.who, waiting.times, waiting.others) == ("sam.a@one.example", 2, 2)
        assert solo("address", "sam.a@one.example", "sam-chen-17bbc")[0] == 0
        waiting = evidence.waiting_for(db, ids["sam-chen-17bbc"])
        assert waiting is not None and waiting.others == 1
        assert waiting.who in ("sam.b@two.example", who) and waiting.times == 1
    finally:
        db.dispose()
