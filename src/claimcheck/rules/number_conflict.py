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

Story figures (slots): between two reports of one story, a figure each report gives once for
one thing counted or measured is compared whatever the verbs and subjects ("the new line will
add nine stations" / "the scheme will add eleven new stations"; "the merger will cost EUR40m" /
"expects the merger to cost EUR65m"). A report giving several values for one noun counts
several things, so its counts are compared only per event ("injuring 23 passengers" / "the 31
injured passengers"). See ``claimcheck.rules.story_figures``.

Passes: "around 11,000 staff ... 11,000 employees"
Fails: "a severance fee of $4 million ... Severance fee: the club pays $6 million."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from claimcheck import events, quantities, semantics, tallies, temporal
from claimcheck.align import CandidatePair
from claimcheck.lexicon import LAST_AS_VERB, MEASURE_VERBS, POSITION_VERBS
from claimcheck.model import Claim, ClaimQuantity, Finding, Modality, Severity, TimeRole
from claimcheck.profiles import person_noun
from claimcheck.rules.matching import (
    Context,
    Lexicon,
    another_of_kind,
    attributes_match,
    comparable_modality,
    core_participant_shared,
    dated_together,
    dating_time,
    hedged,
    instance_years,
    keys_compatible,
    keys_corefer,
    keys_equal,
    named_apart,
    names_match,
    not_apart,
    numbered_apart,
    one_past_occasion,
    ordinals,
    participants_compatible,
    participants_meet,
    render_message,
    reported_on_two_days,
    same_event_kind,
    same_participants,
    same_story,
    times_separate,
)
from claimcheck.rules.ranks import rank_pairs

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
            if not slot_attribute(qa.attribute_key):
                continue  # no attribute, a vague one ("people") or only a unit ("km"): of what?
            if not keys_equal(qa.attribute_key, qb.attribute_key, lexicon):
                continue
            if qa.quantity.kind != qb.quantity.kind or qa.quantity.kind in ("ordinal",):
                continue
            if loose and qa.quantity.kind not in loose:
                continue
            yield qa, qb


_CHANGED_BEFORE = re.compile(
    r"\b(?:rose|risen|rises|increased|grew|grown|climbed|jumped|fell|fallen|dropped|declined|decreased|"
    r"passed|passes|topped|tops|(?:grows|climbs|jumps|falls|drops|declines|increases|decreases)\s+(?:to|past|above|"
    r"beyond|over|by)|"
    r"revised|raised|lowered|cut|reduced|updated|now|later|since|has reached|had reached|reached)\b[^.;]{0,25}$",
    re.I,
)
_CHANGED_AFTER = re.compile(
    r"^[^.;]{0,15}\b(?:up|down) from\b|^\s*,?\s*(?:previously|initially|originally|earlier)\b"
    r"(?!\s+(?:this|last|that|in|on)\b)",  # ("earlier this month" is a date)
    re.I
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
# (not "in one-off", "$2.4bn in one of the biggest deals", nor a year: "fined $1.1m in 2022")
_RATIO_AFTER = re.compile(
    rf"^\s*(?:in|out of|of|per)\s+(?:every\s+)?(?!(?:1[89]|20)\d\d\b){_NUMBER}\b(?!-)(?!\s+of\b)", re.I
)
_RATIO_BEFORE = re.compile(rf"\b{_NUMBER}\s+(?:\w+\s+)?(?:in|out of|of)\s+(?:every\s+|the\s+)?$", re.I)


_SUBSET_BEFORE = re.compile(
    r"\b(?:including|includes|included|of whom|of which|among them|among whom|such as)\s+(?:\w+\s+)?$", re.I
)


_INCREMENT_AFTER = re.compile(r"^\s*(?:more|additional|further|extra)\b", re.I)
# "40 new cases", "two new deaths": added to a running count ("eleven new stations" are no increment).
_NEW_AFTER = re.compile(r"^\s*new\b", re.I)
_INCREMENT_BEFORE = re.compile(r"\b(?:another|a further|an additional|an extra)\s+$", re.I)


def increment(claim: Claim, q: ClaimQuantity) -> bool:
    """A figure counting what was added ("two more bodies", "another 40 homes")."""
    start, end = q.quantity.start, q.quantity.end
    after = claim.text[end : end + 20]
    return (
        bool(_INCREMENT_AFTER.match(after))
        or bool(_INCREMENT_BEFORE.search(claim.text[max(0, start - 20) : start]))
        or (bool(_NEW_AFTER.match(after)) and tally(claim, q))
    )


_STAGE = r"(?:next|following|previous|past|last|first|final|another|further|additional|remaining)"
_STAGE_BEFORE = re.compile(rf"\b{_STAGE}\s+$", re.I)
_STAGE_START = re.compile(rf"^(?:the\s+)?{_STAGE}\b", re.I)


def stage(claim: Claim, q: ClaimQuantity) -> bool:
    """A stretch of a timeline ("spent the next two decades", "for the following four years"): one
    of several periods a life or a story runs through, not a length the story gives twice."""
    before = claim.text[max(0, q.quantity.start - 20) : q.quantity.start]
    if LAST_AS_VERB.search(before):
        return False  # "the stoppage would last 72 hours"
    return bool(_STAGE_BEFORE.search(before) or _STAGE_START.match(q.quantity.text))


_DIRECTION_AFTER = re.compile(
    r"^\s*(upstream|downstream|north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
    r"inland|offshore|uphill|downhill|away)\b(?:\s+of\s+((?:the\s+)?[\w' -]{2,40}?))?(?=[,.;)]|\s+(?:and|but|where|when|in|on|at)\b|$)",
    re.I,
)


def places_apart(a: Claim, qa: ClaimQuantity, b: Claim, qb: ClaimQuantity) -> bool:
    """Two distances in two directions from no one named place ("30 km upstream" / "12 km
    downstream"): the distances of two places. From one named place ("12 km north-east of
    Brask" / "30 km south of Brask") they place one thing twice."""
    da = _DIRECTION_AFTER.match(a.text[qa.quantity.end : qa.quantity.end + 60])
    db = _DIRECTION_AFTER.match(b.text[qb.quantity.end : qb.quantity.end + 60])
    if da is None or db is None or da.group(1).casefold() == db.group(1).casefold():
        return False
    place_a, place_b = (d.group(2).split()[-1].casefold() if d.group(2) else "" for d in (da, db))
    return not (place_a and place_a == place_b)


# "3 km from the finish", "after 40 km", "at the 60 km mark": where on a route, not a length.
_POSITION_AFTER = re.compile(r"^\s*(?:from|out|to\s+go|before|short\s+of|into|mark)\b", re.I)
_POSITION_BEFORE = re.compile(r"\b(?:(?:after|within|inside)\s+(?:the\s+)?|at\s+the\s+)$", re.I)
# "the strongest a magnitude 4.8", "the largest, at 12 hectares": the extreme of a set the
# sentence counts, not the story's one value.
_EXTREME_BEFORE = re.compile(
    r"\bthe\s+(?:strong|larg|bigg|high|low|deep|long|heavi|small|old|young|great|fast|tall|deadli)est"
    r",?\s+(?:(?:an?|at|being)\s+)?(?:[a-z]+\s+)?$",
    re.I,
)


def route_point(claim: Claim, q: ClaimQuantity) -> bool:
    """A length giving where on a route something happened ("3 km from the finish")."""
    if quantities.dimension(q.quantity) != "length":
        return False
    text = claim.text
    return bool(
        _POSITION_AFTER.match(text[q.quantity.end : q.quantity.end + 20])
        or _POSITION_BEFORE.search(text[max(0, q.quantity.start - 12) : q.quantity.start])
    )


def extreme(claim: Claim, q: ClaimQuantity) -> bool:
    """The value of the extreme member of a set ("the strongest a magnitude 4.8")."""
    return bool(_EXTREME_BEFORE.search(claim.text[max(0, q.quantity.start - 30) : q.quantity.start]))


def subset_part(claim: Claim, q: ClaimQuantity) -> bool:
    """A figure counting part of another ("37 reports, including four that caused burns")."""
    return bool(_SUBSET_BEFORE.search(claim.text[max(0, q.quantity.start - 40) : q.quantity.start]))


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
    # A later report may update a running count (casualties, arrests, cases, or a figure the
    # text gives as standing now); a price, a fee, a share, or a count of something finished
    # ("the hearing heard 14 witnesses", "the slide destroyed four houses") given differently
    # on different days is still a discrepancy: a past fact cannot have evolved between them.
    # (a count of what a plan will do, "the ban will affect 1.3 million customers", is no
    # tally of what has happened so far)
    planned = a.modality == b.modality == Modality.PLANNED
    return (
        reported_on_two_days(a, b)
        and qa.quantity.kind == "count"
        and (running(a, qa) or running(b, qb) or (not planned and (tally(a, qa) or tally(b, qb))))
        and not _done_before_both(a, b)
    )


# Acts whose count is settled once the occasion is over: an arrest on Tuesday night is not
# established later, as a death toll of Tuesday's flood is.
_SETTLED_ACTS = frozenset("arrest detain evacuate rescue".split())


def _done_before_both(a: Claim, b: Claim) -> bool:
    """Both claims count one settled act on one named occasion that was over before either
    report ("Police arrested 14 people on Tuesday night" / "Four people were arrested on Tuesday
    night" a day later): a past fact, not a running count."""
    if a.predicate not in _SETTLED_ACTS or b.predicate not in _SETTLED_ACTS or running_text(a) or running_text(b):
        return False
    return one_past_occasion(a, b)


def running_text(claim: Claim) -> bool:
    return any(running(claim, q) for q in claim.quantities)


# Words that make a figure a standing, revisable count: "so far", "at least", "has risen to".
_RUNNING = re.compile(
    r"\b(?:so far|to date|now|currently|at least|at the latest count|latest|as of|has|have|is|are|remains?|"
    r"stands?|still|more than|over|up to)\b",
    re.I,
)
# Where the words after a figure stop speaking of it: "nine stations and is due to cost".
_CLAUSE_END = re.compile(r"[,;]|\s(?:and|but|while|which|who)\s")
# Counts news revises as they are established: casualties, cases, arrests, people affected.
_TALLY_WORDS = frozenset(
    "kill die dead death toll casualty victim injure injured injury wound wounded hurt missing case infect "
    "infection patient hospitalise hospitalize arrest detain evacuate evacuee rescue survivor displace "
    "affect sicken".split()
)


# What a casualty count counts when it names no more than people.
_PEOPLE = frozenset("people person man woman child passenger resident worker".split())


# "Two of the dead", "three of them": part of those a casualty count counts.
_PART_OF_VICTIMS = re.compile(
    r"^\s*of\s+(?:the\s+|those\s+)?(?:dead|injured|wounded|victims|casualties|missing|them|those|whom)\b", re.I
)


def victims(claim: Claim, q: ClaimQuantity) -> bool:
    """The count of those a casualty, arrest or evacuation befell ("Fourteen injured", "injuring
    eleven people", "three passengers were killed"), naming no more than people; not part of
    them ("two of the dead were killed when the roof collapsed")."""
    return (
        claim.predicate in _TALLY_WORDS
        and (not q.attribute_key or events.head(q.attribute_key) in _PEOPLE)
        and not running(claim, q)
        and not _PART_OF_VICTIMS.match(claim.text[q.quantity.end : q.quantity.end + 30])
    )


def running(claim: Claim, q: ClaimQuantity) -> bool:
    """The clause gives the figure as it stands now, or as a lower bound to be revised."""
    after = _CLAUSE_END.split(claim.text[q.quantity.end : q.quantity.end + 25], maxsplit=1)[0]
    return bool(_RUNNING.search(claim.text[max(0, q.quantity.start - 40) : q.quantity.start] + " " + after))


def tally(claim: Claim, q: ClaimQuantity) -> bool:
    """A casualty, case or arrest count ("12 people were killed", "19 confirmed cases")."""
    words = set(claim.predicate.split()) | set(q.attribute_key.split())
    return bool(words & _TALLY_WORDS)


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
    """The two values cannot both hold, within the tolerance (wider for an approximation set
    against an exact figure; two approximations already admit each other's neighbourhood, so
    "roughly 12 percent" and "about 9 percent" differ)."""
    tolerance = options.tolerance
    if qa.quantity.approximate != qb.quantity.approximate:
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


def effective_from(claim: Claim) -> frozenset[str]:
    """When the claim's values take effect ("from July", "as of 1 May"): TIMEX3 values."""
    return frozenset(t.mention.time.value for t in claim.times if t.role is TimeRole.EFFECTIVE)


def _named_prices(claim: Claim) -> frozenset[str]:
    """The attributes of the claim's sums that price a thing it names ("quenby ovens cost")."""
    return frozenset(
        q.attribute_key
        for q in claim.quantities
        if q.quantity.kind == "money"
        and q.attribute_key.endswith(" cost")
        and q.attribute_key.removesuffix(" cost") in claim.entities
    )


def slot_figures(a: Claim, b: Claim, lexicon: Lexicon) -> Iterator[tuple[ClaimQuantity, ClaimQuantity]]:
    """Figures of one slot worded differently: two claims of one story that share a participant
    give the same attribute ("a six-year term" / "sentenced to eight years", "a fee of EUR30m"
    / "a EUR35m fee"), whatever their verbs. A count is of the people or things some event
    involved, so counts compare only for one event ("eight wolves were released" / "six
    animals were released", not the eleven wolves a pack numbers)."""
    if not (a.quantities and b.quantities) or instance_years(a) != instance_years(b):
        return
    if a.polarity != b.polarity:
        return
    # A plan and an outcome are two versions of a date or a count, but a price agreed for a
    # named thing is one whether the sale is to come or done ("agreed to buy Quenby Ovens for
    # $3.1bn" / "is buying Quenby Ovens for $4.6bn").
    plan_and_outcome = not comparable_modality(a, b)
    prices = _named_prices(a) & _named_prices(b) if plan_and_outcome else frozenset()
    if plan_and_outcome and not prices:
        return
    if a.predicate == b.predicate and named_apart(a.object_key, b.object_key, a, b, lexicon):
        return  # "X was jailed for nine years" / "Y was jailed for five years": two people
    meet = participants_meet(a, b, lexicon)
    # An unnamed subject ("the 24-year-old has agreed a five-year contract") may be anyone the
    # story names: its measures and sums compare, its counts do not.
    loose = not meet and participants_compatible(a, b, lexicon)
    one_event = same_event_kind(a, b, lexicon)
    # One event of one story counting one thing ("the hearing heard 14 witnesses" / "the panel
    # heard evidence from 11 witnesses"), even with nobody named in either sentence.
    counted = not (meet or loose) and one_event and not_apart(a, b, lexicon)
    if not (meet or loose or counted):
        return
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.superseded or qb.superseded or ratio_part(a, qa) or ratio_part(b, qb):
                continue
            if subset_part(a, qa) or subset_part(b, qb):
                continue
            if _series(a, qa, lexicon) or _series(b, qb, lexicon):
                continue  # "a first rise of 7%, followed by increases of 5% and 5%" / "a 21% rise"
            kind = qa.quantity.kind
            if kind != qb.quantity.kind or kind in ("ordinal", "year-like"):
                continue
            if plan_and_outcome and not (qa.attribute_key == qb.attribute_key and qa.attribute_key in prices):
                continue  # a plan against an outcome: only the price of a named thing compares
            named_a, named_b = slot_attribute(qa.attribute_key), slot_attribute(qb.attribute_key)
            if kind == "money" and (_price_of(a, qa, b, qb, lexicon) or _price_of(b, qb, a, qa, lexicon)):
                yield qa, qb  # "the project would cost GBP86m" / "the GBP68m project"
                continue
            if kind == "measure" and not (named_a and named_b) and _size_of_one_thing(a, qa, b, qb, lexicon):
                yield qa, qb  # "the 58-metre rocket" / "the rocket stands 64 metres tall"
                continue
            if named_a and named_b:
                if kind == "count" and (not one_event or not dated_alike(a, b)):
                    continue
                if kind == "percent" and not one_event and _share_of_people(qa) and _share_of_people(qb):
                    continue  # "15 per cent of residents were born abroad" / "one in five is aged 65 or older"
                if counted and kind != "count" and not _event_length(qa, qb):
                    continue
                if kind != "count" and not (loose or one_event or core_participant_shared(a, b, lexicon)):
                    continue  # a figure of the same thing, not of something else the sentence names
                if quantities.varies(qa.quantity):
                    continue  # a speed or a temperature changes from moment to moment
                if attributes_match(qa.attribute_key, qb.attribute_key, lexicon):
                    yield qa, qb
            elif (
                kind == "count"
                and one_event
                and victims(a, qa)
                and victims(b, qb)
                and dated_alike(a, b)
                and _one_occasion(a, b, lexicon, named=not dated_together(a, b))
            ):
                yield qa, qb  # "Fourteen injured in derailment" / "injuring eleven people"
            elif (
                not (named_a or named_b)
                and one_event
                and kind in ("measure", "money", "percent")
                and quantities.same_dimension(qa.quantity, qb.quantity)
                and (_one_dated_thing(a, b, lexicon) or (kind == "money" and _one_act(a, b, lexicon)))
            ):
                yield qa, qb  # "the river peaked at 5.8 metres" / "crested at 6.4 m": the event's own figure
            elif kind == "money" and named_a != named_b and _one_act(a, b, lexicon):
                yield qa, qb  # "demanded a ransom of $4m" / "demanded $6m"


_INTENDED = re.compile(
    r"\b(?:hop(?:e|es|ed|ing)|aim(?:s|ed|ing)?|intend(?:s|ed|ing)?|plann(?:ed|ing)|plans?|want(?:s|ed)?|"
    r"expect(?:s|ed|ing)?|target(?:s|ed|ing)?|seek(?:s|ing)?|sought|wish(?:es|ed)?)\s+to\b[^.;]*$",
    re.I,
)


_RATE_AFTER = re.compile(
    r"^\s*(?:a|an|per|each|every)\s+([a-z]+)"
    r"|^\s*(?:[a-z-]+\s+){1,2}?(?:a|an|per|each|every)\s+(year|month|week|day|hour|season|night|summer|winter|spring|autumn)\b"
    # "three guards on every shift", "two pumps in each station"
    r"|^\s*(?:[a-z-]+\s+){1,2}?(?:in|on|for)\s+(?:each|every)\s+([a-z]+)",
    re.I,
)


def _series(claim: Claim, q: ClaimQuantity, lexicon: Lexicon) -> bool:
    """The clause gives the attribute several values of one kind, none of them an earlier
    value: a series of steps or of parts ("increases of 5% in 2027 and 5% in 2028"), no one
    of which is the whole."""
    if not q.attribute_key:
        return False
    return any(
        o is not q
        and not o.superseded
        and o.quantity.kind == q.quantity.kind
        # (a value coordinated with it has no noun of its own: "5% in 2027 and 5% in 2028")
        and (not o.attribute_key or attributes_match(o.attribute_key, q.attribute_key, lexicon))
        for o in claim.quantities
    )


def _share_of_people(q: ClaimQuantity) -> bool:
    """A share of a group of people ("one in five residents"): the share with the clause's
    property, as a count is of the clause's event."""
    return person_noun(events.head(q.attribute_key))


def _position(claim: Claim) -> bool:
    return _verb(claim) in POSITION_VERBS


def rate_unit(claim: Claim, q: ClaimQuantity) -> str:
    """What a figure is given per ("GBP2.45 a share": "share", "25,000 cars a day": "day"), or ""
    for a total."""
    found = _RATE_AFTER.match(claim.text[q.quantity.end : q.quantity.end + 30])
    if found:
        return next(g for g in found.groups() if g).casefold()  # "5,000 climbers a year"
    before = _PERIODIC_BEFORE.search(claim.text[max(0, q.quantity.start - 40) : q.quantity.start])
    return _PERIODIC[before.group(1).casefold()] if before else ""  # "an annual salary of GBP178,000"


# Adjectives of a period before the noun a figure measures: "an annual salary of", "monthly fee".
_PERIODIC = {"annual": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}
_PERIODIC_BEFORE = re.compile(r"\b(annual|yearly|monthly|weekly|daily)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:of\s+)?$", re.I)


def intended(claim: Claim, q: ClaimQuantity) -> bool:
    """The figure is what someone hoped, aimed or planned for, not what is or was."""
    return bool(_INTENDED.search(claim.text[: q.quantity.start]))


# An undated claim in a report tells of the days just before it was published.
RECENT_DAYS = 7


def _price_of(a: Claim, qa: ClaimQuantity, b: Claim, qb: ClaimQuantity, lexicon: Lexicon) -> bool:
    """A sum given as what something costs ("the project would cost GBP86m") and a sum naming
    that thing ("the GBP68m project") are one price."""
    if lexicon.noun_class(events.head(qa.attribute_key)) != "cost" or not qb.attribute_key:
        return False
    if events.head(qb.attribute_key) in qa.attribute_key.split()[:-1]:
        return True  # "paid $12m for the ferry" (the ferry's cost) / "the $15m ferry"
    core = [k for k in (a.subject_key, a.object_key) if k]
    return any(keys_corefer(k, qb.attribute_key, lexicon) for k in core) and lexicon.one_story(a.doc, b.doc)


# Verbs whose length is a distance covered, not a size: "flew 300 km", "walked five miles".
_DISTANCE_VERBS = frozenset(
    "travel fly sail walk run drive move cover swim ride cycle march climb fall drop".split()
)


def _size_of_one_thing(a: Claim, qa: ClaimQuantity, b: Claim, qb: ClaimQuantity, lexicon: Lexicon) -> bool:
    """Two lengths of one named thing, written only with their units ("the 58-metre Aurelis-2
    rocket" / "Aurelis-2 stands 64 metres tall"): its size, unless a verb makes one a distance."""
    if (
        not quantities.same_dimension(qa.quantity, qb.quantity)
        or quantities.dimension(qa.quantity) != "length"
    ):
        return False
    if _verb(a) in _DISTANCE_VERBS or _verb(b) in _DISTANCE_VERBS:
        return False
    # one thing, named on at least one side ("Aurelis-2" may go untagged in the other report)
    core_a = {k for k in (a.subject_key, a.object_key) if k}
    core_b = {k for k in (b.subject_key, b.object_key) if k}
    named = (core_a & set(a.entities)) | (core_b & set(b.entities))
    story = lexicon.one_story(a.doc, b.doc)
    return any(
        (x in named or y in named) and names_match(x, y, lexicon, story) for x in core_a for y in core_b
    )


def results_differ(a: Claim, b: Claim, lexicon: Lexicon) -> tuple[tallies.Tally, tallies.Tally] | None:
    """Two results of one contest or vote of one story that differ ("a 27-19 win" / "the final
    score of 27-16"; "by 31 votes to 18" / "voted 29-20"): the sentences share a name or, for a
    vote, the story; nothing dates them apart or makes them two contests (another year, another
    round)."""
    ta, tb = tallies.result(a.text), tallies.result(b.text)
    if ta is None or tb is None or ta.kind != tb.kind or (ta.high, ta.low) == (tb.high, tb.low):
        return None
    if not lexicon.one_story(a.doc, b.doc) or a.text == b.text:
        return None
    if instance_years(a) != instance_years(b) or ordinals(a) != ordinals(b) or times_separate(a, b):
        return None
    if not _one_occasion(a, b, lexicon, named=ta.kind == "score"):
        return None
    return ta, tb


def split_vote(a: Claim, b: Claim, lexicon: Lexicon) -> str:
    """``a`` says a decision was unanimous and ``b`` that some voted against it ("the board
    unanimously backed the offer" / "two of the nine directors voted against"): what ``b`` says
    of the votes against, or ""."""
    if not tallies.unanimous(a.text) or not lexicon.one_story(a.doc, b.doc) or a.text == b.text:
        return ""
    against = tallies.dissent(b.text)
    if not against or not _one_occasion(a, b, lexicon, named=a.doc != b.doc):
        return ""
    return against


def _one_occasion(a: Claim, b: Claim, lexicon: Lexicon, named: bool = True) -> bool:
    """Two sentences about one occasion of a story, as far as their words tell: no dates apart
    ("when Ashbury beat Kelton 3-0 in March" / the final), no year in one only ("England's 24-7
    win in 2003"), and (with ``named``) a name in common (the teams, the place)."""
    if _sentences_dated_apart(a, b) or set(YEAR.findall(a.text)) != set(YEAR.findall(b.text)):
        return False
    return not named or any(names_match(x, y, lexicon, True) for x in a.entities for y in b.entities)


# A year written out: "1987", "2025".
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _sentences_dated_apart(a: Claim, b: Claim) -> bool:
    """Every date one sentence gives (or, undated, the week before its report) is apart from
    every date of the other: two occasions. A result is its sentence's, whichever clause of it
    the claim at hand is."""
    spans_a, spans_b = _sentence_spans(a.text, a.published), _sentence_spans(b.text, b.published)
    return bool(spans_a and spans_b) and all(
        x[1] < y[0] or y[1] < x[0] for x in spans_a for y in spans_b
    )


@lru_cache(maxsize=16384)
def _sentence_spans(text: str, published: date | None) -> tuple[tuple[date, date], ...]:
    """The days a sentence's dates cover (read once per sentence: every claim of it and every
    pair it is in asks)."""
    found = tuple(
        (m.time.earliest, m.time.latest)
        for m in temporal.find_times(text, published)
        if m.time.earliest and m.time.latest
    )
    if found or published is None:
        return found
    return ((published - timedelta(days=RECENT_DAYS), published),)


def thing_values(a: Claim, b: Claim, lexicon: Lexicon) -> Iterator[tuple[ClaimQuantity, ClaimQuantity]]:
    """Two sums naming what one thing of a story is worth, written before its noun: "the
    EUR2.3bn deal" / "the EUR1.9bn deal", "a 340 million crown signalling contract" / "the
    430-million-crown signalling deal". A thing named only by "a" and its noun may be one of
    several ("a $5m contract and a $3m contract"), so it needs a word naming which."""
    if not lexicon.one_story(a.doc, b.doc) or instance_years(a) != instance_years(b) or not not_apart(a, b, lexicon):
        return
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.quantity.kind != "money" or qb.quantity.kind != "money":
                continue
            if _priced_noun(a, qa) and _priced_noun(b, qb) and attributes_match(
                qa.attribute_key, qb.attribute_key, lexicon
            ):
                yield qa, qb


_PRICED_NOUN_BEFORE = re.compile(r"\b(the|this|its|their|his|her|a|an)\s+$|'s?\s+$", re.I)


def _priced_noun(claim: Claim, q: ClaimQuantity) -> bool:
    """The sum stands before the noun it prices, as in "the EUR2.3bn deal"."""
    words = q.attribute_key.split()
    if not words:
        return False
    after = claim.text[q.quantity.end : q.quantity.end + 60].casefold()
    if not re.match(rf"^(?:[\s-]+[\w-]+){{0,2}}?[\s-]+{re.escape(words[-1])}\b", after) and not re.match(
        rf"^(?:[\s-]+[\w-]+){{0,2}}?[\s-]+{re.escape(words[-1][:-1])}", after
    ):
        return False
    before = _PRICED_NOUN_BEFORE.search(claim.text[max(0, q.quantity.start - 12) : q.quantity.start])
    if before is None:
        return False
    indefinite = (before.group(1) or "").casefold() in ("a", "an")
    return not indefinite or len(words) > 1


def _event_length(qa: ClaimQuantity, qb: ClaimQuantity) -> bool:
    """Two lengths of an event a story names by a noun ("three days of national mourning" / "a
    week of national mourning", "the six-week trial"): one event of one story lasts one time."""
    return all(
        quantities.dimension(q.quantity) == "duration" and semantics.is_event_noun(events.head(q.attribute_key))
        for q in (qa, qb)
    )


def dated_alike(a: Claim, b: Claim) -> bool:
    """The two counts may be of one occasion: their dates meet, an undated claim being taken
    as of the week before its report ("a one-day strike in May" is another occasion than a
    report's undated "halting all 46 sailings")."""
    ta, tb = _when(a), _when(b)
    if ta is None or tb is None:
        return True
    return not (ta[1] < tb[0] or tb[1] < ta[0])


def _when(claim: Claim) -> tuple[date, date] | None:
    time = dating_time(claim)
    if time is not None:
        value = time.mention.time
        if value.earliest and value.latest:
            return value.earliest, value.latest
        return None
    if claim.published is None:
        return None
    return claim.published - timedelta(days=RECENT_DAYS), claim.published


def _one_act(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """The same verb of one story, on dates that meet, with nothing setting the two apart:
    one act whose sum is given twice ("recovered about $900,000" / "investigators recovered
    less than half a million dollars"). (Sizes and shares are not: "weighed 480 grams at
    birth" / "weighs 45 kilograms" are two animals, "15% contained" a stage of a fire.)"""
    return bool(a.predicate) and a.predicate == b.predicate and dated_alike(a, b) and not_apart(a, b, lexicon)


def _one_dated_thing(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Both claims measure one thing at one time: their subjects are one, and both are dated
    with dates that meet (a weight "at birth" and one "on Friday" are two states)."""
    if not (a.subject_key and b.subject_key and keys_corefer(a.subject_key, b.subject_key, lexicon)):
        return False
    return dated_together(a, b)


def slot_attribute(key: str) -> bool:
    """An attribute that names what is measured, not a unit ("metre") or a word as vague as
    "people" or "year"."""
    return bool(key) and key not in _GENERIC_ATTRIBUTES and not quantities.unit_word(key.split()[-1])


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or hedged(a) or hedged(b):
            continue
        split = split_vote(a, b, context.lexicon) or split_vote(b, a, context.lexicon)
        if split:
            differences = ("unanimous", split) if tallies.unanimous(a.text) else (split, "unanimous")
            yield rule.finding(
                message=render_message(rule.message, attribute="vote", a=differences[0], b=differences[1]),
                claims=(a, b),
                differences=differences,
                slot="vote",
            )
            continue
        results = results_differ(a, b, context.lexicon)
        if results is not None:
            attribute = "score" if results[0].kind == "score" else "vote"
            yield rule.finding(
                message=render_message(rule.message, attribute=attribute, a=results[0].text, b=results[1].text),
                claims=(a, b),
                differences=(results[0].text, results[1].text),
                slot=attribute,
            )
            continue
        candidates = list(
            dict.fromkeys(
                (
                    *quantity_pairs(a, b, context.lexicon),
                    *restated_figures(pair, context.lexicon),
                    *slot_figures(a, b, context.lexicon),
                    *thing_values(a, b, context.lexicon),
                )
            )
        )
        for qa, qb in candidates:
            if subset_part(a, qa) or subset_part(b, qb) or increment(a, qa) or increment(b, qb):
                continue  # "including nine", "two more bodies": a part or an increment, not a total
            if stage(a, qa) or stage(b, qb):
                continue  # "spent the next two decades": one stretch of a life among several
            if route_point(a, qa) or route_point(b, qb) or extreme(a, qa) or extreme(b, qb):
                continue  # "3 km from the line", "the strongest a magnitude 4.8"
            if another_of_kind(a) != another_of_kind(b):
                continue  # "cuts at several other companies, which shed 4,000 jobs"
            if places_apart(a, qa, b, qb) or numbered_apart(a, b):
                continue  # "a dam 30 km upstream" / "the village is 12 km downstream"; "Line 4" / "Line 2"
            if intended(a, qa) != intended(b, qb):
                continue  # "had hoped to run 600 trains" / "400 trains ran": a target and an outcome
            if (_position(a) or _position(b)) and not same_event_kind(a, b, context.lexicon, kinds=False):
                continue  # "the union wants 9%" / "drivers were offered 4%": two parties' positions
            if rate_unit(a, qa) != rate_unit(b, qb):
                continue  # "GBP2.45 a share" / "a GBP1.6 billion offer": a price per unit and a total
            if effective_from(a) != effective_from(b) and a.modality != b.modality:
                continue  # "will pay $2.90 from July" / "pay $2.40": a value taking effect, and one before
            if figures_evolve(a, b, qa, qb) or not conflicting(qa, qb, options):
                continue
            yield _figure_finding(rule, a, qa, b, qb)
            break
    from claimcheck.rules.story_figures import story_figure_pairs  # (it builds on this module)

    for ra, rb in rank_pairs(context.claims, context.lexicon):
        if hedged(ra.claim) or hedged(rb.claim) or times_separate(ra.claim, rb.claim):
            continue
        yield rule.finding(
            message=render_message(rule.message, attribute="rank", a=ra.text, b=rb.text),
            claims=(ra.claim, rb.claim),
            differences=(ra.text, rb.text),
            slot=f"rank of {ra.name}",
        )

    for fa, fb in story_figure_pairs(context.claims, context.lexicon):
        a, qa, b, qb = fa.claim, fa.quantity, fb.claim, fb.quantity
        if places_apart(a, qa, b, qb) or figures_evolve(a, b, qa, qb) or not conflicting(qa, qb, options):
            continue
        if reported_on_two_days(a, b) and (running(a, qa) or running(b, qb)):
            continue  # "the blaze has burned 9,000 hectares, the latest survey shows"
        if (_position(a) or _position(b)) and not same_event_kind(a, b, context.lexicon, kinds=False):
            continue
        yield _figure_finding(rule, a, qa, b, qb)


def _figure_finding(rule, a: Claim, qa: ClaimQuantity, b: Claim, qb: ClaimQuantity) -> Finding:
    return rule.finding(
        message=render_message(rule.message, attribute=qa.attribute, a=qa.quantity.text, b=qb.quantity.text),
        claims=(a, b),
        differences=(qa.quantity.text, qb.quantity.text),
        slot=qa.attribute or qb.attribute,
    )
