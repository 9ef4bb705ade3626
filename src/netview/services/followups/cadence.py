"""Follow-ups: keep-in-touch cadences, due dates, snoozes, and strong ties going quiet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.graph.followups import (
    LOSING_QUIET_DAYS,
    STATUS_ORDER,
    effective_cadence,
    reminder,
    suggested_cadence,
)
from netview.graph.strength import combine, components
from netview.services.followups.moved import moved_on
from netview.services.identity.people import UnknownPerson
from netview.services.identity.people import person_id as _person_id
from netview.services.introductions import asked as intros
from netview.services.network import LoadedNetwork, NoOwner
from netview.store import keys as keys_q
from netview.store import network as q
from netview.store import userdata as u
from netview.store.db import Database


@dataclass(frozen=True)
class FollowUpRow:
    person_id: int
    name: str
    key: str
    last_contact: date | None
    cadence_days: int
    due: date
    status: str
    snoozed_until: date | None
    days_overdue: int

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.key,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "cadence_days": self.cadence_days,
            "due": self.due.isoformat(),
            "status": self.status,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
        }


__all__ = ["UnknownPerson"]


def person_id(db: Database, text: str) -> int:
    """A person by profile URL or key (followups act on one known person)."""
    with db.session() as s:
        return _person_id(s, text)


def last_contacts(db: Database) -> dict[int, datetime]:
    """Newest contact with each person (person id -> when), messages to touches."""
    with db.session() as s:
        me = q.owner_id(s)
        if me is None:
            raise NoOwner()
        return q.owner_last_contacts(s, me)


def followups(
    db: Database, *, today: date | None = None, include_all: bool = False
) -> list[FollowUpRow]:
    """People with a cadence whose contact is due (or all of them), most overdue first."""
    with db.session() as s:
        return followups_in(s, today=today, include_all=include_all)


def followups_in(
    s: Session, *, today: date | None = None, include_all: bool = False
) -> list[FollowUpRow]:
    """`followups` in a transaction the caller holds (an export reads all it needs in one)."""
    today = today or date.today()
    me = q.owner_id(s)
    if me is None:
        raise NoOwner()
    settings = u.followup_settings(s)
    group_cad = q.group_cadences(s)
    members = q.group_memberships(s)
    contacts = q.owner_last_contacts(s, me)
    by_person: dict[int, list[int]] = {}
    for gid, pid in members:
        if gid in group_cad:
            by_person.setdefault(pid, []).append(group_cad[gid])
    wanted = (set(settings) | set(by_person)) - {me}
    names = {pid: (name, key) for pid, (key, name) in keys_q.labels_of(s, wanted).items()}
    rows: list[FollowUpRow] = []
    for pid in sorted(wanted):
        own, snoozed = settings.get(pid, (None, None))
        cadence = effective_cadence(own, by_person.get(pid, []))
        if cadence is None or pid not in names:
            continue
        at = contacts.get(pid)
        last = at.date() if at else None
        r = reminder(last, cadence, snoozed, today)
        if include_all or r.status in ("due", "overdue"):
            name, key = names[pid]
            rows.append(
                FollowUpRow(pid, name, key, last, cadence, r.due, r.status, snoozed, r.days_overdue)
            )
    rows.sort(key=lambda r: (STATUS_ORDER[r.status], -r.days_overdue, r.key))
    return rows


# Edits on a session (steps of a use case such as an undoable edit in the app), and each as
# a use case of its own on the database (one write transaction).


def cadence(s: Session, pid: int, days: int | None) -> None:
    if days is not None and days < 0:
        raise NetViewError("a cadence is a number of days, 0 to switch it off")
    u.set_cadence(s, pid, days)


def snooze_until(s: Session, pid: int, until: date | None) -> None:
    u.set_snooze(s, pid, until)


def log_touch(s: Session, pid: int, *, at: datetime | None = None, note: str | None = None) -> int:
    """Log a touch now and re-arm: the next reminder counts from this touch, snooze cleared.

    Returns the touch's id, so the UI can undo it with `unlog_touch`.
    """
    touch = u.add_touch(s, pid, at or datetime.now(), note)
    u.set_snooze(s, pid, None)
    return touch


def unlog_touch(s: Session, pid: int, touch_id: int, snoozed_until: date | None) -> None:
    """Take back a `log_touch`: forget its touch and put the snooze back."""
    u.delete_touch(s, touch_id)
    u.set_snooze(s, pid, snoozed_until)


def set_cadence(db: Database, pid: int, days: int | None) -> None:
    with db.write() as s:
        cadence(s, pid, days)


def snooze(db: Database, pid: int, until: date | None) -> None:
    with db.write() as s:
        snooze_until(s, pid, until)


def mark_done(
    db: Database, pid: int, *, at: datetime | None = None, note: str | None = None
) -> int:
    with db.write() as s:
        return log_touch(s, pid, at=at, note=note)


def undo_done(db: Database, pid: int, touch_id: int, snoozed_until: date | None) -> None:
    with db.write() as s:
        unlog_touch(s, pid, touch_id, snoozed_until)


def settings_of(db: Database, pid: int) -> tuple[int | None, date | None]:
    """(own cadence days, snoozed until) of one person; (None, None) when never set."""
    with db.session() as s:
        return setting_in(s, pid)


def setting_in(s: Session, pid: int) -> tuple[int | None, date | None]:
    """`settings_of` in the caller's transaction (an edit reads what its undo restores)."""
    return u.followup_setting(s, pid)


