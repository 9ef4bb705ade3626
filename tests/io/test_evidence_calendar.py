"""Calendar reader on hand-written .ics files: folding, time zones, recurrence, hostile input."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netview.core.errors import ImportFailure
from netview.core.evidence import Meeting
from netview.io import formats
from netview.io.evidence import calendar as cal
from netview.io.evidence.calendar import read_calendar

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)

BERLIN = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:STANDARD",
    "DTSTART:19701025T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def ics(*events: list[str], extra: list[str] | None = None) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *(extra or []), *BERLIN]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def read(tmp_path: Path, data: bytes, name: str = "cal.ics") -> tuple[list[Meeting], list[str]]:
    path = tmp_path / name
    path.write_bytes(data)
    ev = read_calendar(path, now=NOW)
    return list(ev.meetings), [f"{s.where} {s.why}" for s in ev.skipped]


def test_folding_inside_a_utf8_sequence_and_cn_forms(tmp_path: Path) -> None:
    cn = "Zoë Ångström".encode()
    cut = cn.index(b"\xc3") + 1  # the fold splits the two bytes of "ë"
    folded = (
        b'ATTENDEE;CN="'
        + cn[:cut]
        + b"\r\n "
        + cn[cut:]
        + b'";PARTSTAT=ACCEPTED:mailto:Zoe@X.example'
    )
    data = ics(
        [
            "UID:a",
            "DTSTART:20261101T100000Z",
            "ORGANIZER:MAILTO:boss@x.example",  # no CN, scheme in capitals
            "@FOLDED@",
            "ATTENDEE;CN=sam@x.example;PARTSTAT=tentative:mailto:sam@x.example",
            "ATTENDEE;CN=Ana Lima;PARTSTAT=DECLINED:mailto:ana@x.example",
        ]
    ).replace(b"@FOLDED@", folded)
    meetings, skipped = read(tmp_path, data)
    assert skipped == []
    (m,) = meetings
    assert m.organizer is not None and m.organizer.address == "boss@x.example"
    assert [(a.who.address, a.who.name, a.status) for a in m.attendees] == [
        ("zoe@x.example", "Zoë Ångström", "ACCEPTED"),
        ("sam@x.example", "", "TENTATIVE"),  # a CN that is the address is no name
        ("ana@x.example", "Ana Lima", "DECLINED"),
    ]
    assert m.key == "a" and m.where == "cal.ics:12"


def test_time_zones_all_day_and_floating(tmp_path: Path) -> None:
    data = ics(
        ["UID:berlin", "DTSTART;TZID=Europe/Berlin:20260701T090000"],  # CEST: 07:00 UTC
        ["UID:day", "DTSTART;VALUE=DATE:20260315", "DTEND;VALUE=DATE:20260316"],
        ["UID:floating", "DTSTART:20260401T090000"],
        ["UID:windows", "DTSTART;TZID=W. Europe Standard Time:20260102T090000"],
    )
    meetings, skipped = read(tmp_path, data)
    starts = {m.key: m.start for m in meetings}
    assert starts["berlin"] == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    assert starts["day"] == datetime(2026, 3, 15, tzinfo=UTC)
    assert starts["floating"] == datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    # Outlook's Windows zone names are known zones too (08:00 UTC in winter).
    assert starts["windows"] == datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
    assert skipped == []


def test_a_zone_known_only_from_its_vtimezone(tmp_path: Path) -> None:
    data = ics(["UID:custom", "DTSTART;TZID=Custom Zone:20260102T090000"])
    meetings, skipped = read(tmp_path, data.replace(b"TZID:Europe/Berlin", b"TZID:Custom Zone"))
    assert skipped == []
    assert meetings[0].start == datetime(2026, 1, 2, 8, 0, tzinfo=UTC)  # +0100 from VTIMEZONE


def test_unknown_zone_and_bad_rules_skip_that_event_only(tmp_path: Path) -> None:
    data = ics(
        ["UID:mars", "DTSTART;TZID=Mars/Olympus_Mons:20260101T100000"],
        ["UID:bad", "DTSTART:20260101T100000Z", "RRULE:FREQ=SOMETIMES;COUNT=x"],
        ["UID:fast", "DTSTART:20100101T000000Z", "RRULE:FREQ=SECONDLY"],
        ["UID:good", "DTSTART:20260101T100000Z"],
    )
    meetings, skipped = read(tmp_path, data)
    assert [m.key for m in meetings] == ["good"]
    assert len(skipped) == 3
    assert skipped[0].startswith("cal.ics:12 unknown time zone 'Mars/Olympus_Mons'")
    assert skipped[1].startswith("cal.ics:16 ")
    assert skipped[2] == "cal.ics:21 repeats secondly: not a meeting"


def test_recurrence_exdate_overrides_and_today(tmp_path: Path) -> None:
    data = ics(
        [
            "UID:weekly",
            "DTSTART;TZID=Europe/Berlin:20261005T090000",
            "RRULE:FREQ=WEEKLY",  # no end: only the occurrences up to NOW
            "EXDATE;TZID=Europe/Berlin:20261012T090000",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.example",
        ],
        [
            "UID:weekly",
            "RECURRENCE-ID;TZID=Europe/Berlin:20261019T090000",
            "DTSTART;TZID=Europe/Berlin:20261020T100000",
            "STATUS:CANCELLED",
        ],
        [
            "UID:weekly",
            "RECURRENCE-ID;TZID=Europe/Berlin:20261026T090000",
            "DTSTART;TZID=Europe/Berlin:20261027T090000",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:a@x.example",
        ],
    )
    meetings, skipped = read(tmp_path, data)
    assert skipped == []
    days = [m.start.date().isoformat() for m in meetings]
    # 5 Oct .. 30 Nov weekly, 12 Oct excluded, 19 Oct moved to 20 Oct, 26 Oct to 27 Oct.
    assert days == [
        "2026-10-05",
        "2026-10-20",
        "2026-10-27",
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
        "2026-11-23",
        "2026-11-30",
    ]
    cancelled = [m.start.date().isoformat() for m in meetings if m.cancelled]
    assert cancelled == ["2026-10-20"]
    moved = meetings[2]
    assert moved.where == "cal.ics:25"  # the override's own line
    assert [a.status for a in moved.attendees] == ["DECLINED"]
    # The key names the occurrence by its RECURRENCE-ID: a moved meeting stays one.
    assert meetings[1].key == "weekly/2026-10-19T07:00:00+00:00"
    assert len({m.key for m in meetings}) == len(meetings)


def test_occurrences_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cal, "MAX_OCCURRENCES", 50)
    data = ics(["UID:standup", "DTSTART:20000103T090000Z", "RRULE:FREQ=DAILY"])
    meetings, _ = read(tmp_path, data)
    assert len(meetings) == 50
    assert meetings[-1].start == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # the newest kept


def test_google_zip_and_owner_from_calendar_name(tmp_path: Path) -> None:
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "Calendar/me@gmail.com.ics",
            ics(["UID:1", "DTSTART:20260101T100000Z"], extra=["X-WR-CALNAME:Me@Gmail.com"]),
        )
        zf.writestr("Calendar/Holidays.ics", ics(["UID:2", "DTSTART;VALUE=DATE:20251225"]))
    assert formats.recognise_or_fail(path).name == "calendar"  # by its content, not its name
    ev = read_calendar(path, now=NOW)
    assert sorted(m.where for m in ev.meetings) == [
        "takeout.zip:Calendar/Holidays.ics:12",
        "takeout.zip:Calendar/me@gmail.com.ics:13",
    ]
    assert ev.owner_addresses == ("me@gmail.com",)


def test_not_a_calendar_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.ics"
    path.write_bytes(b"hello\n")
    with pytest.raises(ImportFailure, match=r"notes\.ics, line 1: not an iCalendar file"):
        read_calendar(path, now=NOW)


def test_a_cut_off_calendar_keeps_the_events_before_the_cut(tmp_path: Path) -> None:
    data = ics(
        ["UID:1", "DTSTART:20260101T100000Z"],
        ["UID:2", "DTSTART:20260102T100000Z", "ATTENDEE;CN=Ana:mailto:ana@x.example"],
    )
    cut = data[: data.index(b"ATTENDEE;CN=Ana") + 10]  # inside the second event
    meetings, skipped = read(tmp_path, cut)
    assert [m.key for m in meetings] == ["1"]
    assert skipped == ["cal.ics:16 the file ends inside this event (cut off?)"]


@pytest.mark.parametrize(
    ("broken", "why"),
    [
        ("END:VTODO", "unreadable event (END encountered without an accompanying BEGIN!)"),
        ("BEGIN:VALARM", "unreadable event (a part never closed)"),
    ],
)
def test_a_broken_structure_costs_only_its_event(tmp_path: Path, broken: str, why: str) -> None:
    data = ics(
        ["UID:1", "DTSTART:20260101T100000Z"],
        ["UID:2", "DTSTART:20260102T100000Z", broken],
        ["UID:3", "DTSTART;TZID=Europe/Berlin:20260103T100000"],
    )
    meetings, skipped = read(tmp_path, data)
    assert [(m.key, m.start.hour) for m in meetings] == [("1", 10), ("3", 9)]  # zone kept
    assert skipped == [f"cal.ics:16 {why}"]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    ("rule", "why"),
    [
        # dateutil never finds a next occurrence of a rule that never moves on: a hang.
        ("RRULE:FREQ=DAILY;INTERVAL=0", "unreadable RRULE (INTERVAL must be 1 or more)"),
        # A weekly rule with every minute and second: 3,600 occurrences an hour for 10 years.
        (
            "RRULE:FREQ=WEEKLY;BYMINUTE="
            + ",".join(map(str, range(60)))
            + ";BYSECOND="
            + ",".join(map(str, range(60))),
            "repeats more than once a day: not a meeting",
        ),
        ("RRULE:FREQ=DAILY;BYHOUR=9,15", "repeats more than once a day: not a meeting"),
    ],
)
def test_a_rule_that_never_moves_on_or_repeats_within_a_day_is_skipped_at_once(
    tmp_path: Path, rule: str, why: str
) -> None:
    data = ics(
        ["UID:rule", "DTSTART:20170101T100000Z", rule],
        ["UID:good", "DTSTART:20260101T100000Z"],
    )
    meetings, skipped = read(tmp_path, data)
    assert [m.key for m in meetings] == ["good"]
    assert skipped == [f"cal.ics:12 {why}"]


@pytest.mark.timeout(20)
def test_many_repetition_rules_on_one_event_are_skipped(tmp_path: Path) -> None:
    # RFC 5545 allows one RRULE; hundreds of daily ones would mean hundreds of thousands
    # of occurrences to expand.
    rules = [f"RRULE:FREQ=DAILY;BYHOUR={h % 24};BYMINUTE={h // 24}" for h in range(500)]
    data = ics(
        ["UID:many", "DTSTART:20170101T000000Z", *rules], ["UID:good", "DTSTART:20260101T100000Z"]
    )
    meetings, skipped = read(tmp_path, data)
    assert [m.key for m in meetings] == ["good"]
    assert skipped == ["cal.ics:12 500 repetition rules: not a meeting"]


def test_a_calendar_with_carriage_returns_only_reads_every_event(tmp_path: Path) -> None:
    # Old Mac tools end lines with CR alone; the file read as one line gave no meeting.
    data = ics(
        ["UID:one", "DTSTART:20260101T100000Z", "ATTENDEE;CN=Ana:mailto:ana@x.example"],
        ["UID:two", "DTSTART:20260102T100000Z", "ATTENDEE;CN=Bo:mailto:bo@x.exa", " mple"],
    ).replace(b"\r\n", b"\r")
    meetings, skipped = read(tmp_path, data)
    assert [(m.key, [a.who.address for a in m.attendees]) for m in meetings] == [
        ("one", ["ana@x.example"]),
        ("two", ["bo@x.example"]),
    ]
    assert skipped == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_calendar_saved_as_utf16_reads_its_events(tmp_path: Path, encoding: str) -> None:
    """Windows tools can save an .ics as UTF-16 with its byte-order mark: it was refused
    as no file NetView can import."""
    text = ics(["UID:one", "DTSTART:20260101T100000Z", "ATTENDEE;CN=Zoë:mailto:z@x.example"])
    data = text.decode("utf-8").encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    path = tmp_path / "cal.ics"
    path.write_bytes(data)
    fmt = formats.recognise_or_fail(path)
    assert fmt.name == "calendar"
    meetings, skipped = read(tmp_path, data)
    assert [(m.key, [(a.who.name, a.who.address) for a in m.attendees]) for m in meetings] == [
        ("one", [("Zoë", "z@x.example")])
    ]
    assert skipped == []


def test_a_takeout_zip_says_which_mailbox_and_address_book_it_did_not_read(
    tmp_path: Path,
) -> None:
    """A Google Takeout zip holds the calendar next to the mailbox and contacts: only the
    calendar was read, and nothing said the rest was left out."""
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Takeout/Calendar/me@x.example.ics", ics(["UID:a", "DTSTART:20260101T100000Z"]))
        zf.writestr("Takeout/Mail/All mail.mbox", "From x Mon Nov 30 10:00:00 2026\n")
        zf.writestr("Takeout/Contacts/My Contacts/My Contacts.vcf", "BEGIN:VCARD\r\n")
        zf.writestr("Takeout/archive_browser.html", "<html></html>")
    ev = read_calendar(path, now=NOW)
    assert [m.key for m in ev.meetings] == ["a"]
    assert [f"{s.where} {s.why}" for s in ev.skipped] == [
        "takeout.zip:Takeout/Contacts/My Contacts/My Contacts.vcf:1 an address book, not read"
        " with the calendar: unzip it and import it on its own",
        "takeout.zip:Takeout/Mail/All mail.mbox:1 a mailbox, not read with the calendar:"
        " unzip it and import it on its own",
    ]


IMPOSSIBLE = [
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
    "FREQ=WEEKLY;BYMONTH=4,6;BYMONTHDAY=31",
    "FREQ=DAILY;BYYEARDAY=400",
    "FREQ=DAILY;BYYEARDAY=1;BYMONTH=2",
    "FREQ=DAILY;BYSETPOS=2",
    "FREQ=MONTHLY;BYMONTHDAY=32",
]
POSSIBLE = [
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-29",
    "FREQ=YEARLY;BYYEARDAY=366",
    "FREQ=YEARLY;BYYEARDAY=-1;BYMONTH=12;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
]


def test_a_rule_naming_no_day_that_exists_is_its_start_alone_found_without_expanding_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # dateutil looks for such a rule's next day until the year 9999 (seconds a rule): a few
    # hundred in a small hostile calendar stalled the import for minutes.
    import recurring_ical_events

    expanded: list[object] = []
    real = recurring_ical_events.of

    def counting(calendar: object, *args: object, **kwargs: object) -> object:
        expanded.append(calendar)
        return real(calendar, *args, **kwargs)

    monkeypatch.setattr(recurring_ical_events, "of", counting)
    events = [
        [f"UID:no-{i}", "DTSTART:20260105T100000Z", f"RRULE:{r}"] for i, r in enumerate(IMPOSSIBLE)
    ]
    meetings, skipped = read(
        tmp_path,
        ics(*events, ["UID:weekly", "DTSTART:20261102T100000Z", "RRULE:FREQ=WEEKLY;COUNT=3"]),
    )
    assert skipped == []
    # Each impossible one is the meeting at its start, as before; only the real rule expands.
    assert sorted(m.key for m in meetings if m.key.startswith("no-")) == sorted(
        f"no-{i}" for i in range(len(IMPOSSIBLE))
    )
    assert [m.start.day for m in meetings if m.key.startswith("weekly")] == [2, 9, 16]
    assert len(expanded) == 1


@pytest.mark.parametrize("rule", IMPOSSIBLE + POSSIBLE)
def test_never_occurs_agrees_with_the_expansion(rule: str) -> None:
    import icalendar
    from dateutil.rrule import rrulestr

    from netview.io.evidence.never import never_occurs

    recur = icalendar.vRecur.from_ical(rule)
    start = datetime(2026, 1, 5, 10, tzinfo=UTC)
    if rule in POSSIBLE:
        assert not never_occurs(recur)
        # dateutil finds a day for it within the 400-year cycle.
        found = rrulestr(rule, dtstart=start).after(start)
        assert found is not None and found.year < 2426
    else:
        assert never_occurs(recur)


def test_a_calendar_whose_rules_take_too_long_skips_the_rest_naming_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cal, "EXPAND_BUDGET_S", 0.0)
    data = ics(
        ["UID:weekly", "DTSTART:20261102T100000Z", "RRULE:FREQ=WEEKLY;COUNT=3"],
        ["UID:once", "DTSTART:20261103T100000Z"],
    )
    meetings, skipped = read(tmp_path, data)
    assert [m.key for m in meetings] == ["once"]  # a single meeting needs no expanding
    assert skipped == ["cal.ics:12 not expanded: this file's repetition rules took over 0 s"]


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_a_big_calendar_read_in_batches_gives_what_the_whole_file_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # A calendar of more than BATCH events is read BATCH at a time (memory: about 6 KB an
    # event parsed at once): the same meetings, overrides and skips, wherever they fall.
    fixture = Path(__file__).parent.parent / "fixtures" / "evidence" / "calendar.ics"
    broken = ics(
        ["UID:weekly", "DTSTART:20261102T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4"],
        ["UID:one", "DTSTART:20261103T100000Z", "ATTENDEE;CN=Ana:mailto:ana@x.example"],
        ["UID:bad", "DTSTART:garbage"],
        ["UID:weekly", "RECURRENCE-ID:20261109T100000Z", "DTSTART:20261110T120000Z"],
        ["UID:two", "DTSTART;TZID=Europe/Berlin:20261104T100000"],
    )

    def meetings(data: bytes) -> tuple[list[tuple[str, datetime, str]], list[str]]:
        found, skipped = read(tmp_path, data)
        return sorted((m.key, m.start, m.where) for m in found), skipped

    whole = [meetings(fixture.read_bytes()), meetings(broken)]
    monkeypatch.setattr(cal, "BATCH", batch)
    assert [meetings(fixture.read_bytes()), meetings(broken)] == whole
    assert len(whole[0][0]) > 8 and len(whole[1][0]) == 6 and whole[1][1]  # not vacuous
