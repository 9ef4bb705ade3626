"""Analytics: `paths` (with `templates` for drafts), `followups` and `groups`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from netview.cli.common import (
    Subparsers,
    UsageError,
    open_db,
    print_json,
    target_of,
    whole_number,
)

if TYPE_CHECKING:
    from netview.services.followups.cadence import Entry


def register(sub: Subparsers) -> None:
    p = sub.add_parser("paths", help="introduction paths from you to someone")
    p.add_argument("target", help="profile URL or key, a name, or company:NAME")
    p.add_argument("--top", type=int, default=5, help="how many paths (default 5)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--draft",
        type=int,
        nargs="?",
        const=1,
        metavar="N",
        help="draft an introduction request along path N (default 1)",
    )
    p.add_argument("--template", help="template name for --draft (see `netview templates`)")
    p.set_defaults(handler=_cmd_paths)

    t = sub.add_parser("templates", help="introduction request templates")
    t.add_argument("--json", action="store_true", help="machine-readable output")
    t.add_argument("--set", nargs=2, metavar=("NAME", "FILE"), help="store FILE as template NAME")
    t.add_argument("--reset", metavar="NAME", help="back to the built-in template")
    t.set_defaults(handler=_cmd_templates)

    f = sub.add_parser("followups", help="who to get back in touch with")
    f.add_argument("--json", action="store_true", help="machine-readable output")
    f.add_argument("--all", action="store_true", help="everyone with a cadence, not just due")
    f.add_argument("--losing", action="store_true", help="strong ties gone quiet")
    f.add_argument("--suggest", action="store_true", help="cadences suggested for strong ties")
    f.add_argument("--set", nargs=2, metavar=("KEY", "DAYS"), help="keep in touch every DAYS")
    f.add_argument("--snooze", nargs=2, metavar=("KEY", "DATE"), help="quiet until DATE")
    f.add_argument("--done", metavar="KEY", help="log a touch now and re-arm the cadence")
    f.add_argument("--today", type=_day, help=argparse.SUPPRESS)  # tests: evaluate as of this date
    f.set_defaults(handler=_cmd_followups)

    g = sub.add_parser("groups", help="automatic and your own groups, with their sizes")
    g.add_argument("--json", action="store_true", help="machine-readable output")
    g.add_argument("--kind", action="append", help="only these automatic groupings")
    g.add_argument("--create", metavar="NAME")
    g.add_argument("--color", nargs=2, metavar=("NAME", "#RRGGBB"), help="recolour a group")
    g.add_argument("--rename", nargs=2, metavar=("NAME", "NEW"))
    g.add_argument("--delete", metavar="NAME")
    g.add_argument("--add", nargs="+", metavar=("NAME", "KEY"), help="add people to a group")
    g.add_argument("--remove", nargs="+", metavar=("NAME", "KEY"), help="remove people")
    g.add_argument("--cadence", nargs=2, metavar=("NAME", "DAYS"), help="keep in touch, 0 = off")
    g.set_defaults(handler=_cmd_groups)


def _day(text: str) -> date:
    """argparse type: an ISO date (2026-03-01)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a date like 2026-03-01") from None


def _cmd_paths(args: argparse.Namespace) -> int:
    from netview.services.introductions.paths import find_paths, result_json, result_text
    from netview.services.network import load_network

    with open_db(args) as db:
        ln = load_network(db)
        target = target_of(db, ln, args.target)
        result = find_paths(ln, target, max(args.top, 1))
        draft = None
        if args.draft is not None and result.paths:
            from netview.services.introductions.drafts import draft_request

            chosen = result.paths[min(max(args.draft, 1), len(result.paths)) - 1]
            draft = draft_request(db, ln, chosen, args.template)
    if args.json:
        data = result_json(ln, result)
        if args.draft is not None:
            data["draft"] = draft
        print_json(data)
        return 0
    print(result_text(ln, result))
    if args.draft is not None:
        print("\n" + (draft or "You are connected directly: no introduction needed."))
    return 0


def _cmd_templates(args: argparse.Namespace) -> int:
    from pathlib import Path

    from netview.services.introductions import drafts as intro

    body = Path(args.set[1]).read_text(encoding="utf-8") if args.set else None
    with open_db(args) as db:
        if args.set and body is not None:
            intro.save_template(db, args.set[0], body)
        if args.reset:
            intro.reset_template(db, args.reset)
        found = intro.templates(db)
    if args.json:
        print_json(found)
        return 0
    for name, text in sorted(found.items()):
        print(f"== {name}\n{text}\n")
    return 0


