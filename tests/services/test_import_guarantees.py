"""Idempotent, atomic, honest about owners: what `netview import` promises."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from tests.services.conftest import SAMPLES, Cli, sample_zips

from netview.store.db import open_database


def snapshot(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    db = open_database(db_path)
    out = {}
    with db.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted(tuple(r) for r in rows)
    db.dispose()
    return out


@pytest.mark.backends
def test_importing_the_same_archives_twice_changes_nothing(cli: Cli) -> None:
    zips = sample_zips("network-2024")
    cli.json("import", *zips)
    before = snapshot(cli.db)
    reports = cli.json("import", *zips)
    assert [r["status"] for r in reports] == ["unchanged"] * len(zips)
    assert snapshot(cli.db) == before


def test_a_folder_and_its_zip_are_the_same_archive(cli: Cli) -> None:
    cli.json("import", SAMPLES / "network-2026" / "me")
    before = snapshot(cli.db)
    (report,) = cli.json("import", sample_zips("network-2026")[0])
    assert report["status"] == "unchanged"
    assert snapshot(cli.db) == before


def test_an_archive_with_one_broken_file_leaves_every_table_as_it_was(
    cli: Cli, tmp_path: Path
) -> None:
    cli.json("import", sample_zips("network-2024")[0])
    before = snapshot(cli.db)
    broken = tmp_path / "shared-olga"
    shutil.copytree(SAMPLES / "network-2024" / "shared-2-olga", broken)
    messages = broken / "messages.csv"
    messages.write_text(messages.read_text(encoding="utf-8") + '\n2-x==,,"Olga', encoding="utf-8")
    status, _, err = cli("import", broken)
    assert status == 1
    assert err.count("\n") == 1  # one line
    assert "messages.csv" in err and "line" in err
    assert snapshot(cli.db) == before


def test_a_corrupt_zip_is_refused_with_its_name(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "Complete_LinkedInDataExport_01-02-2026.zip"
    bad.write_bytes(sample_zips("single-2022")[0].read_bytes()[:700])
    status, _, err = cli("import", bad)
    assert status == 1
    assert bad.name in err
    if cli.on_file:
        assert not cli.db.exists()  # the database this first import would have created is gone
    else:
        assert cli.json("stats")["people"] == 0


def test_an_archive_with_no_linkedin_file_is_refused(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "holiday.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("notes.txt", "not an export")
    status, _, err = cli("import", other)
    assert status == 1 and "holiday.zip" in err


def test_unknown_owner_asks_for_owner_url_then_imports_with_it(cli: Cli, tmp_path: Path) -> None:
    cli.json("import", sample_zips("network-2026")[0])
    # A colleague's export stripped of everything that names its owner.
    anonymous = tmp_path / "colleague"
    anonymous.mkdir()
    shutil.copy(SAMPLES / "network-2026" / "shared-1-ben" / "Connections.csv", anonymous)
    status, _, err = cli("import", anonymous)
    assert status == 1
    assert "--owner-url" in err and "colleague" in err
    assert cli.json("stats")["sources"] == 1
    (report,) = cli.json(
        "import", anonymous, "--owner-url", "linkedin.com/in/Ben-Fern%C3%A1ndez-11eef/"
    )
    assert report["owner_key"] == "ben-fernández-11eef" and report["role"] == "shared"
    assert cli.json("stats")["by_degree"]["2"] > 0


def test_json_report_counts_rows_per_file(cli: Cli) -> None:
    mine, bjorn = cli.json("import", *sample_zips("network-2024")[:2])
    assert {f["name"]: f for f in bjorn["files"]}["Connections.csv"]["hidden"] == 1
    report = mine
    files = {f["name"]: f for f in report["files"]}
    connections = files["Connections.csv"]
    assert connections["kind"] == "connections"
    assert connections["hidden"] == 0
    assert connections["rows_read"] == connections["rows_imported"] + connections["hidden"] + len(
        connections["skipped"]
    )
    assert report["role"] == "you" and report["owner_key"] == "robin-quill-42"
    assert report["added"]["ties"] == 60


def test_human_report_names_the_owner_and_files(cli: Cli) -> None:
    status, out, _ = cli("import", *sample_zips("network-2026"))
    assert status == 0
    assert "your export" in out and "shared export" in out
    assert "Connections.csv" in out


def test_newer_export_of_the_same_owner_adds_and_keeps_user_edits(cli: Cli, tmp_path: Path) -> None:
    cli.json("import", sample_zips("network-2026")[0])
    db = open_database(cli.db)
    with db.engine.begin() as conn:
        pid = conn.execute(text("SELECT id FROM person WHERE key='olga-hill-15ccd'")).scalar()
        conn.execute(
            text(
                "INSERT INTO note (id, person_id, body, created_at, updated_at) "
                "VALUES (1, :p, 'met at PyCon', '2026-01-01', '2026-01-01')"
            ),
            {"p": pid},
        )
        conn.execute(
            text("INSERT INTO \"group\" (id, name, created_at) VALUES (1, 'VIP', '2026-01-01')")
        )
        conn.execute(
            text("INSERT INTO group_member (group_id, person_id) VALUES (1, :p)"), {"p": pid}
        )
    db.dispose()
    newer = tmp_path / "me-newer"
    shutil.copytree(SAMPLES / "network-2026" / "me", newer)
    connections = newer / "Connections.csv"
    lines = connections.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    lines.insert(
        header + 1, "Nia,Okoro,https://www.linkedin.com/in/nia-okoro-1,,Initech,CTO,24 Nov 2026"
    )
    olga = next(i for i, line in enumerate(lines) if line.startswith("Olga,Hill"))
    cells = lines[olga].split(",")
    cells[4] = "NewCo"  # she moved on since the older export
    lines[olga] = ",".join(cells)
    connections.write_text("\n".join(lines), encoding="utf-8")
    before = cli.json("stats")
    (report,) = cli.json("import", newer)
    assert report["status"] == "imported" and report["role"] == "you"
    after = cli.json("stats")
    assert after["people"] == before["people"] + 1
    assert after["by_degree"]["1"] == before["by_degree"]["1"] + 1
    assert after["messages"] == before["messages"]  # same messages, not doubled
    db = open_database(cli.db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT body FROM note")).scalar() == "met at PyCon"
        assert conn.execute(text("SELECT count(*) FROM group_member")).scalar() == 1
        company = "SELECT company FROM person WHERE key='olga-hill-15ccd'"
        assert conn.execute(text(company)).scalar() == "NewCo"
    db.dispose()


def test_2023_invitations_with_urns_keep_slugs_and_record_urns_as_aliases(
    cli: Cli, tmp_path: Path
) -> None:
    mine = tmp_path / "me-2023"
    shutil.copytree(SAMPLES / "network-2024" / "me", mine)
    invitations = mine / "Invitations.csv"
    rows = invitations.read_text(encoding="utf-8")
    rows = rows.replace(
        "inviterProfileUrl,inviteeProfileUrl", "inviterProfileUrn,inviteeProfileUrn"
    )
    urns: dict[str, str] = {}

    def urn(match: re.Match[str]) -> str:
        return urns.setdefault(match.group(0), f"urn:li:member:{1000 + len(urns)}")

    invitations.write_text(re.sub(r"https://www\.linkedin\.com/in/[^,\s]+", urn, rows), "utf-8")
    (report,) = cli.json("import", mine)
    assert report["owner_key"] == "robin-quill-42"
    assert cli.json("stats")["by_degree"] == {"1": 60}
    db = open_database(cli.db)
    with db.engine.connect() as conn:
        aliases = dict(
            conn.execute(
                text(
                    "SELECT a.alias, p.key FROM person_alias a JOIN person p ON p.id = a.person_id"
                )
            ).all()
        )
    db.dispose()
    assert aliases[urns["https://www.linkedin.com/in/robin-quill-42"]] == "robin-quill-42"
    assert len(aliases) == len(urns)


def test_one_command_imports_all_its_archives_or_none(cli: Cli, tmp_path: Path) -> None:
    anonymous = tmp_path / "colleague"
    anonymous.mkdir()
    shutil.copy(SAMPLES / "network-2026" / "shared-1-ben" / "Connections.csv", anonymous)
    status, _, err = cli("import", sample_zips("network-2026")[0], anonymous)
    assert status == 1 and "colleague" in err
    assert snapshot(cli.db)["person"] == []


def test_your_files_imported_one_by_one_make_one_you(cli: Cli) -> None:
    mine = SAMPLES / "network-2024" / "me"
    cli.json("import", mine / "Connections.csv")
    assert cli.json("stats")["me"]["name"] == "You"
    (report,) = cli.json("import", mine / "messages.csv")
    assert report["role"] == "you"
    stats = cli.json("stats")
    assert stats["me"] == {"name": "Robin Quill", "key": "robin-quill-42"}
    assert stats["people"] == 60 and stats["by_degree"] == {"1": 60}
    assert stats["messages"] == 141
