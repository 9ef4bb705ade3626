"""One snapshot per shared file: read in one transaction, the network loaded once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from tests.ui.conftest import fill_small_network

from netview.core.errors import NetViewError
from netview.services import network
from netview.services.analysis import stats
from netview.services.people import groups as gs
from netview.services.sharing.export import Selection, export, picture_model
from netview.store import db as dbmod
from netview.store.db import Database, open_database
from netview.store.models import Meta


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    fill_small_network(database, 8)
    with database.write() as s:
        gs.create(s, "Crew", None, ["p-2", "p-3"])
    yield database
    database.dispose()


@pytest.fixture
def counted(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Any]]]:
    seen: dict[str, list[Any]] = {"transactions": [], "loads": [], "hops": []}

    def begin(conn: Any) -> None:
        write = conn.get_execution_options().get(dbmod._WRITE)
        seen["transactions"].append("write" if write else "read")

    real_load, real_hops = network.load_network, stats.hop_counts

    def load(*a: Any, **k: Any) -> Any:
        seen["loads"].append(a)
        return real_load(*a, **k)

    def hops(*a: Any, **k: Any) -> Any:
        seen["hops"].append(a)
        return real_hops(*a, **k)

    monkeypatch.setattr(network, "load_network", load)
    monkeypatch.setattr(stats, "hop_counts", hops)
    event.listen(db.engine, "begin", begin)
    yield seen
    event.remove(db.engine, "begin", begin)


@pytest.mark.parametrize("fmt", ["csv", "graphml", "gexf", "ics"])
def test_a_data_export_reads_once(
    db: Database, counted: dict[str, list[Any]], tmp_path: Path, fmt: str
) -> None:
    result = export(db, fmt, tmp_path / f"net.{fmt}", group="Crew")
    assert result.people == 3  # the group's two and you
    assert counted["transactions"] == ["read"]
    # Everyone's steps from you are the loaded network's: not counted a second time.
    assert len(counted["loads"]) == 1 and counted["hops"] == []


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_anonymised_export_is_one_write_transaction(
    db: Database, counted: dict[str, list[Any]], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"net.{fmt}"
    result = export(db, fmt, target, degree=1, anonymize=True)
    assert result.people == 9
    assert counted["transactions"] == ["write"]
    # The backup loads no network: its audience counts the steps once; the CSV has them
    # from the network it loads.
    assert len(counted["hops"]) == (1 if fmt == "json" else 0)
    # No real name ("Person 2"), only pseudonyms ("Person 2e25d5c572b4").
    assert re.search(r"\bPerson \d\b", target.read_text(encoding="utf-8")) is None


def test_a_refused_selection_writes_nothing_not_even_the_secret(
    db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "net.csv"
    with pytest.raises(NetViewError, match="no group 'Nobody' \\(groups: Crew\\)"):
        export(db, "csv", target, group="Nobody", anonymize=True)
    assert not target.exists()
    with db.session() as s:
        assert s.query(Meta).filter(Meta.key != "me_person_id").count() == 0


@pytest.mark.parametrize("degree", [None, 1])
def test_a_picture_loads_the_network_once_and_counts_no_steps_again(
    db: Database, counted: dict[str, list[Any]], degree: int | None
) -> None:
    model = picture_model(db, Selection(degree=degree))
    assert len(model) == 9  # you and your eight connections, all within one step
    assert counted["transactions"] == ["read"]
    # Steps from you are the loaded network's (and not needed at all without --degree).
    assert len(counted["loads"]) == 1 and counted["hops"] == []


def test_a_backup_counts_steps_only_for_a_degree(
    db: Database, counted: dict[str, list[Any]], tmp_path: Path
) -> None:
    export(db, "json", tmp_path / "crew.json", group="Crew")
    assert counted["hops"] == [] and counted["loads"] == []
    export(db, "json", tmp_path / "near.json", degree=1)
    assert len(counted["hops"]) == 1 and counted["loads"] == []
