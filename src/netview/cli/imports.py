"""`import` of archives and files, and `stats` on what they brought."""

from __future__ import annotations

import argparse

from netview.cli.common import Subparsers, counted, open_db, print_json


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "import", help="import LinkedIn exports (zip, folder or CSV), GraphML, GEXF or edge lists"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--owner-url", help="profile URL of the archive's owner, when it cannot be told")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.add_argument(
        "--supersede",
        action="store_true",
        help="let a newer archive that looks older replace its owner's current connections",
    )
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("stats", help="counts of people, degrees, sources and interactions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_stats)


def _cmd_import(args: argparse.Namespace) -> int:
    from netview.services.importer import import_paths

    with open_db(args, create=True) as db:
        reports = import_paths(db, args.paths, owner_url=args.owner_url, supersede=args.supersede)
    if args.json:
        print_json([r.to_dict() for r in reports])
        return 0
    for r in reports:
        if r.status == "unchanged":
            print(f"{r.archive}: already imported, nothing changed")
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


def _cmd_stats(args: argparse.Namespace) -> int:
    from netview.services.stats import stats

    with open_db(args) as db:
        result = stats(db)
    if args.json:
        print_json(result)
        return 0
    me = result["me"]
    print(f"You: {me['name']} ({me['key']})" if me else "No archive imported yet")
    print(f"People: {result['people']}")
    for degree, n in result["by_degree"].items():
        print(f"  degree {degree}: {n}")
    if result["unconnected"]:
        print(f"  not connected: {result['unconnected']}")
    for k in ("sources", "messages", "invitations", "endorsements", "recommendations"):
        print(f"{k.capitalize()}: {result[k]}")
    return 0
