"""`demo`: an invented network for a tour."""

from __future__ import annotations

import argparse

from netview.cli.common import Subparsers, int_between, open_db


def register(sub: Subparsers) -> None:
    p = sub.add_parser("demo", help="fill the database with an invented network, for a tour")
    p.add_argument(
        "--people",
        type=int_between(50, 100_000),
        default=400,
        help="people besides you (50-100000)",
    )
    p.add_argument("--seed", type=int, default=7, help="same seed, same network")
    p.set_defaults(handler=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    from netview.services.analysis.stats import stats
    from netview.services.importing.demo import fill_demo
    from netview.services.wording import degree_words

    with open_db(args, create=True) as db:
        reports = fill_demo(db, people=args.people, seed=args.seed)
        result = stats(db)
    rings = ", ".join(f"{n:,} {degree_words(int(d))}" for d, n in result["by_degree"].items())
    archives = sum(1 for r in reports if r.role in ("you", "shared"))
    print(
        f"Demo network (seed {args.seed}) from {archives} archives: "
        f"{result['people']:,} people ({rings}), {result['messages']:,} messages; "
        f"your calendar and mailbox: {result['meetings']:,} meetings, {result['emails']:,} e-mails"
    )
    return 0
