"""How NetView connects to a database server, wherever an engine is made (store.db's, and
the plain probe store.migrate checks a schema through)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

# Seconds a server may take to answer a connection: an unreachable or hung host (a typo, a
# VPN that is down, a firewall that drops packets) fails in one line after this instead of
# after the operating system's minutes.
CONNECT_TIMEOUT = 10
# Seconds a statement waits for a lock another session holds (a teammate's import, or a
# teammate holding a table on purpose), and seconds any one statement may run: past either,
# the server cancels the statement and NetView says so in one line instead of hanging.
# A URL's own `options` (`?options=-c lock_timeout=2s`) come after these and win.
LOCK_TIMEOUT = 20
STATEMENT_TIMEOUT = 900
SESSION_OPTIONS = f"-c lock_timeout={LOCK_TIMEOUT}s -c statement_timeout={STATEMENT_TIMEOUT}s"


def is_server(url: str) -> bool:
    """A database on a server (PostgreSQL), not a file: `url` a database URL or a path."""
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except ArgumentError:  # a plain path, which make_url does not parse
        return False


def connect_args(url: str) -> dict[str, Any]:
    """Driver arguments for `url`: on servers, a connection timeout unless the URL sets one,
    and the session's lock and statement time-outs."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return {}
    args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        args["connect_timeout"] = CONNECT_TIMEOUT
    own = parsed.query.get("options", "")
    own = " ".join(own) if isinstance(own, tuple) else own
    args["options"] = f"{SESSION_OPTIONS} {own}".strip()
    return args
