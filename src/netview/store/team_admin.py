"""A team's owner and admins on PostgreSQL: NetView's tables belong to a NOLOGIN role the
database owner's login is a member of; the day-to-day admin (`team init --admin`), who may
not create roles, adds, removes and purges members through functions the server runs for
them (docs/threat-model.md).
"""

from __future__ import annotations

import re

from sqlalchemy.engine import Connection

from netview.core.errors import NetViewError
from netview.store import team_guard, team_ids
from netview.store.models import Base
from netview.store.team import (
    _JOURNAL,
    _PRIVATE_DELETE_ORDER,
    PRIVATE_TABLES,
    READ_ONLY,
    SAFE_PATH,
    STAMP,
    create_login,
    current_database,
    fixer_role,
    group_role,
    is_superuser,
    role_exists,
    setup_security,
)


def secure(conn: Connection) -> str:
    """Everything `team init` and every schema upgrade of a team database set up: the
    members' grants and policies, the tables' owner, the admins' role and functions, the
    policy on meta, the authorship guard (store/team_guard.py) and the id checks
    (store/team_ids.py). Safe to run again. Returns
    the members' group role."""
    group = setup_security(conn)
    setup_ownership(conn, group)
    _protect_meta(conn, group)
    database = current_database(conn)
    team_guard.install(conn, group, admins_role(database), tables_role(database))
    team_ids.install(conn)
    return group


def tables_role(database: str) -> str:
    """The NOLOGIN role that owns NetView's tables: the database owner's login is a member
    (and so may upgrade the schema); the team's day-to-day admin is not, and cannot become
    one (it has no CREATEROLE)."""
    return f"netview_tables_{re.sub(r'[^a-z0-9_]', '_', database.lower())}"[:63]


def admins_role(database: str) -> str:
    """The role day-to-day admins (`team init --admin LOGIN`) belong to: members' rights,
    plus deleting shared rows, the member list, and the server's member functions."""
    return f"netview_admins_{re.sub(r'[^a-z0-9_]', '_', database.lower())}"[:63]


# What a member's own sessions write to meta: the undo journal of their own imports
# ('undo:' and the source's id), nothing else ("you" is their login's person, not a meta
# row). The key is the whole table's: a key written ahead for a teammate's next source
# would make that teammate's import fail (their update of it finds no row of theirs).
_MEMBERS_META = (
    "key LIKE 'undo:%%' AND EXISTS (SELECT 1 FROM public.source s "
    "WHERE 'undo:' || s.id = key AND s.added_by = current_user)"
)


def _protect_meta(conn: Connection, group: str) -> None:
    """`meta` is shared bookkeeping (an import's undo journal, which the admin's forget puts
    back): everyone reads it, a member writes only the journal of their own imports (and
    changes only the entries they wrote), the admins any. Not forced: the tables' owner
    (the database owner) is not held to it."""
    if not conn.exec_driver_sql(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'meta' AND column_name = %s",
        (STAMP,),
    ).first():
        return
    admins = admins_role(current_database(conn))
    conn.exec_driver_sql("ALTER TABLE meta ENABLE ROW LEVEL SECURITY")
    for name, rule in (
        ("meta_read", "FOR SELECT USING (true)"),
        (
            "meta_own",
            f'TO "{group}" USING ({STAMP} = current_user) WITH CHECK ({STAMP} = current_user'
            f" AND {_MEMBERS_META})",
        ),
        ("meta_admins", f'TO "{admins}" USING (true) WITH CHECK (true)'),
    ):
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON meta")
        conn.exec_driver_sql(f"CREATE POLICY {name} ON meta {rule}")


