"""Opening databases: location, pragmas, and migrations that keep the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from netview.store.db import database_url, make_engine, open_database
from netview.store.migrate import _config as migrate_config
from netview.store.migrate import current_revision, head_revision, upgrade


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(db_path: Path) -> None:
    db = open_database(db_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.dispose()


def test_db_option_takes_a_path_or_a_url_and_falls_back_to_the_env_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert database_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("sqlite:///:memory:") == "sqlite:///:memory:"
    monkeypatch.setenv("NETVIEW_DB", str(tmp_path / "env.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("NETVIEW_DB")
    # Default: the platform's user data folder (redirected to tmp by conftest).
    assert database_url().endswith("netview.db")
    assert str(tmp_path) in database_url()


def test_old_schema_database_is_upgraded_on_open_with_its_data(db_path: Path) -> None:
    engine = make_engine(f"sqlite:///{db_path}")
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert "group" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, key, first_name, last_name, name, name_key, private,"
                " created_at) VALUES (1, 'ana-lima-1', 'Ana', 'Lima', 'Ana Lima', 'ana lima',"
                " 0, '2024-01-01 00:00:00'), (2, 'bo-chen-2', 'Bo', 'Chen', 'Bo Chen',"
                " 'bo chen', 0, '2024-01-01 00:00:00')"
            )
        )
        conn.execute(text("INSERT INTO tie (id, a_id, b_id) VALUES (1, 1, 2)"))
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('me_person_id', '1')"))
    engine.dispose()

    db = open_database(db_path)
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM person ORDER BY id")).scalars().all()
        assert names == ["Ana Lima", "Bo Chen"]
        assert conn.execute(text("SELECT count(*) FROM tie")).scalar() == 1
        # The newer tables are there and usable.
        conn.execute(
            text("INSERT INTO \"group\" (id, name, created_at) VALUES (1, 'VIP', '2024-01-01')")
        )
    db.dispose()


def test_opening_twice_is_harmless(db_path: Path) -> None:
    open_database(db_path).dispose()
    db = open_database(db_path)
    assert current_revision(db.engine) == head_revision()
    db.dispose()


@pytest.mark.backends
def test_texts_and_private_flags_move_out_of_shared_tables_on_upgrade(store_url: str) -> None:
    """Migration 0006 on SQLite and PostgreSQL: what a 0005 database held is all still there,
    with message texts and private flags in their owner-scoped tables."""
    engine = make_engine(store_url)
    upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, key, first_name, last_name, name, name_key, private,"
                " created_at) VALUES (1, 'ana-lima-1', 'Ana', 'Lima', 'Ana Lima', 'ana lima',"
                " :no, '2024-01-01 00:00:00'), (2, 'bo-chen-2', 'Bo', 'Chen', 'Bo Chen',"
                " 'bo chen', :yes, '2024-01-01 00:00:00')"
            ),
            {"no": False, "yes": True},
        )
        conn.execute(
            text(
                "INSERT INTO interaction (id, kind, actor_id, subject, body, dedup) VALUES"
                " (1, 'message', 1, 'Lunch?', 'Thursday at noon', 'd1'),"
                " (2, 'invitation', 2, NULL, NULL, 'd2')"
            )
        )
        conn.execute(text("INSERT INTO tag (id, name) VALUES (1, 'investor')"))
    engine.dispose()

    db = open_database(store_url)
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT person_id FROM person_private")).all() == [(2,)]
        texts = conn.execute(text("SELECT interaction_id, subject, body FROM interaction_text"))
        assert texts.all() == [(1, "Lunch?", "Thursday at noon")]
        assert conn.execute(text("SELECT count(*) FROM interaction")).scalar() == 2
        assert conn.execute(text("SELECT name FROM tag")).scalars().all() == ["investor"]
        columns = {c["name"] for c in inspect(conn).get_columns("interaction")}
        assert not columns & {"subject", "body"}
        assert "private" not in {c["name"] for c in inspect(conn).get_columns("person")}
    db.dispose()


@pytest.mark.backends
def test_a_personal_database_goes_back_to_before_team_databases_and_up_again(
    store_url: str,
) -> None:
    """Migrations 0008 to 0006 taken back on SQLite and PostgreSQL: texts and private flags
    return to their rows, and upgrading again gives the same database."""
    engine = make_engine(store_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, key, first_name, last_name, name, name_key,"
                " created_at) VALUES (1, 'ana-lima-1', 'Ana', 'Lima', 'Ana Lima', 'ana lima',"
                " '2024-01-01 00:00:00'), (2, 'bo-chen-2', 'Bo', 'Chen', 'Bo Chen',"
                " 'bo chen', '2024-01-01 00:00:00')"
            )
        )
        conn.execute(text("INSERT INTO person_private (person_id) VALUES (2)"))
        conn.execute(
            text(
                "INSERT INTO interaction (id, kind, actor_id, dedup) VALUES"
                " (1, 'message', 1, 'd1'), (2, 'invitation', 2, 'd2')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO interaction_text (interaction_id, subject, body)"
                " VALUES (1, 'Lunch?', 'Thursday at noon')"
            )
        )
        conn.execute(text("INSERT INTO tag (id, name) VALUES (1, 'investor')"))
    with engine.begin() as conn:
        cfg = migrate_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    with engine.connect() as conn:
        people = conn.execute(text("SELECT id, private FROM person ORDER BY id")).all()
        assert [(i, bool(p)) for i, p in people] == [(1, False), (2, True)]
        texts = conn.execute(text("SELECT id, subject, body FROM interaction ORDER BY id")).all()
        assert texts == [(1, "Lunch?", "Thursday at noon"), (2, None, None)]
        assert "owner" not in {c["name"] for c in inspect(conn).get_columns("tag")}
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT person_id FROM person_private")).all() == [(2,)]
        texts = conn.execute(text("SELECT interaction_id, subject, body FROM interaction_text"))
        assert texts.all() == [(1, "Lunch?", "Thursday at noon")]
        assert conn.execute(text("SELECT name FROM tag")).scalars().all() == ["investor"]
    # Two members' private rows: going back would lose one's, so nothing changes.
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO tag (id, name, owner) VALUES (2, 'mentor', 'bea')"))
    with pytest.raises(RuntimeError, match="several team members"), engine.begin() as conn:
        cfg = migrate_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert current_revision(engine) == head_revision()
    engine.dispose()
