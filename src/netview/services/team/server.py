"""Team databases: `netview team init | add-member | members | remove-member | purge | who-knows`.

A team database is a PostgreSQL database whose members are login roles, each linked to the
person they are. Connected as a member, "you" is that person; what is private to a member
is kept private by the server's row-level security (netview.store.team).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from netview.core import ids
from netview.core.errors import NetViewError
from netview.graph.network import hop_degrees
from netview.graph.paths import best_paths
from netview.services.introductions.paths import path_json, resolve_target, result_json
from netview.services.network import LoadedNetwork, load_network
from netview.store import keys as keys_q
from netview.store import people, team_admin
from netview.store import team as q
from netview.store.db import Database


class NotATeamDatabase(NetViewError):
    pass


@dataclass(frozen=True)
class Member:
    login: str
    key: str
    name: str
    added_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "login": self.login,
            "key": self.key,
            "name": self.name,
            "added_at": self.added_at.isoformat(timespec="seconds"),
        }


def _need_postgresql(db: Database) -> None:
    if make_url(db.url).get_backend_name() != "postgresql":
        raise NotATeamDatabase(
            "a team database lives on PostgreSQL: --db postgresql+psycopg://ADMIN@HOST/DATABASE"
        )


def init(db: Database, admin: str | None = None, password: str | None = None) -> str:
    """Schema (already migrated by opening it), members' role, row-level security, the
    tables handed to their NOLOGIN owner; with `admin`, that day-to-day admin's login.

    Safe to run again. Returns the members' group role.
    """
    _need_postgresql(db)
    if admin is not None and not q.valid_login(admin):
        raise NetViewError(
            f"--admin {admin!r}: use lower-case letters, digits and _ "
            "(at most 63, not a digit first)"
        )
    with db.engine.begin() as conn:
        if not q.may_manage_roles(conn):
            raise NetViewError(
                "`team init` is the database owner's (a login made with --createrole that "
                "owns the database) or a superuser's: this login may not create roles"
            )
        group = team_admin.secure(conn)
        if admin is not None:
            team_admin.make_admin(conn, admin, password)
        return group


def admin_is_superuser(db: Database) -> bool:
    """Whether the connected admin is a superuser: row-level security does not bind one, so
    connected as it NetView shows every member's private rows as if they were its own."""
    _need_postgresql(db)
    with db.engine.connect() as conn:
        return q.is_superuser(conn)


def _group(db: Database) -> str:
    with db.engine.connect() as conn:
        database = q.current_database(conn)
        group = q.group_role(database)
        if not q.role_exists(conn, group):
            raise NotATeamDatabase(
                f"{database} is not a team database yet: run `netview team init`"
            )
    return group


def member_url(db: Database, login: str) -> str:
    """The database's URL with the member's login and no password."""
    url = make_url(db.url).set(username=login, password=None)
    return url.render_as_string(hide_password=False)


def add_member(db: Database, login: str, profile_url: str, password: str | None) -> Member:
    """Create (or update) the login and link it to the person with that profile URL."""
    _need_postgresql(db)
    if not q.valid_login(login):
        raise NetViewError(
            f"login {login!r}: use lower-case letters, digits and _ (at most 63, not a digit first)"
        )
    key = ids.any_key(profile_url)
    if key is None or not ids.is_slug_key(key):
        raise NetViewError(f"--profile-url {profile_url!r} is not a LinkedIn profile URL")
    group = _group(db)
    with db.engine.begin() as conn:
        q.create_login(conn, login, password, group)
    with db.write() as s:
        pid = keys_q.id_for_key(s, key)
        if pid is None:
            # New to the network: their own archive, once imported, fills in the rest.
            pid = people.add_person(s, key, ids.profile_url(key))
        q.link_member(s, login, int(pid))
    return next(m for m in members(db) if m.login == login)


def members(db: Database) -> list[Member]:
    with db.session() as s:
        rows = q.members(s)
        labels = keys_q.labels_of(s, [p for _, p, _ in rows])
    return [Member(lg, *labels[p], at) for lg, p, at in rows]


def remove_member(db: Database, login: str, keep_private: bool = False) -> int | None:
    """Drop the login and its link, and delete the member's private rows (nobody could
    read them again) unless `keep_private`. How many private rows went (None if kept)."""
    _need_postgresql(db)
    group = _group(db)
    with db.write() as s:
        linked = q.unlink_member(s, login)
    gone = None
    with db.engine.begin() as conn:
        exists = q.role_exists(conn, login)
        if not linked and not exists:
            raise NetViewError(f"{login!r} is not a member")
        if not keep_private:
            gone = q.delete_private_rows(conn, login)
        if exists:
            q.drop_login(conn, login, group)
    return gone


