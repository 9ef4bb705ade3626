"""How NetView connects to a database server, wherever an engine is made (store.db's, and
the plain probe store.migrate checks a schema through)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import make_url

# Seconds a server may take to answer a connection: an unreachable or hung host (a typo, a
# VPN that is down, a firewall that drops packets) fails in one line after this instead of
# after the operating system's minutes.
CONNECT_TIMEOUT = 10


def connect_args(url: str) -> dict[str, Any]:
    """Driver arguments for `url`: a connection timeout on servers unless the URL sets one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        return {"connect_timeout": CONNECT_TIMEOUT}
    return {}
