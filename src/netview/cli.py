"""The command line: every job of the app, for users, tests and benchmarks."""

from __future__ import annotations

import argparse
import sys

from netview import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="netview", description=__doc__)
    parser.add_argument("--version", action="version", version=f"netview {__version__}")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: $NETVIEW_DB)")
    parser.add_argument("--demo", action="store_true", help="open the app on a demo network")
    commands = parser.add_subparsers(dest="command")
    render = commands.add_parser("render", help="draw the network map to a PNG or SVG file")
    render.add_argument("--db", dest="render_db", help="database (as the global --db)")
    render.add_argument("-o", "--output", help="FILE.png or FILE.svg")
    render.add_argument("--size", default="1600x1000", help="WIDTHxHEIGHT in pixels")
    render.add_argument("--theme", choices=("light", "dark"), default="light")
    render.add_argument("--pan-frames", type=int, default=0, help="time N pan frames offscreen")
    render.add_argument("--json", action="store_true", help="print the timings as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from netview.ui.app import run  # Qt only when the window is wanted

        return run(args.db, demo=args.demo)
    if args.command == "render":
        from netview.ui.map.render import render_command

        return render_command(
            args.render_db or args.db,
            args.output,
            args.size,
            args.theme,
            args.pan_frames,
            args.json,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
