"""Seconds from launching the app on an existing database to the first painted map.

Both figures are measured from a fresh Python process, as a user launches the app:

- **app** (warm, the usual launch): a child process imports NetView, makes the main window,
  opens the database the way `netview --db FILE` does and stops at the first paint of the map
  with people on it. The previous launch left the map in the cache
  (netview.services.mapping.mapcache), so it is painted from there while the load runs behind it;
- **app cold**: the same with the cache emptied first (the first launch after a change: the
  model is read and laid out in a worker before anything is painted);
- **baseline**: a child process that only opens the database and calls
  `netview.services.network.load_network` (the bulk read every view starts from).

Each also reports its CPU seconds (all threads), steadier than wall time on a shared
machine. The app's time is broken down into its phases (Python and Qt imports, window, reading and
laying out the map model, painting), to show where it goes. The target is an app start
under 3 s. A database is made with the demo generator (60,000 people) when none is given.

With `--compare SRC` (another version's `src` folder, e.g. `git archive COMMIT | tar -x -C
DIR`) every run of this code is followed by the same run of that one, the order swapped each
time so both see the same load, and that version's figures are printed beside these
(`--compare-db`: a copy of the database for it, when it cannot open one this version
upgraded).

Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 3.0
# The same figures before the start-up work of issue 20 (commit fceb8fd), measured with this
# script on the same machine and 60k demo minutes before the figures in benchmarks/README.md:
# printed beside each figure for comparison (the load_network baseline is of the same run).
BEFORE = {
    "app_first_paint_s": 1.37,
    "app_cold_first_paint_s": 3.38,
    "app_panels_filled_s": 4.36,
    "app_cold_panels_filled_s": 5.79,
    "app_cpu_s": 4.19,
    "app_cold_cpu_s": 4.26,
    "baseline_load_network_process_s": 1.55,
}

APP_CHILD = r"""
import json, sys, time
t0 = float(sys.argv[2])
marks = {}
def mark(name):
    if name not in marks:
        marks[name] = round(time.time() - t0, 3)
from netview.ui.app import make_application, start
app = make_application()
from netview.ui.main_window import MainWindow
from netview.ui.map.canvas import MapCanvas
from netview.ui.settings import Settings
mark("imports")
def finish():
    if "painted" in marks and "panels" in marks:
        marks["cpu"] = round(time.process_time(), 3)
        print(json.dumps(marks), flush=True)
        app.quit()
paint = MapCanvas.paint
def first_paint(self, *args):
    paint(self, *args)
    if len(self.model) and "painted" not in marks:
        mark("painted")
        finish()
MapCanvas.paint = first_paint
window = MainWindow(Settings(sys.argv[3]))
window.resize(1600, 1000)
waiting = set(window.panels)
def filled(name):
    waiting.discard(name)
    if not waiting:
        mark("panels")
        finish()
for name, panel in window.panels.items():
    panel.updated.connect(lambda *_, n=name: filled(n))
window.map_ready.connect(lambda *_: mark("model"))
start(window, sys.argv[1])  # as `netview --db FILE` starts
mark("window")
app.exec()
"""

BASELINE_CHILD = r"""
import json, sys, time
t0 = float(sys.argv[2])
from netview.services.network import load_network
from netview.store.db import open_database
start = time.time()
db = open_database(sys.argv[1])
ln = load_network(db)
end = time.time()
print(json.dumps({"people": int(ln.net.n), "load_network": round(end - start, 3),
                  "total": round(end - t0, 3), "cpu": round(time.process_time(), 3)}), flush=True)
"""


def child(code: str, db: Path, folder: Path, src: str | None = None) -> dict[str, float]:
    env = {
        **os.environ,
        **({"PYTHONPATH": src} if src else {}),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CACHE_HOME": str(folder / "cache"),  # the map cache of this run only
        # Compiled modules kept, as an installed or frozen app has them (a shell with
        # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start).
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, str(db), repr(t0), str(folder / "settings.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"child printed nothing:\n{out.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(lines[-1])
    return figures


def make_database(folder: Path, people: int) -> Path:
    from netview.services.importing.demo import fill_demo
    from netview.store.db import open_database

    path = folder / f"demo-{people}.db"
    db = open_database(str(path))
    try:
        fill_demo(db, people=people)
    finally:
        db.dispose()
    return path


def runs(db: Path, folder: Path, src: str | None = None) -> dict[str, dict[str, float]]:
    """One baseline, one cold start (the map cache emptied) and one start from the cache."""
    folder.mkdir(exist_ok=True)
    base = child(BASELINE_CHILD, db, folder, src)
    shutil.rmtree(folder / "cache", ignore_errors=True)
    cold = child(APP_CHILD, db, folder, src)  # builds the map and caches it
    app = child(APP_CHILD, db, folder, src)  # the next launch: from the cache
    return {"baseline": base, "app_cold": cold, "app": app}


def figures(runs: list[dict[str, dict[str, float]]]) -> dict[str, object]:
    apps = [r["app"] for r in runs]
    colds = [r["app_cold"] for r in runs]
    bases = [r["baseline"] for r in runs]
    app_s = statistics.median(a["painted"] for a in apps)
    cold_s = statistics.median(a["painted"] for a in colds)
    base_s = statistics.median(b["total"] for b in bases)
    keys = ("imports", "window", "model", "panels")
    phases = {k: statistics.median(a[k] for a in apps) for k in keys}
    cold_phases = {k: statistics.median(a[k] for a in colds) for k in keys}
    return {
        "people": bases[0]["people"],
        "app_first_paint_s": round(app_s, 2),
        "app_panels_filled_s": phases["panels"],
        "app_cold_panels_filled_s": cold_phases["panels"],
        "app_phases_s": phases,
        "app_cold_first_paint_s": round(cold_s, 2),
        "app_cold_phases_s": cold_phases,
        "baseline_load_network_process_s": round(base_s, 2),
        "baseline_load_network_call_s": statistics.median(b["load_network"] for b in bases),
        "app/baseline": round(app_s / base_s, 2),
        # CPU seconds of each process (all threads): less swayed by a busy machine.
        "app_cpu_s": statistics.median(a["cpu"] for a in apps),
        "app_cold_cpu_s": statistics.median(a["cpu"] for a in colds),
        "baseline_cpu_s": statistics.median(b["cpu"] for b in bases),
        "runs": {"app": apps, "app_cold": colds, "baseline": bases},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: a 60k demo)")
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", help="another version's src folder, run alternately")
    parser.add_argument("--compare-db", type=Path, help="its database (default: --db)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or make_database(folder, args.people)
        here = os.environ.get("PYTHONPATH") or str(Path(__file__).parent.parent / "src")
        ours: list[dict[str, dict[str, float]]] = []
        theirs: list[dict[str, dict[str, float]]] = []
        for k in range(args.repeat):
            if args.compare and k % 2:
                theirs.append(runs(args.compare_db or db, folder / "compare", args.compare))
            ours.append(runs(db, folder / "this", here))
            if args.compare and not k % 2:
                theirs.append(runs(args.compare_db or db, folder / "compare", args.compare))
    result = figures(ours)
    result.update({"target_s": TARGET_S, "before_fceb8fd": BEFORE})
    if theirs:
        result["compare"] = {"src": args.compare, **figures(theirs)}
    print(json.dumps(result))
    return 0 if float(result["app_first_paint_s"]) <= TARGET_S else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
