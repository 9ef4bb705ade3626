"""Merging one LinkedIn archive into the database: people, ties, interactions, positions.

The steps, in order (docs/identity.md has the rules):
1. whose archive it is (`_choose_owner`), and the owner's person id;
2. who everyone else is (`Resolver` inside the archive, then the database's keys and aliases);
3. people inserted or updated, the source recorded with what it attests (ties, interactions,
   positions), each with client-side ids and one executemany per table.
Nothing here commits: the caller's transaction makes an import all or nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.dedup import dedup
from netview.core.errors import OwnerUnknown
from netview.core.pause_gc import paused_gc
from netview.core.records import ArchiveContents, Connection, FileKind, FileReport, Message
from netview.io.spool import Spool
from netview.services.identity.matcher import same_name
from netview.services.importing.resolve import AMBIGUOUS, Resolver, detect_owner, owner_side_keys
from netview.store import import_scratch, pending, undo
from netview.store import importing as q
from netview.store import people as people_q

if TYPE_CHECKING:
    from netview.services.importing.import_report import ImportReport


@dataclass
class Known:
    """What the database already holds, read once per import and kept up to date by it."""

    keys: dict[str, int]
    aliases: dict[str, int]
    ties: dict[tuple[int, int], tuple[int, date | None]]
    dedups: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> Known:
        return cls(
            q.person_keys(session),
            q.person_aliases(session),
            q.ties_map(session),
            q.interaction_dedups(session),
        )

    def lookup(self, key: str) -> int | None:
        return self.keys.get(key) or self.aliases.get(key)


@dataclass(slots=True)
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


@dataclass(frozen=True, slots=True)
class _Event:
    """An interaction resolved to keys (ids come once every person has one)."""

    kind: str
    actor: str
    targets: tuple[str, ...]
    at: datetime | None
    subject: str | None
    body: str | None
    fingerprint: str | None  # what identifies the content when `body` is not kept
    conversation_id: str | None = None


# What `_mentioned` holds for a spelling not resolved yet (None is an answer: nobody).
_UNSEEN = "?unseen"


def _file(contents: ArchiveContents, kind: FileKind) -> FileReport | None:
    return next((f for f in contents.files if f.kind == kind), None)


def _choose_owner(
    session: Session,
    contents: ArchiveContents,
    owner_url: str | None,
    me: int | None,
    known: Known,
) -> tuple[str, str | None, str]:
    """(key, name, how found) of the archive's owner; OwnerUnknown rather than a guess."""
    evidence = detect_owner(contents)
    if owner_url:
        key = ids.any_key(owner_url)
        assert key is not None  # checked by import_paths
        return key, evidence.name, "--owner-url"
    if evidence.key and (ids.is_slug_key(evidence.key) or me is None or known.lookup(evidence.key)):
        return evidence.key, evidence.name, evidence.how
    if evidence.name and me is not None:
        # Only a URN, or no key at all (a 2023 colleague export without messages): the
        # person already known by Profile.csv's name, when exactly one is. Creating the
        # URN as a new person would hang their ties off a duplicate.
        people = people_q.people_brief(session)
        matches = [k for k, n, _c in people if same_name(n, evidence.name)]
        if len(matches) > 1:
            # A member exporting in 2023 has a profile: people known by name only (from
            # exports before 2023) are at best duplicates of the one who has one.
            matches = [k for k in matches if ids.is_slug_key(k)]
        if len(matches) == 1:
            how = f"Profile.csv name and {evidence.how}" if evidence.key else "Profile.csv name"
            return matches[0], evidence.name, how
    if me is None:
        # The first archive of an empty database is yours, whatever it lacks.
        return ids.name_scoped_key("me", evidence.name or "you"), evidence.name, "first archive"
    raise OwnerUnknown(contents.shown or contents.label, evidence.name)


# Facts of a person that travel together, each ranked on its own (see ArchiveMerge._rank):
# a person's own export without Positions.csv must not wipe the company others give.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name", "name", "name_key"),
    "email": ("email",),
    "job": ("company", "position"),
    "headline": ("headline",),
    "location": ("location",),
}


def _fields_won(
    values: dict[str, Any], rank: str, known: dict[str, str]
) -> tuple[list[str], dict[str, str]]:
    """Columns this draft sets (each field it has, ranked above what is known) and the
    field ranks after it: every field comes from the highest-ranked export that has it."""
    changed: list[str] = []
    ranks = dict(known)
    for field_name, cols in FACT_FIELDS.items():
        if not any(values[c] for c in cols):
            continue
        if field_name in known and known[field_name] >= rank:
            continue
        ranks[field_name] = rank
        changed += cols
    return changed, ranks


def _event_dedup(e: _Event, actor: int, target_ids: list[int]) -> str:
    # Person ids, not keys: a person re-keyed later (name -> slug) keeps matching.
    return dedup(
        e.kind,
        actor,
        ",".join(map(str, target_ids)),
        e.at.isoformat() if e.at else "",
        e.subject,
        e.fingerprint if e.fingerprint is not None else e.body,
    )


