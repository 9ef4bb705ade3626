"""On a team server the introductions a member asked for are theirs alone, like notes."""

from __future__ import annotations

import psycopg
import pytest
from tests.services.test_team import Team, _run, team  # noqa: F401 (the fixture)


def test_introduction_requests_are_sealed_per_member(team: Team) -> None:  # noqa: F811
    asked = team.as_(
        "robin", "intros", "--ask", "olga-haddad-13dde", "--via", "björn-lee-11eef",
        "--draft", "Björn, could you introduce me to Olga?",
    )  # fmt: skip
    assert asked["state"] == "asked"
    assert [r["id"] for r in team.as_("robin", "intros")["requests"]] == [asked["id"]]
    assert team.as_("bjorn", "intros")["requests"] == []
    with team.raw("bjorn") as bjorn:
        assert bjorn.execute("SELECT count(*) FROM intro_request").fetchone() == (0,)
        assert bjorn.execute("UPDATE intro_request SET state = 'met'").rowcount == 0
        status, _, err = _run(
            "--db", team.url("bjorn"), "intros", "--mark", str(asked["id"]), "met"
        )
        assert status == 1 and "no introduction request" in err
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bjorn.execute(
                "INSERT INTO intro_request (target_id, via_id, draft, asked_on, state, state_on, "
                "steps, owner) SELECT id, id, 'x', now(), 'asked', now(), '[]', 'robin' "
                "FROM person LIMIT 1"
            )
    mine = team.as_("robin", "intros")["requests"]
    assert [(r["state"], r["draft"]) for r in mine] == [
        ("asked", "Björn, could you introduce me to Olga?")
    ]
