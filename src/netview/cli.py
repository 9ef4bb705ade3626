"""The command line: every job of the app, for users, tests and benchmarks."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from netview import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netview", description=__doc__)
    parser.add_argument("--version", action="version", version=f"netview {__version__}")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: $NETVIEW_DB)")
    parser.add_argument("--demo", action="store_true", help="open the app on a demo network")
    sub = parser.add_subparsers(dest="command")
    _add_analytics_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command in _ANALYTICS:
        return _ANALYTICS[args.command](args)
    return 0


# --- analytics: paths, followups, groups (issue 3) ----------------------------------------


def _add_analytics_commands(sub: Any) -> None:
    p = sub.add_parser("paths", help="introduction paths from you to someone")
    p.add_argument("target", help="profile URL or key, a name, or company:NAME")
    p.add_argument("--top", type=int, default=5, help="how many paths (default 5)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


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
        _print_json(result_json(ln, result))
    else:
        print(result_text(ln, result))
    return 0


_ANALYTICS: dict[str, Any] = {"paths": _cmd_paths}


if __name__ == "__main__":
    sys.exit(main())
