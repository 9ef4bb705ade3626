"""Peak memory of importing one very large Connections.csv, next to a bare baseline.

Generates, in a temporary folder, an export zip holding one Connections.csv of --rows rows
(default 1.9 million: about 200 MB, 33 MB zipped, in the 2024 format with URLs and the
"Notes:" preamble), then runs, each in a fresh child process so that its peak is its own:

  python    the interpreter importing NetView's import code and doing nothing else
  baseline  the csv module iterating the same zip member, streamed (the floor of reading it)
  import    `netview import` of the zip into a fresh SQLite file

and prints each one's peak resident memory (ru_maxrss) and time, and import/baseline.
Target: the import's peak stays bounded by a constant, at most 500 MB for the 200 MB file.

    PYTHONPATH=src python benchmarks/import_memory.py [--rows 1900000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

TARGET_MB = 500.0

_FIRST = "Anna Ben Chloe Dara Emil Fatima Goran Hana Ivo Jana Kofi Lena Mateo Nia Omar Pia"
_LAST = "Berg Costa Dias Evans Fischer Garcia Haddad Ito Jovanovic Kim Lund Meyer Novak"
_COMPANIES = "Acme Globex Initech Umbrella Hooli Stark Wayne Wonka Tyrell Cyberdyne"
_TITLES = ["Engineer", "Senior Engineer", "Product Manager", "Designer", "Head of Sales"]
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"

# The preamble LinkedIn has written above the header since 2020.
_NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\r\n\r\n'
)
_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"

# The child processes: each prints nothing but what it was asked for; the parent reads its
# peak from wait4.
_PYTHON = "import netview.services.importing.importer"
_BASELINE = """
import csv, io, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zf, zf.open("Connections.csv") as raw:
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    print(sum(1 for _ in csv.reader(text)))
"""


def write_export(folder: Path, rows: int, seed: int) -> Path:
    """An export zip with one Connections.csv of `rows` distinct connections."""
    rnd = random.Random(seed)
    firsts, lasts = _FIRST.split(" "), _LAST.split(" ")
    companies, months = _COMPANIES.split(" "), _MONTHS.split(" ")
    path = folder / "me__Complete_LinkedInDataExport_11-20-2026.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        member.write((_NOTES + _HEADER).encode())
        batch: list[str] = []
        for n in range(rows):
            first, last = rnd.choice(firsts), rnd.choice(lasts)
            slug = f"{first}-{last}-{n:x}".lower()
            email = f"{slug}@example.com" if n % 7 == 0 else ""
            day = f"{rnd.randint(1, 28):02d} {rnd.choice(months)} {rnd.randint(2008, 2026)}"
            batch.append(
                f"{first},{last},https://www.linkedin.com/in/{slug},{email},"
                f"{rnd.choice(companies)},{rnd.choice(_TITLES)},{day}\r\n"
            )
            if len(batch) == 10_000:
                member.write("".join(batch).encode())
                batch.clear()
        member.write("".join(batch).encode())
    return path


def _run(args: list[str]) -> tuple[float, float, str]:
    """(peak resident MB, wall seconds, stdout) of a child process running `args`."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    out = child.stdout.read()
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{args[1:3]} failed: {err.decode(errors='replace').strip()}")
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return peak_mb, seconds, out.decode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_900_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="netview-mem-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        archive = folder / "me__Complete_LinkedInDataExport_11-20-2026.zip"
        if not archive.exists():
            archive = write_export(folder, args.rows, args.seed)
        with zipfile.ZipFile(archive) as zf:
            info = zf.getinfo("Connections.csv")
        print(
            f"Connections.csv: {args.rows:,} rows, {info.file_size / 1e6:.0f} MB "
            f"({info.compress_size / 1e6:.0f} MB zipped), made in "
            f"{time.perf_counter() - start:.0f} s"
        )
        py = sys.executable
        floor_mb, _s, _out = _run([py, "-c", _PYTHON])
        print(f"python + NetView's import modules: peak {floor_mb:7.0f} MB")
        base_mb, base_s, counted = _run([py, "-c", _BASELINE, str(archive)])
        print(
            f"baseline (csv iterating the member): peak {base_mb:7.0f} MB  {base_s:6.1f} s  "
            f"({int(counted):,} records)"
        )
        db = folder / "import.db"
        db.unlink(missing_ok=True)
        cli = [py, "-m", "netview", "--db", str(db), "import", str(archive)]
        mb, seconds, _out = _run(cli)
        print(f"netview import:                      peak {mb:7.0f} MB  {seconds:6.1f} s")
        print(
            f"import/baseline: memory {mb / base_mb:.1f}x, time {seconds / base_s:.1f}x; "
            f"peak {mb:.0f} MB (target <= {TARGET_MB:.0f} MB): "
            + ("ok" if mb <= TARGET_MB else "OVER TARGET")
        )
        return 0 if mb <= TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
