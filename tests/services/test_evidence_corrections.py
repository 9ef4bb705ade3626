"""Correcting what your own evidence says (issue 19): someone no LinkedIn person matched
kept as a contact of your own, and your own addresses changed after an import."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.services.conftest import Cli, sample_zips

from netview.services.importing import evidence
from netview.store.db import open_database


@pytest.fixture
def solo(cli: Cli) -> Cli:
    cli.json("import", sample_zips("network-2026")[0])
    return cli


def _mail(n: int, day: int, sender: str, to: str, cc: str = "") -> str:
    return (
        f"From x Mon Nov  2 09:00:00 2026\n"
        f"Message-ID: <fix-{n}@invented.example>\n"
        f"Date: {day:02d} Nov 2026 09:00:00 +0000\n"
        f"From: {sender}\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "") + "Subject: hi\n\nhello\n\n"
    )


def _stranger_mbox(path: Path) -> Path:
    me = "Robin Quill <me.sample@inbox.example>"
    pat = "Pat Offline <pat@elsewhere.example>"
    sam = '"Sam Chen" <sam.other@personal.example>'
    path.write_text(_mail(1, 2, pat, me, sam) + _mail(2, 10, me, pat, sam), encoding="utf-8")
    return path


def _shared(cli: Cli, folder: Path, tag: str) -> dict[str, bytes]:
    """Every file and picture made for someone else, as bytes."""
    out = {}
    for fmt in ("graphml", "gexf", "csv"):
        path = folder / f"{tag}.{fmt}"
        status, _out, err = cli("export", fmt, "-o", path)
        assert status == 0, err
        out[fmt] = path.read_bytes()
    status, _out, err = cli("render", "-o", folder / f"{tag}.png")
    assert status == 0, err
    out["png"] = (folder / f"{tag}.png").read_bytes()
    return out


@pytest.mark.backends
def test_a_correspondent_kept_as_a_contact_is_yours_alone(solo: Cli, tmp_path: Path) -> None:
    mbox = _stranger_mbox(tmp_path / "other.mbox")
    solo.json("import", mbox, "--my-address", "me.sample@inbox.example")
    stats = solo.json("stats")
    before = _shared(solo, tmp_path, "before")
    assert [r["who"] for r in solo.json("address")] == ["pat@elsewhere.example"]

    kept = solo.json("address", "pat@elsewhere.example", "--keep")
    assert kept["name"] == "Pat Offline"
    assert kept["items"] == 2
    assert kept["key"].startswith("contact:") and "elsewhere" not in kept["key"]
    assert solo.json("address") == []
    (pat,) = solo.json("person", kept["key"])
    assert (pat["name"], pat["degree"], pat["last_contact"]) == ("Pat Offline", 1, "2026-11-10")
    assert "e-mailed 2 times, last 10 Nov 2026" in pat["evidence"]
    assert pat["knows"] == [
        {"key": "sam-chen-17bbc", "why": "e-mailed together 2 times; last 10 Nov 2026"}
    ]
    after = solo.json("stats")
    assert after["people"] == stats["people"] + 1
    assert after["contacts"] == stats["contacts"] + 1
    # Files and pictures for someone else: byte for byte as before, no name, no address.
    shared = _shared(solo, tmp_path, "after")
    assert shared == before
    for data in shared.values():
        text = data.decode("utf-8", "replace").lower()
        assert "pat offline" not in text and "elsewhere.example" not in text
    # Even with the private flag taken off by hand: your mailbox's people stay yours.
    status, _out, err = solo("private", kept["key"], "--off")
    assert status == 0, err
    assert _shared(solo, tmp_path, "unflagged") == before
    status, _out, err = solo("address", "pat@elsewhere.example", "--keep")
    assert status == 1 and "nobody listed" in err

    # Forgetting the mailbox takes the contact and their evidence with it.
    status, _out, err = solo("forget", "other.mbox")
    assert status == 0, err
    status, _out, err = solo("person", kept["key"])
    assert status == 1
    gone = solo.json("stats")
    assert gone["people"] == stats["people"]
    assert gone["contacts"] == stats["contacts"] - 1  # Sam was met only in that mailbox
    assert solo.rows("SELECT count(*) FROM evidence_address WHERE address LIKE 'pat@%'") == [(0,)]


def test_a_contact_stays_while_a_file_they_are_in_remains(solo: Cli, tmp_path: Path) -> None:
    solo.json("import", _stranger_mbox(tmp_path / "first.mbox"))
    kept = solo.json("address", "pat@elsewhere.example", "--keep")
    later = tmp_path / "later.mbox"
    me, pat = "Robin Quill <me.sample@inbox.example>", "Pat Offline <pat@elsewhere.example>"
    later.write_text(_mail(7, 20, pat, me), encoding="utf-8")
    (report,) = solo.json("import", later)
    assert report["correspondents"] == []  # Pat is your contact now
    status, _out, err = solo("forget", "first.mbox")
    assert status == 0, err
    (pat_now,) = solo.json("person", kept["key"])
    assert pat_now["last_contact"] == "2026-11-20"
    assert pat_now["evidence"][0] == "e-mailed once, last 20 Nov 2026"
    status, _out, err = solo("forget", "later.mbox")
    assert status == 0, err
    assert solo("person", kept["key"])[0] == 1


def test_a_personal_database_with_contacts_does_not_join_a_team(solo: Cli, tmp_path: Path) -> None:
    from netview.core.errors import NetViewError
    from netview.services.team.server import join

    if not solo.on_file:
        pytest.skip("joins a personal (SQLite) file")
    solo.json("import", _stranger_mbox(tmp_path / "other.mbox"))
    kept = solo.json("address", "pat@elsewhere.example", "--keep")
    db = open_database(tmp_path / "any.db")
    try:
        with pytest.raises(NetViewError) as refused:
            join(db, solo.db)
    finally:
        db.dispose()
    assert "1 contact(s) kept from your own mailbox or calendar" in str(refused.value)
    assert f"({kept['key']})" in str(refused.value)


def test_a_contact_merged_with_someone_linkedin_knows_keeps_their_key(
    solo: Cli, tmp_path: Path
) -> None:
    from netview.services.identity.by_hand import merge
    from netview.store.people import add_person

    solo.json("import", _stranger_mbox(tmp_path / "other.mbox"))
    kept = solo.json("address", "pat@elsewhere.example", "--keep")
    db = open_database(solo.db)
    try:
        with db.write() as session:
            add_person(session, "urn:li:member:424242", None)
        with db.write() as session:
            done = merge(session, kept["key"], "urn:li:member:424242")
    finally:
        db.dispose()
    assert (done.kept, done.merged) == ("urn:li:member:424242", kept["key"])
    (pat,) = solo.json("person", "urn:li:member:424242")
    assert pat["last_contact"] == "2026-11-10"


def test_keeping_a_contact_undone_lists_them_again(solo: Cli, tmp_path: Path) -> None:
    solo.json("import", _stranger_mbox(tmp_path / "other.mbox"))
    listed = solo.json("address")
    db = open_database(solo.db)
    try:
        with db.write() as session:
            kept = evidence.keep_contact_in(session, "Pat@Elsewhere.example")
        assert evidence.strangers(db) == []
        with db.write() as session:
            evidence.unkeep_contact_in(session, kept)
        assert evidence.strangers(db) == listed
        with db.write() as session:  # and done again (Redo)
            again = evidence.keep_contact_in(session, "pat@elsewhere.example")
        assert again.key == kept.key
    finally:
        db.dispose()
    (pat,) = solo.json("person", kept.key)
    assert pat["last_contact"] == "2026-11-10"
    assert solo.rows("SELECT count(*) FROM person WHERE key = :k", k=kept.key) == [(1,)]


def test_keeping_needs_someone_listed(solo: Cli) -> None:
    status, _out, err = solo("address", "nobody@nowhere.example", "--keep")
    assert status == 1
    assert "nobody listed as 'nobody@nowhere.example'" in err
    status, _out, err = solo("address", "a@b.example", "some-key", "--keep")
    assert status == 2


# --- your own addresses corrected after an import ----------------------------------------

OLD = "robin.q@home.example"  # an address of the owner's nothing imported says is theirs
RQ = f"R. Q. <{OLD}>"  # and not under their name either


def _unique_people(cli: Cli, n: int) -> list[tuple[str, str]]:
    """(key, name) of `n` people whose name nobody else has: evidence finds them by it."""
    from collections import Counter

    from netview.services.identity.matcher import words_key

    rows = cli.rows("SELECT key, name FROM person ORDER BY key")
    names = Counter(words_key(name or "") for _, name in rows)
    me = cli.json("stats")["me"]["key"]
    found = [(k, nm) for k, nm in rows if k != me and nm and names[words_key(nm)] == 1]
    assert len(found) >= n
    return found[:n]


def _event(
    uid: str, day: str, organizer: tuple[str, str], attendees: list[tuple[str, str, str]]
) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@fix.example",
        "DTSTAMP:20261201T120000Z",
        f"DTSTART:{day}T100000Z",
        f"DTEND:{day}T110000Z",
        "SUMMARY:Working session",
        f'ORGANIZER;CN="{organizer[0]}":mailto:{organizer[1]}',
    ]
    for name, address, status in attendees:
        lines.append(f'ATTENDEE;CN="{name}";PARTSTAT={status}:mailto:{address}')
    return "\r\n".join([*lines, "END:VEVENT"])


def _own_files(folder: Path, people: list[tuple[str, str]]) -> list[Path]:
    """A calendar and a mailbox in which the owner is only ever OLD."""
    who = [(name, f"p{i}@fix.example") for i, (_, name) in enumerate(people)]
    me = ("R. Q.", OLD, "ACCEPTED")
    events = [
        # Ten others and you: counts only once OLD is known as yours.
        _event("big", "20261005", ("R. Q.", OLD), [me, *((n, a, "ACCEPTED") for n, a in who[:10])]),
        # You declined: counts only while OLD is taken for someone else.
        _event(
            "declined",
            "20261012",
            who[10],
            [(*me[:2], "DECLINED"), *((n, a, "ACCEPTED") for n, a in who[10:13])],
        ),
        _event("without-you", "20261019", who[0], [(*who[1], "ACCEPTED")]),
    ]
    calendar = folder / "own.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fix//EN\r\n"
        + "\r\n".join(events)
        + "\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    box = [f'"{n}" <{a}>' for n, a in who]
    mbox = folder / "own.mbox"
    mbox.write_text(
        _mail(11, 1, RQ, box[0], box[1]) + _mail(12, 2, box[2], RQ) + _mail(13, 3, box[3], box[4]),
        encoding="utf-8",
    )
    return [calendar, mbox]


def _state(cli: Cli, keys: list[str]) -> dict[str, object]:
    stats = cli.json("stats")
    return {
        "people": {p["key"]: p for p in cli.json("person", *keys)},
        "strangers": cli.json("address"),
        "counts": (stats["meetings"], stats["emails"], stats["contacts"]),
    }


@pytest.mark.backends
def test_your_address_corrected_reads_the_evidence_as_if_it_had_been_known(
    solo: Cli, tmp_path: Path
) -> None:
    people = _unique_people(solo, 13)
    keys = [k for k, _ in people]
    files = _own_files(tmp_path, people)
    known = solo.fresh("known")
    known.json("import", sample_zips("network-2026")[0])
    known.json("import", *files, "--my-address", OLD)
    expected = _state(known, keys)

    solo.json("import", *files)
    unknown = _state(solo, keys)
    assert OLD in [s["who"] for s in unknown["strangers"]]  # taken for a correspondent
    assert unknown != expected

    status, out, err = solo("my-address", OLD)
    assert status == 0, err
    assert OLD in out.split()
    assert "read again: 1 count now, 1 no longer" in out
    assert _state(solo, keys) == expected
    first, second = expected["people"][keys[0]], expected["people"][keys[1]]  # type: ignore[index]
    assert first["last_contact"] == "2026-11-01"  # e-mailed by you from OLD
    assert {"key": keys[9], "why": "met together once; last 5 Oct 2026"} in first["knows"]
    assert second["last_contact"] == "2026-11-01"
    declined = "met once, last 12 Oct 2026"  # the meeting you declined
    assert declined in unknown["people"][keys[11]]["evidence"]  # type: ignore[index]
    assert declined not in expected["people"][keys[11]]["evidence"]  # type: ignore[index]

    # Not yours after all: as it was read first.
    status, _out, err = solo("my-address", "--not-mine", OLD)
    assert status == 0, err
    assert _state(solo, keys) == unknown


def test_a_backup_with_participants_that_do_not_fit_is_refused(solo: Cli, tmp_path: Path) -> None:
    import json

    solo.json("import", _stranger_mbox(tmp_path / "other.mbox"))
    full = tmp_path / "full.json"
    assert solo("export", "json", "-o", full)[0] == 0
    data = json.loads(full.read_text(encoding="utf-8"))
    items = data["tables"]["evidence_item"]
    at = items["columns"].index("boxes")
    assert json.loads(items["rows"][0][at])["b"][0] == ["pat@elsewhere.example", "Pat Offline"]
    items["rows"][0][at] = '{"b": [["pat@elsewhere.example"]]}'
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    status, _out, err = solo.fresh("restored")("restore", edited)
    assert status == 1
    assert "boxes does not fit: a participant of it is not [address, name]" in err


def test_an_address_of_yours_a_later_import_brings_re_reads_what_came_before(
    solo: Cli, tmp_path: Path
) -> None:
    people = _unique_people(solo, 13)
    _calendar, mbox = _own_files(tmp_path, people)
    solo.json("import", mbox)
    assert OLD in [s["who"] for s in solo.json("address")]
    later = tmp_path / "later.mbox"
    later.write_text(_mail(21, 25, RQ, f'"{people[5][1]}" <p5@fix.example>'), encoding="utf-8")
    (report,) = solo.json("import", later, "--my-address", OLD)
    assert (
        f"with your address {OLD}, what was imported before read again: "
        "0 count now, 0 no longer, 2 with other people in them"
    ) in report["warnings"]
    assert OLD not in [s["who"] for s in solo.json("address")]


def test_an_address_named_with_an_import_outlives_forgetting_that_file(
    solo: Cli, tmp_path: Path
) -> None:
    people = _unique_people(solo, 13)
    _calendar, mbox = _own_files(tmp_path, people)
    solo.json("import", mbox)
    later = tmp_path / "later.mbox"
    later.write_text(_mail(21, 25, RQ, f'"{people[5][1]}" <p5@fix.example>'), encoding="utf-8")
    solo.json("import", later, "--my-address", OLD)
    assert OLD in solo.json("my-address")
    status, _out, err = solo("forget", later)
    assert status == 0, err
    # Your word that OLD is yours was given once, not brought by the file: it stays, and
    # the mailbox imported before is still read with it.
    assert OLD in solo.json("my-address")
    assert OLD not in [s["who"] for s in solo.json("address")]

    status, _out, err = solo("import", mbox, "--my-address", "not-an-address")
    assert status == 1
    assert "--my-address 'not-an-address' is not an e-mail address" in err


@pytest.mark.parametrize("bad", ["@", "pat@", "@example.com", "a@b@c.example"])
def test_an_address_without_both_halves_is_refused_as_yours(
    solo: Cli, tmp_path: Path, bad: str
) -> None:
    """ "pat@" or "@" has an @ but is no address: it was kept as yours for good."""
    _calendar, mbox = _own_files(tmp_path, _unique_people(solo, 13))
    status, _out, err = solo("import", mbox, "--my-address", bad)
    assert status == 1
    assert f"--my-address {bad!r} is not an e-mail address" in err
    status, _out, err = solo("my-address", bad)
    assert status == 1
    assert f"{bad!r} is not an e-mail address" in err
    assert bad not in solo.json("my-address")
