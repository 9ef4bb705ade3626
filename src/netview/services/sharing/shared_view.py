"""The one view of the network a file made for someone else may show.

Every file that leaves the app goes through here: CSV, GraphML, GEXF, ICS, a filtered or
anonymised JSON backup, and every picture (`export png|svg`, `netview render`, File >
Export…). Only the plain `export json` with no selection bypasses it: that is the user's
complete database, which restores into NetView only.

The rule, decided once in `audience`:
- private people are never in it;
- `group` keeps the members of that user group (and you), `degree` the people within
  that many steps of you;
- of everything else, only what is among the people kept survives: their ties with each
  other, interactions whose actor and every target are kept, the groups and tags they
  are in; no secret (the pseudonym key), no source report (it names archive owners), no
  journal, template or goal, and no source labelled with a file name unless its owner is
  kept;
- `anonymize` then swaps names, URLs, e-mails, companies and group names for pseudonyms.

One snapshot per file: what a file shows is read in one transaction (a write transaction
when anonymised, as the pseudonyms' secret is made on first use), and the app hands in the
network and the map model its document has loaded, so a picture is the map as the user
sees it (View › Colour By included) and nothing is loaded twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.ids import plain_name
from netview.core.progress import Progress
from netview.core.tables import Backup, TableRows
from netview.services.analysis import stats
from netview.services.asof import loaded_reach_days
from netview.services.mapping import mapcache
from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.services.sharing.anonymize import Pseudonyms, anonymize_backup, anonymize_network
from netview.services.sharing.netdata import Network, degrees_of, load_network
from netview.store import backup as backup_q
from netview.store import export as export_q
from netview.store.db import Database
from netview.store.history import ended_tie_ids
from netview.store.importing import ME_KEY, me_id
from netview.store.migrate import head_revision

if TYPE_CHECKING:
    from netview.services.network import LoadedNetwork


@dataclass(frozen=True)
class Selection:
    group: str | None = None
    degree: int | None = None
    anonymize: bool = False

    @property
    def shared(self) -> bool:
        """Anything but the plain backup (no filter, no pseudonyms) is a shared view."""
        return self.group is not None or self.degree is not None or self.anonymize


@dataclass
class Audience:
    """Who a shared file shows: person id -> (key, name, company) as it may be shown."""

    me: int | None
    people: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)  # names of everyone else

    def __contains__(self, pid: object) -> bool:
        return pid in self.people

    def unnamed(self, labels: Iterable[str]) -> dict[str, str]:
        """Of `labels` (group and community names), those that name someone left out, each
        with a neutral stand-in: "Olga Haddad's circle" must not say who is missing."""
        out: dict[str, str] = {}
        for label in sorted(set(labels)):
            if label and any(name in label for name in self.left_out):
                out[label] = f"Unnamed group {len(out) + 1}"
        return out


@dataclass(frozen=True)
class Candidate:
    """A person as the audience rule sees them."""

    id: int
    key: str
    name: str
    company: str
    private: bool
    degree: int | None  # steps from you; None: not connected
    groups: frozenset[str]  # names of the user's groups they are in


def audience(
    me: int | None,
    people: Iterable[Candidate],
    groups: Iterable[str],
    selection: Selection,
    names: Pseudonyms | None = None,
) -> Audience:
    """The people a file made with `selection` may show (the one place that decides it).

    `groups`: the names of every user group (to say which exist when one is not found);
    `names`: the pseudonyms an anonymised file shows instead of keys, names and companies.
    """
    check_selection(selection)
    if selection.group is not None and selection.group not in set(groups):
        known = ", ".join(sorted(set(groups))) or "none yet"
        raise NetViewError(f"no group {selection.group!r} (groups: {known})")
    out = Audience(me)
    for c in people:
        too_far = (
            selection.degree is not None
            and (c.degree if c.degree is not None else selection.degree + 1) > selection.degree
        )
        outside = selection.group is not None and selection.group not in c.groups
        if c.private or (outside and c.id != me) or too_far:
            # As written and as labels show it ("Ana Silva, PhD" is "Ana Silva's circle").
            for name in {c.name, plain_name(c.name)}:
                if len(name) >= 3:
                    out.left_out.append(name)
            continue
        out.people[c.id] = (c.key, c.name, c.company)
    if out.me not in out.people:
        out.me = None
    if names is not None:
        out.people = {
            pid: (names.key(k), names.name(k), names.company(c) if c else "")
            for pid, (k, _, c) in out.people.items()
        }
    return out


def check_selection(selection: Selection) -> None:
    if selection.degree is not None and selection.degree < 0:
        raise NetViewError("--degree must be 0 or more")


@contextmanager
def _transaction(db: Database, selection: Selection) -> Iterator[tuple[Session, Pseudonyms | None]]:
    """The one transaction a shared file is read in, with its pseudonyms when anonymised
    (their secret is made on first use: a write transaction, taken up front)."""
    if not selection.anonymize:
        with db.session() as session:
            yield session, None
        return
    with db.write() as session:
        yield session, Pseudonyms(export_q.anonymize_secret(session))


def _candidates(network: Network) -> list[Candidate]:
    return [
        Candidate(p.id, p.key, p.name, p.company or "", p.private, p.degree, frozenset(p.groups))
        for p in network.people
    ]


# --- the network (CSV, GraphML, GEXF, ICS) ----------------------------------------------------


def shared_network(
    db: Database,
    selection: Selection,
    progress: Progress | None = None,
    *,
    loaded: LoadedNetwork | None = None,
    model: MapModel | None = None,
    also: Callable[[Session], None] | None = None,
) -> Network:
    """The network of `selection`: its people, their ties among themselves, pseudonyms.
    `also` reads what else the file needs in the same transaction.

    Read once: `loaded` and `model` (the app's document) are used as they are, the rest is
    read in one transaction.
    """
    check_selection(selection)
    with _transaction(db, selection) as (session, names):
        network = load_network(db, progress, session=session, loaded=loaded, model=model)
        if also is not None:
            also(session)
        # Decided inside it: a selection refused (no such group) writes nothing, not even
        # the pseudonyms' secret.
        who = audience(network.me, _candidates(network), network.group_colors, selection, names)
    people = [p for p in network.people if p.id in who]
    for p in people:
        p.connectors = [c for c in p.connectors if c in who]
    ties = [t for t in network.ties if t.a in who and t.b in who]
    rename = who.unnamed([g for p in people for g in p.groups] + [p.community for p in people])
    for p in people:
        p.groups = [rename.get(g, g) for g in p.groups]
        p.community = rename.get(p.community, p.community)
    # Only the groups someone shown is in: a group's name is itself something said.
    named = {g for p in people for g in p.groups}
    colors = {
        rename.get(g, g): c for g, c in network.group_colors.items() if rename.get(g, g) in named
    }
    shared = Network(who.me, people, ties, colors)
    if names is not None:
        shared = anonymize_network(shared, names)
    return shared


# --- pictures (PNG, SVG, `netview render`) ----------------------------------------------------


def picture_model(
    db: Database,
    selection: Selection,
    *,
    loaded: LoadedNetwork | None = None,
    model: MapModel | None = None,
) -> MapModel:
    """The map as the user sees it (`model`: as coloured in the window), with only the
    audience drawn and named; who that is and (without `loaded`) the network are read in one
    transaction.

    Without a window (the command line) the map is the one the window kept for this
    database (services.mapcache) while it is still the map of the data and holds none of
    your own evidence: the picture is the map the app shows, not a layout of its own.
    Where the map must be laid out here (the data changed since, or a window whose map holds
    your own evidence), it keeps the angles of the map the window shows (`model`, else the
    one kept), as the window's own reload does: people are where the user sees them, not
    where a fresh layout would put them."""
    check_selection(selection)
    shown = model
    if loaded is not None and loaded.own_evidence:
        # The window's map holds your own evidence: a picture is drawn without it.
        loaded = model = None
    # Taken before the read (its key is of the data as it is now): see `_kept_map`.
    kept = mapcache.load(db) if model is None and loaded is None else None
    with _transaction(db, selection) as (session, names):
        if model is None and loaded is None:
            loaded = _analytics(db, session)
        who = _stored_audience(session, selection, names, loaded)
    if model is None and loaded is not None:
        model = _kept_map(kept, loaded)
    if model is None and loaded is not None:
        previous = shown if shown is not None else mapcache.load(db, any_data=True)
        model = load_map_model(db, loaded=loaded, previous=previous)
    if model is None:
        model = MapModel.empty()
    people = {pid: (name, company) for pid, (_, name, company) in who.people.items()}
    return model.restricted(people, anonymous=selection.anonymize)


def _kept_map(kept: MapModel | None, loaded: LoadedNetwork) -> MapModel | None:
    """The map the window kept, as the picture's map: only when it was made without your own
    evidence (a picture never shows it) and of the very people just read (a write between
    the key and the read would leave it behind), with the network read attached."""
    if kept is None or kept.own_evidence is not False or kept.keys != loaded.net.keys:
        return None
    kept.net = loaded.net
    if len(kept.since) != len(kept):
        kept.since = loaded_reach_days(loaded)
    return kept


def _analytics(db: Database, session: Session) -> LoadedNetwork | None:
    from netview.services.network import NoOwner
    from netview.services.network import load_network as load_analytics

    try:
        # Only LinkedIn-derived ties: your calendar and mailbox are nobody else's business.
        return load_analytics(db, session=session, evidence=False)
    except NoOwner:
        return None


# --- the JSON backup --------------------------------------------------------------------------

# Tables a shared backup may carry, each checked to hold only facts about the people kept
# once the rows of everyone else are gone. A table added by a later migration stays out
# until someone adds it here (identity_decision, for one: merge/split decisions hold whole
# person rows of anyone).
SHARED_TABLES = frozenset(
    {
        "meta", "person", "person_alias", "source", "person_source", "tie", "tie_source",
        "interaction", "interaction_target", "interaction_source", "position",
        "group", "group_member", "tag", "person_tag", "note", "followup", "touch",
    }
)  # fmt: skip
SHARED_META = frozenset({ME_KEY})  # not the pseudonym secret, not the forget journal


def full_backup(db: Database) -> Backup:
    """The user's complete database (private people, secrets and all)."""
    with db.session() as session:
        return _dump(session)


def _dump(session: Session) -> Backup:
    data = backup_q.dump(session, head_revision())
    data.created_at = datetime.now(UTC).isoformat(timespec="seconds")
    return data


def _stored_audience(
    session: Session,
    selection: Selection,
    names: Pseudonyms | None,
    loaded: LoadedNetwork | None = None,
) -> Audience:
    """The audience from the stored rows (a backup and a picture need no export network)."""
    me = me_id(session)
    rows = export_q.people(session)
    groups = {g: name for g, name, _, _ in export_q.groups(session)}
    in_groups: dict[int, set[str]] = {}
    for g, p in export_q.group_members(session):
        in_groups.setdefault(p, set()).add(groups[g])
    degree = _steps(session, me, selection, loaded)
    people = [
        Candidate(
            r["id"],
            r["key"],
            r["name"] or "",
            r["company"] or "",
            bool(r["private"]),
            degree.get(r["id"]),
            frozenset(in_groups.get(r["id"], ())),
        )
        for r in rows
    ]
    return audience(me, people, groups.values(), selection, names)


def _steps(
    session: Session, me: int | None, selection: Selection, loaded: LoadedNetwork | None
) -> dict[int, int]:
    """Everyone's steps from you, when the selection keeps people by them (`degree`): the
    loaded network's, else counted over the current ties."""
    if selection.degree is None or me is None:
        return {}
    if loaded is not None:
        return degrees_of(loaded)
    return stats.hop_counts([(a, b) for a, b, _ in export_q.ties(session)], me)


def shared_backup(db: Database, selection: Selection) -> Backup:
    """A backup of the audience only: restores into NetView as a smaller network."""
    check_selection(selection)
    with _transaction(db, selection) as (session, names):
        who = _stored_audience(session, selection, names)
        data = _dump(session)
        # Connections a newer archive no longer lists are your history, not the network
        # shared: the file gets current ties only (read in the same transaction).
        ended = ended_tie_ids(session)
    data.tables = {n: t for n, t in data.tables.items() if n in SHARED_TABLES}
    outside = _interactions_with_outsiders(data, who)
    drop: dict[str, Callable[[dict[str, Any]], bool]] = {
        "person": lambda r: r["id"] not in who,
        "tie": lambda r: r["id"] in ended,
        "meta": lambda r: r["key"] not in SHARED_META or (r["key"] == ME_KEY and who.me is None),
        "interaction": lambda r: r["id"] in outside,
    }
    data = backup_q.drop_cascading(data, lambda t, r: t in drop and drop[t](r))
    data = _drop_unused(data)
    data = _neutral_names(data, who)
    if names is not None:
        data = anonymize_backup(data, names)
    return data


def _rows(data: Backup, table: str) -> list[dict[str, Any]]:
    tbl = data.tables.get(table)
    if tbl is None:
        return []
    return [dict(zip(tbl.columns, row, strict=True)) for row in tbl.rows]


def _interactions_with_outsiders(data: Backup, who: Audience) -> set[int]:
    """Interactions any target of which is not shown: their text is about someone else."""
    return {
        r["interaction_id"] for r in _rows(data, "interaction_target") if r["person_id"] not in who
    }


def _drop_unused(data: Backup) -> Backup:
    """Sources, groups and tags that nothing shown refers to any more."""
    used_sources = {
        r["source_id"]
        for t in ("person_source", "tie_source", "interaction_source", "position")
        for r in _rows(data, t)
    }
    used_groups = {r["group_id"] for r in _rows(data, "group_member")}
    used_tags = {r["tag_id"] for r in _rows(data, "person_tag")}
    unused: dict[str, Callable[[dict[str, Any]], bool]] = {
        "source": lambda r: r["id"] not in used_sources,
        "group": lambda r: r["id"] not in used_groups,
        "tag": lambda r: r["id"] not in used_tags,
    }
    return backup_q.drop_cascading(data, lambda t, r: t in unused and unused[t](r))


def _neutral_names(data: Backup, who: Audience) -> Backup:
    """No source report (it names every archive's owner); a file name only when its owner is
    shown, as a file name often is a person's name; no group named after someone left out."""
    tables = dict(data.tables)
    source = data.tables.get("source")
    if source is not None:
        rows = []
        for r in _rows(data, "source"):
            r["report"] = None
            if r["owner_id"] is None or r["owner_id"] not in who:
                r["label"] = f"source {r['id']}"
            rows.append([r[c] for c in source.columns])
        tables["source"] = TableRows(list(source.columns), rows)
    group = data.tables.get("group")
    if group is not None:
        groups = _rows(data, "group")
        rename = who.unnamed(r["name"] for r in groups)
        for r in groups:
            r["name"] = rename.get(r["name"], r["name"])
        tables["group"] = TableRows(
            list(group.columns), [[r[c] for c in group.columns] for r in groups]
        )
    return Backup(data.schema, tables, data.created_at, data.anonymized)
