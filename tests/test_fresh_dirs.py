"""The root conftest's redirection of the home and XDG folders holds for the whole test,
even one that ends its own patches early with `monkeypatch.undo()`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FOLDERS = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def test_undoing_a_tests_own_patches_keeps_the_folders_in_tmp_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETVIEW_DB", str(tmp_path / "mine.db"))
    monkeypatch.undo()
    assert "NETVIEW_DB" not in os.environ
    for name in FOLDERS:
        assert Path(os.environ[name]).is_relative_to(tmp_path / "home"), name
