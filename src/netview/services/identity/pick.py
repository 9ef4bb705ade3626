"""Choosing a person already known by name, company or key (e.g. the owner of an archive).

Names go through netview.services.identity.matcher, the one name matcher; people whose name matches
the name an archive's Profile.csv gives come first, since they are most likely its owner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from netview.core import ids
from netview.services.identity.matcher import NameIndex, similar_name
from netview.store import people as people_q
from netview.store.db import Database

MATCH = 80  # WRatio below which a company or key does not match what was typed


@dataclass(frozen=True)
class Choice:
    key: str
    name: str
    company: str
    url: str | None  # None: no slug key, so no profile address to name them by


@dataclass(frozen=True)
class Candidate(Choice):
    """Someone a correspondent may be: what tells namesakes apart comes along."""

    person_id: int
    position: str
    headline: str

    def described(self) -> str:
        """ "Sales Lead at Initech · Helping teams sell" (what is known, without repeats)."""
        role = " at ".join(x for x in (self.position, self.company) if x)
        more = self.headline if self.headline and self.headline != role else ""
        return " · ".join(x for x in (role, more) if x)


def people_to_attach(db: Database) -> list[Candidate]:
    """Everyone but you, for attaching an address from your own evidence to one of them."""
    with db.session() as session:
        rows = people_q.people_described(session)
    return [Candidate(k, n, c, ids.profile_url(k), pid, p, h) for pid, k, n, c, p, h in rows]


def people_to_pick(db: Database) -> list[Choice]:
    with db.session() as session:
        rows = people_q.people_brief(session)
    return [Choice(k, n, c or "", ids.profile_url(k)) for k, n, c in rows]


def rank(
    people: Sequence[Choice], query: str, profile_name: str | None, limit: int = 200
) -> list[Choice]:
    """Who to offer for `query` (all when empty), best first, at most `limit`.

    Names are matched by netview.services.identity.matcher like everywhere else; company and key
    are matched on their own (a short query must not match by spreading over all three).
    Without a query, people named as in Profile.csv lead; with one, the closer matches,
    Profile.csv's namesakes first among equals.
    """
    if query.strip():
        best: dict[int, float] = {}
        for i, score in NameIndex([p.name for p in people]).find(query, limit=None):
            best[i] = score
        for field in ("company", "key"):
            found = process.extract(
                query,
                [getattr(p, field) for p in people],
                scorer=fuzz.WRatio,
                processor=utils.default_process,
                score_cutoff=MATCH,
                limit=None,
            )
            for _, score, i in found:
                best[i] = max(best.get(i, 0.0), score)
        scored = [(people[i], score) for i, score in best.items()]
        scored.sort(key=lambda ps: (-ps[1], not similar_name(ps[0].name, profile_name), ps[0].name))
    else:
        scored = [(p, 0.0) for p in people]
        scored.sort(key=lambda ps: (not similar_name(ps[0].name, profile_name), ps[0].name))
    return [p for p, _ in scored[:limit]]
