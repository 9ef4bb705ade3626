"""The same seed gives the same demo network: files, row counts and bytes, as recorded."""

from __future__ import annotations

import json

from tests.demo.snapshot import CASES, SNAPSHOT, snapshot


def test_the_demo_generator_makes_what_it_made_before_it_moved() -> None:
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    now = snapshot()
    assert list(now) == [f"{p} people, seed {s}" for p, s in CASES] == list(recorded)
    for case, archives in recorded.items():
        assert [a["name"] for a in now[case]] == [a["name"] for a in archives], case
        for got, want in zip(now[case], archives, strict=True):
            assert got["rows"] == want["rows"], (case, want["name"])
            assert got["sha256"] == want["sha256"], (case, want["name"])
