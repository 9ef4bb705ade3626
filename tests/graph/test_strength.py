from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netview.graph.strength import (
    WEIGHTS,
    PairEvidence,
    combine,
    components,
    describe,
    tie_strengths,
)

TODAY = date(2026, 11, 20)


def score(
    ev: PairEvidence | None, connected: date | None = None, company: str | None = None
) -> float:
    return combine([c.value for c in components(ev, connected, company, TODAY, "you", "Ana")])


def test_a_tie_with_no_evidence_is_weak() -> None:
    assert score(None) < 0.05
    assert score(None, date(2010, 1, 1)) < 0.1  # long-standing, still only a connection
    assert "connected only" in describe(components(None, None, None, TODAY, "you", "Ana"))


def test_messages_count_both_ways_and_recency() -> None:
    recent = datetime(2026, 10, 30)
    both = PairEvidence(messages_ab=6, messages_ba=6, last_message=recent)
    one_way = PairEvidence(messages_ab=12, last_message=recent)
    old = PairEvidence(messages_ab=6, messages_ba=6, last_message=datetime(2023, 10, 30))
    few = PairEvidence(messages_ab=1, messages_ba=1, last_message=recent)
    assert score(both) > 0.5
    assert score(both) > score(one_way) > score(None)
    assert score(both) > score(old) > score(None)
    assert score(both) > score(few)
    text = describe(components(both, None, None, TODAY, "you", "Ana"))
    assert text == "12 messages, both ways, last 3 weeks ago"
    assert "only from you" in describe(components(one_way, None, None, TODAY, "you", "Ana"))


def test_recommendation_endorsement_note_company_each_add_with_a_reason() -> None:
    ev = PairEvidence(recommended_ba=[2022])
    assert (
        describe(components(ev, None, None, TODAY, "you", "Ana")) == "Ana recommended you in 2022"
    )
    assert score(ev) > 0.4
    parts = [
        (PairEvidence(endorsements_ab=2), "2 endorsements"),
        (PairEvidence(invitation_note_by="b"), "Ana wrote a note when inviting"),
    ]
    for ev2, text in parts:
        assert score(None) < score(ev2) < score(ev)
        assert text in describe(components(ev2, None, None, TODAY, "you", "Ana"))
    assert score(None, company="Acme") > score(None)
    assert "both at Acme now" in describe(components(None, None, "Acme", TODAY, "you", "Ana"))


evidence = st.builds(
    PairEvidence,
    messages_ab=st.integers(0, 500),
    messages_ba=st.integers(0, 500),
    last_message=st.one_of(st.none(), st.datetimes(datetime(2000, 1, 1), datetime(2026, 11, 20))),
    recommended_ab=st.lists(st.integers(2000, 2026), max_size=2),
    recommended_ba=st.lists(st.integers(2000, 2026), max_size=2),
    endorsements_ab=st.integers(0, 50),
    endorsements_ba=st.integers(0, 50),
    invitation_note_by=st.sampled_from([None, "a", "b"]),
)


@given(
    evs=st.lists(st.one_of(st.none(), evidence), min_size=1, max_size=6),
    connected=st.lists(
        st.one_of(st.none(), st.dates(date(2003, 1, 1), TODAY)), min_size=6, max_size=6
    ),
    same=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_vectorised_scores_equal_the_explained_components(
    evs: list[PairEvidence | None], connected: list[date | None], same: list[bool]
) -> None:
    n = len(evs)
    days = np.array([d.toordinal() if d else np.nan for d in connected[:n]], dtype=float)
    fast = tie_strengths(
        days, np.array(same[:n]), {k: e for k, e in enumerate(evs) if e is not None}, TODAY
    )
    for k, ev in enumerate(evs):
        slow = score(ev, connected[k], "Acme" if same[k] else None)
        assert 0.0 <= fast[k] <= 1.0
        assert abs(fast[k] - slow) < 1e-9


@given(n=st.integers(1, 300), age=st.integers(0, 3000))
def test_more_recent_is_never_weaker(n: int, age: int) -> None:
    then = datetime(2026, 11, 20) - timedelta(days=age)
    newer = datetime(2026, 11, 20) - timedelta(days=max(age - 30, 0))
    assert score(PairEvidence(messages_ab=n, last_message=newer)) >= score(
        PairEvidence(messages_ab=n, last_message=then)
    )
    assert WEIGHTS.recency_days > 0