# Rows written per statement batch: what an import holds of them at once, whatever its size.
CHUNK = 20_000
# From this many connections on, an archive's connections go through a scratch table
# (store/import_scratch.py) instead of Python objects: LinkedIn caps a member at 30,000, so
# only a file no member could export (a hostile one, a tool's) takes that path.
SCRATCH_FROM = 50_000


def _blocks(rows: Sequence[Connection]) -> Iterator[Sequence[Connection]]:
    if isinstance(rows, Spool):
        yield from rows.blocks()
    else:
        for start in range(0, len(rows), CHUNK):
            yield rows[start : start + CHUNK]


def _scratch_row(seq: int, c: Connection) -> dict[str, Any]:
    """One connection as the scratch table holds it, its keys computed once."""
    name = ids.clean_name(c.first_name, c.last_name)
    nk = ids.name_key(name)
    # Each URL and e-mail is met once: keyed without filling the caches with a million.
    key = None
    if c.url:
        profile, alias = ids.fresh_keys(c.url)
        key = profile or alias
    slug = key is not None and ids.is_slug_key(key)
    email_ok = email_urn = None
    if c.email:
        email_urn = ids.fresh_keys(c.email)[1]
        if email_urn is None and "@" in c.email:
            email_ok = c.email
    # Which of the person's fact fields the row fills (FACT_FIELDS: name, email, job).
    facts = (
        (1 if c.first_name or c.last_name or name or nk else 0)
        | (2 if email_ok else 0)
        | (4 if c.company or c.position else 0)
    )
    return {
        "seq": seq,
        "line": c.line,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "name": name,
        "name_key": nk,
        "url": c.url,
        "key": key,
        "email": c.email,
        "email_ok": email_ok,
        "company": c.company,
        "position": c.position,
        "connected_on": c.connected_on,
        "profile_url": ids.fresh_profile_url(key) if key is not None and slug else None,
        "facts": facts,
        # A row with a profile URL of its own and no URN: merged by the scratch table's
        # statements unless another file names the same key (import_scratch.not_simple).
        "simple": 1 if slug and email_urn is None else 0,
    }


def _rank_json(ranks: dict[str, str], texts: dict[tuple[tuple[str, str], ...], str]) -> str:
    # Most people of an archive carry the same field ranks: write each JSON text once.
    items = tuple(sorted(ranks.items()))
    found = texts.get(items)
    if found is None:
        found = texts[items] = json.dumps(ranks, sort_keys=True)
    return found


class _Rows:
    """Rows bound for a few tables, written in the order the tables are given whenever
    CHUNK of them have gathered (still inside the import's one transaction)."""

    def __init__(self, session: Session, *tables: tuple[Table, bool]) -> None:
        self.session = session
        self.tables = tables  # (table, skip rows already there)
        self.rows: list[list[dict[str, Any]]] = [[] for _ in tables]
        self.count = 0

    def add(self, table: int, row: dict[str, Any]) -> None:
        self.rows[table].append(row)
        self.count += 1
        if self.count >= CHUNK:
            self.flush()

    def flush(self) -> None:
        for (table, ignore), rows in zip(self.tables, self.rows, strict=True):
            (q.insert_ignore if ignore else q.insert_rows)(self.session, table, rows)
            rows.clear()
        self.count = 0


