"""Quantities: what is read from a text, and which pairs can both hold."""

from __future__ import annotations

import pytest

from claimcheck.model import Bound, Quantity
from claimcheck.quantities import (
    APPROXIMATE_TOLERANCE,
    can_both_hold,
    find_quantities,
    normalised,
    vague_count_range,
)

EXACT = Bound.EXACT
AT_LEAST = Bound.AT_LEAST
MORE_THAN = Bound.MORE_THAN
AT_MOST = Bound.AT_MOST
LESS_THAN = Bound.LESS_THAN

# text -> (span text, value, unit, kind, approximate, bound) of the one quantity found in it
SINGLE_CASES = [
    ("The firm employs 11,000 people.", "11,000", 11000.0, None, "count", False, EXACT),
    ("The ratio was 1.1 on average.", "1.1", 1.1, None, "count", False, EXACT),
    ("A deal worth 600 million.", "600 million", 600e6, None, "count", False, EXACT),
    ("Sales reached 1.1 billion units.", "1.1 billion", 1.1e9, None, "count", False, EXACT),
    ("Nissan had to invest €600m.", "€600m", 600e6, "EUR", "money", False, EXACT),
    ("The bid was $1.1bn.", "$1.1bn", 1.1e9, "USD", "money", False, EXACT),
    ("Debt stood at ¥3.5 trillion.", "¥3.5 trillion", 3.5e12, "JPY", "money", False, EXACT),
    ("The site has 2k followers.", "2k", 2000.0, None, "count", False, EXACT),
    ("Rescuers found four survivors.", "four", 4.0, None, "count", False, EXACT),
    ("It took twenty-five workers.", "twenty-five", 25.0, None, "count", False, EXACT),
    ("They hired a dozen lawyers.", "a dozen", 12.0, None, "count", False, EXACT),
    ("He led two hundred soldiers.", "two hundred", 200.0, None, "count", False, EXACT),
    ("Half a million voters stayed home.", "Half a million", 500e3, None, "count", False, EXACT),
    ("One and a half million fans came.", "One and a half million", 1.5e6, None, "count", False, EXACT),
    (
        "A total of three thousand two hundred.",
        "three thousand two hundred",
        3200.0,
        None,
        "count",
        False,
        EXACT,
    ),
    ("It was worth 600 million euros.", "600 million euros", 600e6, "EUR", "money", False, EXACT),
    ("It was worth EUR 600m.", "EUR 600m", 600e6, "EUR", "money", False, EXACT),
    ("Investors paid US$40 million.", "US$40 million", 40e6, "USD", "money", False, EXACT),
    ("The fee was £2.5m.", "£2.5m", 2.5e6, "GBP", "money", False, EXACT),
    ("A fine of 5 million Swiss francs.", "5 million Swiss francs", 5e6, "CHF", "money", False, EXACT),
    (
        "A grant of 30 million Canadian dollars.",
        "30 million Canadian dollars",
        30e6,
        "CAD",
        "money",
        False,
        EXACT,
    ),
    ("It raised 2 billion yen.", "2 billion yen", 2e9, "JPY", "money", False, EXACT),
    ("The ticket cost 50 pounds.", "50 pounds", 50.0, "GBP", "money", False, EXACT),
    ("They paid Rs 500 crore.", "Rs 500 crore", 5e9, "INR", "money", False, EXACT),
    ("A 5-dollar bill.", "5-dollar", 5.0, "USD", "money", False, EXACT),
    ("Shares fell 35%.", "35%", 35.0, "%", "percent", False, EXACT),
    ("Shares fell 35 percent.", "35 percent", 35.0, "%", "percent", False, EXACT),
    ("Shares fell 35 per cent.", "35 per cent", 35.0, "%", "percent", False, EXACT),
    ("Rates rose 25 basis points.", "25 basis points", 0.25, "pp", "percent", False, EXACT),
    ("Turnout rose 2.5 percentage points.", "2.5 percentage points", 2.5, "pp", "percent", False, EXACT),
    ("A 5-mile stretch of road.", "5-mile", 5.0, "mi", "measure", False, EXACT),
    ("The road runs 5 mi north.", "5 mi", 5.0, "mi", "measure", False, EXACT),
    ("The road runs 5 miles north.", "5 miles", 5.0, "mi", "measure", False, EXACT),
    ("A queue of 8 km formed.", "8 km", 8.0, "km", "measure", False, EXACT),
    ("The tunnel is 3 kilometres long.", "3 kilometres", 3.0, "km", "measure", False, EXACT),
    ("They seized 10 kg of cocaine.", "10 kg", 10.0, "kg", "measure", False, EXACT),
    ("A lorry carrying 2 tonnes of sand.", "2 tonnes", 2.0, "t", "measure", False, EXACT),
    ("Winds reached 40 mph.", "40 mph", 40.0, "mph", "measure", False, EXACT),
    ("The fire burned 100 acres.", "100 acres", 100.0, "acre", "measure", False, EXACT),
    ("It was 30 degrees outside.", "30 degrees", 30.0, "deg", "measure", False, EXACT),
    ("Temperatures hit 30°C.", "30°C", 30.0, "°C", "measure", False, EXACT),
    ("Overnight it fell to -5C.", "-5C", -5.0, "°C", "measure", False, EXACT),
    ("A 200-pound man was arrested.", "200-pound", 200.0, "lb", "measure", False, EXACT),
    ("The plant produces 500 MW.", "500 MW", 500.0, "MW", "measure", False, EXACT),
    ("The 100m sprint final.", "100m", 100.0, "m", "measure", False, EXACT),
    ("The new 42,000-seat stadium.", "42,000-seat", 42000.0, "seat", "count", False, EXACT),
    ("The stadium has 45,000 seats.", "45,000", 45000.0, None, "count", False, EXACT),
    ("It employs around 11,000 staff.", "around 11,000", 11000.0, None, "count", True, EXACT),
    ("It employs about 11,000 staff.", "about 11,000", 11000.0, None, "count", True, EXACT),
    ("Approximately 35% were engineers.", "Approximately 35%", 35.0, "%", "percent", True, EXACT),
    ("Some 300 people gathered.", "Some 300", 300.0, None, "count", True, EXACT),
    ("Nearly 40 people were hurt.", "Nearly 40", 40.0, None, "count", True, EXACT),
    ("An estimated 2,000 homes flooded.", "An estimated 2,000", 2000.0, None, "count", True, EXACT),
    ("Close to 5 million people.", "Close to 5 million", 5e6, None, "count", True, EXACT),
    ("Police counted ~500 protesters.", "~500", 500.0, None, "count", True, EXACT),
    ("They recruited 40-odd staff.", "40-odd", 40.0, None, "count", True, EXACT),
    ("It took 20 or so minutes.", "20 or so", 20.0, None, "count", True, EXACT),
    ("At least 30 people died.", "At least 30", 30.0, None, "count", False, AT_LEAST),
    ("It needs 30 or more votes.", "30 or more", 30.0, None, "count", False, AT_LEAST),
    ("No fewer than 12 firms bid.", "No fewer than 12", 12.0, None, "count", False, AT_LEAST),
    ("The fund has 50-plus members.", "50-plus", 50.0, None, "count", False, AT_LEAST),
    ("More than 45 were hurt.", "More than 45", 45.0, None, "count", False, MORE_THAN),
    ("It drew over 1,000 fans.", "over 1,000", 1000.0, None, "count", False, MORE_THAN),
    ("It cost upwards of $2bn.", "upwards of $2bn", 2e9, "USD", "money", False, MORE_THAN),
    ("It lasted well over 3 hours.", "well over 3 hours", 3.0, "h", "measure", False, MORE_THAN),
    ("Up to 30 jobs may go.", "Up to 30", 30.0, None, "count", False, AT_MOST),
    ("At most 5 seats remain.", "At most 5", 5.0, None, "count", False, AT_MOST),
    ("No more than 20 people may enter.", "No more than 20", 20.0, None, "count", False, AT_MOST),
    ("Fewer than 10 firms replied.", "Fewer than 10", 10.0, None, "count", False, LESS_THAN),
    (
        "It was less than six months into his term.",
        "less than six months",
        6.0,
        "month",
        "measure",
        False,
        LESS_THAN,
    ),
    ("Inflation stayed below 3%.", "below 3%", 3.0, "%", "percent", False, LESS_THAN),
    ("Children under 5 travel free.", "under 5", 5.0, None, "count", False, LESS_THAN),
    ("Up to around 30 jobs.", "Up to around 30", 30.0, None, "count", True, AT_MOST),
    ("It was her 4th win.", "4th", 4.0, None, "ordinal", False, EXACT),
    ("The second-largest bank.", "second", 2.0, None, "ordinal", False, EXACT),
    ("It signed a one-year deal.", "one-year", 1.0, "year", "measure", False, EXACT),
    ("The company, with 1,200 staff, grew.", "1,200", 1200.0, None, "count", False, EXACT),
    ("Bought for 2,000 dollars in 1999.", "2,000 dollars", 2000.0, "USD", "money", False, EXACT),
    ("More than 2000 people marched.", "More than 2000", 2000.0, None, "count", False, MORE_THAN),
    ("The side has 10 won so far.", "10", 10.0, None, "count", False, EXACT),
    ("A fine of 3 billion Korean won.", "3 billion Korean won", 3e9, "KRW", "money", False, EXACT),
    ("The plant makes 1.5m tonnes.", "1.5m tonnes", 1.5e6, "t", "measure", False, EXACT),
    ("More than a dozen people fled.", "More than a dozen", 12.0, None, "count", False, MORE_THAN),
    # Shares in words are percentages, approximate: a fraction in prose is a rounded share.
    ("Some two-thirds of voters agreed.", "Some two-thirds", 66.7, "%", "percent", True, EXACT),
    ("The farm grows a third of the pears.", "a third", 33.3, "%", "percent", True, EXACT),
    ("It sells more than a third of its wine.", "more than a third", 33.3, "%", "percent", True, MORE_THAN),
    ("It sells nearly two-thirds of its wine.", "nearly two-thirds", 66.7, "%", "percent", True, EXACT),
    ("It sells about two thirds of its wine.", "about two thirds", 66.7, "%", "percent", True, EXACT),
    ("Half of the crew stayed.", "Half", 50.0, "%", "percent", True, EXACT),
    ("A quarter of drivers abstained.", "A quarter", 25.0, "%", "percent", True, EXACT),
    ("One-fifth of the budget went on rent.", "One-fifth", 20.0, "%", "percent", True, EXACT),
    ("Under three-quarters of seats sold.", "Under three-quarters", 75.0, "%", "percent", True, LESS_THAN),
    ("Three in four drivers agreed.", "Three in four", 75.0, "%", "percent", True, EXACT),
    ("One in five adults cycles.", "One in five", 20.0, "%", "percent", True, EXACT),
    ("Three out of four tenants agreed.", "Three out of four", 75.0, "%", "percent", True, EXACT),
    ("Fewer than 1 in 10 firms replied.", "Fewer than 1 in 10", 10.0, "%", "percent", True, LESS_THAN),
    ("About one in every 100 parcels is lost.", "About one in every 100", 1.0, "%", "percent", True, EXACT),
    ("Just 3 in 1,000 cars failed.", "3 in 1,000", 0.3, "%", "percent", True, EXACT),
    # Counts in words are ranges (see test_vague_count_ranges); the value is the low end.
    ("Only a few engineers stayed.", "a few", 2.0, None, "count", False, EXACT),
    ("A handful of shops opened.", "A handful", 2.0, None, "count", False, EXACT),
    ("Dozens of flights were cancelled.", "Dozens", 12.0, None, "count", False, EXACT),
    ("Hundreds of homes flooded.", "Hundreds", 100.0, None, "count", False, EXACT),
    ("They sent thousands of letters.", "thousands", 1000.0, None, "count", False, EXACT),
    ("Tens of thousands of fans marched.", "Tens of thousands", 1e4, None, "count", False, EXACT),
    ("Hundreds of millions of users log in.", "Hundreds of millions", 1e8, None, "count", False, EXACT),
    ("A few hundred staff were hired.", "A few hundred", 100.0, None, "count", False, EXACT),
    ("Several thousand seats were empty.", "Several thousand", 1000.0, None, "count", False, EXACT),
    ("At least a few dozen people came.", "At least a few dozen", 12.0, None, "count", False, AT_LEAST),
    ("Some hundreds of birds died.", "Some hundreds", 100.0, None, "count", True, EXACT),
    # the size of a change as a fraction: "by nearly a quarter" (not a quarter of a year)
    ("The drug cut the risk by nearly a quarter.", "nearly a quarter", 25.0, "%", "percent", True, EXACT),
    ("Sales fell by a third in the year.", "a third", 33.3, "%", "percent", True, EXACT),
    ("It grew by two-thirds.", "two-thirds", 66.7, "%", "percent", True, EXACT),
]


