"""`netview sources`, `netview forget`, `netview private`, `netview delete-person`.

Forgetting is for when a colleague withdraws consent to their shared export: their source
goes, with everything only it provided (netview.store.forget).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import PurePath
from typing import Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.progress import Progress
from netview.services.identity.people import find_person
from netview.services.importing import evidence
from netview.store import evidence as evidence_q
from netview.store import keys as keys_q
from netview.store import people as people_q
from netview.store import sources as sources_q
from netview.store import team
from netview.store.db import Database
from netview.store.forget import Forgotten, forget_source
from netview.store.team import admin_only


def list_sources(db: Database) -> list[dict[str, Any]]:
    with db.session() as session:
        return [asdict(s) for s in sources_q.list_sources(session)]


def forget(db: Database, ref: str, progress: Progress | None = None) -> Forgotten:
    """Forget the source `ref`: its id, its label (the file name it was imported from), or
    a path to that file (`netview forget ~/Downloads/their-export.zip`).

    In a team database a member forgets their own calendars, mailboxes and address books
    (the server's function does it); any other source only the admin may forget: a
    member's attempt is refused by the server."""
    with admin_only(f"forget shared sources (here {ref})"), db.write(progress) as session:
        if ref.isdigit() and sources_q.source_exists(session, int(ref)):
            found = [int(ref)]
        else:
            found = sources_q.source_ids_by_label(session, ref)
            name = PurePath(ref.rstrip("/\\")).name
            if not found and name and name != ref:
                found = sources_q.source_ids_by_label(session, name)
        if not found:
            raise NetViewError(f"no source {ref!r}; `netview sources` lists them")
        if len(found) > 1:
            raise NetViewError(f"{len(found)} sources are labelled {ref!r}; give the id instead")
        attached = evidence.attachments_of(session, found[0])
        before = evidence_q.counts(session)
        if team.own_evidence_source(session, found[0]):
            label = next(
                (s.label for s in sources_q.list_sources(session) if s.id == found[0]), ref
            )
            team.forget_own_on_server(session, found[0])
            forgotten = Forgotten(found[0], label, 0, 0, 0)
        else:
            forgotten = forget_source(session, found[0])
        # An address you attached by hand that only this file named goes with it.
        evidence.drop_unnamed_attachments(session, attached)
        # Meetings and e-mails are no interactions: without these the line for a calendar
        # said "removed 0 people, 0 ties, 0 interactions" while all its meetings went.
        after = evidence_q.counts(session)
        forgotten.meetings = before["meetings"] - after["meetings"]
        forgotten.emails = before["emails"] - after["emails"]
    # The map kept for the next start still names the people just forgotten: gone too.
    from netview.services.mapping import mapcache

    mapcache.forget(db)
    return forgotten


def _person(db_session: Session, key: str) -> int:
    # A key as the user may type it: the slug, a profile URL or a non-slug key.
    pid = find_person(db_session, key)
    if pid is None:
        raise NetViewError(f"no person with key {key!r}")
    return pid


def mark_private(session: Session, key: str, private: bool = True) -> tuple[str, str]:
    """Mark a person private (kept out of every export and shared picture); (key, name)."""
    pid = _person(session, key)
    people_q.set_private(session, pid, private)
    return keys_q.labels_of(session, [pid])[pid]


def set_private(db: Database, key: str, private: bool = True) -> tuple[str, str]:
    with db.write() as session:
        return mark_private(session, key, private)


def delete_person(db: Database, key: str, progress: Progress | None = None) -> tuple[str, str]:
    """Delete a person and everything about them; (key, name) of who was deleted.

    In a team database only the admin may: a member's attempt is refused by the server."""
    with admin_only(f"delete shared people (here {key})"), db.write(progress) as session:
        pid = _person(session, key)
        label = keys_q.labels_of(session, [pid])[pid]
        people_q.delete_person(session, pid)
        return label
