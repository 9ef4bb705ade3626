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

from sqlalchemy import ColumnElement, and_, delete, func, select, text
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
    "evidence_item",
    "evidence_person",
    "evidence_unknown",
    "evidence_address",
    "evidence_report",
    "member_secret",
    "intro_request",
)
# Shared tables members read and write (imports); team_member only the admin writes.
# identity_decision too: only the server's merge and split functions record decisions (a
# forged "apart" would keep two records of one person apart for everyone).
READ_ONLY = ("team_member", "alembic_version", "identity_decision")
# Shared tables members may add to and update but never delete from: deleting a person (or
# an interaction) cascades through foreign keys into every member's private rows on them,
# and foreign-key actions skip row-level security. So deleting shared rows (delete-person,
# forget) is the admin's alone. Imports only insert and update; merging and splitting people
# go through the server's functions (the identity section below).
# meta stays deletable (a row policy keeps each member to their own entries).
# Each of these also carries `added_by` on PostgreSQL (migration 0011): the login that
# inserted the row, filled by the server; members may write every column but that one.
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
    # What an archive showed about a person's network and work (migration 0010): a
    # teammate's history, never a member's to delete (migration 0012 stamps them).
    "network_change",
    "source_snapshot",
)
# Children before parents, so the count of a member's removed rows is every row.
_PRIVATE_DELETE_ORDER = ("person_tag", "group_member", *PRIVATE_TABLES)
# Links that say which source attests a fact: added, never rewritten (no NetView code
# updates them), so members may not UPDATE them: repointing one would move a teammate's
# evidence to another person or source.
# Nor aliases, positions and history: only the server's merge and split move those between
# people (store/team_guard.py holds the rest of what members update).
NO_MEMBER_UPDATE = (
    "person_source",
    "tie_source",
    "interaction_target",
    "interaction_source",
    "person_alias",
    "position",
    "network_change",
    "source_snapshot",
)
STAMP = "added_by"
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


def teammate(session: Session, person_id: int) -> bool:
    """Whether `person_id` is another member's own person (theirs alone to change)."""
    if not is_postgresql(session):
        return False
    stmt = select(TeamMember.login).where(
        TeamMember.person_id == person_id, TeamMember.login != func.current_user()
    )
    return session.execute(stmt).first() is not None


def valid_login(name: str) -> bool:
    """Lower-case letters, digits and _: a role name that needs no quoting anywhere."""
    return bool(_LOGIN.match(name))


def group_role(database: str) -> str:
    """The role every member of this database belongs to."""
    return f"netview_members_{re.sub(r'[^a-z0-9_]', '_', database.lower())}"[:63]