@pytest.mark.parametrize(("text", "span", "value", "unit", "kind", "approximate", "bound"), SINGLE_CASES)
def test_reads_one_quantity(text, span, value, unit, kind, approximate, bound):
    (quantity,) = find_quantities(text)
    assert quantity.text == span
    assert text[quantity.start : quantity.end] == span
    assert quantity.value == pytest.approx(value)
    assert (quantity.unit, quantity.kind, quantity.approximate, quantity.bound) == (
        unit,
        kind,
        approximate,
        bound,
    )


NOT_QUANTITIES = [
    "The firm was founded in 2023 and listed in 1999.",
    "Call +44 20 7946 0958 or 555-123-4567 today.",
    "The Renault 4 and Renault 5 are built in France.",
    "The R4 and R5 models sold well.",
    "The race started at 3:42 and ended at 5pm.",
    "COVID-19 delayed the F-35 programme until mid-2025.",
    "No one knew; one of them demanded one-off payments.",
    "The Big Four audit firms and Formula One.",
    "A two-thirds majority is needed in the second half of the year.",
    "Quite a few people came; a few days later a quarter of an hour passed.",
    "It cost millions of dollars, took thousands of hours and thousands more.",
    "The 1990s, the 2024-25 season and 24/7 service.",
    "He installed version 2.0.1 on 192.168.0.1 yesterday.",
    "The new 5G network and a 3D printer.",
    "He lives at No. 10 and wore #9.",
    "Products: the Boeing 737 and Article 50.",
    "Models such as the Renault 5, 4 and Twingo.",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_reads_no_quantity(text):
    assert find_quantities(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "He ran one in 10 minutes.",  # a time, not a share
        "She won 3 in 2019.",  # a count and a year
        "Two halves of the loaf were left.",  # parts, not a share
        "A third man was arrested.",  # a rank
        "It ended a decade and a half of unrest.",  # the end of a number
        "He scored twice in the second half of the match.",  # a period
        "It was the third of five votes.",
    ],
)
def test_reads_no_share(text):
    assert all(q.kind != "percent" for q in find_quantities(text))


