"""What the demo generator makes for a few (people, seed): file names, row counts, digests.

tests/fixtures/demo_snapshot.json was written by this module from the generator as it was
before it moved into netview.demo (vocabulary as data files); test_snapshot.py checks
that the same seed still gives the same archives, byte for byte. After a deliberate change to
the generator, rewrite it with `python -m tests.demo.snapshot` and say why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).parents[1] / "fixtures" / "demo_snapshot.json"
CASES = ((300, 7), (120, 2))


def snapshot() -> dict[str, Any]:
    from netview.demo.generator import generate_exports
    from netview.demo.writer import archive_name, export_files

    out: dict[str, Any] = {}
    for people, seed in CASES:
        archives = []
        for label, export in generate_exports(people, seed):
            files = export_files(export)
            archives.append(
                {
                    "name": archive_name(export.exported_on, label),
                    "rows": {name: text.count("\n") for name, text in files.items()},
                    "sha256": {
                        name: hashlib.sha256(text.encode("utf-8")).hexdigest()
                        for name, text in files.items()
                    },
                }
            )
        out[f"{people} people, seed {seed}"] = archives
    return out


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshot(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {SNAPSHOT}")
