"""The pickers over every person rank once typing pauses, not on every key press: a name
typed quickly into Whose Archive Is This? or Attach to Person… is ranked once."""

from __future__ import annotations

from typing import Any

import pytest

from netview.services.identity.pick import Candidate, Choice
from netview.ui import attach_dialog, dialogs


def _people(n: int) -> list[Candidate]:
    people = [
        Candidate(f"person-{i}", f"Person {i}", f"Co {i % 7}", None, i, "", "") for i in range(n)
    ]
    return [*people, Candidate("bo-chan", "Bo Chan", "Globex", None, n, "", "")]


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[str]:
    """Every query `module` ranks people by, in order."""
    asked: list[str] = []
    real = module.rank

    def rank(people: Any, query: str, *args: Any) -> Any:
        asked.append(query)
        return real(people, query, *args)

    monkeypatch.setattr(module, "rank", rank)
    return asked


def test_the_owner_picker_ranks_once_typing_pauses(qtbot: Any, monkeypatch: Any) -> None:
    asked = _counting(monkeypatch, dialogs)
    people = [
        Choice(p.key, p.name, p.company, f"https://www.linkedin.com/in/{p.key}")
        for p in _people(500)
    ]
    dialog = dialogs.OwnerDialog(None, "x.zip", None, people)
    qtbot.addWidget(dialog)
    assert asked == [""]  # everyone, when it opens
    qtbot.keyClicks(dialog.search, "Bo Chan")
    assert asked == [""]  # seven key presses, nothing ranked yet
    qtbot.waitUntil(lambda: len(dialog.shown_people()) < 200, timeout=5000)  # was 200
    assert dialog.shown_people()[0].key == "bo-chan"
    assert asked == ["", "Bo Chan"]  # once, for the whole name


def test_attach_to_person_ranks_once_typing_pauses(qtbot: Any, monkeypatch: Any) -> None:
    asked = _counting(monkeypatch, attach_dialog)
    dialog = attach_dialog.AttachDialog("bo@home.example", "", _people(500))
    qtbot.addWidget(dialog)
    assert asked == [""]
    qtbot.keyClicks(dialog.search, "Bo Chan")
    assert asked == [""]
    qtbot.waitUntil(lambda: len(dialog.shown_lines()) < attach_dialog.SHOWN, timeout=5000)
    assert dialog.shown_lines()[0] == "Bo Chan — Globex"
    assert asked == ["", "Bo Chan"]
