"""Team databases on PostgreSQL: members (login roles linked to people) and the row-level
security that keeps each member's private rows to that member.

Private rows carry `owner`, filled by the server with current_user. The policies compare it
with current_user, so the server, not NetView, decides what a login may read and write.
On SQLite there are no logins: the owner is '' and "you" comes from the meta table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.store.models import (
    Base,
    Interaction,
    InteractionText,
    Person,
    Source,
    TeamMember,
)

# Tables whose rows belong to one member; the rest (people, ties, the fact and date of
# interactions, sources) are the team's.
PRIVATE_TABLES = (
    "note",
    "tag",
    "person_tag",
    "group",
    "group_member",
    "followup",
    "touch",
    "goal",
    "intro_template",
    "interaction_text",
    "person_private",
    "pending_message",
    "intro_request",
)
# Shared tables members read and write (imports); team_member only the admin writes.
READ_ONLY = ("team_member", "alembic_version")
# Shared tables members may add to and update but never delete from: deleting a person (or
# an interaction) cascades through foreign keys into every member's private rows on them,
# and foreign-key actions skip row-level security. So deleting shared rows (delete-person,
# forget) is the admin's alone. Imports only insert and update; merging and splitting people
# go through the server's functions (the identity section below).
# meta and identity_decision stay deletable: they hold bookkeeping nothing private hangs on.
NO_MEMBER_DELETE = (
    "person",
    "person_alias",
    "source",
    "person_source",
    "tie",
    "tie_source",
    "interaction",
    "interaction_target",
    "interaction_source",
    "position",
)
# Children before parents, so the count of a member's removed rows is every row.
_PRIVATE_DELETE_ORDER = ("person_tag", "group_member", *PRIVATE_TABLES)
PERMISSION_DENIED = "42501"  # PostgreSQL's SQLSTATE insufficient_privilege
_LOGIN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def is_postgresql(session: Session | Connection) -> bool:
    bind = session.get_bind() if isinstance(session, Session) else session
    return bind.dialect.name == "postgresql"


def login(session: Session) -> str:
    """The owner value of rows this session writes: the login on PostgreSQL, else ''."""
    if not is_postgresql(session):
        return ""
    return str(session.scalar(select(func.current_user())))


def own_text(session: Session) -> ColumnElement[bool]:
    """Join condition for an interaction's text as this login has it (row-level security
    already hides others' texts from members; an admin would otherwise see every copy)."""
    return and_(
        InteractionText.interaction_id == Interaction.id, InteractionText.owner == login(session)
    )


def member_person(session: Session) -> int | None:
    """The person the connected login is, when it is a team member."""
    if not is_postgresql(session):
        return None
    stmt = select(TeamMember.person_id).where(TeamMember.login == func.current_user())
    found = session.scalar(stmt)
    return int(found) if found is not None else None


def valid_login(name: str) -> bool:
    """Lower-case letters, digits and _: a role name that needs no quoting anywhere."""
    return bool(_LOGIN.match(name))


def group_role(database: str) -> str:
    """The role every member of this database belongs to."""
    return f"netview_members_{re.sub(r'[^a-z0-9_]', '_', database.lower())}"[:63]


