"""Automatic groups: company, job function and seniority from titles, communities.

Pure functions on plain data; netview.services.people.groups puts them next to the user's groups.
"""

from __future__ import annotations

import math
import random
import re
import threading
import unicodedata
from collections import Counter

import igraph
import numpy as np
import numpy.typing as npt

# Legal forms and filler words that differ between spellings of the same company.
_COMPANY_SUFFIXES = {
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "pty",
    "kg",
    "oy",
    "ab",
    "as",
    "aps",
    "kk",
    "pte",
    "lp",
    "llp",
    "group",
    "holding",
    "holdings",
    "the",
}
_NON_WORD = re.compile(r"[^\w]+")


def company_key(name: str | None) -> str:
    """A comparison key for a company name: "Acme Inc.", "ACME" and "acme, llc" meet."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def company_groups(companies: list[str | None]) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Per person the index of their company group (-1 when unknown), and group labels.

    A group's label is the spelling most of its members use (ties: alphabetical first).
    Groups are numbered by size, largest first, then by label, so numbering is stable.
    """
    # Each distinct spelling's key once: thousands of companies, not 60,000 people (this
    # took a third of a second of the groups panel's read at start-up).
    key_of = {c: company_key(c) for c in set(companies)}
    keys = [key_of[c] for c in companies]
    spellings: dict[str, Counter[str]] = {}
    for key, raw in zip(keys, companies, strict=True):
        if key and raw:
            spellings.setdefault(key, Counter())[raw.strip()] += 1
    sizes = {k: sum(c.values()) for k, c in spellings.items()}
    labels_by_key = {
        k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in spellings.items()
    }
    order = sorted(spellings, key=lambda k: (-sizes[k], labels_by_key[k]))
    number = {k: i for i, k in enumerate(order)}
    index = np.array([number.get(k, -1) for k in keys], dtype=np.int64)
    return index, [labels_by_key[k] for k in order]


# --- titles --------------------------------------------------------------------------------

# First match wins, so more specific words come first.
_FUNCTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Founder / Executive", ("founder", "ceo", "chief", "president", "owner", "partner")),
    ("Data & Research", ("data", "scientist", "research", "analytics", "machine learning")),
    (
        "Engineering",
        (
            "engineer",
            "developer",
            "software",
            "devops",
            "architect",
            "programmer",
            "cto",
            "sre",
            "technical",
            "tech lead",
        ),
    ),
    ("Product", ("product",)),
    ("Design", ("design", "ux", "ui ", "creative", "art director")),
    ("Marketing", ("marketing", "brand", "growth", "content", "seo", "communications", "pr ")),
    ("Sales", ("sales", "account executive", "business development", "account manager", "bdr")),
    ("Customer", ("customer", "support", "success", "service")),
    ("People / HR", ("recruit", "talent", "hr ", "human resources", "people")),
    ("Finance", ("finance", "financial", "accountant", "accounting", "controller", "cfo")),
    ("Operations", ("operations", "ops", "logistics", "supply chain", "coo", "project manager")),
    ("Legal", ("legal", "lawyer", "counsel", "attorney", "paralegal")),
    ("Education", ("teacher", "professor", "lecturer", "student", "phd")),
    ("Consulting", ("consultant", "advisor", "adviser")),
    ("Healthcare", ("nurse", "doctor", "physician", "medical", "clinical")),
]
_SENIORITY: list[tuple[str, tuple[str, ...]]] = [
    (
        "Executive",
        (
            "chief",
            "ceo",
            "cto",
            "cfo",
            "coo",
            "cmo",
            "founder",
            "president",
            "owner",
            "partner",
        ),
    ),
    ("VP / Director", ("vp", "vice president", "director", "head of", "head")),
    ("Manager", ("manager", "lead", "principal", "supervisor")),
    ("Senior", ("senior", "sr", "staff")),
    ("Entry", ("junior", "jr", "intern", "trainee", "graduate", "assistant", "student")),
]


def _title_words(title: str | None) -> str:
    return " " + _NON_WORD.sub(" ", (title or "").casefold()).strip() + " "


def _match(text: str, table: list[tuple[str, tuple[str, ...]]]) -> str | None:
    for name, words in table:
        for w in words:
            needle = w.strip()
            if f" {needle} " in text or (len(needle) > 4 and f" {needle}" in text):
                return name
    return None


