"""Who is who, by hand: `merge`, `split` and `duplicates` (docs/identity.md)."""

from __future__ import annotations

import argparse
from typing import Any

from netview.cli.common import open_db, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("duplicates", help="pairs of people who may be one, with the evidence")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_duplicates)

    p = sub.add_parser("merge", help="make two people one (keeps every tie, note, tag, group)")
    p.add_argument("key_a", metavar="KEY", help="profile key, URL or alias")
    p.add_argument("key_b", metavar="KEY")
    p.set_defaults(handler=_cmd_merge)

    p = sub.add_parser("split", help="undo a merge: the two are different people")
    p.add_argument("key", metavar="KEY", help="the merged person's former key (or the kept key)")
    p.set_defaults(handler=_cmd_split)


def _cmd_duplicates(args: argparse.Namespace) -> int:
    from netview.services.identity.by_hand import find_duplicates

    with open_db(args) as db:
        pairs = find_duplicates(db)
    if args.json:
        print_json([d.to_dict() for d in pairs])
        return 0
    for d in pairs:
        print(f"{d.a}  {d.b}  {d.why}")
    if not pairs:
        print("No likely duplicates")
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from netview.services.identity.by_hand import merge_people

    with open_db(args) as db:
        done = merge_people(db, args.key_a, args.key_b)
    print(f"Merged {done.merged} into {done.name or done.kept} ({done.kept})")
    return 0


def _cmd_split(args: argparse.Namespace) -> int:
    from netview.services.identity.by_hand import split_person

    with open_db(args) as db:
        done = split_person(db, args.key)
    print(f"Split {done.merged} from {done.kept}: two people again, and kept apart")
    return 0
