"""Load the whole network from the database into analytics form, in a few bulk queries."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.evidence import SMALL
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
from netview.store import evidence as evidence_q
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
    # By tie number: a LinkedIn connection (or a tie another tool's file gives); False for a
    # tie only your own evidence makes (calendar, mailbox). None: every tie is one.
    linkedin: npt.NDArray[np.bool_] | None = None
    # Your own calendar, mailbox or group chats shaped it (ties, strengths, hence communities
    # and positions): then it is never what a file made for someone else is drawn from.
    own_evidence: bool = False
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
            self.is_linkedin(k),
        )
        return parts

    def is_linkedin(self, k: int) -> bool:
        return True if self.linkedin is None else bool(self.linkedin[k])

    def hop_sentence(self, i: int, j: int, *, score: bool = True) -> str:
        """'You → Ana Silva: strong tie (0.74): 12 messages, both ways, last 3 weeks ago';
        without `score` (the app, which says a tie's strength in words only) no '(0.74)'."""
        s = self.net.tie_strength(i, j)
        # "You" opens the sentence; a name stays as its owner spells it ("x1", "danah boyd").
        first = "You" if i == self.net.owner else self.display_name(i)
        number = f" ({s:.2f})" if score else ""
        return (
            f"{first} → {self.display_name(j)}: {label(s, self.weights)} tie{number}: "
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
    evidence: bool = True,
) -> LoadedNetwork:
    """Everything analytics needs, from five bulk queries (people, ties, interactions...).

    `progress` is checked between the steps: a load nobody wants any more (the document
    has moved on) stops there with Cancelled. `session`: read in a transaction the caller
    holds (an export reads everything it writes in one), else in a session of its own.
    `evidence` False leaves out what your own calendar and mailbox say: what a file or
    picture made for someone else is drawn from.
    """
    today = today or date.today()
    progress = progress or NoProgress()
    with nullcontext(session) if session is not None else db.session() as s:
        me = q.owner_id(s)
        # Without your evidence, without the contacts you kept from it too.
        people = q.people_columns(s, own_contacts=evidence)
        check(progress)
        ties = q.tie_columns(s)
        check(progress)
        aggregates = q.pair_aggregates(s)
        check(progress)
        touches = q.last_touches(s)
        took_part = evidence_q.participation(s) if evidence else None
        # LinkedIn group conversations say who knows whom as small meetings do.
        chats = evidence_q.group_conversations(s, SMALL) if evidence else []
    check(progress)
    if me is None:
        raise NoOwner()
    ids = people.ids  # ordered by id, so searchsorted maps ids to indices
    owner = int(np.searchsorted(ids, me))
    if owner >= ids.size or ids[owner] != me:
        raise NoOwner()
    # Ties of people left out (a kept contact merged with someone, say) are left out too.
    kept = np.isin(ties.a_ids, ids) & np.isin(ties.b_ids, ids)
    a = _index(ids, ties.a_ids[kept])
    b = _index(ids, ties.b_ids[kept])
    connected_day = ties.connected_day[kept]
    pairs: dict[tuple[int, int], PairEvidence] = {}
    linkedin: npt.NDArray[np.bool_] | None = None
    if took_part is not None and (took_part.item or chats):
        pairs = evidence_pairs(took_part, ids, owner)
        _group_pairs(pairs, chats, ids, owner)
        a, b, connected_day, linkedin = _with_evidence_ties(a, b, connected_day, pairs)
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

    by_tie: dict[int, PairEvidence] = {}
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
        ev = by_tie.setdefault(k, PairEvidence())
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
    tie_pairs = zip(a.tolist(), b.tolist(), strict=True) if pairs else iter(())
    for k, (lo, hi) in enumerate(tie_pairs):
        mine = pairs.get((lo, hi) if lo < hi else (hi, lo))
        if mine is None:
            continue
        ev = by_tie.setdefault(k, PairEvidence())
        _add_evidence(ev, mine)
        if mine.with_owner and (mine.last_met or mine.last_mailed):
            other = hi if lo == owner else lo
            last = max(d for d in (mine.last_met, mine.last_mailed) if d is not None)
            if other not in last_with_owner or last > last_with_owner[other]:
                last_with_owner[other] = last
    touch_index = indices_of(np.array(list(touches), dtype=np.int64))
    for i, at in zip(touch_index.tolist(), touches.values(), strict=True):
        if i >= 0 and (i not in last_with_owner or at > last_with_owner[i]):
            last_with_owner[i] = at

    check(progress)
    strength = tie_strengths(connected_day, same, by_tie, today, weights, linkedin)
    net = make_network(
        ids, people.keys, people.names, people.companies, people.positions, owner, a, b, strength
    )
    return LoadedNetwork(
        net=net,
        today=today,
        evidence=by_tie,
        connected_day=connected_day,
        company_keys=ckeys,
        last_with_owner=last_with_owner,
        weights=weights,
        linkedin=linkedin,
        own_evidence=bool(pairs),
    )


# --- your own evidence --------------------------------------------------------------------


def evidence_pairs(
    took: evidence_q.Participation, ids: npt.NDArray[np.int64], owner: int
) -> dict[tuple[int, int], PairEvidence]:
    """(lo, hi) person indices -> what your meetings and e-mails say of the two: you and each
    person in an item; every two people in the same item (all items are small ones)."""
    n = int(ids.size)
    pos = np.minimum(np.searchsorted(ids, np.array(took.person, dtype=np.int64)), max(n - 1, 0))
    index = np.where(ids[pos] == np.array(took.person, dtype=np.int64), pos, -1)
    people: dict[int, list[int]] = {}
    for item, i in zip(took.item, index.tolist(), strict=True):
        if i >= 0 and i != owner:
            people.setdefault(item, []).append(i)
    out: dict[tuple[int, int], PairEvidence] = {}
    for item, members in people.items():
        at = took.at[item]
        meeting = took.kind[item] == "meeting"
        members = sorted(set(members))
        for x, i in enumerate(members):
            _count(out, owner, i, at, meeting, with_owner=True)
            for j in members[x + 1 :]:
                _count(out, i, j, at, meeting, with_owner=False)
    return out


def own_evidence_ties(session: Session, me: int) -> list[tuple[int, int]]:
    """(person id, person id) of every pair your own meetings, e-mails and LinkedIn group
    conversations tie, as load_network adds them to the map (you and everyone you met or
    e-mailed among them): `netview stats` counts degrees over the same ties as the map."""
    took = evidence_q.participation(session)
    chats = evidence_q.group_conversations(session, SMALL)
    if not took.item and not chats:
        return []
    everyone = [me, *took.person, *(p for members, _, _ in chats for p in members)]
    ids = np.unique(np.array(everyone, dtype=np.int64))
    owner = int(np.searchsorted(ids, me))
    pairs = evidence_pairs(took, ids, owner)
    _group_pairs(pairs, chats, ids, owner)
    return [(int(ids[i]), int(ids[j])) for i, j in sorted(pairs)]


def _group_pairs(
    out: dict[tuple[int, int], PairEvidence],
    chats: list[tuple[list[int], datetime, int]],
    ids: npt.NDArray[np.int64],
    owner: int,
) -> None:
    """Every two people (other than you) in the same LinkedIn group conversation."""
    n = int(ids.size)
    for members, last, _messages in chats:
        found = np.array(members, dtype=np.int64)
        pos = np.minimum(np.searchsorted(ids, found), max(n - 1, 0))
        people = sorted({int(p) for p, ok in zip(pos, ids[pos] == found, strict=True) if ok})
        people = [p for p in people if p != owner]
        for x, i in enumerate(people):
            for j in people[x + 1 :]:
                ev = out.setdefault((i, j), PairEvidence())
                ev.grouped += 1
                if ev.last_grouped is None or last > ev.last_grouped:
                    ev.last_grouped = last


def _count(
    out: dict[tuple[int, int], PairEvidence],
    i: int,
    j: int,
    at: datetime,
    meeting: bool,
    *,
    with_owner: bool,
) -> None:
    ev = out.setdefault((min(i, j), max(i, j)), PairEvidence(with_owner=with_owner))
    if meeting:
        ev.met += 1
        if ev.last_met is None or at > ev.last_met:
            ev.last_met = at
    else:
        ev.mailed += 1
        if ev.last_mailed is None or at > ev.last_mailed:
            ev.last_mailed = at


def _add_evidence(ev: PairEvidence, mine: PairEvidence) -> None:
    ev.with_owner = mine.with_owner
    ev.met, ev.last_met = mine.met, mine.last_met
    ev.mailed, ev.last_mailed = mine.mailed, mine.last_mailed
    ev.grouped, ev.last_grouped = mine.grouped, mine.last_grouped
    for last in (mine.last_met, mine.last_mailed, mine.last_grouped):
        if last is not None and (ev.last_any is None or last > ev.last_any):
            ev.last_any = last


def _with_evidence_ties(
    a: npt.NDArray[np.int64],
    b: npt.NDArray[np.int64],
    connected_day: npt.NDArray[np.float64],
    pairs: dict[tuple[int, int], PairEvidence],
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.bool_]
]:
    """The LinkedIn ties plus a tie for every pair your evidence links and LinkedIn does not."""
    have = set(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), strict=True))
    new = sorted(p for p in pairs if p not in have)
    extra_a = np.array([p[0] for p in new], dtype=np.int64)
    extra_b = np.array([p[1] for p in new], dtype=np.int64)
    linkedin = np.concatenate([np.ones(a.size, dtype=np.bool_), np.zeros(len(new), np.bool_)])
    days = np.concatenate([connected_day, np.full(len(new), np.nan)])
    return np.concatenate([a, extra_a]), np.concatenate([b, extra_b]), days, linkedin
