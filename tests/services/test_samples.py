"""Each sample network, imported through the CLI, reproduces its truth.json."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import select
from tests.services.conftest import SAMPLES, Cli, sample_zips, truth

from netview.core import ids
from netview.services.analysis.stats import hop_counts
from netview.store.db import open_database
from netview.store.models import Interaction, InteractionTarget, Person, Tie

NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "truth.json").exists())


def slug_stem(slug: str) -> str:
    """'ayşe-nelson-13dde' -> 'ayşe nelson' (the samples' slugs are name + hash; slugs drop
    apostrophes: O'Brien -> obrien)."""
    return slug.rsplit("-", 1)[0].replace("-", " ")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.backends
def test_stats_after_import_equal_truth(name: str, cli: Cli) -> None:
    expected = truth(name)
    cli.json("import", *sample_zips(name))
    stats = cli.json("stats")
    assert stats["by_degree"] == expected["by_degree"]
    assert stats["people"] == expected["people_visible"]
    assert stats["messages"] == expected["messages"]
    assert stats["hidden_rows"] == expected["hidden_rows"]
    assert stats["unconnected"] == 0
    assert stats["sources"] == len(expected["exports"])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.backends
def test_every_person_has_their_true_identity_and_degree(name: str, cli: Cli) -> None:
    expected = truth(name)
    cli.json("import", *sample_zips(name))
    db = open_database(cli.db)
    with db.session() as s:
        people = {
            pid: (key, pname)
            for pid, key, pname in s.execute(select(Person.id, Person.key, Person.name))
        }
        pairs = [(a, b) for a, b in s.execute(select(Tie.a_id, Tie.b_id))]
        me = next(
            pid
            for pid, (key, _) in people.items()
            if key == expected["owner"]
            or slug_stem(expected["owner"]) == ids.name_key(people[pid][1])
        )
    db.dispose()
    hops = hop_counts(pairs, me)
    # People with a URL anywhere in the archive are keyed by their true slug; the rest (2018
    # exports have no URLs) are matched to truth by name.
    by_slug = {key: pid for pid, (key, _) in people.items() if ids.is_slug_key(key)}
    by_name: dict[str, list[int]] = defaultdict(list)
    for pid, (key, pname) in people.items():
        if not ids.is_slug_key(key):
            by_name[ids.name_key(pname).replace("'", "")].append(pid)
    for slug, degree in expected["degree"].items():
        if slug in by_slug:
            pid = by_slug[slug]
        else:
            candidates = by_name.get(slug_stem(slug), [])
            assert len(candidates) == 1, f"{slug}: {candidates}"
            pid = candidates[0]
        assert hops.get(pid) == degree, slug
    assert len(people) == len(expected["degree"])


@pytest.mark.parametrize("name", NAMES)
def test_newest_message_of_each_person_is_the_truth(name: str, cli: Cli) -> None:
    expected = truth(name)
    cli.json("import", *sample_zips(name))
    db = open_database(cli.db)
    newest: dict[str, date] = {}
    with db.session() as s:
        keys = {
            pid: (key, ids.name_key(n))
            for pid, key, n in s.execute(select(Person.id, Person.key, Person.name))
        }
        rows = s.execute(
            select(Interaction.actor_id, InteractionTarget.person_id, Interaction.occurred_at)
            .join(InteractionTarget, InteractionTarget.interaction_id == Interaction.id)
            .where(Interaction.kind == "message")
        )
        for actor, target, at in rows:
            for pid in (actor, target):
                key, nk = keys[pid]
                ident = key if ids.is_slug_key(key) else nk.replace("'", "")
                if at and (ident not in newest or at.date() > newest[ident]):
                    newest[ident] = at.date()
    db.dispose()
    for slug, day in expected["last_message"].items():
        ident = slug if slug in newest else slug_stem(slug)
        assert newest.get(ident) == date.fromisoformat(day), slug
