"""The same archives in any order, with or without --owner-url, give the same people and ties.

Your own archive comes first (the first archive of an empty database is yours); the rest
arrive in every order hypothesis tries, each with or without --owner-url. What is compared
is what a user sees: every person's row (name, company, position, e-mail, headline, place,
profile address), their aliases, every tie and every interaction, by identity key, not by
row id. Keys of people known by name only are hashes; they are compared by the row they
name.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from netview.services.importing.importer import import_paths
from netview.store.db import Database, open_database

ARCHIVES = Path(__file__).parents[1] / "fixtures" / "identity"
MINE = ("robin-2024", "https://www.linkedin.com/in/robin-quill-42")
OTHERS = [
    ("robin-2018", "https://www.linkedin.com/in/robin-quill-42"),
    ("robin-2023", "https://www.linkedin.com/in/robin-quill-42"),
    ("olga-2023", "https://www.linkedin.com/in/olga-haddad-13dde"),
    ("wei-2023", "https://www.linkedin.com/in/wei-zhang-9"),
]


def snapshot(db: Database) -> dict[str, Any]:
    with db.session() as s:
        people = s.execute(
            text(
                "SELECT id, key, first_name, last_name, name, company, position, email,"
                " headline, location, url FROM person"
            )
        ).all()
        label = {}
        for row in people:
            key = str(row[1])
            label[row[0]] = f"name:{row[4]}|{row[5]}|{row[6]}" if key.startswith("name:") else key
        aliases = s.execute(text("SELECT alias, person_id FROM person_alias")).all()
        ties = s.execute(text("SELECT a_id, b_id, connected_on FROM tie")).all()
        acts = s.execute(
            text(
                "SELECT i.kind, i.actor_id, i.occurred_at, x.subject, t.person_id"
                " FROM interaction i JOIN interaction_target t ON t.interaction_id = i.id"
                " LEFT JOIN interaction_text x ON x.interaction_id = i.id"
            )
        ).all()
        me = s.execute(text("SELECT value FROM meta WHERE key = 'me_person_id'")).scalar_one()
    return {
        "me": label[int(me)],
        "people": sorted((label[r[0]], *map(str, r[2:])) for r in people),
        "aliases": sorted(
            (a if not a.startswith("name:") else "name", label[p]) for a, p in aliases
        ),
        "ties": sorted((*sorted((label[a], label[b])), str(d)) for a, b, d in ties),
        "interactions": sorted(
            (k, label[a], str(at), str(sub), label[t]) for k, a, at, sub, t in acts
        ),
    }


def build(order: list[int], with_url: list[bool]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "t.db")
        try:
            import_paths(db, [ARCHIVES / MINE[0]])
            for i in order:
                name, url = OTHERS[i]
                import_paths(db, [ARCHIVES / name], owner_url=url if with_url[i] else None)
            return snapshot(db)
        finally:
            db.dispose()


REFERENCE: dict[str, Any] = {}


@settings(max_examples=12, deadline=None)
@given(
    st.permutations(range(len(OTHERS))),
    st.lists(st.booleans(), min_size=len(OTHERS), max_size=len(OTHERS)),
)
def test_order_and_owner_url_never_change_people_or_ties(
    order: list[int], with_url: list[bool]
) -> None:
    if not REFERENCE:
        REFERENCE.update(build(list(range(len(OTHERS))), [True] * len(OTHERS)))
    got = build(list(order), with_url)
    assert got == REFERENCE


def test_the_reference_network_is_what_the_archives_say() -> None:
    snap = build([0, 1, 2, 3], [False] * 4)
    keys = [p[0] for p in snap["people"]]
    # One Robin, one Olga with a profile, one Wei: the 2023 URNs are aliases, not people.
    assert keys.count("robin-quill-42") == 1
    assert not any(k.startswith("urn:li:member:5001") for k in keys)
    assert ("urn:li:member:6002", "olga-haddad-13dde") in snap["aliases"]
    assert ("urn:li:member:7003", "wei-zhang-9") in snap["aliases"]
    # Wei's own Profile.csv wins over what Olga's and Robin's exports say of him.
    # (label, first, last, name, company, position, email, headline, location, ...)
    (wei,) = [p for p in snap["people"] if p[0] == "wei-zhang-9"]
    assert wei[7:9] == ("Data scientist", "Oslo")
    # What his export lacks (a job, an e-mail) comes from the newest export that has it:
    # Olga's (its newest row is from June 2023; Robin's folders end in March 2023).
    assert wei[4:7] == ("Hooli", "Staff data scientist", "wei@example.com")
