"""Groups: the automatic ones computed from the data, and the user's own (stored)."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.ids import plain_name
from netview.graph.groups import (
    absorb_small,
    communities,
    company_groups,
    company_key,
    job_function,
    seniority,
    split_large,
    subcommunities,
)
from netview.graph.network import Network
from netview.services.asof import reach_years
from netview.services.identity.people import keys_of, person_ids
from netview.services.network import LoadedNetwork
from netview.store import network as q
from netview.store import userdata as u
from netview.store.db import Database

AUTOMATIC = ("company", "function", "seniority", "community", "source", "year")
_COLOR = "#"
COLOURED = 10  # groups the map gives a colour of their own; the others share grey "Other"
ONLY_YOU = "Known only to you"
# Small communities join their neighbours until no more than this share of people falls
# outside the coloured ones (the goal is at most 15% grey).
GREY_SHARE = 0.10
LARGEST_SHARE = 0.25  # no community holds more of the people in communities…
LARGE_NETWORK = 10_000  # …in a network of at least this many people
SEED = 7
# One computation of a network's communities at a time: the groups panel and Insights ask
# for them at once after a load (each in its worker), and the second waits for the first's
# answer instead of running Leiden again beside it.
_COMMUNITIES = threading.Lock()


class GroupError(NetViewError):
    pass


@dataclass(frozen=True)
class GroupInfo:
    kind: str  # one of AUTOMATIC, or "user"
    name: str
    size: int
    id: int | None = None
    color: str | None = None
    cadence_days: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name, "size": self.size}
        if self.kind == "user":
            out.update(id=self.id, color=self.color, cadence_days=self.cadence_days)
        return out


def _from_labels(values: list[str | None]) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Per person a group number (-1: none) and the labels, largest group first."""
    counts = Counter(v for v in values if v)
    labels = sorted(counts, key=lambda v: (-counts[v], v))
    number = {v: i for i, v in enumerate(labels)}
    return np.array([number.get(v, -1) if v else -1 for v in values], dtype=np.int64), labels


# Keys of LoadedNetwork.cache holding what colouring by export or by own group needs from
# the database, so View › Colour By reads nothing: the user's groups are read with the
# network (`keep_group_inputs`, a few rows); the exports each person came from (a row per
# person and export, 0.1-0.3 s at 60,000 people, which held every panel back at start-up)
# by the first to ask, in a worker: the window's read queued after the panels' after each
# load (ui/document.py), or Colour By itself if it comes first.
SOURCE_LABELS = "source_labels"
USER_GROUPS = "user_groups"


def keep_group_inputs(db: Database, ln: LoadedNetwork) -> None:
    """Read the user's groups into `ln.cache` with the network (see SOURCE_LABELS)."""
    group_of_people(db, ln)


def source_labels(db: Database, ln: LoadedNetwork) -> list[tuple[int, str]]:
    """(person id, export label) pairs: kept with the network, else read now and kept."""
    kept = ln.cache.get(SOURCE_LABELS)
    if kept is not None:
        return kept  # type: ignore[return-value]
    with db.session() as s:
        pairs: list[tuple[int, str]] = q.person_source_labels(s)
    ln.cache[SOURCE_LABELS] = pairs
    return pairs


def group_of_people(db: Database, ln: LoadedNetwork) -> dict[int, tuple[str, str | None]]:
    """person id -> (own group, colour): kept with the network, else read now and kept."""
    kept = ln.cache.get(USER_GROUPS)
    if kept is not None:
        return kept  # type: ignore[return-value]
    with db.session() as s:
        found: dict[int, tuple[str, str | None]] = q.group_of_people(s)
    ln.cache[USER_GROUPS] = found
    return found


def year_groups(years: list[int | None]) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Groups by the year each person joined your network, oldest first (the map colours
    them in this order). Beyond COLOURED years the earliest share one group, "2012 or
    before", so every year keeps a colour of its own."""
    known = sorted({y for y in years if y is not None})
    cut = known[-COLOURED] if len(known) > COLOURED else None
    label = {y: str(y) for y in known}
    if cut is not None:
        for y in known:
            if y <= cut:
                label[y] = f"{cut} or before"
    labels = list(dict.fromkeys(label[y] for y in known))
    number = {name: k for k, name in enumerate(labels)}
    return np.array(
        [number[label[y]] if y is not None else -1 for y in years], dtype=np.int64
    ), labels