def setup_ownership(conn: Connection, group: str) -> None:
    """Hand NetView's tables to the NOLOGIN tables role and make the admins' role with its
    functions. Run by the database owner (or a superuser): it stays a member of the tables
    role, so it alone (with superusers) may still lift the row-level policies."""
    database = current_database(conn)
    owner, admins = tables_role(database), admins_role(database)
    if not role_exists(conn, owner):
        # CREATEROLE: its functions (below) create and drop members' logins for the admins.
        conn.exec_driver_sql(f'CREATE ROLE "{owner}" NOLOGIN CREATEROLE')
    if not role_exists(conn, admins):
        conn.exec_driver_sql(f'CREATE ROLE "{admins}" NOLOGIN')
    if not is_superuser(conn):
        conn.exec_driver_sql(f'GRANT "{owner}" TO CURRENT_USER')
    conn.exec_driver_sql(f'GRANT CREATE ON SCHEMA public TO "{owner}"')
    for table in [*Base.metadata.tables, "alembic_version", _JOURNAL]:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" OWNER TO "{owner}"')
    if conn.exec_driver_sql("SELECT to_regclass('public.netview_generation_seq')").scalar():
        conn.exec_driver_sql(f'ALTER SEQUENCE public.netview_generation_seq OWNER TO "{owner}"')
    conn.exec_driver_sql(f'GRANT "{group}" TO "{admins}"')
    for table in Base.metadata.tables:
        if table not in PRIVATE_TABLES and table not in READ_ONLY:
            conn.exec_driver_sql(f'GRANT DELETE ON "{table}" TO "{admins}"')
    conn.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON team_member TO "{admins}"')
    driver = conn.connection.driver_connection
    assert driver is not None
    fixer = fixer_role(database)
    conn.exec_driver_sql(f'GRANT "{fixer}", "{owner}" TO CURRENT_USER')
    for ddl, signature, runs_as in (
        (_add_login_sql(group, owner, admins, fixer), _ADD_LOGIN_FN, owner),
        (_drop_login_sql(group, owner, admins, fixer), _DROP_LOGIN_FN, owner),
        (_delete_private_sql(), _DELETE_PRIVATE_FN, fixer),
        (_purge_sql(), _PURGE_FN, fixer),
    ):
        driver.execute(ddl)
        conn.exec_driver_sql(f'ALTER FUNCTION {signature} OWNER TO "{runs_as}"')
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        conn.exec_driver_sql(f'GRANT EXECUTE ON FUNCTION {signature} TO "{admins}", CURRENT_USER')
    conn.exec_driver_sql(f'REVOKE "{fixer}" FROM CURRENT_USER')
    if is_superuser(conn):
        conn.exec_driver_sql(f'REVOKE "{owner}" FROM CURRENT_USER')


def make_admin(conn: Connection, name: str, password: str | None) -> None:
    """A day-to-day admin's login: a member of the team's roles and the admins' role, no
    CREATEROLE and not the tables' owner, so it cannot lift the row-level policies."""
    database = current_database(conn)
    create_login(conn, name, password, group_role(database))
    flags = conn.exec_driver_sql(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = %s", (name,)
    ).scalar()
    if flags:
        raise NetViewError(
            f"{name} may create roles or is a superuser: a day-to-day admin must be neither "
            "(it could make itself the tables' owner); choose another login"
        )
    conn.exec_driver_sql(f'GRANT "{admins_role(database)}" TO "{name}"')


# --- undoing a member: what only they added to the shared network ---------------------------
#
# A member may add junk to what the team shares (people, ties, messages nobody else's
# archive attests): `added_by` says whose it is. A row another login attests (through a link
# to a source someone else added, or a private row of theirs) stays. Ordered so that each
# step sees what the previous one removed; every step only deletes.


def _others_private_on_people() -> str:
    """SQL: person p has a private row of someone other than the login bound as l."""
    tables = [t for t in PRIVATE_TABLES if "person_id" in Base.metadata.tables[t].c]
    return " OR ".join(
        f'EXISTS (SELECT 1 FROM "{t}" x WHERE x.person_id = p.id AND x.owner <> %(l)s)'
        for t in tables
    )


_PURGE = (
    (
        "sources",
        "DELETE FROM source s WHERE s.added_by = %(l)s "
        "AND NOT EXISTS (SELECT 1 FROM pending_message x WHERE x.source_id = s.id "
        "  AND x.owner <> %(l)s) "
        "AND NOT EXISTS (SELECT 1 FROM interaction_source x JOIN interaction_text t "
        "  ON t.interaction_id = x.interaction_id WHERE x.source_id = s.id AND t.owner <> %(l)s)",
    ),
    (
        "messages and other interactions",
        "DELETE FROM interaction i WHERE i.added_by = %(l)s "
        "AND NOT EXISTS (SELECT 1 FROM interaction_source x WHERE x.interaction_id = i.id) "
        "AND NOT EXISTS (SELECT 1 FROM interaction_text t WHERE t.interaction_id = i.id "
        "  AND t.owner <> %(l)s)",
    ),
    (
        "ties",
        "DELETE FROM tie t WHERE t.added_by = %(l)s "
        "AND NOT EXISTS (SELECT 1 FROM tie_source x WHERE x.tie_id = t.id)",
    ),
    ("aliases", "DELETE FROM person_alias WHERE added_by = %(l)s"),
    (
        "people",
        "DELETE FROM person p WHERE p.added_by = %(l)s "
        "AND NOT EXISTS (SELECT 1 FROM person_source x WHERE x.person_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM tie t WHERE p.id IN (t.a_id, t.b_id)) "
        "AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.actor_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM interaction_target x WHERE x.person_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM position x WHERE x.person_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM source x WHERE x.owner_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM team_member x WHERE x.person_id = p.id) "
        "AND NOT ({others})",
    ),
)


