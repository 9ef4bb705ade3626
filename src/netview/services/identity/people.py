"""People as the user names them (profile URL, key or alias), resolved many at a time.

The one person resolver: every command and edit that takes a person as typed goes through
`find_person` or `person_ids`, so a key means the same person everywhere.
"""

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


def key_candidates(text: str) -> list[str]:
    """What a typed person may be, in order: the text as given (a key kept as it was
    written), then its normal form (normal_key)."""
    exact, normal = text.strip(), normal_key(text)
    return [exact, normal] if exact != normal else [normal]


def _resolve(session: Session, texts: Sequence[str]) -> list[int | None]:
    candidates = [key_candidates(t) for t in texts]
    found = keys_q.ids_for_keys(session, [k for ks in candidates for k in ks])
    return [next((found[k] for k in ks if k in found), None) for ks in candidates]


def find_person(session: Session, text: str) -> int | None:
    """The person a profile URL, key or alias names; None when nobody answers to it."""
    return _resolve(session, [text])[0]


def person_ids(session: Session, texts: Sequence[str]) -> list[int]:
    """The person id of each text, in order, in a few bulk queries.

    Raises UnknownPerson naming the texts nobody in the network answers to (all of them:
    a use case refuses the whole edit rather than doing part of it).
    """
    resolved = _resolve(session, texts)
    missing = [t for t, pid in zip(texts, resolved, strict=True) if pid is None]
    if len(missing) == 1:
        raise UnknownPerson(f"{missing[0]!r} is not in your network")
    if missing:
        shown = ", ".join(repr(t) for t in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise UnknownPerson(f"{len(missing)} people are not in your network: {shown}{more}")
    return [pid for pid in resolved if pid is not None]


def person_id(session: Session, text: str) -> int:
    return person_ids(session, [text])[0]


def keys_of(session: Session, ids: Sequence[int]) -> list[str]:
    """The keys of people by id, in order (people who no longer exist are left out)."""
    found = keys_q.keys_for_ids(session, ids)
    return [found[i] for i in ids if i in found]