def test_ratio_terms_are_not_counts_of_their_own():
    assert [(q.text, q.kind) for q in find_quantities("One in 5 pupils boards; 145 pupils do not.")] == [
        ("One in 5", "percent"),
        ("145", "count"),
    ]


VAGUE_RANGES = [
    ("a few", (2, 12)),
    ("a handful", (2, 12)),
    ("dozens", (12, 200)),
    ("hundreds", (100, 2_000)),
    ("thousands", (1_000, 1_000_000)),
    ("tens of thousands", (10_000, 200_000)),
    ("hundreds of thousands", (100_000, 2_000_000)),
    ("millions", (10**6, 10**9)),
    ("a few dozen", (12, 120)),
    ("several hundred", (100, 1_000)),
    ("a few hundred thousand", (100_000, 1_000_000)),
    ("more than a few", (2, 12)),
]


@pytest.mark.parametrize(("text", "expected"), VAGUE_RANGES)
def test_vague_count_ranges(text, expected):
    assert vague_count_range(_one(text)) == expected


@pytest.mark.parametrize("text", ["12,000", "a dozen", "two hundred", "35%", "a third of it"])
def test_numbers_are_not_vague(text):
    assert vague_count_range(_one(text)) is None


RANGE_CASES = [
    (
        "between €5 and €10 million",
        [("between €5", 5e6, "EUR", AT_LEAST), ("€10 million", 10e6, "EUR", AT_MOST)],
    ),
    ("€5-10 million", [("€5", 5e6, "EUR", AT_LEAST), ("10 million", 10e6, "EUR", AT_MOST)]),
    ("between 10 and 15% of staff", [("between 10", 10.0, "%", AT_LEAST), ("15%", 15.0, "%", AT_MOST)]),
    ("3 to 5 miles away", [("3", 3.0, "mi", AT_LEAST), ("5 miles", 5.0, "mi", AT_MOST)]),
    ("profits rose from 5% to 7%", [("5%", 5.0, "%", EXACT), ("7%", 7.0, "%", EXACT)]),
    ("a 50-50 split", [("50", 50.0, None, EXACT), ("50", 50.0, None, EXACT)]),
]


