"""Identity across files and archives, on hand-made records (no reader involved)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from netview.core import ids
from netview.core.errors import OwnerUnknown
from netview.core.records import (
    ArchiveContents,
    Connection,
    FileKind,
    FileReport,
    Invitation,
    Message,
    Profile,
)
from netview.services.analysis.stats import stats
from netview.services.importing import importer
from netview.store.db import Database, open_database
from netview.store.models import Person, PersonAlias


def conn(line: int, first: str, last: str, url: str | None = None) -> Connection:
    return Connection(line, first, last, url, None, "Acme", "Engineer", date(2023, 1, line))


def archive(
    label: str,
    owner: tuple[str, str] | None,
    connections: list[Connection],
    *,
    owner_url: str | None = None,
    messages: list[Message] | None = None,
) -> ArchiveContents:
    a = ArchiveContents(label=label, content_hash=label * 8, era="2024")
    a.files = [
        FileReport("Connections.csv", FileKind.CONNECTIONS, len(connections), len(connections))
    ]
    a.connections = connections
    if owner:
        a.profile = Profile(2, owner[0], owner[1], None, None, None)
    if owner_url and connections:
        # An outgoing invitation names the owner's profile, as real exports do.
        first = connections[0]
        a.invitations = [
            Invitation(
                2,
                f"{owner[0]} {owner[1]}" if owner else "",
                f"{first.first_name} {first.last_name}",
                datetime(2020, 1, 1),
                None,
                True,
                owner_url,
                first.url,
            )
        ]
    a.messages = messages or []
    return a


def load(db: Database, *archives: ArchiveContents, owner_url: str | None = None) -> None:
    for a in archives:
        with db.session() as s:
            importer._import_archive(s, a, owner_url)


def people(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {k: n for k, n in s.execute(select(Person.key, Person.name))}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(tmp_path / "t.db")


def test_same_url_in_two_spellings_is_one_person(db: Database) -> None:
    mine = archive(
        "a",
        ("Robin", "Quill"),
        [
            conn(5, "Søren", "Baker", "https://www.linkedin.com/in/s%C3%B8ren-baker-7866a"),
        ],
        owner_url="https://www.linkedin.com/in/robin-quill-42",
    )
    theirs = archive(
        "b",
        ("Olga", "Haddad"),
        [
            conn(5, "Søren", "Baker (He/Him)", "https://de.linkedin.com/in/Søren-Baker-7866a/?x=1"),
            conn(6, "Robin", "Quill", "www.linkedin.com/in/robin-quill-42"),
        ],
        owner_url="https://www.linkedin.com/in/olga-haddad-13dde",
    )
    load(db, mine, theirs)
    keys = people(db)
    assert set(keys) == {"robin-quill-42", "søren-baker-7866a", "olga-haddad-13dde"}
    result = stats(db)
    # Olga lists you among her connections: she is 1st degree too.
    assert result["by_degree"] == {"1": 2}


def test_url_less_rows_take_the_url_their_name_has_in_the_same_archive(db: Database) -> None:
    msg = Message(
        3,
        None,
        None,
        "Dmitri Nelson",
        "https://www.linkedin.com/in/dmitri-nelson-3a88a",
        ("Robin Quill",),
        (),
        datetime(2024, 1, 1),
        None,
        "hi",
        "INBOX",
        None,
        False,
        False,
    )
    mine = archive("a", ("Robin", "Quill"), [conn(5, "Dmitri", "Nelson, PhD")], messages=[msg])
    load(db, mine)
    assert "dmitri-nelson-3a88a" in people(db)
    assert stats(db)["people"] == 1
    assert stats(db)["messages"] == 1


def test_same_name_without_url_in_two_archives_is_never_merged(db: Database) -> None:
    mine = archive(
        "a",
        ("Robin", "Quill"),
        [conn(5, "Maria", "García"), conn(6, "Olga", "Haddad")],
        owner_url="https://www.linkedin.com/in/robin-quill-42",
    )
    theirs = archive(
        "b",
        ("Olga", "Haddad"),
        [conn(5, "Maria", "García")],
        owner_url="https://www.linkedin.com/in/olga-haddad-13dde",
    )
    load(db, mine, theirs)
    marias = [k for k, n in people(db).items() if n == "Maria García"]
    assert len(marias) == 2
    assert all(k.startswith(ids.NAME_PREFIX) for k in marias)


def test_two_url_less_connections_with_one_name_stay_two_people(db: Database) -> None:
    mine = archive("a", ("Robin", "Quill"), [conn(5, "Ana", "Lima"), conn(6, "Ana", "Lima")])
    load(db, mine)
    assert stats(db)["by_degree"] == {"1": 2}


def test_newer_export_with_urls_upgrades_people_known_by_name(db: Database) -> None:
    old = archive("old", ("Robin", "Quill"), [conn(5, "Ana", "Lima"), conn(6, "Bo", "Chen")])
    load(db, old)
    new = archive(
        "new",
        ("Robin", "Quill"),
        [
            conn(5, "Ana", "Lima", "https://www.linkedin.com/in/ana-lima-1"),
            conn(6, "Bo", "Chen"),
            conn(7, "Cy", "Dee", "https://www.linkedin.com/in/cy-dee-2"),
        ],
        owner_url="https://www.linkedin.com/in/robin-quill-42",
    )
    load(db, new)
    keys = people(db)
    # You and Ana got your profile keys; nobody was duplicated.
    assert "robin-quill-42" in keys and "ana-lima-1" in keys and "cy-dee-2" in keys
    assert len(keys) == 4
    assert stats(db)["by_degree"] == {"1": 3}
    with db.session() as s:
        assert s.execute(select(PersonAlias)).all()  # old name keys kept as aliases


def test_same_archive_twice_changes_nothing(db: Database) -> None:
    a = archive("a", ("Robin", "Quill"), [conn(5, "Ana", "Lima", "linkedin.com/in/ana-lima-1")])
    load(db, a, a)
    assert stats(db)["sources"] == 1


def test_unknown_owner_of_a_second_archive_is_an_error_not_a_guess(db: Database) -> None:
    load(db, archive("a", ("Robin", "Quill"), [conn(5, "Ana", "Lima")]))
    with pytest.raises(OwnerUnknown) as info:
        load(db, archive("b", ("Zed", "Zulu"), [conn(5, "Bo", "Chen")]))
    assert "--owner-url" in str(info.value) and "b" in str(info.value)
    assert stats(db)["sources"] == 1


def test_shared_export_owner_found_by_profile_name_among_known_people(db: Database) -> None:
    load(
        db,
        archive(
            "a",
            ("Robin", "Quill"),
            [
                conn(
                    5, "Olga", "Haddad (She/Her)", "https://www.linkedin.com/in/olga-haddad-13dde"
                ),
            ],
            owner_url="https://www.linkedin.com/in/robin-quill-42",
        ),
    )
    load(
        db,
        archive(
            "b",
            ("Olga", "Haddad"),
            [
                conn(5, "Bo", "Chen", "https://www.linkedin.com/in/bo-chen-9"),
            ],
        ),
    )
    assert stats(db)["by_degree"] == {"1": 1, "2": 1}
