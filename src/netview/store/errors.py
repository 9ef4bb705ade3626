"""Why a database cannot be opened, as one line for the user."""

from __future__ import annotations

from netview.core.errors import NetViewError


class DatabaseUnusable(NetViewError):
    """The database named cannot be opened: missing, not a database, or made by a newer NetView.

    `where` is the file (or the URL without its password) as the user gave it.
    """

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        super().__init__(f"{where}: {message}")


# PostgreSQL's SQLSTATEs for a statement the server cancelled on a time-out.
LOCK_NOT_AVAILABLE = "55P03"
QUERY_CANCELED = "57014"
# Set on a lock time-out's driver error by store/lock_holders.py: who held the lock, as
# the team knows them ("Robin Quill (login robin)").
HOLDER_ATTRIBUTE = "netview_lock_holder"


def timed_out(exc: BaseException) -> str | None:
    """What a time-out the server enforced (store.connect's lock_timeout and
    statement_timeout) means for the user, in one line; None for any other error."""
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None)
    if state == LOCK_NOT_AVAILABLE:
        holder = getattr(orig, HOLDER_ATTRIBUTE, None)
        who = holder or "another session (a teammate's import, or someone holding a table)"
        return (
            f"{who} kept what this needs locked for too long; nothing was changed, try again later"
        )
    if state == QUERY_CANCELED:
        return "the server stopped a statement that ran too long; nothing was changed"
    return None


def server_refusal(exc: BaseException) -> str | None:
    """What a team server's own refusal says (its functions and authorship checks raise
    "netview: …", store/team_guard.py), in one line; None for any other error."""
    diag = getattr(getattr(exc, "orig", exc), "diag", None)
    said = str(getattr(diag, "message_primary", "") or "")
    return said.removeprefix("netview: ") if said.startswith("netview: ") else None
