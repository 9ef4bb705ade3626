"""The command line: every job of the app, for users, tests and benchmarks."""

from __future__ import annotations

import argparse
import sys

from netview import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netview", description=__doc__)
    parser.add_argument("--version", action="version", version=f"netview {__version__}")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: $NETVIEW_DB)")
    parser.add_argument("--demo", action="store_true", help="open the app on a demo network")
    commands = parser.add_subparsers(dest="command")
    _add_demo(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "demo":
        return _run_demo(args)
    return 0


# --- netview demo ---------------------------------------------------------------------------


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser(
        "demo", help="fill the database with an invented network (through the real importer)"
    )
    demo.add_argument("--people", type=int, default=400, help="people besides you (50-100000)")
    demo.add_argument("--seed", type=int, default=7, help="same seed, same network")


def _run_demo(args: argparse.Namespace) -> int:
    from netview.core.errors import NetViewError
    from netview.services.demo import fill_demo
    from netview.store.db import open_database

    if not 50 <= args.people <= 100_000:
        print("netview demo: --people must be between 50 and 100000", file=sys.stderr)
        return 2
    try:
        db = open_database(args.db)
        try:
            reports = fill_demo(db, people=args.people, seed=args.seed)
        finally:
            db.dispose()
    except NetViewError as exc:
        print(f"netview demo: {exc}", file=sys.stderr)
        return 1
    print(
        f"Demo network (seed {args.seed}): {args.people:,} invented people in "
        f"{len(reports)} archives imported into {db.url}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
