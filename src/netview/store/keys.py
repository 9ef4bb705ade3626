"""People by key and keys by person, many at a time (`WHERE key IN …`, in chunks).

SQLite refuses statements with more bound variables than its limit (999 in older builds),
so every list goes in chunks that fit any build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from netview.store.models import Person, PersonAlias

CHUNK = 900
T = TypeVar("T")


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def ids_for_keys(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """key -> person id for every key (or alias) known; unknown keys are left out."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, int] = {}
    for part in chunks(wanted):
        rows = session.execute(select(Person.key, Person.id).where(Person.key.in_(part)))
        found.update((str(k), int(i)) for k, i in rows)
    rest = [k for k in wanted if k not in found]
    for part in chunks(rest):
        rows = session.execute(
            select(PersonAlias.alias, PersonAlias.person_id).where(PersonAlias.alias.in_(part))
        )
        found.update((str(k), int(i)) for k, i in rows)
    return found


def keys_for_ids(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """person id -> key for every id that exists."""
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for part in chunks(wanted):
        rows = session.execute(select(Person.id, Person.key).where(Person.id.in_(part)))
        found.update((int(i), str(k)) for i, k in rows)
    return found
