"""Results given as two numbers: scores and vote counts (claimcheck.tallies)."""

from __future__ import annotations

import pytest

from claimcheck import tallies


@pytest.mark.parametrize(
    ("text", "kind", "high", "low"),
    [
        ("The board voted seven to two in favour.", "vote", 7, 2),
        ("The board voted seven to zero in favour.", "vote", 7, 0),  # (zero is a value, not "none")
        ("The decision went to a vote of three to two.", "vote", 3, 2),
        ("It backed the plan by a narrow 5-4 majority.", "vote", 5, 4),
        ("Dunmore Athletic beat Pellmouth Rovers 3-1.", "score", 3, 1),
        ("The council approved it with 11 votes in favour and six against.", "vote", 11, 6),
        ("The bill passed in a vote of 40 for and 38 against.", "vote", 40, 38),
    ],
)
def test_result(text: str, kind: str, high: int, low: int) -> None:
    tally = tallies.result(text)
    assert tally is not None and (tally.kind, tally.high, tally.low) == (kind, high, low)


def test_a_decimal_is_no_result() -> None:
    assert tallies.result("Rates rose by 3 to 4.5% this year.") is None
