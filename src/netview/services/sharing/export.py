"""`netview export` and File > Export…: the network to CSV, GraphML, GEXF, JSON, ICS.

What each file may show is decided by netview.services.sharing.shared_view, the one view every
file made for someone else passes through (see there). The plain JSON backup (no filter,
no --anonymize) is the exception: the user's complete database, for restoring only.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.progress import NoProgress, Progress, check
from netview.io import formats
from netview.io.backup import write_backup
from netview.io.gexf import write_gexf
from netview.io.graphdata import Edge, GraphData, Node
from netview.io.graphml import write_graphml
from netview.io.ics import Event, write_ics
from netview.io.people_csv import write_people_csv
from netview.io.scratch import atomic_file
from netview.services.introductions.asked import IntroRow, due_on, pending
from netview.services.introductions.asked import requests as intro_requests
from netview.services.mapping.mapmodel import MapModel
from netview.services.network import LoadedNetwork
from netview.services.sharing.anonymize import Pseudonyms
from netview.services.sharing.netdata import Network
from netview.services.sharing.shared_view import (
    Selection,
    full_backup,
    picture_model,
    shared_backup,
    shared_network,
)
from netview.store.db import Database

__all__ = ["FORMATS", "PICTURES", "ExportResult", "Selection", "export", "picture_model"]

# Data files written here, and pictures (painted by the UI): netview.io.formats lists both.
PICTURES = tuple(f.name for f in formats.exported() if f.kind is formats.Kind.PICTURE)
FORMATS = tuple(f.name for f in formats.exported() if f.kind is not formats.Kind.PICTURE)


@dataclass
class ExportResult:
    path: Path
    format: str
    people: int
    ties: int
    events: int = 0


# --- writing safely ------------------------------------------------------------------------


@contextmanager
def _atomic(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """The file whole or not at all; a killed export's temp file goes at the next export."""
    with atomic_file(path) as raw:
        if binary:
            yield raw
        else:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield text
            text.flush()
            text.detach()


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


def intro_events(network: Network, requests: list[IntroRow]) -> list[Event]:
    """Introductions you asked for and still wait on, each on the day it is due a nudge (a
    week after its last step), when both people are in the file's selection. Without the
    draft: a calendar is a file for elsewhere."""
    people = {p.id: p for p in network.people}
    events = []
    for r in pending(requests):
        target, via = people.get(r.target_id), people.get(r.via_id)
        if target is None or via is None:
            continue
        uid = f"intro-{Pseudonyms(b'netview-uid').token('intro', str(r.id))}@netview"
        t, v = target.name or target.key, via.name or via.key
        text = (
            f"You asked {v} on {r.asked_on:%Y-%m-%d} to introduce you to {t}; "
            f"{r.state} since {r.state_on:%Y-%m-%d}"
        )
        events.append(Event(uid, due_on(r), f"Introduction to {t} via {v}", text, via.url))
    return events


def _write_picture_of(
    network: Network,
    fmt: str,
    target: Path,
    result: ExportResult,
    requests: list[IntroRow] | None = None,
) -> None:
    requests = requests or []
    if fmt == "csv":
        with _atomic(target, binary=False) as out:
            write_people_csv(CSV_COLUMNS, people_rows(network), out)
    elif fmt == "ics":
        events = sorted(
            followup_events(network) + intro_events(network, requests),
            key=lambda e: (e.day, e.summary),
        )
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


def export(
    db: Database,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    group: str | None = None,
    degree: int | None = None,
    anonymize: bool = False,
    progress: Progress | None = None,
    loaded: LoadedNetwork | None = None,
    model: MapModel | None = None,
) -> ExportResult:
    """Write the network (as selected) to `path` in `fmt`; what the UI's File > Export… calls.

    `loaded` and `model`: the network and map the app's document has loaded (not read
    again); the rest is read in one transaction.
    """
    progress = progress or NoProgress()
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise NetViewError(
            f"unknown export format {fmt!r} (one of: {', '.join(FORMATS + PICTURES)})"
        )
    selection = Selection(group, degree, anonymize)
    target = Path(path)
    result = ExportResult(target, fmt, 0, 0)
    if fmt == "json":
        progress.report(0.3, "Reading every table")
        backup = shared_backup(db, selection) if selection.shared else full_backup(db)
        check(progress)
        progress.report(0.6, f"Writing {target.name}")
        result.people = len(backup.tables["person"].rows)
        result.ties = len(backup.tables["tie"].rows)
        with _atomic(target, binary=False) as out:
            write_backup(backup, out)
    else:
        requests: list[IntroRow] = []

        def read_requests(session: Session) -> None:
            requests.extend(intro_requests(session))

        network = shared_network(
            db,
            selection,
            progress,
            loaded=loaded,
            model=model,
            also=read_requests if fmt == "ics" else None,  # pending introductions, one read
        )
        check(progress)
        progress.report(0.6, f"Writing {target.name}")
        result.people, result.ties = len(network.people), len(network.ties)
        _write_picture_of(network, fmt, target, result, requests)
    progress.report(1.0, f"Exported {target.name}")
    return result
