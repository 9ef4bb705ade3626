"""The command line: every job of the app, for users, tests and benchmarks.

Errors the user can act on print as one line on stderr and exit with status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from netview import __version__
from netview.core.errors import NetViewError

Handler = Callable[[argparse.Namespace], int]


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _open(args: argparse.Namespace) -> Any:
    from netview.store.db import open_database

    return open_database(args.db)


# --- import --------------------------------------------------------------------------------


def _cmd_import(args: argparse.Namespace) -> int:
    from netview.services.importer import import_paths

    db = _open(args)
    try:
        reports = import_paths(db, args.paths, owner_url=args.owner_url)
    finally:
        db.dispose()
    if args.json:
        _print_json([r.to_dict() for r in reports])
        return 0
    for r in reports:
        if r.status == "unchanged":
            print(f"{r.archive}: already imported, nothing changed")
            continue
        if r.role == "file":  # GraphML, GEXF or edge list from another tool
            added = ", ".join(f"{n} {k}" for k, n in r.added.items())
            print(f"{r.archive}: {r.era} file; added {added}")
            for w in r.warnings:
                print(f"  {w}")
            continue
        whose = (
            "your export" if r.role == "you" else f"{r.owner_name or r.owner_key}'s shared export"
        )
        added = ", ".join(f"{n} {k}" for k, n in r.added.items())
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

    db = _open(args)
    try:
        result = stats(db)
    finally:
        db.dispose()
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


# --- sources, forget, private, delete-person ------------------------------------------------


def _cmd_sources(args: argparse.Namespace) -> int:
    from netview.services.forget import list_sources

    db = _open(args)
    try:
        rows = list_sources(db)
    finally:
        db.dispose()
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

    db = _open(args)
    try:
        done = forget(db, args.source)
    finally:
        db.dispose()
    print(
        f"Forgot {done.label} (source {done.source_id}): removed {done.people} people, "
        f"{done.ties} ties, {done.interactions} interactions only it provided"
    )
    return 0


def _cmd_private(args: argparse.Namespace) -> int:
    from netview.services.forget import set_private

    db = _open(args)
    try:
        key, name = set_private(db, args.key, not args.off)
    finally:
        db.dispose()
    state = "no longer private" if args.off else "private: kept out of every export"
    print(f"{name or key} ({key}) is {state}")
    return 0


def _cmd_delete_person(args: argparse.Namespace) -> int:
    from netview.services.forget import delete_person

    db = _open(args)
    try:
        key, name = delete_person(db, args.key)
    finally:
        db.dispose()
    print(f"Deleted {name or key} ({key}) and everything about them")
    return 0


# --- export, restore -----------------------------------------------------------------------


def _cmd_export(args: argparse.Namespace) -> int:
    from netview.services.export import PICTURES, Selection, export, picture_model

    selection = Selection(args.group, args.degree, args.anonymize)
    db = _open(args)
    try:
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
    finally:
        db.dispose()
    extra = f", {result.events} follow-ups" if args.format == "ics" else ""
    print(f"Exported {result.path}: {result.people} people, {result.ties} ties{extra}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from netview.services.restore import restore

    db = _open(args)
    try:
        counts = restore(db, args.file)
    finally:
        db.dispose()
    print(f"Restored {args.file}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
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
    except KeyboardInterrupt:
        print("netview: interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
