"""Invitations, endorsements, recommendations, Profile.csv, Positions.csv and files not read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from netview.core.records import FileKind
from netview.io.linkedin import read_archive

MakeCsv = Callable[[str, str | bytes], Path]
MakeFolder = Callable[..., Path]

INV = "From,To,Sent At,Message,Direction"
ANN = "https://www.linkedin.com/in/ann-lee"
ME = "https://www.linkedin.com/in/robin-quill-42"


def test_invitations_without_profile_columns(make_csv: MakeCsv) -> None:
    text = (
        INV
        + '\nAnn Lee,Robin Quill,"4/4/24, 8:10 PM","Hello Robin,\nlet\'s connect.",INCOMING\n'
        + 'Robin Quill,Bob Ray,"12/15/24, 7:47 AM",,OUTGOING\n'
    )
    contents = read_archive(make_csv("Invitations.csv", text))
    inc, out = contents.invitations
    assert (inc.from_name, inc.to_name, inc.outgoing) == ("Ann Lee", "Robin Quill", False)
    assert inc.message == "Hello Robin,\nlet's connect."
    assert inc.sent_at == datetime(2024, 4, 4, 20, 10)
    assert (out.outgoing, out.message, out.line) == (True, None, 4)
    assert out.inviter_url is None and out.invitee_url is None
    assert contents.era == "2018"


def test_invitations_with_urns_kept_as_written(make_csv: MakeCsv) -> None:
    text = (
        INV
        + ",inviterProfileUrn,inviteeProfileUrn\n"
        + 'Ann Lee,Robin Quill,"1/9/23, 6:41 PM",,INCOMING,urn:li:member:17,urn:li:member:42\n'
    )
    contents = read_archive(make_csv("Invitations.csv", text))
    [inv] = contents.invitations
    assert (inv.inviter_url, inv.invitee_url) == ("urn:li:member:17", "urn:li:member:42")
    assert contents.era == "2023"


def test_invitations_with_urls(make_csv: MakeCsv) -> None:
    text = (
        INV
        + ",inviterProfileUrl,inviteeProfileUrl\n"
        + f'Robin Quill,Ann Lee,"4/12/19, 9:37 PM",Hi,OUTGOING,{ME},{ANN}\n'
        + f'Robin Quill,Bob Ray,"4/12/19, 9:37 PM",Hi,SIDEWAYS,{ME},{ANN}\n'
    )
    contents = read_archive(make_csv("Invitations.csv", text))
    [inv] = contents.invitations
    assert (inv.inviter_url, inv.invitee_url, inv.outgoing) == (ME, ANN, True)
    assert contents.files[0].skipped[0].line == 3
    assert contents.era == "2024"


ENDORSED_2022 = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n"
)
ENDORSED_2023 = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
    "Endorsement Status\n"
)
ENDORSING = (
    "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
    "Endorsement Status\n"
)


def test_endorsements_received_and_given(make_folder: MakeFolder) -> None:
    folder = make_folder(
        {
            "Endorsement_Received_Info.csv": ENDORSED_2023
            + "2024/12/15 08:53:43 UTC,SQL,Ann,Lee,www.linkedin.com/in/ann-lee,ACCEPTED\n",
            "Endorsement_Given_Info.csv": ENDORSING
            + "2023/06/05 09:30:00 UTC,Python,Bob,Ray,www.linkedin.com/in/bob-ray,ACCEPTED\n",
        }
    )
    contents = read_archive(folder)
    by_skill = {e.skill: e for e in contents.endorsements}
    assert by_skill["SQL"].received is True
    assert by_skill["SQL"].url == "www.linkedin.com/in/ann-lee"  # no scheme, as written
    assert by_skill["SQL"].endorsed_at == datetime(2024, 12, 15, 8, 53, 43)
    assert by_skill["Python"].received is False
    assert (by_skill["Python"].first_name, by_skill["Python"].status) == ("Bob", "ACCEPTED")
    assert contents.era == "2023"


def test_endorsements_without_url(make_csv: MakeCsv) -> None:
    text = ENDORSED_2022 + "2022/11/14 09:30:00 UTC,Negotiation,Gustavo,García,ACCEPTED\n"
    [e] = read_archive(make_csv("Endorsement_Received_Info.csv", text)).endorsements
    assert (e.first_name, e.last_name, e.url, e.received) == ("Gustavo", "García", None, True)


def test_both_endorsement_spellings_are_not_doubled(make_folder: MakeFolder) -> None:
    shared = "2024/12/15 08:53:43 UTC,SQL,Ann,Lee,www.linkedin.com/in/ann-lee,ACCEPTED\n"
    extra = "2024/12/16 08:53:43 UTC,Go,Cy,Fox,www.linkedin.com/in/cy-fox,ACCEPTED\n"
    folder = make_folder(
        {
            "Endorsement_Received_Info.csv": ENDORSED_2023 + shared,
            "Endorsement Received Info.csv": ENDORSED_2023 + shared + extra,
        }
    )
    contents = read_archive(folder)
    assert sorted(e.skill for e in contents.endorsements) == ["Go", "SQL"]
    skipped = [s for f in contents.files for s in f.skipped]
    assert len(skipped) == 1 and "same row" in skipped[0].reason


RECS = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
REC_ROW = (
    'Jessica,Lee,Soylent,"Staff Engineer, Platform","A generous collaborator, and '
    '""gets things done"" &amp; more.","12/09/22, 07:18 PM",VISIBLE\n'
)


def test_recommendations_given_and_received_told_apart_by_name(make_folder: MakeFolder) -> None:
    folder = make_folder(
        {
            "Recommendations_Received.csv": RECS + REC_ROW,
            "Recommendations_Given.csv": RECS + REC_ROW,
        }
    )
    contents = read_archive(folder)
    assert sorted(r.received for r in contents.recommendations) == [False, True]
    r = contents.recommendations[0]
    assert r.text == 'A generous collaborator, and "gets things done" & more.'
    assert r.job_title == "Staff Engineer, Platform"
    assert r.created_at == datetime(2022, 12, 9, 19, 18)
    kinds = {f.name: f.kind for f in contents.files}
    assert kinds == {
        "Recommendations_Given.csv": FileKind.RECOMMENDATIONS_GIVEN,
        "Recommendations_Received.csv": FileKind.RECOMMENDATIONS_RECEIVED,
    }


PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers"
)


@pytest.mark.parametrize("extra", ["", ",Contact Instructions,Country"])
def test_profile_both_variants(make_csv: MakeCsv, extra: str) -> None:
    row = 'Robin,Quill,,,,VP Engineering,Building.,Software,,"Berlin, Germany",,,'
    text = PROFILE + extra + "\n" + row + (",call me,DE" if extra else "")
    contents = read_archive(make_csv("Profile.csv", text))
    p = contents.profile
    assert p is not None
    assert (p.first_name, p.last_name, p.headline, p.industry, p.location) == (
        "Robin",
        "Quill",
        "VP Engineering",
        "Software",
        "Berlin, Germany",
    )


def test_positions_month_year_and_current(make_csv: MakeCsv) -> None:
    text = (
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Tyrell Corp,VP Engineering,,Berlin,Jun 2018,\n"
        'Globex,Engineer,"Built, shipped.",Paris,2017,May 2018\n'
    )
    current, past = read_archive(make_csv("Positions.csv", text)).positions
    assert (current.company, current.started_on, current.finished_on) == (
        "Tyrell Corp",
        date(2018, 6, 1),
        None,
    )
    assert (past.started_on, past.finished_on) == (date(2017, 1, 1), date(2018, 5, 1))


def test_files_not_read_are_listed_and_never_fail(make_folder: MakeFolder) -> None:
    folder = make_folder(
        {
            "Connections.csv": "First Name,Last Name,Email Address,Company,Position,Connected On\n"
            "Ann,Lee,,,,04 Jul 2023\n",
            "Skills.csv": "Name\nPython\n",
            "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities\n",
            "Jobs/Job Applications.csv": "Application Date,Company Name,Job Title",
            "Imported Contacts.csv": "FirstName,LastName,Emails\nnull,null,null\n",
            "Odd.csv": b"\x00\x01\xff\xfe junk \x81\x8d",
            # Real LinkedIn files that share columns with the kinds NetView reads:
            "Projects.csv": "Title,Description,Url,Started On,Finished On\nX,,,2019,2020\n",
            "Volunteering.csv": "Company Name,Role,Cause,Started On,Finished On,Description\n",
            "Organizations.csv": "Name,Description,Position,Started On,Finished On\n",
            "Certifications.csv": "Name,Url,Authority,Started On,Finished On,License Number\n",
            "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On\n",
            "Contacts.csv": "First Name,Last Name,Email Address,Company\nnull,null,null,null\n",
            "Member_Follows.csv": "Date,Status,FullName\n",
            "Comments.csv": "Date,Link,Message\n",
            "Articles/post.html": "<html></html>",
            "__MACOSX/._Connections.csv": b"\x00\x05\x16\x07",
        }
    )
    contents = read_archive(folder)
    assert len(contents.connections) == 1
    kinds = {f.name: f.kind for f in contents.files}
    assert kinds["Connections.csv"] is FileKind.CONNECTIONS
    assert [name for name, kind in kinds.items() if kind is not None] == ["Connections.csv"]
    assert len(kinds) == 15  # all but the __MACOSX junk
    assert not any("MACOSX" in name for name in kinds)
