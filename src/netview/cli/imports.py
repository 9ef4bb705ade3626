"""`import` of archives and files, and `stats` on what they brought."""

from __future__ import annotations

import argparse
import shlex
from dataclasses import asdict
from typing import TYPE_CHECKING

from netview.cli.common import Subparsers, counted, open_db, print_json

if TYPE_CHECKING:
    from netview.services.importing.import_report import ImportReport


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "import",
        help="import LinkedIn exports (zip, folder or CSV), GraphML, GEXF or edge lists; "
        "what a file is comes from its content",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--owner-url", help="profile URL of the archive's owner, when it cannot be told")
    p.add_argument(
        "--my-address",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="an e-mail address of yours, for calendars and mailboxes (repeatable; remembered)",
    )
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.add_argument(
        "--supersede",
        action="store_true",
        help="let a newer archive that looks older replace its owner's current connections",
    )
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser(
        "my-address", help="your own e-mail addresses, as calendars and mailboxes are read"
    )
    p.add_argument("addresses", nargs="*", metavar="ADDRESS")
    p.add_argument(
        "--not-mine", action="store_true", help="the addresses given are not yours after all"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_my_address)

    p = sub.add_parser(
        "address",
        help="people in your meetings and e-mails nobody on LinkedIn matched; attach one, "
        "or keep one as a contact of your own",
    )
    p.add_argument("who", nargs="?", metavar="ADDRESS", help="an address (or ~name) listed")
    p.add_argument("key", nargs="?", metavar="KEY", help="the person it is (profile URL or key)")
    p.add_argument(
        "--keep",
        action="store_true",
        help="keep ADDRESS as a contact of your own (private: on your map, never in exports)",
    )
    p.add_argument(
        "--detach",
        action="store_true",
        help="undo attaching ADDRESS (or keeping it as a contact): it waits to be attached again",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_address)

    p = sub.add_parser("stats", help="counts of people, degrees, sources and interactions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_stats)


def _cmd_import(args: argparse.Namespace) -> int:
    from netview.services.importing.importer import import_paths

    with open_db(args, create=True) as db:
        reports = import_paths(
            db,
            args.paths,
            owner_url=args.owner_url,
            my_addresses=args.my_address,
            supersede=args.supersede,
        )
    if args.json:
        print_json([r.to_dict() for r in reports])
        return 0
    for r in reports:
        if r.status == "unchanged":
            print(f"{r.archive}: already imported, nothing changed")
            continue
        if r.role in EVIDENCE_ROLES:
            _print_evidence(r)
            continue
        if r.role == "file":  # GraphML, GEXF or edge list from another tool
            added = ", ".join(counted(n, k) for k, n in r.added.items())
            print(f"{r.archive}: {r.era} file; added {added}")
            for w in r.warnings:
                print(f"  {w}")
            continue
        whose = (
            "your export" if r.role == "you" else f"{r.owner_name or r.owner_key}'s shared export"
        )
        added = ", ".join(counted(n, k) for k, n in r.added.items())
        print(f"{r.archive}: {whose} ({r.era} format); added {added}")
        if r.changes:
            since = ", ".join(f"{n} {k}" for k, n in r.changes.items())
            print(f"  changed since the archive before: {since} (netview changes)")
        for f in r.files:
            if f.kind is None:
                continue
            line = f"  {f.name}: {f.rows_read} rows read, {f.rows_imported} imported"
            if f.hidden:
                line += f", {f.hidden} hidden members skipped"
            if f.skipped:
                line += f", {len(f.skipped)} skipped"
            if f.note:
                line += f" ({f.note})"
            print(line)
            for s in f.skipped[:5]:
                print(f"    line {s.line}: {s.reason}")
            if len(f.skipped) > 5:
                print(f"    … and {len(f.skipped) - 5} more")
        for w in r.warnings:
            print(f"  warning: {w}")
    return 0


EVIDENCE_ROLES = ("calendar", "mailbox", "address_book")


def _print_evidence(r: ImportReport) -> None:
    what = str(r.role).replace("_", " ")
    added = ", ".join(counted(n, k) for k, n in r.added.items()) or "nothing"
    print(f"{r.archive}: your {what}; added {added}")
    for f in r.files:
        for s in f.skipped[:5]:
            print(f"  {f.name}:{s.line}: skipped: {s.reason}")
        if len(f.skipped) > 5:
            print(f"  … and {len(f.skipped) - 5} more skipped")
    for w in r.warnings:
        print(f"  {w}")
    if r.correspondents:
        print("  often in touch, but not recognised as anyone on LinkedIn:")
        for c in r.correspondents[:10]:
            last = f", last {c['last']}" if c["last"] else ""
            print(f"    {c['who']} <{c['address']}>: {c['times']} times{last} ({c['why']})")


def _cmd_my_address(args: argparse.Namespace) -> int:
    from netview.services.importing.evidence import my_addresses, set_my_addresses

    with open_db(args, create=False) as db:
        reread = None
        if args.addresses:
            reread = set_my_addresses(db, args.addresses, mine=not args.not_mine)
        mine = my_addresses(db)
    if args.json:
        print_json(mine)
        return 0
    for address in mine:
        print(address)
    if reread is not None and (reread.counted or reread.uncounted or reread.changed):
        print(
            f"Your meetings and e-mails read again: {reread.counted:,} count now, "
            f"{reread.uncounted:,} no longer, {reread.changed:,} with other people in them"
        )
    return 0


def _undo_line(who: str) -> str:
    return f"To undo: netview address {shlex.quote(who)} --detach"


def _cmd_address(args: argparse.Namespace) -> int:
    from netview.cli.common import UsageError
    from netview.services.importing import evidence as ev

    if (args.keep or args.detach) and (args.who is None or args.key is not None):
        flag = "--keep" if args.keep else "--detach"
        raise UsageError(f"netview address ADDRESS {flag}: the address only, no key")
    if args.keep and args.detach:
        raise UsageError("netview address: --keep or --detach, not both")
    with open_db(args, create=False) as db:
        if args.detach:
            gone = ev.detach_address(db, args.who)
            if args.json:
                print_json(asdict(gone))
                return 0
            what = f"your contact {gone.name} is gone" if gone.contact else f"not {gone.name}"
            print(
                f"{gone.who} is {what} now: it waits in {gone.items:,} of your meetings and "
                "e-mails to be attached (netview address)"
            )
            return 0
        if args.keep:
            kept = ev.keep_contact(db, args.who)
            n = len(kept.rows)
            if args.json:
                print_json(
                    {"key": kept.key, "name": kept.name, "items": n, "undo": _undo_line(kept.who)}
                )
                return 0
            print(
                f"{kept.who} is your contact {kept.name} ({kept.key}) now: {n:,} of your "
                "meetings and e-mails count for them; private, never in an export"
            )
            print(_undo_line(kept.who))
            return 0
        if args.who is not None:
            if args.key is None:
                raise UsageError("netview address ADDRESS KEY: give the person's key too")
            done = ev.attach_stranger(db, args.who, args.key)
            if args.json:
                print_json(
                    {
                        "key": done.key,
                        "name": done.name,
                        "items": done.items,
                        "undo": _undo_line(done.who),
                    }
                )
                return 0
            print(
                f"{done.who} is {done.name} now: {done.items:,} of your meetings and e-mails "
                "count for them"
            )
            print(_undo_line(done.who))
            return 0
        rows = ev.strangers(db)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['who']}  {r['name']}  {r['times']} times, last {r['last']}")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from netview.services.analysis.stats import stats
    from netview.services.wording import degree_words, not_connected

    with open_db(args) as db:
        result = stats(db)
    if args.json:
        print_json(result)
        return 0
    me = result["me"]
    print(f"You: {me['name']} ({me['key']})" if me else "No archive imported yet")
    print(f"People: {result['people']}")
    for degree, n in result["by_degree"].items():
        own = result["first_from_evidence"] if degree == "1" else 0
        # "1st degree: 420 (45 of them from your own meetings and e-mails)"
        mine = f" ({own:,} of them from your own meetings and e-mails)" if own else ""
        print(f"  {degree_words(int(degree))}: {n:,}{mine}")
    if result["unconnected"]:
        print(f"  {not_connected(result['unconnected'])}")  # "2 with no path to you"
    for k in ("sources", "messages", "invitations", "endorsements", "recommendations"):
        print(f"{k.capitalize()}: {result[k]}")
    if result["meetings"] or result["emails"]:
        print(f"Meetings: {result['meetings']}")
        print(f"E-mails: {result['emails']}")
        print(f"Contacts (people met or e-mailed): {result['contacts']}")
    return 0