def automatic(
    db: Database, ln: LoadedNetwork, kind: str
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """One automatic grouping: per person (by index) a group number, and group labels.

    Groupings read from the network alone are computed once per loaded network (the map,
    the groups panel's list and its members all ask; at 60,000 people each pass over the
    titles took over a second)."""
    if kind in _FROM_NETWORK_ALONE:
        found = ln.cache.get(f"automatic:{kind}")
        if not isinstance(found, tuple):
            found = ln.cache[f"automatic:{kind}"] = _grouped(db, ln, kind)
        index, labels = found
        return np.array(index, np.int64), list(labels)
    return _grouped(db, ln, kind)


_FROM_NETWORK_ALONE = {"company", "function", "seniority", "year"}


def _by_title(
    titles: list[str | None], rule: Callable[[str | None], str | None]
) -> list[str | None]:
    """`rule` of each title, worked out once per distinct title (thousands, not 60,000)."""
    seen = {t: rule(t) for t in set(titles)}
    return [seen[t] for t in titles]


def _grouped(db: Database, ln: LoadedNetwork, kind: str) -> tuple[npt.NDArray[np.int64], list[str]]:
    net = ln.net
    if kind == "company":
        index, labels = company_groups(net.companies)
    elif kind == "function":
        index, labels = _from_labels(_by_title(net.positions, job_function))
    elif kind == "seniority":
        index, labels = _from_labels(_by_title(net.positions, seniority))
    elif kind == "community":
        index, labels = community_groups(ln)
        labels = list(labels)
    elif kind == "source":
        # A person may come from several exports: the first one (by label) names the group
        # here; list_groups counts them in every export that lists them.
        pairs = source_labels(db, ln)
        first: dict[int, str] = {}
        for pid, label in sorted(pairs, key=lambda p: p[1]):
            first.setdefault(pid, label)
        index, labels = _from_labels([first.get(int(i)) for i in net.ids.tolist()])
    elif kind == "year":
        index, labels = year_groups(reach_years(ln))
    else:
        raise GroupError(f"unknown grouping {kind!r}; choose from {', '.join(AUTOMATIC)}")
    index = index.copy()
    index[net.owner] = -1
    return index, labels


def community_groups(ln: LoadedNetwork) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Communities with their names, the same in the map, `netview groups` and every export.

    Computed once per loaded network. Your connections tied to nobody else (no colleague's
    export knows them) form no community, each is alone; together they are one group,
    "Known only to you", worth a colour rather than grey.
    """
    cached = ln.cache.get("community")
    if isinstance(cached, tuple):
        return cached  # type: ignore[no-any-return]
    with _COMMUNITIES:
        return _community_groups(ln)


def _community_groups(ln: LoadedNetwork) -> tuple[npt.NDArray[np.int64], list[str]]:
    cached = ln.cache.get("community")
    if isinstance(cached, tuple):
        return cached  # type: ignore[no-any-return]  # made while this thread waited
    net = ln.net
    alone = np.zeros(net.n, dtype=np.bool_)
    if net.n:
        ties = np.diff(net.adjacency.indptr)
        alone = (ties == 1) & (np.asarray(net.degree) == 1)
    index = _partition(net, COLOURED - int(alone.any()))
    labels = community_names(
        index, [f"Community {i + 1}" for i in range(_count(index))], net, _named_ties(ln)
    )
    if alone.any():
        index = np.where(alone, len(labels), index)
        labels = [*labels, ONLY_YOU]
    ln.cache["community"] = (index, labels)
    return index, labels


def adopt_communities(ln: LoadedNetwork, index: npt.NDArray[np.int64], labels: list[str]) -> None:
    """Communities already found for this very data (the map kept from the last start, see
    services.document): the panels asking for them (Groups, Insights) take these instead of
    running Leiden again while the user waits for them."""
    if len(index) == ln.net.n:
        ln.cache.setdefault("community", (np.asarray(index, np.int64), list(labels)))


def community_subgroups(ln: LoadedNetwork) -> npt.NDArray[np.int64]:
    """Each person's sub-community within their community (graph.groups.subcommunities:
    0 the largest, -1 none), once per loaded network: the map shades them."""
    cached = ln.cache.get("subcommunity")
    if isinstance(cached, np.ndarray):
        return cached
    net = ln.net
    index, _labels = community_groups(ln)
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    sub = subcommunities(index, net.tie_a[keep], net.tie_b[keep], seed=SEED)
    ln.cache["subcommunity"] = sub
    return sub


def subcommunity_names(ln: LoadedNetwork) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Each person's sub-community as one number across the network (-1 none), and their
    names, made as communities' are (`community_names`); once per loaded network."""
    cached = ln.cache.get("subcommunity_names")
    if isinstance(cached, tuple):
        return cached  # type: ignore[no-any-return]
    index, _labels = community_groups(ln)
    sub = community_subgroups(ln)
    top = int(sub.max(initial=-1)) + 1
    ok = (sub >= 0) & (index >= 0)
    key = np.where(ok, index * max(top, 1) + sub, -1)
    found = np.full(key.size, -1, np.int64)
    if ok.any():
        _uniq, inverse = np.unique(key[ok], return_inverse=True)
        found[ok] = inverse.reshape(-1)
    count = int(found.max(initial=-1)) + 1
    names = community_names(found, [f"Part {i + 1}" for i in range(count)], ln.net, _named_ties(ln))
    ln.cache["subcommunity_names"] = (found, names)
    return found, names


