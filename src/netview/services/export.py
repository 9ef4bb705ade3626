"""`netview export` and File > Export…: the network to CSV, GraphML, GEXF, JSON, ICS.

Every format honours the same selection: private people are never in an export or a
shared picture; `group` keeps the members of one user group (and you), `degree` keeps
people within that many steps of you; `anonymize` swaps names, URLs, e-mails and
companies for stable pseudonyms and leaves messages and notes out.

The JSON backup is the exception that proves the rule: without a filter or --anonymize
it is a complete copy of the database (private people included, as it is yours and
restores into NetView only); with any of them it becomes a shared picture like the rest.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from netview.core.errors import NetViewError
from netview.core.ids import plain_name
from netview.core.progress import NoProgress, Progress, check
from netview.core.tables import Backup, TableRows
from netview.io.backup import write_backup
from netview.io.gexf import write_gexf
from netview.io.graphdata import Edge, GraphData, Node
from netview.io.graphml import write_graphml
from netview.io.ics import Event, write_ics
from netview.io.people_csv import write_people_csv
from netview.services.anonymize import Pseudonyms, anonymize_network
from netview.services.groups import circle_of
from netview.services.mapmodel import MapModel, load_map_model
from netview.services.netdata import Network, PersonOut, load_network
from netview.store import backup as backup_q
from netview.store import export as export_q
from netview.store.db import Database
from netview.store.migrate import head_revision

FORMATS = ("csv", "graphml", "gexf", "json", "ics")
PICTURES = ("png", "svg")


@dataclass
class ExportResult:
    path: Path
    format: str
    people: int
    ties: int
    events: int = 0


@dataclass(frozen=True)
class Selection:
    group: str | None = None
    degree: int | None = None
    anonymize: bool = False

    @property
    def shared(self) -> bool:
        """Anything but a full backup: private people stay out."""
        return self.group is not None or self.degree is not None or self.anonymize


def select_network(network: Network, selection: Selection) -> Network:
    """Private people out, then the group and degree filters; ties among those left."""
    if selection.group is not None and selection.group not in network.group_colors:
        known = ", ".join(sorted(network.group_colors)) or "none yet"
        raise NetViewError(f"no group {selection.group!r} (groups: {known})")
    if selection.degree is not None and selection.degree < 0:
        raise NetViewError("--degree must be 0 or more")
    private = {p.id for p in network.people if p.private}

    def keep(p: PersonOut) -> bool:
        if p.private:
            return False
        if selection.group is not None and selection.group not in p.groups and p.id != network.me:
            return False
        return selection.degree is None or (p.degree is not None and p.degree <= selection.degree)

    people = [p for p in network.people if keep(p)]
    for p in people:
        p.connectors = [c for c in p.connectors if c not in private]
    ids = {p.id for p in people}
    # A community named after someone left out ("Ana Silva's circle") gets a neutral name.
    left_out = {plain_name(p.name) for p in network.people if p.id not in ids}
    neutral: dict[str, str] = {}
    for p in people:
        if circle_of(p.community) in left_out:
            p.community = neutral.setdefault(p.community, f"Community {len(neutral) + 1}")
    ties = [t for t in network.ties if t.a in ids and t.b in ids]
    return Network(network.me if network.me in ids else None, people, ties, network.group_colors)


def shared_network(db: Database, selection: Selection, progress: Progress | None = None) -> Network:
    network = select_network(load_network(db, progress), selection)
    if selection.anonymize:
        network = anonymize_network(network, _pseudonyms(db))
    return network


def _pseudonyms(db: Database) -> Pseudonyms:
    with db.write() as session:  # the secret is made on first use
        return Pseudonyms(export_q.anonymize_secret(session))


# --- writing safely ------------------------------------------------------------------------


@contextmanager
def _atomic(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path`, then move it in: no half-written exports."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if binary:
            with os.fdopen(fd, "wb") as fb:
                yield fb
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as ft:
                yield ft
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- the formats ---------------------------------------------------------------------------

CSV_COLUMNS = (
    "key", "name", "url", "email", "company", "position", "degree", "connectors", "groups",
    "community", "strength", "last_contact", "cadence_days", "next_due", "notes",
)  # fmt: skip


def _names(network: Network) -> dict[int, str]:
    return {p.id: p.name or p.key for p in network.people}


def people_rows(network: Network) -> list[dict[str, Any]]:
    names = _names(network)
    return [
        {
            "key": p.key,
            "name": p.name,
            "url": p.url,
            "email": p.email,
            "company": p.company,
            "position": p.position,
            "degree": p.degree,
            "connectors": [names[c] for c in p.connectors if c in names],
            "groups": p.groups,
            "community": p.community,
            "strength": p.strength,
            "last_contact": p.last_contact.date().isoformat() if p.last_contact else None,
            "cadence_days": p.cadence_days,
            "next_due": p.due.isoformat() if p.due else None,
            "notes": " | ".join(p.notes) if p.notes else None,
        }
        for p in network.people
    ]


NODE_ATTRS = {
    "key": "string", "url": "string", "email": "string", "company": "string",
    "position": "string", "degree": "int", "groups": "string", "community": "string",
    "strength": "double", "connectors": "string", "last_contact": "string", "cadence_days": "int",
}  # fmt: skip


def graph_data(network: Network) -> GraphData:
    """Nodes keyed by person key (so a re-import matches them), with attributes and drawing."""
    rows = {r["key"]: r for r in people_rows(network)}
    key_of = {p.id: p.key for p in network.people}
    nodes = []
    for p in network.people:
        attrs = {k: rows[p.key][k] for k in NODE_ATTRS}
        nodes.append(Node(p.key, p.name or p.key, attrs, p.x, p.y, p.color, p.size))
    edges = [
        Edge(
            key_of[t.a],
            key_of[t.b],
            # Gephi's weighted layouts ignore zero-weight edges: a floor keeps every tie drawn.
            max(float(t.strength), 0.05),
            attrs={
                "strength": t.strength,
                "connected_on": t.connected_on.isoformat() if t.connected_on else None,
            },
        )
        for t in network.ties
    ]
    return GraphData(
        nodes, edges, dict(NODE_ATTRS), {"strength": "double", "connected_on": "string"}
    )


def followup_events(network: Network) -> list[Event]:
    events = []
    for p in network.people:
        due = p.due
        if due is None or p.id == network.me:
            continue
        who = p.name or p.key
        # One UID per person: re-importing a newer file moves the event instead of copying it.
        uid = f"followup-{Pseudonyms(b'netview-uid').token('uid', p.key)}@netview"
        text = f"Keep in touch every {p.cadence_days} days"
        if p.last_contact:
            text += f"; last contact {p.last_contact:%Y-%m-%d}"
        events.append(Event(uid, due, f"Follow up with {who}", text, p.url))
    return sorted(events, key=lambda e: (e.day, e.summary))


def _backup(db: Database, selection: Selection, network: Network | None) -> Backup:
    with db.session() as session:
        data = backup_q.dump(session, head_revision())
    data.created_at = datetime.now(UTC).isoformat(timespec="seconds")
    if not selection.shared:
        return data
    assert network is not None
    kept = {p.id for p in network.people}
    data = backup_q.drop_cascading(data, lambda t, row: t == "person" and row["id"] not in kept)
    # Merge/split decisions hold whole person rows of anyone: never in a shared file.
    data.tables.pop("identity_decision", None)
    if selection.anonymize:
        data = anonymize_backup(data, _pseudonyms(db))
    return data


def anonymize_backup(data: Backup, names: Pseudonyms) -> Backup:
    """Only tables known to hold nothing but shape, with every identifying column replaced.

    Tables this function does not know (added by later migrations) are left out: a shared
    picture must never carry text nobody checked.
    """
    rules: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {
        "meta": lambda r: r if r["key"] == "me_person_id" else None,
        "person": lambda r: {
            **r,
            "key": names.key(r["key"]),
            "first_name": "",
            "last_name": "",
            "name": names.name(r["key"]),
            "name_key": "",
            "url": names.url(r["key"]) if r["url"] else None,
            "email": names.email(r["key"]) if r["email"] else None,
            "company": names.company(r["company"]) if r["company"] else None,
            "position": None,
            "headline": None,
            "location": None,
        },
        "source": lambda r: {
            **r,
            "label": f"source {r['id']}",
            "content_hash": names.token("source", r["content_hash"]),
            "report": None,
        },
        "interaction": lambda r: {
            **r,
            "subject": None,
            "body": None,
            "conversation_id": None,
            "dedup": names.token("dedup", r["dedup"]),
        },
        "position": lambda r: {
            **r,
            "company": names.company(r["company"]),
            "title": None,
            "location": None,
        },
        "group": lambda r: {**r, "name": names.group(r["name"])},
        "tag": lambda r: {**r, "name": names.tag(r["name"])},
        "touch": lambda r: {**r, "note": None},
    }
    shape_only = {
        "person_source", "tie", "tie_source", "interaction_target", "interaction_source",
        "group_member", "person_tag", "followup",
    }  # fmt: skip
    out: dict[str, TableRows] = {}
    for name, tbl in data.tables.items():
        rule = rules.get(name)
        if rule is None and name not in shape_only:
            continue  # notes, aliases and anything unknown stay out
        rows = []
        for values in tbl.rows:
            row = dict(zip(tbl.columns, values, strict=True))
            new = rule(row) if rule else row
            if new is not None:
                rows.append([new[c] for c in tbl.columns])
        out[name] = TableRows(list(tbl.columns), rows)
    return Backup(data.schema, out, data.created_at, anonymized=True)


def _write_picture_of(network: Network, fmt: str, target: Path, result: ExportResult) -> None:
    if fmt == "csv":
        with _atomic(target, binary=False) as out:
            write_people_csv(CSV_COLUMNS, people_rows(network), out)
    elif fmt == "ics":
        events = followup_events(network)
        result.events = len(events)
        with _atomic(target, binary=False) as out:
            write_ics(events, out)
    else:
        data = graph_data(network)
        with _atomic(target, binary=True) as out:
            if fmt == "graphml":
                write_graphml(data, out)
            else:
                write_gexf(data, out, "NetView network map")


def picture_model(db: Database, selection: Selection) -> MapModel:
    """The map as the user sees it, for PNG/SVG: private and filtered-out people left out."""
    network = shared_network(db, selection)
    people = {p.id: (p.name, p.company or "") for p in network.people}
    return load_map_model(db).restricted(people, anonymous=selection.anonymize)


def export(
    db: Database,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    group: str | None = None,
    degree: int | None = None,
    anonymize: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the network (as selected) to `path` in `fmt`; what the UI's File > Export… calls."""
    progress = progress or NoProgress()
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise NetViewError(
            f"unknown export format {fmt!r} (one of: {', '.join(FORMATS + PICTURES)})"
        )
    selection = Selection(group, degree, anonymize)
    target = Path(path)
    network = None
    if fmt != "json" or selection.shared:
        network = shared_network(db, selection, progress)
    check(progress)
    progress.report(0.6, f"Writing {target.name}")
    result = ExportResult(target, fmt, 0, 0)
    if network is not None:
        result.people, result.ties = len(network.people), len(network.ties)
    if fmt == "json":
        backup = _backup(db, selection, network)
        result.people = len(backup.tables["person"].rows)
        result.ties = len(backup.tables["tie"].rows)
        with _atomic(target, binary=False) as out:
            write_backup(backup, out)
    else:
        assert network is not None
        _write_picture_of(network, fmt, target, result)
    progress.report(1.0, f"Exported {target.name}")
    return result
