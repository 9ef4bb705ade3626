"""What the team tests share: the command line run in-process (with standard input, for
passwords), and a team database's members added the way an admin adds them."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from netview.cli import main


def run(*args: str | Path, stdin: str = "") -> tuple[int, str, str]:
    """`netview ARGS…` in this process: (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*map(str, args)])
    finally:
        sys.stdin = old
    return status, out.getvalue(), err.getvalue()


def add_member(admin: str, login: str, key: str, password: str) -> tuple[int, str, str]:
    """`netview team add-member` for the person with profile key `key`, password on stdin."""
    return run(
        "team", "add-member", "--login", login, "--profile-url",
        f"https://www.linkedin.com/in/{key}/", "--password-stdin", "--db", admin,
        stdin=f"{password}\n",
    )  # fmt: skip


def add_members(admin: str, logins: dict[str, str], password: str) -> None:
    """Every login of `logins` (login -> profile key), each added or the test fails."""
    for login, key in logins.items():
        status, _, err = add_member(admin, login, key, password)
        assert status == 0, err
