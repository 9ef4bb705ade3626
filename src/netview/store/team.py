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
)
# Shared tables members read and write (imports); team_member only the admin writes.
READ_ONLY = ("team_member", "alembic_version")
# Shared tables members may add to and update but never delete from: deleting a person (or
# an interaction) cascades through foreign keys into every member's private rows on them,
# and foreign-key actions skip row-level security. So deleting shared rows (delete-person,
# forget, merging people) is the admin's alone. Imports only insert and update.
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
    exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).first()
    if exists is None:
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
