"""Importing LinkedIn exports into the store: `netview import` and File > Import….

One archive is one transaction: it lands whole or not at all. Every archive given is read
(and so checked) before anything is written. Importing the same archive twice changes
nothing; a newer archive of the same owner adds what is new and never touches user data.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.errors import NetViewError, OwnerUnknown
from netview.core.progress import NoProgress, Progress, check
from netview.core.records import ArchiveContents, FileKind, FileReport
from netview.io.linkedin import read_archive
from netview.services.resolve import Resolver, detect_owner
from netview.store import importing as q
from netview.store import undo
from netview.store.db import Database


@dataclass
class ImportReport:
    archive: str
    status: str  # "imported" or "unchanged" (already imported)
    owner_key: str | None = None
    owner_name: str | None = None
    role: str | None = None  # "you" or "shared" (a colleague's export)
    owner_found_by: str | None = None
    era: str | None = None
    added: dict[str, int] = field(default_factory=dict)
    hidden_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for f in out["files"]:
            f["kind"] = str(f["kind"]) if f["kind"] is not None else None
        return out


class _Scaled:
    """Maps a sub-job's 0..1 progress into a slice of the whole."""

    def __init__(self, outer: Progress, start: float, span: float) -> None:
        self.outer, self.start, self.span = outer, start, span

    def report(self, fraction: float, text: str) -> None:
        self.outer.report(self.start + self.span * max(0.0, min(1.0, fraction)), text)

    def cancelled(self) -> bool:
        return self.outer.cancelled()


def import_paths(
    db: Database,
    paths: Sequence[str | os.PathLike[str]],
    *,
    owner_url: str | None = None,
    progress: Progress | None = None,
) -> list[ImportReport]:
    """Read every path (zip, folder or CSV), then import the archives in order, atomically:
    all of them or, on any error, none.

    `owner_url` names the owner of the archives given (use it with one archive at a time).
    Raises ImportFailure (nothing written) when a file cannot be read, OwnerUnknown when an
    archive's owner cannot be told.
    """
    progress = progress or NoProgress()
    if owner_url is not None and ids.any_key(owner_url) is None:
        raise NetViewError(f"--owner-url {owner_url!r} is not a LinkedIn profile URL")
    from netview.io import interop
    from netview.services.interop import import_file

    n = max(1, len(paths))
    contents: list[ArchiveContents | interop.InteropFile] = []
    for i, path in enumerate(paths):
        # GraphML, GEXF and edge lists from other tools are sources of ties too.
        kind = interop.detect(path)
        if kind is not None:
            contents.append(interop.read_interop(path, kind))
            continue
        contents.append(read_archive(path, _Scaled(progress, 0.6 * i / n, 0.6 / n)))
    reports = []
    # One transaction for the whole command: if any archive cannot be imported (its owner
    # cannot be told, say), none is, and the user re-runs with what was missing.
    with db.session() as session:
        known = _Known.load(session)
        for i, archive in enumerate(contents):
            check(progress)
            progress.report(0.6 + 0.4 * i / n, f"Importing {archive.label}")
            if isinstance(archive, interop.InteropFile):
                reports.append(import_file(session, archive))
                known = _Known.load(session)  # it added people and ties the maps do not hold
                continue
            reports.append(_import_archive(session, archive, owner_url, known))
    progress.report(1.0, "Import finished")
    return reports


# --- one archive ---------------------------------------------------------------------------