def setup_security(conn: Connection) -> str:
    """Create the members' role, grant it the tables and turn on row-level security
    (store.team_admin.secure adds the tables' owner and the admins to this).

    Safe to run again: every statement either checks first or replaces what it made.
    Returns the group role's name.
    """
    database = current_database(conn)
    group = group_role(database)
    if not role_exists(conn, group):
        conn.exec_driver_sql(f'CREATE ROLE "{group}" NOLOGIN')
    conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{group}"')
    conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO "{group}"')
    # Nobody but the tables' owner creates objects in the schema: a member's function or
    # table there could stand in for NetView's (PostgreSQL 15 already says so by default).
    conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    for table in [*Base.metadata.tables, "alembic_version"]:
        if table in READ_ONLY:
            conn.exec_driver_sql(f'GRANT SELECT ON "{table}" TO "{group}"')
        elif table in NO_MEMBER_DELETE:
            # A database made team before this rule had DELETE granted: take it back.
            conn.exec_driver_sql(f'REVOKE INSERT, UPDATE, DELETE ON "{table}" FROM "{group}"')
            columns = ", ".join(f'"{c.name}"' for c in Base.metadata.tables[table].columns)
            # Every column but `added_by` (not in the model): the server says who added a row.
            rights = f"SELECT, INSERT ({columns})"
            if table not in NO_MEMBER_UPDATE:
                rights += f", UPDATE ({columns})"
            conn.exec_driver_sql(f'GRANT {rights} ON "{table}" TO "{group}"')
        else:
            conn.exec_driver_sql(f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{table}" TO "{group}"')
    # Members draw ids from the sequences (nextval needs USAGE) but never set them: a
    # rewound sequence hands out taken ids, and the change counter would lie. Imports that
    # chose their own ids move a sequence on through netview_sync_ids (below).
    conn.exec_driver_sql(f'REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA public FROM "{group}"')
    conn.exec_driver_sql(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{group}"')
    if conn.exec_driver_sql("SELECT to_regclass('public.netview_generation_seq')").scalar():
        conn.exec_driver_sql(
            f'REVOKE ALL ON SEQUENCE public.netview_generation_seq FROM PUBLIC, "{group}"'
        )
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


def may_manage_roles(conn: Connection) -> bool:
    """Whether this login creates members' logins itself (the database owner, with
    CREATEROLE, or a superuser) rather than through the server's functions (an admin)."""
    found = conn.exec_driver_sql(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).scalar()
    return bool(found)


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
    """A LOGIN role in the members' group; the password is sent as a bound literal. Done by
    the server's function for an admin who may not create roles."""
    if not may_manage_roles(conn):
        _server_says(conn, "SELECT netview_add_login(%s, %s)", (name, password))
        return
    if not role_exists(conn, name):
        conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN')
    if password:
        # Role DDL takes no bind parameters: quote the literal with the server's own function.
        quoted = conn.exec_driver_sql("SELECT quote_literal(%s)", (password,)).scalar()
        conn.exec_driver_sql(f'ALTER ROLE "{name}" PASSWORD {quoted}')
    conn.exec_driver_sql(f'GRANT "{group}" TO "{name}"')


def drop_login(conn: Connection, name: str, group: str) -> None:
    if not may_manage_roles(conn):
        _server_says(conn, "SELECT netview_drop_login(%s)", (name,))
        return
    if role_exists(conn, name):
        # Members own no objects and hold privileges only through the group, so the role
        # drops cleanly (DROP OWNED would need the admin to be a member of it).
        conn.exec_driver_sql(f'REVOKE "{group}" FROM "{name}"')
        conn.exec_driver_sql(f'DROP ROLE "{name}"')


def delete_private_rows(conn: Connection, name: str) -> int:
    """Delete every private row `name` owns; how many went. The server's function does it
    (as the role that sees every member's rows): the admin itself is held to the policies."""
    found = conn.exec_driver_sql("SELECT netview_delete_private_rows(%s)", (name,)).scalar()
    return int(found or 0)


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
# - netview_merge_people(keep, gone, detail): journals what `gone` had of the shared rows
#   (aliases, sources, positions, history, sources owned, messages, ties and their sources)
#   and moves it to `keep`, moves every member's private rows (journaled per member in
#   netview_identity_journal, a table no member may read), moves a teammate's login link,
#   deletes `gone` and records the decision (members may write neither the shared moves,
#   store/team_guard.py, nor decisions). It moves everything: no way to delete people.
# - netview_split_people(decision, restored, remember): for a recorded merge whose person
#   NetView has put back as `restored`, gives back exactly what the journal says the merge
#   took, removes what it added to the kept person, puts every member's private rows back,
#   and drops the decision (recording the pair as apart with `remember`).
# - netview_forget_own_source(source): a member's own calendar, mailbox or address book.
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

_JOURNAL = "netview_identity_journal"
_MERGE_FN = "netview_merge_people(integer, integer, text)"
_SPLIT_FN = "netview_split_people(integer, integer, boolean)"
_DETACH_FN = "netview_detach_message(integer, integer, boolean)"
_SYNC_FN = "netview_sync_ids(text)"
# Every function that runs as the fixer: a name the server resolves first in pg_catalog,
# then NetView's schema, and in pg_temp last, so a member's temporary table, sequence or
# function can never stand in for the one meant.
SAFE_PATH = "SET search_path = pg_catalog, public, pg_temp"
# The journal's owner value for what a merge took from the removed person's shared rows
# (no login holds '#').
_SHARED = "#shared"


_JOURNAL_DDL = f"""
CREATE TABLE IF NOT EXISTS {_JOURNAL} (
  id serial PRIMARY KEY,
  keep_id integer NOT NULL,
  gone_id integer NOT NULL,
  gone_key text NOT NULL,
  owner varchar(63) NOT NULL,
  moved jsonb NOT NULL,
  created_at timestamp NOT NULL DEFAULT localtimestamp
)"""

# {ids} in a jsonb array as a set of integers.
_IDS = "SELECT jsonb_array_elements_text({}) ::integer"

_MERGE_SQL = f"""
CREATE OR REPLACE FUNCTION netview_merge_people(keep integer, gone integer, detail text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
DECLARE
  b_key text;
  a_key text;
  o text;
  shared jsonb;
  ties jsonb := '[]';
  tr record;
  kt record;
  other integer;
  decided integer;
BEGIN
  SELECT key INTO b_key FROM person WHERE id = gone;
  SELECT key INTO a_key FROM person WHERE id = keep;
  IF keep = gone OR b_key IS NULL OR a_key IS NULL THEN
    RAISE EXCEPTION 'netview: no such pair of people to merge';
  END IF;
  -- The decision a split reads: the member's account of what their session does (the
  -- key kept, the facts filled), and the two people's rows as the server has them.
  detail := (jsonb_build_object('rekeyed', false, 'filled', '[]'::jsonb, 'me', false)
    || coalesce(detail::jsonb, '{{}}') || jsonb_build_object('a_id', keep,
      'a_row', (SELECT to_jsonb(p) - '{STAMP}' FROM person p WHERE p.id = keep),
      'b_row', (SELECT to_jsonb(p) - '{STAMP}' FROM person p WHERE p.id = gone)))::text;
  -- What `gone` had of the shared rows, as the server sees them now: a split gives back
  -- exactly this (never what a decision, which a member's merge describes, says).
  shared := jsonb_build_object(
    'v', 2,
    'keep_key', a_key,
    'sources', (SELECT coalesce(jsonb_agg(source_id), '[]') FROM person_source
      WHERE person_id = gone),
    'sources_added', (SELECT coalesce(jsonb_agg(source_id), '[]') FROM person_source g
      WHERE g.person_id = gone AND NOT EXISTS (SELECT 1 FROM person_source x
        WHERE x.person_id = keep AND x.source_id = g.source_id)),
    'targets', (SELECT coalesce(jsonb_agg(interaction_id), '[]') FROM interaction_target
      WHERE person_id = gone),
    'targets_added', (SELECT coalesce(jsonb_agg(interaction_id), '[]')
      FROM interaction_target g WHERE g.person_id = gone AND NOT EXISTS (
        SELECT 1 FROM interaction_target x
        WHERE x.person_id = keep AND x.interaction_id = g.interaction_id)),
    'tie_sources', (SELECT coalesce(jsonb_agg(jsonb_build_array(t.a_id + t.b_id - gone,
        s.source_id)), '[]') FROM tie t JOIN tie_source s ON s.tie_id = t.id
        WHERE gone IN (t.a_id, t.b_id)),
    'aliases', (SELECT coalesce(jsonb_agg(alias), '[]') FROM person_alias
      WHERE person_id = gone),
    'positions', (SELECT coalesce(jsonb_agg(id), '[]') FROM "position" WHERE person_id = gone),
    'changes', (SELECT coalesce(jsonb_agg(id), '[]') FROM network_change
      WHERE person_id = gone),
    'owned', (SELECT coalesce(jsonb_agg(id), '[]') FROM source WHERE owner_id = gone),
    'actor', (SELECT coalesce(jsonb_agg(id), '[]') FROM interaction WHERE actor_id = gone));
  -- The shared half: what the team knows of `gone` becomes `keep`'s. Links keep who
  -- attested them (added_by), so `team purge` still knows whose they are.
  UPDATE person_alias SET person_id = keep WHERE person_id = gone;
  INSERT INTO person_source (person_id, source_id, {STAMP})
    SELECT keep, source_id, {STAMP} FROM person_source WHERE person_id = gone
    ON CONFLICT DO NOTHING;
  UPDATE "position" SET person_id = keep WHERE person_id = gone;
  UPDATE network_change SET person_id = keep WHERE person_id = gone;
  UPDATE source SET owner_id = keep WHERE owner_id = gone;
  UPDATE interaction SET actor_id = keep WHERE actor_id = gone;
  INSERT INTO interaction_target (interaction_id, person_id, {STAMP})
    SELECT interaction_id, keep, {STAMP} FROM interaction_target WHERE person_id = gone
    ON CONFLICT DO NOTHING;
  FOR tr IN SELECT * FROM tie WHERE gone IN (a_id, b_id) ORDER BY id LOOP
    other := tr.a_id + tr.b_id - gone;
    IF other = keep THEN
      -- A tie between the two: nobody is tied to themselves (it goes with `gone`).
      ties := ties || jsonb_build_array(jsonb_build_object('id', tr.id, 'other', other,
        'on', tr.connected_on, 'by', tr.{STAMP}, 'how', 'dropped', 'sources',
        (SELECT coalesce(jsonb_agg(jsonb_build_array(source_id, connected_on, weight,
          {STAMP})), '[]') FROM tie_source WHERE tie_id = tr.id)));
      CONTINUE;
    END IF;
    SELECT id, connected_on INTO kt FROM tie
      WHERE a_id = least(keep, other) AND b_id = greatest(keep, other);
    IF NOT FOUND THEN
      ties := ties || jsonb_build_array(jsonb_build_object('id', tr.id, 'other', other,
        'how', 'moved'));
      UPDATE tie SET a_id = least(keep, other), b_id = greatest(keep, other) WHERE id = tr.id;
    ELSE
      -- Both were tied to `other`: one tie, attested by the sources of both.
      ties := ties || jsonb_build_array(jsonb_build_object('id', tr.id, 'other', other,
        'on', tr.connected_on, 'by', tr.{STAMP}, 'how', 'folded', 'into', kt.id,
        'into_on', kt.connected_on,
        'sources', (SELECT coalesce(jsonb_agg(jsonb_build_array(source_id, connected_on,
          weight, {STAMP})), '[]') FROM tie_source WHERE tie_id = tr.id),
        'added', (SELECT coalesce(jsonb_agg(source_id), '[]') FROM tie_source g
          WHERE g.tie_id = tr.id AND NOT EXISTS (SELECT 1 FROM tie_source x
            WHERE x.tie_id = kt.id AND x.source_id = g.source_id))));
      INSERT INTO tie_source (tie_id, source_id, connected_on, weight, {STAMP})
        SELECT kt.id, source_id, connected_on, weight, {STAMP} FROM tie_source
        WHERE tie_id = tr.id ON CONFLICT DO NOTHING;
      IF tr.connected_on IS NOT NULL
        AND (kt.connected_on IS NULL OR tr.connected_on < kt.connected_on) THEN
        UPDATE tie SET connected_on = tr.connected_on WHERE id = kt.id;
      END IF;
    END IF;
  END LOOP;
  INSERT INTO {_JOURNAL} (keep_id, gone_id, gone_key, owner, moved)
    VALUES (keep, gone, b_key, '{_SHARED}', shared || jsonb_build_object('ties', ties));
  -- The decision every member's duplicate finder and later imports read: only the
  -- server writes decisions (members may not), and only for a merge it made.
  DELETE FROM identity_decision WHERE kind = 'apart'
    AND key_a IN (a_key, b_key) AND key_b IN (a_key, b_key);
  INSERT INTO identity_decision (kind, key_a, key_b, detail, created_at)
    VALUES ('merge', a_key, b_key, detail, localtimestamp(0)) RETURNING id INTO decided;
  FOR o IN
    SELECT owner FROM note WHERE person_id = gone
    UNION SELECT owner FROM touch WHERE person_id = gone
    UNION SELECT owner FROM group_member WHERE person_id = gone
    UNION SELECT owner FROM person_tag WHERE person_id = gone
    UNION SELECT owner FROM followup WHERE person_id = gone
    UNION SELECT owner FROM person_private WHERE person_id = gone
    UNION SELECT owner FROM evidence_person WHERE person_id = gone
    UNION SELECT owner FROM evidence_address WHERE person_id = gone
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
          WHERE person_id = keep AND owner = o),
        'evidence', (SELECT coalesce(jsonb_agg(item_id), '[]') FROM evidence_person
          WHERE person_id = gone AND owner = o),
        'evidence_added', (SELECT coalesce(jsonb_agg(g.item_id), '[]') FROM evidence_person g
          WHERE g.person_id = gone AND g.owner = o AND NOT EXISTS (SELECT 1
            FROM evidence_person k WHERE k.person_id = keep AND k.item_id = g.item_id
            AND k.owner = o)),
        'addresses', (SELECT coalesce(jsonb_agg(id), '[]') FROM evidence_address
          WHERE person_id = gone AND owner = o)));
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
  -- Whom each member met or wrote to (their own calendar and mailbox) follows too.
  INSERT INTO evidence_person (owner, item_id, person_id)
    SELECT g.owner, g.item_id, keep FROM evidence_person g WHERE g.person_id = gone
    ON CONFLICT DO NOTHING;
  DELETE FROM evidence_person WHERE person_id = gone;
  UPDATE evidence_address SET person_id = keep WHERE person_id = gone;
  UPDATE intro_request SET target_id = keep WHERE target_id = gone;
  UPDATE intro_request SET via_id = keep WHERE via_id = gone;
  DELETE FROM person WHERE id = gone;
  RETURN decided;
END
$fn$"""

_SPLIT_SQL = f"""
CREATE OR REPLACE FUNCTION netview_split_people(decision integer, restored integer,
  remember boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
DECLARE
  d jsonb;
  keep integer;
  old_id integer;
  b_key text;
  saved jsonb;
  shared jsonb;
  j record;
  other integer;
  new_tie integer;
BEGIN
  SELECT detail::jsonb INTO d FROM identity_decision WHERE id = decision AND kind = 'merge';
  IF d IS NULL THEN
    RAISE EXCEPTION 'netview: no such merge to split';
  END IF;
  keep := (d->>'a_id')::integer;
  old_id := (d->'b_row'->>'id')::integer;
  b_key := d->'b_row'->>'key';
  -- The decision (members write those) only names a merge; the journal, which only the
  -- merge function writes, says what that merge took and so what may be given back.
  SELECT moved INTO shared FROM {_JOURNAL} WHERE keep_id = keep AND gone_id = old_id
    AND gone_key = b_key AND owner = '{_SHARED}' ORDER BY id DESC LIMIT 1;
  IF shared IS NULL THEN
    RAISE EXCEPTION 'netview: no such merge to split';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM person WHERE id = restored AND key = b_key)
    OR NOT EXISTS (SELECT 1 FROM person WHERE id = keep) THEN
    RAISE EXCEPTION 'netview: the merged person is not back yet';
  END IF;
  -- What the merge added to the kept person: the alias the member's session made of the
  -- other key (only ever one of the two people's keys).
  DELETE FROM person_alias WHERE person_id = keep
    AND alias IN (b_key, shared->>'keep_key') AND alias = CASE
    WHEN (d->>'rekeyed')::boolean THEN d->'a_row'->>'key' ELSE b_key END;
  -- The shared half, back as the journal (never the decision) says the merge took it.
  UPDATE person_alias SET person_id = restored WHERE person_id = keep
    AND alias IN (SELECT jsonb_array_elements_text(shared->'aliases'));
  INSERT INTO person_source (person_id, source_id, {STAMP})
    SELECT restored, s.id, s.{STAMP} FROM source s
    WHERE s.id IN ({_IDS.format("shared->'sources'")}) ON CONFLICT DO NOTHING;
  DELETE FROM person_source WHERE person_id = keep
    AND source_id IN ({_IDS.format("shared->'sources_added'")});
  UPDATE "position" SET person_id = restored WHERE person_id = keep
    AND id IN ({_IDS.format("shared->'positions'")});
  UPDATE network_change SET person_id = restored WHERE person_id = keep
    AND id IN ({_IDS.format("shared->'changes'")});
  UPDATE source SET owner_id = restored WHERE owner_id = keep
    AND id IN ({_IDS.format("shared->'owned'")});
  UPDATE interaction SET actor_id = restored WHERE actor_id = keep
    AND id IN ({_IDS.format("shared->'actor'")});
  INSERT INTO interaction_target (interaction_id, person_id, {STAMP})
    SELECT i.id, restored, i.{STAMP} FROM interaction i
    WHERE i.id IN ({_IDS.format("shared->'targets'")}) ON CONFLICT DO NOTHING;
  DELETE FROM interaction_target WHERE person_id = keep
    AND interaction_id IN ({_IDS.format("shared->'targets_added'")});
  FOR saved IN SELECT value FROM jsonb_array_elements(shared->'ties') LOOP
    other := (saved->>'other')::integer;
    IF saved->>'how' = 'moved' THEN
      UPDATE tie SET a_id = least(restored, other), b_id = greatest(restored, other)
        WHERE id = (saved->>'id')::integer AND keep IN (a_id, b_id)
        AND other IN (a_id, b_id);
      CONTINUE;
    END IF;
    IF saved->>'how' = 'folded' THEN
      DELETE FROM tie_source WHERE tie_id = (saved->>'into')::integer
        AND source_id IN ({_IDS.format("saved->'added'")});
      UPDATE tie SET connected_on = (saved->>'into_on')::date
        WHERE id = (saved->>'into')::integer;
    ELSE
      other := keep;  -- the tie between the two
    END IF;
    -- The tie went with the removed person: made again, with the sources still there.
    IF other = restored OR NOT EXISTS (SELECT 1 FROM person WHERE id = other) THEN
      CONTINUE;
    END IF;
    new_tie := (saved->>'id')::integer;
    IF new_tie IS NULL OR EXISTS (SELECT 1 FROM tie WHERE id = new_tie) THEN
      SELECT coalesce(max(id), 0) + 1 INTO new_tie FROM tie;
    END IF;
    INSERT INTO tie (id, a_id, b_id, connected_on, {STAMP})
      VALUES (new_tie, least(restored, other), greatest(restored, other),
        (saved->>'on')::date, saved->>'by')
      ON CONFLICT DO NOTHING;
    SELECT id INTO new_tie FROM tie
      WHERE a_id = least(restored, other) AND b_id = greatest(restored, other);
    INSERT INTO tie_source (tie_id, source_id, connected_on, weight, {STAMP})
      SELECT new_tie, (x->>0)::integer, (x->>1)::date, (x->>2)::double precision, x->>3
      FROM jsonb_array_elements(saved->'sources') x
      WHERE EXISTS (SELECT 1 FROM source s WHERE s.id = (x->>0)::integer)
      ON CONFLICT DO NOTHING;
  END LOOP;
  PERFORM netview_sync_ids('tie');
  FOR j IN SELECT owner, moved FROM {_JOURNAL}
    WHERE keep_id = keep AND gone_id = old_id AND gone_key = b_key ORDER BY id
  LOOP
    IF j.owner = '{_SHARED}' THEN
      CONTINUE;
    END IF;
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
    IF jsonb_typeof(j.moved->'evidence') = 'array' THEN
      DELETE FROM evidence_person WHERE owner = j.owner AND person_id = keep
        AND item_id IN ({_IDS.format("j.moved->'evidence_added'")});
      INSERT INTO evidence_person (owner, item_id, person_id)
        SELECT j.owner, e.id, restored FROM evidence_item e
        WHERE e.owner = j.owner AND e.id IN ({_IDS.format("j.moved->'evidence'")})
        ON CONFLICT DO NOTHING;
      UPDATE evidence_address SET person_id = restored WHERE owner = j.owner
        AND person_id = keep AND id IN ({_IDS.format("j.moved->'addresses'")});
    END IF;
  END LOOP;
  DELETE FROM {_JOURNAL}
    WHERE keep_id = keep AND gone_id = old_id AND gone_key = b_key;
  -- The decision goes; a user's split (not an undo) is remembered as "apart", so no
  -- member's duplicate finder proposes the pair again.
  DELETE FROM identity_decision WHERE id = decision;
  IF remember THEN
    INSERT INTO identity_decision (kind, key_a, key_b, detail, created_at)
      VALUES ('apart', d->'a_row'->>'key', b_key, NULL, localtimestamp(0));
  END IF;
END
$fn$"""

_DETACH_SQL = f"""
CREATE OR REPLACE FUNCTION netview_detach_message(message integer, source integer,
  created boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
BEGIN
  -- Only a link the caller made (the server stamped it with their login): never what a
  -- row the caller can write (their messages kept unattached) says.
  IF NOT EXISTS (SELECT 1 FROM interaction_source
    WHERE interaction_id = message AND source_id = source AND {STAMP} = session_user) THEN
    RAISE EXCEPTION 'netview: message % was not attached by you', message;
  END IF;
  IF created AND EXISTS (SELECT 1 FROM interaction
      WHERE id = message AND {STAMP} = session_user)
    AND NOT EXISTS (SELECT 1 FROM interaction_source
      WHERE interaction_id = message AND source_id <> source)
    AND NOT EXISTS (SELECT 1 FROM interaction_target
      WHERE interaction_id = message AND {STAMP} IS DISTINCT FROM session_user)
    AND NOT EXISTS (SELECT 1 FROM interaction_text
      WHERE interaction_id = message AND owner <> session_user) THEN
    DELETE FROM interaction WHERE id = message;
  ELSE
    DELETE FROM interaction_source WHERE interaction_id = message AND source_id = source;
  END IF;
END
$fn$"""

# A member's own calendar, mailbox or address book: theirs to forget (issue 19). Deleting the
# source cascades only into their own evidence rows; never a source another login added,
# nor one the team's rows rest on (a LinkedIn archive goes through the admin's forget).
EVIDENCE_KINDS = ("calendar", "mailbox", "address_book")
_FORGET_OWN_FN = "netview_forget_own_source(integer)"
_FORGET_OWN_SQL = f"""
CREATE OR REPLACE FUNCTION netview_forget_own_source(src integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
DECLARE
  n integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM source s WHERE s.id = src AND s.{STAMP} = session_user
      AND s.kind IN ({", ".join(f"'{k}'" for k in EVIDENCE_KINDS)})) THEN
    RAISE EXCEPTION 'netview: source % is not a calendar, mailbox or address book you imported',
      src USING ERRCODE = '42501';
  END IF;
  IF EXISTS (SELECT 1 FROM person_source WHERE source_id = src)
    OR EXISTS (SELECT 1 FROM tie_source WHERE source_id = src)
    OR EXISTS (SELECT 1 FROM interaction_source WHERE source_id = src)
    OR EXISTS (SELECT 1 FROM "position" WHERE source_id = src)
    OR EXISTS (SELECT 1 FROM evidence_item WHERE source_id = src AND owner <> session_user)
  THEN
    RAISE EXCEPTION 'netview: source % holds what the team shares: only the admin can forget it',
      src USING ERRCODE = '42501';
  END IF;
  SELECT count(*) INTO n FROM evidence_item WHERE source_id = src;
  DELETE FROM source WHERE id = src;
  RETURN n;
END
$fn$"""

# An import that chose its own ids moves the table's id sequence past them, and only there:
# to the largest id in the table (every member's rows, which the fixer sees), never back.
_SYNC_SQL = f"""
CREATE OR REPLACE FUNCTION netview_sync_ids(tbl text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {SAFE_PATH} AS $fn$
DECLARE
  seq text;
  top bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.oid = to_regclass(format('public.%I', tbl)) AND c.relkind = 'r'
      AND a.attname = 'id') THEN
    RAISE EXCEPTION 'netview: no table % with ids', tbl;
  END IF;
  seq := pg_get_serial_sequence(format('public.%I', tbl), 'id');
  IF seq IS NULL THEN
    RAISE EXCEPTION 'netview: table % has no id sequence', tbl;
  END IF;
  EXECUTE format('SELECT max(id) FROM public.%I', tbl) INTO top;
  IF top IS NOT NULL AND top > coalesce(pg_sequence_last_value(seq::regclass), 0) THEN
    PERFORM setval(seq, top);
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
    # It moves id sequences on for members (netview_sync_ids), who may not set them.
    conn.exec_driver_sql(
        f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{fixer}"'
    )
    for table in PRIVATE_TABLES:
        # Every member's rows, for the fixer alone (a policy adds to own_rows, for that role).
        conn.exec_driver_sql(f'DROP POLICY IF EXISTS identity_fixes ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE POLICY identity_fixes ON "{table}" TO "{fixer}" USING (true) WITH CHECK (true)'
        )
    driver = conn.connection.driver_connection
    assert driver is not None
    # Before 0012 the session did the shared half of a merge and the server the rest: those
    # functions would now refuse every merge, and must not linger as another way in.
    for old in ("netview_merge_people(integer, integer)", "netview_split_people(integer, integer)"):
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {old}")
    for ddl, signature in (
        (_MERGE_SQL, _MERGE_FN),
        (_SPLIT_SQL, _SPLIT_FN),
        (_DETACH_SQL, _DETACH_FN),
        (_SYNC_SQL, _SYNC_FN),
        (_FORGET_OWN_SQL, _FORGET_OWN_FN),
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


def merge_on_server(session: Session, keep: int, gone: int, detail: str) -> None:
    """The server merges `gone` into `keep` and records the decision with `detail`."""
    _call(session, func.netview_merge_people(keep, gone, detail))


def split_on_server(session: Session, decision: int, restored: int, remember: bool) -> None:
    _call(session, func.netview_split_people(decision, restored, remember))


def detach_on_server(session: Session, message: int, source: int, created: bool) -> None:
    _call(session, func.netview_detach_message(message, source, created))


def own_evidence_source(session: Session, source_id: int) -> bool:
    """Whether `source_id` is a calendar, mailbox or address book this login imported on a
    team server (the member forgets it through the server's function)."""
    if (
        not is_postgresql(session)
        or session.scalar(select(func.to_regprocedure(f"public.{_FORGET_OWN_FN}"))) is None
    ):
        return False
    found = session.execute(
        text(f"SELECT 1 FROM source WHERE id = :s AND {STAMP} = session_user AND kind = ANY(:k)"),
        {"s": source_id, "k": list(EVIDENCE_KINDS)},
    ).first()
    return found is not None


def forget_own_on_server(session: Session, source_id: int) -> int:
    """Forget one's own evidence source; how many meetings and e-mails went with it."""
    with _refusals():
        found = session.execute(select(func.netview_forget_own_source(source_id))).scalar()
    return int(found or 0)


def sync_ids_on_server(conn: Connection, table: str) -> bool:
    """Move `table`'s id sequence past its largest id through the server's function, which
    a team database has (members may not set sequences); False where there is none."""
    if not conn.exec_driver_sql("SELECT to_regprocedure(%s)", (f"public.{_SYNC_FN}",)).scalar():
        return False
    conn.exec_driver_sql("SELECT netview_sync_ids(%s)", (table,))
    return True


def _call(session: Session, fn: ColumnElement[Any]) -> None:
    with _refusals():
        session.execute(select(fn))


def _server_says(conn: Connection, sql: str, params: tuple[Any, ...]) -> None:
    with _refusals():
        conn.exec_driver_sql(sql, params)


@contextmanager
def _refusals() -> Iterator[None]:
    """A server function's own refusal ("netview: …") as one line for the user; the write
    it was part of is rolled back."""
    try:
        yield
    except DBAPIError as exc:
        said = str(getattr(getattr(exc.orig, "diag", None), "message_primary", "") or "")
        if said.startswith("netview: "):
            raise NetViewError(said.removeprefix("netview: ")) from None
        raise
