"""Number conflict: the same measured attribute given values that cannot both be right.

Quantities are compared when they measure the same attribute ("seat", "break fee", "cost")
of the same thing: same or synonymous predicate (or a fact-box line), participants that
agree, comparable units (currencies and units normalised: "€600m" = "600 million euros",
"5-mile" = "5 mi"). Values may differ within ``tolerance`` (relative); approximations
("around", "about") widen it to ``approximate_tolerance``; bounds that can both hold ("at
least 30", "more than 45") are no finding. Shares in words are percentages of what they are
"of" ("more than a third of its fruit" against "under 10% of its fruit"); counts in words are
ranges ("a few", "hundreds", "tens of thousands") that conflict only with a count outside them
("a few engineers" against "thousands of engineers", not "hundreds" against "about 300").
Values the text marks as earlier or changed ("up from", "revised", dated differently, or a
later report) are left to ``change-over-time``.

Passes: "around 11,000 staff ... 11,000 employees"
Fails: "a severance fee of $4 million ... Severance fee: the club pays $6 million."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from claimcheck import quantities
from claimcheck.align import CandidatePair
from claimcheck.lexicon import MEASURE_VERBS
from claimcheck.model import Claim, ClaimQuantity, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    Lexicon,
    hedged,
    instance_years,
    keys_compatible,
    keys_equal,
    names_match,
    render_message,
    same_participants,
    same_story,
    times_separate,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "{attribute}: {a} in one place, {b} in another"
_GENERIC_ATTRIBUTES = frozenset(
    "time year month week day people person one percent thing way case part number share".split()
)


@dataclass(frozen=True, slots=True)
class Options:
    tolerance: float = 0.01
    approximate_tolerance: float = 0.1

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        values = {}
        for key in ("tolerance", "approximate_tolerance"):
            if key in raw:
                value = raw[key]
                if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < 1:
                    raise ValueError(f"{key}: must be a number between 0 and 1 (a relative tolerance)")
                values[key] = float(value)
        return cls(**values)


def _verb(claim: Claim) -> str:
    return claim.predicate.split()[0] if claim.predicate else ""


def quantity_pairs(a: Claim, b: Claim, lexicon: Lexicon) -> Iterator[tuple[ClaimQuantity, ClaimQuantity]]:
    """Pairs of quantities of the two claims that measure the same attribute of the same thing."""
    if not (a.quantities and b.quantities):
        return
    fact_box = a.doc == b.doc and bool(a.label or b.label)
    # A named subject with an amount of money or a share of something ("Varga won 54.3% of the
    # vote" / "Varga secured 51.8% of the vote") compares even when the verbs differ.
    story = a.doc == b.doc or lexicon.related(a.doc, b.doc)
    named = names_match(a.subject_key, b.subject_key, lexicon, story) and (
        a.subject_key in a.entities or b.subject_key in b.entities
    )
    loose = set()
    if not fact_box:
        measures = _verb(a) in MEASURE_VERBS and _verb(b) in MEASURE_VERBS
        if not (lexicon.same_event(a.predicate, b.predicate) or measures):
            if not named:
                return
            loose = {"money", "percent"}
        if not (named or keys_compatible(a.subject_key, b.subject_key, lexicon)):
            return
        if not loose and not keys_compatible(a.object_key, b.object_key, lexicon):
            return
        if not same_story(a, b, lexicon):
            return
    if instance_years(a) != instance_years(b):
        return  # "won the 1961 race by four lengths" is not about this year's race
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.superseded or qb.superseded or ratio_part(a, qa) or ratio_part(b, qb):
                continue
            if not qa.attribute_key or qa.attribute_key in _GENERIC_ATTRIBUTES:
                continue
            if not keys_equal(qa.attribute_key, qb.attribute_key, lexicon):
                continue
            if qa.quantity.kind != qb.quantity.kind or qa.quantity.kind in ("ordinal",):
                continue
            if loose and qa.quantity.kind not in loose:
                continue
            yield qa, qb


_CHANGED_BEFORE = re.compile(
    r"\b(?:rose|risen|rises|increased|grew|grown|climbed|jumped|fell|fallen|dropped|declined|decreased|"
    r"revised|raised|lowered|cut|reduced|updated|now|later|since|has reached|had reached|reached)\b[^.;]{0,25}$",
    re.I,
)
_CHANGED_AFTER = re.compile(
    r"^[^.;]{0,15}\b(?:up|down) from\b|^\s*,?\s*(?:previously|initially|originally|earlier)", re.I
)


# "increased to almost 400 personnel and twenty-five aircraft": one change verb, two figures.
_COORDINATED = re.compile(
    r"^\s*-\s*$|^[\w\s'-]{0,40}?(?:,\s*|\s)(?:and|as well as)\s+(?:\w+\s+)?$|^[\w\s'-]{0,40}?,\s*$"
)


def changed(claim: Claim, q: ClaimQuantity) -> bool:
    """The text around this figure presents it as a change ("rose to 19", "$1.1bn, up from ..."),
    directly or through a figure it is coordinated with ("rose to 400 staff and 25 aircraft")."""
    text = claim.text
    if _changed_here(text, q):
        return True
    earlier = sorted(
        (o for o in claim.quantities if o.quantity.end <= q.quantity.start), key=lambda o: -o.quantity.end
    )
    current = q
    for other in earlier:
        if not _COORDINATED.match(text[other.quantity.end : current.quantity.start]):
            break
        if _changed_here(text, other):
            return True
        current = other
    return False


def _changed_here(text: str, q: ClaimQuantity) -> bool:
    return bool(_CHANGED_BEFORE.search(text[max(0, q.quantity.start - 45) : q.quantity.start])) or bool(
        _CHANGED_AFTER.search(text[q.quantity.end : q.quantity.end + 40])
    )


_NUMBER = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|a hundred|a thousand|hundred|thousand)"
)
_RATIO_AFTER = re.compile(rf"^\s*(?:in|out of|of|per)\s+(?:every\s+)?{_NUMBER}\b", re.I)
_RATIO_BEFORE = re.compile(rf"\b{_NUMBER}\s+(?:\w+\s+)?(?:in|out of|of)\s+(?:every\s+)?$", re.I)


def ratio_part(claim: Claim, q: ClaimQuantity) -> bool:
    """One term of a ratio ("one in 5 students", "10 out of every 100,000 women"): a rate, not a count."""
    text = claim.text
    start = q.quantity.start
    end = q.quantity.end
    return bool(_RATIO_AFTER.match(text[end : end + 30])) or bool(
        _RATIO_BEFORE.search(text[max(0, start - 40) : start])
    )


def figures_evolve(a: Claim, b: Claim, qa: ClaimQuantity, qb: ClaimQuantity) -> bool:
    if (changed(a, qa) and _earlier_could_be(a, qa, qb)) or (changed(b, qb) and _earlier_could_be(b, qb, qa)):
        return True
    if times_separate(a, b):
        return True
    # A later report may update a running count (casualties, arrests, cases); a price, a fee or
    # a share given differently on different days is still a discrepancy.
    later = a.doc != b.doc and bool(a.published and b.published and a.published != b.published)
    return later and qa.quantity.kind == "count"


def _earlier_could_be(claim: Claim, q: ClaimQuantity, other: ClaimQuantity) -> bool:
    """A figure given as a change names the value it changed from, or not: "$312 million, up from
    $270 million a year earlier" is today's figure, and explains another figure only when that
    one is the earlier value; "rose to 19" names none, so any other figure may be the earlier."""
    earlier = [
        o for o in claim.quantities if o.superseded and o is not q and o.quantity.kind == q.quantity.kind
    ]
    if not earlier:
        return True
    return any(quantities.can_both_hold(comparable(e), comparable(other), 0.01) for e in earlier)


def comparable(q: ClaimQuantity):
    """A count's unit is the counted noun, already matched as the attribute: "42,000-seat" ~ "45,000 seats"."""
    return replace(q.quantity, unit=None) if q.quantity.kind == "count" else q.quantity


