"""`render`: the map drawn headless to a picture file (Qt is imported only here)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("render", help="draw the network map to a PNG or SVG file, headless")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.png or FILE.svg")
    p.add_argument("--size", default="1600x1000", help="WIDTHxHEIGHT in pixels (1600x1000)")
    p.add_argument("--theme", choices=("light", "dark"), default="light")
    p.add_argument("--pan-frames", type=int, default=0, metavar="N", help="time N pan frames")
    p.add_argument("--json", action="store_true", help="print the pan timings as JSON")
    p.set_defaults(handler=_cmd_render)


def _cmd_render(args: argparse.Namespace) -> int:
    from netview.ui.map.render import render_command  # Qt only for this command

    return render_command(args.db, args.output, args.size, args.theme, args.pan_frames, args.json)
