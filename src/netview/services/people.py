"""People as the user names them (profile URL, key or alias), resolved many at a time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.ids import any_key
from netview.store import keys as keys_q


class UnknownPerson(NetViewError):
    pass


def normal_key(text: str) -> str:
    """The key a user's text names: a profile URL's slug, else the text as keys are kept."""
    return any_key(text) or text.strip().casefold()


def person_ids(session: Session, texts: Sequence[str]) -> list[int]:
    """The person id of each text, in order, in a few bulk queries.

    Raises UnknownPerson naming the texts nobody in the network answers to (all of them:
    a use case refuses the whole edit rather than doing part of it).
    """
    wanted = [normal_key(t) for t in texts]
    found = keys_q.ids_for_keys(session, wanted)
    missing = [t for t, k in zip(texts, wanted, strict=True) if k not in found]
    if len(missing) == 1:
        raise UnknownPerson(f"{missing[0]!r} is not in your network")
    if missing:
        shown = ", ".join(repr(t) for t in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise UnknownPerson(f"{len(missing)} people are not in your network: {shown}{more}")
    return [found[k] for k in wanted]


def person_id(session: Session, text: str) -> int:
    return person_ids(session, [text])[0]


def keys_of(session: Session, ids: Sequence[int]) -> list[str]:
    """The keys of people by id, in order (people who no longer exist are left out)."""
    found = keys_q.keys_for_ids(session, ids)
    return [found[i] for i in ids if i in found]