def conflicting(qa: ClaimQuantity, qb: ClaimQuantity, options: Options = Options()) -> bool:
    """The two values cannot both hold, within the tolerance (wider for approximations)."""
    tolerance = options.tolerance
    if qa.quantity.approximate or qb.quantity.approximate:
        tolerance = max(tolerance, options.approximate_tolerance)
    return not quantities.can_both_hold(comparable(qa), comparable(qb), tolerance)


# Figures restated in nearly the same words: of the words around the two figures (six on
# each side), at least this share must be common to both.
RESTATEMENT_OVERLAP = 0.6
_WORD = re.compile(r"[A-Za-z][\w'-]*|\d[\d,.]*")


def _window(text: str, start: int, end: int, size: int = 6) -> tuple[tuple[str, ...], tuple[str, ...]]:
    before = tuple(w.casefold() for w in _WORD.findall(text[max(0, start - 80) : start]))[-size:]
    after = tuple(w.casefold() for w in _WORD.findall(text[end : end + 80]))[:size]
    return before, after


def restated(a: Claim, qa: ClaimQuantity, b: Claim, qb: ClaimQuantity) -> bool:
    """The two figures stand in the same words: "debuted to a franchise-worst $30 million over the
    four-day weekend" and "debuted to a franchise-best $117 million over the four-day weekend"."""
    before_a, after_a = _window(a.text, qa.quantity.start, qa.quantity.end)
    before_b, after_b = _window(b.text, qb.quantity.start, qb.quantity.end)
    if not (after_a[:1] == after_b[:1] or before_a[-1:] == before_b[-1:]):
        return False
    words_a, words_b = set(before_a + after_a), set(before_b + after_b)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= RESTATEMENT_OVERLAP


def restated_figures(pair: CandidatePair, lexicon: Lexicon) -> Iterator[tuple[ClaimQuantity, ClaimQuantity]]:
    """Figures of one statement made twice in an article, for figures whose attribute the parser
    did not find: same predicate and participants, the figures in the same words."""
    a, b = pair.a, pair.b
    if not pair.same_doc or not a.predicate or a.predicate != b.predicate:
        return
    if not (a.quantities and b.quantities) or instance_years(a) != instance_years(b):
        return
    if not same_participants(a, b, lexicon) or a.polarity != b.polarity:
        return
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.attribute_key and qb.attribute_key:
                continue  # compared by attribute already
            if qa.superseded or qb.superseded or ratio_part(a, qa) or ratio_part(b, qb):
                continue
            if qa.quantity.kind != qb.quantity.kind or qa.quantity.kind in ("ordinal", "year-like"):
                continue
            if qa.quantity.unit != qb.quantity.unit:
                continue
            if restated(a, qa, b, qb):
                yield qa, qb


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or hedged(a) or hedged(b):
            continue
        candidates = list(quantity_pairs(a, b, context.lexicon)) + list(
            restated_figures(pair, context.lexicon)
        )
        for qa, qb in candidates:
            if figures_evolve(a, b, qa, qb) or not conflicting(qa, qb, options):
                continue
            yield rule.finding(
                message=render_message(
                    rule.message, attribute=qa.attribute, a=qa.quantity.text, b=qb.quantity.text
                ),
                claims=(a, b),
                differences=(qa.quantity.text, qb.quantity.text),
            )
            break
