"""Exclusive events: predicates that cannot both hold for the same subject and object.

Each rule is one family of news events split into groups; phrases in one group are
compatible, phrases in different groups exclude each other ("postpone" vs "cancel").
Two claims about the same participants whose predicates fall in different groups are
flagged, unless the text dates them apart or marks a change, either is negated, or either
is hedged ("may", "appears").

Story statuses: each unit of a story (a report's headline, a report's body) that gives one
thing one status is set against another unit giving it another, when the two speak of the same
thing in other words ("Kessby's schools stayed open on Monday" / "every school in Kessby
shut on Monday", a day later). A unit giving both statuses tells a sequence.

Options: ``groups``, a list of lists of lower-case lemma phrases ("call off", "put on hold");
``in_turn = true`` where the outcomes can follow one another (a site opens, later shuts), so
their dates are two events' dates, not one event's given twice.

Passes: "The board approved the merger in May. Regulators approved the merger in June."
Fails: "Acme postponed the IPO in January 2024. In January 2024, Acme cancelled its IPO."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from claimcheck import events
from claimcheck.align import CandidatePair
from claimcheck.lexicon import EVENT_NOUNS
from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    comparable_modality,
    dating_time,
    evolution,
    hedged,
    key_matcher,
    keys_compatible,
    label_predicate,
    named_apart,
    not_apart,
    one_past_occasion,
    other_owners,
    render_message,
    reported_on_two_days,
    same_story,
    surface_form,
    times_separate,
    topic_shared,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "{subject}: one sentence says '{a}', another says '{b}'; these cannot both be true"


@dataclass(frozen=True, slots=True)
class Options:
    groups: tuple[tuple[str, ...], ...] = ()
    # The outcomes can follow one another ("opened in 1974", "shut on 8 April"): each has its
    # own date, so date-conflict does not take two of them for one event dated twice.
    in_turn: bool = False

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        in_turn = raw.get("in_turn", False)
        if not isinstance(in_turn, bool):
            raise ValueError("in_turn: must be true or false")
        groups = raw.get("groups", ())
        if not isinstance(groups, list) or len(groups) < 2:
            raise ValueError("groups: give at least two lists of phrases")
        out = []
        for number, group in enumerate(groups):
            if not isinstance(group, list) or not group or not all(isinstance(p, str) for p in group):
                raise ValueError(f"groups[{number}]: must be a non-empty list of strings")
            out.append(tuple(normalise_phrase(p) for p in group))
        return cls(groups=tuple(out), in_turn=in_turn)


def normalise_phrase(phrase: str) -> str:
    return " ".join(phrase.casefold().replace("-", " ").split())


def claim_groups(claim: Claim, rule_id: str, context: Context) -> frozenset[int]:
    """Groups of rule ``rule_id`` whose phrases the claim's predicate (or fact-box label) matches."""
    return frozenset(group for rid, group in context.event_groups(claim, _phrase_matches) if rid == rule_id)


def _phrase_matches(phrase: str, claim: Claim) -> bool:
    candidates = [claim.predicate] + ([label_predicate(claim)] if claim.label else [])
    text = " ".join(claim.text.casefold().replace("-", " ").split())
    return any(_matches(phrase, c, claim.content_lemmas, text) for c in candidates if c)


def _matches(phrase: str, predicate: str, lemmas: Sequence[str], text: str) -> bool:
    if phrase == predicate:
        return True
    words = phrase.split()
    head = predicate.split()
    if len(words) > 1 and words[0] == head[0] and len(head) <= len(words):
        # "put on hold", "walk away from": the rest of the phrase must be in the sentence.
        rest = words[len(head) :] if words[: len(head)] == head else words[1:]
        return all(w in lemmas or f" {w}" in f" {text}" for w in rest)
    return False


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    for pair in context.event_pairs(pairs, _phrase_matches):
        a, b = pair.a, pair.b
        if pair.same_sentence or not a.polarity or not b.polarity or hedged(a) or hedged(b):
            continue
        ga = claim_groups(a, rule.id, context)
        if not ga:
            continue
        gb = claim_groups(b, rule.id, context)
        if not gb or ga & gb:
            continue
        if not _same_thing(a, b, lexicon):
            continue
        if evolution(a, b) and not _one_report_day(a, b):
            continue
        yield _finding(rule, a, b)
    for a, b in story_statuses(rule, context):
        yield _finding(rule, a, b)