def purge_login(conn: Connection, name: str) -> dict[str, int]:
    """Delete the shared rows `name` added that no one else's rows rest on; how many of
    each kind went. The server's function does it, seeing every member's private rows (to
    keep a person a teammate keeps a note on); the admins and the owner may call it."""
    found = conn.exec_driver_sql("SELECT netview_purge_login(%s)", (name,)).scalar()
    return {str(k): int(v) for k, v in dict(found or {}).items()}


# --- the admins' functions: members' logins and rows, for an admin who owns nothing --------

_ADD_LOGIN_FN = "netview_add_login(text, text)"
_DROP_LOGIN_FN = "netview_drop_login(text)"
_DELETE_PRIVATE_FN = "netview_delete_private_rows(text)"
_PURGE_FN = "netview_purge_login(text)"


def _not_a_member_login(group: str, owner: str, admins: str, fixer: str) -> str:
    """plpgsql: refuse a role that is anything but a member's login (a superuser, a role
    creator, one of NetView's own roles, an admin)."""
    return f"""
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who
      AND (rolsuper OR rolcreaterole OR NOT rolcanlogin))
    OR who IN ('{group}', '{owner}', '{admins}', '{fixer}')
    OR pg_has_role(who, '{admins}', 'MEMBER') THEN
    RAISE EXCEPTION 'netview: % is not a member''s login', who;
  END IF;"""


def _add_login_sql(group: str, owner: str, admins: str, fixer: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION netview_add_login(who text, password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
BEGIN
  IF who !~ '^[a-z_][a-z0-9_]{{0,62}}$' THEN
    RAISE EXCEPTION 'netview: % is not a login name', who;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
    {_not_a_member_login(group, owner, admins, fixer)}
    IF NOT pg_has_role(who, '{group}', 'MEMBER') THEN
      RAISE EXCEPTION 'netview: % is another login of this server', who;
    END IF;
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN', who);
  END IF;
  IF password IS NOT NULL AND password <> '' THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', who, password);
  END IF;
  EXECUTE format('GRANT %I TO %I', '{group}', who);
END
$fn$"""


def _drop_login_sql(group: str, owner: str, admins: str, fixer: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION netview_drop_login(who text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
    RETURN;
  END IF;
  {_not_a_member_login(group, owner, admins, fixer)}
  IF NOT pg_has_role(who, '{group}', 'MEMBER') THEN
    RAISE EXCEPTION 'netview: % is not a member of this team', who;
  END IF;
  EXECUTE format('REVOKE %I FROM %I', '{group}', who);
  EXECUTE format('DROP ROLE %I', who);
END
$fn$"""


def _delete_private_sql() -> str:
    steps = "\n".join(
        # `who` qualified: a private table may have a column of that name (evidence_unknown).
        f'  DELETE FROM public."{t}" WHERE owner = netview_delete_private_rows.who;\n'
        "  GET DIAGNOSTICS n = ROW_COUNT;\n  total := total + n;"
        for t in dict.fromkeys(_PRIVATE_DELETE_ORDER)
    )
    return f"""
CREATE OR REPLACE FUNCTION netview_delete_private_rows(who text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
DECLARE
  n integer;
  total integer := 0;
BEGIN
{steps}
  RETURN total;
END
$fn$"""


# The login argument, qualified: a private table may have a column named `who`.
_WHO = "netview_purge_login.who"


def _purge_sql() -> str:
    steps = "\n".join(
        f"  {sql.replace('{others}', _others_private_on_people()).replace('%(l)s', _WHO)};\n"
        "  GET DIAGNOSTICS n = ROW_COUNT;\n"
        f"  gone := gone || jsonb_build_object('{what}', n);"
        for what, sql in _PURGE
    )
    return f"""
CREATE OR REPLACE FUNCTION netview_purge_login(who text) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
DECLARE
  n integer;
  gone jsonb := '{{}}';
BEGIN
{steps}
  RETURN gone;
END
$fn$"""