def _cmd_followups(args: argparse.Namespace) -> int:
    from netview.services.followups import cadence as fu
    from netview.services.network import load_network

    today: date = args.today or date.today()
    with open_db(args) as db:
        if args.set:
            days = whole_number(args.set[1], "--set DAYS")
            fu.set_cadence(db, fu.person_id(db, args.set[0]), days)
            print(f"keeping in touch with {args.set[0]} every {days} days")
            return 0
        if args.snooze:
            until = _snooze_date(args.snooze[1])
            fu.snooze(db, fu.person_id(db, args.snooze[0]), until)
            print(f"{args.snooze[0]} snoozed until {until.isoformat()}")
            return 0
        if args.done:
            fu.mark_done(db, fu.person_id(db, args.done))
            print(f"touch logged with {args.done}")
            return 0
        if args.suggest:
            ln = load_network(db, today=today)
            suggested = [
                {
                    "name": ln.net.names[i],
                    "key": ln.net.keys[i],
                    "cadence_days": days,
                    "strength": round(strength, 3),
                }
                for i, days, strength in fu.suggestions(db, ln)
            ]
            if args.json:
                print_json(suggested)
            for row in [] if args.json else suggested:
                print(f"every {row['cadence_days']} days: {row['name']} ({row['key']})")
            return 0
        if args.losing:
            ln = load_network(db, today=today)
            quiet = fu.losing_touch(ln)
            rows = [
                {
                    "name": ln.net.names[t.index],
                    "key": ln.net.keys[t.index],
                    "last_contact": t.last_contact.isoformat() if t.last_contact else None,
                    "strength": round(t.peak_strength, 3),
                    "suggested_cadence_days": t.suggested_cadence,
                }
                for t in quiet
            ]
            if args.json:
                print_json(rows)
            for quiet_row in [] if args.json else rows:
                name, key, last = quiet_row["name"], quiet_row["key"], quiet_row["last_contact"]
                print(f"{name} ({key}): quiet since {last}")
            return 0
        if not args.all:  # the panel's overview: the same sections with the same people
            entries = fu.overview(db, load_network(db, today=today))
            _print_overview(entries, as_json=args.json)
            return 0
        items = fu.followups(db, today=today, include_all=args.all)
    if args.json:
        print_json([r.as_json() for r in items])
    elif not items:
        print("nothing due")
    for r in [] if args.json else items:
        last = r.last_contact.isoformat() if r.last_contact else "never"
        print(f"{r.status:8} due {r.due}  {r.name} ({r.key}), last contact {last}")
    return 0


def _print_overview(entries: list[Entry], *, as_json: bool) -> None:
    """Sections as the Follow-ups panel shows them: "Overdue (2)", then one line a person."""
    from netview.services.followups.cadence import SECTION_TITLES, SECTIONS

    if as_json:
        print_json([e.as_json() for e in entries])
        return
    if not entries:
        print("nothing to follow up: set a cadence with --set KEY DAYS")
    for section in SECTIONS:
        rows = [e for e in entries if e.section == section]
        if rows:
            print(f"{SECTION_TITLES[section]} ({len(rows)})")
        for e in rows:
            parts = [e.every_text()]
            if e.section == "snoozed" and e.snoozed_until:
                parts.append(f"snoozed to {e.snoozed_until.isoformat()}")
            elif e.due:
                parts.append(
                    f"{'moved, seen' if e.section == 'moved' else 'due'} {e.due.isoformat()}"
                )
            last = e.last_contact.isoformat() if e.last_contact else "never"
            parts.append(f"last contact {last}")
            print(f"  {e.name or e.key} ({e.key}): {', '.join(p for p in parts if p)}")
            if e.detail:
                print(f"    {e.detail}")


def _snooze_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--snooze DATE: {text!r}: expected a date like 2026-03-01") from None


def _cmd_groups(args: argparse.Namespace) -> int:
    from netview.services.network import load_network
    from netview.services.people import groups as gs

    cadence = whole_number(args.cadence[1], "--cadence DAYS") if args.cadence else None
    with open_db(args) as db:
        if args.create:
            gs.create_group(db, args.create)
        if args.color:
            gs.recolor_group(db, args.color[0], args.color[1])
        if args.rename:
            gs.rename_group(db, args.rename[0], args.rename[1])
        if args.add:
            gs.add_people(db, args.add[0], args.add[1:])
        if args.remove:
            gs.remove_people(db, args.remove[0], args.remove[1:])
        if args.cadence and cadence is not None:
            gs.set_group_cadence(db, args.cadence[0], cadence)
        if args.delete:
            gs.delete_group(db, args.delete)
        edited = any(
            (args.create, args.color, args.rename, args.add, args.remove, args.cadence, args.delete)
        )
        if edited and not args.json:
            return 0
        ln = load_network(db)
        kinds = tuple(args.kind) if args.kind else gs.AUTOMATIC
        groups = gs.list_groups(db, ln, kinds)
    # Largest first within each kind (the kinds keep their order).
    kinds_order = {k: n for n, k in enumerate(dict.fromkeys(g.kind for g in groups))}
    groups = sorted(groups, key=lambda g: (kinds_order[g.kind], -g.size, g.name.casefold()))
    if args.json:
        print_json([grp.as_json() for grp in groups])
        return 0
    kind = None
    for grp in groups:
        if grp.kind != kind:
            kind = grp.kind
            print(f"{kind}:")
        print(f"  {grp.size:6}  {grp.name}")
    return 0