def job_function(title: str | None) -> str | None:
    """The job function a title names ("Engineering", "Sales", ...), or None."""
    return _match(_title_words(title), _FUNCTIONS) if title else None


def seniority(title: str | None) -> str | None:
    """The seniority a title names; titles without a marker are "Individual contributor"."""
    if not title or not title.strip():
        return None
    return _match(_title_words(title), _SENIORITY) or "Individual contributor"


# --- communities -------------------------------------------------------------------------

# igraph draws its random numbers from one process-wide generator: hand it a seeded one per
# run, one run at a time, so every run is the same whatever thread it is in.
_IGRAPH_RNG = threading.Lock()


def communities(
    n: int,
    tie_a: npt.NDArray[np.int64],
    tie_b: npt.NDArray[np.int64],
    *,
    exclude: int | None = None,
    seed: int = 7,
    resolution: float = 1.0,
    iterations: int = -1,
) -> npt.NDArray[np.int64]:
    """Leiden community (modularity) of every person, numbered by size (largest first).

    `exclude` (you) is left out: you are tied to every 1st-degree person, which would only
    blur their clusters; you get -1, as does anyone tied to nobody else. igraph's Leiden is
    compiled (under a second on 100,000 people) and randomised; the fixed seed makes the
    partition the same on every run. `resolution` below 1 gives fewer, larger communities.
    `iterations`: Leiden passes (-1: until nothing changes).
    """
    keep = (tie_a != tie_b) if exclude is None else (tie_a != exclude) & (tie_b != exclude)
    a, b = tie_a[keep], tie_b[keep]
    label = np.full(n, -1, dtype=np.int64)
    if a.size == 0:
        return label
    # Pairs as tuples from two flat lists: 2.5 times faster than a nested list of rows.
    graph = igraph.Graph(n=n, edges=list(zip(a.tolist(), b.tolist(), strict=True)))
    with _IGRAPH_RNG:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            found = graph.community_leiden(
                objective_function="modularity", resolution=resolution, n_iterations=iterations
            )
        finally:
            igraph.set_random_number_generator(random)
    membership = np.asarray(found.membership, dtype=np.int64)
    tied = np.zeros(n, dtype=np.bool_)
    tied[a] = True
    tied[b] = True
    label[tied] = membership[tied]
    return _by_size(label)


def subcommunities(
    label: npt.NDArray[np.int64],
    tie_a: npt.NDArray[np.int64],
    tie_b: npt.NDArray[np.int64],
    *,
    seed: int = 7,
) -> npt.NDArray[np.int64]:
    """The second level: each community's own communities (Leiden on the ties inside
    communities only), numbered within each community by size (0 the largest); -1 for
    people in no community or tied to nobody of theirs."""
    inside = (label[tie_a] == label[tie_b]) & (label[tie_a] >= 0) & (tie_a != tie_b)
    # Two passes: the shades of a branch need its main parts, not the last refinement
    # (until stable took 3.4 s at 250,000 people, two passes a fraction of it).
    fine = communities(label.size, tie_a[inside], tie_b[inside], seed=seed, iterations=2)
    out = np.full(label.size, -1, dtype=np.int64)
    ok = np.flatnonzero(fine >= 0)
    if not ok.size:
        return out
    top = int(fine.max()) + 1
    pair, inverse, size = np.unique(
        label[ok] * top + fine[ok], return_inverse=True, return_counts=True
    )
    owner = pair // top
    order = np.lexsort((pair, -size, owner))
    start = np.r_[True, owner[order][1:] != owner[order][:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(order.size), 0))
    rank = np.empty(order.size, dtype=np.int64)
    rank[order] = np.arange(order.size) - first
    out[ok] = rank[inverse.reshape(-1)]
    return out


