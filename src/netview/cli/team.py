"""`netview team …` (team databases on PostgreSQL) and `netview note`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from netview.cli.common import open_db as _open
from netview.cli.common import print_json as _print_json


def register(sub: Any) -> None:
    p = sub.add_parser("note", help="add a note about a person (or list their notes)")
    p.add_argument("key", metavar="KEY", help="profile URL or key")
    p.add_argument("text", metavar="TEXT", nargs="?", help="the note (omit to list the notes)")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.set_defaults(handler=_cmd_note)

    team = sub.add_parser("team", help="a team database on PostgreSQL: members, who knows whom")
    tsub = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)
    t = tsub.add_parser("init", help="make --db a team database (safe to run again)")
    t.add_argument(
        "--admin",
        metavar="LOGIN",
        help="create (or keep) the team's day-to-day admin login, which cannot read members' rows",
    )
    t.add_argument(
        "--password-stdin", action="store_true", help="the admin's password, on standard input"
    )
    t.set_defaults(handler=_cmd_init)
    t = tsub.add_parser("add-member", help="create a member's login, linked to their profile")
    t.add_argument("--login", required=True, help="the member's database login")
    t.add_argument("--profile-url", required=True, help="the member's LinkedIn profile URL")
    t.add_argument(
        "--password-stdin", action="store_true", help="read the login's password from stdin"
    )
    t.set_defaults(handler=_cmd_add_member)
    t = tsub.add_parser("members", help="list the team's members")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=_cmd_members)
    t = tsub.add_parser("remove-member", help="drop a member's login and delete their private rows")
    t.add_argument("login", metavar="LOGIN")
    t.add_argument(
        "--keep-private",
        action="store_true",
        help="keep their private rows (sealed: nobody can read them)",
    )
    t.set_defaults(handler=_cmd_remove_member)
    t = tsub.add_parser(
        "purge", help="delete the shared rows a member added that nobody else's rows rest on"
    )
    t.add_argument("login", metavar="LOGIN")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=_cmd_purge)
    t = tsub.add_parser("join", help="bring your personal database into the team, as yours")
    t.add_argument("--from", dest="source", required=True, metavar="FILE.db")
    t.set_defaults(handler=_cmd_join)
    t = tsub.add_parser("who-knows", help="teammates ranked by their best path to someone")
    t.add_argument("target", help="profile URL or key, a name, or company:NAME")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=_cmd_who_knows)
    for parser in tsub.choices.values():
        parser.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _cmd_note(args: argparse.Namespace) -> int:
    from netview.services.followups.cadence import person_id
    from netview.services.people import notes

    with _open(args) as db:
        pid = person_id(db, args.key)
        if args.text is not None:
            notes.add_note(db, pid, args.text)
            print(f"Noted about {args.key}")
            return 0
        rows = notes.notes(db, pid)
    if args.json:
        _print_json(
            [{"body": n.body, "created_at": n.created_at, "updated_at": n.updated_at} for n in rows]
        )
    else:
        for n in rows:
            print(f"{n.updated_at:%Y-%m-%d}  {n.body}")
    return 0


def _password(args: argparse.Namespace) -> str | None:
    """The password given with --password-stdin (the first line of standard input)."""
    if not args.password_stdin:
        return None
    from netview.core.errors import NetViewError

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise NetViewError("--password-stdin: standard input gave no password")
    return password


def _cmd_init(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    password = _password(args)
    with _open(args) as db:
        group = team.init(db, args.admin, password)
        superuser = team.admin_is_superuser(db)
    print(f"Team database ready: members belong to role {group}; private rows are theirs alone")
    if args.admin:
        print(f"Day-to-day admin: {args.admin} (adds and removes members; cannot read their rows)")
    if superuser:
        print(
            "netview: warning: this login is a superuser, which row-level security does not "
            "bind: connected as it, you see every member's private rows; run the team with "
            "an admin made by `createuser --createrole` (see README, Team server)",
            file=sys.stderr,
        )
    return 0


def _cmd_add_member(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    password = _password(args)
    with _open(args) as db:
        member = team.add_member(db, args.login, args.profile_url, password)
        url = team.member_url(db, member.login)
    print(f"Member {member.login} is {member.name or member.key}; connect with:")
    print(f"  netview --db '{url}'")
    return 0


def _cmd_members(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    with _open(args) as db:
        rows = team.members(db)
    if args.json:
        _print_json([m.to_dict() for m in rows])
        return 0
    for m in rows:
        print(f"{m.login:<20} {m.name or '-'}  ({m.key})  since {m.added_at:%Y-%m-%d}")
    if not rows:
        print("No members yet (netview team add-member)")
    return 0


def _cmd_remove_member(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    with _open(args) as db:
        gone = team.remove_member(db, args.login, keep_private=args.keep_private)
    if gone is None:
        print(f"Removed {args.login}: the login is gone; their private rows stay, sealed")
    else:
        print(f"Removed {args.login}: the login is gone, and {gone} private rows with it")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    with _open(args) as db:
        gone = team.purge(db, args.login)
    if args.json:
        _print_json(gone)
    else:
        what = ", ".join(f"{n} {kind}" for kind, n in gone.items())
        print(f"Removed what only {args.login} added: {what}")
    return 0


def _cmd_who_knows(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    with _open(args) as db:
        result = team.who_knows(db, args.target)
    if args.json:
        _print_json(result)
    else:
        print(team.who_knows_text(result))
    return 0


def _cmd_join(args: argparse.Namespace) -> int:
    from netview.services.team import server as team

    with _open(args) as db:
        added = team.join(db, args.source)
    shown = ("person", "tie", "interaction", "source", "note", "group", "followup")
    print(f"Joined {args.source}: " + ", ".join(f"{added.get(t, 0)} new {t} rows" for t in shown))
    return 0
