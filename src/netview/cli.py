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
    parser.add_subparsers(dest="command")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
