"""`export` to files for other tools or people, and `restore` of a JSON backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from netview.cli.common import Subparsers, open_db, output_file, picture_size
from netview.io import formats


def register(sub: Subparsers) -> None:
    names = [f.name for f in formats.exported()]
    p = sub.add_parser("export", help=f"export the network: {', '.join(names)}")
    p.add_argument("format", choices=names, metavar="FORMAT")
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.add_argument("--group", metavar="G", help="only the members of group G (and you)")
    p.add_argument("--degree", type=int, metavar="N", help="only people within N steps of you")
    p.add_argument(
        "--anonymize", action="store_true", help="pseudonyms for names, URLs, e-mails, companies"
    )
    p.add_argument(
        "--size", type=picture_size, default="1600x1000", help="png/svg: WIDTHxHEIGHT (1600x1000)"
    )
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="png/svg theme")
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser("restore", help="restore a JSON backup into an empty database")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_cmd_restore)


def _cmd_export(args: argparse.Namespace) -> int:
    from netview.services.sharing.export import PICTURES, Selection, export, picture_model

    selection = Selection(args.group, args.degree, args.anonymize)
    out = Path(args.output)
    if args.format in PICTURES and out.suffix.lower() != f".{args.format}" and not out.is_dir():
        out = out.with_name(out.name + f".{args.format}")
    output_file(out)
    with open_db(args) as db:
        if args.format in PICTURES:
            from netview.ui.map.render import render_file  # Qt only for pictures

            model = picture_model(db, selection)
            render_file(model, out, args.size, args.theme)
            print(f"Exported {out}: {int(model.visible.sum())} people, {len(model.edges)} ties")
            return 0
        result = export(db, args.format, args.output, **vars(selection))
    extra = f", {result.events} calendar events" if args.format == "ics" else ""
    print(f"Exported {result.path}: {result.people} people, {result.ties} ties{extra}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from netview.services.sharing.restore import restore

    with open_db(args, create=True) as db:
        counts = restore(db, args.file)
    print(f"Restored {args.file}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    return 0
