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
from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    Lexicon,
    NoOptions,
    comparable_modality,
    evolution,
    hedged,
    keys_compatible,
    keys_corefer,
    keys_equal,
    other_owners,
    render_message,
    same_story,
    short,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "The same claim is asserted and denied: '{a}' vs '{b}'"
_WEAK_PREDICATES = frozenset("be have do say get make go take come give see know think".split())


Options = NoOptions


def _same_subject(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    if other_owners(a, b):
        return False
    if keys_compatible(a.subject_key, b.subject_key, lexicon):
        return True
    # Within an article a name and its last word are one ("Mount Elbert" ... "Elbert"); a
    # common noun is not ("Dalton General Hospital" ... "the hospital in nearby Kelton").
    shorter = min((a, b), key=lambda c: len(c.subject_key.split()))
    return (
        a.doc == b.doc
        and shorter.subject_key in shorter.entities
        and keys_corefer(a.subject_key, b.subject_key, lexicon)
    )


def restated(a: Claim, b: Claim) -> bool:
    """Every content word of the shorter sentence is in the other one too,
    and the two name the same times ("made a profit in the first quarter" / "has not made a
    profit in the second quarter" are two quarters).

    A light verb or copula ("is the highest summit", "had a guest role") says little on its
    own: its claims are one statement asserted and denied only when so restated."""
    # (content lemmas hold no stop words, so no negation either)
    words_a, words_b = set(a.content_lemmas), set(b.content_lemmas)
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) < 3 or not shorter <= longer:
        return False
    times_a = {t.mention.text.casefold() for t in a.times}
    times_b = {t.mention.text.casefold() for t in b.times}
    return not (times_a and times_b and times_a != times_b)


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    for pair in pairs:
        a, b = pair.a, pair.b
        if a.polarity == b.polarity or pair.same_sentence or hedged(a) or hedged(b):
            continue
        if not a.predicate or a.predicate != b.predicate:
            continue
        if not _same_subject(a, b, lexicon) or not keys_equal(a.object_key, b.object_key, lexicon):
            continue
        if a.predicate.split()[0] in _WEAK_PREDICATES and not restated(a, b):
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
