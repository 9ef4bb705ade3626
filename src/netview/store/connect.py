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


def is_server(url: str) -> bool:
    """A database on a server (PostgreSQL), not a file: `url` a database URL or a path."""
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except ArgumentError:  # a plain path, which make_url does not parse
        return False


def connect_args(url: str) -> dict[str, Any]:
    """Driver arguments for `url`: a connection timeout on servers unless the URL sets one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        return {"connect_timeout": CONNECT_TIMEOUT}
    return {}
