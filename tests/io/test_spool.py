"""A spool keeps its first records in memory and the rest in a temporary file, and gives
them back in order, as often as asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netview.core.records import Connection
from netview.io import spool
from netview.io.linkedin.archive import read_archive
from netview.io.spool import Spool

SAMPLES = Path(__file__).parents[1] / "fixtures" / "samples"


def _rows(n: int) -> list[Connection]:
    return [
        Connection(i, f"First{i}", "Last", f"https://www.linkedin.com/in/p{i}", None, "Acme",
                   None, date(2020, 1, 1 + i % 28) if i % 3 else None)
        for i in range(n)
    ]  # fmt: skip


def test_a_spool_gives_back_what_it_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "BLOCK", 4)
    rows = _rows(23)
    s = Spool(Connection, keep=5)
    s.extend(rows)
    assert s.spilled
    assert len(s) == 23
    assert list(s) == rows
    assert list(s) == rows  # walked again, from the file again
    assert s == rows
    assert s[0] == rows[0] and s[17] == rows[17] and s[-1] == rows[-1]
    assert list(s[3:9]) == rows[3:9]
    assert [len(b) for b in s.blocks()] == [5, 4, 4, 4, 4, 2]
    with pytest.raises(IndexError):
        s[23]


def test_a_short_spool_stays_in_memory() -> None:
    s = Spool(Connection, keep=50)
    s.extend(_rows(10))
    assert not s.spilled
    assert list(s) == _rows(10)


def test_an_archive_read_through_the_spool_gives_the_same_connections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = SAMPLES / "network-2024" / "me__Complete_LinkedInDataExport_11-20-2026.zip"
    whole = read_archive(archive)
    monkeypatch.setattr(spool, "KEEP", 3)
    monkeypatch.setattr(spool, "BLOCK", 7)
    spooled = read_archive(archive)
    assert isinstance(spooled.connections, Spool) and spooled.connections.spilled
    assert len(whole.connections) > 20
    assert list(spooled.connections) == list(whole.connections)
    assert spooled.files == whole.files
    assert spooled.content_hash == whole.content_hash
