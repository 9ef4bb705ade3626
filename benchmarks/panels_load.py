"""What each desktop panel reads in its worker, on demo networks of 10k and 100k people (several
exports with messages and invitations, imported as users' are: benchmarks/demo_network.py),
each figure next to load_network measured in the same run (the read every panel waits for).

    PYTHONPATH=src python benchmarks/panels_load.py [--sizes 10000 100000]

The panels' reads run off the UI thread; the target is that none takes longer than loading
the network itself (ratio <= 1.5, or under 0.1 s), so a data change shows everywhere about
when the map does. Details is read on every selection, so it has its own target: the whole
read the panel runs (netview.ui.panels.person._details: the person, their cadence
suggestion, pending messages, tags in use) in at most 10 ms, printed next to the same read
with the suggestion taken from the whole follow-ups overview, as it was before. Exits
non-zero when a panel misses its target.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database
from timing import over_sizes, timed

from netview.services.followups import cadence as fu
from netview.services.identity import ambiguous
from netview.services.network import load_network
from netview.services.people import groups as gs
from netview.services.people import tags
from netview.ui.panels import followups, groups, insights, invitations, paths
from netview.ui.panels.person import _details, ps

MAX_RATIO = 1.5
FAST_ENOUGH_S = 0.1  # below this a ratio says nothing a user would notice
DETAILS_S = 0.010  # a selection shows its details at once
missed: list[str] = []


def old_suggestion_for(db: Any, ln: Any, index: int) -> int | None:
    """The cadence suggestion as Details computed it before: through the whole overview."""
    net = ln.net
    if index == net.owner or net.tie_index(net.owner, index) is None:
        return None
    pid = int(net.ids[index])
    with db.session() as s:
        if pid in fu.u.followup_settings(s):
            return None
    if any(r.person_id == pid for r in fu.followups(db, today=ln.today, include_all=True)):
        return None
    # losing_touch(only=...) scanned every tie with evidence for this one person.
    for k in ln.evidence:
        a, b = int(net.tie_a[k]), int(net.tie_b[k])
        if net.owner in (a, b) and (b if a == net.owner else a) == index:
            break
    quiet = fu.losing_touch(ln, only={index})
    if quiet:
        return quiet[0].suggested_cadence
    w = ln.weights
    return fu.suggested_cadence(net.tie_strength(net.owner, index), w.strong, w.moderate)


def old_details(db: Any, ln: Any, key: str) -> Any:
    i = ln.net.index_of_key[key]
    d = ps.person_details(db, ln, i)
    pending = ambiguous.pending_for(db, d.person_id)
    return d, list(tags.all_tags(db)), pending, old_suggestion_for(db, ln, i)


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp), n)
        ln = load_network(db)
        net = ln.net
        # Some follow-ups to list: a cadence on 500 of your connections.
        for i in net.adjacency.neighbours(net.owner)[:500].tolist():
            fu.set_cadence(db, int(net.ids[i]), 30)
        base = timed(lambda: load_network(db))[0]
        print(f"{n} people, {net.tie_a.size} ties: load_network {base:.3f} s")
        rng = np.random.default_rng(4)
        third = np.nonzero(net.degree == 3)[0]
        second = np.nonzero(net.degree == 2)[0]
        who = int(rng.choice(third))
        # The window hands the groups panel the map's communities when the map shows them.
        index, labels = gs.automatic(db, load_network(db), "community")
        communities = (list(net.keys), index.tolist(), labels)
        cases: dict[str, Callable[[], Any]] = {
            "groups": lambda: groups._load(db, ln, communities),
            "follow-ups": lambda: followups._load(db, ln),
            "invitations": lambda: invitations.inv.invitations(db),
            "insights": lambda: insights._load(db, ln),
            "details": lambda: ps.person_details(db, ln, int(rng.choice(second))),
            "paths": lambda: paths._search(db, ln, net.keys[who], 5),
        }
        for name, fn in cases.items():
            t = timed(fn)[0]
            ratio = t / max(base, 1e-9)
            print(f"  {name:12} {t:8.3f} s   ratio {ratio:5.2f}  (load_network)")
            if ratio > MAX_RATIO and t > FAST_ENOUGH_S:
                missed.append(f"{n}: {name} {t:.2f} s = {ratio:.1f} x load_network")
        # Details as the panel reads it on a selection, for your own connections (those
        # with a suggestion to compute), 2nd and 3rd degree: a median over 30 people.
        first = np.nonzero(net.degree == 1)[0]
        chosen = [net.keys[int(i)] for g in (first, second, third) for i in rng.choice(g, 10)]
        for key in chosen:  # the same answers both ways (and both paths warmed up)
            assert _details(db, ln, key)[3] == old_details(db, ln, key)[3], key
        # Interleaved, person by person, so a busy moment of the machine hits both alike.
        pairs = [
            (
                timed(lambda k=k: _details(db, ln, k))[0],
                timed(lambda k=k: old_details(db, ln, k))[0],
            )
            for k in chosen
        ]
        now = statistics.median(p[0] for p in pairs)
        before = statistics.median(p[1] for p in pairs)
        print(
            f"  details (the panel's read) {now * 1000:6.1f} ms   "
            f"before (suggestion from the overview) {before * 1000:6.1f} ms   "
            f"ratio {now / max(before, 1e-9):5.2f}"
        )
        if now > DETAILS_S:
            missed.append(f"{n}: details {now * 1000:.1f} ms > {DETAILS_S * 1000:.0f} ms")
        db.dispose()


def main() -> None:
    over_sizes(run, [10_000, 100_000], missed, __doc__)


if __name__ == "__main__":
    main()
