"""What a newer archive changed: called by the importer once an archive is merged.

The merge itself neither knows nor cares which archive of a person is the newest: it adds
what each archive attests. This step, run in the same transaction right after it, records
when the archive was made and how many connections it lists (so the newest archive of a
person decides who they are connected to now: store/history.py), and, when the archive is
newer than the one before it of the same person, what changed: connections new and gone,
and people whose company or title moved. A newer archive that looks older than the one it
replaces (it lacks connections made after its own newest one) is refused unless the user
says it supersedes: the transaction rolls back, nothing is written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.records import ArchiveContents
from netview.services.importing.import_report import ImportReport
from netview.services.introductions import asked as intros
from netview.store import history as h
from netview.store import importing as q
from netview.store import undo
from netview.store.keys import labels_of

SUPERSEDE_OPTION = "--supersede"


class ArchiveLooksOlder(NetViewError):
    """A newer-dated archive lacks connections made after its own newest one: it may be an
    older archive renamed, and it would end those ties. The user decides."""

    def __init__(self, label: str, previous: str, missing: int, example: str) -> None:
        self.label, self.previous = label, previous
        super().__init__(
            f"{label}: looks older than {previous}, imported before (it lacks {missing} "
            f"connection{'s' if missing != 1 else ''} made after its newest one, e.g. "
            f"{example}); to let it replace that archive's connections, import it again "
            f"with {SUPERSEDE_OPTION}"
        )


_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two companies or titles say the same thing, however cased, spaced or
    punctuated ("Blue Sun, Inc." and "blue sun inc")."""

    if (a or "") == (b or ""):  # most companies and titles did not change at all
        return True
    return _bare(a or "") == _bare(b or "")


@lru_cache(maxsize=4096)
def _bare(s: str) -> str:
    # Accents and casing rules differ between spellings (Yılmaz, YILMAZ): compare the
    # letters without their marks, upper-cased then case-folded.
    decomposed = unicodedata.normalize("NFKD", s)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKC", bare.upper().casefold())
    return " ".join(_PUNCT.sub(" ", folded).split())


@dataclass
class Found:
    new: list[int]
    gone: list[int]
    moved: list[dict[str, Any]]


def after_import(
    session: Session, contents: ArchiveContents, report: ImportReport, *, supersede: bool = False
) -> None:
    """Record the archive's date and what it changed; raise ArchiveLooksOlder (the caller's
    transaction then rolls back) when it would supersede an archive it looks older than."""
    source_id = q.source_id_by_hash(session, contents.content_hash)
    if source_id is None:
        return
    owner = h.source_owner(session, source_id)
    as_of = contents.as_of()
    count = len(contents.connections)
    previous = newest_snapshot_before(session, owner, source_id)
    h.save_snapshot(session, source_id, as_of, count)
    # Two archives of one day: the one imported later is the newer, as store/history.py
    # decides which archive speaks for its owner now.
    newer = previous is None or as_of >= previous.as_of
    if previous is not None and count and not newer:
        report.warnings.append(
            f"older than {previous.label} ({previous.as_of.isoformat()}): its connections are "
            "kept as history, nothing current changed"
        )
        return
    found = Found([], [], [])
    read: list[dict[int, date | None]] = []

    def listed() -> dict[int, date | None]:
        # Read when needed: a first archive of a million connections has no use for them.
        if not read:
            read.append(h.listed(session, source_id, owner) if owner is not None else {})
        return read[0]

    if previous is not None and count and owner is not None:
        found.new, found.gone = _new_and_gone(
            session, contents, previous, as_of, listed(), owner, supersede
        )
    if newer:
        found.moved = _moved(session, source_id, as_of, listed)
    rows = [_row(source_id, "new", p, as_of) for p in found.new]
    rows += [_row(source_id, "gone", p, as_of) for p in found.gone]
    rows += [{"source_id": source_id, "seen": as_of, "kind": "moved", **m} for m in found.moved]
    h.save_changes(session, rows)
    if previous is not None and count:
        report.changes = {"new": len(found.new), "gone": len(found.gone), "moved": len(found.moved)}
    elif found.moved:
        report.changes = {"moved": len(found.moved)}
    if report.changes:
        q.set_source_report(session, source_id, json.dumps(report.to_dict(), default=str))


def newest_snapshot_before(
    session: Session, owner: int | None, source_id: int
) -> h.Snapshot | None:
    if owner is None:
        return None
    return h.newest_snapshot(session, owner, before=source_id)


def _row(source_id: int, kind: str, person_id: int, seen: date) -> dict[str, Any]:
    return {"source_id": source_id, "person_id": person_id, "kind": kind, "seen": seen}


def _new_and_gone(
    session: Session,
    contents: ArchiveContents,
    previous: h.Snapshot,
    as_of: date,
    now: dict[int, date | None],
    owner: int,
    supersede: bool,
) -> tuple[list[int], list[int]]:
    was = h.listed(session, previous.source_id, owner)
    gone = sorted(set(was) - set(now))
    newest = max((d for d in now.values() if d), default=None)
    if newest is not None and not supersede:
        # A genuinely newer archive holds every connection made before it was exported
        # (unless removed since): missing ones made after its own newest are a sign of an
        # older archive under a newer name.
        late = sorted((d, p) for p in gone if (d := was[p]) is not None and d > newest)
        if late:
            day, pid = late[-1]
            name = labels_of(session, [pid]).get(pid, ("", ""))[1] or "someone"
            raise ArchiveLooksOlder(
                contents.shown or contents.label,
                previous.label,
                len(late),
                f"{name} on {day.isoformat()}",
            )
    still = _still_current(session, owner, gone, as_of)
    return sorted(set(now) - set(was)), [p for p in gone if p not in still]


