"""Databases filled directly through the models (no importer): truth.json networks."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from netview.store.db import Database, open_database
from netview.store.models import Interaction, InteractionTarget, InteractionText, Meta, Person, Tie
from tests.samples import SAMPLE_NAMES as SAMPLE_NAMES
from tests.samples import SAMPLES as SAMPLES
from tests.samples import truth as truth

NOW = datetime(2026, 11, 20, 12, 0)


def name_of(key: str) -> str:
    """ "ana-silva-1a2b3" -> "Ana Silva" (the hex tail is the slug's disambiguator)."""
    words = key.split("-")[:-1] or [key]
    return " ".join(w[:1].upper() + w[1:] for w in words)


class Filler:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: dict[str, int] = {}
        self._n = 0

    def person(
        self,
        key: str,
        *,
        name: str | None = None,
        company: str | None = None,
        position: str | None = None,
    ) -> int:
        if key in self.ids:
            return self.ids[key]
        with self.db.session() as s:
            p = Person(
                key=key,
                name=name or name_of(key),
                company=company,
                position=position,
                created_at=NOW,
            )
            s.add(p)
            s.flush()
            self.ids[key] = p.id
        return self.ids[key]

    def owner(self, key: str) -> int:
        pid = self.person(key)
        with self.db.session() as s:
            s.merge(Meta(key="me_person_id", value=str(pid)))
        return pid

    def tie(self, x: str, y: str, connected_on: date | None = None) -> None:
        a, b = sorted((self.person(x), self.person(y)))
        with self.db.session() as s:
            s.add(Tie(a_id=a, b_id=b, connected_on=connected_on))

    def interaction(
        self, kind: str, actor: str, target: str, at: datetime, body: str | None = None
    ) -> None:
        self._n += 1
        dedup = hashlib.sha1(f"{self._n}{kind}{actor}{target}{at}".encode()).hexdigest()
        with self.db.session() as s:
            i = Interaction(kind=kind, actor_id=self.person(actor), occurred_at=at, dedup=dedup)
            s.add(i)
            s.flush()
            s.add(InteractionTarget(interaction_id=i.id, person_id=self.person(target)))
            if body is not None:
                s.add(InteractionText(interaction_id=i.id, body=body))


def truth_db(path: Path, sample: str) -> tuple[Database, dict[str, Any]]:
    """The sample's real ties, plus one message pair at each person's last_message date."""
    t = truth(sample)
    db = open_database(path)
    f = Filler(db)
    f.owner(t["owner"])
    for key in sorted(t["degree"]):
        f.person(key)
    for x, y in t["edges"]:
        f.tie(x, y)
    for key, day in sorted(t["last_message"].items()):
        at = datetime.combine(date.fromisoformat(day), time(9, 30))
        f.interaction("message", t["owner"], key, at.replace(hour=8))
        f.interaction("message", key, t["owner"], at)
    return db, t
