"""Migration 0008: messages kept unattached move out of the shared meta table into
pending_message, and nothing of them is lost."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from netview.services.identity import ambiguous
from netview.services.importing.importer import import_paths
from netview.store import migrate
from netview.store.db import open_database

ARCHIVES = Path(__file__).parents[1] / "fixtures" / "identity"


def test_kept_messages_of_an_older_database_move_to_their_own_table(db_path: Path) -> None:
    db = open_database(db_path)
    import_paths(db, [ARCHIVES / "robin-2018"])
    with db.session() as s:
        (acme,) = s.execute(text("SELECT id FROM person WHERE company = 'Acme'")).one()
    offer = ambiguous.pending_for(db, acme)
    assert offer is not None and offer.count == 2
    db.dispose()
    # Back to 0007, where they lived in meta (the downgrade puts them there), and up again.
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as conn:
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007")
    finally:
        engine.dispose()
    old = open_database(db_path, migrate=False)
    with old.session() as s:
        kept = s.execute(text("SELECT value FROM meta WHERE key LIKE 'pending:%'")).all()
        assert len(kept) == 1 and "Hi Maria" in kept[0][0]
    old.dispose()
    db = open_database(db_path)
    try:
        with db.session() as s:
            assert s.execute(
                text("SELECT count(*) FROM meta WHERE key LIKE 'pending:%'")
            ).one() == (0,)
            assert s.execute(text("SELECT count(*) FROM pending_message")).one() == (1,)
        assert ambiguous.pending_for(db, acme) == offer
        assert ambiguous.attach(db, acme) == 2
    finally:
        db.dispose()


def test_a_backup_from_before_keeps_its_unattached_messages(tmp_path: Path) -> None:
    import json

    from netview.cli import main

    made = tmp_path / "made.db"
    assert main(["--db", str(made), "import", str(ARCHIVES / "robin-2018")]) == 0
    assert main(["--db", str(made), "export", "json", "-o", str(tmp_path / "new.json")]) == 0
    backup = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    # As NetView wrote it before 0008: the entries in meta, under "pending:<source id>".
    pending = backup["tables"].pop("pending_message")
    backup["tables"]["meta"]["rows"] += [[f"pending:{sid}", e] for _, sid, e in pending["rows"]]
    backup["schema"] = "0007"
    (tmp_path / "old.json").write_text(json.dumps(backup), encoding="utf-8")
    restored = tmp_path / "restored.db"
    assert main(["--db", str(restored), "restore", str(tmp_path / "old.json")]) == 0
    db = open_database(restored)
    try:
        with db.session() as s:
            (acme,) = s.execute(text("SELECT id FROM person WHERE company = 'Acme'")).one()
            keys = [k for (k,) in s.execute(text("SELECT key FROM meta"))]
        assert not [k for k in keys if k.startswith("pending:")]
        offer = ambiguous.pending_for(db, acme)
        assert offer is not None and offer.count == 2
    finally:
        db.dispose()