_CIRCLE = re.compile(r"^(.+)'s circle(?: \(\d+\))?$")


def circle_of(name: str) -> str | None:
    """The person a community is named after ("Ana Silva's circle" -> "Ana Silva"), if any:
    a file for someone else must not name a person it leaves out."""
    m = _CIRCLE.match(name)
    return m.group(1) if m else None


def _count(index: npt.NDArray[np.int64]) -> int:
    return int(index.max(initial=-1)) + 1


def _partition(net: Network, coloured: int) -> npt.NDArray[np.int64]:
    """Leiden communities; while more than GREY_SHARE of the people fall outside the
    `coloured` largest, the smallest join their best-tied neighbours: a network of many
    small clusters would otherwise be a grey disc."""
    index = communities(net.n, net.tie_a, net.tie_b, exclude=net.owner, seed=SEED)
    keep = (net.tie_a != net.owner) & (net.tie_b != net.owner)
    a, b = net.tie_a[keep], net.tie_b[keep]
    # A community of half a large network is a colour that says nothing (a half-disc of
    # one colour): split along its own sub-communities (graph.groups.split_large), and none
    # regrows by absorbing. A small network's big community is still one readable branch.
    most = LARGEST_SHARE if net.n >= LARGE_NETWORK else 1.0
    sizes = np.bincount(index[index >= 0])
    if sizes.size and sizes.max() > most * sizes.sum():
        sub = subcommunities(index, a, b, seed=SEED)
        company = company_groups(net.companies)[0]
        index = split_large(index, sub, most=most, fallback=company)
    allowed = int(GREY_SHARE * net.n)
    return absorb_small(index, a, b, keep=coloured, outside=allowed, most=most)


