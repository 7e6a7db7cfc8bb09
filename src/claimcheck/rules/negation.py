"""Negation: the same claim asserted in one place and denied in another.

Two claims with the same predicate, subject and object, one negated ("was never uploaded",
"did not approve", "failed to win") and one not, are flagged unless the text dates them apart
or marks a change ("no longer"), or either is hedged.

Passes: "The club did not sign the striker in May. It signed him in August."
Fails: "The video was never uploaded. The video was uploaded to YouTube."
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimcheck.align import CandidatePair
from claimcheck.model import Finding, Severity
from claimcheck.rules.matching import (
    Context,
    NoOptions,
    comparable_modality,
    evolution,
    hedged,
    keys_compatible,
    keys_equal,
    render_message,
    same_story,
    short,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "The same claim is asserted and denied: '{a}' vs '{b}'"
_WEAK_PREDICATES = frozenset("be have do say get make go take come give see know think".split())


Options = NoOptions


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    for pair in pairs:
        a, b = pair.a, pair.b
        if a.polarity == b.polarity or pair.same_sentence or hedged(a) or hedged(b):
            continue
        if not a.predicate or a.predicate != b.predicate or a.predicate.split()[0] in _WEAK_PREDICATES:
            continue
        if not keys_compatible(a.subject_key, b.subject_key, lexicon):
            continue
        if not keys_equal(a.object_key, b.object_key, lexicon):
            continue
        if not same_story(a, b, lexicon):
            continue
        if not comparable_modality(a, b) or evolution(a, b):
            continue
        yield rule.finding(
            message=render_message(
                rule.message, a=short(a.text), b=short(b.text), subject=a.subject or b.subject
            ),
            claims=(a, b),
            differences=(
                "" if a.polarity else "not " + a.predicate,
                "" if b.polarity else "not " + b.predicate,
            ),
        )
