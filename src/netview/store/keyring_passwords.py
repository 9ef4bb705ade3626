"""Team database passwords in the operating system's keyring (the `keyring` package).

One place for the keyring entry's service name and account (login@host:port/database), so
the app, which keeps a password there (File > Open Team Database…), and the command line,
which reads it back, agree. Every keyring call is fail-safe: no backend, a locked keyring,
no D-Bus, or a backend that does not answer (it runs in a helper thread that is given
KEYRING_WAIT_S) all mean "no password from the keyring", logged in one line that never
holds the password.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import URL

log = logging.getLogger(__name__)

SERVICE = "NetView team database"
# A keyring that has not answered by then (a prompt nobody sees, a stuck D-Bus) will not.
KEYRING_WAIT_S = 10.0

T = TypeVar("T")


def account(url: URL) -> str:
    """The keyring's user name for a database: login@host:port/database."""
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def _within_wait(call: Callable[[], T], what: str) -> tuple[bool, T | None]:
    """(done, result) of `call` run in a daemon thread, waiting at most KEYRING_WAIT_S."""
    box: list[T] = []
    failed: list[str] = []

    def run() -> None:
        try:
            box.append(call())
        except Exception as exc:  # any backend's failure: NoKeyringError, KeyringLocked, D-Bus…
            failed.append(type(exc).__name__)

    worker = threading.Thread(target=run, name="netview-keyring", daemon=True)
    worker.start()
    worker.join(KEYRING_WAIT_S)
    if worker.is_alive():
        log.warning("the keyring did not answer within %.0f s (%s)", KEYRING_WAIT_S, what)
        return False, None
    if failed:
        # The exception's class only: a backend's message could quote what it was given.
        log.info("the keyring could not %s (%s)", what, failed[0])
        return False, None
    return True, box[0]


def get_password(url: URL) -> str | None:
    """The keyring's password for this database's login, or None."""

    def get() -> str | None:
        import keyring

        return keyring.get_password(SERVICE, account(url))

    _, found = _within_wait(get, f"give the password of {account(url)}")
    return found or None


def set_password(url: URL, password: str) -> bool:
    """Keep the password in the keyring; whether it could."""

    def keep() -> None:
        import keyring

        keyring.set_password(SERVICE, account(url), password)

    done, _ = _within_wait(keep, f"keep the password of {account(url)}")
    return done
