"""Date conflict: the same event given incompatible dates.

Two claims about the same event (same or synonymous predicate, or a fact-box label naming
it; participants that agree) whose event dates cannot both be right: disjoint intervals
("March 2024" vs "May 2024"), or precise ranges of the same granularity with different ends
("between January 2024 and March 2025" vs "between June 2023 and March 2025"). One date
inside the other at a coarser granularity is left to the ``granularity`` kind; fuzzy dates
that overlap ("summer of 2025", "mid-2025") are no finding. Dates with different roles
(when it happened vs when it was reported or takes effect) are not compared, nor a plan with
an outcome, nor dates the text marks as changed ("was later moved to").

Only dates that date the claim count: a year modifying a noun ("the 2012 Olympics", "a 1932
film") names which thing is meant, and a bracketed date after a name ("Lynd Ward (1905-1985)")
annotates the name. One thing described twice by its identifying year ("X is a 1917 drama film" /
"X is a 2017 action film": same subject, same copula and head noun, one year each) is the
exception: a work has one year. A clause dated several times that cannot overlap ("rowed in 1949 and
1951") tells of a repeated event, which has no single date. States ("was coach", "is a
film") and periods ("from 2003 to 2005", "since 2006") may hold at several times, so a state
or period at disjoint times is a sequence, not a conflict. Light verbs ("have", "make")
name an event only with their object, which must then be the same on both sides. A measure
that moves ("shares fell") moves again on other days; a time of day with a hedge is a stretch
("shortly before noon" holds 11:40).

Story dates (slots): between two reports of one story, an event each report dates once is
compared even when the reports name its participants in other words ("the Brenna bakery
opened in 1987" / "the plant, which opened in 1993"). See ``claimcheck.rules.story_dates``.

Passes: "Construction began in the spring of 2023. Groundbreaking: April 2023."
Fails: "The airlines announced the deal in March 2024. Announced: the deal was unveiled in May 2024."
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from claimcheck import events, semantics, temporal
from claimcheck.align import CandidatePair
from claimcheck.lexicon import LIGHT_VERBS, MEASURE_VERBS
from claimcheck.model import Claim, ClaimTime, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    Lexicon,
    NoOptions,
    agents_apart,
    another_of_kind,
    attributive,
    comparable_modality,
    dating_time,
    event_phrase,
    hedged,
    inaugural,
    keys_corefer,
    keys_equal,
    label_predicate,
    named_apart,
    participants_meet,
    render_message,
    roles_crossed,
    same_event_kind,
    same_participants,
    same_story,
    when,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "{event}: dated {a} in one place and {b} in another"


Options = NoOptions


def same_event(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    if another_of_kind(a) != another_of_kind(b) or inaugural(a) != inaugural(b):
        return False  # "rejected a smaller scheme in 2024"; "the race, first held in 1998"
    if a.label or b.label:
        # A fact-box line names its event in the label: "Announced: ...", "Groundbreaking: ...".
        names_a = {a.predicate, label_predicate(a)} - {""}
        names_b = {b.predicate, label_predicate(b)} - {""}
        if a.doc == b.doc and any(lexicon.same_event(x, y) for x in names_a for y in names_b):
            return True
    same_verb = lexicon.same_event(a.predicate, b.predicate) or lexicon.same_family(a.predicate, b.predicate)
    if same_verb and same_participants(a, b, lexicon):
        return True
    if same_verb and not (events.named_by_noun(a) or events.named_by_noun(b)):
        return False  # one verb, other participants: two events ("released in 1988" / "in 1980")
    if _one_start(a, b, lexicon):
        return True
    # One event in other words, verbal or nominal ("sank" / "went down", "the reopening" /
    # "reopened"): within one story, with a participant in common.
    return (
        a.polarity
        and b.polarity  # an event denied has no date
        and same_event_kind(a, b, lexicon, kinds=False)  # a journey and a return are two events
        and participants_meet(a, b, lexicon)
        and not named_apart(a.object_key, b.object_key, a, b, lexicon)
        and not agents_apart(a, b, lexicon)
        and not roles_crossed(a, b, lexicon)
    )


# Verbs that start what their object names: "opened an inquiry", "launched an investigation".
_STARTING = frozenset(
    ("begin", "start", "open", "launch", "initiate", "commence", "institute", "kick off", "set up")
)


def _one_start(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two claims of one story that start one activity, named by the same or synonymous nouns
    ("opened a statutory inquiry on 3 February" / "launched its investigation on 27 January")."""
    if a.predicate not in _STARTING or b.predicate not in _STARTING or not (a.polarity and b.polarity):
        return False
    if not (a.object_key and b.object_key) or not lexicon.one_story(a.doc, b.doc):
        return False
    head = a.object_key.split()[-1]
    if not semantics.is_event_noun(head) or another_of_kind(a) or another_of_kind(b):
        return False
    return keys_corefer(a.object_key, b.object_key, lexicon) and not agents_apart(a, b, lexicon)


