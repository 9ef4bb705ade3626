"""How the benchmarks time things: medians, as the machine is shared, not minima.

In the same process, `timed` gives the median wall time of a few runs and `row` prints it
beside the baseline measured in the same run. Where peak memory matters, each run goes in
a child process of its own: a benchmark re-runs its own script with `--child ...`
(`in_child`); the child does the work and `report`s its seconds, its peak memory (max RSS)
and whatever it counted as one JSON line, which the parent reads back; `medians` then sets
the runs of the code measured beside those of the baseline.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median wall time of `repeat` runs of `fn`, and what its last run returned."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def row(what: str, ours: float, base: float, base_name: str, width: int = 11) -> None:
    """One figure next to its baseline, in milliseconds, with their ratio."""
    print(
        f"  {what:{width}} {ours * 1000:9.1f} ms   baseline {base * 1000:9.1f} ms"
        f"   ratio {ours / max(base, 1e-9):6.2f}  ({base_name})"
    )


def report(start: float, **counts: Any) -> None:
    """In the child: the seconds since `start` (perf_counter), peak memory and `counts`."""
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "mb": peak_mb, **counts}))


def over_sizes(
    run: Callable[[int], None], default: list[int], missed: list[str], doc: str | None
) -> None:
    """The command line of a benchmark over network sizes: `run(n)` for each `--sizes N`
    (else `default`), then every target `missed`; exits 1 when one was."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--sizes", type=int, nargs="+", default=default)
    for n in parser.parse_args().sizes:
        run(n)
    for m in missed:
        print(f"target missed: {m}")
    sys.exit(1 if missed else 0)


def in_child(script: str, *args: str) -> dict[str, float]:
    """Run `script --child ARGS...` in a fresh interpreter; what its `report` printed."""
    out = subprocess.run(
        [sys.executable, script, "--child", *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


@dataclass(frozen=True)
class Medians:
    ours: float  # median seconds of the code measured
    base: float  # median seconds of the baseline
    peak_mb: float  # the highest peak memory of the code measured
    base_peak_mb: float

    @property
    def ratio(self) -> float:
        return self.ours / self.base


def medians(ours: list[dict[str, float]], base: list[dict[str, float]]) -> Medians:
    return Medians(
        statistics.median(r["seconds"] for r in ours),
        statistics.median(r["seconds"] for r in base),
        max(r["mb"] for r in ours),
        max(r["mb"] for r in base),
    )
