"""Shared set-up for export tests: the network-2024 sample with user data added by hand."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from tests.services.conftest import sample_zips

from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.store.models import (
    FollowUp,
    Group,
    GroupMember,
    Note,
    Person,
    PersonTag,
    Tag,
    Touch,
)

NOTE = "Met at the harbour conference; owes me a coffee"
GROUP = "Climbing club"


def build(path: Path) -> Path:
    """Import the sample and add groups, tags, notes, follow-ups and a touch."""
    db = open_database(path)
    import_paths(db, sample_zips("network-2024"))
    with db.session() as s:
        first = s.scalars(select(Person).order_by(Person.id).offset(1).limit(3)).all()
        now = datetime(2026, 11, 1, 9, 30)
        s.add(Group(id=1, name=GROUP, color="#aa3355", cadence_days=90, created_at=now))
        s.add(Tag(id=1, name="mentor"))
        s.flush()
        for p in first:
            s.add(GroupMember(group_id=1, person_id=p.id))
        s.add(PersonTag(person_id=first[0].id, tag_id=1))
        s.add(Note(person_id=first[0].id, body=NOTE, created_at=now, updated_at=now))
        s.add(FollowUp(person_id=first[1].id, cadence_days=30, snoozed_until=date(2027, 1, 5)))
        s.add(Touch(person_id=first[2].id, at=now, note="coffee"))
    db.dispose()
    return path


def copy_db(src: Path, dst: Path) -> Path:
    for f in src.parent.glob(src.name + "*"):
        shutil.copy(f, dst.parent / f.name.replace(src.name, dst.name))
    return dst