def _finding(rule, a: Claim, b: Claim) -> Finding:
    subject = a.subject or b.subject or a.object or b.object
    return rule.finding(
        message=render_message(
            rule.message, subject=subject, a=surface_form(a, a.predicate), b=surface_form(b, b.predicate)
        ),
        claims=(a, b),
        differences=(a.predicate or label_predicate(a), b.predicate or label_predicate(b)),
    )


def _same_thing(a: Claim, b: Claim, lexicon) -> bool:
    """The same object, and subjects that agree (or one unknown); across articles both named.

    A verb used without an object says what happened to its subject when that subject names
    an event ("the signing collapsed" against "completed the signing") or is what the other
    claim, a passive with no agent, acts on ("Merrow resigned" against "Merrow was fired").
    Two claims without objects are about their subjects ("revenue rose" / "revenue fell").
    Other subjects ("he died" against "survived by her daughter") stay who acted."""
    if other_owners(a, b):
        return False
    if not (a.object_key or b.object_key or _whole_subject(a, b)):
        return False
    a, b = _theme_as_object(a, b), _theme_as_object(b, a)
    same = key_matcher(a, b, lexicon)
    if a.object_key or b.object_key:
        if not same(a.object_key, b.object_key):
            return False
    elif not same(a.subject_key, b.subject_key):
        return False
    if a.doc != b.doc:
        return same_story(a, b, lexicon)
    return keys_compatible(a.subject_key, b.subject_key, lexicon) or same(a.subject_key, b.subject_key)


_QUANTIFIERS = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|"
    r"most|some|many|several|few|all|half|none|both|each|every|other|another)\b",
    re.I,
)


def _whole_subject(a: Claim, b: Claim) -> bool:
    """Two claims without objects speak of one thing: neither subject is a part ("three
    passengers died" / "most passengers survived") and they name the same places and
    parties ("sales rose in Europe" / "sales fell in Asia" are two markets)."""
    if _QUANTIFIERS.search(a.subject) or _QUANTIFIERS.search(b.subject):
        return False
    return set(a.entities) == set(b.entities)


def _theme_as_object(claim: Claim, other: Claim) -> Claim:
    if claim.object_key or not claim.subject_key:
        return claim
    acted_on = not other.subject_key and other.object_key == claim.subject_key
    if not acted_on and (
        claim.subject_key in claim.entities or claim.subject_key.split()[-1] not in EVENT_NOUNS
    ):
        return claim
    return replace(claim, subject="", subject_key="", object=claim.subject, object_key=claim.subject_key)


def story_statuses(rule, context: Context) -> Iterator[tuple[Claim, Claim]]:
    """Pairs of claims that give one thing of a story two statuses of this rule, told apart by
    the story rather than by repeated words: each unit of the story (a report's headline, a
    report's body) says one status only ("Coach stays in post" in a headline, "the club
    dismissed its coach" in its body; "schools stayed open on Monday" in one report, "every
    school shut on Monday" in another). A unit giving both statuses tells of a
    sequence ("closed on Monday, reopened on Wednesday") and is left out."""
    lexicon = context.lexicon
    units: dict[tuple[str, bool], list[tuple[Claim, frozenset[int]]]] = {}
    for claim in context.claims:
        if not claim.polarity or hedged(claim) or claim.change or _QUANTIFIERS.search(claim.subject):
            continue  # ("three of the eleven members wanted to hold rates": a part's view)
        groups = claim_groups(claim, rule.id, context)
        if groups:
            units.setdefault((claim.doc, claim.headline), []).append((claim, groups))
    keys = sorted(units)
    for i, unit_a in enumerate(keys):
        for unit_b in keys[i + 1 :]:
            if not lexicon.one_story(unit_a[0], unit_b[0]):
                continue
            for a, groups_a in units[unit_a]:
                for b, groups_b in units[unit_b]:
                    if groups_a & groups_b or not _one_thing_of_story(a, b, lexicon) or _evolved(a, b):
                        continue
                    # each unit gives the thing one status: neither says the other's of it too
                    if _says_too(units[unit_a], groups_b, b, lexicon) or _says_too(
                        units[unit_b], groups_a, a, lexicon
                    ):
                        continue
                    yield a, b


