"""Groups: the automatic ones computed from the data, and the user's own (stored)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from netview.core.errors import NetViewError
from netview.graph.groups import communities, company_groups, job_function, seniority
from netview.services.followups import person_id
from netview.services.network import LoadedNetwork
from netview.store import network as q
from netview.store import userdata as u
from netview.store.db import Database

AUTOMATIC = ("company", "function", "seniority", "community", "source", "year")
_COLOR = "#"


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


def automatic(
    db: Database, ln: LoadedNetwork, kind: str
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """One automatic grouping: per person (by index) a group number, and group labels."""
    net = ln.net
    if kind == "company":
        index, labels = company_groups(net.companies)
    elif kind == "function":
        index, labels = _from_labels([job_function(p) for p in net.positions])
    elif kind == "seniority":
        index, labels = _from_labels([seniority(p) for p in net.positions])
    elif kind == "community":
        # Louvain is the slow part of the map (seconds on 100,000 people): once per load.
        cached = ln.cache.get("community")
        if not isinstance(cached, np.ndarray):
            cached = ln.cache["community"] = communities(
                net.n, net.tie_a, net.tie_b, exclude=net.owner
            )
        index = cached
        labels = [f"Community {i + 1}" for i in range(int(index.max(initial=-1)) + 1)]
    elif kind == "source":
        # A person may come from several exports: the first one (by label) names the group
        # here; list_groups counts them in every export that lists them.
        with db.session() as s:
            pairs = q.person_source_labels(s)
        first: dict[int, str] = {}
        for pid, label in sorted(pairs, key=lambda p: p[1]):
            first.setdefault(pid, label)
        index, labels = _from_labels([first.get(int(i)) for i in net.ids.tolist()])
    elif kind == "year":
        years: list[str | None] = [None] * net.n
        for k, (a, b) in enumerate(zip(net.tie_a.tolist(), net.tie_b.tolist(), strict=True)):
            when = ln.connected_on(k) if net.owner in (a, b) else None
            if when is not None:
                years[b if a == net.owner else a] = str(when.year)
        index, labels = _from_labels(years)
    else:
        raise GroupError(f"unknown grouping {kind!r}; choose from {', '.join(AUTOMATIC)}")
    index = index.copy()
    index[net.owner] = -1
    return index, labels


def list_groups(
    db: Database, ln: LoadedNetwork, kinds: tuple[str, ...] = AUTOMATIC
) -> list[GroupInfo]:
    out: list[GroupInfo] = []
    for kind in kinds:
        if kind == "source":
            with db.session() as s:
                pairs = q.person_source_labels(s)
            owner_id = int(ln.net.ids[ln.net.owner])
            sizes = Counter(label for pid, label in pairs if pid != owner_id)
            out.extend(GroupInfo(kind, label, n) for label, n in sorted(sizes.items()))
            continue
        index, labels = automatic(db, ln, kind)
        sizes_arr = np.bincount(index[index >= 0], minlength=len(labels))
        out.extend(GroupInfo(kind, label, int(sizes_arr[i])) for i, label in enumerate(labels))
    with db.session() as s:
        rows = u.list_groups(s)
    out.extend(GroupInfo("user", r.name, r.size, r.id, r.color, r.cadence_days) for r in rows)
    return out


# --- the user's groups ---------------------------------------------------------------------


def _check_color(color: str | None) -> None:
    if color is not None and not (
        len(color) == 7
        and color.startswith(_COLOR)
        and all(c in "0123456789abcdefABCDEF" for c in color[1:])
    ):
        raise GroupError(f"colour {color!r} is not #rrggbb")


def _gid(db: Database, name: str) -> int:
    with db.session() as s:
        gid = u.group_id(s, name)
    if gid is None:
        raise GroupError(f"there is no group called {name!r}")
    return gid


def create_group(db: Database, name: str, color: str | None = None) -> int:
    name = name.strip()
    if not name:
        raise GroupError("a group needs a name")
    _check_color(color)
    with db.session() as s:
        if u.group_id(s, name) is not None:
            raise GroupError(f"a group called {name!r} exists already")
        return u.create_group(s, name, color)


def rename_group(db: Database, name: str, new_name: str) -> None:
    gid = _gid(db, name)
    new_name = new_name.strip()
    with db.session() as s:
        other = u.group_id(s, new_name)
        if not new_name or (other is not None and other != gid):
            raise GroupError(f"cannot rename {name!r} to {new_name!r}")
        u.update_group(s, gid, name=new_name)


def recolor_group(db: Database, name: str, color: str) -> None:
    _check_color(color)
    gid = _gid(db, name)
    with db.session() as s:
        u.update_group(s, gid, color=color)


def set_group_cadence(db: Database, name: str, days: int | None) -> None:
    gid = _gid(db, name)
    with db.session() as s:
        u.update_group(s, gid, cadence_days=days or None, clear_cadence=not days)


def delete_group(db: Database, name: str) -> None:
    gid = _gid(db, name)
    with db.session() as s:
        u.delete_group(s, gid)


def add_people(db: Database, name: str, people: list[str]) -> None:
    gid = _gid(db, name)
    ids = [person_id(db, p) for p in people]
    with db.session() as s:
        u.add_members(s, gid, ids)


def remove_people(db: Database, name: str, people: list[str]) -> None:
    gid = _gid(db, name)
    ids = [person_id(db, p) for p in people]
    with db.session() as s:
        u.remove_members(s, gid, ids)


def members(db: Database, name: str) -> list[int]:
    """Person ids of a user group."""
    gid = _gid(db, name)
    with db.session() as s:
        return u.group_member_ids(s, gid)