@pytest.mark.parametrize(("text", "expected"), RANGE_CASES)
def test_ranges_share_scale_and_unit(text, expected):
    found = [(q.text, q.value, q.unit, q.bound) for q in find_quantities(text)]
    assert found == [(span, pytest.approx(value), unit, bound) for span, value, unit, bound in expected]


def test_offsets_are_sorted_and_relative_to_text():
    text = "In 2023, around 11,000 staff, approximately 35% engineers, cost €600 million."
    found = find_quantities(text)
    assert [q.text for q in found] == ["around 11,000", "approximately 35%", "€600 million"]
    assert all(text[q.start : q.end] == q.text for q in found)
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_skip_spans_are_not_returned():
    text = "For three years, about 400 people worked there."
    years = text.index("three years")
    assert [q.text for q in find_quantities(text)] == ["three years", "about 400"]
    found = find_quantities(text, skip=((years, years + len("three years")),))
    assert [q.text for q in found] == ["about 400"]


def test_skip_span_is_never_read_as_a_modifier():
    text = "It was up to 30 at most"
    # a time expression ending right before the number keeps its words to itself
    found = find_quantities(text, skip=((7, 12),))
    assert [(q.text, q.bound) for q in found] == [("30", EXACT)]


def test_overlapping_skip_spans_are_merged():
    text = "Since May 2024, 300 people and 40 cars."
    found = find_quantities(text, skip=((10, 14), (6, 14)))
    assert [q.text for q in found] == ["300", "40"]


