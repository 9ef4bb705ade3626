"""The command line takes a member's password from the operating system's keyring, where
the app keeps it, when the URL has none and libpq finds none; a keyring that is missing,
locked or stuck means no password, never a hang or a traceback."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from sqlalchemy import make_url
from tests.pgserver import PgServer
from tests.services.test_team import LOGINS, PASSWORD, _run

from netview.store import keyring_passwords

WRONG = "not-the-password-9"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in memory that counts how often it is asked."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}
        self.asked = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.asked += 1
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")


class StuckKeyring(MemoryKeyring):
    """A keyring that never answers (a D-Bus service that hangs), until the test ends."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait()
        return PASSWORD


@pytest.fixture
def member_url(pg_server: PgServer) -> Iterator[str]:
    """Robin's URL on a team database, without the password."""
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert _run("team", "init", "--db", admin)[0] == 0
    status, _, err = _run(
        "team", "add-member", "--login", "robin", "--profile-url",
        f"https://www.linkedin.com/in/{LOGINS['robin']}/", "--password-stdin",
        "--db", admin, stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert status == 0, err
    yield pg_server.url(database, "robin")
    pg_server.drop_database(database)


@pytest.fixture(autouse=True)
def _no_libpq_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def _ring(kind: type[MemoryKeyring], url: str, password: str = PASSWORD) -> MemoryKeyring:
    ring = kind()
    keyring.set_keyring(ring)
    ring.set_password(keyring_passwords.SERVICE, keyring_passwords.account(make_url(url)), password)
    return ring


def test_the_command_line_takes_the_apps_password_from_the_keyring(
    member_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    ring = _ring(MemoryKeyring, member_url)
    caplog.set_level(logging.DEBUG)
    status, out, err = _run("--db", member_url, "stats")
    assert status == 0, err
    assert LOGINS["robin"] in out and ring.asked >= 1
    assert PASSWORD not in out + err + caplog.text


def test_libpqs_own_password_wins_over_the_keyring(
    member_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ring = _ring(MemoryKeyring, member_url, WRONG)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:robin:{PASSWORD}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    status, _, err = _run("--db", member_url, "stats")
    assert status == 0, err
    assert ring.asked == 0
    # PGPASSWORD too, even a wrong one: libpq reports it, the keyring is not asked.
    monkeypatch.setenv("PGPASSWORD", WRONG)
    status, _, err = _run("--db", member_url, "stats")
    assert status == 1 and err.count("\n") == 1 and "password authentication failed" in err
    assert ring.asked == 0 and WRONG not in err


@pytest.mark.parametrize("kind", [MemoryKeyring, LockedKeyring, StuckKeyring])
def test_no_password_from_the_keyring_is_one_line(
    member_url: str,
    kind: type[MemoryKeyring],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(keyring_passwords, "KEYRING_WAIT_S", 0.2)
    caplog.set_level(logging.INFO)
    ring = kind()
    keyring.set_keyring(ring)
    try:
        status, out, err = _run("--db", member_url, "stats")
    finally:
        if isinstance(ring, StuckKeyring):
            ring.release.set()
    assert status == 1 and not out and err.count("\n") == 1, err
    assert "no password supplied" in err and "Traceback" not in err
    if kind is not MemoryKeyring:
        assert "keyring" in caplog.text
