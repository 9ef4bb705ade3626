"""Load the build scripts in packaging/ (plain scripts, not an importable package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load_script(relative: str) -> ModuleType:
    path = PACKAGING / relative
    name = f"netview_build_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses resolve their module while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def make_icons() -> ModuleType:
    return load_script("make_icons.py")


@pytest.fixture(scope="session")
def smoke_test() -> ModuleType:
    return load_script("smoke_test.py")


@pytest.fixture(scope="session")
def contents() -> ModuleType:
    return load_script("pyinstaller/contents.py")


@pytest.fixture(scope="session")
def info_plist() -> ModuleType:
    return load_script("macos/info_plist.py")
