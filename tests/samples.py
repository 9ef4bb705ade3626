"""The sample networks of tests/fixtures/samples: their archives and their truth.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).parent / "fixtures" / "samples"
SAMPLE_NAMES = ["network-2024", "network-2026", "excel-resave", "single-2018", "single-2022"]


def sample_zips(name: str) -> list[Path]:
    """The sample's archives, the owner's own (me__…) first, then by name."""
    folder = SAMPLES / name
    return sorted(folder.glob("*.zip"), key=lambda p: (not p.name.startswith("me__"), p.name))


def truth(name: str) -> dict[str, Any]:
    """What the sample's generator wrote down about it (owner, degrees, edges…)."""
    data: dict[str, Any] = json.loads((SAMPLES / name / "truth.json").read_text("utf-8"))
    return data
