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
