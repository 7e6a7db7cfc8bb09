"""Story dates: one event each report of a story dates once, dated differently.

Pairwise, two dates are compared when the two sentences agree on the verb and on who took part.
Reports of one story name the same participants in other words ("the rescue team" / "the
rescuers", "Brenna's plant" / "the bakery"), so the event is found by the story instead:
when each of two reports of one story dates an event (one verb, or verbs of one meaning) once,
and the two dates cannot both hold, one report is wrong ("the factory opened in 1991" / "the
plant, which opened in 1987"). A report that dates the event twice, differently, tells of
several occasions ("the line opened in 1987 and a second one opened in 2001"): it is left out.

Left out as well: states ("was"), light verbs ("had", "made"), verbs of saying (a statement is
made again on another day), denied and hedged claims, sentences that mark a change, plans set
against what was done, named participants that differ (two people, two bodies), two objects
that are two things, dates of a period ("since 2006"), and dates written as a time of day alone
against a day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck import events, temporal
from claimcheck.lexicon import LIGHT_VERBS, STATEMENT_VERBS
from claimcheck.model import Claim, ClaimTime
from claimcheck.rules.date_conflict import moves, period, stative
from claimcheck.rules.matching import (
    Lexicon,
    agents_apart,
    comparable_modality,
    dating_time,
    hedged,
    instance_years,
    key_matcher,
    named_apart,
    numbered_apart,
    ordinals,
    other_owners,
    roles_crossed,
    shared_slots,
    topic_shared,
)

# Times that say "at the time of the report", not when something happened.
_DEICTIC = frozenset({"now", "currently", "at present", "so far"})
# Verbs of saying that make a thing known once: "announced the ban on Monday" is one occasion,
# where "said on Monday" may be said again on Tuesday.
_MADE_ONCE = frozenset("announce unveil".split())
# Words making a participant one instance among several of its kind.
_INSTANCE_WORDS = frozenset("new previous former old earlier latest next another second".split())


@dataclass(frozen=True, slots=True)
class Dated:
    claim: Claim
    time: ClaimTime
    event: str  # the predicate's class


def story_date_pairs(claims: tuple[Claim, ...], lexicon: Lexicon) -> Iterator[tuple[Dated, Dated]]:
    """Pairs of dated claims of two reports of one story that date one event once each."""
    by_doc: dict[str, dict[str, list[Dated]]] = {}
    for claim in claims:
        if not claim.predicate or not claim.polarity or claim.change or claim.profile or hedged(claim):
            continue
        verb = claim.predicate.split()[0]
        if stative(claim) or verb in LIGHT_VERBS or moves(claim):
            continue  # (shares "fell" on Tuesday and again on Wednesday)
        if verb in STATEMENT_VERBS and not (verb in _MADE_ONCE and claim.object_key):
            continue
        time = dating_time(claim)
        if time is None or period(time) or time.mention.text.casefold() in _DEICTIC:
            continue
        if _INSTANCE_WORDS.intersection(f"{claim.subject} {claim.object}".casefold().split()):
            continue  # "set a new record" is not "the record set in 2019"
        event = lexicon.predicate_class(claim.predicate)
        by_doc.setdefault(claim.doc, {}).setdefault(event, []).append(Dated(claim, time, event))
    for dated_a, dated_b in shared_slots(by_doc, lexicon, _identity):
        if not (_one_date(dated_a) and _one_date(dated_b)):
            continue
        for da in dated_a:
            for db in dated_b:
                if _one_occasion(da.claim, db.claim, lexicon):
                    yield da, db


def _identity(dated: Dated) -> tuple:
    """What makes two dates one, that no other date of it contradicts (the same value, read as
    the same days: "today" in reports of two days is two dates)."""
    time = dated.time.mention.time
    return time.type, time.value, time.mod, time.earliest, time.latest


def _one_date(dated: list[Dated]) -> bool:
    """The report dates the event once: its dates of it can all hold together."""
    first = dated[0].time.mention.time
    return not any(temporal.disjoint(first, other.time.mention.time) for other in dated[1:])


def _one_occasion(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Nothing in the two sentences makes them two occasions or two events: another instance
    (year, ordinal, numbered name, owner), other named participants, objects that are two
    things, roles crossed, or a plan against a deed."""
    if instance_years(a) != instance_years(b) or ordinals(a) != ordinals(b) or numbered_apart(a, b):
        return False
    if other_owners(a, b) or not comparable_modality(a, b):
        return False
    if named_apart(a.subject_key, b.subject_key, a, b, lexicon) or agents_apart(a, b, lexicon):
        return False
    same = key_matcher(a, b, lexicon)
    subjects_named = a.subject_key in a.entities or b.subject_key in b.entities
    if (
        a.subject_key
        and b.subject_key
        and not subjects_named
        and not (same(a.subject_key, b.subject_key) or _kin(a.subject_key, b.subject_key))
    ):
        return False  # "the ferry sailed on Monday" / "the lorry left on Tuesday"
    if not (a.subject_key and b.subject_key) and not topic_shared(a, b):
        return False  # "trains should resume on Friday" / "lessons will resume on Monday"
    if (
        a.object_key
        and b.object_key
        and not (same(a.object_key, b.object_key) or _kin(a.object_key, b.object_key))
    ):
        return False
    return not roles_crossed(a, b, lexicon)


def _kin(x: str, y: str) -> bool:
    """One object a kind of the other ("the vessel" / "the ship")."""
    return events.kinds_corefer(x, y)
