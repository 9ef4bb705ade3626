"""constraints/test.txt pins every test and lint tool, and `make test` installs those pins."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "constraints" / "test.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints/test.txt: {line!r} is not an exact pin (name==version)"
            found[_name(name)] = version.strip()
    return found


def test_every_test_tool_is_pinned_and_installed_at_its_pin() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tools = {_name(r) for r in project["optional-dependencies"]["test"]}
    pinned = pins()
    assert tools <= set(pinned), f"not pinned in constraints/test.txt: {tools - set(pinned)}"
    for name, version in pinned.items():
        assert metadata.version(name) == version, f"{name}: installed {metadata.version(name)}"


def test_make_test_installs_with_the_constraints() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -c constraints/test.txt -e '.[test]'" in makefile
