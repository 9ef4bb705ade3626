"""NetView never opens a network connection: import, analytics, render and export run with
every socket constructor made to fail."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from tests.services.conftest import sample_zips

from netview.cli import main


class NoNetwork(AssertionError):
    pass


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NoNetwork(f"a socket was opened: {args!r}")

    class Refused(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse(*args)

    monkeypatch.setattr(socket, "socket", Refused)
    for name in ("create_connection", "create_server", "socketpair", "getaddrinfo", "fromfd"):
        monkeypatch.setattr(socket, name, refuse)


def test_every_job_runs_without_a_socket(no_sockets: None, tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "net.db")

    def run(*args: str | Path) -> None:
        assert main(["--db", db, *map(str, args)]) == 0, args

    run("import", *sample_zips("network-2024"))
    run("stats", "--json")
    run("render", "-o", tmp_path / "map.png", "--size", "320x200")
    for fmt in ("csv", "graphml", "gexf", "json", "ics", "png", "svg"):
        run("export", fmt, "-o", tmp_path / f"out.{fmt}", "--size", "320x200")
    run("export", "csv", "-o", tmp_path / "anon.csv", "--anonymize")
    run("import", tmp_path / "out.graphml")
    run("forget", "out.graphml")
    with pytest.raises(NoNetwork):
        socket.create_connection(("localhost", 9))  # the guard itself works
