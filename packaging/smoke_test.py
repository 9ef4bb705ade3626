"""Run a built NetView headless once before it is packaged: does the frozen app actually work?

    python packaging/smoke_test.py dist/netview/netview            # Linux
    python packaging/smoke_test.py dist/netview/netview-cli.exe    # Windows (console twin)
    python packaging/smoke_test.py dist/NetView.app/Contents/MacOS/netview

Checks, on a fresh database in a temporary folder (home and data folders redirected there too):
`--version` prints the expected version; the launcher's self-test applies the migrations and
loads the window icon and Qt; then `demo` fills the database and `render -o map.png` writes
a real PNG (not an empty image). Standard library only,
so it runs with any Python on the build machine. Exit status 0 = all checks passed.
"""

from __future__ import annotations

import argparse
import ast
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 300
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A drawn map has antialiased edges and several colours; a blank or failed render has a
# handful of distinct byte values at most (filter bytes plus one colour).
MIN_DISTINCT_BYTES = 16
SELFTEST_ENV = "NETVIEW_BUNDLE_SELFTEST"  # see packaging/pyinstaller/launcher.py


class SmokeFailure(Exception):
    pass


@dataclass
class Report:
    passed: list[str] = field(default_factory=list)


def expected_version() -> str:
    """netview.__version__ of the sources next to this script."""
    tree = ast.parse((ROOT / "src" / "netview" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise SmokeFailure("no __version__ in src/netview/__init__.py")


def isolated_env(home: Path) -> dict[str, str]:
    """Environment that keeps the app off the build machine's own files and display."""
    env = dict(os.environ)
    env.pop("NETVIEW_DB", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(home)
    env["USERPROFILE"] = str(home)
    env["APPDATA"] = str(home / "AppData" / "Roaming")
    env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    return env


def run(cmd: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    shown = " ".join(cmd)
    print(f"$ {shown}", flush=True)
    try:
        done = subprocess.run(
            list(cmd), env=env, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{shown}: no exit after {TIMEOUT_S} s") from exc
    output = (done.stdout or "") + (done.stderr or "")
    if output.strip():
        print(output.rstrip())
    if done.returncode != 0:
        raise SmokeFailure(f"{shown}: exit status {done.returncode}")
    return output


def check_png(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG that has real content; raises SmokeFailure otherwise."""
    if not path.is_file():
        raise SmokeFailure(f"{path}: not written")
    data = path.read_bytes()
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise SmokeFailure(f"{path}: not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise SmokeFailure(f"{path}: empty image ({width}x{height})")
    pos, idat = 8, bytearray()
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    try:
        pixels = zlib.decompress(bytes(idat))
    except zlib.error as exc:
        raise SmokeFailure(f"{path}: corrupt image data ({exc})") from exc
    distinct = len(set(pixels))
    if distinct < MIN_DISTINCT_BYTES:
        raise SmokeFailure(f"{path}: looks blank ({distinct} distinct byte values)")
    return width, height


def smoke(cmd: Sequence[str], version: str) -> Report:
    """Run the checks against `cmd` (the frozen binary, or e.g. [python, -m, netview])."""
    report = Report()
    with tempfile.TemporaryDirectory(prefix="netview-smoke-") as tmp:
        work = Path(tmp)
        home = work / "home"
        home.mkdir()
        env = isolated_env(home)

        out = run([*cmd, "--version"], env, work)
        if version not in out:
            raise SmokeFailure(f"--version printed {out.strip()!r}, expected {version}")
        report.passed.append(f"--version ({version})")

        # The launcher's self-test: migrations, package data and Qt, whatever the CLI offers.
        selftest_env = dict(env, **{SELFTEST_ENV: str(work / "selftest.db")})
        out = run(list(cmd), selftest_env, work)
        if "migrations applied" not in out:
            raise SmokeFailure("the bundle's self-test did not run (not built from launcher.py?)")
        report.passed.append("self-test (migrations on a fresh database, window icon, Qt)")

        db = work / "smoke.db"
        png = work / "map.png"
        run([*cmd, "--db", str(db), "demo"], env, work)
        if not db.is_file():
            raise SmokeFailure(f"demo did not create the database {db}")
        report.passed.append("demo (fresh database, migrations applied)")
        run([*cmd, "--db", str(db), "render", "-o", str(png)], env, work)
        width, height = check_png(png)
        report.passed.append(f"render -o map.png ({width}x{height}, {png.stat().st_size} bytes)")
    return report


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", type=Path, help="the frozen netview executable")
    parser.add_argument("--version", dest="version", default=None, help="expected version")
    args = parser.parse_args(argv)
    binary = args.binary.resolve()
    if not binary.is_file():
        print(f"smoke test: {binary} does not exist (build it first)", file=sys.stderr)
        return 2
    try:
        version = args.version or expected_version()
        report = smoke([str(binary)], version)
    except SmokeFailure as exc:
        print(f"smoke test FAILED: {exc}", file=sys.stderr)
        return 1
    for line in report.passed:
        print(f"ok    {line}")
    size = folder_size(binary.parent.parent if binary.parent.name == "MacOS" else binary.parent)
    print(f"bundle size: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
