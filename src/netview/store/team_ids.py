"""Row ids on a team server: a member inserts only under ids the server hands out
(docs/threat-model.md, "Ids").

Members may write `id` (an import chooses its own ids, after the largest one in use, and
NetView's other inserts take the sequence's next value), so without a check one INSERT
could take an id far ahead: a person at 2147483647 makes every later import end in
"integer out of range", and a note at the sequence's next value makes a teammate's next
note a duplicate key they cannot see. So, for every table with an id sequence:

- an id up to the sequence's last value (handed out already: the column default, or
  nextval) is taken as it is;
- an id past it only while the session holds the import lock (imports take turns, so it
  races no teammate's import) and only right after the ids in use: the statement's ids past
  the sequence leave at most GAP unused ids below them (an import may skip a few rows it
  finds already there), and the sequence is moved past them at once, so the next value it
  hands anyone is free;
- an id is never changed (no NetView code does; only the server's identity functions move
  rows between people, and they keep ids).

Who is held: the same logins as the authorship guard (store/team_guard.py): members, not
the admins, the tables' owner, superusers or the server's own functions.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from netview.store.models import Base
from netview.store.team import SAFE_PATH

# The advisory lock imports take turns with (store/importing.py, lock_for_import).
IMPORT_LOCK = 4611686018427387
# Ids past the ones in use that one statement may leave unused.
GAP = 1000
REFUSED = "42501"  # insufficient_privilege, as for any other right a member lacks

_CHECK = "netview_guard_ids"
_KEEP = "netview_guard_id_kept"
# pg_locks splits a bigint advisory key into two oids: the high and the low 32 bits.
_HOLDS_IMPORT_LOCK = f"""EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory'
      AND pid = pg_catalog.pg_backend_pid() AND granted
      AND classid = {IMPORT_LOCK >> 32} AND objid = {IMPORT_LOCK & 0xFFFFFFFF} AND objsubid = 1)"""

_CHECK_SQL = f"""
CREATE OR REPLACE FUNCTION {_CHECK}() RETURNS trigger
LANGUAGE plpgsql {SAFE_PATH} AS $fn$
DECLARE
  handed bigint;
  first bigint;
  top bigint;
  n bigint;
  below bigint;
BEGIN
  IF NOT public.netview_held() THEN
    RETURN NULL;
  END IF;
  -- TG_ARGV[0]: the table's id sequence. Members may read it (USAGE, SELECT), not set it.
  handed := coalesce(pg_sequence_last_value(TG_ARGV[0]::regclass), 0);
  SELECT min(id), max(id), count(*) INTO first, top, n FROM new_rows WHERE id > handed;
  IF n = 0 THEN
    RETURN NULL;
  END IF;
  IF NOT {_HOLDS_IMPORT_LOCK} THEN
    RAISE EXCEPTION 'netview: id % of % was not handed out to you (use the column''s default)',
      top, TG_TABLE_NAME USING ERRCODE = '{REFUSED}';
  END IF;
  -- Rows in use below the first new one (an earlier statement of the same import may not
  -- have moved the sequence yet).
  EXECUTE format('SELECT max(id) FROM public.%I WHERE id < $1', TG_TABLE_NAME)
    INTO below USING first;
  IF top > greatest(handed, coalesce(below, 0)) + n + {GAP} THEN
    RAISE EXCEPTION 'netview: id % of % is far past the ids in use (take the next ones)',
      top, TG_TABLE_NAME USING ERRCODE = '{REFUSED}';
  END IF;
  PERFORM public.netview_sync_ids(TG_TABLE_NAME);
  RETURN NULL;
END
$fn$"""

_KEEP_SQL = f"""
CREATE OR REPLACE FUNCTION {_KEEP}() RETURNS trigger
LANGUAGE plpgsql {SAFE_PATH} AS $fn$
BEGIN
  IF public.netview_held() THEN
    RAISE EXCEPTION 'netview: ids are the server''s to hand out: % % keeps its id',
      TG_TABLE_NAME, OLD.id USING ERRCODE = '{REFUSED}';
  END IF;
  RETURN NEW;
END
$fn$"""


def tables_with_ids(conn: Connection) -> list[tuple[str, str]]:
    """(table, its id sequence) of NetView's tables whose id the server hands out."""
    out = []
    for name, table in Base.metadata.tables.items():
        if "id" not in table.c:
            continue
        seq = conn.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%s, 'id')", (f'public."{name}"',)
        ).scalar()
        if seq:
            out.append((name, str(seq)))
    return out


def install(conn: Connection) -> None:
    """The id checks' functions and triggers (replaced when run again). Run by the database
    owner after the authorship guard (its netview_held) and netview_sync_ids exist."""
    driver = conn.connection.driver_connection
    assert driver is not None
    for ddl in (_CHECK_SQL, _KEEP_SQL):
        driver.execute(ddl)  # straight to psycopg: the bodies' % signs stay as they are
    for table, seq in tables_with_ids(conn):
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS netview_guard_ids ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE TRIGGER netview_guard_ids AFTER INSERT ON "{table}" '
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {_CHECK}('{seq}')"
        )
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS netview_guard_id_kept ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE TRIGGER netview_guard_id_kept BEFORE UPDATE OF id ON "{table}" '
            f"FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION {_KEEP}()"
        )
