"""How fast read_archive is next to a bare csv.reader pass over the same bytes.

Generates one large export (Connections.csv + messages.csv in the 2025 layout) in a
temporary folder and prints both timings and their ratio. Run:

    PYTHONPATH=src python benchmarks/read_speed.py [connections] [messages]
"""

from __future__ import annotations

import csv
import io
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from netview.demo.writer import MESSAGES_HEADER
from netview.io.linkedin import read_archive

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FIRST = ["Ann", "Søren", "Zoë", "محمد", "明", "Łukasz", "Thảo", "José", "Renée", "Wei"]
LAST = ["Lee", "Müller", "García", "Ó Súilleabháin", "Nguyen, PhD", "Smith (She/Her)", "Kim"]


def _people(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last.split(',')[0].split(' (')[0]}-{i:x}".lower().replace(" ", "-")
        out.append((first, last, f"https://www.linkedin.com/in/{slug}"))
    return out


def _write(rows: list[list[str]], header: list[str], preamble: str = "") -> bytes:
    buffer = io.StringIO(newline="")
    buffer.write(preamble)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def generate(folder: Path, n_people: int, n_messages: int) -> None:
    rng = random.Random(7)
    people = _people(n_people, rng)
    start = datetime(2015, 1, 1)
    conn_rows = []
    for first, last, url in people:
        d = start + timedelta(days=rng.randrange(4000))
        conn_rows.append(
            [
                first,
                last,
                url,
                "",
                "Acme, Inc.",
                "Engineer",
                f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}",
            ]
        )
    preamble = 'Notes:\n"When exporting your connection data, ..."\n\n'
    header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    (folder / "Connections.csv").write_bytes(_write(conn_rows, header, preamble))
    me = ("Robin", "Quill", "https://www.linkedin.com/in/robin-quill-42")
    msg_rows = []
    for i in range(n_messages):
        first, last, url = people[rng.randrange(n_people)]
        sender, recipient = ((f"{first} {last}", url), (f"{me[0]} {me[1]}", me[2]))
        if i % 2:
            sender, recipient = recipient, sender
        when = start + timedelta(seconds=rng.randrange(300_000_000))
        body = rng.choice(
            [
                "Thanks &amp; see you!",
                "<p>Following up on our chat.</p>",
                "Hi,\n\nLet&#39;s talk.\n",
            ]
        )
        msg_rows.append(
            [
                f"2-{i // 5:016d}==",
                "",
                sender[0],
                sender[1],
                recipient[0],
                recipient[1],
                when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                "",
                body,
                "INBOX",
                "",
                "false",
            ]
        )
    (folder / "messages.csv").write_bytes(_write(msg_rows, list(MESSAGES_HEADER)))


def bare_pass(folder: Path) -> int:
    """The baseline: read the bytes, decode, and walk every row with csv.reader."""
    count = 0
    for name in ("Connections.csv", "messages.csv"):
        text = (folder / name).read_bytes().decode("utf-8")
        for _row in csv.reader(io.StringIO(text, newline="")):
            count += 1
    return count


def best_of(runs: int, fn: object) -> float:
    assert callable(fn)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    n_people = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    n_messages = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "Complete_LinkedInDataExport_11-20-2026"
        folder.mkdir()
        generate(folder, n_people, n_messages)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        contents = read_archive(folder)
        assert len(contents.connections) == n_people and len(contents.messages) == n_messages
        base = best_of(3, lambda: bare_pass(folder))
        ours = best_of(3, lambda: read_archive(folder))
    print(f"export: {n_people} connections, {n_messages} messages, {size:.1f} MB")
    print(f"bare csv.reader pass: {base:8.3f} s")
    print(f"read_archive:         {ours:8.3f} s")
    print(f"ratio:                {ours / base:8.2f} x")


if __name__ == "__main__":
    main()
