"""Importing the user's own evidence: meetings from a calendar, e-mails from a mailbox and
the addresses of an address book, as netview.io's readers hand them (core.evidence).

What counts (issue 19): a meeting you attended or an e-mail you sent or received, with at
most 10 other people (at most 10 recipients), is contact with each of them, and its people
know each other. Never: cancelled events, attendees who declined, bigger meetings and mails,
automated or list mail, mail in Spam or Trash, events still to come.

Who is who goes through the app's one name matcher (services/identity/matcher.py): an address listed
in a LinkedIn export (Connections.csv) or on an address-book card naming one LinkedIn person
(by profile URL on the card, or a card name only one person has); else the display name,
when it names exactly one person. Namesakes are never guessed: they are listed in the
report, with the addresses nobody is known by, most frequent first.

Who was on each meeting and e-mail is kept with it (headers only), so a correction of your
own addresses re-reads what was imported (`reread`, one reading shared with the import:
`_Reader`) without the files. Someone nobody matched can be attached to a person or kept as
a private contact of your own (`attach_in`, `keep_contact_in`; undone in the app by
`unattach_in`, `unkeep_contact_in`, and from the command line, which keeps no undo record,
by `detach_address`).

The caller owns the transaction (one per `netview import`); the same file or the same
messages imported again add nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.errors import ImportFailure, NetViewError
from netview.core.evidence import SMALL, Card, EvidenceFile, EvidenceKind, Mail, Mailbox, Meeting
from netview.core.progress import NoProgress, Progress, check
from netview.core.records import FileReport, Skipped
from netview.io.evidence.headers import is_address
from netview.services.identity.matcher import words_key
from netview.services.importing.import_report import ImportReport
from netview.services.importing.import_summary import NAMESAKE_WHY
from netview.store import evidence as q
from netview.store import importing as imp
from netview.store import people as people_q
from netview.store import team
from netview.store.db import Database
from netview.store.keys import labels_of

# An address on at least this share of a mailbox's messages (or a calendar's meetings) is
# its owner's, when nothing else says whose it is.
OWNER_SHARE = 0.8
NOT_MAIL = frozenset({"spam", "trash", "bin", "junk", "[gmail]/spam", "[gmail]/trash"})
CORRESPONDENTS_SHOWN = 20
# A meeting that does not count because you declined it, or because it was too big, is kept
# (not counted) when it had at most this many people: correcting your own addresses can make
# it count. Bigger ones could not come under SMALL others by any correction worth a row.
KEPT_UNCOUNTED = SMALL + 5


@dataclass
class _Identity:
    """Who an address or a name is, as far as the database and this import know."""

    me: int
    my_name: str = ""  # words_key of your own name: in your own mailbox, that name is you
    mine: set[str] = field(default_factory=set)
    not_mine: set[str] = field(default_factory=set)
    by_address: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)  # words_key -> people
    by_key: dict[str, int] = field(default_factory=dict)  # profile keys and aliases
    contacts: set[int] = field(default_factory=set)  # people you kept from your evidence

    def person_by_name(self, name: str) -> int | str | None:
        """The one person the name names; "ambiguous" for namesakes; None for nobody."""
        key = words_key(name) if name else ""
        if not key:
            return None
        found = self.by_name.get(key, [])
        if len(found) == 1:
            return found[0]
        return "ambiguous" if found else None


def _load_identity(session: Session, me: int) -> _Identity:
    who = _Identity(me)
    names: dict[str, set[int]] = {}
    for pid, name in q.people_names(session):
        k = words_key(name)
        if pid == me:
            who.my_name = k
        elif k:
            names.setdefault(k, set()).add(pid)
    who.by_name = {k: sorted(v) for k, v in names.items()}
    who.by_key = {**imp.person_aliases(session), **imp.person_keys(session)}
    who.contacts = q.contact_ids(session)
    emails: dict[str, set[int]] = {}
    for pid, email in q.person_emails(session):
        emails.setdefault(email.strip().lower(), set()).add(pid)
    for address, pids in emails.items():
        if pids == {me}:
            who.mine.add(address)
        elif len(pids) == 1:
            who.by_address[address] = next(iter(pids))
    for address, person, how in q.addresses(session):
        if how == "mine":
            who.mine.add(address)
        elif how == "not-mine":
            who.not_mine.add(address)
        elif how == "hand" and person is not None:
            who.by_address[address] = person  # what you said wins over what was learnt
        elif person is not None:
            who.by_address.setdefault(address, person)
    who.mine -= who.not_mine
    return who


def _digest(kind: str, key: str) -> str:
    return hashlib.sha256(f"{kind}\0{key}".encode()).hexdigest()


class _Share:
    """How many meetings or messages each address is on (a count, not the sets: a mailbox
    of 100,000 messages must stream at flat memory)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.n = 0

    def add(self, addresses: set[str]) -> None:
        self.n += 1
        self.counts.update(a for a in addresses if a)

    def owner(self) -> str | None:
        """The address on nearly every meeting or message (and more than any other)."""
        if self.n < 2:
            return None
        ranked = self.counts.most_common(2)
        if not ranked:
            return None
        top, k = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        return top if k >= OWNER_SHARE * self.n and k > runner_up else None


