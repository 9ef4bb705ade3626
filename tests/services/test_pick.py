"""Choosing a known person: Profile.csv's namesakes first, typos forgiven, fields apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netview.services.identity.pick import Choice, rank

PEOPLE = [
    Choice("ada-owner", "Ada Owner", "Acme", "https://www.linkedin.com/in/ada-owner"),
    Choice("bjorn-lee-1", "Björn Lee, PhD", "Northwind", "https://www.linkedin.com/in/bjorn-lee-1"),
    Choice("urn:li:member:7", "Bjorn Lee", "", None),
    Choice("olga-haddad", "Olga Haddad", "Acme", "https://www.linkedin.com/in/olga-haddad"),
]


def test_profile_name_leads_without_a_query() -> None:
    order = [p.key for p in rank(PEOPLE, "", "Olga Haddad")]
    assert order == ["olga-haddad", "ada-owner", "urn:li:member:7", "bjorn-lee-1"]
    # Word order and accents do not hide a namesake.
    assert rank(PEOPLE, "", "Haddad Olga")[0].key == "olga-haddad"


def test_a_query_filters_and_forgives_typos() -> None:
    assert rank(PEOPLE, "olag hadad", None)[0].key == "olga-haddad"
    assert {p.key for p in rank(PEOPLE, "acme", None)} == {"ada-owner", "olga-haddad"}
    assert rank(PEOPLE, "zzzz qqq", None) == []


@given(st.text(max_size=12), st.sampled_from([None, "Ada Owner", "Björn Lee"]))
def test_rank_returns_known_people_once(query: str, profile_name: str | None) -> None:
    found = rank(PEOPLE, query, profile_name, limit=3)
    assert len(found) <= 3 and len({p.key for p in found}) == len(found)
    assert all(p in PEOPLE for p in found)
