"""Load the whole network from the database into analytics form, in a few bulk queries."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.progress import NoProgress, Progress, check
from netview.graph.groups import company_key
from netview.graph.network import Network, make_network
from netview.graph.strength import (
    WEIGHTS,
    Component,
    PairEvidence,
    Weights,
    components,
    describe,
    label,
    tie_strengths,
)
from netview.store import network as q
from netview.store.db import Database


class NoOwner(NetViewError):
    def __init__(self) -> None:
        super().__init__(
            "the database does not know who you are yet: import your own LinkedIn export first"
        )


@dataclass
class LoadedNetwork:
    """The graph plus the evidence behind every tie, as of `today`."""

    net: Network
    today: date
    evidence: dict[int, PairEvidence]  # by tie number, only ties with interactions
    connected_day: npt.NDArray[np.float64]  # by tie number: date.toordinal(), NaN unknown
    company_keys: list[str]  # by person index
    # Newest interaction of any kind between you and each person (by index), either way.
    last_with_owner: dict[int, datetime] = field(default_factory=dict)
    weights: Weights = WEIGHTS
    # Results computed from this network alone (e.g. communities), by name.
    cache: dict[str, object] = field(default_factory=dict, repr=False)

    def connected_on(self, k: int) -> date | None:
        """The date tie k was made, when any export gives it."""
        day = float(self.connected_day[k])
        return None if np.isnan(day) else date.fromordinal(round(day))

    def same_company(self, i: int, j: int) -> str | None:
        ki = self.company_keys[i]
        if ki and ki == self.company_keys[j]:
            return self.net.companies[i] or self.net.companies[j]
        return None

    def display_name(self, i: int) -> str:
        if i == self.net.owner:
            return "you"
        return self.net.names[i] or self.net.keys[i]

    def explain(self, i: int, j: int) -> list[Component]:
        """The evidence of the tie i–j, in sentences naming i and j ("you" for the owner)."""
        k = self.net.tie_index(i, j)
        if k is None:
            return []
        a, b = int(self.net.tie_a[k]), int(self.net.tie_b[k])
        ev = self.evidence.get(k)
        parts = components(
            ev,
            self.connected_on(k),
            self.same_company(a, b),
            self.today,
            self.display_name(a),
            self.display_name(b),
            self.weights,
        )
        return parts

    def hop_sentence(self, i: int, j: int) -> str:
        """'You → Ana Silva: strong tie (0.74): 12 messages, both ways, last 3 weeks ago'."""
        s = self.net.tie_strength(i, j)
        first = self.display_name(i)
        first = first[0].upper() + first[1:] if first else first
        return (
            f"{first} → {self.display_name(j)}: {label(s, self.weights)} tie ({s:.2f}): "
            f"{describe(self.explain(i, j))}"
        )


def _company_keys(companies: list[str | None]) -> list[str]:
    cache: dict[str | None, str] = {}
    out = []
    for c in companies:
        k = cache.get(c)
        if k is None:
            k = cache[c] = company_key(c)
        out.append(k)
    return out


def _index(
    ids_sorted: npt.NDArray[np.int64], values: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    return np.searchsorted(ids_sorted, values).astype(np.int64)


def load_network(
    db: Database,
    *,
    today: date | None = None,
    weights: Weights = WEIGHTS,
    progress: Progress | None = None,
    session: Session | None = None,
) -> LoadedNetwork:
    """Everything analytics needs, from five bulk queries (people, ties, interactions...).

    `progress` is checked between the steps: a load nobody wants any more (the document
    has moved on) stops there with Cancelled. `session`: read in a transaction the caller
    holds (an export reads everything it writes in one), else in a session of its own.
    """
    today = today or date.today()
    progress = progress or NoProgress()
    with nullcontext(session) if session is not None else db.session() as s:
        me = q.owner_id(s)
        people = q.people_columns(s)
        check(progress)
        ties = q.tie_columns(s)
        check(progress)
        aggregates = q.pair_aggregates(s)
        check(progress)
        touches = q.last_touches(s)
    check(progress)
    if me is None:
        raise NoOwner()
    ids = people.ids  # ordered by id, so searchsorted maps ids to indices
    owner = int(np.searchsorted(ids, me))
    if owner >= ids.size or ids[owner] != me:
        raise NoOwner()
    a = _index(ids, ties.a_ids)
    b = _index(ids, ties.b_ids)
    ckeys = _company_keys(people.companies)
    numbers: dict[str, int] = {"": 0}
    ck = np.array([numbers.setdefault(k, len(numbers)) for k in ckeys], dtype=np.int64)
    same = (ck[a] == ck[b]) & (ck[a] != 0)

    # Every interaction pair's people and tie at once: ids -> indices by bisection over the
    # id-ordered people, pairs -> tie number by bisection over sorted pair codes lo * n + hi.
    n = int(ids.size)

    def indices_of(pids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        pos = np.minimum(np.searchsorted(ids, pids), max(n - 1, 0))
        return np.where(ids[pos] == pids, pos, -1) if n else np.full(pids.size, -1)

    tie_codes = np.minimum(a, b) * n + np.maximum(a, b)
    tie_order = np.argsort(tie_codes, kind="stable")
    tie_codes = tie_codes[tie_order]
    act = indices_of(aggregates.actor_ids)
    tgt = indices_of(aggregates.target_ids)
    codes = np.minimum(act, tgt) * n + np.maximum(act, tgt)
    hit = np.minimum(np.searchsorted(tie_codes, codes), max(tie_codes.size - 1, 0))
    found = (tie_codes[hit] == codes) if tie_codes.size else np.zeros(codes.size, dtype=bool)
    tie_for = np.where(
        found & (act >= 0) & (tgt >= 0), tie_order[hit] if tie_codes.size else -1, -1
    )

    evidence: dict[int, PairEvidence] = {}
    last_with_owner: dict[int, datetime] = {}
    for ia, it, k, kind, count, first_at, last_at, with_text in zip(
        act.tolist(),
        tgt.tolist(),
        tie_for.tolist(),
        aggregates.kinds,
        aggregates.counts,
        aggregates.first_at,
        aggregates.last_at,
        aggregates.with_text,
        strict=True,
    ):
        if ia < 0 or it < 0:
            continue
        if last_at is not None and owner in (ia, it):
            other = it if ia == owner else ia
            prev = last_with_owner.get(other)
            if prev is None or last_at > prev:
                last_with_owner[other] = last_at
        lo = min(ia, it)
        if k < 0:
            continue  # a message to someone not connected: no tie to strengthen
        ev = evidence.setdefault(k, PairEvidence())
        forward = ia == lo  # actor is the tie's "a" end
        if last_at is not None and (ev.last_any is None or last_at > ev.last_any):
            ev.last_any = last_at
        if kind == "message":
            if forward:
                ev.messages_ab += count
            else:
                ev.messages_ba += count
            if last_at is not None and (ev.last_message is None or last_at > ev.last_message):
                ev.last_message = last_at
        elif kind == "recommendation":
            years = sorted({d.year for d in (first_at, last_at) if d is not None})
            (ev.recommended_ab if forward else ev.recommended_ba).extend(years or [0])
        elif kind == "endorsement":
            if forward:
                ev.endorsements_ab += count
            else:
                ev.endorsements_ba += count
        elif kind == "invitation" and with_text:
            ev.invitation_note_by = "a" if forward else "b"
    touch_index = indices_of(np.array(list(touches), dtype=np.int64))
    for i, at in zip(touch_index.tolist(), touches.values(), strict=True):
        if i >= 0 and (i not in last_with_owner or at > last_with_owner[i]):
            last_with_owner[i] = at

    check(progress)
    strength = tie_strengths(ties.connected_day, same, evidence, today, weights)
    net = make_network(
        ids, people.keys, people.names, people.companies, people.positions, owner, a, b, strength
    )
    return LoadedNetwork(
        net=net,
        today=today,
        evidence=evidence,
        connected_day=ties.connected_day,
        company_keys=ckeys,
        last_with_owner=last_with_owner,
        weights=weights,
    )
