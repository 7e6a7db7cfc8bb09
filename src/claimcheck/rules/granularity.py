"""Granularity: one date inside another, given at a different precision.

Not a contradiction, but worth a note (info): "2024" in one place and "January 2024" in
another, or "the spring of 2023" and "April 2023", for the same event or thing. Overlapping
fuzzy dates of the same precision ("summer of 2025", "mid-2025") are no finding.

Unlike ``date-conflict``, a plan's date is compared with the outcome's here ("an IPO planned
for 2024" / "postponed the IPO in January 2024"): it is only a note on precision, and its
message says which date was the plan's.

Passes: "The IPO was cancelled in January 2024. In January 2024, the IPO was called off."
Fails (info): "An IPO planned for 2024 was scrapped. The firm postponed the IPO in January 2024."
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimcheck import temporal
from claimcheck.align import CandidatePair
from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules.date_conflict import same_event
from claimcheck.rules.matching import (
    Context,
    Lexicon,
    NoOptions,
    event_phrase,
    is_plan,
    keys_equal,
    label_predicate,
    render_message,
    when,
)

DEFAULT_SEVERITY = Severity.INFO
DEFAULT_MESSAGE = "{event}: dated {a} in one place and, more precisely, {b} in another"


Options = NoOptions


def _related(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    if same_event(a, b, lexicon) or keys_equal(a.object_key, b.object_key, lexicon):
        return True
    # A fact-box line holding only a date ("Groundbreaking: April 2023.") dates its article's events.
    return a.doc == b.doc and (_date_line(a) or _date_line(b))


def _date_line(claim: Claim) -> bool:
    """A verbless fact-box line ("Groundbreaking: April 2023.")."""
    return bool(claim.label) and claim.predicate == label_predicate(claim)


def _dated(time, claim: Claim, other: Claim) -> str:
    """A date as the message quotes it, marked as the plan's when set against an outcome."""
    return when(time.mention) + (" (the plan)" if is_plan(claim) and not is_plan(other) else "")


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence:
            continue  # two dates in one sentence are usually two events ("planned for X, cancelled in Y")
        ta, tb = a.event_time, b.event_time
        if ta is None or tb is None or ta.role != tb.role:
            continue
        va, vb = ta.mention.time, tb.mention.time
        if None in (va.earliest, va.latest, vb.earliest, vb.latest):
            continue  # open bounds ("since 2020") are not dates of a precision
        if va.granularity == vb.granularity or (va.earliest, va.latest) == (vb.earliest, vb.latest):
            continue
        if temporal.contains(va, vb):
            (outer, outer_claim), (inner, inner_claim) = (ta, a), (tb, b)
        elif temporal.contains(vb, va):
            (outer, outer_claim), (inner, inner_claim) = (tb, b), (ta, a)
        else:
            continue
        if outer.mention.start == inner.mention.start:
            continue  # one expression shared by two claims of a sentence
        if not _related(a, b, lexicon):
            continue
        yield rule.finding(
            message=render_message(
                rule.message,
                subject=a.object or b.object or a.subject or b.subject or label_predicate(a),
                predicate=a.predicate or b.predicate,
                event=event_phrase(a, b),
                a=_dated(outer, outer_claim, inner_claim),
                b=_dated(inner, inner_claim, outer_claim),
            ),
            claims=(a, b),
            differences=(ta.mention.text, tb.mention.text),
        )
