"""The demo owner's own calendar, mailbox and address book, invented around their export.

Small meetings and e-mail threads among colleagues of one company (so they know each other),
weekly one-to-ones with a few people, an all-hands and mailing-list mail that must not count,
and an address book naming some of them by profile URL. Written as the files a calendar,
mail and contacts program exports (iCalendar, mbox, vCard), so the demo imports them through
the real readers and importer. No titles or bodies worth reading: NetView keeps neither.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

from netview.demo.writer import ConnectionOut, ExportOut, raw_profile_url

ME = "me@demo-home.example"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    word = "".join(c for c in folded if c.isascii() and (c.isalnum() or c in " -"))
    return "-".join(word.lower().split()) or "x"


def _address(c: ConnectionOut) -> str:
    domain = _ascii(c.company) or "mail"
    return f"{_ascii(c.first_name)}.{_ascii(c.last_name)}@{domain}.example"


def _name(c: ConnectionOut) -> str:
    return f"{c.first_name} {c.last_name}".strip()


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace('"', "'")


def _fold(line: str) -> str:
    """iCalendar and vCard lines of at most 75 octets, continued with a space."""
    out, part = [], ""
    for ch in line:
        if len((part + ch).encode()) > 74:
            out.append(part)
            part = " "
        part += ch
    out.append(part)
    return "\r\n".join(out)


def write_evidence(out_dir: Path, yours: ExportOut, seed: int, as_of: date) -> list[Path]:
    """Write calendar.ics, mail.mbox and contacts.vcf for the owner of `yours`."""
    rng = random.Random(f"evidence:{seed}")
    people = [c for c in yours.connections if c.slug and c.first_name]
    by_company: dict[str, list[ConnectionOut]] = defaultdict(list)
    for c in people:
        by_company[c.company].append(c)
    teams = [g for g in by_company.values() if len(g) >= 3]
    rng.shuffle(teams)
    teams = teams[: max(3, len(teams) // 2)]
    now = datetime.combine(as_of, time(12), UTC)
    me_name = f"{yours.profile.first_name} {yours.profile.last_name}"
    events: list[str] = []
    mails: list[str] = []
    n = 0
    for team in teams:
        members = rng.sample(team, min(len(team), rng.randint(3, 6)))
        for _ in range(rng.randint(2, 5)):
            n += 1
            when = now - timedelta(days=rng.randint(3, 700), hours=rng.randint(0, 6))
            events.append(_event(n, when, me_name, members, rng))
        for _ in range(rng.randint(1, 4)):
            n += 1
            when = now - timedelta(days=rng.randint(1, 500), minutes=rng.randint(0, 600))
            mails.append(_mail(n, when, me_name, members, rng))
    for person in rng.sample(people, min(len(people), 4)):
        n += 1
        start = now - timedelta(days=rng.randint(20, 120))
        events.append(_event(n, start, me_name, [person], rng, weekly=rng.randint(3, 10)))
    crowd = rng.sample(people, min(len(people), 8))
    n += 1
    events.append(_event(n, now - timedelta(days=9), me_name, crowd, rng, title="All hands"))
    for k in range(3):
        n += 1
        mails.append(_list_mail(n, now - timedelta(days=k * 7 + 2), rng.choice(people)))
    # A friend who is not on LinkedIn (no draw from rng: the rest stays as it was): the
    # import report lists her, to be attached to a person or kept as your own contact.
    mails += _friend_mails(n, now, me_name, people[:1])
    calendar = out_dir / "calendar.ics"
    calendar.write_bytes(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//NetView demo//EN\r\n"
            + "".join(events)
            + "END:VCALENDAR\r\n"
        ).encode()
    )
    mailbox = out_dir / "mail.mbox"
    mailbox.write_bytes("".join(mails).encode())
    cards = rng.sample(people, len(people) // 2)
    contacts = out_dir / "contacts.vcf"
    contacts.write_bytes("".join(_card(c) for c in cards).encode())
    return [contacts, calendar, mailbox]


def _event(
    n: int,
    start: datetime,
    me: str,
    members: list[ConnectionOut],
    rng: random.Random,
    *,
    weekly: int = 0,
    title: str = "Project sync",
) -> str:
    stamp = start.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VEVENT",
        f"UID:demo-{n}@netview.example",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{stamp}",
        f"DTEND:{(start + timedelta(minutes=45)).strftime('%Y%m%dT%H%M%SZ')}",
        f"SUMMARY:{_ics_text(title)}",
        f"ORGANIZER;CN={_ics_text(me)}:mailto:{ME}",
        f"ATTENDEE;CN={_ics_text(me)};PARTSTAT=ACCEPTED:mailto:{ME}",
    ]
    if weekly:
        lines.append(f"RRULE:FREQ=WEEKLY;COUNT={weekly}")
    for c in members:
        status = "DECLINED" if rng.random() < 0.08 else "ACCEPTED"
        lines.append(f'ATTENDEE;CN="{_ics_text(_name(c))}";PARTSTAT={status}:mailto:{_address(c)}')
    lines.append("END:VEVENT")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _header_name(name: str, address: str) -> str:
    shown = Header(name, "utf-8").encode() if not name.isascii() else f'"{name}"'
    return f"{shown} <{address}>"


def _mail(n: int, when: datetime, me: str, members: list[ConnectionOut], rng: random.Random) -> str:
    sender = rng.choice([None, *members])
    frm = _header_name(me, ME) if sender is None else _header_name(_name(sender), _address(sender))
    others = [c for c in members if c is not sender]
    to = [_header_name(me, ME)] if sender is not None else []
    to += [_header_name(_name(c), _address(c)) for c in others]
    return (
        f"From demo {when:%a %b %d %H:%M:%S %Y}\n"
        f"Message-ID: <demo-{n}@netview.example>\n"
        f"Date: {format_datetime(when)}\n"
        f"From: {frm}\n"
        f"To: {to[0]}\n"
        + (f"Cc: {', '.join(to[1:])}\n" if len(to) > 1 else "")
        + "Subject: notes\n\nSee the notes.\n\n"
    )


FRIEND = "Sunniva Brekke <sunniva.brekke@fjellpost.example>"  # not a name of names.json


def _friend_mails(n: int, now: datetime, me: str, also: list[ConnectionOut]) -> list[str]:
    """Three e-mails with FRIEND, the last with a connection of yours copied in."""
    out = []
    for k, days in enumerate((40, 12, 5)):
        when = now - timedelta(days=days, hours=k)
        mine = k == 1
        frm, to = (_header_name(me, ME), FRIEND) if mine else (FRIEND, _header_name(me, ME))
        cc = [_header_name(_name(c), _address(c)) for c in also] if k == 2 else []
        out.append(
            f"From demo {when:%a %b %d %H:%M:%S %Y}\n"
            f"Message-ID: <demo-friend-{n + k + 1}@netview.example>\n"
            f"Date: {format_datetime(when)}\n"
            f"From: {frm}\nTo: {to}\n"
            + (f"Cc: {', '.join(cc)}\n" if cc else "")
            + "Subject: Saturday run\n\nSame place?\n\n"
        )
    return out


def _list_mail(n: int, when: datetime, sender: ConnectionOut) -> str:
    return (
        f"From demo {when:%a %b %d %H:%M:%S %Y}\n"
        f"Message-ID: <demo-list-{n}@netview.example>\n"
        f"Date: {format_datetime(when)}\n"
        f"From: {_header_name(_name(sender), _address(sender))}\n"
        "To: Industry circle <circle@lists.example>\n"
        "List-Id: Industry circle <circle.lists.example>\n"
        "Precedence: list\n"
        "Subject: digest\n\nThis week.\n\n"
    )


def _card(c: ConnectionOut) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_ics_text(_name(c))}",
        f"N:{_ics_text(c.last_name)};{_ics_text(c.first_name)};;;",
        f"EMAIL;TYPE=WORK:{_address(c)}",
        f"URL:{raw_profile_url(c.slug or '')}",
        "END:VCARD",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
