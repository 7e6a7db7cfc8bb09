"""Events and slots: which claims speak of one happening, and which value of it each one gives.

An *event* is what a claim's trigger names: its verb ("sank", "went down", "walked out") or an
event noun among its participants ("the sinking", "Monday's walkout", "the museum's
reopening"). Within a *story* (one article, or the reports that tell one story) two claims are
mentions of one event when their triggers share a meaning (:func:`claimcheck.semantics.same_sense`:
same lemma or WordNet synset, idioms included), their participants meet (a shared participant,
a name or a kind of thing: "the vessel" is the ferry), and nothing sets them apart (other
owners, other ordinals, other named subjects).

A *slot* is one attribute of an event or entity that can hold one value: the event's date, a
figure measuring an attribute ("sentence", "fee", "wolf"), its polarity or outcome. Two
incompatible values in one slot are a contradiction; the rule kinds judge compatibility
(bounds, approximations, granularity, units, change over time), and a slot holding several
clashing values across four reports or more, or in four sentences of one article or more,
gives one finding that lists them all (among two or three, one finding per pair that differ).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claimcheck import semantics, tallies
from claimcheck.lexicon import OCCURRENCE_VERBS, STAGING_VERBS, direction_of
from claimcheck.model import Claim
from claimcheck.stories import STORY_MAX_DAYS, window_starts


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word naming the event of a claim, with the verb senses it stands for."""

    word: str  # "go down", "walkout", "reopening"
    nominal: bool  # an event noun rather than the claim's verb
    senses: semantics.Senses


def head(key: str) -> str:
    return key.split()[-1] if key else ""


@lru_cache(maxsize=65536)
def _triggers(predicate: str, subject: str, object_: str) -> tuple[Trigger, ...]:
    found: list[Trigger] = []
    verb = semantics.canonical_verb(predicate, object_) if predicate else ""
    if predicate:
        senses = semantics.verb_senses(verb)
        if senses:
            found.append(Trigger(verb, False, senses))
        elif senses := semantics.noun_event_senses(predicate):
            found.append(Trigger(predicate, True, senses))  # a claim named by its noun
    # "cancelled 80 sailings" is a cancellation, not a sailing; "the strike began" is the strike
    weak = not found
    for noun, verbs in ((subject, OCCURRENCE_VERBS), (object_, STAGING_VERBS)):
        if noun and (weak or predicate in verbs or verb in verbs):
            senses = semantics.noun_event_senses(noun)
            if senses:
                found.append(Trigger(noun, True, senses))
    return tuple(found)


def triggers(claim: Claim) -> tuple[Trigger, ...]:
    """The words naming the claim's event: its verb (weak verbs excepted, idioms read as the
    verb they mean) and, where the verb only says that an event happened or was held, moved
    or stopped ("made the announcement", "the strike began", "called off the walkout"), the
    event noun heading its subject or object (not names)."""
    subject = head(claim.subject_key) if claim.subject_key not in claim.entities else ""
    object_ = head(claim.object_key) if claim.object_key not in claim.entities else ""
    found = _triggers(claim.predicate, subject, object_)
    if not claim.polarity and (claim.predicate in _RECORDING_VERBS or _NO.match(claim.object)) and object_:
        # "no injuries have been reported", "no arrests were made": the event is what is denied
        senses = semantics.noun_event_senses(object_)
        if senses and not any(t.word == object_ for t in found):
            found = (*found, Trigger(object_, True, senses))
    return found


_NO = re.compile(r"no\s", re.I)
# Verbs that only record that an event took place: denied, they deny the event; and any verb
# whose object is "no" event ("offered no refunds") denies that event.
_RECORDING_VERBS = frozenset({"report", "record", "confirm", "make", "carry out", "register"})


def event_words(claim: Claim) -> tuple[str, ...]:
    return tuple(t.word for t in triggers(claim))


def same_event_kind(
    a: Claim,
    b: Claim,
    word_class: Callable[[str], str] = lambda w: w,
    kinds: bool = True,
    verbs_only: bool = False,
) -> bool:
    """Some trigger of one claim shares a meaning with some trigger of the other: a WordNet
    sense (with ``kinds``, also one a way of doing the other), or the class ``word_class``
    gives both (the ``[synonyms]`` of the rules file). ``verbs_only`` leaves event nouns out."""
    return any(
        semantics.same_sense(x.senses, y.senses, kinds) or word_class(x.word) == word_class(y.word)
        for x in triggers(a)
        if not (verbs_only and x.nominal)
        for y in triggers(b)
        if not (verbs_only and y.nominal)
    )