def _dedup(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _file(contents: ArchiveContents, kind: FileKind) -> FileReport | None:
    return next((f for f in contents.files if f.kind == kind), None)


@dataclass
class _Draft:
    """What this archive says about one person."""

    key: str
    first: str = ""
    last: str = ""
    name: str = ""
    email: str | None = None
    company: str | None = None
    position: str | None = None
    headline: str | None = None
    location: str | None = None
    is_connection: bool = False
    urn: str | None = None


def _as_of(contents: ArchiveContents) -> date:
    """When the archive was made: its name says, else its newest dated row does."""
    if contents.exported_on:
        return contents.exported_on
    days = [c.connected_on for c in contents.connections if c.connected_on]
    days += [m.sent_at.date() for m in contents.messages if m.sent_at]
    days += [i.sent_at.date() for i in contents.invitations if i.sent_at]
    return max(days, default=date.today())


def _choose_owner(
    session: Session, contents: ArchiveContents, owner_url: str | None, me: int | None
) -> tuple[str, str | None, str]:
    evidence = detect_owner(contents)
    if owner_url:
        key = ids.any_key(owner_url)
        assert key is not None  # checked by import_paths
        return key, evidence.name, "--owner-url"
    if evidence.key:
        return evidence.key, evidence.name, evidence.how
    if evidence.name:
        # Profile.csv's name against the people already known (one match only).
        matches = q.people_by_name_key(session, ids.name_key(evidence.name))
        if len(matches) == 1:
            return matches[0][1], evidence.name, "Profile.csv name"
    if me is None:
        # The first archive of an empty database is yours, whatever it lacks.
        return ids.name_scoped_key("me", evidence.name or "you"), evidence.name, "first archive"
    raise OwnerUnknown(contents.label, evidence.name)


@dataclass
class _Known:
    """What the database already holds, read once per import and kept up to date by it."""

    keys: dict[str, int]
    aliases: dict[str, int]
    ties: dict[tuple[int, int], tuple[int, date | None]]
    dedups: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> _Known:
        return cls(
            q.person_keys(session),
            q.person_aliases(session),
            q.ties_map(session),
            q.interaction_dedups(session),
        )


def _import_archive(
    session: Session,
    contents: ArchiveContents,
    owner_url: str | None,
    known: _Known | None = None,
) -> ImportReport:
    report = ImportReport(contents.label, "unchanged", era=contents.era, files=contents.files)
    report.hidden_rows = sum(f.hidden for f in contents.files)
    if q.source_id_by_hash(session, contents.content_hash) is not None:
        report.warnings.append("already imported: nothing changed")
        return report
    report.status = "imported"
    me = q.me_id(session)
    owner_key, owner_name, how = _choose_owner(session, contents, owner_url, me)
    report.owner_found_by = how

    known = known or _Known.load(session)
    keys, aliases = known.keys, known.aliases
    new_person_id = q.next_id(session, q.person_t.c.id)
    source_id = q.next_id(session, q.source_t.c.id)
    as_of = _as_of(contents)
    now = datetime.now().replace(microsecond=0)

    def lookup(key: str) -> int | None:
        return keys.get(key) or aliases.get(key)

    # Rows this import changes but did not add, as they were: forgetting it restores them.
    before: dict[int, dict[str, Any]] = {}
    added_aliases: list[str] = []
    owner_id = lookup(owner_key)
    owner_nk = ids.name_key(owner_name) if owner_name else ""
    if owner_id is None and me is not None and ids.is_slug_key(owner_key):
        # You were first known without a profile URL (an export from before 2023, or a lone
        # Connections.csv); this archive names an unknown profile with your name, or you had
        # no name yet: it is yours. Anyone else's export names someone already known.
        me_row = q.person_row(session, me)
        if not ids.is_slug_key(me_row["key"]) and me_row["name_key"] in (owner_nk, ""):
            before.update(undo.person_rows(session, [me]))
            added_aliases.append(me_row["key"])
            q.rekey_person(session, me, owner_key, me_row["key"])
            keys[owner_key] = me
            owner_id = me
    new_people: list[dict[str, Any]] = []
    drafts: dict[str, _Draft] = {}
    if owner_id is None:
        owner_id = new_person_id
        new_person_id += 1
        keys[owner_key] = owner_id
        new_people.append({"id": owner_id, "key": owner_key})
    if me is None:
        q.set_me(session, owner_id)
        me = owner_id
    report.role = "you" if owner_id == me else "shared"
    report.owner_key = owner_key
    report.owner_name = owner_name

    owner = drafts.setdefault(owner_key, _Draft(owner_key))
    if contents.profile is not None:
        p = contents.profile
        owner.first, owner.last = p.first_name, p.last_name
        owner.name = ids.clean_name(p.first_name, p.last_name)
        owner.headline, owner.location = p.headline, p.location
    elif owner_name:
        owner.name = owner_name
        owner.first, _, owner.last = owner_name.partition(" ")
    current = [pos for pos in contents.positions if pos.finished_on is None]
    if current:
        owner.company, owner.position = current[0].company, current[0].title

    resolver = Resolver(owner_key, owner_nk, scope=f"p{owner_id}")
    pairs: list[tuple[str, str | None]] = []
    if owner_name:
        pairs.append((owner_name, owner_key if ids.is_slug_key(owner_key) else None))
    for c in contents.connections:
        pairs.append((ids.clean_name(c.first_name, c.last_name), c.url))
    for inv in contents.invitations:
        pairs += [(inv.from_name, inv.inviter_url), (inv.to_name, inv.invitee_url)]
    for m in contents.messages:
        pairs.append((m.from_name, m.sender_url))
        pairs += list(zip(m.to_names, m.recipient_urls, strict=False))
    for e in contents.endorsements:
        pairs.append((ids.clean_name(e.first_name, e.last_name), e.url))
    resolver.learn(pairs)

    mentioned: dict[tuple[str, str | None], str | None] = {}

    def mention(name: str, url: str | None, first: str = "", last: str = "") -> str | None:
        # Messages name the same few people thousands of times: resolve each spelling once.
        seen = mentioned.get((name, url), "")
        if seen != "":
            return seen
        key = mentioned[(name, url)] = _mention(name, url, first, last)
        return key

    def _mention(name: str, url: str | None, first: str, last: str) -> str | None:
        key = resolver.key(name, url)
        if key is None:
            return None
        d = drafts.get(key)
        if d is None:
            d = drafts[key] = _Draft(key)
        if not d.name and name:
            d.name = name
            d.first, d.last = first, last
            if not first and not last:
                d.first, _, d.last = name.partition(" ")
        raw = ids.alias_key(url)
        if raw and raw != key:
            d.urn = raw
        return key

    # Connections: ties to the owner. Two URL-less rows with one name are two people.
    connection_keys: list[tuple[str, date | None]] = []
    seen_scoped: dict[str, int] = {}
    conn_file = _file(contents, FileKind.CONNECTIONS)
    for c in contents.connections:
        name = ids.clean_name(c.first_name, c.last_name)
        key = mention(name, c.url, c.first_name.strip(), c.last_name.strip())
        if key is None or key == owner_key:
            if conn_file:
                conn_file.skip(c.line, "names the archive's owner" if key else "no name or URL")
                conn_file.rows_imported -= 1
            continue
        if not ids.is_slug_key(key) and key.startswith(ids.NAME_PREFIX):
            n = seen_scoped.get(key, 0) + 1
            seen_scoped[key] = n
            if n > 1:
                key = ids.name_scoped_key(resolver.scope, f"{name} #{n}")
                drafts[key] = _Draft(key, c.first_name.strip(), c.last_name.strip(), name)
                report.warnings.append(
                    f"line {c.line}: two connections named {name!r} without URLs; kept apart"
                )
        d = drafts[key]
        d.is_connection = True
        d.first, d.last = c.first_name.strip() or d.first, c.last_name.strip() or d.last
        d.name = name or d.name
        d.company, d.position = c.company, c.position
        if c.email:
            if ids.alias_key(c.email):
                d.urn = ids.alias_key(c.email)
            elif "@" in c.email:
                d.email = c.email
        connection_keys.append((key, c.connected_on))

    # Interactions, resolved to keys now and to ids once every person has one.
    events: list[
        tuple[str, str, tuple[str, ...], datetime | None, str | None, str | None, str | None]
    ] = []
    shared = report.role == "shared"
    msg_file = _file(contents, FileKind.MESSAGES)
    for m in contents.messages:
        actor = mention(m.from_name, m.sender_url)
        if m.recipient_urls:
            targets = [mention(n, u) for n, u in zip(m.to_names, m.recipient_urls, strict=False)]
        else:
            targets = [mention(n, None) for n in m.to_names]
        if m.outgoing is True and actor is None:
            actor = owner_key
        elif m.outgoing is False and not any(targets):
            targets = [owner_key]
        tkeys = tuple(sorted({t for t in targets if t and t != actor}))
        if actor is None or not tkeys:
            if msg_file:
                msg_file.skip(m.line, "cannot tell who sent or received it")
                msg_file.rows_imported -= 1
            continue
        # A colleague's private conversations are evidence of who they talk to, not reading
        # matter: from shared exports only the fact, date and direction of a message are kept.
        body = None if shared else m.content
        events.append(("message", actor, tkeys, m.sent_at, m.subject, body, _dedup(m.content)))
    for inv in contents.invitations:
        inviter = mention(inv.from_name, inv.inviter_url)
        invitee = mention(inv.to_name, inv.invitee_url)
        if inv.outgoing:
            inviter = owner_key
        else:
            invitee = owner_key
        if inviter and invitee and inviter != invitee:
            events.append(("invitation", inviter, (invitee,), inv.sent_at, None, inv.message, None))
    for e in contents.endorsements:
        other = mention(ids.clean_name(e.first_name, e.last_name), e.url, e.first_name, e.last_name)
        if other and other != owner_key:
            actor, target = (other, owner_key) if e.received else (owner_key, other)
            events.append(("endorsement", actor, (target,), e.endorsed_at, e.skill, None, None))
    for r in contents.recommendations:
        name = ids.clean_name(r.first_name, r.last_name)
        other = mention(name, None, r.first_name, r.last_name)
        if other and other != owner_key:
            d = drafts[other]
            d.company = d.company or r.company
            d.position = d.position or r.job_title
            actor, target = (other, owner_key) if r.received else (owner_key, other)
            events.append(("recommendation", actor, (target,), r.created_at, None, r.text, None))

    # People: existing ones by key or alias; a slug first seen now may be someone this owner's
    # older, URL-less export knew by name only: that person gets the slug.
    updates: list[dict[str, Any]] = []
    new_aliases: list[dict[str, Any]] = []
    person_of: dict[str, int] = {}
    existing_ids = []
    for key, d in drafts.items():
        pid = lookup(key)
        if pid is None and ids.is_slug_key(key) and d.name:
            scoped = ids.name_scoped_key(resolver.scope, d.name)
            old = keys.get(scoped)
            if old is not None and old not in person_of.values():
                before.update(undo.person_rows(session, [old]))
                added_aliases.append(scoped)
                q.rekey_person(session, old, key, scoped)
                keys[key] = old
                pid = old
        if pid is None and d.urn and lookup(d.urn) is not None:
            pid = lookup(d.urn)
        if pid is None:
            pid = new_person_id
            new_person_id += 1
            keys[key] = pid
            new_people.append({"id": pid, "key": key})
        else:
            existing_ids.append(pid)
        person_of[key] = pid
        if d.urn and lookup(d.urn) is None:
            aliases[d.urn] = pid
            new_aliases.append({"alias": d.urn, "person_id": pid})

    facts = q.person_facts(session, existing_ids)
    new_ids = {row["id"] for row in new_people}
    inserts = []
    for key, d in drafts.items():
        pid = person_of[key]
        values: dict[str, Any] = {
            "first_name": d.first,
            "last_name": d.last,
            "name": d.name,
            "name_key": ids.name_key(d.name),
            "url": ids.profile_url(key),
            "email": d.email,
            "company": d.company,
            "position": d.position,
            "headline": d.headline,
            "location": d.location,
        }
        has_info = d.is_connection or key == owner_key
        if pid in new_ids:
            values.update(
                id=pid,
                key=key,
                private=False,
                created_at=now,
                info_as_of=as_of if has_info else None,
            )
            inserts.append(values)
            continue
        known_as_of, known_name = facts.get(pid, (None, ""))
        # Only a strictly newer export updates what is known (equal dates: nothing new).
        newer = has_info and (known_as_of is None or as_of > known_as_of)
        if newer:
            values.update(_id=pid, info_as_of=as_of)
            if not d.name:  # a newer export naming nobody keeps the known name
                for k in ("first_name", "last_name", "name", "name_key"):
                    values.pop(k)
            updates.append(values)
        elif not known_name and d.name:
            updates.append(
                {
                    "_id": pid,
                    "first_name": d.first,
                    "last_name": d.last,
                    "name": d.name,
                    "name_key": ids.name_key(d.name),
                }
            )
    q.insert_rows(session, q.person_t, inserts)
    changed = {u["_id"] for u in updates} - set(before)
    before.update(undo.person_rows(session, changed))
    added_aliases += [a["alias"] for a in new_aliases if a["person_id"] not in new_ids]
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for u in updates:
        if u.get("url") is None:
            u.pop("url", None)
        by_columns.setdefault(tuple(sorted(u)), []).append(u)
    for rows in by_columns.values():
        q.update_people(session, rows)
    q.insert_ignore(session, q.alias_t, new_aliases)

    # The source itself, then everything it attests.
    q.insert_rows(
        session,
        q.source_t,
        [
            {
                "id": source_id,
                "kind": "linkedin",
                "label": contents.label,
                "content_hash": contents.content_hash,
                "owner_id": owner_id,
                "era": contents.era,
                "exported_on": contents.exported_on,
                "imported_at": now,
                "report": None,
            }
        ],
    )
    undo.save(session, source_id, before, added_aliases)
    q.insert_ignore(
        session,
        q.psource_t,
        [{"person_id": pid, "source_id": source_id} for pid in set(person_of.values())],
    )

    ties = known.ties
    tie_id = q.next_id(session, q.tie_t.c.id)
    new_ties: list[dict[str, Any]] = []
    tie_links: list[dict[str, Any]] = []
    tie_dates: list[dict[str, Any]] = []
    added_ties = 0
    for key, connected_on in connection_keys:
        pid = person_of[key]
        a, b = min(owner_id, pid), max(owner_id, pid)
        existing = ties.get((a, b))
        if existing is None:
            ties[(a, b)] = (tie_id, connected_on)
            new_ties.append({"id": tie_id, "a_id": a, "b_id": b, "connected_on": connected_on})
            tie_links.append(
                {"tie_id": tie_id, "source_id": source_id, "connected_on": connected_on}
            )
            tie_id += 1
            added_ties += 1
        else:
            tid, first_known = existing
            tie_links.append({"tie_id": tid, "source_id": source_id, "connected_on": connected_on})
            if connected_on and (first_known is None or connected_on < first_known):
                ties[(a, b)] = (tid, connected_on)
                tie_dates.append({"_id": tid, "connected_on": connected_on})
    q.insert_rows(session, q.tie_t, new_ties)
    q.insert_ignore(session, q.tie_source_t, tie_links)
    q.update_tie_dates(session, tie_dates)

    dedups = known.dedups
    interaction_id = q.next_id(session, q.interaction_t.c.id)
    new_events: list[dict[str, Any]] = []
    target_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    added_events: dict[str, int] = {}
    for kind, actor, tkeys, at, subject, body, content_hash in events:
        actor_id = person_of[actor]
        target_ids = sorted({person_of[t] for t in tkeys})
        stamp = at.isoformat() if at else ""
        dedup = _dedup(
            kind,
            actor_id,
            ",".join(map(str, target_ids)),
            stamp,
            subject,
            content_hash if content_hash is not None else body,
        )
        iid = dedups.get(dedup)
        if iid is None:
            iid = dedups[dedup] = interaction_id
            interaction_id += 1
            new_events.append(
                {
                    "id": iid,
                    "kind": kind,
                    "occurred_at": at,
                    "actor_id": actor_id,
                    "conversation_id": None,
                    "subject": subject,
                    "body": body,
                    "dedup": dedup,
                }
            )
            target_rows += [{"interaction_id": iid, "person_id": t} for t in target_ids]
            added_events[kind] = added_events.get(kind, 0) + 1
        links.append({"interaction_id": iid, "source_id": source_id})
    q.insert_rows(session, q.interaction_t, new_events)
    q.insert_ignore(session, q.target_t, target_rows)
    q.insert_ignore(session, q.isource_t, links)

    known_positions = q.existing_positions(session, owner_id)
    position_rows = []
    pos_id = q.next_id(session, q.position_t.c.id)
    for pos in contents.positions:
        sig = (pos.company, pos.title, pos.started_on)
        if sig in known_positions:
            continue
        known_positions.add(sig)
        position_rows.append(
            {
                "id": pos_id,
                "person_id": owner_id,
                "source_id": source_id,
                "company": pos.company,
                "title": pos.title,
                "location": pos.location,
                "started_on": pos.started_on,
                "finished_on": pos.finished_on,
            }
        )
        pos_id += 1
    q.insert_rows(session, q.position_t, position_rows)

    report.added = {"people": len(inserts), "ties": added_ties, **added_events}
    q.set_source_report(session, source_id, json.dumps(report.to_dict(), default=str))
    return report