def test_skip_span_overlapping_part_of_a_quantity_drops_it():
    text = "They spent €600 million in May."
    assert find_quantities(text, skip=((15, 23),)) == ()


def _one(text: str) -> Quantity:
    (quantity,) = find_quantities(text)
    return quantity


HOLD_CASES = [
    ("around 11,000 staff", "11,000 employees", True),
    ("€90 million", "€75 million", False),
    ("42,000", "45,000", False),
    ("at least 30", "more than 45", True),
    ("$1.1 billion", "$850 million", False),
    ("€600m", "600 million euros", True),
    ("5-mile", "5 mi", True),
    ("35%", "35 percent", True),
    ("at least 30", "25", False),
    ("fewer than 10", "12", False),
    ("up to 30", "20", True),
    ("1.1 billion", "1,080,000,000", True),
    ("1.1 billion", "1.2 billion", False),
    ("4", "5", False),
    ("five", "5", True),
    ("more than 45", "45", False),
    ("at least 45", "45", True),
    ("less than 10", "10", False),
    ("at most 10", "10", True),
    ("up to 30", "fewer than 10", True),
    ("more than 45", "fewer than 40", False),
    ("about 100", "109", True),
    ("about 100", "115", False),
    ("€600 million", "$600 million", True),
    ("35%", "35 percentage points", True),
    ("11,000", "11,000%", True),
    ("5 miles", "6 miles", False),
    ("8 km", "5 miles", True),
    ("30°C", "86°F", True),
    ("30°C", "50°F", False),
    ("2 tonnes", "2,000 kg", True),
    ("100 acres", "10 hectares", False),
    ("42,000-seat", "45,000", False),
    ("42,000-seat", "42,000", True),
    ("half a million", "520,000", True),
    ("2 billion euros", "€2.4bn", True),
    ("25 basis points", "0.25 percentage points", True),
    # Shares in words against written percentages.
    ("more than a third of it", "less than 10%", False),
    ("a third of it", "33%", True),
    ("a third of it", "30%", True),
    ("a third of it", "20%", False),
    ("half of it", "48%", True),
    ("half of it", "30%", False),
    ("nearly two-thirds of it", "65 percent", True),
    ("one in five", "20%", True),
    ("three in four", "40%", False),
    ("a third of it", "one in three", True),
    # Counts in words: only a count outside the whole range conflicts.
    ("a few", "thousands", False),
    ("a few", "10", True),
    ("a few", "40", False),
    ("thousands", "12,000", True),
    ("thousands", "500", False),
    ("hundreds", "about 300", True),
    ("hundreds", "50", False),
    ("dozens", "about 40", True),
    ("dozens", "hundreds", True),
    ("tens of thousands", "85,000", True),
    ("a few hundred", "5,000", False),
    ("more than a few", "40", True),
    ("up to hundreds", "5,000", False),
    ("millions", "thousands", True),
]


