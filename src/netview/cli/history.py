"""`changes`: what newer archives changed; `intros`: the introductions you asked for."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from netview.cli.common import Subparsers, UsageError, open_db, print_json, target_of

if TYPE_CHECKING:
    from netview.services.introductions.asked import IntroRow
    from netview.store.db import Database


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "changes", help="what newer archives changed: connections new and gone, people who moved"
    )
    p.add_argument(
        "--since", metavar="DATE", help="only changes seen on or after DATE (YYYY-MM-DD)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_changes)

    p = sub.add_parser("intros", help="introductions you asked for, and where each stands")
    p.add_argument("--json", action="store_true")
    p.add_argument("--ask", metavar="TARGET", help="record that you asked for an introduction")
    p.add_argument("--via", metavar="KEY", help="with --ask: whom you asked to introduce you")
    p.add_argument("--draft", metavar="TEXT", help="with --ask: the message you sent")
    p.add_argument(
        "--mark", nargs=2, metavar=("ID", "STATE"),
        help="move request ID on: introduced, met, declined or 'no answer'",
    )  # fmt: skip
    p.add_argument("--on", metavar="DATE", help="the day of --ask or --mark (default today)")
    p.add_argument(
        "--wait", type=int, default=None, metavar="DAYS",
        help="days without an answer before a request is waiting (default 7)",
    )  # fmt: skip
    p.set_defaults(handler=_cmd_intros)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def _cmd_changes(args: argparse.Namespace) -> int:
    from netview.services.importing.history import changes_of

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


def _cmd_intros(args: argparse.Namespace) -> int:
    from netview.services.introductions import asked as intros

    if args.via and not args.ask:
        raise UsageError("--via goes with --ask TARGET")
    if args.ask and not args.via:
        raise UsageError("--ask needs --via KEY: whom you asked to introduce you")
    if args.ask and args.mark:
        raise UsageError("--ask and --mark are separate steps: give one")
    on = _day(args.on, "--on") if args.on else date.today()
    wait = intros.WAIT_DAYS if args.wait is None else args.wait
    if wait < 1:
        raise UsageError("--wait must be at least 1 day")
    with open_db(args) as db:
        if args.ask:
            request_id = _ask(db, args.ask, args.via, args.draft, on)
            with db.session() as s:
                row = next(r for r in intros.requests(s) if r.id == request_id)
            return _show(args, [row], on, wait, f"Recorded request {request_id}")
        if args.mark:
            request_id = _request_id(args.mark[0])
            with db.write() as s:
                row = intros.mark(s, request_id, args.mark[1], on)
            return _show(args, [row], on, wait, f"Request {request_id} is now {row.state!r}")
        with db.session() as s:
            rows = intros.requests(s)
    if args.json:
        print_json({
            "requests": [intros.row_json(r, on, wait) for r in rows],
            "counts": intros.counts(rows, on, wait).as_json(),
        })  # fmt: skip
        return 0
    if not rows:
        print("No introductions asked for yet: netview intros --ask TARGET --via KEY")
        return 0
    return _show(args, rows, on, wait, None)


def _request_id(text: str) -> int:
    if not text.isdigit():
        raise UsageError(f"--mark {text!r}: the request's number (netview intros lists them)")
    return int(text)


def _ask(db: Database, target_text: str, via_text: str, draft: str | None, on: date) -> int:
    from netview.core.errors import NetViewError
    from netview.services.identity.people import person_id
    from netview.services.introductions import asked as intros
    from netview.services.network import load_network

    ln = load_network(db)
    target = target_of(db, ln, target_text)
    if target.kind != "person":
        raise NetViewError(f"{target_text!r}: ask for an introduction to one person, not a company")
    with db.session() as s:
        via_id = person_id(s, via_text)
    target_id = int(ln.net.ids[target.people[0]])
    text = draft if draft is not None else intros.draft_via(db, ln, target, via_id)
    if text is None:
        raise NetViewError(
            f"no introduction path to {target.label} runs through {via_text!r}; "
            "say what you sent with --draft TEXT"
        )
    with db.write() as s:
        return intros.ask(s, target_id, via_id, text, on)


def _show(
    args: argparse.Namespace, rows: list[IntroRow], on: date, wait: int, head: str | None
) -> int:
    from netview.services.introductions import asked as intros

    if args.json:
        print_json(
            [intros.row_json(r, on, wait) for r in rows]
            if head is None
            else intros.row_json(rows[0], on, wait)
        )
        return 0
    if head:
        print(head)
    waiting = {r.id for r in intros.waiting(rows, on, wait)}
    for r in rows:
        flag = "  (no answer yet: follow up)" if r.id in waiting else ""
        print(
            f"{r.id:>4}  {r.target_name} via {r.via_name}: {r.state} since "
            f"{r.state_on.isoformat()} (asked {r.asked_on.isoformat()}){flag}"
        )
    return 0