def _still_current(session: Session, owner: int, people: list[int], as_of: date) -> set[int]:
    """Of `people` no longer listed, those whose tie with `owner` stays current: another
    source attests it as of this archive's day or later, or it is a tie of yours and this is
    a colleague's archive (which never ends yours). The rule of store/history.py, for these
    ties only."""
    if not people:
        return set()
    me = q.me_id(session)
    ties = h.ties_of(session, owner)
    wanted = sorted(ties[p] for p in people if p in ties)
    attested = h.attested_since(session, wanted, as_of)
    return {p for p in people if p in ties and (ties[p] in attested or (p == me and owner != me))}


def _job_as_of(row: dict[str, Any]) -> str:
    """The date of the export the person's company and title came from ('' if unknown)."""
    try:
        rank = json.loads(row.get("info_rank") or "{}").get("job", "")
    except ValueError:
        return ""
    parts = str(rank).split("|")
    return parts[1] if len(parts) > 1 else ""


def _moved(
    session: Session,
    source_id: int,
    as_of: date,
    listed: Callable[[], dict[int, date | None]],
) -> list[dict[str, Any]]:
    """People this archive lists as its owner's connections (`listed()`) whose company or
    title it changed from what an older export said (a mere re-spelling is no move)."""
    before, _aliases = undo.load(session, source_id)
    if not before:
        return []
    connections = listed()
    if not connections:
        return []
    wanted = sorted(p for p in before if p in connections)
    if not wanted:
        return []
    now = h.roles_of(session, wanted)
    out = []
    for pid in wanted:
        row = before[pid]
        old_company, old_position = row.get("company"), row.get("position")
        if not old_company and not old_position:
            continue  # nothing known before: a first fact, not a move
        seen_before = _job_as_of(row)
        if seen_before and seen_before >= as_of.isoformat():
            continue
        company, position = now.get(pid, (old_company, old_position))
        if same_text(old_company, company) and same_text(old_position, position):
            continue
        out.append(
            {
                "person_id": pid,
                "company_old": old_company,
                "company_new": company,
                "position_old": old_position,
                "position_new": position,
            }
        )
    return out


# --- what changed, for `netview changes`, File > What's New and Follow-ups -----------------


def changes_of(session: Session, since: date | None = None) -> dict[str, Any]:
    """{new, gone, moved, companies}: what newer archives changed, newest first.

    `companies` is, across your and your colleagues' archives, who joined and who left each
    company (a move counts for both ends), busiest first.
    """
    found = h.changes(session, since)
    out: dict[str, Any] = {"new": [], "gone": [], "moved": [], "companies": []}
    joined: dict[str, list[str]] = {}
    left: dict[str, list[str]] = {}
    for c in found:
        entry: dict[str, Any] = {"key": c.key, "name": c.name}
        if c.kind == "moved":
            entry["company"] = list(c.company)
            entry["position"] = list(c.position)
            entry["seen"] = c.seen.isoformat()
            if not same_text(*c.company):
                if c.company[1]:
                    joined.setdefault(c.company[1], []).append(c.key)
                if c.company[0]:
                    left.setdefault(c.company[0], []).append(c.key)
        else:
            entry["seen"] = c.seen.isoformat()
        entry["of"] = c.owner_key
        out[c.kind].append(entry)
    names = sorted(
        set(joined) | set(left), key=lambda n: (-len(joined.get(n, [])) - len(left.get(n, [])), n)
    )
    out["companies"] = [
        {"company": n, "joined": joined.get(n, []), "left": left.get(n, [])} for n in names
    ]
    return out


# --- one person's history, for Details ------------------------------------------------------


def person_history(session: Session, person_id: int) -> list[str]:
    """Lines for Details: your past connection with them ("Connected 2019–2026"), their moves,
    and the introductions you asked for to or through them."""
    lines = []
    for t in h.past_ties(session, person_id):
        start = str(t.connected_on.year) if t.connected_on else "?"
        end = (t.last_seen or t.gone_by).year
        span = start if start == str(end) else f"{start}–{end}"
        lines.append(f"Connected {span}: no longer in your archive of {t.gone_by.isoformat()}")
    for c in h.changes(session):
        if c.person_id != person_id or c.kind != "moved":
            continue
        was = " at ".join(x for x in (c.position[0], c.company[0]) if x) or "?"
        now = " at ".join(x for x in (c.position[1], c.company[1]) if x) or "?"
        lines.append(f"Moved: {was} → {now} (seen {c.seen.isoformat()})")
    for r in intros.requests(session, person_id):
        if r.target_id == person_id:
            what = f"You asked {r.via_name} to introduce you"
        else:
            what = f"You asked them to introduce you to {r.target_name}"
        lines.append(
            f"{what}: {r.state} since {r.state_on.isoformat()} (asked {r.asked_on.isoformat()})"
        )
    return lines
