"""Change over time: a figure or state that the text presents as having changed.

Values explicitly dated differently, marked as changed ("up from", "revised", "later
increased to"), or given by a later report of another outlet are evolution, not
contradiction: this kind notes them (info at most) so a reader sees the history, while the
conflict kinds stay quiet.

Options: ``markers``, extra lemma phrases that mark a change (the built-in cues cover "up
from", "revised", "initially", "later ...").

Passes: "The death toll was 12 on Monday." (alone)
Fails (info): "The death toll rose to 19 on Tuesday, up from 12 on Monday."
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimcheck import quantities
from claimcheck.align import CandidatePair
from claimcheck.model import Finding, Severity
from claimcheck.rules.matching import Context, hedged, render_message
from claimcheck.rules.number_conflict import comparable, conflicting, figures_evolve, quantity_pairs

DEFAULT_SEVERITY = Severity.INFO
DEFAULT_MESSAGE = "{attribute} changed over time: {a}, then {b}"


@dataclass(frozen=True, slots=True)
class Options:
    markers: tuple[str, ...] = ()

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        markers = raw.get("markers", [])
        if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
            raise ValueError("markers: must be a list of strings")
        return cls(markers=tuple(" ".join(m.casefold().split()) for m in markers))


def _order(claim) -> tuple[date, str, int]:
    return (claim.published or date.min, claim.doc, claim.start)


def _marked(text: str, markers: tuple[str, ...]) -> bool:
    folded = " " + " ".join(text.casefold().split()) + " "
    return any(f" {m} " in folded for m in markers)


def _reported_as_conflict(a, b, qa, qb, context: Context) -> bool:
    """An active number-conflict rule flags these two figures (so this pair gets one verdict)."""
    if hedged(a) or hedged(b):
        return False
    return any(conflicting(qa, qb, options) for options in context.options_by_kind.get("number-conflict", ()))


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    marks: dict[int, bool] = {}

    def marked_claim(claim) -> bool:
        if id(claim) not in marks:
            marks[id(claim)] = _marked(claim.text, options.markers)
        return marks[id(claim)]

    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or not (a.quantities and b.quantities):
            continue
        marked = marked_claim(a) or marked_claim(b)
        for qa, qb in quantity_pairs(a, b, context.lexicon):
            evolving = figures_evolve(a, b, qa, qb)
            if not (marked or evolving):
                continue
            if quantities.can_both_hold(comparable(qa), comparable(qb), 0.0):
                continue
            if not evolving and _reported_as_conflict(a, b, qa, qb, context):
                continue  # number-conflict reports it; a change word elsewhere in the sentence does not date it
            first, second = (qa, qb) if _order(a) <= _order(b) else (qb, qa)
            yield rule.finding(
                severity=min(rule.severity, Severity.INFO, key=lambda s: s.rank),
                message=render_message(
                    rule.message, attribute=qa.attribute, a=first.quantity.text, b=second.quantity.text
                ),
                claims=(a, b),
                differences=(qa.quantity.text, qb.quantity.text),
                slot=qa.attribute or qb.attribute or "",
            )
            break