@dataclass(slots=True)
class _Kept:
    """A meeting or mail that may count, until the owner's addresses are all known."""

    key: str
    at: datetime
    boxes: tuple[Mailbox, ...]
    declined: frozenset[str]


_NONE: frozenset[str] = frozenset()


@dataclass
class _Unknown:
    """Someone the import could not name: an address or a display name."""

    label: str
    address: str
    count: int = 0
    last: datetime | None = None
    why: str = "not on LinkedIn"


@dataclass
class _Found:
    """What one meeting or mail says: why it does not count (None: it does), who was in it
    (never you) and whom nobody is known as ((who, name given))."""

    why: str | None
    people: list[int] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)


def _who(box: Mailbox) -> str:
    """An address, or "~" and the folded name of someone known only by name."""
    return box.address or f"~{words_key(box.name)}"


def _name_key(who: str, name: str) -> str:
    """The key a stranger waits under in Details (EvidenceUnknown.name_key): their name's,
    or a "~name"'s own folded name."""
    return words_key(name) or (who[1:] if who.startswith("~") else "")


class _Reader:
    """Who each meeting and mail was with, by what is known of everyone's addresses: the one
    reading of an import and of a re-read after your addresses changed."""

    def __init__(
        self, who: _Identity, unknown: dict[str, _Unknown], learnt: dict[str, tuple[int, str]]
    ) -> None:
        self.who = who
        self.unknown = unknown  # who -> the stranger, counted for the report
        self.learnt = learnt  # address -> (person, how) learnt from the display name

    def person(self, box: Mailbox, at: datetime | None) -> int | None:
        """The person a header or attendee names; the owner is self.who.me."""
        address = box.address.strip().lower()
        if address in self.who.mine:
            return self.who.me
        key = address or f"~{words_key(box.name)}"
        if key in self.who.by_address:
            return self.who.by_address[key]
        mine_by_name = self.who.my_name and words_key(box.name) == self.who.my_name
        if mine_by_name and address not in self.who.not_mine:
            return self.who.me  # your name on an address not known as yours: still you
        pid = self.who.person_by_name(box.name)
        if isinstance(pid, int):
            if address and address not in self.who.not_mine:
                self.who.by_address[address] = pid
                self.learnt[address] = (pid, "name")
            return pid
        label = box.name or address
        u = self.unknown.setdefault(key, _Unknown(label, address))
        if pid == "ambiguous":
            u.why = NAMESAKE_WHY
        u.count += 1
        if at is not None and (u.last is None or at > u.last):
            u.last = at
        if box.name and not u.label.strip():
            u.label = box.name
        return None

    def count(self, kind: str, k: _Kept, when: datetime) -> _Found:
        if k.declined & self.who.mine:
            return _Found("you declined")
        others = {_who(b) for b in k.boxes} - self.who.mine
        if kind == q.MEETING and len(others) > SMALL:
            return _Found(f"more than {SMALL} other people")
        pids: set[int] = set()
        unknown: list[tuple[str, str]] = []
        for b in k.boxes:
            pid = self.person(b, when)
            if pid is not None:
                pids.add(pid)
            elif _who(b) != "~":
                unknown.append((_who(b), b.name))
        return _Found(None, sorted(p for p in pids if p != self.who.me), unknown)


