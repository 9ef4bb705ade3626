"""Alembic, driven from code: migrations ship inside the package and run on open."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

HEAD = "head"


def _config() -> Config:
    cfg = Config()
    location = resources.files("netview.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Bring the schema to `revision`; data already there is carried along.

    Give it a writer engine (netview.store.db.writer_engine) so that concurrent openers of
    a new database migrate one after the other.
    """
    if revision == HEAD and current_revision(engine) == head_revision():
        return
    cfg = _config()
    with engine.begin() as conn:
        # Someone else may have migrated while this transaction waited for the lock.
        current = MigrationContext.configure(conn).get_current_revision()
        if revision == HEAD and current == head_revision():
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
