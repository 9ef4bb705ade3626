"""The command line: every job of the app, for users, tests and benchmarks.

Errors the user can act on print as one line on stderr and exit with status 1.
One module per group of commands; parser.py puts them together.
"""

from __future__ import annotations

import sys

from netview.cli.common import Handler
from netview.cli.parser import add_db_option, build_parser
from netview.core.errors import NetViewError

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    add_db_option(parser)
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


if __name__ == "__main__":
    sys.exit(main())