def _named_ties(ln: LoadedNetwork) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The ties a community's most central person is counted on: LinkedIn's (and other
    files'), not those only your own calendar and mailbox make. A picture for someone else is
    drawn without the latter, and the app and `netview render` must name a community alike
    (on the 20,000-person demo one community once had a different person's name in each)."""
    net = ln.net
    if ln.linkedin is None or bool(ln.linkedin.all()):
        return net.tie_a, net.tie_b
    return net.tie_a[ln.linkedin], net.tie_b[ln.linkedin]


def community_names(
    index: npt.NDArray[np.int64],
    labels: list[str],
    net: Network,
    ties: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None,
) -> list[str]:
    """ "Community 3" says nothing: a community is named after the company a clear plurality
    of its members share (at least a third, and twice the next company), else after its most
    central person, the member with most ties inside it ("Ana Silva's circle"; `ties`: the
    ties counted, by default all of them), by their plain name (no pronouns, credentials or
    emoji). Names are unique."""
    count = len(labels)
    if count == 0:
        return []
    a, b = ties if ties is not None else (net.tie_a, net.tie_b)
    # Most central: most ties inside the community; a 1st-degree person first among equals.
    inside = (index[a] == index[b]) & (index[a] >= 0)
    ties_in = np.bincount(a[inside], minlength=net.n) + np.bincount(b[inside], minlength=net.n)
    first_degree = np.asarray(net.degree) == 1
    valid = np.flatnonzero((index >= 0) & (index < count))
    order = valid[np.lexsort((valid, ~first_degree[valid], -ties_in[valid], index[valid]))]
    starts = (
        np.flatnonzero(np.r_[True, index[order][1:] != index[order][:-1]]) if order.size else order
    )
    hub = np.full(count, -1, np.int64)
    for start, end in zip(starts.tolist(), [*starts[1:].tolist(), order.size], strict=True):
        # The most central member with a name to show ("☕" or a bare id names no circle).
        hub[index[order[start]]] = next(
            (i for i in order[start:end].tolist() if plain_name(net.names[i] or "")), -1
        )
    sizes = np.bincount(index[valid], minlength=count)
    # Company of each member as a number (one per company key), then counts per community.
    code_of: dict[str, int] = {}
    key_number: dict[str, int] = {}
    spellings: list[Counter[str]] = []
    for c in sorted({c for c in net.companies if c}):  # sorted: numbers break ties alike
        k = company_key(c)
        if k:
            number = key_number.setdefault(k, len(key_number))
            if number == len(spellings):
                spellings.append(Counter())
            code_of[c] = number
    codes = np.array([code_of.get(c or "", -1) for c in net.companies], dtype=np.int64)
    known = valid[codes[valid] >= 0]
    pair, pair_count = np.unique(index[known] * len(key_number) + codes[known], return_counts=True)
    by_group: dict[int, Counter[int]] = {}
    for p, many in zip(pair.tolist(), pair_count.tolist(), strict=True):
        g, number = divmod(p, len(key_number))
        by_group.setdefault(g, Counter())[number] = many
    spelled_count = Counter(net.companies[i] or "" for i in known.tolist())
    for c, many in spelled_count.items():
        spellings[code_of[c]][c.strip()] += many
    out: list[str] = []
    taken: Counter[str] = Counter()
    for g, label in enumerate(labels):
        top = by_group.get(g, Counter()).most_common(2)
        second = top[1][1] if len(top) > 1 else 0
        name = ""
        if top and top[0][1] >= 2 and 3 * top[0][1] >= sizes[g] and top[0][1] >= 2 * second:
            name = min(spellings[top[0][0]].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        elif hub[g] >= 0:
            person = plain_name(net.names[hub[g]] or "")
            name = f"{person}'s circle" if person else ""
        name = name or label
        taken[name] += 1
        out.append(name if taken[name] == 1 else f"{name} ({taken[name]})")
    return out


def list_groups(
    db: Database, ln: LoadedNetwork, kinds: tuple[str, ...] = AUTOMATIC
) -> list[GroupInfo]:
    out: list[GroupInfo] = []
    for kind in kinds:
        if kind == "source":
            pairs = source_labels(db, ln)
            owner_id = int(ln.net.ids[ln.net.owner])
            sizes = Counter(label for pid, label in pairs if pid != owner_id)
            out.extend(GroupInfo(kind, label, n) for label, n in sorted(sizes.items()))
            continue
        index, labels = automatic(db, ln, kind)
        sizes_arr = np.bincount(index[index >= 0], minlength=len(labels))
        out.extend(GroupInfo(kind, label, int(sizes_arr[i])) for i, label in enumerate(labels))
    out.extend(own_groups(db))
    return out


def own_groups(db: Database) -> list[GroupInfo]:
    """The user's own groups: these need no loaded network."""
    with db.session() as s:
        rows = u.list_groups(s)
    return [GroupInfo("user", r.name, r.size, r.id, r.color, r.cadence_days) for r in rows]


# --- the user's groups ---------------------------------------------------------------------


def _check_color(color: str | None) -> None:
    if color is not None and not (
        len(color) == 7
        and color.startswith(_COLOR)
        and all(c in "0123456789abcdefABCDEF" for c in color[1:])
    ):
        raise GroupError(f"colour {color!r} is not #rrggbb")


# Each edit comes twice: on a session (a step of a use case that owns the transaction, such
# as an undoable edit in the app) and on the database (one use case in one write
# transaction, for the command line). A failing step leaves nothing: the transaction rolls
# back whole.


@dataclass(frozen=True)
class GroupSnapshot:
    """A user group as it was: enough to bring it back after a delete."""

    name: str
    color: str | None
    cadence_days: int | None
    member_keys: list[str]


def group_id(s: Session, name: str) -> int:
    gid = u.group_id(s, name)
    if gid is None:
        raise GroupError(f"there is no group called {name!r}")
    return gid


def create(s: Session, name: str, color: str | None = None, people: Sequence[str] = ()) -> int:
    """A new group, with `people` (keys or profile URLs) in it."""
    name = name.strip()
    if not name:
        raise GroupError("a group needs a name")
    _check_color(color)
    if u.group_id(s, name) is not None:
        raise GroupError(f"a group called {name!r} exists already")
    ids = person_ids(s, people)  # before anything is written: an unknown key refuses it all
    gid = u.create_group(s, name, color)
    u.add_members(s, gid, ids)
    return gid


def rename(s: Session, name: str, new_name: str) -> None:
    gid = group_id(s, name)
    new_name = new_name.strip()
    other = u.group_id(s, new_name)
    if not new_name or (other is not None and other != gid):
        raise GroupError(f"cannot rename {name!r} to {new_name!r}")
    u.update_group(s, gid, name=new_name)


def recolor(s: Session, name: str, color: str) -> None:
    _check_color(color)
    u.update_group(s, group_id(s, name), color=color)


def set_cadence(s: Session, name: str, days: int | None) -> None:
    if days is not None and days < 0:
        raise GroupError("a cadence is a number of days, 0 to switch it off")
    u.update_group(s, group_id(s, name), cadence_days=days or None, clear_cadence=not days)


def snapshot(s: Session, name: str) -> GroupSnapshot:
    gid = group_id(s, name)
    row = next(r for r in u.list_groups(s) if r.id == gid)
    members = keys_of(s, u.group_member_ids(s, gid))
    return GroupSnapshot(row.name, row.color, row.cadence_days, members)


def delete(s: Session, name: str) -> GroupSnapshot:
    """Delete a group; returns it as it was (its undo record)."""
    before = snapshot(s, name)
    u.delete_group(s, group_id(s, name))
    return before


def restore(s: Session, group: GroupSnapshot) -> None:
    """Bring a deleted group back (undo of `delete`)."""
    create(s, group.name, group.color, group.member_keys)
    if group.cadence_days:
        set_cadence(s, group.name, group.cadence_days)


def add(s: Session, name: str, people: Sequence[str]) -> list[str]:
    """Add people by key; returns the keys of those who were not members yet."""
    gid = group_id(s, name)
    ids = person_ids(s, people)
    return keys_of(s, u.add_members(s, gid, ids))


def remove(s: Session, name: str, people: Sequence[str]) -> list[str]:
    """Take people out by key; returns the keys of those who were members."""
    gid = group_id(s, name)
    ids = person_ids(s, people)
    return keys_of(s, u.remove_members(s, gid, ids))


def member_ids(s: Session, name: str) -> list[int]:
    return u.group_member_ids(s, group_id(s, name))


# --- the same as use cases of their own (one write transaction each) ---------------------


def create_group(
    db: Database, name: str, color: str | None = None, people: Sequence[str] = ()
) -> int:
    with db.write() as s:
        return create(s, name, color, people)


def rename_group(db: Database, name: str, new_name: str) -> None:
    with db.write() as s:
        rename(s, name, new_name)


def recolor_group(db: Database, name: str, color: str) -> None:
    with db.write() as s:
        recolor(s, name, color)


def set_group_cadence(db: Database, name: str, days: int | None) -> None:
    with db.write() as s:
        set_cadence(s, name, days)


def delete_group(db: Database, name: str) -> GroupSnapshot:
    with db.write() as s:
        return delete(s, name)


def add_people(db: Database, name: str, people: Sequence[str]) -> list[str]:
    with db.write() as s:
        return add(s, name, people)


def remove_people(db: Database, name: str, people: Sequence[str]) -> list[str]:
    with db.write() as s:
        return remove(s, name, people)


def members(db: Database, name: str) -> list[int]:
    """Person ids of a user group."""
    with db.session() as s:
        return member_ids(s, name)