@pytest.mark.parametrize(("first", "second", "expected"), HOLD_CASES)
def test_can_both_hold(first, second, expected):
    a, b = _one(first), _one(second)
    assert can_both_hold(a, b) is expected
    assert can_both_hold(b, a) is expected


def test_count_nouns_that_differ_are_not_comparable():
    seats = Quantity(0, 0, "", 42000.0, unit="seat")
    staff = Quantity(0, 0, "", 45000.0, unit="employee")
    assert can_both_hold(seats, staff)


def test_tolerance_closes_a_small_gap():
    a, b = _one("8.00 km"), _one("5.00 miles")
    assert not can_both_hold(a, b)
    assert can_both_hold(a, b, tolerance=0.01)
    assert not can_both_hold(_one("€90 million"), _one("€75 million"), tolerance=0.01)


def test_approximate_tolerance_is_the_module_constant():
    assert pytest.approx(0.10) == APPROXIMATE_TOLERANCE
    base = Quantity(0, 0, "", 100.0, approximate=True)
    assert can_both_hold(base, Quantity(0, 0, "", 100.0 * (1 + APPROXIMATE_TOLERANCE)))
    assert can_both_hold(base, Quantity(0, 0, "", 100.0 * (1 - APPROXIMATE_TOLERANCE)))
    assert not can_both_hold(base, Quantity(0, 0, "", 100.0 * (1 + 2 * APPROXIMATE_TOLERANCE)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€600 million", "EUR 600000000"),
        ("11,000", "11000"),
        ("at least 30", ">=30"),
        ("more than 45", ">45"),
        ("up to 30", "<=30"),
        ("fewer than 10", "<10"),
        ("around 11,000", "~11000"),
        ("5-mile", "5 mi"),
        ("35 per cent", "35%"),
        ("42,000-seat", "42000 seat"),
        ("$1.1bn", "USD 1100000000"),
        ("25 basis points", "0.25 pp"),
        ("4th", "#4"),
        ("a third of it", "~33.3%"),
        ("more than half of it", ">~50%"),
        ("hundreds", "100-2000"),
        ("about tens of thousands", "~10000-200000"),
        ("more than a few", ">2"),
        ("up to thousands", "<=1000000"),
    ],
)
def test_normalised(text, expected):
    assert normalised(_one(text)) == expected


def test_two_quarters_of_something_is_time_not_a_share():
    assert find_quantities("The economy shrank for two quarters of decline.") == ()
    assert [q.value for q in find_quantities("Three quarters of the staff agreed.")] == [75.0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("cut rates by a quarter point", 0.25),
        ("raised rates by half a point", 0.5),
        ("a quarter-point cut", 0.25),
        ("by a quarter of a percentage point", 0.25),
        ("by three-quarters of a point", 0.75),
    ],
)
def test_moves_of_a_point_in_words_are_percentage_points(text, value):
    (found,) = find_quantities(text)
    assert (found.value, found.unit, found.kind) == (value, "pp", "percent")


def test_a_point_that_is_no_move_is_no_figure():
    assert find_quantities("a point of order") == ()