def setup_security(conn: Connection) -> str:
    """Create the members' role, grant it the tables and turn on row-level security.

    Safe to run again: every statement either checks first or replaces what it made.
    Returns the group role's name.
    """
    database = current_database(conn)
    group = group_role(database)
    if not role_exists(conn, group):
        conn.exec_driver_sql(f'CREATE ROLE "{group}" NOLOGIN')
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{group}"')
    conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO "{group}"')
    for table in [*Base.metadata.tables, "alembic_version"]:
        if table in READ_ONLY:
            conn.exec_driver_sql(f'GRANT SELECT ON "{table}" TO "{group}"')
        elif table in NO_MEMBER_DELETE:
            conn.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE ON "{table}" TO "{group}"')
            # A database made team before this rule had DELETE granted: take it back.
            conn.exec_driver_sql(f'REVOKE DELETE ON "{table}" FROM "{group}"')
        else:
            conn.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO "{group}"')
    conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{group}"')
    # Imports set the id sequences past the ids they chose: that needs UPDATE on them.
    conn.exec_driver_sql(f'GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{group}"')
    for table in PRIVATE_TABLES:
        conn.exec_driver_sql(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        # The admin who owns the tables is held to the policies too (superusers never are).
        conn.exec_driver_sql(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
        conn.exec_driver_sql(f'DROP POLICY IF EXISTS own_rows ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE POLICY own_rows ON "{table}" '
            "USING (owner = current_user) WITH CHECK (owner = current_user)"
        )
    setup_identity_fixes(conn, group)
    return group


def lift_force(conn: Connection) -> None:
    """Let the tables' owner see every member's private rows until the transaction ends
    (setup_security forces the policies again): a migration that rewrites private rows must
    rewrite all of them, not only the admin's own. The ALTER's lock keeps members out."""
    for table in PRIVATE_TABLES:
        if conn.exec_driver_sql("SELECT to_regclass(%s)", (f'"{table}"',)).scalar():
            conn.exec_driver_sql(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')


def is_superuser(conn: Connection) -> bool:
    """Whether the connected login is a superuser, whom row-level security never binds."""
    found = conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return bool(found.scalar())


def is_team_database(conn: Connection) -> bool:
    """Whether `netview team init` made this database a team's (its members' role exists)."""
    if not is_postgresql(conn):
        return False
    return role_exists(conn, group_role(current_database(conn)))


def current_database(conn: Connection) -> str:
    return str(conn.exec_driver_sql("SELECT current_database()").scalar())


def role_exists(conn: Connection, name: str) -> bool:
    found = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first()
    return found is not None


def create_login(conn: Connection, name: str, password: str | None, group: str) -> None:
    """A LOGIN role in the members' group; the password is sent as a bound literal."""
    if not role_exists(conn, name):
        conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN')
    if password:
        # Role DDL takes no bind parameters: quote the literal with the server's own function.
        quoted = conn.exec_driver_sql("SELECT quote_literal(%s)", (password,)).scalar()
        conn.exec_driver_sql(f'ALTER ROLE "{name}" PASSWORD {quoted}')
    conn.exec_driver_sql(f'GRANT "{group}" TO "{name}"')


def drop_login(conn: Connection, name: str, group: str) -> None:
    if role_exists(conn, name):
        # Members own no objects and hold privileges only through the group, so the role
        # drops cleanly (DROP OWNED would need the admin to be a member of it).
        conn.exec_driver_sql(f'REVOKE "{group}" FROM "{name}"')
        conn.exec_driver_sql(f'DROP ROLE "{name}"')


def delete_private_rows(conn: Connection, name: str) -> int:
    """Delete every private row `name` owns; how many went.

    The admin is held to the row-level policies (FORCE) and so cannot see a member's rows:
    as the tables' owner it lifts FORCE for this transaction only (PostgreSQL's DDL is
    transactional, and the lock it takes keeps everyone else out until it is back).
    """
    gone = 0
    for table in dict.fromkeys(_PRIVATE_DELETE_ORDER):
        conn.exec_driver_sql(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
        result = conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE owner = %s', (name,))
        gone += max(result.rowcount, 0)
        conn.exec_driver_sql(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
    return gone


def permission_denied(exc: BaseException) -> bool:
    """Whether the server refused a statement for want of a privilege (a member deleting
    shared rows)."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == PERMISSION_DENIED


class AdminOnly(NetViewError):
    """A member tried what only the team's admin may do (delete shared rows)."""


@contextmanager
def admin_only(what: str) -> Iterator[None]:
    """Turn the server's refusal of `what` into one line for the member (the write it was
    part of has been rolled back, so nothing is half-deleted)."""
    try:
        yield
    except DBAPIError as exc:
        if not permission_denied(exc):
            raise
        raise AdminOnly(
            f"only the team's admin can {what}: members may not delete what the team "
            "shares (connect with the admin's URL)"
        ) from None


def link_member(session: Session, name: str, person_id: int) -> None:
    member = session.get(TeamMember, name)
    if member is None:
        session.add(TeamMember(login=name, person_id=person_id, added_at=datetime.now()))
    else:
        member.person_id = person_id


def unlink_member(session: Session, name: str) -> bool:
    linked = session.get(TeamMember, name) is not None
    session.execute(delete(TeamMember).where(TeamMember.login == name))
    return linked


def members(session: Session) -> list[tuple[str, int, datetime]]:
    stmt = select(TeamMember.login, TeamMember.person_id, TeamMember.added_at).order_by(
        TeamMember.login
    )
    return [(str(lg), int(p), at) for lg, p, at in session.execute(stmt)]


def generation(session: Session) -> tuple[int, int, int]:
    """A cheap fingerprint of what imports and forgets change (sources and people): another
    member's import, or another process's, shows as a different value."""
    sources = session.execute(select(func.count(), func.coalesce(func.max(Source.id), 0))).one()
    people = session.scalar(select(func.count()).select_from(Person)) or 0
    return int(sources[0]), int(sources[1]), int(people)


# --- identity fixes by members: merge, split, undo of an attach ---------------------------
#
# Merging two people deletes one of them, and every member may have private rows on either
# (notes, tags, groups, cadences, touches, private flags). A member's session cannot see
# those rows, and a member may not delete shared rows at all (the cascade would reach past
# row-level security). So the steps that need either are done by the server, in functions
# `team init` creates: SECURITY DEFINER, owned by a role nobody logs in as (the fixer,
# netview_identity_<database>), with search_path pinned, executable only by the members'
# role (and the admin). Each does one identity step and checks that it loses nothing:
#
# - netview_merge_people(keep, gone): moves every member's private rows from `gone` to
#   `keep`, noting per member what moved in netview_identity_journal (a table no member may
#   read), moves a teammate's login link, and deletes `gone`, but only once everything shared
#   about `gone` (aliases, positions, messages, sources, ties) is already `keep`'s: NetView
#   moved that in the member's own session first. It is not a way to delete people.
# - netview_split_people(decision, restored): for a recorded merge whose person NetView has
#   put back as `restored`, removes exactly what the merge added to the kept person (the
#   alias, sources, message targets, tie sources the decision lists) and puts every member's
#   private rows back as the journal says.
# - netview_detach_message(message, source, created): the undo of attaching a message kept
#   unattached by an import: unlinks it from that source, and deletes it only when the attach
#   made it and nothing else attests it (so no other member's text on it goes).
#
# The functions see every member's rows through one more policy on the private tables,
# `identity_fixes`, which applies to the fixer role alone: no login is a member of it (the
# admin only while `team init` hands it the functions), so the only code that ever runs as
# it is these functions. Lifting FORCE instead (as remove-member does) would take table
# locks that deadlock with a teammate's app reading at the same moment. Nothing a function
# returns or raises names another member's rows. The admin's own merges use the same
# functions, so their cascade no longer loses members' rows either.

# Private tables the functions read and write every member's rows of.
_FIXED_PRIVATE = (
    "note",
    "touch",
    "group_member",
    "person_tag",
    "followup",
    "person_private",
    "group",
    "tag",
    "interaction_text",
)
_JOURNAL = "netview_identity_journal"
_MERGE_FN = "netview_merge_people(integer, integer)"
_SPLIT_FN = "netview_split_people(integer, integer)"
_DETACH_FN = "netview_detach_message(integer, integer, boolean)"


_JOURNAL_DDL = f"""
CREATE TABLE IF NOT EXISTS {_JOURNAL} (
  id serial PRIMARY KEY,
  keep_id integer NOT NULL,
  gone_id integer NOT NULL,
  gone_key varchar(400) NOT NULL,
  owner varchar(63) NOT NULL,
  moved jsonb NOT NULL,
  created_at timestamp NOT NULL DEFAULT localtimestamp
)"""

# {ids} in a jsonb array as a set of integers.
_IDS = "SELECT jsonb_array_elements_text({}) ::integer"

_MERGE_SQL = f"""
CREATE OR REPLACE FUNCTION netview_merge_people(keep integer, gone integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  b_key text;
  o text;
BEGIN
  SELECT key INTO b_key FROM person WHERE id = gone;
  IF keep = gone OR b_key IS NULL OR NOT EXISTS (SELECT 1 FROM person WHERE id = keep) THEN
    RAISE EXCEPTION 'netview: no such pair of people to merge';
  END IF;
  -- Only a merge: everything shared about `gone` must be `keep`'s already, so that the
  -- cascade below loses nothing but the tie between the two.
  IF EXISTS (SELECT 1 FROM person_alias WHERE person_id = gone)
    OR EXISTS (SELECT 1 FROM "position" WHERE person_id = gone)
    OR EXISTS (SELECT 1 FROM interaction WHERE actor_id = gone)
    OR EXISTS (SELECT 1 FROM source WHERE owner_id = gone)
    OR EXISTS (SELECT 1 FROM person_source g WHERE g.person_id = gone AND NOT EXISTS (
      SELECT 1 FROM person_source k WHERE k.person_id = keep AND k.source_id = g.source_id))
    OR EXISTS (SELECT 1 FROM interaction_target g WHERE g.person_id = gone AND NOT EXISTS (
      SELECT 1 FROM interaction_target k
      WHERE k.person_id = keep AND k.interaction_id = g.interaction_id))
    OR EXISTS (SELECT 1 FROM tie t WHERE gone IN (t.a_id, t.b_id) AND keep NOT IN (t.a_id, t.b_id)
      AND NOT EXISTS (SELECT 1 FROM tie k
        WHERE k.a_id = least(keep, t.a_id + t.b_id - gone)
          AND k.b_id = greatest(keep, t.a_id + t.b_id - gone)))
    OR EXISTS (SELECT 1 FROM tie t JOIN tie_source s ON s.tie_id = t.id
      WHERE gone IN (t.a_id, t.b_id) AND keep NOT IN (t.a_id, t.b_id) AND NOT EXISTS (
        SELECT 1 FROM tie k JOIN tie_source ks ON ks.tie_id = k.id
        WHERE k.a_id = least(keep, t.a_id + t.b_id - gone)
          AND k.b_id = greatest(keep, t.a_id + t.b_id - gone) AND ks.source_id = s.source_id))
  THEN
    RAISE EXCEPTION 'netview: % still has ties, messages or sources of its own: only a merge'
      ' may remove a person', b_key;
  END IF;
  FOR o IN
    SELECT owner FROM note WHERE person_id = gone
    UNION SELECT owner FROM touch WHERE person_id = gone
    UNION SELECT owner FROM group_member WHERE person_id = gone
    UNION SELECT owner FROM person_tag WHERE person_id = gone
    UNION SELECT owner FROM followup WHERE person_id = gone
    UNION SELECT owner FROM person_private WHERE person_id = gone
  LOOP
    INSERT INTO {_JOURNAL} (keep_id, gone_id, gone_key, owner, moved) VALUES (keep, gone, b_key, o,
      jsonb_build_object(
        'note', (SELECT coalesce(jsonb_agg(id), '[]') FROM note
          WHERE person_id = gone AND owner = o),
        'touch', (SELECT coalesce(jsonb_agg(id), '[]') FROM touch
          WHERE person_id = gone AND owner = o),
        'groups', (SELECT coalesce(jsonb_agg(group_id), '[]') FROM group_member
          WHERE person_id = gone AND owner = o),
        'groups_added', (SELECT coalesce(jsonb_agg(g.group_id), '[]') FROM group_member g
          WHERE g.person_id = gone AND g.owner = o AND NOT EXISTS (SELECT 1 FROM group_member k
            WHERE k.person_id = keep AND k.group_id = g.group_id)),
        'tags', (SELECT coalesce(jsonb_agg(tag_id), '[]') FROM person_tag
          WHERE person_id = gone AND owner = o),
        'tags_added', (SELECT coalesce(jsonb_agg(g.tag_id), '[]') FROM person_tag g
          WHERE g.person_id = gone AND g.owner = o AND NOT EXISTS (SELECT 1 FROM person_tag k
            WHERE k.person_id = keep AND k.tag_id = g.tag_id)),
        'followup', (SELECT jsonb_build_object('cadence_days', cadence_days,
          'snoozed_until', snoozed_until) FROM followup WHERE person_id = gone AND owner = o),
        'followup_moved', NOT EXISTS (SELECT 1 FROM followup
          WHERE person_id = keep AND owner = o),
        'private', EXISTS (SELECT 1 FROM person_private WHERE person_id = gone AND owner = o),
        'private_added', NOT EXISTS (SELECT 1 FROM person_private
          WHERE person_id = keep AND owner = o)));
  END LOOP;
  IF EXISTS (SELECT 1 FROM team_member WHERE person_id = gone) THEN
    INSERT INTO {_JOURNAL} (keep_id, gone_id, gone_key, owner, moved)
    SELECT keep, gone, b_key, '', jsonb_build_object('logins', jsonb_agg(login))
    FROM team_member WHERE person_id = gone;
    UPDATE team_member SET person_id = keep WHERE person_id = gone;
  END IF;
  UPDATE note SET person_id = keep WHERE person_id = gone;
  UPDATE touch SET person_id = keep WHERE person_id = gone;
  INSERT INTO group_member (owner, group_id, person_id)
    SELECT g.owner, g.group_id, keep FROM group_member g WHERE g.person_id = gone
    ON CONFLICT DO NOTHING;
  DELETE FROM group_member WHERE person_id = gone;
  INSERT INTO person_tag (owner, person_id, tag_id)
    SELECT g.owner, keep, g.tag_id FROM person_tag g WHERE g.person_id = gone
    ON CONFLICT DO NOTHING;
  DELETE FROM person_tag WHERE person_id = gone;
  UPDATE followup f SET person_id = keep WHERE f.person_id = gone
    AND NOT EXISTS (SELECT 1 FROM followup k WHERE k.person_id = keep AND k.owner = f.owner);
  DELETE FROM followup WHERE person_id = gone;
  INSERT INTO person_private (person_id, owner)
    SELECT keep, owner FROM person_private WHERE person_id = gone ON CONFLICT DO NOTHING;
  DELETE FROM person_private WHERE person_id = gone;
  DELETE FROM person WHERE id = gone;
END
$fn$"""

_SPLIT_SQL = f"""
CREATE OR REPLACE FUNCTION netview_split_people(decision integer, restored integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  d jsonb;
  keep integer;
  old_id integer;
  b_key text;
  saved jsonb;
  j record;
BEGIN
  SELECT detail::jsonb INTO d FROM identity_decision WHERE id = decision AND kind = 'merge';
  IF d IS NULL THEN
    RAISE EXCEPTION 'netview: no such merge to split';
  END IF;
  keep := (d->>'a_id')::integer;
  old_id := (d->'b_row'->>'id')::integer;
  b_key := d->'b_row'->>'key';
  IF NOT EXISTS (SELECT 1 FROM person WHERE id = restored AND key = b_key)
    OR NOT EXISTS (SELECT 1 FROM person WHERE id = keep) THEN
    RAISE EXCEPTION 'netview: the merged person is not back yet';
  END IF;
  -- What the merge added to the kept person, as its decision lists it, and nothing else.
  DELETE FROM person_alias WHERE person_id = keep AND alias = CASE
    WHEN (d->>'rekeyed')::boolean THEN d->'a_row'->>'key' ELSE b_key END;
  DELETE FROM person_source WHERE person_id = keep
    AND source_id IN ({_IDS.format("d->'person_source'->'added'")});
  DELETE FROM interaction_target WHERE person_id = keep
    AND interaction_id IN ({_IDS.format("d->'targets'->'added'")});
  FOR saved IN SELECT value FROM jsonb_array_elements(d->'ties') WHERE value->>'how' = 'folded'
  LOOP
    DELETE FROM tie_source WHERE tie_id = (saved->'into'->'tie'->>'id')::integer
      AND source_id IN (SELECT (s->>'source_id')::integer
        FROM jsonb_array_elements(saved->'sources') s)
      AND source_id NOT IN (SELECT (s->>'source_id')::integer
        FROM jsonb_array_elements(saved->'into'->'sources') s);
  END LOOP;
  FOR j IN SELECT owner, moved FROM {_JOURNAL}
    WHERE keep_id = keep AND gone_id = old_id AND gone_key = b_key ORDER BY id
  LOOP
    IF j.owner = '' THEN
      UPDATE team_member SET person_id = restored WHERE person_id = keep
        AND login IN (SELECT jsonb_array_elements_text(j.moved->'logins'));
      CONTINUE;
    END IF;
    UPDATE note SET person_id = restored WHERE owner = j.owner AND person_id = keep
      AND id IN ({_IDS.format("j.moved->'note'")});
    UPDATE touch SET person_id = restored WHERE owner = j.owner AND person_id = keep
      AND id IN ({_IDS.format("j.moved->'touch'")});
    DELETE FROM group_member WHERE owner = j.owner AND person_id = keep
      AND group_id IN ({_IDS.format("j.moved->'groups_added'")});
    INSERT INTO group_member (owner, group_id, person_id)
      SELECT j.owner, g.id, restored FROM "group" g
      WHERE g.owner = j.owner AND g.id IN ({_IDS.format("j.moved->'groups'")})
      ON CONFLICT DO NOTHING;
    DELETE FROM person_tag WHERE owner = j.owner AND person_id = keep
      AND tag_id IN ({_IDS.format("j.moved->'tags_added'")});
    INSERT INTO person_tag (owner, person_id, tag_id)
      SELECT j.owner, restored, t.id FROM tag t
      WHERE t.owner = j.owner AND t.id IN ({_IDS.format("j.moved->'tags'")})
      ON CONFLICT DO NOTHING;
    IF jsonb_typeof(j.moved->'followup') = 'object' THEN
      IF (j.moved->>'followup_moved')::boolean THEN
        DELETE FROM followup WHERE owner = j.owner AND person_id = keep;
      END IF;
      INSERT INTO followup (owner, person_id, cadence_days, snoozed_until)
      VALUES (j.owner, restored, (j.moved->'followup'->>'cadence_days')::integer,
        (j.moved->'followup'->>'snoozed_until')::date)
      ON CONFLICT DO NOTHING;
    END IF;
    IF (j.moved->>'private')::boolean THEN
      IF (j.moved->>'private_added')::boolean THEN
        DELETE FROM person_private WHERE owner = j.owner AND person_id = keep;
      END IF;
      INSERT INTO person_private (person_id, owner) VALUES (restored, j.owner)
      ON CONFLICT DO NOTHING;
    END IF;
  END LOOP;
  DELETE FROM {_JOURNAL}
    WHERE keep_id = keep AND gone_id = old_id AND gone_key = b_key;
END
$fn$"""

_DETACH_SQL = """
CREATE OR REPLACE FUNCTION netview_detach_message(message integer, source integer,
  created boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  -- Only a message attached by hand from that source's unattached ones.
  IF NOT EXISTS (SELECT 1 FROM pending_message p, jsonb_array_elements(p.entries::jsonb) e
    WHERE p.owner = session_user AND p.source_id = source
      AND (e->>'interaction')::integer = message) THEN
    RAISE EXCEPTION 'netview: message % was not attached by hand', message;
  END IF;
  IF created AND NOT EXISTS (SELECT 1 FROM interaction_source
      WHERE interaction_id = message AND source_id <> source)
    AND NOT EXISTS (SELECT 1 FROM interaction_text
      WHERE interaction_id = message AND owner <> session_user) THEN
    DELETE FROM interaction WHERE id = message;
  ELSE
    DELETE FROM interaction_source WHERE interaction_id = message AND source_id = source;
  END IF;
END
$fn$"""


def fixer_role(database: str) -> str:
    """The role the identity functions run as: it owns them, and nobody logs in as it."""
    return f"netview_identity_{re.sub(r'[^a-z0-9_]', '_', database.lower())}"[:63]


def setup_identity_fixes(conn: Connection, group: str) -> None:
    """The fixer role, its policies, the journal and the functions members fix identities
    with. Run again, the functions are replaced (CREATE OR REPLACE) and the journal kept."""
    fixer = fixer_role(current_database(conn))
    if not role_exists(conn, fixer):
        conn.exec_driver_sql(f'CREATE ROLE "{fixer}" NOLOGIN')
    # Only while this runs is the admin a member of it: to give it the functions (ALTER
    # OWNER, CREATE OR REPLACE need that). Its policies must not open the admin's own view.
    conn.exec_driver_sql(f'GRANT "{fixer}" TO CURRENT_USER')
    conn.exec_driver_sql(f'GRANT USAGE, CREATE ON SCHEMA public TO "{fixer}"')
    conn.exec_driver_sql(_JOURNAL_DDL)
    for table in [*Base.metadata.tables, _JOURNAL]:
        conn.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO "{fixer}"')
    conn.exec_driver_sql(f'GRANT USAGE ON SEQUENCE {_JOURNAL}_id_seq TO "{fixer}"')
    # No member reads or writes the journal; the functions do, as the fixer.
    conn.exec_driver_sql(f'REVOKE ALL ON {_JOURNAL} FROM PUBLIC, "{group}"')
    for table in _FIXED_PRIVATE:
        # Every member's rows, for the fixer alone (a policy adds to own_rows, for that role).
        conn.exec_driver_sql(f'DROP POLICY IF EXISTS identity_fixes ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE POLICY identity_fixes ON "{table}" TO "{fixer}" USING (true) WITH CHECK (true)'
        )
    # Detaching checks the caller's own unattached messages: those, and nobody else's.
    conn.exec_driver_sql('DROP POLICY IF EXISTS identity_fixes ON "pending_message"')
    conn.exec_driver_sql(
        f'CREATE POLICY identity_fixes ON "pending_message" FOR SELECT TO "{fixer}" '
        "USING (owner = session_user)"
    )
    driver = conn.connection.driver_connection
    assert driver is not None
    for ddl, signature in (
        (_MERGE_SQL, _MERGE_FN),
        (_SPLIT_SQL, _SPLIT_FN),
        (_DETACH_SQL, _DETACH_FN),
    ):
        # Straight to psycopg: with no parameters it leaves the bodies' % signs alone.
        driver.execute(ddl)
        conn.exec_driver_sql(f'ALTER FUNCTION {signature} OWNER TO "{fixer}"')
        # New functions are executable by PUBLIC: only the members' role and the admin.
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        conn.exec_driver_sql(f'GRANT EXECUTE ON FUNCTION {signature} TO "{group}", CURRENT_USER')
    conn.exec_driver_sql(f'REVOKE "{fixer}" FROM CURRENT_USER')


class TeamNeedsInit(NetViewError):
    """A member's identity fix on a team database made before the server could do it."""


def fixes_on_server(session: Session) -> bool:
    """Whether merge, split and detach go through the server's functions: on a PostgreSQL
    team database (`team init` made them). A member on a team database made by an older
    NetView is told what to do in one line; elsewhere (SQLite, a PostgreSQL database that
    is not a team's) NetView does it all in the session."""
    if not is_postgresql(session):
        return False
    found = session.scalar(select(func.to_regprocedure(f"public.{_MERGE_FN}")))
    if found is not None:
        return True
    if member_person(session) is not None:
        raise TeamNeedsInit(
            "this team database cannot merge, split or detach for members yet: "
            "ask the admin to run `netview team init` again"
        )
    return False


def merge_on_server(session: Session, keep: int, gone: int) -> None:
    _call(session, func.netview_merge_people(keep, gone))


def split_on_server(session: Session, decision: int, restored: int) -> None:
    _call(session, func.netview_split_people(decision, restored))


def detach_on_server(session: Session, message: int, source: int, created: bool) -> None:
    _call(session, func.netview_detach_message(message, source, created))


def _call(session: Session, fn: ColumnElement[Any]) -> None:
    try:
        session.execute(select(fn))
    except DBAPIError as exc:
        # A function's own refusal ("netview: …") is one line for the user; the write it
        # was part of is rolled back.
        said = str(getattr(getattr(exc.orig, "diag", None), "message_primary", "") or "")
        if said.startswith("netview: "):
            raise NetViewError(said.removeprefix("netview: ")) from None
        raise
