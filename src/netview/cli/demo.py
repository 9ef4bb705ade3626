"""`demo`: an invented network for a tour."""

from __future__ import annotations

import argparse
from typing import Any

from netview.cli.common import open_db
from netview.core.errors import NetViewError


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="fill the database with an invented network, for a tour")
    p.add_argument("--people", type=int, default=400, help="people besides you (50-100000)")
    p.add_argument("--seed", type=int, default=7, help="same seed, same network")
    p.set_defaults(handler=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    from netview.services.demo import fill_demo
    from netview.services.stats import stats

    if not 50 <= args.people <= 100_000:
        raise NetViewError("--people must be between 50 and 100000")
    with open_db(args) as db:
        reports = fill_demo(db, people=args.people, seed=args.seed)
        result = stats(db)
    rings = ", ".join(f"{n:,} at degree {d}" for d, n in result["by_degree"].items())
    print(
        f"Demo network (seed {args.seed}) from {len(reports)} archives: "
        f"{result['people']:,} people ({rings}), {result['messages']:,} messages"
    )
    return 0