def split_large(
    label: npt.NDArray[np.int64],
    sub: npt.NDArray[np.int64],
    *,
    most: float,
    fallback: npt.NDArray[np.int64] | None = None,
) -> npt.NDArray[np.int64]:
    """Communities holding more than `most` of the people in communities are split along
    their sub-communities (`subcommunities`): the pieces are dealt out, largest first, to
    as many parts as bring each under `most`, each to the part that is smallest so far.
    A sub-community too large for a part (a star: one connector's contacts, tied to nobody
    else) is cut by `fallback` (e.g. company; -1 unknown, those by turns). Renumbered by
    size."""
    valid = label >= 0
    total = int(valid.sum())
    if not total:
        return label
    out = label.copy()
    cap = most * total
    next_id = int(label.max()) + 1
    sizes = np.bincount(label[valid])
    for c in np.flatnonzero(sizes > cap).tolist():
        members = np.flatnonzero(label == c)
        parts = math.ceil(sizes[c] / cap)
        piece = np.maximum(sub[members], 0)
        if fallback is not None and np.bincount(piece).max() > cap:
            extra = fallback[members]
            extra = np.where(extra >= 0, extra, -1 - np.arange(members.size) % parts)
            _, piece = np.unique(
                piece * (int(extra.max()) + parts + 2) + extra + parts + 1, return_inverse=True
            )
            piece = piece.reshape(-1)
        count = np.bincount(piece)
        if count.size < 2:
            continue
        part_size = np.zeros(parts)
        part_of = np.zeros(count.size, dtype=np.int64)
        for s in np.argsort(-count, kind="stable").tolist():
            k = int(np.argmin(part_size))
            part_of[s] = k
            part_size[k] += count[s]
        ids = np.r_[c, next_id + np.arange(parts - 1)]
        next_id += parts - 1
        out[members] = ids[part_of[piece]]
    return _by_size(out)


def absorb_small(
    label: npt.NDArray[np.int64],
    tie_a: npt.NDArray[np.int64],
    tie_b: npt.NDArray[np.int64],
    *,
    keep: int,
    outside: int,
    most: float = 1.0,
) -> npt.NDArray[np.int64]:
    """Small communities merged into the neighbour they share most ties with, smallest
    first, until at most `outside` people are outside the `keep` largest communities; the
    large ones keep their shape. A community tied to no other stays as it is, and none
    grows beyond `most` of the people in communities (it goes to its next neighbour).
    Renumbered by size; people without a community (-1) stay without."""
    count = int(label.max(initial=-1)) + 1
    size = np.bincount(label[label >= 0], minlength=count).astype(np.int64)
    if count <= keep or int(np.sort(size)[::-1][keep:].sum()) <= outside:
        return label
    both = (label[tie_a] >= 0) & (label[tie_b] >= 0)
    ca, cb = label[tie_a[both]], label[tie_b[both]]
    cross = ca != cb
    lo, hi = np.minimum(ca, cb)[cross], np.maximum(ca, cb)[cross]
    pairs, weight = np.unique(lo * count + hi, return_counts=True)
    near: list[dict[int, int]] = [{} for _ in range(count)]
    for p, w in zip(pairs.tolist(), weight.tolist(), strict=True):
        x, y = divmod(p, count)
        near[x][y] = w
        near[y][x] = w
    root = np.arange(count)
    alive = np.ones(count, dtype=np.bool_)
    size_all = int(size.sum())
    for c in np.argsort(size, kind="stable").tolist():
        if not alive[c]:
            continue
        live = size[alive]
        top = np.sort(live)[::-1]
        if int(top[keep:].sum()) <= outside:
            break
        if live.size > keep and size[c] >= top[keep - 1]:
            continue  # among the largest by now
        room = [d for d in near[c] if size[d] + size[c] <= most * size_all]
        if not room:
            continue
        into = max(room, key=lambda d: (near[c][d], size[d], -d))
        # c joins `into`: sizes, ties and the people's labels follow.
        size[into] += size[c]
        alive[c] = False
        root[root == c] = into
        for d, w in near[c].items():
            if d == into:
                continue
            near[into][d] = near[into].get(d, 0) + w
            near[d][into] = near[d].get(into, 0) + w
            del near[d][c]
        del near[into][c]
        near[c] = {}
    return _by_size(np.where(label >= 0, root[np.maximum(label, 0)], -1))


def _by_size(label: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Renumber groups 0.. by (size descending, smallest member): independent of how the
    algorithm happened to number them."""
    n = label.size
    valid = label >= 0
    if not valid.any():
        return label
    uniq, inverse = np.unique(label[valid], return_inverse=True)
    sizes = np.bincount(inverse)
    first = np.full(uniq.size, n, dtype=np.int64)
    np.minimum.at(first, inverse, np.nonzero(valid)[0])
    rank = np.empty(uniq.size, dtype=np.int64)
    rank[np.lexsort((first, -sizes))] = np.arange(uniq.size)
    out = np.full(n, -1, dtype=np.int64)
    out[np.nonzero(valid)[0]] = rank[inverse]
    return out