def purge(db: Database, login: str) -> dict[str, int]:
    """The admin's undo of a member: delete the shared people, ties, messages, aliases and
    sources `login` added that nobody else's rows rest on (bulk junk added with raw SQL, or
    a whole archive nobody else vouches for). How many of each went. Refused for members
    (they may delete no shared rows), in one line."""
    _need_postgresql(db)
    if not q.valid_login(login):
        raise NetViewError(f"{login!r} is not a login (lower-case letters, digits and _)")
    with q.admin_only("undo what a member added"), db.engine.begin() as conn:
        return team_admin.purge_login(conn, login)


def who_knows(db: Database, query: str) -> dict[str, Any]:
    """Teammates ranked by their best path to a person or company:NAME.

    The network is the one you see; each teammate's path starts at them. The explanations
    name you as "you".
    """
    team = members(db)
    if not team:
        raise NotATeamDatabase("no team members here (`netview team add-member`)")
    ln = load_network(db)
    target = resolve_target(db, ln, query)
    found = [
        {
            "member": {"name": member.name, "key": member.key, "login": member.login},
            "path": path_json(ln, path),
            "score": path.score,
        }
        for member, path in teammate_paths(ln, team, target.people)
    ]
    return {"target": result_json(ln, _no_paths(target))["target"], "members": found}


def teammate_paths(
    ln: LoadedNetwork, team: list[Member], targets: list[int]
) -> list[tuple[Member, Any]]:
    """(member, their best path to one of `targets`), best first; you and members without
    a path are left out."""
    found = []
    for member in team:
        start = ln.net.index_of_key.get(member.key)
        if start is None or start == ln.net.owner:
            continue
        path = _best_path_from(ln, start, [i for i in targets if i != start])
        if path is not None:
            found.append((member, path))
    found.sort(key=lambda mp: (-mp[1].score, mp[0].login))
    return found


def _best_path_from(ln: LoadedNetwork, start: int, targets: list[int]) -> Any:
    if not targets:
        return None
    # The same graph with the teammate in the middle: degrees (the path search's layers)
    # are counted from them.
    net = dataclasses.replace(ln.net, owner=start, degree=hop_degrees(ln.net.adjacency, start))
    paths = best_paths(net, targets, 1)
    return paths[0] if paths else None


def _no_paths(target: Any) -> Any:
    from netview.services.introductions.paths import PathsResult

    return PathsResult(target, [], [])


def who_knows_text(result: dict[str, Any]) -> str:
    t = result["target"]
    label = t.get("name") or t.get("company") or t.get("key") or t["query"]
    lines = [f"Who on the team knows {label}"]
    if not result["members"]:
        lines.append("  no teammate has a path")
    for n, m in enumerate(result["members"], 1):
        who = m["member"]
        names = " → ".join(p["name"] or p["key"] for p in m["path"]["people"])
        lines.append(
            f"{n}. {who['name'] or who['key']} ({who['login']}): {names}"
            f"  (strength {m['score']:.2g})"
        )
        lines.extend(f"     {w}" for w in m["path"]["why"])
    return "\n".join(lines)


def generation(db: Database) -> tuple[object, ...]:
    """What the app compares on focus to notice a teammate's change: the server's change
    counter (netview.store.generation: any import, merge or edit of what is shared), or on
    a server database not yet upgraded, counts of sources and people (netview.store.team)."""
    from netview.store import generation as counter

    with db.session() as s:
        now = counter.fingerprint(s)
        return tuple(now) if now is not None else q.generation(s)


def join(db: Database, source: str | os.PathLike[str]) -> dict[str, int]:
    """Bring a personal database into this one as the connected member's: the network it
    holds joins the team's, its private rows (notes, groups, follow-ups…) become the
    member's. New rows per table."""
    from netview.core.dedup import dedup
    from netview.services.importing.merge import FACT_FIELDS as FACTS
    from netview.store import join as copy
    from netview.store.db import open_database
    from netview.store.evidence import contact_keys
    from netview.store.importing import lock_for_import, me_id

    path = Path(source)
    if not path.is_file():
        raise NetViewError(f"{path}: no such database file")
    solo = open_database(path, create=False)
    try:
        with solo.session() as s:
            theirs = me_id(s)
            their_key = keys_q.keys_for_ids(s, [theirs]).get(theirs) if theirs else None
            contacts = contact_keys(s)
        if contacts:
            # A person is the team's on a server: a contact of your own would be seen by all.
            raise NetViewError(
                f"{path}: it holds {len(contacts)} contact(s) kept from your own mailbox or "
                f"calendar ({', '.join(contacts[:3])}), whom the whole team would see: "
                f"delete them there first (netview --db {path} delete-person KEY)"
            )
        with db.write() as session:
            mine = q.member_person(session)
            if mine is None:
                raise NotATeamDatabase("connect as a team member to join (--db MEMBER_URL)")
            my_key = keys_q.keys_for_ids(session, [mine]).get(mine)
            if their_key is not None and their_key != my_key:
                raise NetViewError(
                    f"{path}: its owner is {their_key}, but this login is {my_key}; "
                    "join with the login linked to that profile"
                )
            lock_for_import(session)
            with solo.session() as s:
                return copy.copy_rows(session, s, dedup, FACTS)
    finally:
        solo.dispose()
