"""Everything the details panel shows about one person, read in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netview.graph.network import Network
from netview.graph.strength import describe, label
from netview.services.network import LoadedNetwork
from netview.store import keys as keys_q
from netview.store import people as people_q
from netview.store import profiles as pq
from netview.store import userdata as u
from netview.store.db import Database
from netview.store.userdata import NoteRow

_KIND_WORDS = {
    "message": ("You wrote", "wrote to you"),
    "invitation": ("You invited them to connect", "invited you to connect"),
    "endorsement": ("You endorsed them", "endorsed you"),
    "recommendation": ("You recommended them", "recommended you"),
}


@dataclass(frozen=True)
class Connector:
    """Someone one ring closer to you through whom the person is reached."""

    index: int
    name: str
    key: str
    strength: float  # of the tie connector -> person
    why: str  # the hop sentence


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime | None
    text: str
    detail: str  # message text, invitation note, touch note ("" when none)


@dataclass(frozen=True)
class PersonDetails:
    index: int
    person_id: int
    key: str
    name: str
    position: str
    company: str
    headline: str
    location: str
    url: str | None  # the LinkedIn profile, for the user's browser
    degree: int  # 0 you, 1..3, -1 not connected
    strength: float | None  # of your tie with them (1st degree only)
    strength_label: str
    # Where that tie stands among yours: (1 the strongest, how many ties you have).
    strength_rank: tuple[int, int] | None
    reasons: list[str]  # the evidence behind `strength`
    connectors: list[Connector]  # strongest first (2nd degree and beyond)
    timeline: list[TimelineEvent]  # newest first
    tags: list[str]
    notes: list[NoteRow]
    cadence_days: int | None  # the person's own cadence (None: none set)
    snoozed_until: date | None
    groups: list[str]
    private: bool = False  # left out of exports and shared pictures
    # People they are tied to other than you, strongest first, each with why ("met together
    # 3 times; last 12 Nov 2026"): for your own connections, whom nobody needs to connect.
    knows: tuple[Connector, ...] = ()


def rank_among_yours(net: Network, index: int) -> tuple[int, int] | None:
    """Where your tie with `index` stands among all your ties: (1 the strongest, how many);
    ties as strong share the better place. None: no tie between you."""
    if net.tie_index(net.owner, index) is None:
        return None
    mine = net.strength[net.adjacency.edges_of(net.owner)]
    return 1 + int((mine > net.tie_strength(net.owner, index)).sum()), int(mine.size)


def _rank_json(rank: tuple[int, int] | None) -> dict[str, int] | None:
    return {"place": rank[0], "of": rank[1]} if rank is not None else None


def profile_url(key: str, url: str | None) -> str | None:
    """The stored URL, else one built from a slug key (non-slug keys contain a colon)."""
    if url:
        return url if "://" in url else f"https://{url}"
    if key and ":" not in key:
        return f"https://www.linkedin.com/in/{key}"
    return None


def key_of(db: Database, pid: int) -> str:
    with db.session() as s:
        return keys_q.keys_for_ids(s, [pid]).get(pid, "")


def profile_urls(db: Database, pids: list[int]) -> dict[int, str]:
    """person id -> LinkedIn profile URL, for those that have one."""
    out: dict[int, str] = {}
    with db.session() as s:
        found = pq.keys_and_urls(s, pids)
    for pid in pids:
        key, stored = found.get(pid, ("", None))
        url = profile_url(key, stored) if pid in found else None
        if url:
            out[pid] = url
    return out


def _timeline(
    events: list[pq.EventRow], touches: list[tuple[datetime, str | None]]
) -> list[TimelineEvent]:
    out: list[TimelineEvent] = []
    for e in events:
        mine, theirs = _KIND_WORDS.get(e.kind, (f"You: {e.kind}", e.kind))
        text = mine if e.outgoing else f"They {theirs}"
        if e.kind == "endorsement" and e.subject:
            text += f" for {e.subject}"
        out.append(TimelineEvent(e.at, text, (e.body or "").strip()))
    out.extend(TimelineEvent(at, "Contact logged", (note or "").strip()) for at, note in touches)
    out.sort(key=lambda t: t.at or datetime.min, reverse=True)
    return out


def person_details(db: Database, ln: LoadedNetwork, index: int) -> PersonDetails:
    """Profile, degree, connectors, strength with reasons, history and the user's data."""
    net = ln.net
    pid = int(net.ids[index])
    me = int(net.ids[net.owner])
    with db.session() as s:
        row = pq.profile(s, pid)
        history = pq.shared_history(s, me, pid) if pid != me else []
        touches = u.touches_of(s, pid)
        tags = u.tags_of(s, pid)
        notes = u.notes_of(s, pid)
        cadence, snoozed = u.followup_setting(s, pid)
        groups = u.groups_of(s, pid)
        private = people_q.is_private(s, pid)
        if row is None:
            key, name = keys_q.labels_of(s, [pid]).get(pid, (net.keys[index], ""))
    degree = int(net.degree[index])
    strength: float | None = None
    reasons: list[str] = []
    if degree == 1:
        strength = net.tie_strength(net.owner, index)
        reasons = [c.text for c in ln.explain(net.owner, index)]
    connectors = [
        Connector(
            int(c),
            ln.display_name(int(c)),
            net.keys[int(c)],
            net.tie_strength(int(c), index),
            ln.hop_sentence(int(c), index),
        )
        for c in net.connectors(index).tolist()
    ]
    connectors.sort(key=lambda c: (-c.strength, c.key))
    knows = [
        Connector(
            j, ln.display_name(j), net.keys[j], net.tie_strength(index, j),
            describe(ln.explain(index, j)),
        )
        for j in net.adjacency.neighbours(index).tolist()
        if j != net.owner
    ]  # fmt: skip
    knows.sort(key=lambda c: (-c.strength, c.key))
    return PersonDetails(
        index=index,
        person_id=pid,
        key=row.key if row else key,
        name=(row.name if row else name) or net.keys[index],
        position=(row.position if row else None) or "",
        company=(row.company if row else None) or "",
        headline=(row.headline if row else None) or "",
        location=(row.location if row else None) or "",
        url=profile_url(row.key if row else key, row.url if row else None),
        degree=degree,
        strength=strength,
        strength_label=label(strength, ln.weights) if strength is not None else "",
        strength_rank=rank_among_yours(net, index) if strength is not None else None,
        reasons=reasons,
        connectors=connectors,
        timeline=_timeline(history, touches),
        tags=tags,
        notes=notes,
        cadence_days=cadence,
        snoozed_until=snoozed,
        groups=groups,
        private=private,
        knows=tuple(knows) if degree == 1 else (),
    )


def summary(ln: LoadedNetwork, index: int) -> dict[str, Any]:
    """What `netview person` prints for one person: Details in brief.

    `evidence`: the sentences behind your tie (messages, meetings, e-mails…); `knows`: the
    people they are tied to other than you, strongest first, each with why.
    """
    net = ln.net
    degree = int(net.degree[index])
    tied_to_you = net.tie_index(net.owner, index) is not None
    last = ln.last_with_owner.get(index)
    knows = []
    for j in net.adjacency.neighbours(index).tolist():
        if j == net.owner:
            continue
        knows.append((-net.tie_strength(index, j), net.keys[j], describe(ln.explain(index, j))))
    knows.sort()
    return {
        "key": net.keys[index],
        "name": net.names[index] or net.keys[index],
        "degree": degree if degree >= 0 else None,
        "strength": round(net.tie_strength(net.owner, index), 4) if tied_to_you else None,
        "rank": _rank_json(rank_among_yours(net, index)),
        "last_contact": last.date().isoformat() if last is not None else None,
        "evidence": [c.text for c in ln.explain(net.owner, index) if c.kind not in ("connection",)],
        "knows": [{"key": key, "why": why} for _, key, why in knows],
    }
