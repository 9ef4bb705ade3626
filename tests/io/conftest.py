"""Helpers that write small exports (folder, zip or one CSV) for the reader tests."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

Files = Mapping[str, str | bytes]


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


@pytest.fixture
def make_folder(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Files, name: str = "export") -> Path:
        root = tmp_path / name
        for member, content in files.items():
            target = root / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_bytes(content))
        root.mkdir(exist_ok=True)
        return root

    return make


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Files, name: str = "Complete_LinkedInDataExport_11-20-2026.zip") -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for member, content in files.items():
                zf.writestr(member, _bytes(content))
        return path

    return make


@pytest.fixture
def make_csv(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(_bytes(content))
        return path

    return make
