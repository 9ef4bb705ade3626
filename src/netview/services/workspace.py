"""The open database as the app sees it: opening (and upgrading) one, what kind it is, and
what a server's refusal means in one line. The window reaches the store only through here."""

from __future__ import annotations

from netview.store import keyring_passwords
from netview.store.connect import is_server
from netview.store.db import (
    Database,
    default_database_path,
    open_database,
    set_password_lookup,
    shown_url,
)
from netview.store.errors import server_refusal, timed_out

__all__ = [
    "Database",
    "default_database_path",
    "is_server",
    "keyring_passwords",
    "open_database",
    "refusal",
    "set_password_lookup",
    "shown_url",
]


def refusal(exc: BaseException) -> str | None:
    """A teammate's lock, the server's time-out or its own refusal, in one line; None for
    any other error."""
    return timed_out(exc) or server_refusal(exc)
