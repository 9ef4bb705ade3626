"""The argument parser, put together from the command modules in the order `--help` lists them."""

from __future__ import annotations

import argparse

from netview import __version__
from netview.cli import (
    analytics,
    data,
    demo,
    export,
    history,
    identity,
    imports,
    person,
    render,
    team,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netview", description="NetView: a private, offline map of your professional network."
    )
    parser.add_argument("--version", action="version", version=f"netview {__version__}")
    parser.add_argument(
        "--db", help="database file or SQLAlchemy URL (default: $NETVIEW_DB, else your data folder)"
    )
    parser.add_argument("--demo", action="store_true", help="open the app on a demo network")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for module in (imports, render, demo, analytics, person, data, identity, export, history, team):
        module.register(sub)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    # `--db` is accepted after the subcommand too: `netview stats --db x.db`.
    for action in parser._subparsers._actions if parser._subparsers else []:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                sub.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