def suggestions(db: Database, ln: LoadedNetwork) -> list[tuple[int, int, float]]:
    """(person index, suggested cadence days, strength) for strong and moderate ties of
    yours without a cadence yet, strongest first: follow-ups are off until the user agrees.
    """
    net, w = ln.net, ln.weights
    with db.session() as s:
        have = set(u.followup_settings(s))
    out = []
    for i, k in zip(
        net.adjacency.neighbours(net.owner).tolist(),
        net.adjacency.edges_of(net.owner).tolist(),
        strict=True,
    ):
        if int(net.ids[i]) in have:
            continue
        days = suggested_cadence(float(net.strength[k]), w.strong, w.moderate)
        if days is not None:
            out.append((i, days, float(net.strength[k])))
    out.sort(key=lambda t: (-t[2], net.keys[t[0]]))
    return out


@dataclass(frozen=True)
class QuietTie:
    index: int  # person index in the network
    peak_strength: float  # the tie's strength on the day of last contact
    last_contact: date | None
    suggested_cadence: int | None


def losing_touch(
    ln: LoadedNetwork, *, quiet_days: int = LOSING_QUIET_DAYS, only: set[int] | None = None
) -> list[QuietTie]:
    """Strong ties going quiet: strong when you were last in touch, silent for `quiet_days`,
    and not yet weak today.

    Strong is judged as of the last contact (recency decay would otherwise hide exactly the
    ties this list is for); a tie that has already faded to weak (what Details shows) is
    lost rather than being lost, and is not listed as if it were still strong.
    """
    net, w = ln.net, ln.weights
    out: list[QuietTie] = []
    ties: Iterable[int] = ln.evidence
    if only is not None:  # a few people: their ties with you, not every tie with evidence
        found = (net.tie_index(i, net.owner) for i in only)
        ties = [k for k in found if k is not None and k in ln.evidence]
    for k in ties:
        a, b = int(net.tie_a[k]), int(net.tie_b[k])
        if net.owner not in (a, b):
            continue
        other = b if a == net.owner else a
        if only is not None and other not in only:
            continue
        at = ln.last_with_owner.get(other)
        if at is None or (ln.today - at.date()).days < quiet_days:
            continue
        parts = components(
            ln.evidence.get(k), ln.connected_on(k), ln.same_company(a, b), at.date(), "", "", w
        )
        peak = combine([c.value for c in parts])
        if peak >= w.strong and net.tie_strength(net.owner, other) >= w.moderate:
            out.append(
                QuietTie(other, peak, at.date(), suggested_cadence(peak, w.strong, w.moderate))
            )
    out.sort(key=lambda t: (-t.peak_strength, net.keys[t.index]))
    return out


# --- the overview the panel and `netview followups` both show ----------------------------

SECTIONS = ("overdue", "due", "intros", "moved", "snoozed", "losing", "suggested")
SECTION_TITLES = {
    "overdue": "Overdue",
    "due": "Due",
    "intros": "Introductions waiting",
    "moved": "Moved on",
    "snoozed": "Snoozed",
    "losing": "Losing touch",
    "suggested": "Suggested",
}


@dataclass(frozen=True)
class Entry:
    """One person in one section of the overview."""

    section: str  # one of SECTIONS
    person_id: int
    key: str
    name: str
    last_contact: date | None
    cadence_days: int | None  # the cadence in force (own or a group's); None: none set
    suggested_days: int | None  # losing and suggested: the cadence NetView proposes
    due: date | None
    snoozed_until: date | None
    strength: float | None  # of your tie today, as Details shows it
    # moved: what changed and a draft congratulation; intros: the request waiting an answer
    detail: str | None = None
    note: str | None = None
    request_id: int | None = None

    def every_text(self) -> str:
        """The cadence column: a set cadence plainly, a proposal as a proposal."""
        if self.cadence_days:
            return f"every {self.cadence_days} d"
        if self.suggested_days:
            return f"Suggested: every {self.suggested_days} d"
        return ""

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            # `status` is what `netview followups --json` printed before sections existed
            # (overdue, due, snoozed): kept so scripts written against it still work.
            "status": self.section if self.section in ("overdue", "due", "snoozed") else None,
            "name": self.name,
            "key": self.key,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "cadence_days": self.cadence_days,
            "suggested_cadence_days": self.suggested_days,
            "due": self.due.isoformat() if self.due else None,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "strength": round(self.strength, 3) if self.strength is not None else None,
        } | {  # moved on and introductions waiting: what, a draft note, the request
            k: v
            for k, v in (
                ("detail", self.detail),
                ("note", self.note),
                ("request_id", self.request_id),
            )
            if v is not None
        }


