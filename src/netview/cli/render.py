"""`render`: the map drawn headless to a picture file (Qt is imported only here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from netview.cli.common import Subparsers, UsageError, open_db, output_file, picture_size


def register(sub: Subparsers) -> None:
    p = sub.add_parser("render", help="draw the network map to a PNG or SVG file, headless")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.png or FILE.svg")
    p.add_argument(
        "--size", type=picture_size, default="1600x1000", help="WIDTHxHEIGHT in pixels (1600x1000)"
    )
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.add_argument("--pan-frames", type=int, default=0, metavar="N", help="time N pan frames")
    p.add_argument(
        "--json",
        action="store_true",
        help="print what the picture shows as JSON (and the pan timings)",
    )
    p.set_defaults(handler=_cmd_render)


def _cmd_render(args: argparse.Namespace) -> int:
    if not args.output and args.pan_frames <= 0:
        raise UsageError("render: give -o FILE.png|FILE.svg and/or --pan-frames N")
    if args.output:
        if Path(args.output).suffix.lower() not in (".png", ".svg"):
            raise UsageError(f"render: {args.output}: the file must end in .png or .svg")
        output_file(Path(args.output))
    with open_db(args):  # refuses a missing or unusable database before Qt starts
        pass
    from netview.ui.map.render import render_command  # Qt only for this command

    size = "x".join(map(str, args.size))
    return render_command(args.db, args.output, size, args.theme, args.pan_frames, args.json)
