"""Merge and split by hand, for what no import rule can know; and the likely duplicates.

`netview merge KEY KEY`, `netview split KEY`, `netview duplicates`, and Edit > Find
Duplicates… in the app. A merge keeps every tie, interaction, note, tag and group of both
people; the merged person's key becomes an alias of the kept one, so a re-import finds the
one person. A split puts everything back and is remembered as a decision ("apart"), so the
duplicate finder never proposes the pair again. Each is one transaction.

On a team database members merge and split too: the server's functions move every row on
the two people, shared and every member's private ones, and record the decision
(netview.store.team); a member may write neither.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.errors import NetViewError
from netview.services.identity.matcher import words_key
from netview.services.identity.people import find_person, key_candidates
from netview.store import merging
from netview.store.db import Database
from netview.store.importing import me_id
from netview.store.models import Person
from netview.store.people import contact_rows


@dataclass(frozen=True)
class Merged:
    kept: str  # the key the one person has now
    merged: str  # the other key, now an alias of them
    name: str


def _person(session: Session, key: str) -> Person:
    pid = find_person(session, key)
    person = session.get(Person, pid) if pid is not None else None
    if person is None:
        raise NetViewError(f"{key!r}: nobody has that key")
    return person


def _key_rank(key: str) -> int:
    # A contact's key kept would take a LinkedIn person out of every shared file.
    if ids.is_slug_key(key):
        return 2
    return 0 if key.startswith(ids.CONTACT_PREFIX) else 1


def merge(session: Session, key_a: str, key_b: str) -> Merged:
    """Make two people one. Kept: you if either is you, else the one with a profile key,
    else one LinkedIn knows (not a contact kept from your own mailbox), else the first
    given."""
    a, b = _person(session, key_a), _person(session, key_b)
    if a.id == b.id:
        raise NetViewError(f"{key_a!r} and {key_b!r} are already one person")
    me = me_id(session)
    if b.id == me or (a.id != me and _key_rank(a.key) < _key_rank(b.key)):
        a, b = b, a
    keep_key, gone_key = a.key, b.key
    merging.merge(session, int(a.id), int(b.id))  # records the decision
    session.flush()
    kept = session.get(Person, int(a.id))
    assert kept is not None
    session.refresh(kept)
    return Merged(kept.key, gone_key if kept.key != gone_key else keep_key, kept.name or "")


def merge_people(db: Database, key_a: str, key_b: str) -> Merged:
    with db.write() as session:
        return merge(session, key_a, key_b)


def split(session: Session, key: str, *, remember: bool = True) -> Merged:
    """Undo the newest merge that took `key` away (or, given the kept key, into it).

    `remember`: record that the two are different people (a user's split); False when
    the split only undoes a merge (Undo), which leaves no trace.
    """
    # The former key as typed, or its normal form: the same reading as every person lookup.
    found = (merging.latest_merge(session, k) for k in key_candidates(key))
    decision = next((d for d in found if d is not None), None)
    if decision is None or decision.detail is None:
        raise NetViewError(f"{key!r} is not a merge: nothing to split")
    detail = json.loads(decision.detail)
    kept_id = int(detail["a_id"])
    if session.get(Person, kept_id) is None:
        raise NetViewError(f"{key!r}: the merged person no longer exists; nothing to split")
    a_key, b_key = str(detail["a_row"]["key"]), str(detail["b_row"]["key"])
    merging.split(session, detail, int(decision.id), remember=remember)
    session.expire_all()  # the decision is gone (or turned "apart"), by the server or here
    return Merged(a_key, b_key, str(detail["b_row"].get("name") or ""))


def split_person(db: Database, key: str, *, remember: bool = True) -> Merged:
    with db.write() as session:
        return split(session, key, remember=remember)


def unmerge_in(session: Session, merged: Merged) -> None:
    """Undo of `merge`: the split that leaves no decision behind."""
    split(session, merged.merged, remember=False)


def unmerge(db: Database, merged: Merged) -> None:
    with db.write() as session:
        unmerge_in(session, merged)


# --- likely duplicates ------------------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    a: str
    b: str
    why: str

    def to_dict(self) -> dict[str, str]:
        return {"a": self.a, "b": self.b, "why": self.why}


@dataclass(frozen=True)
class Side:
    """One person of a pair, as the Find Duplicates dialog shows them side by side."""

    key: str
    name: str
    company: str
    position: str
    email: str
    known_as: str  # "profile", "URN only", "name only (older export)"


def find_duplicates(db: Database) -> list[Duplicate]:
    """Pairs that may be one person, with the evidence, minus pairs the user split.

    Same name and same company or e-mail; a person known only by URN or by name whose
    name is that of one person with a profile; the same e-mail on two people.
    """
    with db.session() as session:
        rows = contact_rows(session)
        apart = merging.apart_pairs(session)
    by_name: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    by_email: dict[str, list[str]] = defaultdict(list)
    for key, name, company, email in rows:
        wk = words_key(name or "")
        if wk:
            by_name[wk].append((key, name or "", (company or "").casefold().strip(), email or ""))
        if email and "@" in email:
            by_email[email.strip().casefold()].append(key)
    found: dict[frozenset[str], Duplicate] = {}

    def add(a: str, b: str, why: str) -> None:
        pair = frozenset((a, b))
        if a != b and pair not in apart and pair not in found:
            first, second = sorted((a, b), key=lambda k: (not ids.is_slug_key(k), k))
            found[pair] = Duplicate(first, second, why)

    for group in by_name.values():
        if len(group) < 2:
            continue
        with_profile = [g for g in group if ids.is_slug_key(g[0])]
        for i, (ka, na, ca, ea) in enumerate(group):
            for kb, _nb, cb, eb in group[i + 1 :]:
                if ca and ca == cb:
                    add(ka, kb, f"same name ({na}) and company")
                elif ea and ea.casefold() == eb.casefold():
                    add(ka, kb, f"same name ({na}) and e-mail")
        if len(with_profile) == 1:
            slug = with_profile[0][0]
            for key, name, _c, _e in group:
                if key.startswith(ids.URN_PREFIX) or key.startswith(ids.PUB_PREFIX):
                    add(slug, key, f"known only by a URN; same name ({name}) as one profile")
                elif key.startswith(ids.NAME_PREFIX):
                    add(slug, key, f"known by name only (an older export); same name ({name})")
    for email, keys in by_email.items():
        for i, ka in enumerate(keys):
            for kb in keys[i + 1 :]:
                add(ka, kb, f"same e-mail ({email})")
    return sorted(found.values(), key=lambda d: (d.a, d.b))


def side(db: Database, key: str) -> Side:
    with db.session() as session:
        p = _person(session, key)
        if ids.is_slug_key(p.key):
            known = "profile"
        elif p.key.startswith(ids.NAME_PREFIX):
            known = "name only (older export)"
        else:
            known = "URN only"
        return Side(p.key, p.name or "", p.company or "", p.position or "", p.email or "", known)
