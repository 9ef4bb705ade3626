"""The command line: every job of the app, for users, tests and benchmarks.

Errors the user can act on print as one line on stderr and exit with status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from netview import __version__
from netview.core.errors import NetViewError

Handler = Callable[[argparse.Namespace], int]


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


@contextmanager
def _open(args: argparse.Namespace) -> Iterator[Any]:
    """The database of --db (or NETVIEW_DB), closed again when the command is done."""
    from netview.store.db import open_database

    db = open_database(args.db)
    try:
        yield db
    finally:
        db.dispose()


def _counted(n: int, kind: str) -> str:
    """ "1 message", "12 messages", "3 people": report counts read as English."""
    if kind in ("people", "ties") or kind.endswith("s"):
        return f"{n:,} {kind}"
    return f"{n:,} {kind}{'' if n == 1 else 's'}"


# --- import --------------------------------------------------------------------------------


def _cmd_import(args: argparse.Namespace) -> int:
    from netview.services.importer import import_paths

    with _open(args) as db:
        reports = import_paths(db, args.paths, owner_url=args.owner_url)
    if args.json:
        _print_json([r.to_dict() for r in reports])
        return 0
    for r in reports:
        if r.status == "unchanged":
            print(f"{r.archive}: already imported, nothing changed")
            continue
        if r.role == "file":  # GraphML, GEXF or edge list from another tool
            added = ", ".join(_counted(n, k) for k, n in r.added.items())
            print(f"{r.archive}: {r.era} file; added {added}")
            for w in r.warnings:
                print(f"  {w}")
            continue
        whose = (
            "your export" if r.role == "you" else f"{r.owner_name or r.owner_key}'s shared export"
        )
        added = ", ".join(_counted(n, k) for k, n in r.added.items())
        print(f"{r.archive}: {whose} ({r.era} format); added {added}")
        for f in r.files:
            if f.kind is None:
                continue
            line = f"  {f.name}: {f.rows_read} rows read, {f.rows_imported} imported"
            if f.hidden:
                line += f", {f.hidden} hidden members skipped"
            if f.skipped:
                line += f", {len(f.skipped)} skipped"
            if f.note:
                line += f" ({f.note})"
            print(line)
            for s in f.skipped[:5]:
                print(f"    line {s.line}: {s.reason}")
            if len(f.skipped) > 5:
                print(f"    … and {len(f.skipped) - 5} more")
        for w in r.warnings:
            print(f"  warning: {w}")
    return 0


# --- stats ---------------------------------------------------------------------------------


def _cmd_stats(args: argparse.Namespace) -> int:
    from netview.services.stats import stats

    with _open(args) as db:
        result = stats(db)
    if args.json:
        _print_json(result)
        return 0
    me = result["me"]
    print(f"You: {me['name']} ({me['key']})" if me else "No archive imported yet")
    print(f"People: {result['people']}")
    for degree, n in result["by_degree"].items():
        print(f"  degree {degree}: {n}")
    if result["unconnected"]:
        print(f"  not connected: {result['unconnected']}")
    for k in ("sources", "messages", "invitations", "endorsements", "recommendations"):
        print(f"{k.capitalize()}: {result[k]}")
    return 0


# --- render --------------------------------------------------------------------------------


def _cmd_render(args: argparse.Namespace) -> int:
    from netview.ui.map.render import render_command  # Qt only for this command

    return render_command(args.db, args.output, args.size, args.theme, args.pan_frames, args.json)


# --- demo ----------------------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace) -> int:
    from netview.services.demo import fill_demo
    from netview.services.stats import stats

    if not 50 <= args.people <= 100_000:
        raise NetViewError("--people must be between 50 and 100000")
    with _open(args) as db:
        reports = fill_demo(db, people=args.people, seed=args.seed)
        result = stats(db)
    rings = ", ".join(f"{n:,} at degree {d}" for d, n in result["by_degree"].items())
    print(
        f"Demo network (seed {args.seed}) from {len(reports)} archives: "
        f"{result['people']:,} people ({rings}), {result['messages']:,} messages"
    )
    return 0


# --- the parser ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netview", description="NetView: a private, offline map of your professional network."
    )
    parser.add_argument("--version", action="version", version=f"netview {__version__}")
    parser.add_argument(
        "--db", help="database file or SQLAlchemy URL (default: $NETVIEW_DB, else your data folder)"
    )
    parser.add_argument("--demo", action="store_true", help="open the app on a demo network")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "import", help="import LinkedIn exports (zip, folder or CSV), GraphML, GEXF or edge lists"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--owner-url", help="profile URL of the archive's owner, when it cannot be told")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("stats", help="counts of people, degrees, sources and interactions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_stats)

    p = sub.add_parser("render", help="draw the network map to a PNG or SVG file, headless")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.png or FILE.svg")
    p.add_argument("--size", default="1600x1000", help="WIDTHxHEIGHT in pixels (1600x1000)")
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.add_argument("--pan-frames", type=int, default=0, metavar="N", help="time N pan frames")
    p.add_argument("--json", action="store_true", help="print the pan timings as JSON")
    p.set_defaults(handler=_cmd_render)

    p = sub.add_parser("demo", help="fill the database with an invented network, for a tour")
    p.add_argument("--people", type=int, default=400, help="people besides you (50-100000)")
    p.add_argument("--seed", type=int, default=7, help="same seed, same network")
    p.set_defaults(handler=_cmd_demo)
    _add_analytics_commands(sub)
    _add_files_commands(sub)
    from netview.cli_team import add_commands

    add_commands(sub)
    return parser


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    # `--db` is accepted after the subcommand too: `netview stats --db x.db`.
    for action in parser._subparsers._actions if parser._subparsers else []:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                sub.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    _add_db_option(parser)
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from netview.ui.app import run

            return run(args.db, demo=args.demo)
        return handler(args)
    except NetViewError as exc:
        print(f"netview: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `netview … | head`: the reader has all it wanted
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("netview: interrupted; nothing was written", file=sys.stderr)
        return 130


# --- analytics: paths, followups, groups (issue 3) ----------------------------------------


def _add_analytics_commands(sub: Any) -> None:
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
        _print_json(data)
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
        _print_json(found)
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
                _print_json(suggested)
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
                _print_json(rows)
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
        _print_json([r.as_json() for r in items])
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
        _print_json([grp.as_json() for grp in groups])
        return 0
    kind = None
    for grp in groups:
        if grp.kind != kind:
            kind = grp.kind
            print(f"{kind}:")
        print(f"  {grp.size:6}  {grp.name}")
    return 0


# --- files: export, restore, sources, forget, private, delete-person (issue 5) ------------


def _add_files_commands(sub: Any) -> None:
    p = sub.add_parser("sources", help="list imported sources with what each provides")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_sources)

    p = sub.add_parser("forget", help="remove a source and everything only it provided")
    p.add_argument("source", metavar="SOURCE", help="source id or label (see `netview sources`)")
    p.set_defaults(handler=_cmd_forget)

    p = sub.add_parser("private", help="keep a person out of every export (--off: undo)")
    p.add_argument("key", metavar="KEY", help="profile key or URL")
    p.add_argument("--off", action="store_true", help="make the person exportable again")
    p.set_defaults(handler=_cmd_private)

    p = sub.add_parser("delete-person", help="delete a person and everything about them")
    p.add_argument("key", metavar="KEY", help="profile key or URL")
    p.set_defaults(handler=_cmd_delete_person)

    p = sub.add_parser("export", help="export the network: csv, graphml, gexf, json, ics, png, svg")
    p.add_argument(
        "format", choices=("csv", "graphml", "gexf", "json", "ics", "png", "svg"), metavar="FORMAT"
    )
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.add_argument("--group", metavar="G", help="only the members of group G (and you)")
    p.add_argument("--degree", type=int, metavar="N", help="only people within N steps of you")
    p.add_argument(
        "--anonymize", action="store_true", help="pseudonyms for names, URLs, e-mails, companies"
    )
    p.add_argument("--size", default="1600x1000", help="png/svg: WIDTHxHEIGHT (1600x1000)")
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="png/svg theme")
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser("restore", help="restore a JSON backup into an empty database")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_cmd_restore)


def _cmd_sources(args: argparse.Namespace) -> int:
    from netview.services.forget import list_sources

    with _open(args) as db:
        rows = list_sources(db)
    if args.json:
        _print_json(rows)
        return 0
    for s in rows:
        owner = s["owner_name"] or s["owner_key"] or "-"
        print(
            f"{s['id']:>4}  {s['kind']:<9} {s['label']}  owner: {owner}  "
            f"imported {s['imported_at']:%Y-%m-%d %H:%M}; "
            f"{s['people']} people, {s['ties']} ties, {s['interactions']} interactions"
        )
    if not rows:
        print("No sources imported yet")
    return 0


def _cmd_forget(args: argparse.Namespace) -> int:
    from netview.services.forget import forget

    with _open(args) as db:
        done = forget(db, args.source)
    print(
        f"Forgot {done.label} (source {done.source_id}): removed {done.people} people, "
        f"{done.ties} ties, {done.interactions} interactions only it provided"
    )
    return 0


def _cmd_private(args: argparse.Namespace) -> int:
    from netview.services.forget import set_private

    with _open(args) as db:
        key, name = set_private(db, args.key, not args.off)
    state = "no longer private" if args.off else "private: kept out of every export"
    print(f"{name or key} ({key}) is {state}")
    return 0


def _cmd_delete_person(args: argparse.Namespace) -> int:
    from netview.services.forget import delete_person

    with _open(args) as db:
        key, name = delete_person(db, args.key)
    print(f"Deleted {name or key} ({key}) and everything about them")
    return 0


# --- export, restore -----------------------------------------------------------------------


def _cmd_export(args: argparse.Namespace) -> int:
    from netview.services.export import PICTURES, Selection, export, picture_model

    selection = Selection(args.group, args.degree, args.anonymize)
    with _open(args) as db:
        if args.format in PICTURES:
            from pathlib import Path

            from netview.ui.map.render import parse_size, render_file  # Qt only for pictures

            model = picture_model(db, selection)
            out = Path(args.output)
            if out.suffix.lower() != f".{args.format}":
                out = out.with_name(out.name + f".{args.format}")
            render_file(model, out, parse_size(args.size), args.theme)
            print(f"Exported {out}: {int(model.visible.sum())} people, {len(model.edges)} ties")
            return 0
        result = export(db, args.format, args.output, **vars(selection))
    extra = f", {result.events} follow-ups" if args.format == "ics" else ""
    print(f"Exported {result.path}: {result.people} people, {result.ties} ties{extra}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from netview.services.restore import restore

    with _open(args) as db:
        counts = restore(db, args.file)
    print(f"Restored {args.file}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
