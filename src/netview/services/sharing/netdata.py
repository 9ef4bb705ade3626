"""The network as exports see it: people with their degree, groups, contacts and drawing.

This is the seam between exports and analytics: every writer reads `Network`. With an
owner, tie strength, communities (Leiden), last contact and follow-up due dates come from
the analytics services (netview.services.network, .groups, .followups); position, colour
and size from the map's view-model, so files show the map the user sees. Without an owner
(a database of tool files only) the analytics cannot run and simpler stand-ins are used:
strength counts interactions, community is the map's sector. Communities carry the names the
map and `netview groups` show.

The app hands in what its document has loaded (the analytics network and the map model the
user sees, coloured as View › Colour By says): nothing is loaded twice, and everything else
is read in one transaction, the caller's when it holds one.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from netview.core.progress import NoProgress, Progress
from netview.store import export as q
from netview.store.db import Database
from netview.store.importing import me_id

if TYPE_CHECKING:
    from netview.services.followups.cadence import FollowUpRow
    from netview.services.mapping.mapmodel import MapModel
    from netview.services.network import LoadedNetwork


@dataclass
class PersonOut:
    id: int
    key: str
    name: str
    first_name: str
    last_name: str
    url: str | None
    email: str | None
    company: str | None
    position: str | None
    headline: str | None
    location: str | None
    private: bool
    degree: int | None  # None: not connected to you
    groups: list[str] = field(default_factory=list)
    community: str = ""
    strength: float = 0.0  # of the tie with you: 0..1 (analytics), else interactions counted
    last_contact: datetime | None = None
    cadence_days: int | None = None
    snoozed_until: date | None = None
    followup_due: date | None = None  # from the follow-ups service, when it ran
    notes: list[str] = field(default_factory=list)
    connectors: list[int] = field(default_factory=list)  # 1st-degree people who link you
    x: float | None = None
    y: float | None = None
    color: tuple[int, int, int] | None = None
    size: float | None = None

    @property
    def due(self) -> date | None:
        """When a follow-up is due: cadence after the last contact (now if never), or snooze."""
        if self.followup_due is not None:
            return self.followup_due
        if not self.cadence_days:
            return None
        day = (
            (self.last_contact + timedelta(days=self.cadence_days)).date()
            if self.last_contact
            else date.today()
        )
        if self.snoozed_until and self.snoozed_until > day:
            day = self.snoozed_until
        return day


@dataclass
class TieOut:
    a: int
    b: int
    connected_on: date | None
    strength: float  # 0..1 (analytics), else interactions between the two


@dataclass
class Network:
    me: int | None
    people: list[PersonOut]
    ties: list[TieOut]
    group_colors: dict[str, str | None]


def _connectors(degree: dict[int, int], adjacent: dict[int, list[int]]) -> dict[int, set[int]]:
    """For each person, the 1st-degree people on the shortest paths from you."""
    found: dict[int, set[int]] = {p: {p} for p, d in degree.items() if d == 1}
    for d in (2, 3):
        for p in (p for p, dp in degree.items() if dp == d):
            out: set[int] = set()
            for n in adjacent.get(p, []):
                if degree.get(n) == d - 1:
                    out |= found.get(n, set())
            found[p] = out
    return found


def _map_model(db: Database, ln: LoadedNetwork | None) -> MapModel:
    """The map in its default colouring, from `ln` (nothing read again)."""
    from netview.services.mapping.mapmodel import MapModel, load_map_model

    return load_map_model(db, loaded=ln) if ln is not None else MapModel.empty()


def _layout(model: MapModel) -> dict[int, tuple[float, float, tuple[int, int, int], float, str]]:
    """Position, colour, size and sector of each person as the map draws them."""
    return {
        int(pid): (
            float(model.xy[i, 0]),
            float(model.xy[i, 1]),
            (int(model.colors[i, 0]), int(model.colors[i, 1]), int(model.colors[i, 2])),
            float(model.sizes[i]),
            model.group_names[int(model.group[i])],
        )
        for i, pid in enumerate(model.person_ids.tolist())
    }


def load_network(
    db: Database,
    progress: Progress | None = None,
    *,
    session: Session | None = None,
    loaded: LoadedNetwork | None = None,
    model: MapModel | None = None,
) -> Network:
    """The network as exports see it, drawn as `model` (else the map in its default
    colouring), read in one transaction: `session`, or one of its own."""
    from netview.services.analysis.stats import hop_counts

    progress = progress or NoProgress()
    if loaded is not None and loaded.own_evidence:
        # The window's network holds your own evidence: files are drawn without it.
        loaded = model = None
    progress.report(0.05, "Reading people")
    with nullcontext(session) if session is not None else db.session() as s:
        me = me_id(s)
        rows = q.people(s)
        groups = q.groups(s)
        members = q.group_members(s)
        notes = q.notes(s)
        follow = q.followups(s)
        # One analytics load for the map and the overlay (communities are computed once),
        # unless the caller has it already.
        ln = loaded if loaded is not None or me is None else _load_analytics(db, s)
        due = _due(s) if ln is not None else []
        # The ties, everyone's steps from you, tie strengths and last contacts are the
        # analytics network's when there is one: not read, nor counted, a second time.
        tie_rows = _ties_of(ln) if ln is not None else q.ties(s)
        contacts = q.contacts(s, me) if ln is None else {}
    progress.report(0.3, "Laying out the map")
    if model is None:
        model = _map_model(db, ln)
    layout = _layout(model)
    if ln is not None:
        degree = degrees_of(ln)
    else:
        degree = hop_counts([(a, b) for a, b, _ in tie_rows], me) if me is not None else {}
    adjacent: dict[int, list[int]] = {}
    for a, b, _ in tie_rows:
        adjacent.setdefault(a, []).append(b)
        adjacent.setdefault(b, []).append(a)
    connectors = _connectors(degree, adjacent)
    group_name = {g: name for g, name, _, _ in groups}
    group_cadence = {g: c for g, _, _, c in groups}
    in_groups: dict[int, list[int]] = {}
    for g, p in members:
        in_groups.setdefault(p, []).append(g)

    people: list[PersonOut] = []
    for row in rows:
        pid = row["id"]
        mine = sorted(in_groups.get(pid, []))
        cadence, snoozed = follow.get(pid, (None, None))
        if cadence is None:
            # A group's cadence applies to its members without one of their own.
            cadences = [c for g in mine if (c := group_cadence[g])]
            cadence = min(cadences) if cadences else None
        count, last = (
            (0, None) if me is None else contacts.get((min(me, pid), max(me, pid)), (0, None))
        )
        x, y, color, size, sector = layout.get(pid, (None, None, None, None, ""))
        people.append(
            PersonOut(
                id=pid,
                key=row["key"],
                name=row["name"] or "",
                first_name=row["first_name"] or "",
                last_name=row["last_name"] or "",
                url=row["url"],
                email=row["email"],
                company=row["company"],
                position=row["position"],
                headline=row["headline"],
                location=row["location"],
                private=bool(row["private"]),
                degree=degree.get(pid),
                groups=[group_name[g] for g in mine],
                community=sector,
                strength=count if pid != me else 0,
                last_contact=last if pid != me else None,
                cadence_days=cadence,
                snoozed_until=snoozed,
                notes=notes.get(pid, []),
                connectors=sorted(connectors.get(pid, set()) - {pid}),
                x=x,
                y=y,
                color=color,
                size=size,
            )
        )
    ties = [TieOut(a, b, d, contacts.get((a, b), (0, None))[0]) for a, b, d in tie_rows]
    if ln is not None:
        progress.report(0.4, "Tie strength, communities, follow-ups")
        _analytics(db, ln, due, people, ties)
    progress.report(0.5, "Network read")
    return Network(me, people, ties, {name: color for _, name, color, _ in groups})


def _ties_of(ln: LoadedNetwork) -> list[tuple[int, int, date | None]]:
    """(a id, b id, connected on) of the network's LinkedIn ties, as store.export.ties
    gives them (current ties only), in the analytics network's order."""
    ids = ln.net.ids.tolist()
    return [
        (ids[a], ids[b], ln.connected_on(k))
        for k, (a, b) in enumerate(zip(ln.net.tie_a.tolist(), ln.net.tie_b.tolist(), strict=True))
        if ln.is_linkedin(k)
    ]


