"""Direction conflict: one measure said to go up in one place and down, or to stay as it was,
in another ("Pellmark profit climbs" / "net income dropped 18 percent"; "revenue rose 4%" /
"sales slipped 2 percent"; "raised its dividend" / "kept its dividend unchanged").

A measure is what the verb moves: the subject of "rise", "fall", "be up", "hold steady", the
object of "raise", "cut", "keep ... unchanged". Two claims speak of one measure when their
nouns are one class of ``[synonyms]`` ("profit", "earnings", "net income"), they are in one
article or two reports of one story, nothing names two owners ("Pellmark shares" / "Tarrow
shares"), two kinds of it ("operating profit" / "net profit"), two periods ("quarterly" /
"full-year") or two places ("sales in Europe" / "sales in Asia"), and their dates meet. A
change reported on two days is no contradiction unless both date it to one past occasion
("shares rose 18% on Monday" / "shares fell 6% on Monday"). Not measures of the news: a move
in a clause of time ("slow to respond when inflation first surged"), one over a stretch of
time ("had risen by a third over the previous twelve months"), a part of a body voting for a
move ("two of the seven members voted to keep rates unchanged"), people and pronouns.

Options: none.

Passes: "Revenue rose 4% in the quarter. Sales in Europe fell 5%."
Fails: "Pellmark quarterly profit climbs despite weak Europe" (headline) / "Net income dropped
18 percent to $212m in the second quarter."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.align import CandidatePair
from claimcheck.events import Movement, movement
from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    comparable_modality,
    dated_apart,
    hedged,
    one_past_occasion,
    other_owners,
    render_message,
    reported_on_two_days,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "{subject}: '{a}' in one place, '{b}' in another"

# Modifiers that name which of several measures of one kind is meant: a firm's operating and
# net profit, its quarterly and full-year results, move apart without contradiction.
_KINDS = (
    frozenset("operating pretax pre-tax gross net underlying adjusted core".split()),
    frozenset(
        "quarterly annual full-year half-year first-half second-half monthly yearly weekly daily".split()
    ),
)


# Words that describe the one measure of its kind rather than pick one of several: "the main
# policy rate" and "its benchmark rate" are one rate.
_DESCRIPTIVE = frozenset("main key benchmark policy headline official overall total".split())


@dataclass(frozen=True, slots=True)
class Options:
    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        return cls()


def _kinds_apart(a: Movement, b: Movement) -> bool:
    """Words name two measures of one kind: "onion prices" / "potato prices", "operating
    profit" / "net profit", "quarterly" / "full-year"; one unqualified may be either."""
    first, second = a.qualifiers - _DESCRIPTIVE, b.qualifiers - _DESCRIPTIVE
    if first and second and not first & second:
        return True
    if a.qualifiers and b.qualifiers and bool(first) != bool(second):
        return True  # "the key rate" / "the jobless rate": the one rate a bank sets, and another
    return any(
        (a.qualifiers & kind) and (b.qualifiers & kind) and (a.qualifiers & kind) != (b.qualifiers & kind)
        for kind in _KINDS
    )


def _reported_apart(a: Claim, b: Claim) -> bool:
    """Reports of two days may each be right about a measure that moves from day to day,
    unless both date the move to one past occasion. (Every claim here states a change, so
    the text marking one is no sign of evolution.)"""
    return reported_on_two_days(a, b) and not one_past_occasion(a, b)


def _over_a_stretch(a: Claim, b: Claim) -> bool:
    """A move over a stretch of time ("had risen by almost a third over the previous twelve
    months") is another move than one of a day or a quarter."""
    return bool(_STRETCH.search(a.text) or _STRETCH.search(b.text))


_STRETCH = re.compile(
    r"\b(?:over|during|across|in|for)\s+the\s+(?:past|previous|last|preceding)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?)\b|\bso far this year\b|\byear to date\b",
    re.I,
)


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    moves: dict[int, Movement | None] = {}  # a claim is in many pairs: read its move once

    def moved(claim: Claim) -> Movement | None:
        if id(claim) not in moves:
            moves[id(claim)] = movement(claim, lexicon.noun_class)
        return moves[id(claim)]

    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or hedged(a) or hedged(b) or not comparable_modality(a, b):
            continue
        if not (a.doc == b.doc or lexicon.one_story(a.doc, b.doc)):
            continue
        first, second = moved(a), moved(b)
        if first is None or second is None or first.direction == second.direction:
            continue
        if first.measure != second.measure or first.place != second.place or _kinds_apart(first, second):
            continue
        if other_owners(a, b) or dated_apart(a, b) or _reported_apart(a, b) or _over_a_stretch(a, b):
            continue
        yield rule.finding(
            message=render_message(rule.message, subject=first.phrase, a=_said(a, first), b=_said(b, second)),
            claims=(a, b),
            differences=(first.direction, second.direction),
            slot=f"direction of {first.measure}",
        )


def _said(claim: Claim, move: Movement) -> str:
    return f"{move.phrase} {claim.predicate}" if move.phrase else claim.predicate
