"""Peak memory and time of reading one big calendar, in batches and as one whole file.

Generates an .ics of --events single meetings (each with an organizer and two attendees,
about 285 bytes an event) plus a weekly series with an override, then reads it with
`netview.io.evidence.calendar.read_calendar`, each run in a fresh child process so its
peak is its own:

  whole    the file parsed at once by icalendar (BATCH set above the event count: how
           every calendar was read before, and still how one of up to BATCH events is)
  batches  BATCH events at a time (the default for a bigger file)

and prints each one's peak resident memory (ru_maxrss), peak traced Python memory,
seconds, and batches/whole. Both must find the same meetings (checked).

    PYTHONPATH=src python benchmarks/calendar_memory.py [--events 100000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time, tracemalloc, zlib
from datetime import UTC, datetime
from netview.io.evidence import calendar as cal
path, batch = sys.argv[1], int(sys.argv[2])
if batch:
    cal.BATCH = batch
tracemalloc.start()
t = time.perf_counter()
ev = cal.read_calendar(path, now=datetime(2026, 12, 1, tzinfo=UTC))
seconds = time.perf_counter() - t
traced = tracemalloc.get_traced_memory()[1]
print(json.dumps({
    "meetings": len(ev.meetings),
    "keys": zlib.crc32("\n".join(sorted(f"{m.key} {m.start}" for m in ev.meetings)).encode()),
    "seconds": seconds,
    "traced_mb": traced / 2**20,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def make_calendar(path: Path, events: int) -> None:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    lines += [
        "BEGIN:VEVENT",
        "UID:weekly@bench",
        "DTSTART:20250106T090000Z",
        "RRULE:FREQ=WEEKLY",
        "END:VEVENT",
    ]
    for i in range(events):
        day = f"2025{(i // 28) % 12 + 1:02d}{i % 28 + 1:02d}T{i % 10 + 8:02d}0000Z"
        lines += [
            "BEGIN:VEVENT",
            f"UID:e{i}@bench",
            f"DTSTART:{day}",
            "ORGANIZER;CN=Me:mailto:me@bench.example",
            f"ATTENDEE;CN=Person {i % 500};PARTSTAT=ACCEPTED:mailto:p{i % 500}@bench.example",
            f"ATTENDEE;CN=Other {i % 300};PARTSTAT=ACCEPTED:mailto:o{i % 300}@bench.example",
            "END:VEVENT",
        ]
    lines += [
        "BEGIN:VEVENT",
        "UID:weekly@bench",
        "RECURRENCE-ID:20250113T090000Z",
        "DTSTART:20250114T100000Z",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def run(path: Path, batch: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(batch)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.ics"
        make_calendar(path, args.events)
        print(f"{args.events:,} events, {path.stat().st_size / 2**20:.1f} MB")
        whole = run(path, args.events + 10)
        batches = run(path, 0)
    assert (whole["meetings"], whole["keys"]) == (batches["meetings"], batches["keys"])
    for name, r in (("whole", whole), ("batches", batches)):
        print(
            f"  {name:8s} {r['meetings']:,} meetings  rss {r['rss_mb']:7.0f} MB  "
            f"traced {r['traced_mb']:6.0f} MB  {r['seconds']:6.1f} s"
        )
    print(
        f"  batches/whole: rss {batches['rss_mb'] / whole['rss_mb']:.2f}  "
        f"traced {batches['traced_mb'] / whole['traced_mb']:.2f}  "
        f"time {batches['seconds'] / whole['seconds']:.2f}"
    )


if __name__ == "__main__":
    main()