def dated_pair(a: Claim, b: Claim) -> tuple[ClaimTime, ClaimTime] | None:
    """The two claims' event times, when both have one of the same role."""
    ta, tb = dating_time(a), dating_time(b)
    if ta is None or tb is None or ta.role != tb.role:
        return None
    return ta, tb


def stative(claim: Claim) -> bool:
    """A copula ("was coach", "is a film"): a state, which can hold at many times."""
    return claim.predicate == "be" or claim.predicate.startswith("be ")


def moves(claim: Claim) -> bool:
    """A measure moving ("shares fell", "prices rose"): it moves again on other days."""
    return bool(claim.predicate) and claim.predicate.split()[0] in _MOVING_VERBS


_MOVING_VERBS = MEASURE_VERBS - {"be", "reach", "total", "stand", "number", "amount", "come", "top", "hit"}


def period(time: ClaimTime) -> bool:
    """A range or an open period ("from 2003 to 2005", "since 2006"): how long something held."""
    value = time.mention.time
    return "/" in value.value or value.earliest is None or value.latest is None or value.mod in _OPEN_MODS


_OPEN_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_AFTER", "ON_OR_BEFORE", "START_OR_AFTER"})


def light_without_object(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """The same light verb with objects that differ: "had a guest role" and "had a recurring
    role" are two events; "made her debut" needs its object to say which debut."""
    verb = a.predicate.split()[0] if a.predicate else ""
    if verb not in LIGHT_VERBS or a.predicate != b.predicate:
        return False
    if not keys_equal(a.object_key, b.object_key, lexicon):
        return True
    words_a, words_b = object_words(a), object_words(b)
    return not (words_a <= words_b or words_b <= words_a)


_DETERMINERS = frozenset("a an the this that these those his her its their our my your some".split())


def object_words(claim: Claim) -> frozenset[str]:
    words = claim.object.casefold().replace("-", " ").split()
    return frozenset(w for w in words if w.isalnum() and w not in _DETERMINERS)


_CLOCK = re.compile(r"T\d\d:\d\d$")


# A time of day written without its day ("at around 02:15", "shortly after 11pm"): its day is the
# report's guess, so only another time of day is compared with it.
_BARE_CLOCK = re.compile(
    r"^(?:(?:at|around|about|shortly|just|after|before|by|until|some|roughly|approximately)\s+)*"
    r"(?:\d{1,2}[:.]\d\d|\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?|noon|midday|midnight)(?:\s+\w+\s+time)?$",
    re.I,
)


def incompatible(ta: ClaimTime, tb: ClaimTime, a: Claim | None = None, b: Claim | None = None) -> bool:
    va, vb = ta.mention.time, tb.mention.time
    if _bare_clock(ta, a) != _bare_clock(tb, b):
        # A time of day with no day of its own is of the other's day, whatever day its
        # report took it for: "drawn at 7.45pm" / "drawn at 8.30pm on Friday" are two times,
        # "struck at around 02:15" / "struck before dawn on 9 March" no two times of day.
        if not (_CLOCK.search(va.value) and _CLOCK.search(vb.value)):
            return False
        if _bare_clock(ta, a):
            ta = _on_day_of(ta, tb)
        else:
            tb = _on_day_of(tb, ta)
        return not _near_clocks(ta, a, tb, b) and _CLOCK.search(ta.mention.time.value).group() != _CLOCK.search(
            tb.mention.time.value
        ).group()
    if _near_clocks(ta, a, tb, b):
        return False  # "shortly before noon" / "at 11:40"
    if temporal.disjoint(va, vb):
        return True
    fuzzy = va.mod or vb.mod
    if fuzzy or va.granularity != vb.granularity:
        return False
    clock_a, clock_b = _CLOCK.search(va.value), _CLOCK.search(vb.value)
    if clock_a and clock_b and va.value[:10] == vb.value[:10]:
        return clock_a.group() != clock_b.group()  # "left at 18:40" / "departed at 20:15"
    both_known = None not in (va.earliest, va.latest, vb.earliest, vb.latest)
    if both_known and (
        (vb.earliest == vb.latest and va.earliest <= vb.earliest <= va.latest)
        or (va.earliest == va.latest and vb.earliest <= va.earliest <= vb.latest)
    ):
        # a day inside a stretch: "the last weekend of September" / "on 26 and 27 September";
        # two stretches are still two ("made between June 2023 and March 2025" / "between
        # January 2024 and March 2025")
        return False
    return both_known and (va.earliest, va.latest) != (vb.earliest, vb.latest)


# Words that make a time of day a stretch around it: "shortly before 10" is 09:00-10:00 at most,
# "about 3 a.m." 02:30-03:30.
_CLOCK_HEDGE = re.compile(
    r"\b(?P<w>about|around|approximately|roughly|some|nearly|almost|before|after|by)\s+$", re.I
)
_CLOCK_SPAN = {"before": (-60, 0), "by": (-60, 0), "nearly": (-30, 0), "almost": (-30, 0), "after": (0, 60)}
_APPROXIMATE_SPAN = (-30, 30)


def _near_clocks(ta: ClaimTime, a: Claim | None, tb: ClaimTime, b: Claim | None) -> bool:
    """Two times of one day that may be one, as their hedges read: "shortly before noon" / "at
    11:40"; not "shortly after 8 p.m." / "just before 7 p.m."."""
    va, vb = ta.mention.time, tb.mention.time
    clock_a, clock_b = _CLOCK.search(va.value), _CLOCK.search(vb.value)
    if not (clock_a and clock_b) or va.value[:10] != vb.value[:10]:
        return False
    spans = []
    for clock, time, claim in ((clock_a, ta, a), (clock_b, tb, b)):
        minute = int(clock.group()[1:3]) * 60 + int(clock.group()[4:6])
        low, high = _clock_span(claim.text if claim is not None else "", time.mention.text)
        spans.append((minute + low, minute + high))
    if spans[0] == (spans[0][0], spans[0][0]) and spans[1] == (spans[1][0], spans[1][0]):
        return False  # two exact times: for the rules above
    return spans[0][0] <= spans[1][1] and spans[1][0] <= spans[0][1]


def _clock_span(text: str, mention: str) -> tuple[int, int]:
    """Minutes before and after a time of day its hedge allows (0, 0 when none)."""
    at = text.find(mention)
    found = _CLOCK_HEDGE.search(text[max(0, at - 20) : at]) if at >= 0 else None
    if found is None:
        return 0, 0
    return _CLOCK_SPAN.get(found["w"].casefold(), _APPROXIMATE_SPAN)


def _on_day_of(time: ClaimTime, other: ClaimTime) -> ClaimTime:
    """``time``'s time of day on ``other``'s day."""
    day = other.mention.time
    value = replace(time.mention.time, value=day.value[:10] + time.mention.time.value[10:], earliest=day.earliest, latest=day.latest)
    return replace(time, mention=replace(time.mention, time=value))


def _bare_clock(time: ClaimTime, claim: Claim | None) -> bool:
    """A time of day whose day neither it nor another time of its claim gives."""
    if not _BARE_CLOCK.match(time.mention.text.strip()):
        return False
    return claim is None or not any(
        t is not time
        and t.mention.time.type in ("DATE", "TIME")  # ("within 20 minutes" gives no day)
        and not _BARE_CLOCK.match(t.mention.text.strip())
        for t in claim.times
    )


# Made works, which have one year: "a 1917 film". People hold titles in several years ("the
# 2012 champion", "a 2015 graduate"), so other nouns never compare.
WORK_NOUNS = frozenset(
    "film movie album single song novel book game episode series documentary play musical opera "
    "painting sculpture poem sitcom drama comedy thriller".split()
)


def described_years(a: Claim, b: Claim, lexicon: Lexicon) -> tuple[ClaimTime, ClaimTime] | None:
    """One work described twice by the year that identifies it, differently: "X is a 1917
    American drama film" and "X is a 2017 action film". Only the same copula and head noun
    ("be film", a noun of ``WORK_NOUNS``) of the same subject, each naming one year, compare."""
    if not (stative(a) and a.predicate == b.predicate and a.predicate.split()[-1] in WORK_NOUNS):
        return None
    if not (a.subject_key and b.subject_key and a.polarity and b.polarity):
        return None
    if a.doc == b.doc:
        if not keys_corefer(a.subject_key, b.subject_key, lexicon):
            return None
    elif not (keys_equal(a.subject_key, b.subject_key, lexicon) and same_story(a, b, lexicon)):
        return None
    ya, yb = _description_year(a), _description_year(b)
    if ya is None or yb is None or not temporal.disjoint(ya.mention.time, yb.mention.time):
        return None
    return ya, yb


def _description_year(claim: Claim) -> ClaimTime | None:
    years = [
        t
        for t in claim.times
        if t.mention.time.granularity == "year" and t.mention.text in claim.object and attributive(claim, t)
    ]
    return years[0] if len(years) == 1 else None


def event_dates(a: Claim, b: Claim, lexicon: Lexicon) -> tuple[ClaimTime, ClaimTime] | None:
    """The two dates one event is given, when they cannot both be right."""
    times = dated_pair(a, b)
    if times is None or not incompatible(*times, a, b):
        return None
    if stative(a) or stative(b) or light_without_object(a, b, lexicon) or moves(a) or moves(b):
        return None
    if (period(times[0]) or period(times[1])) and temporal.disjoint(
        times[0].mention.time, times[1].mention.time
    ):
        return None
    if not comparable_modality(a, b) or not same_event(a, b, lexicon):
        return None
    return times


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    lexicon = context.lexicon
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or hedged(a) or hedged(b) or a.change or b.change:
            continue
        described = described_years(a, b, lexicon)
        times = described or event_dates(a, b, lexicon)
        if times is None:
            continue
        yield _finding(rule, a, b, times, described is not None)
    from claimcheck.rules.story_dates import story_date_pairs  # (it builds on this module)

    for da, db in story_date_pairs(context.claims, lexicon):
        if incompatible(da.time, db.time, da.claim, db.claim):
            yield _finding(rule, da.claim, db.claim, (da.time, db.time), False)


def _finding(rule, a: Claim, b: Claim, times: tuple[ClaimTime, ClaimTime], described: bool) -> Finding:
    ta, tb = times
    return rule.finding(
        message=render_message(
            rule.message,
            subject=a.subject
            or b.subject
            or a.object
            or b.object
            or label_predicate(a)
            or label_predicate(b),
            predicate=a.predicate or b.predicate,
            # a work described twice: the work is what is dated
            event=(a.subject or b.subject) if described else event_phrase(a, b),
            a=when(ta.mention),
            b=when(tb.mention),
        ),
        claims=(a, b),
        differences=(ta.mention.text, tb.mention.text),
        slot=f"date of {(a.subject or b.subject) if described else event_phrase(a, b)}",
    )
