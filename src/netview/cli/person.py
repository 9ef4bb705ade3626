"""`netview person`: what Details shows for one or several people, your own evidence included."""

from __future__ import annotations

import argparse

from netview.cli.common import Subparsers, open_db, print_json, target_of
from netview.core.errors import NetViewError


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "person", help="one or several people: degree, strength, last contact, who they know"
    )
    p.add_argument("keys", nargs="+", metavar="KEY", help="a profile URL or key, or a name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_person)


def _cmd_person(args: argparse.Namespace) -> int:
    from netview.services.network import load_network
    from netview.services.people.person import summary
    from netview.services.wording import degree_words, tie_rank, tie_words

    out = []
    with open_db(args) as db:
        ln = load_network(db)
        for key in args.keys:
            target = target_of(db, ln, key)
            if target.kind != "person":
                raise NetViewError(f"{key!r} is a company; give a person's profile URL or key")
            out.append(summary(ln, target.people[0]))
    if args.json:
        print_json(out)
        return 0
    for p in out:
        # Plain words, as Details shows them: "1st degree, moderate tie, your 12th strongest
        # tie of 375" (the numbers stay in --json).
        degree = degree_words(p["degree"])
        strength = ""
        if p["strength"] is not None:
            strength = f", {tie_words(p['strength']).lower()}"
            if p["rank"] is not None:
                rank = tie_rank(p["rank"]["place"], p["rank"]["of"])
                strength += f", {rank[0].lower()}{rank[1:]}"
        last = f", last contact {p['last_contact']}" if p["last_contact"] else ""
        print(f"{p['name']} ({p['key']}): {degree}{strength}{last}")
        for line in p["evidence"]:
            print(f"  {line}")
        for k in p["knows"]:
            print(f"  knows {k['key']}: {k['why']}")
    return 0
