"""The command line: every job of the app, for users, tests and benchmarks.

One boundary, in `main`: an error the user can act on prints one line on stderr and exits
with status 1; a wrong command line exits with 2 (argparse's own convention); anything else
is a bug, logged with its traceback, and reported in one line that says where the log is.
One module per group of commands; parser.py puts them together.
"""

from __future__ import annotations

import argparse
import os
import sys

from netview.cli.common import Handler, UsageError
from netview.cli.crash import DEBUG_ENV, log_bug
from netview.cli.parser import add_db_option, build_parser
from netview.core.errors import NetViewError
from netview.io import scratch

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    add_db_option(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse has printed (2)
        return exc.code if isinstance(exc.code, int) else 2
    debug = bool(args.debug or os.environ.get(DEBUG_ENV))
    # A demo killed mid-way left its folder of invented archives: every start clears the
    # ones whose process is gone (a live one holds its lock and stays).
    scratch.sweep_scratch_dirs(scratch.DEMO_PREFIX)
    try:
        return _run(args)
    except UsageError as exc:
        return _fail(str(exc), 2)
    except NetViewError as exc:
        return _fail(str(exc), 1)
    except BrokenPipeError:  # `netview … | head`: the reader has all it wanted
        sys.stderr.close()
        return 0
    except OSError as exc:  # a file named on the command line: missing, a folder, unwritable
        where = exc.filename if exc.filename is not None else ""
        return _fail(f"{where}: {exc.strerror}" if where else str(exc), 1)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing was written", 130)
    except Exception as exc:
        if debug:
            raise
        database = _database_error(exc, args)
        if database is not None:
            return _fail(database, 1)
        return _bug(exc, args.command or "app")


def _run(args: argparse.Namespace) -> int:
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from netview.ui.app import run

        return run(args.db, demo=args.demo)
    return handler(args)


def _fail(message: str, status: int) -> int:
    print(f"netview: {message}", file=sys.stderr)
    return status


def _database_error(exc: Exception, args: argparse.Namespace) -> str | None:
    """The one line for a database that failed mid-command (locked, disk full, gone)."""
    from sqlalchemy.exc import OperationalError

    from netview.store.db import database_url, shown_url, sqlite_file
    from netview.store.errors import server_refusal, timed_out

    refused = server_refusal(exc)
    if refused is not None:  # the whole write was rolled back: nothing half-written
        return refused
    if not isinstance(exc, OperationalError):
        return None
    text = str(exc.orig).strip().splitlines()
    url = database_url(getattr(args, "db", None), create=False)
    where = sqlite_file(url) or shown_url(url)
    said = timed_out(exc) or (text[0] if text else "the database cannot be used")
    return f"{where}: {said}"


def _bug(exc: Exception, command: str) -> int:
    what = f"{type(exc).__name__}: {exc}".splitlines()[0]
    try:
        where = f"the details are in {log_bug(exc, command)}"
    except OSError as log_error:
        where = f"the log could not be written ({log_error}); run again with --debug"
    return _fail(f"internal error, a bug in NetView ({what}); {where}", 1)
