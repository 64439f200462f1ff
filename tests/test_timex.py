"""TIMEX3 resolution: each rule with a value stated by hand, at the expression's own granularity."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natokg.timex import WEEKDAYS, resolve

THURSDAY = date(2026, 2, 12)  # a Thursday in ISO week 2026-W07
FEB_2024 = date(2024, 2, 15)


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "value"),
    [
        ("Thursday", THURSDAY, "past", "2026-02-12"),  # the report's own weekday is that day
        ("Thursday", THURSDAY, None, "2026-02-12"),
        ("Monday", THURSDAY, None, "2026-02-09"),  # default: the nearest earlier Monday
        ("Monday", THURSDAY, "past", "2026-02-09"),
        ("Monday", THURSDAY, "future", "2026-02-16"),
        ("Friday", THURSDAY, "future", "2026-02-13"),
        ("today", THURSDAY, None, "2026-02-12"),
        ("Today", THURSDAY, "future", "2026-02-12"),
        ("today", THURSDAY, "generic", "PRESENT_REF"),  # "the challenges we face today": nowadays
        ("Monday", THURSDAY, "generic", "2026-02-09"),  # the generic present moves no weekday
        ("yesterday", THURSDAY, None, "2026-02-11"),
        ("tomorrow", THURSDAY, None, "2026-02-13"),
        ("yesterday", date(2026, 3, 1), None, "2026-02-28"),  # across a month end
        ("in December", THURSDAY, "past", "2025-12"),
        ("December", THURSDAY, None, "2025-12"),  # nearest December: two months back
        ("December", THURSDAY, "future", "2026-12"),
        ("July", FEB_2024, None, "2024-07"),  # nearest July: five months ahead
        ("July", FEB_2024, "past", "2023-07"),
        ("February", THURSDAY, "past", "2026-02"),  # the anchor's own month
        ("last year", THURSDAY, None, "2025"),
        ("this year", THURSDAY, None, "2026"),
        ("next year", THURSDAY, None, "2027"),
        ("last month", THURSDAY, None, "2026-01"),
        ("last month", date(2026, 1, 5), None, "2025-12"),
        ("later this month", date(2025, 6, 5), None, "2025-06"),
        ("this week", THURSDAY, None, "2026-W07"),
        ("next week", THURSDAY, None, "2026-W08"),
        ("last week", date(2026, 1, 1), None, "2025-W52"),  # ISO year of 25 Dec 2025
        ("this week", date(2021, 1, 2), None, "2020-W53"),  # 2 Jan 2021 lies in ISO week 53 of 2020
        ("this summer", THURSDAY, None, "2026-SU"),
        ("last summer", THURSDAY, None, "2025-SU"),
        ("next spring", THURSDAY, None, "2026-SP"),
        ("two years ago", THURSDAY, None, "2024"),
        ("three days ago", THURSDAY, None, "2026-02-09"),
        ("June 24", date(2025, 6, 5), None, "2025-06-24"),
        ("June 24", date(2025, 6, 5), "past", "2024-06-24"),
    ],
)
def test_relative_expressions(expression: str, anchor: date, tense: str | None, value: str) -> None:
    found = resolve(expression, anchor, tense=tense)
    assert found.value == value
    assert found.anchor == anchor
    assert found.type == "DATE"


@pytest.mark.parametrize(
    ("expression", "value", "mod"),
    [
        ("June 24, 2025", "2025-06-24", None),
        ("June 5, 2025", "2025-06-05", None),
        ("5 June 2025", "2025-06-05", None),
        ("on June 5, 2025", "2025-06-05", None),
        ("March 2022", "2022-03", None),
        ("2035", "2035", None),
        ("by 2035", "2035", "ON_OR_BEFORE"),
        ("in 1951", "1951", None),
        ("the 1940s", "194", None),
        ("the late 1940s", "194", "END"),
        ("the early 2000s", "200", "START"),
        ("the 19th century", "18", None),
        ("2025-06-24", "2025-06-24", None),
    ],
)
def test_absolute_expressions_need_no_anchor(expression: str, value: str, mod: str | None) -> None:
    found = resolve(expression, None)
    assert (found.value, found.mod, found.anchor) == (value, mod, None)


def test_range_keeps_start_and_end() -> None:
    found = resolve("June 24-26", date(2025, 6, 5))
    assert (found.value, found.end) == ("2025-06-24", "2025-06-26")
    absolute = resolve("June 24-26, 2025", None)
    assert (absolute.value, absolute.end) == ("2025-06-24", "2025-06-26")


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("now", "PRESENT_REF"),
        ("Now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the past", "PAST_REF"),
        ("in the future", "FUTURE_REF"),
        ("soon", "FUTURE_REF"),
    ],
)
def test_references(expression: str, value: str) -> None:
    assert resolve(expression, THURSDAY).value == value
    assert resolve(expression, None).value == value  # a reference needs no anchor


@pytest.mark.parametrize(
    ("expression", "value"),
    [("three years", "P3Y"), ("for 10 days", "P10D"), ("for decades", "PXDE"), ("years", "PXY"), ("two weeks", "P2W")],
)
def test_durations(expression: str, value: str) -> None:
    found = resolve(expression, THURSDAY)
    assert (found.value, found.type) == (value, "DURATION")


@pytest.mark.parametrize("expression", ["Thursday", "last year", "this week", "in December", "yesterday", "June 24"])
def test_relative_without_anchor_is_not_guessed(expression: str) -> None:
    found = resolve(expression, None)
    assert found.value is None
    assert found.method == "unresolved"


@pytest.mark.parametrize("expression", ["the other day", "a while", "Brussels", "", "February 30, 2026", "Feb 30"])
def test_unknown_or_impossible_is_none(expression: str) -> None:
    assert resolve(expression, THURSDAY).value is None


def test_bad_tense_is_refused() -> None:
    with pytest.raises(ValueError, match="tense"):
        resolve("Thursday", THURSDAY, tense="pluperfect")


# Properties over many anchors (hypothesis): the calendar rules hold for every day, not just the examples.
anchors = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@given(anchors, st.sampled_from(sorted(WEEKDAYS)), st.sampled_from([None, "past", "future"]))
def test_weekday_is_that_day_within_a_week(anchor: date, name: str, tense: str | None) -> None:
    found = date.fromisoformat(resolve(name.capitalize(), anchor, tense=tense).value)
    assert found.weekday() == WEEKDAYS[name]
    offset = (found - anchor).days
    assert (0 <= offset <= 6) if tense == "future" else (-6 <= offset <= 0)


@given(anchors)
def test_week_and_year_values_follow_iso_calendar(anchor: date) -> None:
    year, week, _ = anchor.isocalendar()
    assert resolve("this week", anchor).value == f"{year}-W{week:02d}"
    assert resolve("last year", anchor).value == str(anchor.year - 1)
    assert resolve("yesterday", anchor).value == date.fromordinal(anchor.toordinal() - 1).isoformat()


@given(anchors, st.integers(min_value=1, max_value=12))
def test_month_without_year_is_within_six_months(anchor: date, month: int) -> None:
    name = date(2000, month, 1).strftime("%B")
    value = resolve(name, anchor).value
    year, got_month = map(int, value.split("-"))
    assert got_month == month
    assert abs((year * 12 + got_month) - (anchor.year * 12 + anchor.month)) <= 6
