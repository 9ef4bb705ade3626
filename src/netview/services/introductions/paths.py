"""`netview paths`: who can introduce you to someone, and how strong each chain is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netview.core.errors import NetViewError
from netview.core.ids import any_key
from netview.graph.groups import company_key
from netview.graph.paths import Connector, Path, best_connectors, best_paths
from netview.services.identity.matcher import NameIndex
from netview.services.identity.people import find_person, normal_key
from netview.services.network import LoadedNetwork
from netview.store.db import Database

COMPANY_PREFIX = "company:"
NEAR = 3  # matches within this many points of the best one are as good (then: ambiguous)


class TargetNotFound(NetViewError):
    pass


class AmbiguousTarget(NetViewError):
    """Several people match a name: the user must choose (the CLI lists a few, exit status 1)."""

    def __init__(self, query: str, candidates: list[tuple[str, str, int]]) -> None:
        self.query = query
        self.candidates = candidates  # (name, key, degree)
        super().__init__(f"{query!r} matches {len(candidates)} people; give a profile URL or key")


@dataclass(frozen=True)
class Target:
    query: str
    kind: str  # "person" or "company"
    people: list[int]
    label: str


def resolve_target(db: Database, ln: LoadedNetwork, query: str) -> Target:
    """A profile URL or key, `company:NAME`, or a (fuzzy) name."""
    net = ln.net
    text = query.strip()
    if text.casefold().startswith(COMPANY_PREFIX):
        wanted = company_key(text[len(COMPANY_PREFIX) :])
        people = [
            i for i, k in enumerate(ln.company_keys) if wanted and k == wanted and i != net.owner
        ]
        if not people:
            raise TargetNotFound(f"nobody in your network works at {text[len(COMPANY_PREFIX) :]!r}")
        label = net.companies[people[0]] or text[len(COMPANY_PREFIX) :]
        return Target(query, "company", people, label)
    # A profile URL or a key (no spaces): the one person resolver (services.people), which
    # the loaded network answers at once for a current key.
    if any_key(text) is not None or (text and " " not in text):
        i = net.index_of_key.get(normal_key(text))
        if i is None:
            with db.session() as s:
                pid = find_person(s, text)
            i = net.index_of_id.get(pid) if pid is not None else None
        if i is not None:
            return Target(query, "person", [i], net.names[i] or net.keys[i])
        if any_key(text) is not None:
            raise TargetNotFound(f"{text!r} is not in your network")
    return _by_name(ln, text)


def _by_name(ln: LoadedNetwork, text: str) -> Target:
    """The one person the name means (netview.services.identity.matcher), else AmbiguousTarget."""
    net = ln.net
    index = NameIndex([n if i != net.owner else "" for i, n in enumerate(net.names)])
    found = index.find(text, limit=None)
    if not found:
        raise TargetNotFound(f"nobody in your network is called {text!r}")
    # Only the best matches compete: an exact name beats its near spellings.
    best = found[0][1]
    hits = sorted(i for i, score in found if score >= best - NEAR)
    if len(hits) == 1:
        return Target(text, "person", hits, net.names[hits[0]])
    raise AmbiguousTarget(
        text, [(net.names[i], net.keys[i], int(net.degree[i])) for i in hits[:20]]
    )


def _person(ln: LoadedNetwork, i: int) -> dict[str, Any]:
    net = ln.net
    return {"name": net.names[i], "key": net.keys[i], "degree": int(net.degree[i])}


def path_json(ln: LoadedNetwork, path: Path) -> dict[str, Any]:
    hops = list(zip(path.nodes[:-1], path.nodes[1:], strict=True))
    return {
        "people": [_person(ln, i) for i in path.nodes],
        "score": path.score,
        "why": [ln.hop_sentence(i, j) for i, j in hops],
    }


def connector_json(ln: LoadedNetwork, c: Connector) -> dict[str, Any]:
    return {
        **_person(ln, c.person),
        "strong_paths": c.strong_paths,
        "paths": c.paths,
        "best_score": c.best_score,
    }


@dataclass(frozen=True)
class PathsResult:
    target: Target
    paths: list[Path]
    connectors: list[Connector]


def find_paths(ln: LoadedNetwork, target: Target, k: int = 5) -> PathsResult:
    return PathsResult(
        target,
        best_paths(ln.net, target.people, k),
        best_connectors(ln.net, target.people, k),
    )


def result_json(ln: LoadedNetwork, result: PathsResult) -> dict[str, Any]:
    t = result.target
    if t.kind == "person":
        target: dict[str, Any] = {"query": t.query, "kind": "person", **_person(ln, t.people[0])}
    else:
        target = {"query": t.query, "kind": "company", "company": t.label, "people": len(t.people)}
    return {
        "target": target,
        "paths": [path_json(ln, p) for p in result.paths],
        "connectors": [connector_json(ln, c) for c in result.connectors],
    }


def result_text(ln: LoadedNetwork, result: PathsResult) -> str:
    t = result.target
    lines = [f"Paths to {t.label}" + (f" ({len(t.people)} people)" if t.kind == "company" else "")]
    if not result.paths:
        lines.append("  no path: nobody you know is connected to them")
    for n, p in enumerate(result.paths, 1):
        names = " → ".join(ln.display_name(i) for i in p.nodes)
        lines.append(f"{n}. {names}  (strength {p.score:.2g})")
        hops = zip(p.nodes[:-1], p.nodes[1:], strict=True)
        lines.extend(f"     {ln.hop_sentence(i, j)}" for i, j in hops)
    if result.connectors:
        lines.append("Best connectors:")
        for c in result.connectors:
            lines.append(
                f"  {ln.display_name(c.person)}: {c.strong_paths} strong of {c.paths} paths"
            )
    return "\n".join(lines)
