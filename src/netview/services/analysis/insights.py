"""Insights: how your network grew, where your connections work, who connects your groups,
the shape of your network, and your goals' progress."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.graph.brokers import Shape, shape
from netview.graph.brokers import brokers as find_brokers
from netview.graph.groups import company_groups, job_function
from netview.services.network import LoadedNetwork
from netview.services.people.groups import community_groups
from netview.store import userdata as u
from netview.store.db import Database

GOAL_KINDS = ("connections", "followups")
PERIODS = ("month", "quarter", "year")


def first_degree(ln: LoadedNetwork) -> list[tuple[int, int]]:
    """(person index, tie number) of each of your connections."""
    net = ln.net
    return list(
        zip(
            net.adjacency.neighbours(net.owner).tolist(),
            net.adjacency.edges_of(net.owner).tolist(),
            strict=True,
        )
    )


def growth(ln: LoadedNetwork) -> tuple[list[date], list[int], int]:
    """Your connections over time: the dates ties were made, the running total on each of
    those days, and how many connections have no known date (left out of the curve)."""
    days = Counter[date]()
    undated = 0
    for _i, k in first_degree(ln):
        when = ln.connected_on(k)
        if when is None:
            undated += 1
        else:
            days[when] += 1
    dates = sorted(days)
    totals: list[int] = []
    running = 0
    for d in dates:
        running += days[d]
        totals.append(running)
    return dates, totals, undated


def top_companies(ln: LoadedNetwork, n: int = 10) -> list[tuple[str, int]]:
    """Where your connections work now, most first (company names merged as in groups)."""
    net = ln.net
    people = [i for i, _k in first_degree(ln)]
    index, labels = company_groups([net.companies[i] for i in people])
    counts = Counter(int(g) for g in index.tolist() if g >= 0)
    return [(labels[g], c) for g, c in sorted(counts.items(), key=lambda t: (-t[1], t[0]))][:n]


def top_functions(ln: LoadedNetwork, n: int = 10) -> list[tuple[str, int]]:
    net = ln.net
    counts = Counter(f for f in (job_function(net.positions[i]) for i, _k in first_degree(ln)) if f)
    return sorted(counts.items(), key=lambda t: (-t[1], t[0]))[:n]


# --- goals -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalProgress:
    id: int
    kind: str
    target: int
    period: str
    topic: str | None
    done: int
    start: date  # first day of the current period
    end: date  # last day of the current period

    @property
    def text(self) -> str:
        when = {"month": "this month", "quarter": "this quarter", "year": "this year"}[self.period]
        if self.kind == "connections":
            topic = f" in {self.topic}" if self.topic else ""
            return f"{self.target} new connections{topic} {when}"
        return f"Follow up with {self.target} people {when}"

    @property
    def fraction(self) -> float:
        return min(self.done / self.target, 1.0) if self.target > 0 else 1.0


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """First and last day of the month, quarter or year containing `today`."""
    if period == "month":
        start = today.replace(day=1)
        nxt = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    elif period == "quarter":
        first = 3 * ((today.month - 1) // 3) + 1
        start = date(today.year, first, 1)
        nxt = date(today.year + (first == 10), (first + 2) % 12 + 1, 1)
    elif period == "year":
        start, nxt = date(today.year, 1, 1), date(today.year + 1, 1, 1)
    else:
        raise NetViewError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    return start, date.fromordinal(nxt.toordinal() - 1)


def _matches(ln: LoadedNetwork, i: int, topic: str) -> bool:
    """A connection is "in" a topic when it names their company, position or job function."""
    net = ln.net
    words = topic.casefold()
    fields = (net.companies[i], net.positions[i], job_function(net.positions[i]))
    return any(f and words in f.casefold() for f in fields)


def goal_done(ln: LoadedNetwork, kind: str, topic: str | None, start: date, end: date) -> int:
    if kind == "connections":
        return sum(
            1
            for i, k in first_degree(ln)
            if (when := ln.connected_on(k)) is not None
            and start <= when <= end
            and (not topic or _matches(ln, i, topic))
        )
    if kind == "followups":
        # Someone whose newest contact falls in the period was contacted in the period.
        return sum(1 for at in ln.last_with_owner.values() if start <= at.date() <= end)
    raise NetViewError(f"unknown goal {kind!r}; choose from {', '.join(GOAL_KINDS)}")


def goals(db: Database, ln: LoadedNetwork) -> list[GoalProgress]:
    """The user's goals with their progress in the current period (as of `ln.today`)."""
    with db.session() as s:
        rows = u.goals(s)
    out = []
    for g in rows:
        start, end = period_bounds(g.period, ln.today)
        done = goal_done(ln, g.kind, g.topic, start, end)
        out.append(GoalProgress(g.id, g.kind, g.target, g.period, g.topic, done, start, end))
    return out


def new_goal(
    s: Session,
    kind: str,
    target: int,
    period: str,
    topic: str | None = None,
    *,
    goal_id: int | None = None,
) -> int:
    """Store a goal; `goal_id` puts a deleted goal back under its old id (undo)."""
    if kind not in GOAL_KINDS:
        raise NetViewError(f"unknown goal {kind!r}; choose from {', '.join(GOAL_KINDS)}")
    if period not in PERIODS:
        raise NetViewError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    if target < 1:
        raise NetViewError("a goal needs a target of at least 1")
    topic = (topic or "").strip() or None
    return u.add_goal(s, kind, target, period, topic, goal_id)


def remove_goal(s: Session, goal_id: int) -> None:
    u.delete_goal(s, goal_id)


def add_goal(
    db: Database,
    kind: str,
    target: int,
    period: str,
    topic: str | None = None,
    *,
    goal_id: int | None = None,
) -> int:
    with db.write() as s:
        return new_goal(s, kind, target, period, topic, goal_id=goal_id)


# --- who connects your groups, and the shape of your network ------------------------------


@dataclass(frozen=True)
class BrokerRow:
    key: str
    name: str
    score: float
    groups: list[str]  # the groups they link, largest share first

    @property
    def text(self) -> str:
        shown = ", ".join(self.groups[:3]) + (" …" if len(self.groups) > 3 else "")
        return f"{self.name}: links {len(self.groups)} groups ({shown})"


def connectors_of_groups(ln: LoadedNetwork, top: int = 10) -> list[BrokerRow]:
    """Who connects your groups: people between communities, by betweenness (graph.brokers)."""
    index, labels = community_groups(ln)
    net = ln.net
    return [
        BrokerRow(net.keys[b.index], ln.display_name(b.index), round(b.score, 4),
                  [labels[g] for g in b.groups])
        for b in find_brokers(net, index, top)
    ]  # fmt: skip


def network_shape(ln: LoadedNetwork) -> Shape:
    return shape(ln.net)


def shape_text(s: Shape) -> str:
    """'40 connections, 22 ties among them; 18 know nobody else you know; the largest group
    who reach one another without you: 4 people'. No "density 2.8%", and no "circle": a
    circle is a community named after its person ("Ana Silva's circle")."""
    if not s.connections:
        return "No connections yet."
    return (
        f"{s.connections:,} connections, {s.ties_among_them:,} ties among them; "
        f"{s.alone:,} know nobody else you know; the largest group who reach one another "
        f"without you: {s.largest_component:,} people"
    )
