"""Story figures: one figure each report of a story gives once, given differently.

Pairwise alignment compares two figures when their sentences agree on the verb and the
participants. Reports of one story often give one figure in other words: "the new line will
add nine stations" / "the scheme will add eleven new stations", "injuring 23 passengers" / "it would
pay the 31 injured passengers". What makes them one slot is the story, not the verbs:
each report gives one value for the thing counted or measured (the stations, the injured
passengers), and two reports of one story cannot both be right when those values differ.

A report that gives several values for one noun ("48 passengers were aboard", "23 passengers
were injured") counts several things; its figures are then told apart by the event they count
(the verb of their clause, or a participle before the noun: "the 31 injured passengers"), and
compared only where that event has one value in each report.

A figure takes no part when its sentence presents it as something other than the story's value
of the slot: a change ("rose to"), a part ("including"), an increment ("two more"), a stretch
of time ("the next two years"), a target ("hoped to"), a ratio or a rate, a hedge, a denial.
Two figures are not compared when their sentences are dated apart, name other instances or
owners, or when the figure could have changed between two reports' days (a running toll).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck import events, quantities, semantics
from claimcheck.lexicon import MEASURE_VERBS
from claimcheck.model import Claim, ClaimQuantity
from claimcheck.profiles import person_noun
from claimcheck.rules import number_conflict as nc
from claimcheck.rules.matching import (
    Lexicon,
    another_of_kind,
    attributes_match,
    comparable_modality,
    crude_stem,
    hedged,
    instance_years,
    named_apart,
    not_apart,
    numbered_apart,
    ordinals,
    shared_slots,
    times_separate,
)

_KINDS = frozenset({"count", "money", "percent", "measure"})
# Kinds whose figure depends on the event it is of: "900 residents were evacuated" and "four
# residents were treated" count one noun for two events; "11 percent of patients" had one side
# effect and "5 percent of patients" another. Sums and measures name their attribute ("fee",
# "length") and compare whatever the verb.
_EVENT_BOUND = frozenset({"count", "percent"})
# "the 31 injured passengers", "the 60 flooded farms": the event the count is of.
_PARTICIPLE = re.compile(r"^\s+(?:of\s+the\s+)?([a-z]+(?:ed|en))\s+[a-z]", re.I)


@dataclass(frozen=True, slots=True)
class Figure:
    claim: Claim
    quantity: ClaimQuantity
    attribute: str  # what is counted or measured ("stop", "injured passenger", "closure cost")
    noun: str  # class of the attribute's head noun ("stop", "passenger", "cost")
    event: str  # a crude stem of what the figure counts ("injur", "add")
    rate: str  # what the figure is given per ("", "day", "share")
    named: bool  # the event is named by a participle before the noun, not by the clause's verb
    bound: bool  # what the figure is depends on its event (a count, a share of something)


def story_figure_pairs(claims: tuple[Claim, ...], lexicon: Lexicon) -> Iterator[tuple[Figure, Figure]]:
    """Pairs of figures of two reports of one story that fill one slot with one value each."""
    # doc -> (noun, rate, kind) -> the report's figures of that slot
    slots: dict[str, dict[tuple[str, str, str], list[Figure]]] = {}
    for claim in claims:
        for figure in _figures(claim, lexicon):
            slots.setdefault(claim.doc, {}).setdefault(_slot(figure), []).append(figure)
    for figures_a, figures_b in shared_slots(slots, lexicon, _identity):
        yield from _pairs(figures_a, figures_b, lexicon)
    yield from _people_counted_once(slots, lexicon)


# The fewest people a count of a crowd or a group gives.
_CROWD = 10


def _people_counted_once(
    slots: dict[str, dict[tuple[str, str, str], list[Figure]]], lexicon: Lexicon
) -> Iterator[tuple[Figure, Figure]]:
    """Two reports of one story that each count people once, by other nouns and other verbs
    ("1,850 skiers took to the slopes" / "fewer than 900 visitors turned up"): the one crowd,
    or group, each report speaks of. A report counting people twice (the injured and the
    evacuated) counts two groups, and its counts are left to the slots above; so are a few
    people ("its two partners"), who are not a crowd."""
    crowds: dict[str, list[Figure]] = {}
    for doc, by_slot in slots.items():
        people = [
            f
            for figures in by_slot.values()
            for f in figures
            if f.quantity.quantity.kind == "count"
            and not f.rate
            and person_noun(events.head(f.attribute))
            and not _working(events.head(f.attribute))
        ]
        if any(f.quantity.quantity.value < _CROWD for f in people):
            continue
        if people and _one_value(people):
            crowds[doc] = people
    crowd_slots = {doc: {"people": people} for doc, people in crowds.items()}
    for figures_a, figures_b in shared_slots(crowd_slots, lexicon, _identity):
        for fa in figures_a:
            for fb in figures_b:
                if fa.noun != fb.noun and _together(fa, fb, lexicon, crowd=True):
                    yield fa, fb


# Kinds of people who work at an event rather than make up its crowd: "120 traders", "40
# volunteers", "85 stallholders" against "14,000 visitors".
_WORKING = frozenset("worker merchant trader agent representative professional employee official seller".split())


def _working(noun: str) -> bool:
    return noun in _WORKING or bool(_WORKING & set(semantics.hypernyms(noun))) or noun.endswith("holder")


def _identity(figure: Figure) -> tuple:
    """What makes two figures one value (the same words for the same value and unit), that
    holds with any figure like it."""
    q = figure.quantity.quantity
    return q.kind, q.value, q.unit, q.bound, q.approximate, q.text.casefold()


def _slot(figure: Figure) -> tuple[str, str, str]:
    return figure.noun, figure.rate, figure.quantity.quantity.kind


def _pairs(
    figures_a: list[Figure], figures_b: list[Figure], lexicon: Lexicon
) -> Iterator[tuple[Figure, Figure]]:
    """Pairs of one slot's figures in two reports (``figures_a`` and ``figures_b`` are every
    figure each report gives the slot), where each report gives the slot, or the event the
    figures count, one value."""
    one_value = not any(f.bound for f in (*figures_a, *figures_b)) and (
        _one_value(figures_a) and _one_value(figures_b)
    )
    seen: set[tuple] = set()
    for fa in figures_a:
        for fb in figures_b:
            if not _comparable(fa, fb, lexicon):
                continue
            if not one_value and not (
                _same_event(fa, fb, lexicon)
                and _one_value([f for f in figures_a if _same_event(f, fa, lexicon)])
                and _one_value([f for f in figures_b if _same_event(f, fb, lexicon)])
            ):
                continue
            key = (fa.claim.start, fa.quantity.quantity.start, fb.claim.start, fb.quantity.quantity.start)
            if key in seen or not _together(fa, fb, lexicon):
                continue
            seen.add(key)
            yield fa, fb


def _comparable(fa: Figure, fb: Figure, lexicon: Lexicon) -> bool:
    qa, qb = fa.quantity, fb.quantity
    if qa.quantity.kind != qb.quantity.kind:
        return False
    if qa.quantity.kind != "count" and not quantities.same_dimension(qa.quantity, qb.quantity):
        return False
    return attributes_match(fa.attribute, fb.attribute, lexicon)


def _one_value(figures: list[Figure]) -> bool:
    """The figures can all hold together: the report gives the slot one value (written once
    or several times, "about 300" and "312")."""
    first = _value(figures[0])
    return all(quantities.can_both_hold(_value(other), first, 0.1) for other in figures[1:])


def _value(figure: Figure) -> quantities.Quantity:
    return nc.comparable(figure.quantity)


def _same_event(fa: Figure, fb: Figure, lexicon: Lexicon) -> bool:
    if fa.event in _PRESENCE and fb.event in _PRESENCE:
        return True  # "carrying 31 passengers" / "had 24 passengers aboard": who was there
    return bool(fa.event) and (fa.event == fb.event or lexicon.same_event(fa.event, fb.event))


# Verbs whose count is of who or what was there, whatever the verb: "was carrying 31
# passengers" / "had 24 passengers aboard"; "crews from four stations attended" / "seven fire
# stations were sent". (Crude stems, as Figure.event is.)
_PRESENCE = frozenset(
    crude_stem(verb) for verb in "have carry attend send deploy dispatch tackle fight battle respond".split()
)


def _together(fa: Figure, fb: Figure, lexicon: Lexicon, crowd: bool = False) -> bool:
    """Nothing sets the two sentences apart: dates, years, ordinals, numbered names, owners,
    two named agents; and both say what is (or will be), not what might be. (A participle
    names a done event whatever the clause's verb: "it would pay the 31 injured
    passengers".) Two kinds of people are two groups, but for the one ``crowd`` each report
    counts."""
    a, b = fa.claim, fb.claim
    if instance_years(a) != instance_years(b) or ordinals(a) != ordinals(b) or numbered_apart(a, b):
        return False
    if times_separate(a, b) or not nc.dated_alike(a, b):
        return False
    if _past_years(a) ^ _past_years(b):
        return False  # "since 2012, when the Orle fire burned 20,000 acres": another occasion
    if not (fa.named or fb.named or comparable_modality(a, b)):
        return False
    if named_apart(a.object_key, b.object_key, a, b, lexicon):
        return False  # "Berg was found guilty on two counts" / "Lund ... on five counts"
    if not crowd and _people_apart(a.subject_key, b.subject_key, a, b):
        return False  # "adults will pay $9" / "pensioners will pay $5.50"
    if another_of_kind(a) or another_of_kind(b):
        return False  # "cuts at several other companies, which shed 6,000 jobs"
    return not_apart(a, b, lexicon)


def _past_years(claim: Claim) -> set[str]:
    """Years the sentence names from before the year preceding its report: past occasions."""
    if claim.published is None:
        return set()
    return {y for y in nc.YEAR.findall(claim.text) if int(y) < claim.published.year - 1}


def _people_apart(x: str, y: str, a: Claim, b: Claim) -> bool:
    """Two subjects naming two kinds of people, neither a name."""
    if not x or not y or x in a.entities or y in b.entities:
        return False
    head_x, head_y = events.head(x), events.head(y)
    return head_x != head_y and person_noun(head_x) and person_noun(head_y)


def _figures(claim: Claim, lexicon: Lexicon) -> Iterator[Figure]:
    if not claim.quantities or not claim.polarity or claim.profile or hedged(claim):
        return
    for q in claim.quantities:
        if q.quantity.kind not in _KINDS or q.superseded:
            continue
        attribute = q.attribute_key if nc.slot_attribute(q.attribute_key) else _measured_subject(claim, q)
        by_verb = not attribute and bool(_verb_measure(claim, q))
        if by_verb:
            attribute = _verb_measure(claim, q)  # "produced 91,000 tonnes": the tonnage produced
        if not attribute:
            continue
        attribute = _member_of(attribute)
        if quantities.varies(q.quantity):
            continue
        participle = _participle(claim, q)
        if nc.route_point(claim, q) or nc.extreme(claim, q):
            continue
        if (
            nc.ratio_part(claim, q)
            or nc.subset_part(claim, q)
            or nc.increment(claim, q)
            or nc.stage(claim, q)
            or (nc.changed(claim, q) and not _earlier_named(claim, q))
            or nc.intended(claim, q)
        ):
            continue
        yield Figure(
            claim=claim,
            quantity=q,
            attribute=attribute,
            noun=lexicon.noun_class(events.head(attribute)),
            event=crude_stem(participle or claim.predicate.split()[0])
            if (participle or claim.predicate)
            else "",
            rate=nc.rate_unit(claim, q),
            named=bool(participle),
            # (a share the subject is, "turnout was 58 percent", is no share of the event's; a
            # share of a named thing, "a premium of 42 per cent", neither: only a share of
            # people, "11 percent of patients", is of the event they took part in)
            bound=by_verb
            or (
                q.quantity.kind in _EVENT_BOUND
                and attribute == _member_of(q.attribute_key)
                and (q.quantity.kind == "count" or person_noun(events.head(attribute)))
            ),
        )


def _verb_measure(claim: Claim, q: ClaimQuantity) -> str:
    """A measure written with its unit alone ("produced 91,000 tonnes", "sowed 30,000
    hectares"): what the verb made of that dimension ("produce mass"), or ""."""
    dimension = quantities.dimension(q.quantity)
    if not dimension or not claim.predicate or dimension in ("duration", "speed", "temperature"):
        return ""
    verb = claim.predicate.split()[0]
    if verb in MEASURE_VERBS or verb in ("have", "be"):
        return ""
    return f"{verb} {dimension}"


def _member_of(attribute: str) -> str:
    """ "crew member" counts the crew, "staff member" the staff."""
    words = attribute.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] == "member" else attribute


# Verbs that give what their subject costs or measures: "the merger will cost about EUR40m".
_COST_VERBS = frozenset("cost".split())


# What may follow a figure that is its subject's value: the end of the clause or a preposition.
_BARE_AFTER = re.compile(
    r"^(?:\s*[,.;:)]|\s*$|\s+(?:in|on|at|from|for|by|last|this|a|an|per|according|after|before|since|and|but)\b)",
    re.I,
)


def _measured_subject(claim: Claim, q: ClaimQuantity) -> str:
    """The attribute of a figure the parser left without one, read from its clause: what a
    "cost" verb's subject costs ("the merger will cost EUR40m": "merger cost"), or the
    subject a measuring verb gives the value of ("turnout was 58 percent": "turnout")."""
    subject = claim.subject_key
    if not subject or not claim.predicate or person_noun(events.head(subject)):
        return ""
    if subject in claim.entities and not (len(subject.split()) == 1 and semantics.hypernyms(subject)):
        return ""  # a name ("Vantor rose 2.1%"), not a word the model took for one ("Turnout")
    verb = claim.predicate.split()[0]
    if verb in _COST_VERBS and q.quantity.kind == "money":
        return f"{events.head(subject)} cost"
    if verb in MEASURE_VERBS and q.quantity.kind in ("percent", "money", "measure"):
        if not _BARE_AFTER.match(claim.text[q.quantity.end : q.quantity.end + 20]):
            return ""  # "the fire was 20% contained": a state, not the fire's value
        return subject if nc.slot_attribute(subject) else ""
    return ""


def _earlier_named(claim: Claim, q: ClaimQuantity) -> bool:
    """A figure given as a change with the value it changed from ("58 percent, up from 49
    percent"): the value as the story stands; whether another report's figure is the earlier
    one is for :func:`number_conflict.figures_evolve` to judge."""
    return any(o.superseded and o.quantity.kind == q.quantity.kind for o in claim.quantities if o is not q)


def _participle(claim: Claim, q: ClaimQuantity) -> str:
    """The participle naming what a count is of ("the 31 injured passengers"), or ""."""
    found = _PARTICIPLE.match(claim.text[q.quantity.end : q.quantity.end + 40])
    return found.group(1).casefold() if found else ""
