"""`changes`: what newer archives changed; `intros`: the introductions you asked for."""

from __future__ import annotations

import argparse
from datetime import date

from netview.cli.common import Subparsers, UsageError, open_db, print_json


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "changes", help="what newer archives changed: connections new and gone, people who moved"
    )
    p.add_argument(
        "--since", metavar="DATE", help="only changes seen on or after DATE (YYYY-MM-DD)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_changes)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def _cmd_changes(args: argparse.Namespace) -> int:
    from netview.services.history import changes_of

    since = _day(args.since, "--since") if args.since else None
    with open_db(args) as db, db.session() as session:
        result = changes_of(session, since)
    if args.json:
        print_json(result)
        return 0
    if not any(result[k] for k in ("new", "gone", "moved")):
        print("No changes recorded: import a newer archive of yours or a colleague's")
        return 0
    for title, kind in (("New connections", "new"), ("Gone", "gone")):
        if result[kind]:
            print(f"{title} ({len(result[kind])}):")
            for e in result[kind]:
                print(f"  {e['name']} ({e['key']}), {e['seen']}")
    if result["moved"]:
        print(f"Moved ({len(result['moved'])}):")
        for e in result["moved"]:
            (c0, c1), (p0, p1) = e["company"], e["position"]
            print(
                f"  {e['name']}: {p0 or '?'} at {c0 or '?'} -> {p1 or '?'} at {c1 or '?'}, "
                f"seen {e['seen']}"
            )
    for c in result["companies"]:
        parts = [f"{len(c['joined'])} joined"] if c["joined"] else []
        parts += [f"{len(c['left'])} left"] if c["left"] else []
        print(f"  {c['company']}: {', '.join(parts)}")
    return 0
