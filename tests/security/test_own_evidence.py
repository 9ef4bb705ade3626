"""Your calendar, mailbox and address book never leave: after importing them, every file
made for someone else (filtered or anonymised backups, CSV, GraphML, GEXF, ICS, SVG) holds no
evidence table, no address learnt from them and no tie only they make; the plain backup, the
user's own complete database, does carry them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.services.conftest import Cli, sample_zips
from tests.services.evidencekit import EVIDENCE, paths

ADDRESSES = [
    line.split(":", 1)[1].strip().lower()
    for name in ("contacts.vcf", "calendar.ics")
    for line in (EVIDENCE / name).read_text(encoding="utf-8").splitlines()
    if line.startswith("EMAIL") or "mailto:" in line
]


def test_no_file_for_someone_else_holds_your_own_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(tmp_path / "mine.db", capsys)
    cli.json("import", sample_zips("network-2026")[0])
    cli.json("import", *paths())
    assert cli.json("stats")["meetings"] == 13
    made = {}
    for fmt, extra in (
        ("json", ("--degree", "1")),
        ("json", ("--anonymize",)),
        ("csv", ()),
        ("graphml", ()),
        ("gexf", ()),
        ("ics", ()),
        ("svg", ()),
    ):
        out = tmp_path / f"shared-{fmt}-{len(made)}.{fmt}"
        status, _out, err = cli("export", fmt, "-o", out, *extra)
        assert status == 0, err
        made[out.name] = out.read_text(encoding="utf-8").lower()
    for name, text in made.items():
        assert "evidence_" not in text, name
        leaked = [a for a in ADDRESSES if a.split("@")[0] and a in text]
        assert not leaked, (name, leaked[:3])
    for name in ("shared-json-0.json", "shared-json-1.json"):
        tables = json.loads(made[name])["tables"]
        assert not [t for t in tables if t.startswith("evidence")], name
    # The plain backup is your complete database: it carries them, to restore them.
    full = tmp_path / "all.json"
    status, _out, err = cli("export", "json", "-o", full)
    assert status == 0, err
    tables = json.loads(full.read_text(encoding="utf-8"))["tables"]
    assert len(tables["evidence_item"]["rows"]) == 18
