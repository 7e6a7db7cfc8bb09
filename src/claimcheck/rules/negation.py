"""Negation: the same claim asserted in one place and denied in another.

Two claims with the same predicate, subject and object, one negated ("was never uploaded",
"did not approve", "failed to win") and one not, are flagged unless the text dates them apart
or marks a change ("no longer"), or either is hedged.

Passes: "The club did not sign the striker in May. It signed him in August."
Fails: "The video was never uploaded. The video was uploaded to YouTube."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from claimcheck import events, semantics
from claimcheck.align import CandidatePair
from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    Lexicon,
    NoOptions,
    comparable_modality,
    core_participant_shared,
    dating_time,
    evolution,
    hedged,
    keys_compatible,
    keys_corefer,
    keys_equal,
    named_apart,
    other_owners,
    participants_compatible,
    participants_meet,
    render_message,
    same_event_kind,
    same_story,
    short,
    times_separate,
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


def _restatement(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """The same predicate, subject and object, asserted once and denied once."""
    if not a.predicate or a.predicate != b.predicate:
        return False
    if not _same_subject(a, b, lexicon):
        return False
    if not (keys_equal(a.object_key, b.object_key, lexicon) or _named_without_object(a, b)):
        return False
    if a.predicate.split()[0] in _WEAK_PREDICATES and not restated(a, b):
        return False
    return same_story(a, b, lexicon) and not evolution(a, b)


def _named_without_object(a: Claim, b: Claim) -> bool:
    """Two claims of a named subject, neither with an object ("Strand apologised" / "Strand
    declined to apologise"), or the denial with none: denying the act at all denies it done to
    anyone ("Pavlic declined to apologise" / "Pavlic apologised to customers"; not
    "apologised" / "did not apologise to the families")."""
    if not (a.subject_key in a.entities and b.subject_key in b.entities):
        return False
    denial = a if not a.polarity else b
    return not denial.object_key


def _other_words(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """One event denied and asserted in other words, within one story: "would not challenge the
    verdict" / "will appeal against the conviction", "refused to resign" / "stepped down".
    Verbs only: an event noun ("the deal") is the object of many different claims."""
    if a.predicate == b.predicate or a.denied or b.denied:
        return False
    if not same_event_kind(a, b, lexicon, verbs_only=True):
        return False
    if a.object_key and b.object_key and not keys_corefer(a.object_key, b.object_key, lexicon):
        return False
    if named_apart(a.object_key, b.object_key, a, b, lexicon):
        return False
    return core_participant_shared(a, b, lexicon) and participants_meet(a, b, lexicon) and not evolution(a, b)


def _none_of(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """``a`` says none of a kind took part ("no one was killed", "no passengers were hurt") and
    ``b`` that one did ("a man drowned", "three passengers were injured"), before ``a`` was
    written: a later event does not make the earlier report wrong."""
    if not a.denied or not b.polarity or not lexicon.one_story(a.doc, b.doc):
        return False
    if not same_event_kind(a, b, lexicon):
        return False
    if _GRAVELY.search(a.text) and not _GRAVE.search(b.text):
        return False  # "no one seriously hurt" / "19 people were treated for cuts"
    keys = {k for k in (b.subject_key, b.object_key) if k}
    heads = {events.head(k) for k in keys}
    if not any(
        semantics.is_a(h, a.denied) or lexicon.noun_class(h) == lexicon.noun_class(a.denied) for h in heads
    ) and not any(a.denied in k.split() for k in keys):  # "none of the crew" / "two crew members"
        return False
    if a.doc == b.doc:
        return not times_separate(a, b)
    return _before_denial(a, b)


# A denial of grave harm only ("no one was seriously hurt"), and what makes harm grave.
_GRAVELY = re.compile(r"\b(?:seriously|badly|critically|severely|gravely)\s+(?:\w+\s+)?(?:hurt|injured|wounded|harmed|ill|burned|burnt)\b", re.I)
_GRAVE = re.compile(r"\b(?:serious|seriously|critical|critically|severe|severely|grave|gravely|life-threatening|died|dies|dead|killed|fatal|fatally)\b", re.I)


# Denials of an event named by a noun: "no arrests have been made", "no deaths were reported".
_NO_EVENT = re.compile(r"\bno\s+(?:further\s+|new\s+)?([a-z]+)\s+(?:have|has|had|was|were)\s+(?:yet\s+)?(?:been\s+)?(?:made|reported|recorded|carried out|confirmed)\b", re.I)


def _no_such_event(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """``a`` says no event of a kind took place in the story ("no arrests have been made") and
    ``b`` that one did ("he was arrested at the scene"), before ``a`` was written."""
    if a.polarity or not b.polarity or not lexicon.one_story(a.doc, b.doc) or events.named_by_noun(b):
        return False
    found = _NO_EVENT.search(a.text)
    if found is None:
        return False
    # the denied noun names the event, whatever verb reports it ("no injuries have been reported")
    noun = events.singular(found.group(1))
    senses = semantics.noun_event_senses(noun)
    named = a.subject_key.split()[-1:] == [noun] or a.object_key.split()[-1:] == [noun]
    if not senses or not named:
        return False
    if not any(semantics.same_sense(senses, t.senses, False) for t in events.triggers(b)) or times_separate(a, b):
        return False
    return _before_denial(a, b)


def _no_event_named(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """``a`` denies an event by naming it with "no" ("offered no refunds", "there will be no
    tax increase") and ``b`` says it took place or will ("passengers were refunded", "will
    raise council tax"): one story, before the denial, and what the noun is of, if said, is
    in ``b`` too ("tax")."""
    if a.polarity or not b.polarity or not lexicon.one_story(a.doc, b.doc):
        return False
    phrase = a.object.split()
    if len(phrase) < 2 or phrase[0].casefold() != "no":
        return False
    noun = events.head(a.object_key)
    senses = semantics.noun_event_senses(noun)
    if not senses or not any(
        not t.nominal and semantics.same_sense(senses, t.senses, False) for t in events.triggers(b)
    ):
        return False
    modifiers = [w.casefold() for w in phrase[1:-1]]
    if modifiers:
        # "no tax increase": the event's own words say what it is of ("council tax")
        if not all(re.search(rf"\b{re.escape(w)}\b", b.text.casefold()) for w in modifiers):
            return False
    elif not (participants_meet(a, b, lexicon) or participants_compatible(a, b, lexicon) and _named_in(b, a.text)):
        return False
    return not times_separate(a, b) and _before_denial(a, b)


def _named_in(claim: Claim, text: str) -> bool:
    """Someone or something ``claim`` is about is named in ``text`` too ("passengers were
    refunded" / "offered no refunds to passengers")."""
    text = text.casefold()
    return any(
        re.search(rf"\b{re.escape(events.head(key))}", text) for key in (claim.subject_key, claim.object_key) if key
    )


def _before_denial(a: Claim, b: Claim) -> bool:
    """``b`` tells of something before ``a``'s report was written (in one article, always)."""
    if a.doc == b.doc:
        return True
    if a.published is None:
        return False
    when = dating_time(b)
    if when is None:
        # an undated claim tells of the days before its report: no later than the denial's
        return b.published is not None and b.published <= a.published
    return bool(when.mention.time.latest and when.mention.time.latest <= a.published)


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    for pair in pairs:
        a, b = pair.a, pair.b
        if a.polarity == b.polarity or pair.same_sentence or hedged(a) or hedged(b):
            continue
        if not comparable_modality(a, b):
            continue
        if not (
            _restatement(a, b, lexicon)
            or _other_words(a, b, lexicon)
            or _none_of(a, b, lexicon)
            or _none_of(b, a, lexicon)
            or _no_such_event(a, b, lexicon)
            or _no_such_event(b, a, lexicon)
            or _no_event_named(a, b, lexicon)
            or _no_event_named(b, a, lexicon)
        ):
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
