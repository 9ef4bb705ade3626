"""Automatic groups: company, job function and seniority from titles, communities.

Pure functions on plain data; netview.services.groups puts them next to the user's groups.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import networkx as nx
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
    keys = [company_key(c) for c in companies]
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


def _strip_leaves(
    n: int, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], alive: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.bool_], list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]]:
    """Peel people with at most one tie, round by round: (still alive, [(leaves, anchor)]).

    A leaf's best community is its only neighbour's, so Louvain need not see leaves; the
    rounds are replayed backwards to hand each leaf its anchor's community.
    """
    alive = alive.copy()
    rounds: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    while True:
        live_tie = alive[a] & alive[b]
        la, lb = a[live_tie], b[live_tie]
        deg = np.bincount(la, minlength=n) + np.bincount(lb, minlength=n)
        leaf = alive & (deg <= 1)
        if not leaf.any():
            return alive, rounds
        anchor = np.full(n, -1, dtype=np.int64)
        # A leaf's one neighbour; two leaves tied only to each other anchor on the smaller.
        from_a = leaf[la] & ~(leaf[lb] & (lb < la))
        anchor[la[from_a]] = lb[from_a]
        from_b = leaf[lb] & ~(leaf[la] & (la < lb))
        anchor[lb[from_b]] = la[from_b]
        idx = np.nonzero(leaf)[0]
        rounds.append((idx, anchor[idx]))
        alive[idx] = False


def communities(
    n: int,
    tie_a: npt.NDArray[np.int64],
    tie_b: npt.NDArray[np.int64],
    *,
    exclude: int | None = None,
    seed: int = 7,
) -> npt.NDArray[np.int64]:
    """Louvain community of every person, numbered by size (largest first), stable.

    `exclude` (you) is left out: you are tied to every 1st-degree person, which would only
    blur their clusters; you get -1, as does anyone tied to nobody else. networkx's Louvain
    visits nodes in a random order; the fixed seed makes the partition the same on every
    run. It runs on the network with leaves peeled off (fast on 100,000 people); leaves then
    join their anchor's community, which is where Louvain would put them anyway.
    """
    alive = np.ones(n, dtype=np.bool_)
    if exclude is not None:
        alive[exclude] = False
    core, rounds = _strip_leaves(n, tie_a, tie_b, alive)
    keep = core[tie_a] & core[tie_b]
    graph = nx.Graph()
    graph.add_nodes_from(np.nonzero(core)[0].tolist())
    graph.add_edges_from(zip(tie_a[keep].tolist(), tie_b[keep].tolist(), strict=True), weight=1)
    # What was peeled off still weighs in: a colleague whose export brought 800 people must
    # not look like someone with three ties, or every exporter melts into one community. A
    # self-loop carrying the peeled ties is exactly how Louvain itself folds members into a
    # node, so the partition of the core is the one the whole network would get.
    peeled = np.zeros(n, dtype=np.int64)
    for idx, anchor in rounds:
        has = anchor >= 0
        np.add.at(peeled, anchor[has], 1 + peeled[idx[has]])
    heavy = np.nonzero(core & (peeled > 0))[0]
    graph.add_weighted_edges_from(
        zip(heavy.tolist(), heavy.tolist(), peeled[heavy].tolist(), strict=True)
    )
    label = np.full(n, -1, dtype=np.int64)
    parts = (
        nx.community.louvain_communities(graph, weight="weight", seed=seed)
        if graph.number_of_nodes()
        else []
    )
    for i, members in enumerate(parts):
        label[np.fromiter(members, dtype=np.int64, count=len(members))] = i
    for idx, anchor in reversed(rounds):
        has = anchor >= 0
        label[idx[has]] = label[anchor[has]]
        # a pair of leaves tied only to each other: a community of their own
        alone = idx[~has & (label[idx] < 0)]
        for j, i in enumerate(alone.tolist()):
            label[i] = len(parts) + n + j
    # Renumber by (size, smallest member): independent of set iteration order.
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
