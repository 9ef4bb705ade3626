from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect

from netview.cli import main
from netview.services.introductions import drafts as intro
from netview.services.introductions.paths import find_paths, resolve_target
from netview.services.network import load_network
from netview.store.db import open_database
from netview.store.migrate import current_revision, head_revision
from tests.graph.helpers import NOW, Filler


def _net(tmp_path: Path) -> Filler:
    f = Filler(open_database(tmp_path / "i.db"))
    f.person("robin-quill-42", name="Robin Quill")
    f.owner("robin-quill-42")
    f.person("ana-silva-1", name="Ana Silva", company="Initech")
    f.person("bo-chen-2", name="Bo Chen", company="Globex Inc.")
    f.person("tara-target-9", name="Tara Target", company="Globex", position="Head of Sales")
    f.person("zed-far-7", name="Zed Far", company="Umbrella", position="CTO")
    f.tie("robin-quill-42", "ana-silva-1")
    f.tie("ana-silva-1", "bo-chen-2")
    f.tie("ana-silva-1", "tara-target-9")
    f.tie("bo-chen-2", "zed-far-7")
    for n in range(6):
        who = ("robin-quill-42", "ana-silva-1")[n % 2]
        other = ("ana-silva-1", "robin-quill-42")[n % 2]
        f.interaction("message", who, other, NOW - timedelta(days=20 + n))
    f.interaction("recommendation", "ana-silva-1", "bo-chen-2", datetime(2021, 5, 1))
    return f


def test_draft_names_everyone_and_the_shared_context(tmp_path: Path) -> None:
    f = _net(tmp_path)
    ln = load_network(f.db, today=NOW.date())
    second = find_paths(ln, resolve_target(f.db, ln, "tara-target-9")).paths[0]
    text = intro.draft_request(f.db, ln, second)
    assert text is not None
    assert text.startswith("Hi Ana,")
    assert "It was good to be in touch 2 weeks ago." in text
    assert "Tara Target (Head of Sales, Globex)" in text
    assert text.rstrip().endswith("Robin")
    third = find_paths(ln, resolve_target(f.db, ln, "Zed Far")).paths[0]
    text3 = intro.draft_request(f.db, ln, third)
    assert text3 is not None
    assert "through Bo Chen, whom you know well enough to have written a recommendation" in text3
    assert "introducing me to Bo" in text3 and "connect me with Zed" in text3
    assert "$" not in text + text3
    first = find_paths(ln, resolve_target(f.db, ln, "ana-silva-1")).paths[0]
    assert intro.draft_request(f.db, ln, first) is None


def test_templates_are_stored_edited_and_checked(tmp_path: Path) -> None:
    f = _net(tmp_path)
    assert current_revision(f.db.engine) == head_revision()  # 0003 (templates) or later
    assert "intro_template" in inspect(f.db.engine).get_table_names()
    intro.save_template(
        f.db, "intro-2", "Dear $asked_name, could you introduce me to $target_name?"
    )
    with pytest.raises(intro.TemplateError):
        intro.save_template(f.db, "intro-2", "Hi $asked_first, meet $nobody")
    ln = load_network(f.db, today=NOW.date())
    path = find_paths(ln, resolve_target(f.db, ln, "tara-target-9")).paths[0]
    assert intro.draft_request(f.db, ln, path) == (
        "Dear Ana Silva, could you introduce me to Tara Target?"
    )
    intro.reset_template(f.db, "intro-2")
    assert intro.templates(f.db)["intro-2"] == intro.DEFAULTS["intro-2"]


def test_cli_draft_and_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _net(tmp_path)
    db = str(tmp_path / "i.db")
    body = tmp_path / "t.txt"
    body.write_text("Hi $asked_first: $target_first?", encoding="utf-8")
    assert main(["--db", db, "templates", "--set", "short", str(body)]) == 0
    capsys.readouterr()
    assert (
        main(["--db", db, "paths", "tara-target-9", "--json", "--draft", "--template", "short"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["draft"] == "Hi Ana: Tara?"
    assert main(["--db", db, "templates", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"intro-2", "intro-3", "short"}
