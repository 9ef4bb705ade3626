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

    p = sub.add_parser("import", help="import LinkedIn exports (zip, folder or CSV)")
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
