"""Identity rules on small invented archives (tests/fixtures/identity), through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.services.conftest import Cli, query, sample_zips

from netview.services.identity import ambiguous
from netview.services.identity.pick import people_to_pick, rank
from netview.services.mapping.mapmodel import load_map_model
from netview.store.db import open_database

ARCHIVES = Path(__file__).parents[1] / "fixtures" / "identity"
ROBIN = "https://www.linkedin.com/in/robin-quill-42"
OLGA = "https://www.linkedin.com/in/olga-haddad-13dde"


def rows(db: Path | str, sql: str) -> list[tuple[object, ...]]:
    return query(db, sql)


def names(db: Path | str) -> list[str]:
    return sorted(str(n) for (n,) in rows(db, "SELECT name FROM person"))


def test_namesakes_of_a_2018_export_stay_two_people(cli: Cli) -> None:
    (report,) = cli.json("import", ARCHIVES / "robin-2018")
    assert names(cli.db) == ["Maria García", "Maria García", "Olga Haddad", "Robin Quill"]
    companies = rows(cli.db, "SELECT company FROM person WHERE name = 'Maria García'")
    assert sorted(c for (c,) in companies) == ["Acme", "Globex"]
    stats = cli.json("stats")
    assert stats["by_degree"] == {"1": 3}
    # "Hi Maria" and her "Hello Robin": which Maria? Attached to neither, counted, kept.
    assert stats["messages"] == 1
    assert report["ambiguous_messages"] == 2
    assert any("2 messages to ambiguous names" in w for w in report["warnings"])


def test_the_owners_urn_in_their_own_2023_invitations_is_the_owner(cli: Cli) -> None:
    for extra in ((), ("--owner-url", ROBIN)):
        other = cli.fresh(f"robin{len(extra)}")
        db = other.db
        status, _out, err = other("import", ARCHIVES / "robin-2023", *extra)
        assert status == 0, err
        assert names(db).count("Robin Quill") == 1
        ((me, key),) = rows(db, "SELECT id, key FROM person WHERE name = 'Robin Quill'")
        aliases = rows(db, "SELECT alias, person_id FROM person_alias")
        # Without --owner-url the archive names no profile: the URN is then your key.
        assert key == "urn:li:member:5001" or ("urn:li:member:5001", me) in aliases
        assert other.json("stats")["by_degree"] == {"1": 2}


def test_a_colleagues_2023_export_ties_to_the_person_already_known(cli: Cli) -> None:
    cli.json("import", ARCHIVES / "robin-2024")
    (report,) = cli.json("import", ARCHIVES / "olga-2023")
    assert report["owner_key"] == "olga-haddad-13dde"
    assert report["role"] == "shared"
    assert names(cli.db).count("Olga Haddad") == 1
    stats = cli.json("stats")
    # You -> Olga, Wei (1st); Olga -> Lena (2nd); Paul Roy only invited Olga: unconnected.
    assert stats["by_degree"] == {"1": 2, "2": 1}
    assert stats["unconnected"] == 1
    (olga,) = rows(cli.db, "SELECT id FROM person WHERE key = 'olga-haddad-13dde'")
    assert ("urn:li:member:6002", olga[0]) in rows(
        cli.db, "SELECT alias, person_id FROM person_alias"
    )


def test_a_colleague_export_nobody_known_fits_asks_for_owner_url(cli: Cli) -> None:
    cli.json("import", ARCHIVES / "robin-2018")
    status, _out, err = cli("import", ARCHIVES / "wei-2023")
    assert status == 1
    assert "--owner-url" in err and err.count("\n") == 1
    assert names(cli.db) == ["Maria García", "Maria García", "Olga Haddad", "Robin Quill"]


def test_a_colleague_export_two_known_people_fit_asks(cli: Cli, tmp_path: Path) -> None:
    cli.json("import", ARCHIVES / "robin-2024")
    # A second Olga Haddad, known from someone else's export: no way to tell which she is.
    other = tmp_path / "other"
    other.mkdir()
    (other / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Olga,Haddad,https://www.linkedin.com/in/olga-haddad-99,,Umbrella,CFO,01 Feb 2020",
        encoding="utf-8",
    )
    cli.json("import", other, "--owner-url", "https://www.linkedin.com/in/wei-zhang-9")
    status, _out, err = cli("import", ARCHIVES / "olga-2023")
    assert status == 1 and "--owner-url" in err
    status, _out, err = cli("import", ARCHIVES / "olga-2023", "--owner-url", OLGA)
    assert status == 0, err
    assert names(cli.db).count("Olga Haddad") == 2


def test_day_first_excel_column_is_read_day_first_throughout(cli: Cli) -> None:
    cli.json("import", ARCHIVES / "excel-dayfirst")
    dates = rows(cli.db, "SELECT p.name, t.connected_on FROM tie t JOIN person p ON p.id = t.b_id")
    # (SQLite hands back the stored text, PostgreSQL a date: both print the same.)
    assert sorted((n, str(d)) for n, d in dates) == [
        ("Eva Novak", "2021-04-25"),
        ("Ivo Petrov", "2021-04-03"),
    ]


def test_an_ambiguous_date_column_is_refused_naming_file_and_column(cli: Cli) -> None:
    status, _out, err = cli("import", ARCHIVES / "excel-ambiguous")
    assert status == 1
    line = err.strip()
    assert "\n" not in line
    assert "Connections.csv" in line and "'Connected On'" in line and "03/04/2021" in line
    if cli.on_file:
        assert not cli.db.exists() or rows(cli.db, "SELECT count(*) FROM person") == [(0,)]
    else:
        assert rows(cli.db, "SELECT count(*) FROM person") == [(0,)]


@pytest.mark.parametrize(
    "typed", ["siobhan fernandez", "Fernández Siobhán", "SIOBHAN FERNANDES", "siobhan fern"]
)
def test_one_matcher_finds_a_name_in_map_search_paths_and_the_picker(cli: Cli, typed: str) -> None:
    for archive in sample_zips("network-2024"):
        cli.json("import", archive)
    wanted = "siobhán-fernández-23556"
    assert cli.json("paths", typed)["target"]["key"] == wanted
    db = open_database(cli.db)
    try:
        model = load_map_model(db)
        assert model.keys[model.search(typed)[0]] == wanted  # Ctrl+F
        assert rank(people_to_pick(db), typed, None)[0].key == wanted  # owner picker
    finally:
        db.dispose()


def test_messages_to_a_shared_name_can_be_attached_to_the_right_person(cli: Cli) -> None:
    cli.json("import", ARCHIVES / "robin-2018")
    (acme,) = rows(cli.db, "SELECT id FROM person WHERE company = 'Acme'")
    (olga,) = rows(cli.db, "SELECT id FROM person WHERE name = 'Olga Haddad'")
    db = open_database(cli.db)
    try:
        assert ambiguous.pending_for(db, olga[0]) is None
        offer = ambiguous.pending_for(db, acme[0])
        assert offer is not None and (offer.name, offer.count) == ("Maria García", 2)
        assert ambiguous.attach(db, acme[0]) == 2
        assert cli.json("stats")["messages"] == 3
        assert ambiguous.pending_for(db, acme[0]) is None
        ambiguous.detach(db, acme[0])  # undo
        assert cli.json("stats")["messages"] == 1
        assert ambiguous.pending_for(db, acme[0]) == offer
    finally:
        db.dispose()


def test_namesakes_receive_their_profiles_from_a_later_export(cli: Cli, tmp_path: Path) -> None:
    cli.json("import", ARCHIVES / "robin-2018")
    later = tmp_path / "robin-later"
    later.mkdir()
    shutil.copy(ARCHIVES / "robin-2018" / "Profile.csv", later)
    (later / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Maria,García,https://www.linkedin.com/in/maria-garcia-1,,Acme,Lead,02 Mar 2018\n"
        "Maria,García,https://www.linkedin.com/in/maria-garcia-2,,Globex,Director,15 Jan 2017",
        encoding="utf-8",
    )
    cli.json("import", later, "--owner-url", ROBIN)
    marias = rows(cli.db, "SELECT key, company FROM person WHERE name = 'Maria García'")
    assert sorted(marias) == [("maria-garcia-1", "Acme"), ("maria-garcia-2", "Globex")]
    assert cli.json("stats")["by_degree"] == {"1": 3}


def _sams(db: Path | str) -> list[tuple[object, ...]]:
    return sorted(rows(db, "SELECT name, company FROM person WHERE name LIKE 'Sam Lee%'"))


SAMS = [("Sam Lee", "Initech"), ("Sam Lee, PhD", "Acme"), ("Sam Lee, PhD", "Globex")]


def test_exact_namesakes_with_a_credential_stay_three_people(cli: Cli, tmp_path: Path) -> None:
    # Three URL-less connections named Sam Lee, two spelt exactly alike ("Lee, PhD") at two
    # companies, connected on different days: one member is never connected to one person
    # twice, so they are three people.
    (report,) = cli.json("import", ARCHIVES / "sam-2018")
    assert _sams(cli.db) == SAMS
    assert cli.json("stats")["by_degree"] == {"1": 4}
    assert any("3 connections without URLs" in w for w in report["warnings"])
    # A later export of the same owner (one new connection) finds each Sam again.
    later = tmp_path / "sam-later"
    shutil.copytree(ARCHIVES / "sam-2018", later)
    with (later / "Connections.csv").open("a", encoding="utf-8", newline="") as f:
        f.write('Ade,Okafor,,Hooli,Engineer,"7/7/19, 9:00 AM"\r\n')
    cli.json("import", later)
    assert _sams(cli.db) == SAMS
    assert cli.json("stats")["by_degree"] == {"1": 5}


def test_exact_namesakes_receive_their_profiles_from_a_later_export(
    cli: Cli, tmp_path: Path
) -> None:
    cli.json("import", ARCHIVES / "sam-2018")
    later = tmp_path / "sam-urls"
    later.mkdir()
    shutil.copy(ARCHIVES / "sam-2018" / "Profile.csv", later)
    (later / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Initech,Analyst,04 May 2016\n"
        'Sam,"Lee, PhD",https://www.linkedin.com/in/sam-lee-2,,Acme,Researcher,02 Mar 2018\n'
        'Sam,"Lee, PhD",https://www.linkedin.com/in/sam-lee-3,,Globex,Scientist,15 Jan 2017\n'
        "Noor,Aziz,https://www.linkedin.com/in/noor-aziz,,Umbrella,Designer,09 Feb 2015\n",
        encoding="utf-8",
    )
    cli.json("import", later, "--owner-url", "https://www.linkedin.com/in/dana-whit")
    sams = rows(cli.db, "SELECT key, company FROM person WHERE name LIKE 'Sam Lee%'")
    assert sorted(sams) == [
        ("sam-lee-1", "Initech"),
        ("sam-lee-2", "Acme"),
        ("sam-lee-3", "Globex"),
    ]
    assert cli.json("stats")["by_degree"] == {"1": 4}
