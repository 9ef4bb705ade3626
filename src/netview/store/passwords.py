"""Where a server password comes from when the database URL has none.

The app installs a lookup in the operating system's keyring (netview.ui.team_dialog); the
command line leaves it to libpq's own password file (~/.pgpass) and PGPASSWORD. Passwords
never go into URLs NetView stores or shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import URL, Engine, event, make_url

PasswordLookup = Callable[[URL], "str | None"]
_lookup: list[PasswordLookup] = []


def set_password_lookup(lookup: PasswordLookup | None) -> None:
    _lookup[:] = [lookup] if lookup is not None else []


def attach(engine: Engine, url: str) -> None:
    """Ask the lookup for the password on every new server connection of `engine`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" or parsed.password is not None:
        return

    def do_connect(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
        if params.get("password") or not _lookup:
            return
        password = _lookup[0](parsed)
        if password:
            params["password"] = password

    event.listen(engine, "do_connect", do_connect)
