"""Tests for claimcheck.temporal: TIMEX3 values, intervals, relations, anaphora and ranges."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from claimcheck.model import Granularity, TimeMention, TimeValue
from claimcheck.temporal import contains, disjoint, find_ranges, find_times, find_times_from, overlaps

CASES = tomllib.loads((Path(__file__).parent / "temporal_cases.toml").read_text(encoding="utf-8"))["case"]
ANCHOR = date(2024, 6, 12)  # a Wednesday, ISO week 24


def _mention(text: str, span: str, anchor: date | None = ANCHOR) -> TimeMention:
    found = find_times(text, anchor)
    for m in found:
        if m.text == span:
            return m
    raise AssertionError(f"{span!r} not found in {text!r}; got {[m.text for m in found]}")


def _time(text: str, anchor: date | None = ANCHOR) -> TimeValue:
    found = find_times(text, anchor)
    assert len(found) == 1, [m.text for m in found]
    return found[0].time


@pytest.mark.parametrize("case", CASES, ids=[f"{c['mention']}|{c['text'][:30]}" for c in CASES])
def test_expression(case: dict) -> None:
    m = _mention(case["text"], case["mention"], case.get("anchor"))
    assert (m.time.type, m.time.value) == (case["type"], case["value"])
    if "mod" in case:
        assert (m.time.mod or "") == case["mod"]
    assert case["text"][m.start : m.end] == m.text


def test_enough_cases() -> None:
    assert len(CASES) >= 80


# --- intervals of fuzzy and bounded expressions ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("late 2023", date(2023, 9, 1), date(2023, 12, 31)),
        ("early 2025", date(2025, 1, 1), date(2025, 4, 30)),
        ("mid-2025", date(2025, 4, 1), date(2025, 9, 30)),
        ("the end of 2025", date(2025, 10, 1), date(2025, 12, 31)),
        ("the beginning of 2025", date(2025, 1, 1), date(2025, 3, 31)),
        ("the summer of 2025", date(2025, 6, 1), date(2025, 8, 31)),
        ("spring of 2023", date(2023, 3, 1), date(2023, 5, 31)),
        ("early March 2024", date(2024, 3, 1), date(2024, 3, 10)),
        ("late February 2024", date(2024, 2, 21), date(2024, 2, 29)),
        ("Q1 2024", date(2024, 1, 1), date(2024, 3, 31)),
        ("the second half of 2024", date(2024, 7, 1), date(2024, 12, 31)),
        ("the 1990s", date(1990, 1, 1), date(1999, 12, 31)),
        ("since 2020", date(2020, 1, 1), None),
        ("by 2030", None, date(2030, 12, 31)),
        ("not before 2031", date(2031, 1, 1), None),
        ("before 2031", None, date(2030, 12, 31)),
        ("after 2025", date(2026, 1, 1), None),
        ("this week", date(2024, 6, 10), date(2024, 6, 16)),
        ("earlier this month", date(2024, 6, 1), ANCHOR),
        ("later this year", ANCHOR, date(2024, 12, 31)),
        # a winter's interval holds both readings (Jan-Feb, Dec-Feb); a part of it stays whole
        ("the middle of winter 2025", date(2025, 1, 1), date(2026, 2, 28)),
    ],
)
def test_interval(text: str, earliest: date | None, latest: date | None) -> None:
    tv = _time(text)
    assert (tv.earliest, tv.latest) == (earliest, latest)


def test_granularity() -> None:
    assert _time("March 2024").granularity is Granularity.MONTH
    assert _time("2024").granularity is Granularity.YEAR
    assert _time("Q3 2024").granularity is Granularity.QUARTER
    assert _time("the 1990s").granularity is Granularity.DECADE
    assert _time("May 5, 2024").granularity is Granularity.DAY


# --- relations -------------------------------------------------------------------------------


def test_contains() -> None:
    assert contains(_time("late 2023"), _time("November 2023"))
    assert contains(_time("2024"), _time("January 2024"))
    assert contains(_time("spring of 2023"), _time("April 2023"))
    assert contains(_time("since 2020"), _time("June 2030"))
    assert not contains(_time("late 2023"), _time("February 2023"))
    assert not contains(_time("January 2024"), _time("2024"))
    assert not contains(_time("by 2030"), _time("since 2020"))


def test_overlaps() -> None:
    assert overlaps(_time("the summer of 2025"), _time("mid-2025"))
    assert overlaps(_time("by 2030"), _time("June 2030"))
    assert not overlaps(_time("2023"), _time("2024"))


def test_disjoint() -> None:
    assert disjoint(_time("not before 2031"), _time("June 2030"))
    assert disjoint(_time("before 2031"), _time("2031"))
    assert disjoint(_time("late 2023"), _time("early 2023"))
    assert not disjoint(_time("by 2030"), _time("June 2030"))
    assert not disjoint(_time("the summer of 2025"), _time("mid-2025"))


def test_unknown_is_never_disjoint() -> None:
    friday = _time("on Friday", anchor=None)
    assert friday.earliest is None and friday.latest is None
    assert not disjoint(friday, _time("2024"))
    assert not overlaps(friday, _time("2024"))
    assert not disjoint(_time("a decade"), _time("2024"))


# --- anaphora --------------------------------------------------------------------------------


def test_later_that_year() -> None:
    m = _mention("The plant opened in June 2011. Later that year, it closed.", "Later that year")
    assert m.time.value == "2011"
    assert (m.time.earliest, m.time.latest) == (date(2011, 6, 1), date(2011, 12, 31))


def test_following_year() -> None:
    m = _mention("The merger was agreed in 2015. The following year, profits doubled.", "The following year")
    assert m.time.value == "2016"


def test_same_day() -> None:
    m = _mention("It was announced on March 3, 2019. The same day, shares fell.", "The same day")
    assert m.time.value == "2019-03-03"


def test_since_then() -> None:
    m = _mention("The company listed in May 2010. Since then, it has grown.", "Since then")
    assert (m.time.value, m.time.mod) == ("2010-05", "ON_OR_AFTER")
    assert (m.time.earliest, m.time.latest) == (date(2010, 5, 1), None)


def test_years_later() -> None:
    m = _mention("The firm was founded in 2001. Two years later it went public.", "Two years later")
    assert m.time.value == "2003"


def test_anaphor_without_antecedent_is_underspecified() -> None:
    m = _mention("That year, the river flooded.", "That year")
    assert m.time.value == "XXXX" and m.time.earliest is None


# --- ranges ----------------------------------------------------------------------------------


def test_range_gives_two_mentions_and_one_range() -> None:
    text = "Exports grew from 2015 to 2020."
    assert [m.text for m in find_times(text, ANCHOR)] == ["2015", "2020"]
    assert all(m.time.mod is None for m in find_times(text, ANCHOR))
    (r,) = find_ranges(text, ANCHOR)
    assert r.text == "from 2015 to 2020"
    assert (r.time.value, r.time.earliest, r.time.latest) == (
        "2015/2020",
        date(2015, 1, 1),
        date(2020, 12, 31),
    )


def test_range_between_months() -> None:
    (r,) = find_ranges("Prices rose between January 2024 and March 2025.", ANCHOR)
    assert (r.time.earliest, r.time.latest) == (date(2024, 1, 1), date(2025, 3, 31))


def test_hyphenated_year_range() -> None:
    text = "the swine flu pandemic of 2009-10"
    assert [m.time.value for m in find_times(text, ANCHOR)] == ["2009", "2010"]
    (r,) = find_ranges(text, ANCHOR)
    assert r.time.value == "2009/2010"


# --- things that are not times ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "About 2024 people signed the petition.",
        "The fund raised $2019 million.",
        "Prices may rise again.",
        "A 50-year-old man was arrested.",
        "Children aged 6 months and older can be vaccinated.",
        "Call 555-2013 for details.",
        "The score was 2,024 points.",
        "A quarter of voters stayed at home.",  # a share, read by quantities
        "Three quarters of the staff signed.",
    ],
)
def test_not_a_time(text: str) -> None:
    assert find_times(text, ANCHOR) == ()


def test_offsets_sorted_and_disjoint() -> None:
    text = "On Friday, two years after the 2009-2010 crisis and since May 2010, talks resumed at 3 p.m."
    found = find_times(text, ANCHOR)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for m in found:
        assert text[m.start : m.end] == m.text


# -- issue 10: any anchor, any number of dates ---------------------------------------------------

EXTREME_TEXT = (
    "Yesterday, tomorrow, last week, next week, last month, next month, last year, next year, "
    "the previous decade, next century, 3 days ago, in two years, last Monday, next Friday, on Friday, "
    "early last year, by the end of next year, from Monday to Friday, at 5 pm tomorrow, a year earlier, "
    "the following day, this time next year, since last spring, later this year, 1000 years ago."
)


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(1, 1, 7), date(9999, 12, 31), date(9999, 12, 25)])
def test_relative_dates_at_the_ends_of_the_calendar_do_not_raise(anchor):
    """Row 2: 'yesterday' on 0001-01-01 was an OverflowError, 'next year' on 9999-12-31 a ValueError."""
    found = find_times_from(EXTREME_TEXT, 0, anchor, ranges=True)
    assert all(m.time.earliest is None or date.min <= m.time.earliest for m in found)


def test_selection_is_linear_in_the_number_of_dates():
    """Row 5: choosing among candidates compared each with every mention kept (20,000 dates:
    35 s before, a fraction of a second now); timings live in benchmarks/."""
    from claimcheck.temporal import _Cand, _select

    cands = [_Cand(10 * i, 10 * i + 8, 0, None) for i in range(20_000)]
    cands += [_Cand(10 * i + 4, 10 * i + 9, 1, None) for i in range(20_000)]  # each overlaps one kept
    chosen = _select(cands)
    assert [c.start for c in chosen] == [10 * i for i in range(20_000)]
