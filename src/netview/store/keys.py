"""People by key and keys by person, many at a time (`WHERE key IN …`, in chunks): the
store's one person lookup (a key or an alias), and its one reader of who an id is.

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


def id_for_key(session: Session, key: str) -> int | None:
    """The person whose key (or alias) is `key`, exactly as given."""
    return ids_for_keys(session, [key]).get(key)


def labels_of(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """person id -> (key, name) for every id that exists ("" for a person without a name)."""
    wanted = sorted(set(ids))
    found: dict[int, tuple[str, str]] = {}
    for part in chunks(wanted):
        stmt = select(Person.id, Person.key, Person.name).where(Person.id.in_(part))
        rows = session.execute(stmt)
        found.update((int(i), (str(k), str(n or ""))) for i, k, n in rows)
    return found


def keys_for_ids(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """person id -> key for every id that exists."""
    return {i: key for i, (key, _name) in labels_of(session, ids).items()}
