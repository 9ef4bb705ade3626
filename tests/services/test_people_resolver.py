"""One person resolver: a person typed any way means the same person in every use case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.ui.conftest import fill_small_network

from netview.core.errors import NetViewError
from netview.services.identity import by_hand as identity
from netview.services.identity import people
from netview.services.importing import forget
from netview.services.introductions.paths import resolve_target
from netview.services.network import load_network
from netview.store.db import Database, open_database
from netview.store.models import Person

TYPED = ["p-3", "  P-3 ", "https://www.linkedin.com/in/p-3/", "linkedin.com/in/P-3?trk=x"]


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    fill_small_network(database, 6)
    yield database
    database.dispose()


def pid_of(db: Database, key: str) -> int:
    with db.session() as s:
        found = s.query(Person.id).filter(Person.key == key).scalar()
    assert found is not None
    return int(found)


@pytest.mark.parametrize("typed", TYPED)
def test_every_use_case_reads_a_typed_person_the_same_way(db: Database, typed: str) -> None:
    want = pid_of(db, "p-3")
    with db.session() as s:
        assert people.find_person(s, typed) == want
        assert people.person_ids(s, [typed, "p-2"]) == [want, pid_of(db, "p-2")]
    ln = load_network(db)
    target = resolve_target(db, ln, typed)
    assert [int(ln.net.ids[i]) for i in target.people] == [want]
    assert forget.set_private(db, typed) == ("p-3", "Person 3")


def test_a_merged_key_still_finds_the_person_everywhere(db: Database) -> None:
    with db.write() as s:
        merged = identity.merge(s, "p-3", "  P-4 ")
    kept = pid_of(db, merged.kept)
    gone = merged.merged
    with db.session() as s:
        assert people.find_person(s, gone) == kept
        assert people.find_person(s, f"https://www.linkedin.com/in/{gone.upper()}") == kept
    ln = load_network(db)
    assert [int(ln.net.ids[i]) for i in resolve_target(db, ln, gone).people] == [kept]
    assert forget.set_private(db, gone)[0] == merged.kept


def test_nobody_answers_to_an_unknown_key_in_any_use_case(db: Database) -> None:
    with db.session() as s:
        assert people.find_person(s, "p-99") is None
        with pytest.raises(people.UnknownPerson, match="'p-99' is not in your network"):
            people.person_ids(s, ["p-2", "p-99"])
    with pytest.raises(NetViewError, match="no person with key 'p-99'"):
        forget.set_private(db, "p-99")
    with pytest.raises(NetViewError, match="nobody has that key"), db.write() as s:
        identity.merge(s, "p-2", "p-99")