@dataclass
class ArchiveMerge:
    """One archive merged into the database inside the caller's transaction."""

    session: Session
    contents: ArchiveContents
    known: Known
    report: ImportReport
    now: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    drafts: dict[str, _Draft] = field(default_factory=dict)
    person_of: dict[str, int] = field(default_factory=dict)
    new_person_ids: set[int] = field(default_factory=set)
    connections: list[tuple[str, date | None]] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    _mentioned: dict[tuple[str, str | None], str | None] = field(default_factory=dict)
    connection_names: list[str] = field(default_factory=list)
    _ranks: list[str] = field(default_factory=list)  # by level (_rank), set by _write_people
    # Rows this import changes but did not add, as they were, and the aliases it gave to
    # people who were already there: forgetting the source puts them back.
    before: dict[int, dict[str, Any]] = field(default_factory=dict)
    added_aliases: list[str] = field(default_factory=list)
    namesakes: int = 0
    pending: list[dict[str, Any]] = field(default_factory=list)  # messages to ambiguous names
    # The scratch table of a very long Connections.csv (None: the rows are in memory). Its
    # people and ties are not added to `known`: `stale` tells the caller to read it anew.
    scratch: Table | None = None
    stale: bool = False
    _rank_texts: dict[tuple[tuple[str, str], ...], str] = field(default_factory=dict)

    def run(self, owner_url: str | None) -> None:
        with paused_gc():
            self._run(owner_url)

    def _run(self, owner_url: str | None) -> None:
        self.as_of = self.contents.as_of()
        self.next_person = q.next_id(self.session, q.person_t.c.id)
        self.source_id = q.next_id(self.session, q.source_t.c.id)
        self._owner(owner_url)
        if len(self.contents.connections) > SCRATCH_FROM and import_scratch.usable(self.session):
            self._learn_names_in_scratch()
        else:
            self._learn_names()
        self._read_connections()
        self._read_events()
        self._assign_ids()
        added_people = self._write_people()
        if self.scratch is not None:
            added_people += self._scratch_people()
        self._write_source()
        added_ties = self._write_ties()
        added_events = self._write_events()
        self._write_positions()
        self._write_pending()
        if self.scratch is not None:
            import_scratch.drop(self.session)
            self.stale = True
        self.report.added = {"people": added_people, "ties": added_ties, **added_events}
        report_json = json.dumps(self.report.to_dict(), default=str)
        q.set_source_report(self.session, self.source_id, report_json)

    # --- who ------------------------------------------------------------------------------

    def _new_person(self, key: str) -> int:
        pid = self.next_person
        self.next_person += 1
        self.known.keys[key] = pid
        self.new_person_ids.add(pid)
        return pid

    def _owner(self, owner_url: str | None) -> None:
        me = q.me_id(self.session)
        key, name, how = _choose_owner(self.session, self.contents, owner_url, me, self.known)
        owner_id = self.known.lookup(key)
        name_key = ids.name_key(name) if name else ""
        if owner_id is None and me is not None and ids.is_slug_key(key):
            # You were first known without a profile URL (an export from before 2023, or a
            # lone Connections.csv); this archive names an unknown profile with your name, or
            # you had no name yet: it is yours. Anyone else's export names someone known.
            me_row = q.person_row(self.session, me)
            if not ids.is_slug_key(me_row["key"]) and me_row["name_key"] in (name_key, ""):
                self._rekey(me, key, me_row["key"])
                self.known.keys[key] = me
                owner_id = me
        if owner_id is None:
            owner_id = self._new_person(key)
        if me is None:
            q.set_me(self.session, owner_id)
            me = owner_id
        self.owner_key, self.owner_id = key, owner_id
        self.person_of[key] = owner_id
        self.report.owner_key, self.report.owner_name = key, name
        self.report.owner_found_by = how
        self.report.role = "you" if owner_id == me else "shared"
        self.resolver = Resolver(key, name_key, scope=f"p{owner_id}")
        self.resolver.owner_aliases(owner_side_keys(self.contents))

        owner = self.drafts[key] = _Draft(key)
        profile = self.contents.profile
        if profile is not None:
            owner.first, owner.last = profile.first_name, profile.last_name
            owner.name = ids.clean_name(profile.first_name, profile.last_name)
            owner.headline, owner.location = profile.headline, profile.location
        elif name:
            owner.name = name
            owner.first, _, owner.last = name.partition(" ")
        current = [p for p in self.contents.positions if p.finished_on is None]
        if current:
            owner.company, owner.position = current[0].company, current[0].title

    def _rekey(self, person_id: int, key: str, old_key: str) -> None:
        self.before.update(undo.person_rows(self.session, [person_id]))
        self.added_aliases.append(old_key)
        q.rekey_person(self.session, person_id, key, old_key)
        self.known.keys[key] = person_id

    def _other_pairs(self) -> list[tuple[str, str | None]]:
        """(name, URL) pairs of the owner and of every file but Connections.csv."""
        c = self.contents
        pairs: list[tuple[str, str | None]] = []
        if self.drafts[self.owner_key].name and ids.is_slug_key(self.owner_key):
            pairs.append((self.drafts[self.owner_key].name, self.owner_key))
        for inv in c.invitations:
            pairs += [(inv.from_name, inv.inviter_url), (inv.to_name, inv.invitee_url)]
        for m in c.messages:
            pairs.append((m.from_name, m.sender_url))
            pairs += zip(m.to_names, m.recipient_urls, strict=False)
        pairs += [(ids.clean_name(e.first_name, e.last_name), e.url) for e in c.endorsements]
        return pairs

    def _mentions(self) -> Iterator[tuple[str, str | None]]:
        """Every (name, URL) by which the archive's other files name someone, as
        `_read_events` resolves them."""
        c = self.contents
        for m in c.messages:
            yield m.from_name, m.sender_url
            if m.recipient_urls:
                yield from zip(m.to_names, m.recipient_urls, strict=False)
            else:
                yield from ((n, None) for n in m.to_names)
        for inv in c.invitations:
            yield inv.from_name, inv.inviter_url
            yield inv.to_name, inv.invitee_url
        for e in c.endorsements:
            yield ids.clean_name(e.first_name, e.last_name), e.url
        for r in c.recommendations:
            yield ids.clean_name(r.first_name, r.last_name), None

    def _learn_names(self) -> None:
        c = self.contents
        pairs = self._other_pairs()
        # Each connection's display name, once: reading the connections needs it again.
        self.connection_names = [ids.clean_name(x.first_name, x.last_name) for x in c.connections]
        pairs += zip(self.connection_names, (x.url for x in c.connections), strict=True)
        url_less = Counter(
            ids.name_key(name)
            for name, x in zip(self.connection_names, c.connections, strict=True)
            if not x.url
        )
        self.resolver.learn(pairs, {nk for nk, n in url_less.items() if n > 1 and nk})

    def _mention(
        self, name: str, url: str | None, first: str = "", last: str = "", *, once: bool = False
    ) -> str | None:
        """The key of a person a row names; their draft is made on first mention.

        `once`: the row is the only one naming this spelling (a connection), so it is not
        remembered: a million connections would cost a million entries for nothing.
        """
        # Messages name the same few people thousands of times: resolve each spelling once.
        found = self._mentioned.get((name, url), _UNSEEN)
        if found is not _UNSEEN:
            return found
        key = self.resolver.key(name, url)
        if key is not None and key != AMBIGUOUS:
            d = self.drafts.get(key)
            if d is None:
                d = self.drafts[key] = _Draft(key)
            if not d.name and name:
                d.name = name
                d.first, d.last = first, last
                if not first and not last:
                    d.first, _, d.last = name.partition(" ")
            alias = ids.alias_key(url)
            if alias and alias != key:
                d.urn = alias
        if not once:
            self._mentioned[(name, url)] = key
        return key

    def _learn_names_in_scratch(self) -> None:
        """`_learn_names` for a very long Connections.csv: its rows go into the scratch
        table, each with its keys computed once, and the resolver learns, of them, only the
        names something in the archive asks about (a row without a profile key, a mention in
        another file): what it would answer for every other name is asked by nobody."""
        session = self.session
        table = self.scratch = import_scratch.create(session)
        seq = 0
        # Names of rows without a profile key of their own: what the archive's names decide
        # (who a URL-less row is, whose alias a URN is). Only such rows add to these.
        asked: set[str] = set()
        url_less: Counter[str] = Counter()
        for block in _blocks(self.contents.connections):
            rows = []
            for c in block:
                seq += 1
                row = _scratch_row(seq, c)
                rows.append(row)
                if not row["simple"]:
                    asked.add(row["name_key"])
                    if not c.url:
                        url_less[row["name_key"]] += 1
            import_scratch.add(session, table, rows)
        import_scratch.index(session, table)
        pairs = self._other_pairs()
        asked.update(ids.name_key(n) for n, _url in self._mentions())
        asked.discard("")
        pairs += import_scratch.pairs_named(session, table, sorted(asked))
        namesakes = {nk for nk, n in url_less.items() if n > 1 and nk}
        self.resolver.learn(pairs, namesakes)
        # Rows of a key another file names, or that several rows share, are read one by one
        # (_read_connections) as every row of a shorter file is: their facts meet there.
        named = {self.resolver.key(n, u) for n, u in self._mentions()}
        named.add(self.owner_key)
        keys = sorted(k for k in named if k is not None and k != AMBIGUOUS)
        import_scratch.not_simple(session, table, keys)

    def _connection_rows(self) -> Iterator[tuple[Connection, str]]:
        """The connections read one by one, with their display names."""
        if self.scratch is None:
            yield from zip(self.contents.connections, self.connection_names, strict=True)
            return
        for r in import_scratch.other_rows(self.session, self.scratch):
            row = Connection(
                r["line"],
                r["first_name"],
                r["last_name"],
                r["url"],
                r["email"],
                r["company"],
                r["position"],
                r["connected_on"],
            )
            yield row, r["name"]

    def _read_connections(self) -> None:
        """Connections are ties to the owner. Two URL-less rows with one name: two people."""
        report = _file(self.contents, FileKind.CONNECTIONS)
        seen: set[str] = set()
        for c, name in self._connection_rows():
            key = self._mention(name, c.url, c.first_name.strip(), c.last_name.strip(), once=True)
            if key == AMBIGUOUS and not c.url:
                # Namesakes: one member is never connected to one person twice, so each row
                # is its own person, told apart by the day they connected (stable across
                # this owner's later exports, unlike the row's position).
                key = self._namesake_key(name, c, seen)
            if key is None or key == self.owner_key or key == AMBIGUOUS:
                if report:
                    why = "names the archive's owner" if key == self.owner_key else "no name or URL"
                    report.skip(c.line, why)
                    report.rows_imported -= 1
                continue
            self._connection_facts(self.drafts[key], name, c)
            self.connections.append((key, c.connected_on))
        if self.namesakes:
            self.report.warnings.append(
                f"{self.namesakes} connections without URLs share their name with another: "
                "kept apart (nobody is connected to one person twice)"
            )

    def _namesake_key(self, name: str, c: Connection, seen: set[str]) -> str:
        tag = c.connected_on.isoformat() if c.connected_on else f"line {c.line}"
        key = ids.namesake_key(self.resolver.scope, name, tag)
        if key in seen:  # namesakes connected on the same day: the row tells them apart
            key = ids.namesake_key(self.resolver.scope, name, f"{tag} line {c.line}")
        seen.add(key)
        self.drafts[key] = _Draft(key)
        self.namesakes += 1
        return key

    @staticmethod
    def _connection_facts(d: _Draft, name: str, c: Connection) -> None:
        d.is_connection = True
        d.first, d.last = c.first_name.strip() or d.first, c.last_name.strip() or d.last
        d.name = name or d.name
        d.company, d.position = c.company, c.position
        if c.email:
            if ids.alias_key(c.email):  # a 2018 export put urn:li:member:<n> there once
                d.urn = ids.alias_key(c.email)
            elif "@" in c.email:
                d.email = c.email

    def _read_events(self) -> None:
        c, owner = self.contents, self.owner_key
        shared = self.report.role == "shared"
        report = _file(c, FileKind.MESSAGES)
        for m in c.messages:
            actor = self._mention(m.from_name, m.sender_url)
            if m.recipient_urls:
                pairs = zip(m.to_names, m.recipient_urls, strict=False)
                targets = [self._mention(n, u) for n, u in pairs]
            else:
                targets = [self._mention(n, None) for n in m.to_names]
            if m.outgoing is True and actor is None:
                actor = owner
            elif m.outgoing is False and not any(targets):
                targets = [owner]
            if actor == AMBIGUOUS or AMBIGUOUS in targets:
                # Addressed to (or from) a name several people share: attached to none of
                # them, kept for the user to attach from Details.
                self._keep_pending(m, actor, targets, shared)
                continue
            keys = tuple(sorted({t for t in targets if t and t != actor}))
            if actor is None or not keys:
                if report:
                    report.skip(m.line, "cannot tell who sent or received it")
                    report.rows_imported -= 1
                continue
            # A colleague's private conversations are evidence of who they talk to, not
            # reading matter: from shared exports only the fact, date and people are kept.
            body = None if shared else m.content
            self.events.append(
                _Event(
                    "message",
                    actor,
                    keys,
                    m.sent_at,
                    m.subject,
                    body,
                    dedup(m.content),
                    None if shared else m.conversation_id,
                )
            )
        for inv in c.invitations:
            # Mention both sides even where one is the owner: that records the owner's URN.
            inviter = self._mention(inv.from_name, inv.inviter_url)
            invitee = self._mention(inv.to_name, inv.invitee_url)
            inviter, invitee = (owner, invitee) if inv.outgoing else (inviter, owner)
            if AMBIGUOUS in (inviter, invitee):
                self._skip_ambiguous(FileKind.INVITATIONS, inv.line)
                continue
            if inviter and invitee and inviter != invitee:
                self.events.append(
                    _Event("invitation", inviter, (invitee,), inv.sent_at, None, inv.message, None)
                )
        for e in c.endorsements:
            name = ids.clean_name(e.first_name, e.last_name)
            other = self._mention(name, e.url, e.first_name, e.last_name)
            if other == AMBIGUOUS:
                kind = FileKind.ENDORSEMENTS_RECEIVED if e.received else FileKind.ENDORSEMENTS_GIVEN
                self._skip_ambiguous(kind, e.line)
                continue
            if other and other != owner:
                actor, target = (other, owner) if e.received else (owner, other)
                self.events.append(
                    _Event("endorsement", actor, (target,), e.endorsed_at, e.skill, None, None)
                )
        for r in c.recommendations:
            name = ids.clean_name(r.first_name, r.last_name)
            other = self._mention(name, None, r.first_name, r.last_name)
            if other == AMBIGUOUS:
                kind = (
                    FileKind.RECOMMENDATIONS_RECEIVED
                    if r.received
                    else FileKind.RECOMMENDATIONS_GIVEN
                )
                self._skip_ambiguous(kind, r.line)
                continue
            if other and other != owner:
                d = self.drafts[other]
                d.company = d.company or r.company
                d.position = d.position or r.job_title
                actor, target = (other, owner) if r.received else (owner, other)
                self.events.append(
                    _Event("recommendation", actor, (target,), r.created_at, None, r.text, None)
                )

    def _skip_ambiguous(self, kind: FileKind, line: int) -> None:
        report = _file(self.contents, kind)
        if report:
            report.skip(line, "names a name several people share")
            report.rows_imported -= 1

    def _keep_pending(
        self, m: Message, actor: str | None, targets: list[str | None], shared: bool
    ) -> None:
        from_ambiguous = actor == AMBIGUOUS
        name = m.from_name if from_ambiguous else ""
        if not from_ambiguous:
            i = targets.index(AMBIGUOUS)
            name = m.to_names[i] if i < len(m.to_names) else ""
        self.pending.append(
            {
                "line": m.line,
                "name": name,
                "from_them": from_ambiguous,
                "actor": None if from_ambiguous else actor,
                "targets": sorted({t for t in targets if t and t != AMBIGUOUS and t != actor}),
                "at": m.sent_at.isoformat() if m.sent_at else None,
                "subject": m.subject,
                "body": None if shared else m.content,
                "fingerprint": dedup(m.content),
                "conversation_id": None if shared else m.conversation_id,
            }
        )

    def _assign_ids(self) -> None:
        """Existing people by key or alias; new ones get the next ids.

        A slug first seen now may be someone this owner's older, URL-less export knew by
        name only: that person receives the slug (the name key stays an alias).
        """
        known = self.known
        taken = set(self.person_of.values())
        self.new_aliases: list[dict[str, Any]] = []
        since = dict(self.connections)
        by_name = self._anyone_by_name()
        for key, d in self.drafts.items():
            pid = self.person_of.get(key) or known.lookup(key)
            if pid is None and by_name and ids.is_slug_key(key) and d.name:
                # Namesakes were told apart by the day they connected (_namesake_key).
                day = since.get(key)
                scope = self.resolver.scope
                tags = [ids.name_scoped_key(scope, d.name)]
                if day:
                    tags.append(ids.namesake_key(scope, d.name, day.isoformat()))
                for scoped in tags:
                    old = known.keys.get(scoped)
                    if old is not None and old not in taken:
                        self._rekey(old, key, scoped)
                        pid = old
                        break
            if pid is None and d.urn:
                pid = known.lookup(d.urn)
            if pid is None:
                pid = self._new_person(key)
            self.person_of[key] = pid
            taken.add(pid)
            if d.urn and known.lookup(d.urn) is None:
                known.aliases[d.urn] = pid
                self.new_aliases.append({"alias": d.urn, "person_id": pid})

    def _anyone_by_name(self) -> bool:
        # Nobody known by name only (every export so far had URLs): no one to hand a slug.
        # The owner does not count: they are taken already, and never receive another key.
        return any(k.startswith(ids.NAME_PREFIX) and k != self.owner_key for k in self.known.keys)

    # --- writes ---------------------------------------------------------------------------

    @staticmethod
    def _person_values(key: str, d: _Draft) -> dict[str, Any]:
        return {
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

    def _rank(self, key: str, d: _Draft) -> str:
        """How much this archive's word about a person weighs: higher wins, in any order.

        The person's own export (their Profile.csv and Positions.csv) over what others'
        exports say about them; then a connection row over a mere mention (an invitation,
        a message); then the newer export; then, for two exports of one day, the content
        hash, so that a tie has one winner whichever came first.
        """
        level = 2 if key == self.owner_key else 1 if d.is_connection else 0
        return self._ranks[level]

    def _write_people(self) -> int:
        # Three ranks per archive: one string each, not one per person.
        when = f"{self.as_of.isoformat()}|{self.contents.content_hash}"
        self._ranks = [f"{level}|{when}" for level in range(3)]
        existing = [p for p in self.person_of.values() if p not in self.new_person_ids]
        ranks = q.person_ranks(self.session, existing)
        inserts = _Rows(self.session, (q.person_t, False))
        added = 0
        texts = self._rank_texts

        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        # Several drafts can land on one person (a URN and a slug of one archive): the
        # highest ranked one speaks for the archive.
        best: dict[int, tuple[str, str, _Draft]] = {}
        for key, d in self.drafts.items():
            pid = self.person_of[key]
            rank = self._rank(key, d)
            if pid not in best or (rank, key) > (best[pid][0], best[pid][1]):
                best[pid] = (rank, key, d)
        for pid, (rank, key, d) in sorted(best.items()):
            has_info = d.is_connection or key == self.owner_key
            values = self._person_values(key, d)
            known = ranks.get(pid, ({}, None))[0] if pid not in self.new_person_ids else {}
            changed, field_ranks = _fields_won(values, rank, known)
            if pid in self.new_person_ids:
                values.update(
                    id=pid,
                    key=key,
                    created_at=self.now,
                    info_as_of=self.as_of if has_info else None,
                    info_rank=_rank_json(field_ranks, texts),
                )
                inserts.add(0, values)
                added += 1
                continue
            update = self._update(pid, values, changed, field_ranks, has_info, ranks[pid])
            if update is not None:
                by_columns.setdefault(tuple(sorted(update)), []).append(update)
        inserts.flush()
        self.added_aliases += [
            a["alias"] for a in self.new_aliases if a["person_id"] not in self.new_person_ids
        ]
        self._update_people(by_columns)
        q.insert_ignore(self.session, q.alias_t, self.new_aliases)
        return added

    def _update(
        self,
        pid: int,
        values: dict[str, Any],
        changed: list[str],
        field_ranks: dict[str, str],
        has_info: bool,
        known: tuple[dict[str, str], date | None, str | None],
    ) -> dict[str, Any] | None:
        """The update of a person who was there before (None: this archive changes nothing)."""
        if not changed:
            return None
        update: dict[str, Any] = {
            "_id": pid,
            "info_rank": _rank_json(field_ranks, self._rank_texts),
        }
        for col in changed:
            update[col] = values[col]
        if has_info:
            update["info_as_of"] = max(self.as_of, known[1] or self.as_of)
        if values["url"] and not known[2]:
            update["url"] = values["url"]
        return update

    def _update_people(self, by_columns: dict[tuple[str, ...], list[dict[str, Any]]]) -> None:
        # Each row as it was first, for forgetting the source (store/undo.py).
        touched = {row["_id"] for rows in by_columns.values() for row in rows}
        self.before.update(undo.person_rows(self.session, touched - set(self.before)))
        for rows in by_columns.values():
            q.update_people(self.session, rows)

    def _scratch_people(self) -> int:
        """The scratch table's simple rows (store/import_scratch.py) as people, the way
        _assign_ids and _write_people make them of drafts; returns how many are new."""
        session, table = self.session, self.scratch
        assert table is not None
        import_scratch.find_people(session, table)
        if self._anyone_by_name():
            self._scratch_rekeys(table)
        added = import_scratch.number_new(session, table, self.next_person)
        self.next_person += added
        # A connection row ranks 1 (_rank); which fields it has is in its `facts` bits.
        rank = self._ranks[1]
        by_facts = {}
        for facts in range(8):
            fields = [n for bit, n in ((1, "name"), (2, "email"), (4, "job")) if facts & bit]
            by_facts[facts] = _rank_json(dict.fromkeys(fields, rank), self._rank_texts)
        import_scratch.insert_new_people(session, table, by_facts, self.now, self.as_of)
        after = 0
        while rows := import_scratch.known_rows(session, table, after, CHUNK):
            after = rows[-1]["seq"]
            ranks = q.person_ranks(session, [r["pid"] for r in rows])
            by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for r in rows:
                pid, key = r["pid"], r["key"]
                d = _Draft(key, r["first_name"], r["last_name"], r["name"], r["email_ok"])
                d.company, d.position, d.is_connection = r["company"], r["position"], True
                values = self._person_values(key, d)
                changed, field_ranks = _fields_won(values, rank, ranks[pid][0])
                update = self._update(pid, values, changed, field_ranks, True, ranks[pid])
                if update is not None:
                    by_columns.setdefault(tuple(sorted(update)), []).append(update)
            self._update_people(by_columns)
        return added

    def _scratch_rekeys(self, table: Table) -> None:
        """_assign_ids' hand-over of a slug to the person this owner's older, URL-less
        export knew by name only, for the scratch table's rows that found nobody."""
        scope = self.resolver.scope
        taken = set(self.person_of.values())
        after = 0
        while rows := import_scratch.unplaced(self.session, table, after, CHUNK):
            after = rows[-1].seq
            tags: list[tuple[int, str, list[str]]] = []
            for seq, key, name, day in rows:
                mine = [ids.name_scoped_key(scope, name)]
                if day:
                    mine.append(ids.namesake_key(scope, name, day.isoformat()))
                tags.append((seq, key, mine))
            found = {t: p for _s, _k, mine in tags for t in mine if (p := self.known.keys.get(t))}
            if not found:
                continue
            taken |= import_scratch.taken(self.session, table, sorted(set(found.values())))
            placed = []
            for seq, key, mine in tags:
                for scoped in mine:
                    old = found.get(scoped)
                    if old is not None and old not in taken:
                        self._rekey(old, key, scoped)
                        taken.add(old)
                        placed.append({"_seq": seq, "v_pid": old})
                        break
            import_scratch.place(self.session, table, placed)

    def _write_source(self) -> None:
        c = self.contents
        q.insert_rows(
            self.session,
            q.source_t,
            [
                {
                    "id": self.source_id,
                    "kind": "linkedin",
                    "label": c.label,
                    "content_hash": c.content_hash,
                    "owner_id": self.owner_id,
                    "era": c.era,
                    "exported_on": c.exported_on,
                    "imported_at": self.now,
                    "report": None,
                }
            ],
        )
        undo.save(self.session, self.source_id, self.before, self.added_aliases)
        links = _Rows(self.session, (q.psource_t, True))
        for pid in sorted(set(self.person_of.values())):
            links.add(0, {"person_id": pid, "source_id": self.source_id})
        links.flush()
        if self.scratch is not None:
            import_scratch.link_people(self.session, self.scratch, self.source_id)

    def _write_ties(self) -> int:
        ties = self.known.ties
        next_tie = q.next_id(self.session, q.tie_t.c.id)
        # New ties before the links that name them.
        out = _Rows(self.session, (q.tie_t, False), (q.tie_source_t, True))
        added = 0
        earlier: list[dict[str, Any]] = []
        for key, connected_on in self.connections:
            pid = self.person_of[key]
            pair = (min(self.owner_id, pid), max(self.owner_id, pid))
            existing = ties.get(pair)
            if existing is None:
                tid = next_tie
                next_tie += 1
                ties[pair] = (tid, connected_on)
                out.add(
                    0, {"id": tid, "a_id": pair[0], "b_id": pair[1], "connected_on": connected_on}
                )
                added += 1
            else:
                tid, first_known = existing
                if connected_on and (first_known is None or connected_on < first_known):
                    ties[pair] = (tid, connected_on)
                    earlier.append({"_id": tid, "connected_on": connected_on})
            out.add(1, {"tie_id": tid, "source_id": self.source_id, "connected_on": connected_on})
        out.flush()
        q.update_tie_dates(self.session, earlier)
        table = self.scratch
        if table is not None:
            session = self.session
            import_scratch.find_ties(session, table, self.owner_id)
            q.update_tie_dates(session, import_scratch.earlier_ties(session, table))
            first = q.next_id(session, q.tie_t.c.id)
            added += import_scratch.add_ties(session, table, self.owner_id, first)
            import_scratch.link_ties(session, table, self.source_id)
        return added

    def _write_events(self) -> dict[str, int]:
        dedups = self.known.dedups
        next_id = q.next_id(self.session, q.interaction_t.c.id)
        # Interactions before what names them; a text comes once per interaction.
        out = _Rows(
            self.session,
            (q.interaction_t, False),
            (q.target_t, True),
            (q.isource_t, True),
            (q.text_t, True),
        )
        with_text: set[int] = set()
        added: dict[str, int] = {}
        for e in self.events:
            actor = self.person_of[e.actor]
            target_ids = sorted({self.person_of[t] for t in e.targets})
            fp = _event_dedup(e, actor, target_ids)
            iid = dedups.get(fp)
            if iid is None:
                iid = dedups[fp] = next_id
                next_id += 1
                out.add(
                    0,
                    {
                        "id": iid,
                        "kind": e.kind,
                        "occurred_at": e.at,
                        "actor_id": actor,
                        "conversation_id": e.conversation_id,
                        "dedup": fp,
                    },
                )
                for t in target_ids:
                    out.add(1, {"interaction_id": iid, "person_id": t})
                added[e.kind] = added.get(e.kind, 0) + 1
            out.add(2, {"interaction_id": iid, "source_id": self.source_id})
            if (e.subject is not None or e.body is not None) and iid not in with_text:
                # The text is the importer's own (its owner column defaults to the login): a
                # teammate with the same conversation sees that it happened, not what it said.
                # Events with one dedup have one content, so the first text is the text.
                with_text.add(iid)
                out.add(3, {"interaction_id": iid, "subject": e.subject, "body": e.body})
        out.flush()
        return added

    def _write_pending(self) -> None:
        # A forgotten source's id can come back: its kept messages must not come with it.
        pending.drop(self.session, self.source_id)
        if not self.pending:
            return
        n = len(self.pending)
        self.report.ambiguous_messages = n
        self.report.warnings.append(
            f"{n} message{'s' if n != 1 else ''} to ambiguous names: attached to nobody; "
            "attach them from the person's Details"
        )
        pending.save(self.session, self.source_id, self.pending)

    def _write_positions(self) -> None:
        known = q.existing_positions(self.session, self.owner_id)
        next_id = q.next_id(self.session, q.position_t.c.id)
        rows: list[dict[str, Any]] = []
        for p in self.contents.positions:
            signature = (p.company, p.title, p.started_on)
            if signature in known:
                continue
            known.add(signature)
            rows.append(
                {
                    "id": next_id,
                    "person_id": self.owner_id,
                    "source_id": self.source_id,
                    "company": p.company,
                    "title": p.title,
                    "location": p.location,
                    "started_on": p.started_on,
                    "finished_on": p.finished_on,
                }
            )
            next_id += 1
        q.insert_rows(self.session, q.position_t, rows)

    # --- an archive a teammate imported before ---------------------------------------------

    def add_private(self, owner_url: str | None, source_id: int) -> int:
        """Add what of this archive is private to the connected login and missing: the texts
        of its interactions (a teammate's import left them in the teammate's own copy), and,
        for the archive's owner, the conversation ids a shared import leaves out. Shared rows
        (people, ties, interactions) are there already and stay as they are.

        Its messages to a name several people share, kept unattached, are this login's too
        (report.ambiguous_messages says how many were added).

        Reads the archive as its first import did, from this login's side ("you" or a
        shared export). Returns how many texts were added; 0 when this login has them all.
        """
        self.as_of = self.contents.as_of()
        self.next_person = q.next_id(self.session, q.person_t.c.id)
        self.source_id = source_id
        # Nobody is added here: keys handed out while reading stay in this copy, not in the
        # maps the command's next archives are merged with.
        self.known = replace(self.known, keys=dict(self.known.keys))
        self._owner(owner_url)
        if self.owner_id in self.new_person_ids:
            return 0  # its owner is unknown to the database now: nothing of it to match
        self._learn_names()
        self._read_connections()
        self._read_events()
        attested = q.source_interactions(self.session, source_id)
        have = q.own_text_ids(self.session)
        texts: dict[int, dict[str, Any]] = {}
        conversations: dict[int, str] = {}
        for e in self.events:
            people = [self._known_id(k) for k in (e.actor, *e.targets)]
            if any(p is None for p in people):
                continue  # nobody the first import knew: no interaction to give a text
            actor, *targets = (p for p in people if p is not None)
            iid = self.known.dedups.get(_event_dedup(e, actor, sorted(set(targets))))
            if iid is None or iid not in attested:
                continue
            if (e.subject is not None or e.body is not None) and iid not in have:
                texts[iid] = {"interaction_id": iid, "subject": e.subject, "body": e.body}
            if e.conversation_id is not None:
                conversations[iid] = e.conversation_id
        # INSERT, not COPY: PostgreSQL refuses COPY into a table under row-level security.
        q.insert_ignore(self.session, q.text_t, list(texts.values()))
        q.fill_conversation_ids(self.session, conversations)
        # Messages to a name several people share are kept per login too; ones this login
        # holds already (some perhaps attached since) stay as they are.
        if self.pending and source_id not in pending.load_all(self.session):
            self._write_pending()
        return len(texts)

    def _known_id(self, key: str) -> int | None:
        found = self.person_of.get(key) or self.known.lookup(key)
        draft = self.drafts.get(key)
        if found is None and draft is not None and draft.urn:
            found = self.known.lookup(draft.urn)
        return found
