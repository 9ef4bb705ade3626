"""Migration 0015: each stranger of your own evidence keeps the key of the name they were
given, so Details finds who waits under a person's name by an index; a database from before
it (no keys) still offers them, and goes back to 0014 whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select, text
from tests.samples import sample_zips

from netview.services.importing import evidence
from netview.services.importing.importer import import_paths
from netview.store import migrate
from netview.store.db import open_database
from netview.store.models import Person

MAIL = (
    "From x Mon Nov  2 09:00:00 2026\nMessage-ID: <key-{n}@invented.example>\n"
    "Date: 0{n} Nov 2026 09:00:00 +0000\n"
    'From: "Sam Chen" <sam.other@personal.example>\n'
    "To: Robin Quill <me.sample@inbox.example>\nSubject: hi\n\nhello\n\n"
)


def _to(db_path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.begin() as conn:
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()


def test_strangers_kept_before_their_name_key_still_wait_under_the_name(
    db_path: Path, tmp_path: Path
) -> None:
    mbox = tmp_path / "sam.mbox"
    mbox.write_text(MAIL.format(n=1) + MAIL.format(n=2), encoding="utf-8")
    db = open_database(db_path)
    try:
        import_paths(db, [sample_zips("network-2026")[0]])
        with db.write() as session:  # a second Sam Chen: the name is several people's now
            session.add(
                Person(key="urn:li:member:5150", name="Sam Chen", created_at=datetime.now())
            )
        import_paths(db, [mbox], my_addresses=["me.sample@inbox.example"])
        with db.session() as session:
            sams = list(session.scalars(select(Person.id).where(Person.name == "Sam Chen")))
            keys = session.execute(text("SELECT who, name_key FROM evidence_unknown")).all()
        assert set(keys) == {("sam.other@personal.example", "chen sam")}
        before = [evidence.waiting_for(db, p) for p in sams]
        assert len(sams) == 2 and all(w is not None and w.times == 2 for w in before)
    finally:
        db.dispose()
    _to(db_path, "0014")
    old = open_database(db_path, migrate=False)
    with old.session() as session:
        columns = [r[1] for r in session.execute(text("PRAGMA table_info(evidence_unknown)"))]
        assert "name_key" not in columns
        assert session.execute(text("SELECT count(*) FROM evidence_unknown")).one() == (2,)
    old.dispose()
    db = open_database(db_path)  # up to 0015 again: the rows have no key now
    try:
        with db.session() as session:
            keys = session.execute(text("SELECT DISTINCT name_key FROM evidence_unknown")).all()
        assert keys == [(None,)]
        assert [evidence.waiting_for(db, p) for p in sams] == before
    finally:
        db.dispose()
