"""Ties from other tools (GraphML, GEXF, edge-list CSV) as one more source.

A node is a known person when its profile URL says so (a url/URL/linkedin attribute, or
the node id itself); otherwise it becomes a new person under a key scoped to this file
("ext:<file hash>:<node id>"), since a bare node id means nothing outside its file. The
file is a source like an archive: `netview forget` takes back everything only it gave.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from netview.core import ids
from netview.io.graphdata import Node
from netview.io.interop import InteropFile
from netview.services.importing.import_report import ImportReport
from netview.store import importing as q

URL_ATTRS = ("url", "linkedin", "linkedin_url", "profile", "profile_url", "link")
EXT_PREFIX = "ext:"


def _profile(node: Node) -> str | None:
    for name, value in node.attrs.items():
        if name.lower() in URL_ATTRS and isinstance(value, str):
            key = ids.any_key(value)
            if key:
                return key
    return ids.any_key(node.id)


def _text(node: Node, *names: str) -> str | None:
    for name, value in node.attrs.items():
        if name.lower() in names and isinstance(value, str) and value.strip():
            return value.strip()
    return None


def import_file(session: Session, f: InteropFile) -> ImportReport:
    """Write one read file; the caller's transaction makes it all or nothing."""
    report = ImportReport(f.shown or f.label, "unchanged", role="file", era=f.kind)
    if q.source_id_by_hash(session, f.content_hash) is not None:
        report.warnings.append("already imported: nothing changed")
        return report
    report.status = "imported"
    keys, aliases = q.person_keys(session), q.person_aliases(session)
    next_person = q.next_id(session, q.person_t.c.id)
    source_id = q.next_id(session, q.source_t.c.id)
    now = datetime.now().replace(microsecond=0)
    scope = f"{EXT_PREFIX}{f.content_hash[:12]}:"

    person_of: dict[str, int] = {}
    new_people: list[dict[str, Any]] = []
    matched = 0
    for node in f.graph.nodes:
        if node.id in person_of:
            continue
        key = _profile(node) or scope + node.id
        pid = keys.get(key) or aliases.get(key)
        if pid is not None:
            matched += 1
        else:
            pid = keys[key] = next_person
            next_person += 1
            name = node.label.strip() or _text(node, "name", "label") or ""
            if not name and not ids.any_key(node.id):
                name = node.id
            first, _, last = name.partition(" ")
            new_people.append(
                {
                    "id": pid,
                    "key": key,
                    "first_name": first,
                    "last_name": last,
                    "name": name,
                    "name_key": ids.name_key(name),
                    "url": ids.profile_url(key),
                    "email": None,
                    "company": _text(node, "company"),
                    "position": _text(node, "position", "title"),
                    "headline": None,
                    "location": None,
                    "info_as_of": None,
                    "created_at": now,
                }
            )
        person_of[node.id] = pid

    q.insert_rows(session, q.person_t, new_people)
    q.insert_rows(
        session,
        q.source_t,
        [
            {
                "id": source_id,
                "kind": f.kind,
                "label": f.label,
                "content_hash": f.content_hash,
                "owner_id": None,
                "era": None,
                "exported_on": None,
                "imported_at": now,
                "report": None,
            }
        ],
    )
    q.insert_ignore(
        session,
        q.psource_t,
        [{"person_id": pid, "source_id": source_id} for pid in sorted(set(person_of.values()))],
    )

    known = q.ties_map(session)
    weights: dict[tuple[int, int], float | None] = {}
    for e in f.graph.edges:
        a, b = person_of[e.source], person_of[e.target]
        if a == b:
            continue
        pair = (min(a, b), max(a, b))
        if pair not in weights or (e.weight or 0) > (weights[pair] or 0):
            weights[pair] = e.weight
    tie_id = q.next_id(session, q.tie_t.c.id)
    new_ties, links = [], []
    for (a, b), weight in weights.items():
        found = known.get((a, b))
        if found is None:
            tid = tie_id
            tie_id += 1
            new_ties.append({"id": tid, "a_id": a, "b_id": b, "connected_on": None})
        else:
            tid = found[0]
        links.append(
            {"tie_id": tid, "source_id": source_id, "connected_on": None, "weight": weight}
        )
    q.insert_rows(session, q.tie_t, new_ties)
    q.insert_ignore(session, q.tie_source_t, links)
    report.added = {"people": len(new_people), "ties": len(new_ties)}
    if matched:
        report.warnings.append(f"{matched} people matched to people already known")
    # Kept with the source, as an archive's is, for File > Sources… > Report….
    q.set_source_report(session, source_id, json.dumps(report.to_dict(), default=str))
    return report