def named_by_noun(claim: Claim) -> bool:
    """Some trigger of the claim is an event noun ("the reopening", "the walkout")."""
    return any(t.nominal for t in triggers(claim))


def bare_event(claim: Claim) -> bool:
    """An event named by a noun with nobody attached ("since the capsizing on 3 May"): in a
    story, the one event of that kind the story is about."""
    return not (claim.subject_key or claim.object_key) and named_by_noun(claim)


def scopes(doc: str, partners: Sequence[str]) -> tuple[str, ...]:
    """Where a claim of ``doc`` is compared by meaning: its own article, and each pair of it
    with a report of the same story. (Pairs, not the whole group of linked reports: a chain of
    related reports can link a hundred articles that are not one story.)"""
    return (doc, *("|".join(sorted((doc, other))) for other in partners))


# A story of more reports than this, most of them related to one another, is compared by
# meaning in periods of its own: per pair of reports, the blocks (and the work) would grow with
# the square of its reports; in a shared scope, a large block keeps each claim's nearest
# neighbours.
LARGE_STORY_FROM = 8
LARGE_STORY_DENSITY = 0.5  # of the pairs of its reports published within STORY_MAX_DAYS


def story_scopes(
    published: dict[str, date | None], partners_of: dict[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """:func:`scopes` of each of one story's articles (``published``: each one's date).

    A large story whose reports, of those published close together, are most of them related
    to one another (one event covered by many outlets, not a chain of articles linked two by
    two) is compared by meaning in periods instead: each article's own scope, its period of
    ``STORY_MAX_DAYS`` and, where the story has reports in them, the period before and the one
    after, each shared with that neighbour. An undated report is in every period.
    """
    docs = sorted(published)
    if len(docs) <= LARGE_STORY_FROM or not _dense(docs, published, partners_of):
        return {doc: scopes(doc, partners_of.get(doc, ())) for doc in docs}
    periods = {doc: day.toordinal() // STORY_MAX_DAYS for doc, day in published.items() if day is not None}
    present = sorted(set(periods.values()))
    tag = f"story:{docs[0]}"

    def of_period(period: int) -> tuple[str, ...]:
        found = [f"{tag}:{period}"]
        if period - 1 in present:
            found.append(f"{tag}:{period - 1}-{period}")
        if period + 1 in present:
            found.append(f"{tag}:{period}-{period + 1}")
        return tuple(found)

    every = tuple(dict.fromkeys(key for period in present for key in of_period(period))) or (f"{tag}:0",)
    return {doc: (doc, *(of_period(periods[doc]) if doc in periods else every)) for doc in docs}


def _dense(docs: Sequence[str], published: dict[str, date | None], partners_of: dict[str, Sequence[str]]) -> bool:
    """Most pairs of ``docs`` published within STORY_MAX_DAYS of each other are related."""
    links = sum(len(partners_of.get(doc, ())) for doc in docs) / 2
    days = sorted(day.toordinal() for day in published.values() if day is not None)
    undated = len(docs) - len(days)
    close = undated * (len(docs) - 1) - undated * (undated - 1) / 2
    close += sum(end - start for end, start in enumerate(window_starts(days)))
    return links >= LARGE_STORY_DENSITY * close


def event_keys(claim: Claim, where: Sequence[str]) -> frozenset[str]:
    """Blocking keys: each scope and each sense of each trigger, so that claims naming one
    event in other words meet ("ev:<scope>:<synset>")."""
    synsets = set()
    for trigger in triggers(claim):
        # what same_sense compares: the common senses of one word against the dominant senses
        # (and their hypernyms) of the other
        senses = trigger.senses
        synsets.update(senses.synsets[: semantics.COMMON_SENSES] + senses.parents)
    return frozenset(f"ev:{scope}:{synset}" for scope in where for synset in synsets)


def slot_keys(claim: Claim, where: Sequence[str], noun_class) -> frozenset[str]:
    """Blocking keys: each scope and each measured attribute's head, its synonym class and what
    it is a kind of, so that "25,000 cars" meets "52,000 vehicles" ("slot:<scope>:<noun>")."""
    words = {"profile"} if claim.profile else set()  # the people a story describes
    text = claim.text
    if tallies.result(text) is not None or tallies.unanimous(text) or tallies.dissent(text):
        words.add("result")  # a match's score, a vote's count or split
    moved = movement(claim, noun_class)
    if moved is not None:
        words.add(f"moves {moved.measure}")  # "profit climbs" meets "net income dropped"
    for q in claim.quantities:
        noun = head(q.attribute_key)
        if noun:
            words.update((noun, noun_class(noun), *semantics.hypernyms(noun)[:SLOT_ANCESTORS]))
    return frozenset(f"slot:{scope}:{word}" for scope in where for word in words)


# How far up the hypernyms a measured attribute is blocked: "car" meets "vehicle" (one step),
# "wolf" meets "animal" (three); past that, blocks of "organism" or "object" would pair everything.
SLOT_ANCESTORS = 3


def slot_names(claim: Claim) -> tuple[str, ...]:
    """The slots the claim gives a value for: its date ("date") and what each figure measures."""
    names = ["date"] if any(t.mention.time.is_interval for t in claim.times) else []
    names.extend(q.attribute for q in claim.quantities if q.attribute)
    return tuple(dict.fromkeys(names))


def participants(claim: Claim) -> frozenset[str]:
    """Who and what the claim is about: subject, object, the names in its sentence and what the
    article calls them ("the ferry" is a participant of a sentence naming the ferry Solenne Star)."""
    keys = {claim.subject_key, claim.object_key, *claim.entities, *claim.described}
    keys.discard("")
    return frozenset(keys)


def kinds_corefer(a: str, b: str) -> bool:
    """Two common-noun keys of one story name one thing when one is a kind of the other:
    "the vessel" and "the ferry", "the animals" and "the wolves"."""
    if not a or not b or a == b:
        return a == b and bool(a)
    return semantics.related_kinds(head(a), head(b)) and (len(a.split()) == 1 or len(b.split()) == 1)


def shared_participant(a: Claim, b: Claim, corefer) -> bool:
    pa, pb = participants(a), participants(b)
    return any(corefer(x, y) or kinds_corefer(x, y) for x in pa for y in pb)


def slot_values(values: Sequence[str]) -> str:
    """How a finding names the values one slot was given: "2 May, 4 May and 6 May"."""
    distinct = list(dict.fromkeys(values))
    if len(distinct) <= 2:
        return " and ".join(distinct)
    return ", ".join(distinct[:-1]) + " and " + distinct[-1]


# Plain-words explanations for `claimcheck explain events` and `claimcheck explain slots`.
TOPICS = {
    "events": (
        "An event is what a claim says happened, named by its verb or by a noun. claimcheck reads "
        "the words' meanings (WordNet 3.0 senses, the verbs event nouns come from, and a table of "
        'idioms), so "the ferry sank on 2 May" and "the vessel went down on 4 May" name one '
        'event, and so do "the museum reopened in 2020" and "the museum\'s reopening in June 2021". '
        "Two claims are taken as one event when they are in one article or in two reports of one "
        "story, their words share a meaning, they share someone or something (a name, the subject "
        'or the object; "the vessel" is a kind of ferry), and nothing sets them apart (two named '
        "people in one role, another ordinal, another owner). `claimcheck claims` shows each "
        "claim's event words in its Event / slots column."
    ),
    "slots": (
        "A slot is one attribute of an event or a thing that can hold one value: its date, or what "
        "a figure measures (a prison term, a fee, a contract's length, a height, a count of "
        'people). Two values that cannot both hold in one slot are a contradiction: "jailed for '
        'eight years" and "a six-year term" put 8 and 6 years in one sentence slot. The rules '
        'still judge whether values can both hold (bounds, "about", precision, units, and '
        "figures that change between reports, such as a running death toll). When four reports "
        "or more give a slot different values, they make one finding listing every value and how "
        "many places give it; among two or three reports, each pair of reports that differ is a "
        "finding; the same holds for four sentences of one article or more. "
        '`claimcheck claims` shows each claim\'s slots ("date" and what '
        "each figure measures) in its Event / slots column."
    ),
}


_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
# "sales in Europe", "sales of Glucevra", "prices at the pump": which of several the measure is
_QUALIFIED = re.compile(r"^\s+(?:of|in|at|from|across|outside|for)\s+(?:the\s+)?((?:[\w'-]+\s*){1,4})")
# A clause of time: what it says moved dates the main clause, it is not the news ("when
# inflation first surged", "after sales fell").
_EPISODE_BEFORE = re.compile(r"\b(?:when|after|before|since|until|once|while|as)\s+(?:the\s+|its\s+|their\s+)?$", re.I)
_PART_OF = re.compile(r"(?i)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|some|several|a few|a minority|most)\b(?:\s+of\b|\s*$)")
_PRONOUNS = frozenset("it they this that these those he she we which who what".split())
# A figure the verb moves by or to ("rose 5%", "dropped to $212m") is no object of it.
_FIGURE = re.compile(r"\d|%|\bper\s?cent\b|\bpoints?\b", re.I)


@dataclass(frozen=True, slots=True)
class Movement:
    """What a claim says a measure did: its noun class, the words naming which one (other
    nouns and adjectives before it, and what follows it: "of Glucevra", "in Europe"), and
    which way it went."""

    measure: str
    phrase: str
    qualifiers: frozenset[str]
    place: str
    direction: str  # "up", "down" or "steady"


def movement(claim: Claim, noun_class: Callable[[str], str]) -> Movement | None:
    """The measure the claim moves and the way it moves it, or None. Who or what acts is no
    measure: "both men dropped over the wall", "climbed the fence"."""
    has_object = (
        bool(claim.object_key)
        and not _FIGURE.search(claim.object)
        # "slipped 0.3% against the euro": a prepositional object the parser took for a direct one
        and not re.search(rf"\b(?:against|versus|to|from|by)\s+{re.escape(claim.object)}", claim.text)
    )
    found = direction_of(claim.predicate, has_object)
    if found is None or claim.polarity is False:
        return None
    direction, moves_object = found
    if moves_object and _PART_OF.match(claim.subject):
        return None  # "Two of the seven members voted to keep rates unchanged": a minority's wish
    if has_object and not moves_object:
        return None  # "the men climbed the fence": a verb of motion, not of a measure
    phrase = claim.object if moves_object else claim.subject
    words = [
        w for w in phrase.split() if w.casefold() not in _DETERMINERS and not w.endswith(("'s", "\u2019s"))
    ]
    # a name before the measure is its owner, and counts among the words that say which one
    # ("Corvanta shares" / "Nephrix shares"); one unqualified measure may be any of them
    if (
        not words
        or "," in phrase
        or words[-1].casefold() in _PRONOUNS
        or (words[-1][:1].isupper() and not claim.text.startswith(words[-1]))
    ):
        return None  # a name ("Castellan climbed out first") is someone, not a measure
    words = [w.casefold() for w in words]
    if not words or semantics.is_a(words[-1], "person") or semantics.is_a(words[-1].rstrip("s"), "person"):
        return None
    measure, size = _measure_class(words, noun_class)
    if not measure:
        return None
    place = ""
    at = claim.text.find(phrase) if phrase else -1
    if at >= 0 and _EPISODE_BEFORE.search(claim.text[:at]):
        return None  # "slow to respond when inflation first surged": a past episode dating another clause
    if at >= 0:
        qualified = _QUALIFIED.match(claim.text[at + len(phrase) :])
        if qualified is not None:
            place = qualified.group(1).strip().casefold()
    return Movement(measure, " ".join(words), frozenset(words[:-size]), place, direction)


def _measure_class(words: list[str], noun_class: Callable[[str], str]) -> tuple[str, int]:
    """The synonym class of the measure's noun ("net income" -> profit), tried on its last two
    words, then its last; and how many words name it."""
    if len(words) >= 2:
        two = " ".join(words[-2:])
        if noun_class(two) != two:
            return noun_class(two), 2
    last = words[-1]
    for form in (last, singular(last)):
        if noun_class(form) != form:
            return noun_class(form), 1
    return (singular(last), 1) if last.isalpha() else ("", 0)  # "rates" and "rate" are one measure


def singular(word: str) -> str:
    """A plural noun's singular, by its ending ("injuries" -> "injury", "rates" -> "rate";
    "status", "analysis", "loss" stay)."""
    word = word.casefold()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word
