"""An import written in many small chunks gives the very database one chunk gives."""

from __future__ import annotations

import pytest
from tests.services.conftest import Cli, sample_zips, truth

from netview.services.importing import merge

# What a user sees of a network: who is there, who knows whom since when, who said what to
# whom, and where each fact came from.
VIEWS = {
    "people": "SELECT key, name, company, position, url, info_rank FROM person",
    "ties": "SELECT a.key, b.key, t.connected_on FROM tie t "
    "JOIN person a ON a.id = t.a_id JOIN person b ON b.id = t.b_id",
    "tie sources": "SELECT tie_id, source_id, connected_on FROM tie_source",
    "interactions": "SELECT i.kind, i.occurred_at, p.key, i.dedup FROM interaction i "
    "JOIN person p ON p.id = i.actor_id",
    "targets": "SELECT interaction_id, person_id FROM interaction_target",
    "texts": "SELECT interaction_id, subject, body FROM interaction_text",
    "attested": "SELECT interaction_id, source_id FROM interaction_source",
    "person sources": "SELECT person_id, source_id FROM person_source",
}


def _snapshot(cli: Cli) -> dict[str, list[str]]:
    return {name: sorted(repr(row) for row in cli.rows(sql)) for name, sql in VIEWS.items()}


def test_chunked_writes_give_the_same_network(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    archives = sample_zips("network-2024")
    cli.json("import", *archives)
    whole = _snapshot(cli)
    assert cli.json("stats")["by_degree"] == truth("network-2024")["by_degree"]
    assert all(len(rows) > 20 for rows in whole.values())
    monkeypatch.setattr(merge, "CHUNK", 7)
    chunked = cli.fresh("chunked")
    chunked.json("import", *archives)
    assert _snapshot(chunked) == whole
    # And a second import of the same archives still changes nothing.
    reports = chunked.json("import", *archives)
    assert all(r["status"] == "unchanged" for r in reports)
    assert _snapshot(chunked) == whole
