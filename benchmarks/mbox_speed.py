"""How fast NetView reads a mailbox, next to the standard library measured in the same run.

Writes an invented mbox of --messages messages (Takeout-like: Received chains, encoded
names, folded address lists, X-Gmail-Labels, bodies of 0.2-8 KB with ">From" lines) into a
temporary folder, then times, --repeat times each and alternating, in a fresh child process
(so that each peak memory is its own):

  netview   netview.io.evidence.mailbox.read_mailbox, hashing the file and walking every
            Mail (addresses, names, dates, flags)
  baseline  the standard library's mailbox.mbox, iterated, reading each message's From

and prints the medians, their ratio and NetView's peak memory (max RSS of its process).
Targets: netview <= 3x baseline, peak memory < 500 MB. Exits 1 when one is missed.

    PYTHONPATH=src python benchmarks/mbox_speed.py [--messages 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from email.header import Header
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import in_child, medians, report

TARGET_RATIO = 3.0
TARGET_MB = 500
NAMES = ["Ana Lima", "Björn Hernández", "明 Schröder", "Chloé Müller", "Sam Chen", "Łukasz Taylor"]
WORDS = [
    "the",
    "notes",
    "from",
    "our",
    "meeting",
    "next",
    "week",
    "see",
    "you",
    "soon",
    "budget",
    "plan",
    "review",
]


def _address(rng: random.Random, n: int) -> str:
    name = rng.choice(NAMES)
    encoded = Header(name, "utf-8").encode() if not name.isascii() else f'"{name}"'
    return f"{encoded} <p{n}@example{n % 97}.example>"


def write_mbox(path: Path, messages: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for n in range(messages):
            to = ",\n ".join(_address(rng, rng.randrange(5000)) for _ in range(rng.randint(1, 6)))
            received = "".join(
                f"Received: from mx{i}.example (mx{i}.example [10.0.0.{i}])\n"
                f"\tby relay.example with ESMTPS id {rng.getrandbits(64):x}\n"
                for i in range(rng.randint(2, 6))
            )
            body_lines = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14)))
                for _ in range(rng.randint(3, 100))
            ]
            if n % 10 == 0:
                body_lines.insert(1, ">From the archive: an escaped line")
            f.write(
                f"From {n}@xxx Mon Nov 30 10:00:00 2026\n"
                f"X-GM-THRID: {rng.getrandbits(60)}\n"
                f"X-Gmail-Labels: Inbox,Category {n % 5},Opened\n"
                f"{received}"
                f"Message-ID: <{n}.{rng.getrandbits(32):x}@mail.example>\n"
                f"Date: Mon, {1 + n % 28} Nov 2026 10:{n % 60:02d}:00 +0100\n"
                f"From: {_address(rng, n)}\n"
                f"To: {to}\n"
                + (f"Cc: {_address(rng, n + 1)}\n" if n % 3 == 0 else "")
                + ("List-Id: <news.example>\nPrecedence: list\n" if n % 7 == 0 else "")
                + f"Subject: {' '.join(rng.choice(WORDS) for _ in range(5))}\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                + "\n".join(body_lines)
                + "\n\n"
            )
    return path.stat().st_size


def stdlib_messages(path: str) -> tuple[int, int]:
    """The baseline: the standard library's mailbox.mbox iterated, each message's From read;
    (messages, messages without a From)."""
    import mailbox

    count = skipped = 0
    for message in mailbox.mbox(path):
        count += 1
        if message["From"] is None:
            skipped += 1
    return count, skipped


def child(which: str, path: str) -> None:
    start = time.perf_counter()
    if which == "netview":
        from netview.io.evidence.mailbox import read_mailbox

        ev = read_mailbox(path)
        count = sum(1 for _ in ev.mails)
        skipped = len(ev.skipped)
    else:
        count, skipped = stdlib_messages(path)
    report(start, count=count, skipped=skipped)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("WHICH", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Takeout.mbox"
        start = time.perf_counter()
        size = write_mbox(path, args.messages)
        print(
            f"mbox: {args.messages:,} messages, {size / 2**20:.0f} MB, written in "
            f"{time.perf_counter() - start:.1f} s"
        )
        ours: list[dict[str, float]] = []
        base: list[dict[str, float]] = []
        for i in range(args.repeat):
            base.append(in_child(__file__, "baseline", str(path)))
            ours.append(in_child(__file__, "netview", str(path)))
            print(
                f"  run {i + 1}: netview {ours[-1]['seconds']:.2f} s ({ours[-1]['mb']:.0f} MB), "
                f"baseline {base[-1]['seconds']:.2f} s ({base[-1]['mb']:.0f} MB)"
            )
    if ours[0]["count"] != base[0]["count"]:
        print(f"messages read differ: netview {ours[0]['count']}, baseline {base[0]['count']}")
        return 1
    m = medians(ours, base)
    print(f"netview   median {m.ours:8.2f} s   ({args.messages / m.ours:,.0f} messages/s)")
    print(f"baseline  median {m.base:8.2f} s   (mailbox.mbox, each From header)")
    print(f"ratio     netview/baseline {m.ratio:.2f}x (target <= {TARGET_RATIO:.0f}x)")
    print(
        f"memory    netview peak {m.peak_mb:.0f} MB (target < {TARGET_MB} MB), "
        f"baseline peak {m.base_peak_mb:.0f} MB"
    )
    return 0 if m.ratio <= TARGET_RATIO and m.peak_mb < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
