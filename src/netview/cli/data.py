"""Your data: `sources`, `forget`, `private` and `delete-person`."""

from __future__ import annotations

import argparse

from netview.cli.common import Subparsers, open_db, print_json


def register(sub: Subparsers) -> None:
    p = sub.add_parser("sources", help="list imported sources with what each provides")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_sources)

    p = sub.add_parser("forget", help="remove a source and everything only it provided")
    p.add_argument("source", metavar="SOURCE", help="source id or label (see `netview sources`)")
    p.set_defaults(handler=_cmd_forget)

    p = sub.add_parser("private", help="keep a person out of every export (--off: undo)")
    p.add_argument("key", metavar="KEY", help="profile key or URL")
    p.add_argument("--off", action="store_true", help="make the person exportable again")
    p.set_defaults(handler=_cmd_private)

    p = sub.add_parser("delete-person", help="delete a person and everything about them")
    p.add_argument("key", metavar="KEY", help="profile key or URL")
    p.set_defaults(handler=_cmd_delete_person)


def _cmd_sources(args: argparse.Namespace) -> int:
    from netview.services.importing.forget import list_sources

    with open_db(args) as db:
        rows = list_sources(db)
    if args.json:
        print_json(rows)
        return 0
    for s in rows:
        owner = s["owner_name"] or s["owner_key"] or "-"
        print(
            f"{s['id']:>4}  {s['kind']:<9} {s['label']}  owner: {owner}  "
            f"imported {s['imported_at']:%Y-%m-%d %H:%M}; "
            f"{s['people']} people, {s['ties']} ties, {s['interactions']} interactions"
        )
    if not rows:
        print("No sources imported yet")
    return 0


def _cmd_forget(args: argparse.Namespace) -> int:
    from netview.services.importing.forget import forget

    with open_db(args) as db:
        done = forget(db, args.source)
    mine = ""
    if done.meetings or done.emails:
        mine = f", {done.meetings} meetings, {done.emails} e-mails"
    print(
        f"Forgot {done.label} (source {done.source_id}): removed {done.people} people, "
        f"{done.ties} ties, {done.interactions} interactions{mine} only it provided"
    )
    return 0


def _cmd_private(args: argparse.Namespace) -> int:
    from netview.services.importing.forget import set_private

    with open_db(args) as db:
        key, name = set_private(db, args.key, not args.off)
    state = "no longer private" if args.off else "private: kept out of every export"
    print(f"{name or key} ({key}) is {state}")
    return 0


def _cmd_delete_person(args: argparse.Namespace) -> int:
    from netview.services.importing.forget import delete_person

    with open_db(args) as db:
        key, name = delete_person(db, args.key)
    print(f"Deleted {name or key} ({key}) and everything about them")
    return 0
