"""Analytics: `paths` (with `templates` for drafts), `followups` and `groups`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from netview.cli.common import print_json
from netview.core.errors import NetViewError


def register(sub: Any) -> None:
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
    f.add_argument("--today", help=argparse.SUPPRESS)  # tests: evaluate as of this date
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


def _cmd_paths(args: argparse.Namespace) -> int:
    from netview.core.errors import NetViewError
    from netview.services.network import load_network
    from netview.services.paths import (
        AmbiguousTarget,
        find_paths,
        resolve_target,
        result_json,
        result_text,
    )
    from netview.store.db import open_database

    db = open_database(args.db)
    try:
        ln = load_network(db)
        target = resolve_target(db, ln, args.target)
        result = find_paths(ln, target, max(args.top, 1))
        draft = None
        if args.draft is not None and result.paths:
            from netview.services.intro import draft_request

            chosen = result.paths[min(max(args.draft, 1), len(result.paths)) - 1]
            draft = draft_request(db, ln, chosen, args.template)
    except AmbiguousTarget as e:
        print(f"netview paths: {e}; candidates:", file=sys.stderr)
        for name, key, degree in e.candidates:
            print(f"  {name}  {key}  (degree {degree})", file=sys.stderr)
        return 2
    except NetViewError as e:
        print(f"netview paths: {e}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
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

    from netview.services import intro
    from netview.store.db import open_database

    db = open_database(args.db)
    try:
        if args.set:
            intro.save_template(db, args.set[0], Path(args.set[1]).read_text(encoding="utf-8"))
        if args.reset:
            intro.reset_template(db, args.reset)
        found = intro.templates(db)
    except (NetViewError, OSError) as e:
        print(f"netview templates: {e}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    if args.json:
        print_json(found)
        return 0
    for name, body in sorted(found.items()):
        print(f"== {name}\n{body}\n")
    return 0


def _cmd_followups(args: argparse.Namespace) -> int:
    from datetime import date

    from netview.core.errors import NetViewError
    from netview.services import followups as fu
    from netview.services.network import load_network
    from netview.store.db import open_database

    db = open_database(args.db)
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
        if args.set:
            fu.set_cadence(db, fu.person_id(db, args.set[0]), int(args.set[1]))
            print(f"keeping in touch with {args.set[0]} every {int(args.set[1])} days")
            return 0
        if args.snooze:
            fu.snooze(db, fu.person_id(db, args.snooze[0]), date.fromisoformat(args.snooze[1]))
            print(f"{args.snooze[0]} snoozed until {args.snooze[1]}")
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
            for r in [] if args.json else suggested:
                print(f"every {r['cadence_days']} days: {r['name']} ({r['key']})")
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
            for r in [] if args.json else rows:
                print(f"{r['name']} ({r['key']}): quiet since {r['last_contact']}")
            return 0
        items = fu.followups(db, today=today, include_all=args.all)
    except (NetViewError, ValueError) as e:
        print(f"netview followups: {e}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    if args.json:
        print_json([r.as_json() for r in items])
    elif not items:
        print("nothing due")
    for r in [] if args.json else items:
        last = r.last_contact.isoformat() if r.last_contact else "never"
        print(f"{r.status:8} due {r.due}  {r.name} ({r.key}), last contact {last}")
    return 0


def _cmd_groups(args: argparse.Namespace) -> int:
    from netview.core.errors import NetViewError
    from netview.services import groups as gs
    from netview.services.network import load_network
    from netview.store.db import open_database

    db = open_database(args.db)
    try:
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
        if args.cadence:
            gs.set_group_cadence(db, args.cadence[0], int(args.cadence[1]))
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
    except (NetViewError, ValueError) as e:
        print(f"netview groups: {e}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
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
