"""Every date format of the exports and their Excel re-saves, independent of the locale."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netview.io.linkedin.dates import AmbiguousColumn, column_order, parse_date, parse_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04 Jul 2023", datetime(2023, 7, 4)),  # Connections since 2020
        ("16 Dec 2024", datetime(2024, 12, 16)),
        ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14)),  # 2018, US month first
        ("10/16/18, 8:36 AM", datetime(2018, 10, 16, 8, 36)),
        ("12/15/24, 7:47 AM", datetime(2024, 12, 15, 7, 47)),  # Invitations
        ("12/09/22, 07:18 PM", datetime(2022, 12, 9, 19, 18)),  # Recommendations
        ("12/09/22, 12:05 AM", datetime(2022, 12, 9, 0, 5)),
        ("12/09/22, 12:05 PM", datetime(2022, 12, 9, 12, 5)),
        ("2019-11-06T02:08:20", datetime(2019, 11, 6, 2, 8, 20)),  # early-2020 messages
        ("2024-12-16 18:24:37 UTC", datetime(2024, 12, 16, 18, 24, 37)),  # messages
        ("2024/12/15 08:53:43 UTC", datetime(2024, 12, 15, 8, 53, 43)),  # endorsements
        ("16.09.2021", datetime(2021, 9, 16)),  # Excel, day first
        ("16.09.2021 18:24", datetime(2021, 9, 16, 18, 24)),
        ("23-Apr-23", datetime(2023, 4, 23)),  # Excel
        ("23-Apr-2023", datetime(2023, 4, 23)),
        ("Jun 2018", datetime(2018, 6, 1)),  # Positions
        ("September 2018", datetime(2018, 9, 1)),
        ("2017", datetime(2017, 1, 1)),
        ("  04 Jul 2023 ", datetime(2023, 7, 4)),
    ],
)
def test_every_export_date_format(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected
    assert parse_datetime(text).tzinfo is None


def test_slash_date_with_day_over_12_is_read_day_first() -> None:
    # An Excel re-save in a day-first locale; 25 cannot be a month.
    assert parse_date("25/12/2021") == date(2021, 12, 25)


@pytest.mark.parametrize(
    "text", ["", "yesterday", "31 Foo 2020", "13/13/20", "2024-02-30 10:00:00 UTC", "NA", "1.2"]
)
def test_unreadable_dates_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@given(st.datetimes(min_value=datetime(2003, 1, 1), max_value=datetime(2069, 12, 31)))
def test_formats_round_trip(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    d = moment.date()
    mon = _MON[d.month - 1]
    hour12 = moment.hour % 12 or 12
    ampm = "AM" if moment.hour < 12 else "PM"
    us = f"{d.month}/{d.day}/{d.year % 100:02d}, {hour12}:{moment.minute:02d} {ampm}"
    assert parse_datetime(us) == moment.replace(second=0)
    assert parse_datetime(moment.strftime("%Y-%m-%d %H:%M:%S UTC")) == moment
    assert parse_datetime(moment.strftime("%Y/%m/%d %H:%M:%S UTC")) == moment
    assert parse_datetime(moment.strftime("%Y-%m-%dT%H:%M:%S")) == moment
    assert parse_date(f"{d.day:02d} {mon} {d.year}") == d
    assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == d
    assert parse_date(f"{d.day}-{mon}-{d.year % 100:02d}") == d


@pytest.mark.parametrize(
    ("column", "day_first"),
    [
        (["03/04/2021", "25/04/2021"], True),  # 25 cannot be a month: the whole column
        (["04/03/2021", "04/25/2021"], False),
        (["1/8/18, 6:14 PM", "3/4/18, 9:00 AM"], False),  # LinkedIn's own shape: US order
        (["05/05/2021", "16.09.2021", "04 Jul 2023"], False),  # nothing to decide
        ([], False),
    ],
)
def test_day_and_month_order_is_decided_per_column(column: list[str], day_first: bool) -> None:
    assert column_order(column, "Connected On") is day_first


@pytest.mark.parametrize(
    ("column", "says"),
    [
        (["03/04/2021", "05/06/2021"], "'03/04/2021'"),  # either order fits every value
        (["25/04/2021", "04/25/2021"], "mixes"),
    ],
)
def test_an_ambiguous_column_is_refused_by_name(column: list[str], says: str) -> None:
    with pytest.raises(AmbiguousColumn) as refused:
        column_order(column, "Sent At")
    assert "'Sent At'" in str(refused.value) and says in str(refused.value)


@given(st.lists(st.dates(min_value=date(2003, 1, 1), max_value=date(2069, 12, 31)), min_size=1))
def test_a_day_first_column_reads_back_every_date(days: list[date]) -> None:
    column = [f"{d.day:02d}/{d.month:02d}/{d.year}" for d in days] + ["25/12/2020"]
    assert column_order(column, "Date") is True
    assert [parse_date(c, True) for c in column[:-1]] == days
