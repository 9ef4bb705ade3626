"""Import reports kept with their sources, read back as the app shows them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.services.conftest import Cli

from netview.services.importing.import_summary import source_report, summarise
from netview.store.db import open_database


def test_a_files_report_is_kept_with_its_source_like_an_archives(
    tmp_path: Path, capsys: Any
) -> None:
    edges = tmp_path / "from-crm.csv"
    edges.write_text("source,target,weight\nAda Byron,Alan Turing,2\nAlan Turing,Grace Hopper,\n")
    cli = Cli(tmp_path / "n.db", capsys)
    (printed,) = cli.json("import", edges)
    (source,) = cli.json("sources")
    db = open_database(str(cli.db))
    try:
        kept = source_report(db, int(source["id"]))
    finally:
        db.dispose()
    assert kept == json.loads(json.dumps(printed))  # the same report as `import --json`
    summary = summarise(kept)
    # named as the user finds it: its folder and its name (the source's label stays the name)
    assert summary.title == f"{tmp_path.name}/from-crm.csv: {printed['era']} file"
    assert source["label"] == "from-crm.csv"
    assert summary.added == "added 3 people, 2 ties"
