"""Results given as two numbers: a match's score ("beat Rovers 3-1", "a 27-19 win") and a vote's
count ("by 31 votes to 18", "voted 29-20").

A sentence gives one result when it holds exactly one such pair and says what kind of result
it is (a win, a defeat, a final score; a vote). A sentence that also speaks of part of a contest
(a half-time score, a set, an aggregate over two legs) is left out: its pairs are not the
result. The order of the two numbers is the writer's ("lost 89-98" / "beat them 98-89"), so a
result is compared as the larger and the smaller number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.quantities import SMALL_NUMBERS

_PAIR = re.compile(
    r"(?<![\d.,:/£$€-])(\d{1,3})\s?[-\u2013]\s?(\d{1,3})(?![\d:/%-]|[.,]\d)"
    r"(?!\s*(?:years?|year-old|minutes?|hours?|days?|weeks?|months?|per\s?cent|percent|km|miles?|metres?|meters?"
    r"|kilometres?|kg|people|members|seats?|of\b))",
    re.I,
)
# Small numbers a vote is written with in words ("voted seven to two").
_WORDED = {word: value for word, value in SMALL_NUMBERS.items() if value <= 20}
_N = r"(\d{1,4}|" + "|".join(_WORDED) + r")"
_VOTES = re.compile(
    rf"\b{_N}\s+votes?\s+to\s+{_N}\b"
    rf"|\b(?:voted|vote\s+of|by)\s+{_N}\s+to\s+{_N}\b(?![\d,%]|[.,]\d|\s*(?:per\s?cent|percent)\b)"
    # "with 11 votes in favour and six against", "by 104 for to 87 against"
    rf"|\b{_N}\s+(?:votes?\s+)?(?:in\s+favou?r|for)\s*(?:,|and|to|with)?\s+{_N}\s+(?:votes?\s+)?against\b",
    re.I,
)
_SCORE_WORDS = re.compile(
    r"\b(?:win|wins|won|winning|beat|beats|beating|defeat(?:s|ed)?|victory|lost|lose|loses|losing|"
    r"draw|drew|drawn|score|scored|scoreline|result|triumph(?:ed)?|edged?|thrash(?:ed)?|routed?|"
    r"clinch(?:ed)?|final)\b",
    re.I,
)
_VOTE_WORDS = re.compile(r"\bvot(?:e|es|ed|ing)\b|\bballot\b|\bmajority\b", re.I)
# Parts of a contest: their scores are not its result.
_PART = re.compile(
    r"\b(?:half-time|half time|halftime|at the break|interval|first half|second half|quarter|"
    r"led|leading|lead|trailed|trailing|aggregate|sets?|frames?|innings|laps?|previous|last season|"
    r"earlier|penalties|shoot-out|shootout|tie-break|tiebreak)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Tally:
    kind: str  # "score" or "vote"
    text: str  # as written: "27-19", "31 votes to 18"
    high: int
    low: int


@lru_cache(maxsize=65536)
def result(text: str) -> Tally | None:
    """The one result the sentence gives, or None."""
    if _PART.search(text):
        return None
    found = []
    for match in _VOTES.finditer(text):
        if match.group(1) or _VOTE_WORDS.search(text):  # "by 11 to 8" counts votes only in a vote
            found.append(_tally("vote", match))
    votes = {m.span() for m in _VOTES.finditer(text)}
    for match in _PAIR.finditer(text):
        if any(start <= match.start() < end for start, end in votes):
            continue
        if _VOTE_WORDS.search(text):
            found.append(_tally("vote", match))
        elif _SCORE_WORDS.search(text):
            found.append(_tally("score", match))
    return found[0] if len(found) == 1 else None


def _tally(kind: str, match: re.Match[str]) -> Tally:
    first, second = (_WORDED[n.casefold()] if n.casefold() in _WORDED else int(n) for n in match.groups() if n is not None)
    return Tally(kind, match.group(0), max(first, second), min(first, second))


_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bwithout (?:a )?(?:dissent|vote against|opposition)\b", re.I)
_NOT_UNANIMOUS = re.compile(r"\b(?:not|nor|never|less than|short of)\s+(?:\w+\s+)?unanimous", re.I)
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,4}"
# Who voted against: a number of them ("two of the nine directors", "all five councillors") or
# a name ("Trustees Helen Ames and Marcus Robles", "The opposition Civic Union").
_COUNTED_BEFORE = re.compile(rf"\b(?:{_NUMBER_WORDS})\b(?:\s+of)?(?:\s+[\w'-]+){{0,4}}\s*$", re.I)
_NAMED_BEFORE = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:[A-Z][\w'-]+|and))*\s*$")


@lru_cache(maxsize=65536)
def unanimous(text: str) -> bool:
    """The sentence says a decision was unanimous ("the board unanimously backed the offer")."""
    return bool(_UNANIMOUS.search(text)) and not _NOT_UNANIMOUS.search(text)


@lru_cache(maxsize=65536)
def dissent(text: str) -> str:
    """What the sentence says of votes against a decision ("Two of the nine directors voted
    against", "by 31 votes to 18"), or ""."""
    tally = result(text)
    if tally is not None and tally.kind == "vote" and tally.low > 0:
        return tally.text
    for match in re.finditer(r"\bvoted against\b|\bvotes? against\b|\bdissented\b", text, re.I):
        before = text[max(0, match.start() - 60) : match.start()]
        counted = _COUNTED_BEFORE.search(before) or _NAMED_BEFORE.search(before)
        if counted is not None:
            return " ".join(f"{counted.group(0).strip()} {match.group(0)}".split())
    return ""