def _says_too(
    unit: list[tuple[Claim, frozenset[int]]], groups: frozenset[int], other: Claim, lexicon
) -> bool:
    """The unit also gives ``other``'s thing a status of ``groups``."""
    return any(groups & own and _one_thing_of_story(claim, other, lexicon) for claim, own in unit)


def _one_thing_of_story(a: Claim, b: Claim, lexicon) -> bool:
    """Nothing sets the two claims apart, and they speak of one thing: what each acts on (its
    object, or, without one, its subject: "schools stayed open" / "shut every school") is
    the same or a kind of the other; where one names nothing, the sentences share a topic."""
    if other_owners(a, b) or not not_apart(a, b, lexicon) or not comparable_modality(a, b):
        return False  # (also a plan against a state: "stays closed" / "may reopen once inspected")
    if named_apart(a.object_key, b.object_key, a, b, lexicon):
        return False
    if a.object_key and b.object_key and _two_actors(a, b, lexicon):
        return False  # "the council backed the merger" / "a petition opposing the merger"
    theme_a, theme_b = a.object_key or a.subject_key, b.object_key or b.subject_key
    if theme_a and theme_b:
        return key_matcher(a, b, lexicon)(theme_a, theme_b) or events.kinds_corefer(theme_a, theme_b)
    return topic_shared(a, b)


def _two_actors(a: Claim, b: Claim, lexicon) -> bool:
    """Both claims say who acts on their object, and they are two: neither subject is the
    other, a kind of it, shares a word with it ("the board" / "board members") or a stem
    ("council" / "councillors")."""
    x, y = a.subject_key, b.subject_key
    if not x or not y or key_matcher(a, b, lexicon)(x, y) or events.kinds_corefer(x, y):
        return False
    words_x = set(x.split()) | set(a.subject.casefold().split())
    words_y = set(y.split()) | set(b.subject.casefold().split())
    if (words_x & words_y) - {"the", "a", "an", "its", "their"}:
        return False  # ("Dunmere Board", keyed "dunmere", / "the board")
    head_x, head_y = events.head(x), events.head(y)
    return head_x[:5] != head_y[:5]


def _evolved(a: Claim, b: Claim) -> bool:
    """The two statuses may follow each other: the text marks a change, the claims are dated
    apart, or two reports on two days tell of something not over before the first of them
    (a status held on the day of the first report may have changed by the second)."""
    if a.change or b.change or times_separate(a, b):
        return True
    if reported_on_two_days(a, b):
        return not (one_past_occasion(a, b, through_first_day=True) or _one_report_day(a, b))
    return False


# Verbs of a status held through a time ("remained open on Sunday", "was shut on Sunday").
_HELD = frozenset("remain stay keep continue be".split())


def _one_report_day(a: Claim, b: Claim) -> bool:
    """One of the two claims speaks of its report's day and the other dates its status to it."""
    return _on_report_day(a, b) or _on_report_day(b, a)


def _on_report_day(a: Claim, b: Claim) -> bool:
    """``a`` gives no date and so speaks of its report's day ("the hotel has been closed",
    published on Sunday), and ``b`` dates its status to that same day ("remained open on
    Sunday"): one day, two statuses, whatever day ``b`` was published."""
    if a.published is None or dating_time(a) is not None or a.times:
        return False
    if not b.predicate or b.predicate.split()[0] not in _HELD:
        return False  # ("remains closed" / "reopened on Monday evening": a change later that day)
    when = dating_time(b)
    if when is None:
        return False
    time = when.mention.time
    return time.earliest == time.latest == a.published
