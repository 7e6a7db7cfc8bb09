"""Number conflict: the same measured attribute given values that cannot both be right.

Quantities are compared when they measure the same attribute ("seat", "break fee", "cost")
of the same thing: same or synonymous predicate (or a fact-box line), participants that
agree, comparable units (currencies and units normalised: "€600m" = "600 million euros",
"5-mile" = "5 mi"). Values may differ within ``tolerance`` (relative); approximations
("around", "about") widen it to ``approximate_tolerance``; bounds that can both hold ("at
least 30", "more than 45") are no finding. Values the text marks as earlier or changed ("up
from", "revised", dated differently, or a later report) are left to ``change-over-time``.

Passes: "around 11,000 staff ... 11,000 employees"
Fails: "a break fee of €90 million ... Break fee: Aerovia pays €75 million."
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
    times_separate,
    hedged,
    keys_compatible,
    keys_equal,
    render_message,
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
    if not fact_box:
        measures = _verb(a) in MEASURE_VERBS and _verb(b) in MEASURE_VERBS
        if not (lexicon.same_event(a.predicate, b.predicate) or measures):
            return
        if not keys_compatible(a.subject_key, b.subject_key, lexicon):
            return
        if not keys_compatible(a.object_key, b.object_key, lexicon):
            return
        if a.doc != b.doc and not keys_equal(a.subject_key, b.subject_key, lexicon):
            return
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.superseded or qb.superseded:
                continue
            if not qa.attribute_key or qa.attribute_key in _GENERIC_ATTRIBUTES:
                continue
            if not keys_equal(qa.attribute_key, qb.attribute_key, lexicon):
                continue
            if qa.quantity.kind != qb.quantity.kind or qa.quantity.kind in ("ordinal",):
                continue
            yield qa, qb


_CHANGED_BEFORE = re.compile(
    r"\b(?:rose|risen|rises|increased|grew|grown|climbed|jumped|fell|fallen|dropped|declined|decreased|"
    r"revised|raised|lowered|cut|reduced|updated|now|later|since|has reached|had reached|reached)\b[^.;]{0,25}$",
    re.I,
)
_CHANGED_AFTER = re.compile(r"^[^.;]{0,15}\b(?:up|down) from\b|^\s*,?\s*(?:previously|initially|originally|earlier)", re.I)


def changed(claim: Claim, q: ClaimQuantity) -> bool:
    """The text around this figure presents it as a change ("rose to 19", "$1.1bn, up from ...")."""
    text = claim.text
    return bool(_CHANGED_BEFORE.search(text[max(0, q.quantity.start - 45) : q.quantity.start])) or bool(
        _CHANGED_AFTER.search(text[q.quantity.end : q.quantity.end + 40])
    )


def figures_evolve(a: Claim, b: Claim, qa: ClaimQuantity, qb: ClaimQuantity) -> bool:
    if changed(a, qa) or changed(b, qb) or times_separate(a, b):
        return True
    return a.doc != b.doc and bool(a.published and b.published and a.published != b.published)


def comparable(q: ClaimQuantity):
    """A count's unit is the counted noun, already matched as the attribute: "42,000-seat" ~ "45,000 seats"."""
    return replace(q.quantity, unit=None) if q.quantity.kind == "count" else q.quantity


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or hedged(a) or hedged(b):
            continue
        for qa, qb in quantity_pairs(a, b, context.lexicon):
            if figures_evolve(a, b, qa, qb):
                continue
            tolerance = options.tolerance
            if qa.quantity.approximate or qb.quantity.approximate:
                tolerance = max(tolerance, options.approximate_tolerance)
            if quantities.can_both_hold(comparable(qa), comparable(qb), tolerance):
                continue
            yield Finding(
                rule=rule.id,
                kind=rule.kind,
                severity=rule.severity,
                message=render_message(rule.message, attribute=qa.attribute, a=qa.quantity.text, b=qb.quantity.text),
                claims=(a, b),
                differences=(qa.quantity.text, qb.quantity.text),
            )
            break
