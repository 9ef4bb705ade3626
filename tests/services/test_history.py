"""A newer archive of a person supersedes the older one; each newer import says what changed."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.services.conftest import SAMPLES, Cli, sample_zips
from tests.services.test_import_guarantees import snapshot

# The owner's newer archive of network-2026, with its truth: who is new, gone and moved.
# Not among samples/: it is no network on its own.
LATER = SAMPLES.parent / "history" / "later-2026"


def truth(_name: str = "later-2026") -> dict[str, Any]:
    return json.loads((LATER / "truth.json").read_text(encoding="utf-8"))


def later_zip() -> Path:
    return next(LATER.glob("*.zip"))


def degrees(cli: Cli, folder: Path) -> dict[str, int | None]:
    """Everyone's degree as the spreadsheet export gives it."""
    out = folder / "people.csv"
    status, _, err = cli("export", "csv", "-o", str(out))
    assert status == 0, err
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    return {r["key"]: int(r["degree"]) if r["degree"] else None for r in rows}


def rewritten(
    source: Path, target: Path, connections: Callable[[list[list[str]]], list[list[str]]]
) -> Path:
    """A copy of an archive whose Connections.csv rows (after its header) are rewritten."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "Connections.csv":
                text = data.decode("utf-8-sig")
                head, _, body = text.partition("First Name,")
                rows = list(csv.reader(io.StringIO("First Name," + body)))
                out = io.StringIO()
                w = csv.writer(out, lineterminator="\n")
                w.writerow(rows[0])
                w.writerows(connections(rows[1:]))
                data = (head + out.getvalue()).encode("utf-8")
            zout.writestr(item, data)
    return target


@pytest.mark.backends
def test_a_newer_archive_lists_exactly_what_changed_and_ends_gone_ties(
    cli: Cli, tmp_path: Path
) -> None:
    cli.json("import", *sample_zips("network-2026"))
    before = cli.json("stats")
    reports = cli.json("import", later_zip())
    assert reports[0]["changes"] == {"new": 6, "gone": 4, "moved": 12}
    t = truth("later-2026")

    changes = cli.json("changes")
    assert sorted(e["key"] for e in changes["new"]) == sorted(t["new"])
    assert sorted(e["key"] for e in changes["gone"]) == sorted(t["gone"])
    moved = {e["key"]: e for e in changes["moved"]}
    assert set(moved) == {m["key"] for m in t["moved"]}
    for m in t["moved"]:
        got = moved[m["key"]]
        assert got["company"] == [m["from"][0], m["to"][0]]
        assert got["position"] == [m["from"][1], m["to"][1]]
        assert got["seen"] == "2026-12-04"
    assert {e["name"] for e in changes["new"]} >= {"Aino Newfield", "Farah Newfield"}

    after = cli.json("stats")
    assert after["by_degree"]["1"] == before["by_degree"]["1"] - 4 + 6
    assert after["messages"] == before["messages"]  # no message lost
    # The gone are no longer 1st degree (one is still 2nd, through a colleague); the new are.
    degree = degrees(cli, tmp_path)
    assert {degree[k] for k in t["gone"]} <= {None, 2, 3}
    assert {degree[k] for k in t["new"]} == {1}
    assert {degree[m["key"]] for m in t["moved"]} == {1}

    # --since leaves out what was seen before the day given.
    assert cli.json("changes", "--since", "2026-12-05") == {
        "new": [],
        "gone": [],
        "moved": [],
        "companies": [],
    }


@pytest.mark.backends
def test_forgetting_the_newer_archive_brings_the_older_state_back_exactly(cli: Cli) -> None:
    cli.json("import", *sample_zips("network-2026"))
    before = snapshot(cli.db) if isinstance(cli.db, Path) else None
    stats = cli.json("stats")
    cli.json("import", later_zip())
    assert cli.json("stats") != stats
    status, _, err = cli("forget", later_zip().name)
    assert status == 0, err
    assert cli.json("stats") == stats
    assert cli.json("changes")["moved"] == []
    if before is not None:
        assert snapshot(cli.db) == before


def test_an_older_archive_imported_after_a_newer_one_changes_nothing_current(cli: Cli) -> None:
    me = sample_zips("network-2026")[0]
    cli.json("import", later_zip())
    stats = cli.json("stats")
    reports = cli.json("import", me)
    assert any("older than" in w for w in reports[0]["warnings"])
    after = cli.json("stats")
    assert after["by_degree"] == stats["by_degree"]
    assert cli.json("changes") == {"new": [], "gone": [], "moved": [], "companies": []}
    # Its companies are older facts: the newer ones stay.
    company = cli.rows("SELECT company FROM person WHERE key = 'josé-hill-2d001'")
    assert company == [("Northwind Traders",)]


def test_an_archive_that_looks_older_is_refused_unless_told_to_supersede(
    cli: Cli, tmp_path: Path
) -> None:
    me = sample_zips("network-2026")[0]
    cli.json("import", me)
    # Named as if made later, but without the newest connection (made 15 Oct 2026) and
    # with nothing connected since: an old archive under a new name.
    odd = rewritten(
        me,
        tmp_path / "me__Complete_LinkedInDataExport_12-10-2026.zip",
        lambda rows: [r for r in rows if not r[0].startswith("Valentina")],
    )
    before = snapshot(cli.db)
    status, _, err = cli("import", odd)
    assert status == 1
    assert err.count("\n") == 1 and "looks older" in err and "--supersede" in err
    assert "Valentina Fernández on 2026-10-15" in err
    assert snapshot(cli.db) == before  # nothing written

    reports = cli.json("import", odd, "--supersede")
    assert reports[0]["changes"] == {"new": 0, "gone": 1, "moved": 0}
    assert [e["key"] for e in cli.json("changes")["gone"]] == ["valentina-fernández-4a002"]


def test_formatting_differences_are_no_change(cli: Cli, tmp_path: Path) -> None:
    me = sample_zips("network-2026")[0]
    cli.json("import", me)

    def reformat(rows: list[list[str]]) -> list[list[str]]:
        out = []
        for first, last, url, email, company, position, on in rows:
            url = url.replace("https://www.", "http://").upper() + "/" if url else url
            out.append(
                [
                    first.upper(),
                    f"{last} (They/Them)",
                    url,
                    email,
                    company.lower() + ".",
                    f"  {position}",
                    on,
                ]
            )
        return out

    later = rewritten(me, tmp_path / "me__Complete_LinkedInDataExport_12-01-2026.zip", reformat)
    reports = cli.json("import", later)
    assert reports[0]["changes"] == {"new": 0, "gone": 0, "moved": 0}
    assert cli.json("changes") == {"new": [], "gone": [], "moved": [], "companies": []}
    assert cli.json("stats")["by_degree"]["1"] == 40


def test_a_colleagues_newer_archive_never_ends_a_tie_of_yours(cli: Cli, tmp_path: Path) -> None:
    me, ben, sam = sample_zips("network-2026")
    cli.json("import", me, ben, sam)
    stats = cli.json("stats")
    # Ben's newer archive no longer lists you, nor one of his other connections.
    dropped: list[str] = []

    def without(rows: list[list[str]]) -> list[list[str]]:
        kept = [r for r in rows if r[0] != "Robin"]
        dropped.append(kept[-1][2])
        return kept[:-1]

    newer = rewritten(ben, tmp_path / ben.name.replace("11-20-2026", "12-02-2026"), without)
    reports = cli.json("import", newer)
    assert reports[0]["changes"]["gone"] == 1  # his other connection, not you
    assert cli.json("stats")["by_degree"]["1"] == stats["by_degree"]["1"]
    gone = cli.json("changes")["gone"]
    assert [e["of"] for e in gone] == ["ben-fernández-11eef"]


def test_follow_ups_list_who_moved_on_with_a_draft_note(cli: Cli) -> None:
    cli.json("import", *sample_zips("network-2026"))
    assert not [e for e in cli.json("followups") if e["section"] == "moved"]
    cli.json("import", later_zip())
    moved = [e for e in cli.json("followups") if e["section"] == "moved"]
    assert {e["key"] for e in moved} == {m["key"] for m in truth("later-2026")["moved"]}
    xavier = next(e for e in moved if e["key"] == "xavier-okafor-5977a")
    assert xavier["detail"] == (
        "now Head of Data at Northwind Traders (was Software Engineer at Nordisk Data A/S)"
    )
    assert xavier["note"].startswith("Hi Xavier,")
    assert "started at Northwind Traders as Head of Data" in xavier["note"]
    # Once you have been in touch since the move, they have been congratulated.
    assert cli("followups", "--done", "xavier-okafor-5977a")[0] == 0
    moved = [e for e in cli.json("followups") if e["section"] == "moved"]
    assert "xavier-okafor-5977a" not in {e["key"] for e in moved}
    assert len(moved) == 11


def test_archives_imported_before_the_upgrade_are_superseded_too(cli: Cli) -> None:
    from alembic import command

    from netview.store.db import database_url, make_engine
    from netview.store.migrate import _config as migrate_config
    from netview.store.migrate import upgrade

    cli.json("import", *sample_zips("network-2026"))
    engine = make_engine(database_url(str(cli.db)))
    with engine.begin() as conn:  # as a database made before migration 0010 has it
        cfg = migrate_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    upgrade(engine)
    engine.dispose()
    # The upgrade dated each archive from its file name.
    assert cli.rows("SELECT DISTINCT as_of FROM source_snapshot") in (
        [("2026-11-20",)],
        [(date(2026, 11, 20),)],
    )
    reports = cli.json("import", later_zip())
    assert reports[0]["changes"] == {"new": 6, "gone": 4, "moved": 12}


def test_a_newer_archive_without_connections_ends_nothing(cli: Cli, tmp_path: Path) -> None:
    me = sample_zips("network-2026")[0]
    cli.json("import", me)
    basic = rewritten(me, tmp_path / "me__Basic_LinkedInDataExport_12-20-2026.zip", lambda r: [])
    reports = cli.json("import", basic)
    assert reports[0]["changes"] == {}
    assert cli.json("stats")["by_degree"]["1"] == 40
