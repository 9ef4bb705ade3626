"""Errors the user can act on. Each renders as one line naming the file and line."""

from __future__ import annotations


class NetViewError(Exception):
    """Base for errors shown to the user as a single line."""


class NetViewWarning(UserWarning):
    """Warnings raised by NetView itself (turned into errors in the test suite)."""


class ImportFailure(NetViewError):
    """A file of an archive cannot be read; the whole archive is refused.

    `file` is the file as the user knows it (``archive.zip:Connections.csv``) and `line`
    the 1-based physical line where the problem was found, when there is one.
    """

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {message}")


class OwnerUnknown(NetViewError):
    """The archive does not say whose it is and no --owner-url was given."""

    def __init__(self, archive: str, profile_name: str | None = None) -> None:
        self.archive = archive
        self.profile_name = profile_name
        who = f" (Profile.csv names {profile_name!r})" if profile_name else ""
        super().__init__(
            f"{archive}: cannot tell whose export this is{who}; "
            "run again with --owner-url https://www.linkedin.com/in/<their-profile>"
        )


class Cancelled(NetViewError):
    """The user cancelled a long job; nothing was written."""

    def __init__(self) -> None:
        super().__init__("cancelled")
