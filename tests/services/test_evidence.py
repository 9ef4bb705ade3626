"""Your own evidence (issue 19): an owner's archive plus their calendar, mailbox and address
book, as the sample's truth says (tests/fixtures/evidence/truth.json: the shared
evidence-2026 sample)."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.services.conftest import Cli, sample_zips
from tests.services.evidencekit import EVIDENCE, paths
from tests.services.test_import_guarantees import snapshot

from netview.services.importing.importer import import_paths
from netview.services.network import LoadedNetwork, load_network
from netview.services.wording import tie_rank, tie_words
from netview.store.db import Database, open_database


def _truth() -> dict[str, Any]:
    return json.loads((EVIDENCE / "truth.json").read_text(encoding="utf-8"))


# The samples' "today": after every meeting and mail in them.
NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _import_evidence(db_ref: Path | str, **kw: Any) -> list[Any]:
    db = open_database(db_ref)
    try:
        reports = import_paths(db, paths(), **kw)
    finally:
        db.dispose()
    return reports


def _load(db_ref: Path | str, evidence: bool = True, today: date | None = None) -> LoadedNetwork:
    db: Database = open_database(db_ref)
    try:
        return load_network(db, evidence=evidence, today=today or NOW.date())
    finally:
        db.dispose()


def _pairs(ln: LoadedNetwork) -> set[frozenset[str]]:
    keys = ln.net.keys
    return {
        frozenset((keys[a], keys[b]))
        for a, b in zip(ln.net.tie_a.tolist(), ln.net.tie_b.tolist(), strict=True)
    }


@pytest.fixture
def solo(cli: Cli) -> Cli:
    me = sample_zips("network-2026")[0]
    cli.json("import", me)
    return cli


@pytest.mark.backends
def test_meetings_and_mails_tie_the_people_who_were_together(solo: Cli) -> None:
    want = _truth()
    before = _pairs(_load(solo.db))
    _import_evidence(solo.db)
    ln = _load(solo.db)
    after = _pairs(ln)
    ties = [frozenset(t) for t in want["ties"]]
    tied = [t for t in ties if t in after]
    assert len(tied) >= 0.95 * len(ties), sorted(map(sorted, set(ties) - set(tied)))
    wrong = [sorted(t) for t in map(frozenset, want["not_ties"]) if t in after and t not in before]
    assert wrong == []
    # Nobody in `untouched` gained a tie.
    gained = {k for t in after - before for k in t}
    assert gained.isdisjoint(want["untouched"])


@pytest.mark.backends
def test_newest_contact_is_exact_for_everyone(solo: Cli) -> None:
    want = _truth()

    def last(ln: LoadedNetwork) -> dict[str, str]:
        return {ln.net.keys[i]: at.date().isoformat() for i, at in ln.last_with_owner.items()}

    linkedin = last(_load(solo.db))
    _import_evidence(solo.db)
    got = last(_load(solo.db))
    # The newest of all evidence: the truth's date from the calendar and mailbox, unless a
    # LinkedIn message came later (three people wrote on LinkedIn after the last e-mail).
    expected = {k: max(d, linkedin.get(k, d)) for k, d in want["last"].items()}
    assert {k: got.get(k) for k in want["last"]} == expected
    assert sum(expected[k] == d for k, d in want["last"].items()) >= 22
    # Follow-ups read the same newest contact.
    db = open_database(solo.db)
    try:
        from netview.services.followups.cadence import last_contacts

        by_id = last_contacts(db)
    finally:
        db.dispose()
    ln = _load(solo.db)
    for key, day in expected.items():
        pid = int(ln.net.ids[ln.net.index_of_key[key]])
        assert by_id[pid].date().isoformat() == day, key


@pytest.mark.backends
def test_details_say_how_often_and_when(solo: Cli) -> None:
    _import_evidence(solo.db)
    ln = _load(solo.db)
    net = ln.net
    xavier = net.index_of_key["xavier-hernández-32cce"]
    mohammed = net.index_of_key["mohammed-lee-3a88a"]
    # A weekly catch-up from 1 Sep 2026, 8 times: all of them are past on 4 Dec 2026.
    mine = " ".join(c.text for c in ln.explain(net.owner, xavier))
    assert "met 8 times, last 20 Oct 2026" in mine
    theirs = [c.text for c in ln.explain(xavier, mohammed)]
    assert theirs == ["met together 8 times; last 20 Oct 2026"]  # no LinkedIn connection


@pytest.mark.backends
def test_importing_again_adds_nothing_and_forget_restores_everything(solo: Cli) -> None:
    before = snapshot(solo.db) if solo.on_file else None
    ties_before = _load(solo.db).net.tie_a.size
    first = _import_evidence(solo.db)
    # Each named as the user finds it: its folder and its name.
    assert {r.archive: r.added.get("meetings", r.added.get("emails")) for r in first} == {
        "evidence/contacts.vcf": None,
        "evidence/calendar.ics": 13,  # 5 one-off (one with a decliner) + 8 weekly
        "evidence/mail.mbox": 5,
    }
    ties_after = _load(solo.db).net.tie_a.size
    assert ties_after > ties_before
    again = _import_evidence(solo.db)
    assert [r.status for r in again] == ["unchanged"] * 3
    assert _load(solo.db).net.tie_a.size == ties_after
    for name in ("calendar.ics", "mail.mbox", "contacts.vcf"):
        status, _out, err = solo("forget", name)
        assert status == 0, err
    assert _load(solo.db).net.tie_a.size == ties_before
    if before is not None:
        assert snapshot(solo.db) == before


def test_the_report_lists_who_was_not_recognised_and_what_did_not_count(solo: Cli) -> None:
    reports = {r.archive.removeprefix("evidence/"): r for r in _import_evidence(solo.db)}
    calendar = reports["calendar.ics"]
    assert "1 meetings not counted: cancelled" in calendar.warnings
    assert any("all hands" in w for w in calendar.warnings)
    mail = reports["mail.mbox"]
    assert any("automated or mailing-list" in w and w.startswith("5 ") for w in mail.warnings)


def test_evidence_needs_your_archive_first(cli: Cli, tmp_path: Path) -> None:
    from netview.core.errors import NetViewError

    with pytest.raises(NetViewError, match="import your own LinkedIn export first"):
        _import_evidence(cli.db)


def test_files_and_pictures_for_someone_else_hold_no_trace(solo: Cli, tmp_path: Path) -> None:
    def shared(tag: str) -> dict[str, bytes]:
        out = {}
        for fmt in ("graphml", "gexf", "csv"):
            path = tmp_path / f"{tag}.{fmt}"
            status, _out, err = solo("export", fmt, "-o", path)
            assert status == 0, err
            out[fmt] = path.read_bytes()
        status, picture, err = solo("render", "-o", tmp_path / f"{tag}.png", "--json")
        assert status == 0, err
        out["render"] = picture.encode()
        out["png"] = (tmp_path / f"{tag}.png").read_bytes()
        return out

    before = shared("before")
    _import_evidence(solo.db)
    assert _pairs(_load(solo.db)) != _pairs(_load(solo.db, evidence=False))
    after = shared("after")
    # The same files, byte for byte: no evidence tie, strength, date, colour or position.
    assert after == before
    addresses = {
        line.split(":")[-1].strip().lower()
        for line in (EVIDENCE / "contacts.vcf").read_text(encoding="utf-8").splitlines()
        if line.startswith("EMAIL")
    }
    for data in after.values():
        text_ = data.decode("utf-8", "replace").lower()
        assert not [a for a in addresses if a in text_]


@pytest.mark.backends
def test_the_complete_backup_carries_evidence_and_restore_checks_it(
    solo: Cli, tmp_path: Path
) -> None:
    _import_evidence(solo.db)
    backup = tmp_path / "all.json"
    status, _out, err = solo("export", "json", "-o", backup)
    assert status == 0, err
    other = solo.fresh("restored")
    status, _out, err = other("restore", backup)
    assert status == 0, err
    assert _pairs(_load(other.db)) == _pairs(_load(solo.db))
    assert other.json("stats")["meetings"] == 13

    data = json.loads(backup.read_text(encoding="utf-8"))
    links = data["tables"]["evidence_person"]
    links["rows"].append([999999, links["rows"][0][1]])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    third = solo.fresh("refused")
    status, _out, err = third("restore", bad)
    assert status == 1
    assert "evidence_person" in err


@pytest.mark.backends
def test_person_shows_evidence_and_who_they_know(solo: Cli) -> None:
    _import_evidence(solo.db)
    got = solo.json("person", "xavier-hernández-32cce", "Maria Kim")
    assert [p["key"] for p in got] == ["xavier-hernández-32cce", "maria-kim-23556"]
    xavier, maria = got
    assert xavier["degree"] == 1
    assert xavier["last_contact"] == "2026-10-20"
    assert "met 8 times, last 20 Oct 2026" in xavier["evidence"]
    assert {"key": "mohammed-lee-3a88a", "why": "met together 8 times; last 20 Oct 2026"} in (
        xavier["knows"]
    )
    assert maria["last_contact"] == "2025-11-03"
    assert {k["key"] for k in maria["knows"]} >= {
        "quentin-dubois-51bbe",
        "kenji-novák-1f778",
        "ugo-kowalski-27334",
    }
    assert xavier["strength"] > 0.03  # more than a bare LinkedIn connection
    # The rank: how many of your ties are stronger, plus one, among all of yours. Strengths
    # fade with time, so they are compared as of the day `person` ran (today, not NOW).
    ln = _load(solo.db, today=date.today())
    net = ln.net
    mine = [net.tie_strength(net.owner, j) for j in net.adjacency.neighbours(net.owner).tolist()]
    place = 1 + sum(s > xavier["strength"] + 5e-5 for s in mine)
    assert xavier["rank"] == {"place": place, "of": len(mine)}
    # The text says it in words as Details does, with no score (issue 21.7).
    status, out, _err = solo("person", "xavier-hernández-32cce")
    first = out.splitlines()[0]
    assert status == 0 and "0." not in first and "strength" not in first
    assert first.startswith("Xavier Hernández")
    assert " (xavier-hernández-32cce): 1st degree, " in first
    assert tie_words(xavier["strength"]).lower() in first
    assert tie_rank(place, len(mine)).lower() in first.lower()
    stats = solo.json("stats")
    assert (stats["meetings"], stats["emails"]) == (13, 5)
    assert stats["contacts"] == len(_truth()["last"])


def test_your_addresses_are_recognised_and_can_be_corrected(solo: Cli) -> None:
    _import_evidence(solo.db)
    assert solo.json("my-address") == ["me.sample@inbox.example"]
    status, _out, err = solo("my-address", "robin@home.example")
    assert status == 0, err
    assert solo.json("my-address") == ["me.sample@inbox.example", "robin@home.example"]
    status, _out, err = solo("my-address", "--not-mine", "robin@home.example")
    assert solo.json("my-address") == ["me.sample@inbox.example"]
    status, _out, err = solo("my-address", "not-an-address")
    assert status == 1
    assert "not an e-mail address" in err


def test_insights_show_who_connects_your_groups_and_the_shape(solo: Cli) -> None:
    from netview.services.analysis import insights as ins

    assert ins.network_shape(_load(solo.db)).ties_among_them == 0  # a ring of dots
    _import_evidence(solo.db)
    ln = _load(solo.db)
    shape = ins.network_shape(ln)
    assert (shape.connections, shape.ties_among_them) == (40, 22)
    assert shape.largest_component == 4
    # Solo, the circles are apart: nobody links two of them yet.
    assert ins.connectors_of_groups(ln) == []
    for colleague in sample_zips("network-2026")[1:]:
        solo.json("import", colleague)
    names = [b.name for b in ins.connectors_of_groups(_load(solo.db))]
    assert names[:2] == ["Ben Fernández", "Sam Schröder"]
    assert "Quentin Dubois" in names  # met with Maria Kim's circle, known to Ben


def test_linkedin_group_conversations_tie_their_members(cli: Cli) -> None:
    from netview.store.evidence import group_conversations

    status, _out, err = cli("demo", "--people", "500")
    assert status == 0, err
    db = open_database(cli.db)
    try:
        with db.session() as s:
            chats = group_conversations(s, 10)
    finally:
        db.dispose()
    assert chats
    ln, shared = _load(cli.db), _load(cli.db, evidence=False)
    net = ln.net
    me = int(net.ids[net.owner])
    for members, _last, _n in chats:
        others = [net.index_of_id[p] for p in members if p != me]
        for x, i in enumerate(others):
            for j in others[x + 1 :]:
                k = net.tie_index(i, j)
                assert k is not None
                texts = [c.text for c in ln.explain(i, j)]
                assert any("group conversation" in t for t in texts), texts
    # Not in a file for someone else: only ties LinkedIn itself gives.
    assert len(_pairs(shared)) < len(_pairs(ln))


def test_merging_and_splitting_people_keeps_their_evidence(solo: Cli) -> None:
    _import_evidence(solo.db)
    a, b = "xavier-hernández-32cce", "mohammed-johansson-53aad"
    status, _out, err = solo("merge", a, b)
    assert status == 0, err
    (merged,) = solo.json("person", a)
    assert merged["last_contact"] == "2026-11-22"  # Mohammed Johansson's meeting came along
    assert solo.json("stats")["contacts"] == 24
    status, _out, err = solo("split", b)
    assert status == 0, err
    got = {p["key"]: p["last_contact"] for p in solo.json("person", a, b)}
    assert got == {a: "2026-10-20", b: "2026-11-22"}
    assert solo.json("stats")["contacts"] == 25


def test_netview_import_reads_them_and_says_what_it_skipped(solo: Cli) -> None:
    status, out, err = solo("import", *paths())
    assert status == 0, err
    assert "calendar.ics: your calendar; added 13 meetings" in out
    assert "mail.mbox: your mailbox; added 5 emails" in out
    assert "1 meetings not counted: cancelled" in out
    # The message with garbage headers is named by file and line.
    assert "mail.mbox:133: skipped:" in out
    status, out, err = solo("import", *paths())
    assert status == 0, err
    assert out.count("already imported") == 3


def _stranger_mbox(path: Path) -> Path:
    mails = []
    for n, day in enumerate(("Mon, 02 Nov 2026 09:00:00 +0000", "Tue, 10 Nov 2026 09:00:00 +0000")):
        mails.append(
            f"From x Mon Nov  2 09:00:00 2026\n"
            f"Message-ID: <stranger-{n}@invented.example>\n"
            f"Date: {day}\n"
            "From: Pat Offline <pat@elsewhere.example>\n"
            "To: Robin Quill <me.sample@inbox.example>\n"
            'Cc: "Sam Chen" <sam.other@personal.example>\n'
            "Subject: hi\n\nhello\n\n"
        )
    path.write_text("".join(mails), encoding="utf-8")
    return path


def test_someone_not_on_linkedin_is_listed_and_can_be_attached(solo: Cli, tmp_path: Path) -> None:
    mbox = _stranger_mbox(tmp_path / "other.mbox")
    reports = solo.json("import", mbox, "--my-address", "me.sample@inbox.example")
    (report,) = reports
    assert report["added"]["emails"] == 2
    assert report["correspondents"] == [
        {
            "who": "Pat Offline",
            "address": "pat@elsewhere.example",
            "times": 2,
            "last": "2026-11-10",
            "why": "not on LinkedIn",
        }
    ]
    listed = solo.json("address")
    assert [(r["who"], r["times"], r["last"]) for r in listed] == [
        ("pat@elsewhere.example", 2, "2026-11-10")
    ]
    status, out, err = solo("address", "pat@elsewhere.example", "olga-hill-15ccd")
    assert status == 0, err
    assert "2 of your meetings and e-mails count for them" in out
    assert solo.json("address") == []
    (olga,) = solo.json("person", "olga-hill-15ccd")
    assert olga["last_contact"] == "2026-11-10"
    assert {"key": "sam-chen-17bbc", "why": "e-mailed together 2 times; last 10 Nov 2026"} in (
        olga["knows"]
    )
    # Later imports know the address too.
    status, _out, err = solo("address", "pat@elsewhere.example", "no-such-person")
    assert status == 1
    assert "no person with key" in err


def test_the_kept_report_reads_as_your_own_file(solo: Cli) -> None:
    from netview.services.importing.import_summary import source_report, summarise

    _import_evidence(solo.db)
    ids = {s["label"]: s["id"] for s in solo.json("sources")}
    db = open_database(solo.db)
    try:
        mail = summarise(source_report(db, ids["mail.mbox"]) or {})
        calendar = summarise(source_report(db, ids["calendar.ics"]) or {})
    finally:
        db.dispose()
    assert mail.title == "evidence/mail.mbox: your mailbox"
    assert mail.files[0].skipped == ["line 133: message headers hold NUL or control bytes"]
    assert calendar.title == "evidence/calendar.ics: your calendar"
    assert "1 meetings not counted: cancelled" in calendar.warnings


def test_your_name_on_an_unknown_address_is_you(solo: Cli, tmp_path: Path) -> None:
    mbox = tmp_path / "old.mbox"
    mbox.write_text(
        "From x Mon Nov  2 09:00:00 2026\n"
        "Message-ID: <old-1@invented.example>\n"
        "Date: Mon, 02 Nov 2026 09:00:00 +0000\n"
        "From: Robin Quill <robin@old-job.example>\n"
        'To: "Sam Chen" <sam.other@personal.example>\n'
        "Subject: hi\n\nhello\n\n",
        encoding="utf-8",
    )
    (report,) = solo.json("import", mbox)
    assert report["correspondents"] == []
    (sam,) = solo.json("person", "sam-chen-17bbc")
    assert "e-mailed once, last 2 Nov 2026" in sam["evidence"]
    assert solo.json("address") == []


def test_the_windows_network_with_evidence_is_not_what_files_are_drawn_from(
    solo: Cli, tmp_path: Path
) -> None:
    """The app hands its loaded network to an export; with your own evidence in it the file
    is still the LinkedIn-only one, byte for byte what `netview export` writes."""
    from netview.services.mapping.mapmodel import load_map_model
    from netview.services.sharing.export import export

    _import_evidence(solo.db)
    status, _out, err = solo("export", "graphml", "-o", tmp_path / "cli.graphml")
    assert status == 0, err
    ln = _load(solo.db)
    assert ln.own_evidence
    db = open_database(solo.db)
    try:
        model = load_map_model(db, loaded=ln)
        export(db, "graphml", tmp_path / "window.graphml", loaded=ln, model=model)
    finally:
        db.dispose()
    assert (tmp_path / "window.graphml").read_bytes() == (tmp_path / "cli.graphml").read_bytes()


def test_a_skip_inside_a_folder_or_zip_names_the_file_it_is_in(solo: Cli, tmp_path: Path) -> None:
    """A folder of .eml files or a calendar zip is many files: the line alone (`mail:1`)
    did not say which one to look at."""
    mail = tmp_path / "mail"
    (mail / "2026" / "Nov").mkdir(parents=True)
    head = "From: Pat Offline <pat@elsewhere.example>\nTo: me.sample@inbox.example\n"
    (mail / "good.eml").write_text(
        f"Message-ID: <ok@x.example>\nDate: Mon, 02 Nov 2026 09:00:00 +0000\n{head}\nhi\n"
    )
    (mail / "2026" / "Nov" / "undated.eml").write_text(f"Message-ID: <u@x.example>\n{head}\nhi\n")
    (mail / "2026" / "junk.eml").write_bytes(b"Message-ID: <j@x.example>\nFrom: a\x01b\n\n")
    cal = tmp_path / "cal.zip"
    with zipfile.ZipFile(cal, "w") as zf:
        zf.writestr("Calendar/ok.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        zf.writestr(
            "Calendar/work.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
            "DTSTART;TZID=Mars/Olympus:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        )
    status, out, err = solo("import", mail, cal)
    assert status == 0, err
    assert "  mail/2026/Nov/undated.eml:1: skipped: no readable Date header" in out
    assert "  mail/2026/junk.eml:1: skipped: message headers hold NUL or control bytes" in out
    assert "  cal.zip:Calendar/work.ics:3: skipped: unknown time zone 'Mars/Olympus'" in out


def test_forgetting_a_calendar_or_mailbox_says_how_many_meetings_and_emails_went(
    solo: Cli,
) -> None:
    """It said "removed 0 people, 0 ties, 0 interactions" while 13 meetings went."""
    status, _, err = solo("import", *paths())
    assert status == 0, err
    for name, words in (
        ("calendar.ics", "13 meetings, 0 e-mails"),
        ("mail.mbox", "0 meetings, 5 e-mails"),
    ):
        status, out, err = solo("forget", EVIDENCE / name)
        assert status == 0, err
        assert f", {words} only it provided" in out, out
    assert solo.json("stats")["meetings"] == solo.json("stats")["emails"] == 0


def test_one_recurring_meeting_does_not_make_its_other_person_you(
    solo: Cli, tmp_path: Path
) -> None:
    """A weekly 1:1 saved alone (Outlook leaves you out when you organise it) put Pat on
    every occurrence: Pat's address was taken for yours, and Pat's meetings stopped
    counting as contact."""
    cal = tmp_path / "one-to-one.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:weekly-pat\r\n"
        "DTSTART:20260105T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=20\r\n"
        "ATTENDEE;CN=Pat Offline;PARTSTAT=ACCEPTED:mailto:pat@elsewhere.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    status, out, err = solo("import", cal)
    assert status == 0, err
    assert "pat@elsewhere.example" not in solo.json("my-address")
    assert "your address" not in out
