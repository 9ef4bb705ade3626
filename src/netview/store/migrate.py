"""Alembic, driven from code: migrations ship inside the package and run on open."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from netview.store import connect, generation, passwords, schema_head, team, team_admin
from netview.store.errors import DatabaseUnusable

HEAD = "head"


def _config() -> Config:
    cfg = Config()
    location = schema_head.scripts_folder()
    cfg.set_main_option("script_location", str(location))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def check_schema(url: str, where: str) -> None:
    """Refuse a database this NetView cannot upgrade: another program's, a newer NetView's,
    or an older one that this login may not upgrade (a team member's: the tables are the
    admin's).

    Checked before `upgrade`, which would otherwise add NetView's tables to someone else's
    database, or fail deep inside Alembic on a revision it does not know. It reads through a
    plain connection, without NetView's SQLite settings, so a refused file is left as it was
    (switching it to WAL would rewrite its header).
    """
    probe = create_engine(url, poolclass=NullPool, connect_args=connect.connect_args(url))
    passwords.attach(probe, url)
    try:
        with probe.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = MigrationContext.configure(conn).get_current_revision()
            head = head_revision()
            may_upgrade = revision in (None, head) or _may_upgrade(conn)
    finally:
        probe.dispose()
    if revision is None:
        if tables - {"alembic_version"}:
            raise DatabaseUnusable(where, "is another program's database, not NetView's")
        return
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision not in known:
        raise DatabaseUnusable(
            where, f"made by a newer NetView (schema {revision}); update NetView to open it"
        )
    if not may_upgrade:
        # The admin's upgrade also secures what it adds (see upgrade below).
        raise DatabaseUnusable(
            where,
            f"its schema ({revision}) is older than this NetView's ({head}); ask the team's "
            "admin to run `netview team init` with this version of NetView",
        )


def _may_upgrade(conn: Connection) -> bool:
    """Whether this login may change the schema: on PostgreSQL, whether it owns NetView's
    tables (directly, through a role, or as a superuser); SQLite has no logins."""
    if conn.dialect.name != "postgresql":
        return True
    owns = conn.exec_driver_sql(
        "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
        "WHERE oid = to_regclass('alembic_version')"
    ).scalar()
    return owns is None or bool(owns)


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Bring the schema to `revision`; data already there is carried along.

    Give it a writer engine (netview.store.db.writer_engine) so that concurrent openers of
    a new database migrate one after the other.
    """
    cfg = _config()
    with engine.begin() as conn:
        # Someone else may have migrated while this transaction waited for the lock.
        current = MigrationContext.configure(conn).get_current_revision()
        if revision == HEAD and current == head_revision():
            return
        cfg.attributes["connection"] = conn
        secured = team.is_team_database(conn)
        if secured:
            team.lift_force(conn)
        command.upgrade(cfg, revision)
        if revision == HEAD:
            # A table a migration added counts toward the server's change counter too.
            generation.install(conn)
        if secured:
            # Tables a migration added are neither granted to the members nor under their
            # row-level policies yet: secure them before anyone can use them, in the same
            # transaction, so an upgrade cannot leave a team database half-secured.
            team_admin.secure(conn)