def overview(
    db: Database, ln: LoadedNetwork, *, intro_wait_days: int = intros.WAIT_DAYS
) -> list[Entry]:
    """Everyone to follow up with, by section in SECTIONS order, each person once (an
    introduction waiting names whom you asked, once per request).

    Reminders (a cadence is set) come first; then introductions you asked for that got no
    answer in `intro_wait_days`; then connections who moved on (a draft congratulation
    each); then strong ties going quiet; then the cadences NetView suggests for your other
    strong and moderate ties, which stay suggestions (no reminder is due) until the user
    accepts one.
    """
    net = ln.net
    out: list[Entry] = []

    def tie(pid: int) -> float | None:
        i = net.index_of_id.get(pid)
        return None if i is None or i == net.owner else net.tie_strength(net.owner, i)

    reminders = followups(db, today=ln.today, include_all=True)
    for r in reminders:
        if r.status in ("overdue", "due", "snoozed"):
            out.append(
                Entry(r.status, r.person_id, r.key, r.name, r.last_contact, r.cadence_days,
                      None, r.due, r.snoozed_until, tie(r.person_id))
            )  # fmt: skip
    with db.session() as s:
        has_setting = set(u.followup_settings(s))
        waiting = intros.waiting(intros.requests(s), ln.today, intro_wait_days)
        moved = moved_on(s, ln)
    for w in waiting:
        at = ln.last_with_owner.get(net.index_of_id.get(w.via_id, -1))
        out.append(
            Entry("intros", w.via_id, w.via_key, w.via_name, at.date() if at else None, None,
                  None, intros.due_on(w, intro_wait_days), None, tie(w.via_id),
                  f"asked {w.asked_on.isoformat()} to introduce you to {w.target_name}: "
                  "no answer yet", w.draft, w.id)
        )  # fmt: skip
    shown = {r.person_id for r in reminders}
    for m in moved:
        if m.person_id in shown:
            continue
        shown.add(m.person_id)
        at = ln.last_with_owner.get(m.index)
        out.append(
            Entry("moved", m.person_id, net.keys[m.index], net.names[m.index],
                  at.date() if at else None, None, None, m.seen, None, tie(m.person_id),
                  m.detail(), m.note)
        )  # fmt: skip
    # Anyone with a cadence or a setting of their own (even "off") has had their say.
    listed = shown | has_setting
    for t in losing_touch(ln):
        pid = int(net.ids[t.index])
        if pid not in listed:
            listed.add(pid)
            out.append(
                Entry("losing", pid, net.keys[t.index], net.names[t.index], t.last_contact,
                      None, t.suggested_cadence, None, None, tie(pid))
            )  # fmt: skip
    for i, days, strength in suggestions(db, ln):
        pid = int(net.ids[i])
        if pid not in listed:
            at = ln.last_with_owner.get(i)
            out.append(
                Entry("suggested", pid, net.keys[i], net.names[i], at.date() if at else None,
                      None, days, None, None, strength)
            )  # fmt: skip
    order = {s: n for n, s in enumerate(SECTIONS)}
    out.sort(key=lambda e: order[e.section])  # stable: each section keeps its own order
    return out


def suggestion_for(db: Database, ln: LoadedNetwork, index: int) -> int | None:
    """The cadence the overview suggests for one person (None: no suggestion), so Details
    can say "Suggested: every 90 d" exactly when Follow-ups lists them as a suggestion."""
    net = ln.net
    if index == net.owner or net.tie_index(net.owner, index) is None:
        return None
    pid = int(net.ids[index])
    # Two lookups of this one person (Details runs this on every selection), not the
    # overview: the same answers as `followups(include_all=True)` gives for them.
    with db.session() as s:
        if u.has_followup_setting(s, pid):
            return None  # a cadence or snooze of their own: not a suggestion
        if effective_cadence(None, u.group_cadences_of(s, pid)) is not None:
            return None  # a group's cadence reminds the user already
    quiet = losing_touch(ln, only={index})
    if quiet:
        return quiet[0].suggested_cadence
    w = ln.weights
    return suggested_cadence(net.tie_strength(net.owner, index), w.strong, w.moderate)