def degrees_of(ln: LoadedNetwork) -> dict[int, int]:
    """Person id -> steps from you, for everyone connected (you: 0), as the graph has them."""
    ids = ln.net.ids.tolist()
    return {ids[i]: d for i, d in enumerate(ln.net.degree.tolist()) if d >= 0}


def _load_analytics(db: Database, session: Session) -> LoadedNetwork | None:
    from netview.services.network import NoOwner
    from netview.services.network import load_network as load_analytics

    try:
        # This view is what files made for someone else are drawn from: LinkedIn only, none
        # of your own calendar or mailbox (strengths, communities and positions included).
        return load_analytics(db, session=session, evidence=False)
    except NoOwner:
        return None


def _due(session: Session) -> list[FollowUpRow]:
    from netview.services.followups.cadence import followups_in

    return followups_in(session, include_all=True)


def _analytics(
    db: Database,
    ln: LoadedNetwork,
    due_rows: list[FollowUpRow],
    people: list[PersonOut],
    ties: list[TieOut],
) -> None:
    """Overlay what the analytics services compute on the plain reads."""
    from netview.services.people.groups import automatic

    net = ln.net
    strength_of = {
        (int(net.ids[a]), int(net.ids[b])): float(s)
        for a, b, s in zip(
            net.tie_a.tolist(), net.tie_b.tolist(), net.strength.tolist(), strict=True
        )
    }
    for t in ties:
        t.strength = round(strength_of.get((t.a, t.b), strength_of.get((t.b, t.a), 0.0)), 4)
    community, names = automatic(db, ln, "community")
    due = {r.person_id: r for r in due_rows}
    me = int(net.ids[net.owner])
    for p in people:
        i = net.index_of_id.get(p.id)
        if i is None:
            continue
        c = int(community[i])
        p.community = "You" if p.id == me else names[c] if c >= 0 else ""
        p.strength = round(strength_of.get((min(p.id, me), max(p.id, me)), 0.0), 4)
        p.last_contact = ln.last_with_owner.get(i)
        row = due.get(p.id)
        if row is not None:
            # A snoozed reminder comes back on the snooze date: that is the day to show.
            snoozed = row.status == "snoozed" and row.snoozed_until is not None
            p.cadence_days = row.cadence_days
            p.followup_due = row.snoozed_until if snoozed else row.due
