"""Where a server password comes from when the database URL has none.

In this order: a password typed in this run of the app (File > Open Team Database…
installs that lookup); libpq's own sources (PGPASSWORD, the password file ~/.pgpass or
PGPASSFILE, a service file), which libpq consults itself; and last the operating system's
keyring (netview.store.keyring_passwords), where the app keeps what it was asked to
remember, asked only when libpq found no password the server wanted. Passwords never go
into URLs NetView stores or shows, nor into its messages and logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import URL, Engine, event, make_url

from netview.store import keyring_passwords

PasswordLookup = Callable[[URL], "str | None"]
_lookup: list[PasswordLookup] = []


def set_password_lookup(lookup: PasswordLookup | None) -> None:
    _lookup[:] = [lookup] if lookup is not None else []


def _wanted_a_password(exc: BaseException) -> bool:
    """Whether a connection failed because the server asked for a password and libpq had
    none (not a wrong one: that is libpq's to report)."""
    pgconn = getattr(exc, "pgconn", None)
    return bool(getattr(pgconn, "needs_password", False))


def attach(engine: Engine, url: str) -> None:
    """Find the password on every new server connection of `engine` (see above)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" or parsed.password is not None:
        return

    def do_connect(dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        if cparams.get("password"):
            return None
        typed = _lookup[0](parsed) if _lookup else None
        if typed:
            cparams["password"] = typed
            return None
        try:
            return dialect.connect(*cargs, **cparams)  # libpq's own sources first
        except dialect.loaded_dbapi.OperationalError as exc:
            if not _wanted_a_password(exc):
                raise
            # Asked on each new connection (a pool makes few): a password changed in the
            # keyring is used at once.
            found = keyring_passwords.get_password(parsed)
            if not found:
                raise
        cparams["password"] = found
        return None

    event.listen(engine, "do_connect", do_connect)
