"""The demo network: reproducible, the size asked for, in LinkedIn's formats, and shaped like a
real network (2nd- and 3rd-degree people exist, ties cluster, most ties are silent)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netview.core.errors import NetViewError
from netview.core.ids import profile_key
from netview.demo import generate_archives, generate_exports, plan
from netview.demo.writer import raw_profile_url
from netview.services.analysis.stats import stats
from netview.services.importing.demo import fill_demo
from netview.services.importing.evidence import strangers
from netview.store.db import open_database


@dataclass
class Archive:
    path: Path
    files: dict[str, str]
    owner: str = ""
    connections: dict[str, str] = field(default_factory=dict)  # key -> Connected On
    hidden: int = 0

    def rows(self, name: str) -> list[dict[str, str]]:
        text = self.files.get(name)
        if text is None:
            return []
        if name == "Connections.csv":
            text = text.split("\n", 3)[3]
        return list(csv.DictReader(io.StringIO(text)))


def read(path: Path) -> Archive:
    with zipfile.ZipFile(path) as z:
        archive = Archive(path, {n: z.read(n).decode("utf-8") for n in z.namelist()})
    for row in archive.rows("Connections.csv"):
        key = profile_key(row["URL"])
        if key is None:
            archive.hidden += 1
        else:
            archive.connections[key] = row["Connected On"]
    outgoing = [r for r in archive.rows("Invitations.csv") if r["Direction"] == "OUTGOING"]
    archive.owner = profile_key(outgoing[0]["inviterProfileUrl"]) or ""
    return archive


def every_key(archive: Archive) -> set[str]:
    """Everyone an archive names by URL, in any file."""
    urls = [r["URL"] for r in archive.rows("Connections.csv")]
    for r in archive.rows("Invitations.csv"):
        urls += [r["inviterProfileUrl"], r["inviteeProfileUrl"]]
    for r in archive.rows("messages.csv"):
        urls += [r["SENDER PROFILE URL"], *r["RECIPIENT PROFILE URLS"].split(",")]
    for name, column in (
        ("Endorsement_Received_Info.csv", "Endorser Public Url"),
        ("Endorsement_Given_Info.csv", "Endorsee Public Url"),
    ):
        urls += [r[column] for r in archive.rows(name)]
    return {k for k in (profile_key(u) for u in urls) if k}


def degrees(archives: list[Archive]) -> dict[str, int]:
    neighbours: dict[str, set[str]] = {}
    for a in archives:
        for key in a.connections:
            neighbours.setdefault(a.owner, set()).add(key)
            neighbours.setdefault(key, set()).add(a.owner)
    me = archives[0].owner
    hops = {me: 0}
    queue = deque([me])
    while queue:
        person = queue.popleft()
        for other in neighbours.get(person, ()):
            if other not in hops:
                hops[other] = hops[person] + 1
                queue.append(other)
    return hops


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> list[Archive]:
    return [read(p) for p in generate_archives(tmp_path_factory.mktemp("demo"), 3000, seed=11)]


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    first = generate_archives(tmp_path / "a", 300, seed=5)
    again = generate_archives(tmp_path / "b", 300, seed=5)
    other = generate_archives(tmp_path / "c", 300, seed=6)
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert first[0].read_bytes() != other[0].read_bytes()
    assert first[0].name.startswith("me__Complete_LinkedInDataExport_")


@pytest.mark.parametrize(
    "people", [50, 400, 2500, 12000, pytest.param(100_000, marks=pytest.mark.slow)]
)
def test_the_network_has_the_number_of_people_asked_for(tmp_path: Path, people: int) -> None:
    archives = [read(p) for p in generate_archives(tmp_path, people, seed=people)]
    me = archives[0].owner
    named = set().union(*(every_key(a) for a in archives)) - {me}
    visible = set().union(*(a.connections for a in archives)) - {me}
    assert abs(len(visible) - people) <= 0.02 * people
    # Invitations, messages and endorsements bring nobody beyond those people.
    assert named == visible
    assert len(archives) == 1 + plan(people).colleague_exports


def test_files_follow_the_export_formats(network: list[Archive]) -> None:
    for a in network:
        connections = a.files["Connections.csv"]
        assert connections.startswith('Notes:\n"When exporting your connection data')
        assert connections.split("\n")[3] == (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
        )
        assert all(re.fullmatch(r"\d\d [A-Z][a-z]{2} \d{4}", d) for d in a.connections.values())
        urls = [r["URL"] for r in a.rows("Connections.csv") if r["URL"]]
        assert all(u.isascii() for u in urls)
        emails = [r["Email Address"] for r in a.rows("Connections.csv") if r["Email Address"]]
        assert all(e.isascii() and "@" in e for e in emails)
        assert any(re.search(r"%[0-9A-F]{2}", u) for u in urls)
        for name, text in a.files.items():
            assert not text.endswith("\n") and "\r" not in text, name
            if name != "Connections.csv":
                assert "linkedin.com/in/" not in text or "%C3" not in text, name
        messages = a.rows("messages.csv")
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", m["DATE"]) for m in messages)
        invitations = a.rows("Invitations.csv")
        assert all(
            re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M", i["Sent At"])
            for i in invitations
        )
        assert {"INCOMING", "OUTGOING"} == {i["Direction"] for i in invitations}
    # Raw Unicode URLs outside Connections.csv.
    raw = [m["SENDER PROFILE URL"] for a in network for m in a.rows("messages.csv")]
    assert any(not u.isascii() for u in raw)


def test_hidden_members_appear_as_rows_with_only_a_date(network: list[Archive]) -> None:
    mine = network[0]
    assert mine.hidden >= 1
    hidden = [
        line
        for line in mine.files["Connections.csv"].split("\n")
        if re.fullmatch(r",,,,,,\d\d [A-Z][a-z]{2} \d{4}", line)
    ]
    assert len(hidden) == mine.hidden
    total = sum(a.hidden for a in network)
    rows = sum(a.hidden + len(a.connections) for a in network)
    assert 0.005 <= total / rows <= 0.02


def test_a_second_degree_exporter_brings_third_degree_people(network: list[Archive]) -> None:
    hops = degrees(network)
    exporters = [hops[a.owner] for a in network[1:]]
    assert exporters.count(1) > exporters.count(2) >= 1
    counts = Counter(hops.values())
    assert counts[1] == len(network[0].connections)
    assert counts[2] > counts[1] and counts[3] > 0


def test_exporters_who_know_each_other_list_each_other_on_the_same_day(
    network: list[Archive],
) -> None:
    by_owner = {a.owner: a for a in network}
    pairs = 0
    for a in network:
        for key, day in a.connections.items():
            if key in by_owner:
                pairs += 1
                assert by_owner[key].connections.get(a.owner) == day
    assert pairs >= 2 * (len(network) - 1)


def test_companies_are_few_and_their_sizes_skewed(network: list[Archive]) -> None:
    sizes = Counter(
        r["Company"] for a in network for r in a.rows("Connections.csv") if r["Company"]
    )
    assert 3000 / 80 <= len(sizes) <= 3000 / 20
    ordered = sorted(sizes.values(), reverse=True)
    assert ordered[0] >= 5 * ordered[len(ordered) // 2]
    assert any(name.endswith(("Inc.", "GmbH")) for name in sizes)


def test_names_come_in_many_scripts(network: list[Archive]) -> None:
    names = [r["First Name"] + r["Last Name"] for a in network for r in a.rows("Connections.csv")]
    scripts = {unicodedata.name(ch).split()[0] for n in names for ch in n if ch.isalpha()}
    assert {"LATIN", "CYRILLIC", "ARABIC", "CJK", "HANGUL"} <= scripts
    assert any("(She/Her)" in n or "(He/Him)" in n for n in names)
    assert any(n.endswith(", PhD") for n in names)
    assert any("ễ" in n or "ạ" in n or "ữ" in n or "ặ" in n or "ồ" in n or "ỗ" in n for n in names)


def test_few_ties_are_active_and_some_are_recent(network: list[Archive]) -> None:
    mine = network[0]
    exported = datetime(2026, 11, 20)
    last: dict[str, datetime] = {}
    for m in mine.rows("messages.csv"):
        if m["CONVERSATION TITLE"] == "Sponsored Conversation":
            continue
        when = datetime.strptime(m["DATE"], "%Y-%m-%d %H:%M:%S UTC")
        for url in [m["SENDER PROFILE URL"], *m["RECIPIENT PROFILE URLS"].split(",")]:
            key = profile_key(url)
            if key and key != mine.owner:
                last[key] = max(last.get(key, when), when)
    talked = set(last) & set(mine.connections)
    assert 0.1 * len(mine.connections) < len(talked) < 0.5 * len(mine.connections)
    recent = [k for k in talked if last[k] > exported - timedelta(days=60)]
    old = [k for k in talked if last[k] < exported - timedelta(days=730)]
    assert recent and old
    years = {int(d[-4:]) for d in mine.connections.values()}
    assert max(years) - min(years) >= 5
    pending = [
        i
        for i in mine.rows("Invitations.csv")
        if profile_key(i["inviteeProfileUrl"]) not in mine.connections
        and profile_key(i["inviterProfileUrl"]) not in mine.connections
    ]
    assert pending and any(i["Message"] for i in mine.rows("Invitations.csv"))
    assert mine.rows("Endorsement_Received_Info.csv") and mine.rows("Endorsement_Given_Info.csv")
    assert date.fromisoformat("2026-11-20") >= max(
        datetime.strptime(d, "%d %b %Y").date() for d in mine.connections.values()
    )


def test_fill_demo_imports_the_network_through_the_real_importer(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        reports = fill_demo(db, people=600, seed=3)
        result = stats(db)
        roles = [r.role for r in reports]
        assert roles[-3:] == ["address_book", "calendar", "mailbox"]
        assert roles[:-3] == ["you"] + ["shared"] * (len(roles) - 4)
        assert abs(result["people"] - 600) <= 12
        assert result["by_degree"]["1"] == plan(600).your_connections
        assert result["by_degree"]["2"] > 0 and result["by_degree"]["3"] > 0
        assert result["unconnected"] == 0
        assert result["messages"] > 0 and result["invitations"] > 0
        assert result["endorsements"] > 0
        # Your invented calendar and mailbox, through the real readers: meetings, e-mails,
        # and none of the all-hands or the list mail.
        assert result["meetings"] > 0 and result["emails"] > 0 and result["contacts"] > 0
        assert any("meeting of many" in w for w in reports[-2].warnings)
        assert any("mailing-list" in w for w in reports[-1].warnings)
        # A friend who is not on LinkedIn waits in the mailbox's report, to be attached to
        # a person or kept as a contact (issue 19): no one else does.
        (friend,) = reports[-1].correspondents
        assert (friend["who"], friend["times"], friend["why"]) == (
            "Sunniva Brekke",
            3,
            "not on LinkedIn",
        )
        assert [s["who"] for s in strangers(db)] == [friend["address"]]
        # A second demo would mix two invented networks: refused, nothing added.
        with pytest.raises(NetViewError, match="already holds a network"):
            fill_demo(db, people=100, seed=4)
        assert stats(db)["people"] == result["people"]
    finally:
        db.dispose()


def test_netview_demo_prints_a_one_line_summary(cli: Any) -> None:
    status, out, err = cli("demo", "--people", "150", "--seed", "2")
    assert status == 0, err
    assert len(out.strip().splitlines()) == 1
    assert "150 people" in out and " 3rd degree" in out and "at degree" not in out
    status, out, err = cli("demo", "--people", "10")
    assert status == 2 and "--people" in err


@settings(max_examples=12, deadline=None)
@given(people=st.integers(50, 1500), seed=st.integers(0, 2**32))
def test_any_size_and_seed_gives_the_people_asked_for_and_a_third_degree(
    people: int, seed: int
) -> None:
    exports = [e for _, e in generate_exports(people, seed)]
    owners = []
    for e in exports:
        # The importer can tell whose export it is: an invitation the owner sent.
        sent = [i for i in e.invitations if i.outgoing]
        assert sent, e.profile
        owners.append(_key(sent[0].inviter_slug))
    lists = [{_key(c.slug) for c in e.connections if c.slug} for e in exports]
    assert len(set().union(*lists) - {owners[0]}) == people
    first = lists[0]
    second = set().union(*(lst for o, lst in zip(owners, lists, strict=True) if o in first))
    second -= first | {owners[0]}
    third_exporters = [o for o in owners[1:] if o in second]
    assert third_exporters
    assert any(lists[owners.index(o)] - first - second - {owners[0]} for o in third_exporters)


def _key(slug: str) -> str:
    return profile_key(raw_profile_url(slug)) or ""