def _boxes_json(k: _Kept) -> str:
    value: dict[str, Any] = {"b": [[b.address, b.name] for b in k.boxes]}
    if k.declined:
        value["d"] = sorted(k.declined)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _kept_of(item: q.Stored) -> _Kept:
    value = json.loads(item.boxes)
    boxes = tuple(Mailbox(str(a), str(n)) for a, n in value.get("b", []))
    return _Kept("", item.at, boxes, frozenset(str(a) for a in value.get("d", [])))


class EvidenceImport:
    """One evidence file into the open transaction."""

    def __init__(
        self,
        session: Session,
        evidence: EvidenceFile,
        *,
        my_addresses: Iterable[str] = (),
        now: datetime | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.session = session
        self.ev = evidence
        self.now = now or datetime.now(UTC)
        self.progress = progress or NoProgress()
        self.my_addresses = {a.strip().lower() for a in my_addresses if a.strip()}
        shown = evidence.shown or evidence.label
        self.report = ImportReport(shown, "imported", role=str(evidence.kind))
        self.file = FileReport(evidence.label, None)
        self.report.files.append(self.file)
        self.members: dict[str, FileReport] = {}  # a file of a folder or zip, by name
        self.unknown: dict[str, _Unknown] = {}
        self.learnt: dict[str, tuple[int, str]] = {}  # address -> (person, how) this file
        self.contacts_seen: set[int] = set()

    # --- the whole file ------------------------------------------------------------------

    def run(self) -> ImportReport:
        me = imp.me_id(self.session)
        if me is None:
            raise ImportFailure(
                self.ev.shown or self.ev.label,
                "import your own LinkedIn export first: a calendar, mailbox or address book "
                "is yours, and NetView does not know who you are yet",
            )
        login = team.login(self.session)
        # Per member: two teammates importing the same calendar file each get their own.
        content_hash = _digest(login, self.ev.content_hash)
        if imp.source_id_by_hash(self.session, content_hash) is not None:
            self.report.status = "unchanged"
            self.report.warnings.append("already imported: nothing changed")
            return self.report
        self.who = _load_identity(self.session, me)
        # Addresses named with the import (`--my-address`) are the user's word, not the
        # file's: kept as `netview my-address` keeps them, so forgetting this file keeps them.
        for address in sorted(self.my_addresses):
            q.set_address(self.session, address, None, "mine")
        self.who.not_mine -= self.my_addresses
        mine_before = set(self.who.mine)
        self.who.mine |= self.my_addresses | {a.lower() for a in self.ev.owner_addresses}
        self.who.mine -= self.who.not_mine
        self.reader = _Reader(self.who, self.unknown, self.learnt)
        self.source_id = q.add_source(
            self.session,
            kind=str(self.ev.kind),
            # On a server the file's name is its owner's alone (their private report
            # keeps it): teammates see only that a calendar or mailbox was imported.
            label=str(self.ev.kind) if team.is_postgresql(self.session) else self.ev.label,
            content_hash=content_hash,
            owner_id=me,
            imported_at=datetime.now(UTC).replace(tzinfo=None),
        )
        # Cards first: an address book imported with a mailbox names its correspondents.
        self._cards(self.ev.cards)
        self._meetings(self.ev.meetings)
        self._mails(self.ev.mails)
        self._save_addresses()
        # A contact of your own found in this file too outlives forgetting the first one.
        q.link_people(self.session, self.source_id, self.contacts_seen)
        if self.who.mine - mine_before:
            # An address of yours new to NetView: what came before is read again with it.
            done = reread(self.session, skip_source=self.source_id)
            if done.counted or done.uncounted or done.changed:
                self.report.warnings.append(
                    f"with your address {', '.join(sorted(self.who.mine - mine_before))}, "
                    f"what was imported before read again: {done.counted:,} count now, "
                    f"{done.uncounted:,} no longer, {done.changed:,} with other people in them"
                )
        for s in self.ev.skipped:
            self._skip(s.where, s.why)
        self._finish()
        return self.report

    def _skip(self, where: str, why: str) -> None:
        """Report a skip under the file it is in: a folder of .eml files or a zip of .ics
        is many files, and its line alone would not say which one to open."""
        name, _, tail = where.rpartition(":")
        if not tail.isdigit():
            name = where
        label = self.ev.label
        if name and name != label:
            # Readers name a zip's member "x.zip:Calendar/a.ics", a folder's "sub/a.eml".
            name = name if name.startswith(f"{label}:") else f"{label}/{name}"
            if name not in self.members:
                self.members[name] = FileReport(name, None)
                self.report.files.append(self.members[name])
            self.members[name].skipped.append(Skipped(_line(where), why))
            return
        self.file.skipped.append(Skipped(_line(where), why))

    # --- address books -------------------------------------------------------------------

    def _card_person(self, card: Card) -> int | str | None:
        for url in card.urls:
            key = ids.any_key(url)
            if key and key in self.who.by_key:
                return self.who.by_key[key]
        return self.who.person_by_name(card.name)

    def _cards(self, cards: Iterable[Card]) -> None:
        n = named = 0
        for card in cards:
            check(self.progress)
            n += 1
            emails = [e.strip().lower() for e in card.emails if e.strip()]
            if emails and any(e in self.who.mine for e in emails):
                continue  # your own card
            pid = self._card_person(card)
            if pid == self.who.me:
                self.who.mine.update(e for e in emails if e not in self.who.not_mine)
                continue
            if not isinstance(pid, int):
                for e in emails:
                    u = self.unknown.setdefault(e, _Unknown(card.name or e, e))
                    if pid == "ambiguous":
                        u.why = NAMESAKE_WHY
                continue
            named += 1
            for e in emails:
                if e not in self.who.by_address:
                    self.who.by_address[e] = pid
                    self.learnt[e] = (pid, "card")
        if n:
            self.report.added["cards"] = n
            self.file.rows_read += n
            self.file.rows_imported += named

    # --- calendars and mailboxes ---------------------------------------------------------

    def _meetings(self, meetings: Iterable[Meeting]) -> None:
        kept: list[_Kept] = []
        seen = _Share()
        counted_series: set[str] = set()
        skipped = Counter[str]()
        n = 0
        for m in meetings:
            check(self.progress)
            n += 1
            if m.cancelled:
                skipped["cancelled"] += 1
                continue
            if m.crowd:
                skipped["a meeting of many (all hands, town hall, webinar)"] += 1
                continue
            if m.start > self.now:
                skipped["still to come"] += 1
                continue
            boxes = [a.who for a in m.attendees if a.status != "DECLINED"]
            declined = {a.who.address for a in m.attendees if a.status == "DECLINED"}
            if m.organizer is not None and m.organizer.address not in {b.address for b in boxes}:
                boxes.append(m.organizer)
            # Whose calendar it is, by series, not by occurrence: a weekly 1:1 saved alone
            # puts the other person on every one of its occurrences.
            series = m.series or m.key
            if series not in counted_series:
                counted_series.add(series)
                seen.add({b.address for b in boxes} | declined)
            kept.append(_Kept(m.key, m.start, tuple(boxes), frozenset(declined)))
        if not n:
            return
        self.file.rows_read += n
        self._owner_from(seen)
        added = self._items(q.MEETING, kept, skipped)
        self.report.added["meetings"] = added
        self.file.rows_imported += added
        for why, count in sorted(skipped.items()):
            self.report.warnings.append(f"{count} meetings not counted: {why}")

    def _owner_from(self, seen: _Share) -> None:
        owner = seen.owner()
        if owner and owner not in self.who.not_mine:
            self.who.mine.add(owner)

    def _mails(self, mails: Iterable[Mail]) -> None:
        seen = _Share()
        skipped = Counter[str]()
        read = [0]

        def candidates() -> Iterator[_Kept]:
            for mail in mails:
                check(self.progress)
                read[0] += 1
                if mail.automated:
                    skipped["automated or mailing-list mail"] += 1
                    continue
                if any(label.strip().lower() in NOT_MAIL for label in mail.labels):
                    skipped["in Spam or Trash"] += 1
                    continue
                if mail.sent is None:
                    self._skip(mail.where, "no readable Date header")
                    continue
                if mail.sent > self.now:
                    skipped["dated in the future"] += 1
                    continue
                boxes = [b for b in (mail.sender, *mail.to, *mail.cc) if b is not None]
                seen.add({b.address for b in boxes})
                if len(mail.to) + len(mail.cc) > SMALL:
                    skipped[f"more than {SMALL} recipients"] += 1
                    continue
                yield _Kept(mail.key, mail.sent, tuple(boxes), _NONE)

        if self.who.mine:
            # Your address is known (your export, a calendar, --my-address): each message is
            # written as it is read, so a 5 GB mailbox streams at flat memory.
            added = self._items(q.MAIL, candidates(), skipped)
        else:
            # Whose mailbox it is comes from all of it: the address on nearly every message.
            kept = list(candidates())
            self._owner_from(seen)
            added = self._items(q.MAIL, kept, skipped)
        if not read[0]:
            return
        self.file.rows_read += read[0]
        self.report.added["emails"] = added
        self.file.rows_imported += added
        for why, count in sorted(skipped.items()):
            self.report.warnings.append(f"{count} e-mails not counted: {why}")

    def _items(self, kind: str, kept: Iterable[_Kept], skipped: Counter[str]) -> int:
        known = q.known_dedups(self.session, kind)
        rows: list[dict[str, Any]] = []
        people: dict[str, list[int]] = {}
        unknown: dict[str, list[tuple[str, str]]] = {}
        added = 0
        for k in kept:
            dedup = _digest(kind, k.key)
            if dedup in known:
                continue  # imported before (this file or another holding the same one)
            known.add(dedup)
            when = k.at.astimezone(UTC).replace(tzinfo=None)
            found = self.reader.count(kind, k, when)
            row = {
                "source_id": self.source_id,
                "kind": kind,
                "dedup": dedup,
                "at": when,
                "boxes": _boxes_json(k),
                "counted": found.why is None,
            }
            if found.why is not None:
                skipped[found.why] += 1
                if kind == q.MEETING and len(k.boxes) + len(k.declined) <= KEPT_UNCOUNTED:
                    rows.append(row)  # a correction of your addresses may count it
                continue
            added += 1
            rows.append(row)
            self.contacts_seen.update(p for p in found.people if p in self.who.contacts)
            people[dedup] = found.people
            unknown[dedup] = found.unknown
            if len(rows) >= 5000:  # written as it goes: memory stays flat
                q.add_items(self.session, rows, people, unknown, _name_key)
                rows, people, unknown = [], {}, {}
        q.add_items(self.session, rows, people, unknown, _name_key)
        return added

    # --- what was learnt -----------------------------------------------------------------

    def _save_addresses(self) -> None:
        rows = [
            {"source_id": self.source_id, "address": a, "person_id": pid, "how": how}
            for a, (pid, how) in sorted(self.learnt.items())
            if a not in self.who.mine
        ]
        rows += [
            {"source_id": self.source_id, "address": a, "person_id": self.who.me, "how": "mine"}
            for a in sorted(self.who.mine)
        ]
        q.add_addresses(self.session, rows)
        self.report.added["addresses"] = len(self.learnt)

    def _finish(self) -> None:
        frequent = sorted(
            (u for u in self.unknown.values() if u.count and u.address not in self.who.mine),
            key=lambda u: (-u.count, u.label),
        )
        self.report.correspondents = [
            {
                "who": u.label,
                "address": u.address,
                "times": u.count,
                "last": u.last.date().isoformat() if u.last else None,
                "why": u.why,
            }
            for u in frequent[:CORRESPONDENTS_SHOWN]
        ]
        # "archive" names the file as the user found it (its folder too); "label" is the
        # name `netview sources` lists and `forget` takes, as on a personal database.
        kept = {**self.report.to_dict(), "label": self.ev.label}
        q.save_report(self.session, self.source_id, json.dumps(kept))


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def import_evidence(
    session: Session,
    evidence: EvidenceFile,
    *,
    my_addresses: Iterable[str] = (),
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one calendar, mailbox or address book into the open transaction."""
    job = EvidenceImport(session, evidence, my_addresses=my_addresses, now=now, progress=progress)
    return job.run()


_ORDER = {EvidenceKind.ADDRESS_BOOK: 1, EvidenceKind.CALENDAR: 2, EvidenceKind.MAILBOX: 3}
T = TypeVar("T")


def in_import_order(contents: Sequence[T]) -> list[T]:
    """LinkedIn archives and other files first, as given, then address books (they name the
    people), calendars and mailboxes: evidence needs to know who everyone is."""

    def rank(item: T) -> int:
        return _ORDER[item.kind] if isinstance(item, EvidenceFile) else 0

    return sorted(contents, key=rank)  # stable: same rank keeps the order given


# --- your own addresses ------------------------------------------------------------------


def my_addresses(db: Database) -> list[str]:
    """The addresses taken as yours: set by hand, found by an import, or in your export."""
    with db.session() as session:
        me = imp.me_id(session)
        if me is None:
            return []
        return sorted(_load_identity(session, me).mine)


def set_my_addresses(db: Database, addresses: Iterable[str], *, mine: bool = True) -> Reread:
    """Say which addresses are yours (or not). What was imported is read again with them,
    from the participants kept with each meeting and e-mail (no original file needed)."""
    with db.write() as session:
        for raw in addresses:
            address = raw.strip().lower()
            if not is_address(address):
                raise NetViewError(f"{raw!r} is not an e-mail address")
            q.set_address(session, address, None, "mine" if mine else "not-mine")
        return reread(session)


@dataclass(frozen=True)
class Reread:
    """What reading the evidence again changed: items that count now and did not, the
    reverse, and items whose people changed."""

    counted: int = 0
    uncounted: int = 0
    changed: int = 0


def reread(session: Session, *, skip_source: int | None = None) -> Reread:
    """Read every meeting and e-mail again with what is known now of your own addresses and
    everyone else's (in the caller's transaction), but those of `skip_source` (the file
    being imported, read so already). Items imported before their participants were kept
    (migration 0013) stay as they were read."""
    me = imp.me_id(session)
    if me is None:
        return Reread()
    items = q.stored_items(session, skip_source)
    if not items:
        return Reread()
    reader = _Reader(_load_identity(session, me), {}, {})
    now_people = q.people_of_items(session)
    now_unknown = q.unknown_of_items(session)
    counted: dict[int, bool] = {}
    people: dict[int, list[int]] = {}
    unknown: dict[int, dict[str, str]] = {}
    gained = lost = changed = 0
    for item in items:
        found = reader.count(item.kind, _kept_of(item), item.at)
        counts = found.why is None
        strangers = dict(found.unknown)
        if (
            counts == item.counted
            and set(found.people) == now_people.get(item.id, set())
            and strangers == now_unknown.get(item.id, {})
        ):
            continue
        counted[item.id] = counts
        if counts:
            people[item.id] = found.people
            unknown[item.id] = strangers
        if counts and not item.counted:
            gained += 1
        elif item.counted and not counts:
            lost += 1
        else:
            changed += 1
    q.replace_items(session, counted, people, unknown, _name_key)
    return Reread(gained, lost, changed)


# --- people nobody matched ---------------------------------------------------------------


def strangers(db: Database) -> list[dict[str, Any]]:
    """Everyone in your meetings and e-mails whom no LinkedIn person matched, most often
    first: {who (an address, or "~" and a name several people share), name, times, last}."""
    with db.session() as session:
        return [
            {"who": who, "name": name, "times": n, "last": last.date().isoformat()}
            for who, name, n, last in q.unknown_people(session)
        ]


def _listed_as(who: str) -> str:
    """An address as it is kept (lower case); a "~name" as given."""
    who = who.strip()
    return who if who.startswith("~") else who.lower()


@dataclass(frozen=True)
class Attached:
    """An address (or "~name") attached to a person: what to take back to undo it. `rows`
    are the items they were unknown in (item, name given), `added` the items the person
    was not in before, `before` whom a hand-set address said before (None: nobody)."""

    who: str
    person_id: int
    key: str
    name: str
    rows: tuple[tuple[int, str], ...]
    added: tuple[int, ...]
    before: int | None

    @property
    def items(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Waiting:
    """Someone in your meetings and e-mails who may be a person (their name is the
    person's, and several people have it): Details offers to attach them."""

    who: str
    name: str
    times: int
    last: datetime
    # Other correspondents of that name (other addresses) who wait too: offered one at a
    # time, most frequent first, as each is attached or not.
    others: int = 0


def waiting_for(db: Database, person_id: int) -> Waiting | None:
    """The most frequent correspondent nobody matched whose name is the person's, with how
    many more of that name wait."""
    with db.session() as session:
        found = labels_of(session, [person_id]).get(person_id)
        if found is None or person_id == imp.me_id(session):
            return None
        key = words_key(found[1])
        if not key:
            return None
        # Strangers kept under the person's name key (an index: tens of thousands of
        # strangers cost nothing), and those kept before the key was (migration 0015) that
        # hold the longest plain word of theirs; then the matcher's comparison, then counts
        # for those alone. Such an old row whose header spells that word with an accent
        # their name lacks is missed here; the import report and Attach to Person… list it.
        plain = [w for w in found[1].lower().split() if w.isascii() and w.isalpha()]
        word = max(plain, key=len) if plain else ""
        names = {
            who: name
            for who, name in q.unknown_under_key(session, key, word)
            if who == f"~{key}" or (name and words_key(name) == key)
        }
        counted = q.unknown_counts(session, sorted(names))
    if not counted:
        return None
    who, times, last = counted[0]  # the most frequent
    return Waiting(who, names[who], times, last, len(counted) - 1)


def _person_id(session: Session, person: str | int) -> int:
    if isinstance(person, int):
        if not labels_of(session, [person]):
            raise NetViewError(f"no person with id {person}")
        return person
    key = ids.any_key(person) or person.strip()
    pid = imp.person_keys(session).get(key) or imp.person_aliases(session).get(key)
    if pid is None:
        raise NetViewError(f"no person with key {person!r}")
    return pid


def attach_in(session: Session, who: str, person: str | int) -> Attached:
    """Make an address (or a listed "~name") count as a person (their key, profile URL or
    id): every meeting and e-mail they were in, and later imports. Undone by unattach_in."""
    who = _listed_as(who)
    pid = _person_id(session, person)
    if pid == imp.me_id(session):
        raise NetViewError(f"that is you: use netview my-address {who}")
    rows = q.unknown_rows(session, who)
    if who.startswith("~") and not rows:
        raise NetViewError(f"nobody listed as {who!r}; `netview address` lists them")
    before = q.attached_by_hand(session, who)
    _items, added = q.attach(session, who, pid)
    key, name = labels_of(session, [pid])[pid]
    return Attached(who, pid, key, name or key, tuple(rows), tuple(added), before)


def unattach_in(session: Session, done: Attached) -> None:
    """Undo attach_in: the person loses the meetings and e-mails it gave them, `who` waits
    in `netview address` (and the import reports) again."""
    q.unattach(session, done.who, done.person_id, done.added, done.rows, done.before, _name_key)


def attach_stranger(db: Database, who: str, person_key: str) -> Attached:
    """`netview address ADDRESS KEY`."""
    with db.write() as session:
        return attach_in(session, who, person_key)


@dataclass(frozen=True)
class Detached:
    """What `netview address ADDRESS --detach` undid: whom `who` was attached to, whether
    that was a contact kept from your evidence (who goes with it), and in how many
    meetings and e-mails `who` waits to be attached again."""

    who: str
    key: str
    name: str
    contact: bool
    items: int


def detach_address(db: Database, who: str) -> Detached:
    """Undo `netview address ADDRESS KEY` or `--keep` from the command line, where no undo
    record is at hand: the hand-set address goes (a contact kept for it too, when it was
    their only one) and the evidence is read again, as it would be had it never been set."""
    who = _listed_as(who)
    with db.write() as session:
        pid = q.attached_by_hand(session, who)
        if pid is None:
            raise NetViewError(
                f"{who} is attached to nobody by hand; `netview address` lists who waits"
            )
        key, name = labels_of(session, [pid]).get(pid, ("", ""))
        contact = key.startswith(ids.CONTACT_PREFIX) and q.attached_to(session, pid) == [who]
        q.forget_hand_address(session, who)
        if contact:
            people_q.delete_person(session, pid)  # their links to meetings and e-mails too
        reread(session)
        waiting = len(q.unknown_rows(session, who))
    return Detached(who, key, name or key, contact, waiting)


# --- forgetting a file with attachments -------------------------------------------------


def _named(boxes: Iterable[str], wanted: set[str]) -> set[str]:
    """Which of `wanted` (addresses, "~names") the items' participants name."""
    found: set[str] = set()
    for text in boxes:
        for address, name in json.loads(text).get("b", []):
            who = str(address).strip().lower() or f"~{words_key(str(name))}"
            if who in wanted:
                found.add(who)
        if found == wanted:
            break
    return found


def attachments_of(session: Session, source_id: int) -> set[str]:
    """The addresses attached by hand that the file's meetings and e-mails name: forgetting
    the file may leave them naming nobody's (see drop_unnamed_attachments)."""
    hand = q.hand_addresses(session)
    return _named(q.boxes_of(session, source_id), hand) if hand else set()


def drop_unnamed_attachments(session: Session, candidates: set[str]) -> set[str]:
    """After a file is forgotten: of `candidates` (attachments_of before), those no meeting
    or e-mail left names go too, so no address learnt from the file outlives it. Kept
    when items imported before their participants were kept remain (who they name is
    not known)."""
    if not candidates or q.items_without_boxes(session):
        return set()
    gone = candidates - _named(q.boxes_of(session), candidates)
    for who in sorted(gone):
        q.forget_hand_address(session, who)
    return gone


# --- keeping someone as a contact of your own --------------------------------------------


@dataclass(frozen=True)
class KeptContact:
    """Someone no LinkedIn person matched, now a person of your own: `rows` are the items
    they were unknown in (item, name given), to put back if the keeping is undone."""

    who: str
    person_id: int
    key: str
    name: str
    rows: tuple[tuple[int, str], ...]


def contact_key(who: str) -> str:
    # A digest, not the address: keys show in lists and files, addresses must not.
    return ids.CONTACT_PREFIX + hashlib.sha256(who.encode()).hexdigest()[:12]


def _keeping_refused(session: Session) -> str | None:
    # People are shared on a team server: a contact kept there would name your
    # correspondent to every teammate, so the server's database refuses it.
    if team.is_team_database(session.connection()):
        return (
            "on a team server a new person would be seen by the whole team; "
            "attach them to a LinkedIn person instead"
        )
    return None


def keeping_refused(db: Database) -> str | None:
    """Why Keep as Contact cannot be done in this database (None: it can): the import
    report disables the button and says so."""
    with db.session() as session:
        return _keeping_refused(session)


def keep_contact_in(session: Session, who: str) -> KeptContact:
    """Make `who` (an address or a listed "~name") a private person of your own: their
    meetings and e-mails count for them, so they show on your map, tied to you and to the
    people they met or wrote with; kept out of every export and shared picture."""
    who = _listed_as(who)
    refused = _keeping_refused(session)
    if refused is not None:
        raise NetViewError(f"{who}: {refused} (netview address ADDRESS KEY)")
    rows = q.unknown_rows(session, who)
    if not rows:
        raise NetViewError(f"nobody listed as {who!r}; `netview address` lists them")
    key = contact_key(who)
    if key in imp.person_keys(session):
        raise NetViewError(f"{who} is kept as a contact already ({key})")
    given = sorted({n for _, n in rows if n.strip()}, key=lambda n: (-len(n), n))
    name = given[0] if given else who.lstrip("~")
    sources = q.sources_of_items(session, [i for i, _ in rows])
    pid = q.add_contact(session, key, name, sources)
    people_q.set_private(session, pid, True)
    q.attach(session, who, pid)
    return KeptContact(who, pid, key, name, tuple(rows))


def unkeep_contact_in(session: Session, kept: KeptContact) -> None:
    """Undo keep_contact_in: the person goes (with what hangs on them), the items are
    unknown again."""
    people_q.delete_person(session, kept.person_id)
    q.restore_unknown(session, kept.who, kept.rows, _name_key)


def keep_contact(db: Database, who: str) -> KeptContact:
    """`netview address WHO --keep`."""
    with db.write() as session:
        return keep_contact_in(session, who)
