"""Ranks by size: a named company, city or body described as the Nth-largest of its kind.

"Brisa Foods, the country's second-largest grocer" and "Brisa, the third-largest supermarket
group in the country" give one thing two ranks in one ranking. A rank is read where a name
stands in apposition to it or is its subject ("X, the ...", "X is the ..."); "largest" and
"biggest" are one ranking, and "largest" alone is first. Two ranks compare when they are of one
name within one story and their scopes agree: both say where ("the country's", "in Europe"),
and say it alike, or neither says it. What the ranking counts ("grocer", "supermarket group")
is left to the writer: reports word it differently.

Places in a contest's result are read the same way ("Mara Ilvesk finished sixth", "Vandersteen,
second overall,"), but for a part of the contest ("third on stage two"); a place "overall" or
"in the general classification" is of the standings, and compares only with another such.

Findings are number-conflict findings with the slot "rank".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck.model import Claim
from claimcheck.quantities import ordinal_value
from claimcheck.rules.matching import Lexicon, names_match

_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
_NAME = r"(?P<name>[A-Z][\w&'\u2019.-]*(?:\s+(?:[A-Z][\w&'\u2019.-]*|of|and|de|la))*?)"
_SCOPE_BEFORE = r"(?:the\s+|(?P<owner>[A-Z][\w-]*|the\s+country|the\s+world|the\s+region|the\s+state)(?:'s|\u2019s)\s+)"
# Words after "largest" that name no kind ("the largest of the three", "the biggest yet").
_NOT_KIND = r"(?:of|in|on|at|to|for|by|with|and|or|the|a|an|ever|yet|since|so|than|thing|one|ones)"
_RANK = re.compile(
    _NAME
    + r"(?:,\s+(?:which|who)\b[^,;]{0,80},)?"  # "Ormond, which has 41% of the market, is ..."
    + r"(?:,\s+|\s+(?:is|was|remains|has\s+become|became)\s+(?:now\s+|currently\s+|still\s+|already\s+)?)"
    + _SCOPE_BEFORE
    + rf"(?:(?P<ordinal>{_ORDINAL})[-\s])?(?P<size>largest|biggest)\s+(?!{_NOT_KIND}\b)(?P<kind>[a-z]+(?:[\s-](?!{_NOT_KIND}\b|behind\b|after\b)[a-z]+)?)"
    + r"(?:\s+(?:in|of)\s+(?:the\s+)?(?P<where>[A-Z][\w-]*|country|world|region|state))?"
)


# A place in a contest's result: "Mara Ilvesk finished sixth", "Vandersteen, second overall,",
# "came third in the general classification".
_PLACED = re.compile(
    _NAME
    + r"(?:,\s+[^,;]{1,60},)?"  # "Tarn Holloway, a joint venture of two groups, finished third"
    + r"(?:,\s+(?:who|which)\s+|\s+|,\s+)(?:finished|came|placed|ended|was)?\s*"
    + rf"(?P<ordinal>{_ORDINAL})(?:\s+place)?"
    + r"(?P<overall>\s+(?:overall|in\s+the\s+general\s+classification|in\s+the\s+overall\s+standings))?"
    + r"(?=\s*(?:[,.;]|with\b|in\b|on\b|after\b|behind\b|last\b|this\b|$))"
)
# What after a place makes it the place of a part of the contest, not of its result.
_PART_AFTER = re.compile(r"^\s*(?:on|in)\s+(?:the\s+)?(?:stage|heat|round|leg|lap|race|qualifying|semi)", re.I)


@dataclass(frozen=True, slots=True)
class Rank:
    claim: Claim
    name: str
    place: int  # 1 for "the largest", 3 for "the third-largest"
    scope: str  # "country", "europe", "" when not said; "overall" for a contest's standings
    text: str  # as written: "the country's second-largest grocer"
    ranking: str = "size"  # "size", or "result" for a place in a contest


def ranks(claim: Claim, lexicon: Lexicon) -> Iterator[Rank]:
    """The ranks the claim's sentence gives a name."""
    for found in _RANK.finditer(claim.text):
        name = found.group("name").casefold()
        if not any(names_match(name, entity, lexicon, True) for entity in claim.entities):
            continue  # a name the model found, not "This" or "Officials"
        ordinal = found.group("ordinal")
        place = ordinal_value(ordinal) if ordinal else 1  # (the pattern reads only ordinals it knows)
        owner = (found.group("owner") or "").casefold().removeprefix("the ").strip()
        where = (found.group("where") or "").casefold()
        yield Rank(
            claim=claim,
            name=name,
            place=place,
            scope=owner or where,
            text=claim.text[found.start("ordinal") if ordinal else found.start("size") : found.end("kind")],
        )


def places(claim: Claim, lexicon: Lexicon) -> Iterator[Rank]:
    """The places in a contest the claim's sentence gives a name ("X finished sixth")."""
    for found in _PLACED.finditer(claim.text):
        name = found.group("name").casefold()
        if not any(names_match(name, entity, lexicon, True) for entity in claim.entities):
            continue
        if _PART_AFTER.match(claim.text[found.end() :]):
            continue  # "third on stage two": a part's place
        yield Rank(
            claim=claim,
            name=name,
            place=ordinal_value(found.group("ordinal")),
            scope="overall" if found.group("overall") else "",
            text=claim.text[found.start("ordinal") : found.end()],
            ranking="result",
        )


def rank_pairs(claims: tuple[Claim, ...], lexicon: Lexicon) -> Iterator[tuple[Rank, Rank]]:
    """Pairs of ranks one story gives one name, in one ranking, that differ."""
    by_sentence: dict[tuple[str, int, str], Rank] = {}
    read: set[tuple[str, int]] = set()
    for claim in claims:
        if (claim.doc, claim.start) in read:
            continue  # (a sentence's claims share its text: read it once)
        read.add((claim.doc, claim.start))
        for rank in (*ranks(claim, lexicon), *places(claim, lexicon)):
            by_sentence.setdefault((claim.doc, claim.start, rank.ranking), rank)  # one per sentence
    found = sorted(by_sentence.values(), key=lambda r: (r.claim.doc, r.claim.start))
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            if a.ranking != b.ranking or a.place == b.place or not lexicon.one_story(a.claim.doc, b.claim.doc):
                continue
            if (a.scope or b.scope) and a.scope != b.scope:
                continue
            if names_match(a.name, b.name, lexicon, True):
                yield a, b
