"""What two claims must share to be about the same thing; used by every rule kind."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from claimcheck import events, semantics, temporal
from claimcheck.entities import fold
from claimcheck.lexicon import IRREGULAR_FORMS, LIGHT_VERBS, STATEMENT_VERBS
from claimcheck.model import Claim, ClaimTime, Granularity, Modality, TimeMention, TimeRole


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Predicate knowledge gathered from the active rules and the [synonyms] table."""

    # phrase -> ((rule id, group index), ...)
    groups: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # word -> representative of its synonym set
    synonyms: dict[str, str] = field(default_factory=dict)
    # pairs of articles that report the same story (see pipeline.related_documents)
    related_docs: frozenset[tuple[str, str]] = frozenset()
    # families (rule ids) whose outcomes can follow one another: "opened", later "shut"
    in_turn: frozenset[str] = frozenset()

    def related(self, a: str, b: str) -> bool:
        return (a, b) in self.related_docs or (b, a) in self.related_docs

    def one_story(self, a: str, b: str) -> bool:
        """One article, or two reports of one story."""
        return a == b or self.related(a, b)

    def predicate_class(self, predicate: str) -> str:
        """A representative for predicates that name the same event ("make" ~ "produce")."""
        return self.synonyms.get(predicate, predicate)

    def same_event(self, a: str, b: str) -> bool:
        if not a or not b:
            return False
        if a == b or self.predicate_class(a) == self.predicate_class(b):
            return True
        if self.predicate_class(_base(a)) == self.predicate_class(_base(b)):
            return True  # a fact-box label "Born:" / "Sold:" and the verb "bear" / "sell"
        # Every word must agree: "be novel" and "be son" share a verb, not an event.
        words_a, words_b = a.split(), b.split()
        return len(words_a) == len(words_b) and all(
            crude_stem(x) == crude_stem(y) for x, y in zip(words_a, words_b, strict=True)
        )

    def predicate_families(self, predicate: str) -> tuple[str, ...]:
        """The exclusive-event rules whose groups name this predicate ("fall": growth)."""
        return tuple(sorted({rule for rule, _ in self.groups.get(predicate, ())}))

    def same_family(self, a: str, b: str) -> bool:
        """Outcomes of one kind of event ("convict" / "acquit": a verdict): one event slot,
        whose date the two claims give."""
        # Only opposite outcomes (different groups) are one event: "appointed" and "promoted"
        # are two steps of a career, "convicted" and "acquitted" two versions of one verdict.
        # Outcomes that follow one another ("opened in 1974" / "shut on 8 April") are two events.
        groups_a, groups_b = set(self.groups.get(a, ())), set(self.groups.get(b, ()))
        return any(ra == rb and ga != gb and ra not in self.in_turn for ra, ga in groups_a for rb, gb in groups_b)

    def noun_class(self, key: str) -> str:
        return self.synonyms.get(key, key)


def _base(word: str) -> str:
    return IRREGULAR_FORMS.get(word, word)


def crude_stem(word: str) -> str:
    """A crude stem so a fact-box label ("Announced") meets its verb ("announce")."""
    word = word.split()[0] if word else word
    word = IRREGULAR_FORMS.get(word, word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a rule kind that takes no parameters."""

    @classmethod
    def from_toml(cls, raw: dict) -> NoOptions:
        return cls()


@dataclass(frozen=True, slots=True)
class Context:
    lexicon: Lexicon
    # the options of every active rule, by kind (a kind may defer to another's verdict)
    options_by_kind: dict[str, tuple[object, ...]] = field(default_factory=dict)
    # every claim of the story the rules are checking (for rules that read a story as a whole)
    claims: tuple[Claim, ...] = ()
    # claim identity -> ((rule id, group), ...): computed once per claim for every rule
    _groups: dict[int, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    _by_first_word: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _event_pairs: list = field(default_factory=list)

    def event_pairs(self, pairs, matches):
        """The pairs whose two claims both name an event of the exclusive-event lexicon."""
        if not self._event_pairs:
            self._event_pairs.append(
                tuple(p for p in pairs if self.event_groups(p.a, matches) and self.event_groups(p.b, matches))
            )
        return self._event_pairs[0]

    def event_groups(self, claim: Claim, matches) -> tuple[tuple[str, int], ...]:
        """Every (rule, group) of the exclusive-event lexicon the claim's predicate falls in."""
        key = id(claim)
        if key in self._groups:
            return self._groups[key]
        if not self._by_first_word:
            index: dict[str, list[str]] = {}
            for phrase in self.lexicon.groups:
                index.setdefault(phrase.split()[0], []).append(phrase)
            self._by_first_word.update({k: tuple(v) for k, v in index.items()})
        heads = {claim.predicate.split()[0]} if claim.predicate else set()
        if claim.label:
            heads.update(label_predicate(claim).split())
        found: list[tuple[str, int]] = []
        for head in heads:
            for phrase in self._by_first_word.get(head, ()):
                if matches(phrase, claim):
                    found.extend(self.lexicon.groups[phrase])
        self._groups[key] = tuple(sorted(set(found)))
        return self._groups[key]


def _safe(value: object) -> str:
    return "" if value is None else str(value)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


# Words a figure or date may start with when quoted from the start of a sentence ("About
# 11,000 staff"): lower-cased when the message quotes them mid-sentence.
_LEADING_LOWER = frozenset(
    "about around approximately roughly nearly almost some more less fewer over under up at just only "
    "close circa estimated early late mid".split()
)


def render_message(template: str, **values: object) -> str:
    """The message of a finding: ``template`` with ``values`` filled in, read as a sentence.

    An empty value leaves no dangling punctuation (": €42 million in one place" reads
    "€42 million in one place"), and a quoted phrase that began its own sentence ("About
    11,000") is not capitalised in the middle of this one."""
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    # The value that opens the message keeps its capital ("The concert: ...").
    opening = next((name for name in fields if template.lstrip().startswith(f"{{{name}}}")), None)
    data = _Blank(
        {k: _safe(v) if k == opening else _mid_sentence(_safe(v)) for k, v in values.items() if k in fields}
    )
    try:
        text = " ".join(template.format_map(data).split())
    except (ValueError, IndexError):
        return template
    stripped = _DANGLING.sub("", text)
    if stripped != text:  # the value that led the message was empty
        return stripped[:1].upper() + stripped[1:]
    return text


_DANGLING = re.compile(r"^(?:[:;,/]\s*)+")


def _mid_sentence(value: str) -> str:
    """A figure or date that began its sentence ("About 11,000") as it reads mid-sentence; a
    quoted sentence ('The cuts will ...') keeps its capital."""
    first, _, rest = value.partition(" ")
    figure = any(ch.isdigit() for ch in value) and len(value.split()) <= 5
    if figure and first[:1].isupper() and first[1:].islower() and first.casefold() in _LEADING_LOWER:
        return first.casefold() + (" " + rest if rest else "")
    return value


def when(mention: TimeMention) -> str:
    """A time expression as a message quotes it: a relative one with the date it resolved to
    ("Tuesday (4 March 2025)", "last year (2024)"); one that names its date, as written."""
    text, time = mention.text, mention.time
    if (
        any(ch.isdigit() for ch in text)
        or time.earliest is None
        or time.earliest != (time.latest or time.earliest)
    ):
        if time.granularity is Granularity.MONTH and time.earliest and not any(ch.isdigit() for ch in text):
            return f"{text} ({time.earliest:%B %Y})"
        if time.granularity is Granularity.YEAR and time.earliest and not any(ch.isdigit() for ch in text):
            return f"{text} ({time.earliest.year})"
        return text
    day = time.earliest
    return f"{text} ({day.day} {day:%B %Y})"


def keys_compatible(a: str, b: str, lexicon: Lexicon) -> bool:
    """Equal keys, or one side unknown."""
    return not a or not b or a == b or lexicon.noun_class(a) == lexicon.noun_class(b)


def keys_equal(a: str, b: str, lexicon: Lexicon) -> bool:
    return bool(a) and bool(b) and (a == b or lexicon.noun_class(a) == lexicon.noun_class(b))


def keys_corefer(a: str, b: str, lexicon: Lexicon) -> bool:
    """Within one article, a key and its head noun ("the Hope Highway" ... "the highway") or a
    name and its last word ("Hannah Dodd" ... "Dodd") are taken to be one thing."""
    if keys_equal(a, b, lexicon):
        return True
    if not a or not b:
        return False
    if events.kinds_corefer(a, b):
        return True  # "the vessel" / "the ferry": one is a kind of the other
    short_key, long_key = sorted((a.split(), b.split()), key=len)
    if len(short_key) != 1 or len(long_key) < 2:
        return False
    # "the blaze" ... "the Pinecrest Fire": a synonym of the head counts as the head.
    return lexicon.noun_class(long_key[-1]) == lexicon.noun_class(short_key[0])


_ORDINAL = re.compile(
    # ("last-ditch talks", "second-hand cars": not which instance; nor "last week", a time)
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|previous"
    # ("the final" of a contest is a match, not which instance: "final" counts before a noun)
    r"|final(?=\s+(?!(?:on|in|at|of|against|with|and|or|was|is|will|after|before|between)\b)[a-z]))\b"
    r"(?![-\u2010-\u2015])"
    r"(?!\s+(?:week|weekend|month|year|night|season|summer|winter|spring|autumn|decade|century|time|term|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b)",
    re.I,
)


def ordinals(claim: Claim) -> frozenset[str]:
    """Ordinals in the participants ("the 138th race", "the first race"): which instance is meant."""
    return frozenset(m.casefold() for m in _ORDINAL.findall(f"{claim.subject} {claim.object}"))


def another_of_kind(claim: Claim) -> bool:
    """A participant introduced as one more of its kind, or as several, set beside the one the
    story is about: "rejected a smaller scheme in 2024", "cuts at several other companies"."""
    return any(_ANOTHER.match(phrase) for phrase in (claim.subject, claim.object))


def inaugural(claim: Claim) -> bool:
    """The claim dates the first of a recurring thing ("the race, first held in 1998"), not the
    occasion the story is about."""
    return bool(_INAUGURAL.search(claim.text))


_INAUGURAL = re.compile(
    r"(?i)\b(?:first|originally)\s+(?:held|staged|run|played|contested|awarded|raced|sailed|organi[sz]ed)\b"
)
_ANOTHER = re.compile(
    r"(?i)(?:(?:a|an)\s+(?:smaller|larger|bigger|earlier|older|cheaper|similar|separate|rival|different)"
    r"|another|several|many|numerous|various|other|rival)\b"
)


# A name numbered among others of its kind: "Line 4", "Terminal 2", "Gate 11", "Reactor 3".
_NUMBERED_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,4}[A-Z]?)\b(?!\s*(?:%|per|,\d|\.\d))")


def numbered_apart(a: Claim, b: Claim) -> bool:
    """The two claims name two of a numbered kind: "Line 4 will have 14 stops" / "the existing
    Line 2 has 22 stops"."""
    names_a = dict(_NUMBERED_NAME.findall(f"{a.subject} {a.object}"))
    names_b = dict(_NUMBERED_NAME.findall(f"{b.subject} {b.object}"))
    return any(kind in names_b and names_b[kind] != number for kind, number in names_a.items())


def names_match(a: str, b: str, lexicon: Lexicon, same_story: bool = False) -> bool:
    """Equal keys, or one name ending the other ("ilse varga" ~ "incumbent mayor ilse varga");
    between reports of one story a surname alone is enough ("varga"), and so is the first word
    of a body's name ("redmoor" ~ "redmoor athletic", "tallis" ~ "tallis rail")."""
    if keys_equal(a, b, lexicon):
        return True
    if not a or not b:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) == 1 and same_story and len(long) > 1:
        return lexicon.noun_class(long[-1]) == lexicon.noun_class(short[0]) or long[0] == short[0]
    return (len(short) >= 2 or same_story) and long[-len(short) :] == short


def same_story(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two claims of different articles are about the same thing.

    Their named subjects match; or, where a subject is a common noun ("the death toll") or
    missing (a passive), the two articles report the same story or both sentences name the
    same entity -- two stories that merely share an attribute ("death toll") are not aligned.
    """
    if a.doc == b.doc:
        return True
    sa, sb = a.subject_key, b.subject_key
    named_a, named_b = sa in a.entities, sb in b.entities
    if sa and sb and (named_a or named_b):
        return names_match(sa, sb, lexicon, lexicon.related(a.doc, b.doc))
    related = lexicon.related(a.doc, b.doc)
    if sa and sb and not keys_equal(sa, sb, lexicon) and not (related and keys_corefer(sa, sb, lexicon)):
        return False
    if related:
        return True
    # The thing acted on ("the IPO") is not evidence that two stories are one.
    own = {a.object_key, b.object_key, sa, sb}
    return bool((set(a.entities) & set(b.entities)) - own)


_POSSESSOR = re.compile(r"^\s*(?:[Tt]he\s+)?(.+?)(?:'s|\u2019s|'|\u2019)\s+\S")


@lru_cache(maxsize=65536)
def possessor(phrase: str) -> str:
    """Who a noun phrase belongs to, when it is a name with a possessive: "Riverside's board"
    -> "riverside", "Reyes' lawyer" -> "reyes"; "" for "the company's board" (a common noun,
    which may stand for a name given elsewhere)."""
    found = _POSSESSOR.match(phrase)
    if found is None or not found.group(1)[:1].isupper():
        return ""
    return " ".join(found.group(1).casefold().split())


def other_owners(a: Claim, b: Claim) -> bool:
    """Both subjects, or both objects, belong to someone named, and not to the same one:
    "Larchmont Hospital's board" and "Riverside's board" are two boards."""
    for x, y in ((a.subject, b.subject), (a.object, b.object)):
        first, second = possessor(x).split(), possessor(y).split()
        if first and second:
            short, long = sorted((first, second), key=len)
            if long[: len(short)] != short and long[-len(short) :] != short:
                return True
    return False


def key_matcher(a: Claim, b: Claim, lexicon: Lexicon) -> Callable[[str, str], bool]:
    """How to tell that two keys of these claims name one thing: within an article or between
    reports of one story a key and its head corefer ("the bridge" / "the road bridge"),
    otherwise the keys must be equal."""
    if a.doc == b.doc or lexicon.related(a.doc, b.doc):
        return lambda x, y: keys_corefer(x, y, lexicon)
    return lambda x, y: keys_equal(x, y, lexicon)


def participants_meet(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two claims of one story share a participant (a subject, object or name, or one a kind
    of the other: "the vessel" / "the ferry") and nothing sets them apart: other ordinals,
    other owners, or named subjects that are two people or bodies."""
    if not _one_instance(a, b, lexicon) or named_apart(a.subject_key, b.subject_key, a, b, lexicon):
        return False
    if events.bare_event(a) or events.bare_event(b):
        return True  # "since the capsizing on 3 May": the story's capsizing
    return events.shared_participant(
        a, b, lambda x, y: keys_corefer(x, y, lexicon) or names_match(x, y, lexicon, True)
    )


def agents_apart(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """The two claims name who acted, and they are two: a named subject, or the owner of an
    event named by a noun ("Kelton's 3-0 win" was Kelton's, not Ashbury's)."""
    agent_a, agent_b = _agent(a), _agent(b)
    return bool(agent_a and agent_b) and not names_match(
        agent_a, agent_b, lexicon, lexicon.one_story(a.doc, b.doc)
    )


def _agent(claim: Claim) -> str:
    if claim.subject_key and claim.subject_key in claim.entities:
        return claim.subject_key
    return possessor(claim.subject)


def named_apart(x: str, y: str, a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two keys in one role name two people or bodies ("married Clara" / "remarried Georgine")."""
    return bool(x and y and x in a.entities and y in b.entities and not names_match(x, y, lexicon, True))


def roles_crossed(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two verbs, and what one has as subject the other has as object, with nothing in the same
    role: "the ship set sail" / "passengers were not allowed to leave the ship" are not one
    departure. (A noun's "of" names what a verb's subject does: "the collapse of the bridge"
    / "the bridge collapsed".)"""
    if events.named_by_noun(a) or events.named_by_noun(b):
        return False
    same = key_matcher(a, b, lexicon)
    if same(a.subject_key, b.subject_key) or same(a.object_key, b.object_key):
        return False
    return same(a.subject_key, b.object_key) or same(a.object_key, b.subject_key)


def core_participant_shared(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """The subject or object of one claim is the subject or object of the other: what the two
    say something of, not merely a name both sentences mention."""
    core_a = {k for k in (a.subject_key, a.object_key) if k}
    core_b = {k for k in (b.subject_key, b.object_key) if k}
    return any(
        keys_corefer(x, y, lexicon) or names_match(x, y, lexicon, True) for x in core_a for y in core_b
    )


def not_apart(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two claims of one story with nothing setting them apart: no other ordinal, owner, named
    subject or agent."""
    if not _one_instance(a, b, lexicon):
        return False
    return not named_apart(a.subject_key, b.subject_key, a, b, lexicon) and not agents_apart(a, b, lexicon)


def participants_compatible(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Two claims of one story, one of which names nobody (an unnamed subject, "the
    24-year-old"), and nothing setting them apart."""
    return _one_instance(a, b, lexicon) and (not a.entities or not b.entities)


def _one_instance(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """One article or two reports of one story, and neither another ordinal ("the second
    race"), another number of a numbered name ("Line 2") nor another owner ("Riverside's
    board") sets the two claims apart."""
    return (
        lexicon.one_story(a.doc, b.doc)
        and ordinals(a) == ordinals(b)
        and not numbered_apart(a, b)
        and not other_owners(a, b)
    )


def same_event_kind(
    a: Claim, b: Claim, lexicon: Lexicon, kinds: bool = True, verbs_only: bool = False
) -> bool:
    """The claims' triggers share a meaning: a WordNet sense or a ``[synonyms]`` class (with
    ``kinds``, also one verb a way of doing the other: "buy" / "acquire")."""
    return events.same_event_kind(a, b, lexicon.predicate_class, kinds, verbs_only)


def attributes_match(a: str, b: str, lexicon: Lexicon) -> bool:
    """Two measured attributes are one: equal or synonymous keys ("term" / "sentence"), or heads
    one of which is a kind of the other ("cars" / "vehicles"), when their modifiers do not name
    two different things ("transfer fee" / "agent fee")."""
    if keys_equal(a, b, lexicon):
        return True
    if not a or not b:
        return False
    (*mods_a, head_a), (*mods_b, head_b) = a.split(), b.split()
    if mods_a and mods_b and mods_a != mods_b:
        return False
    return (
        lexicon.noun_class(head_a) == lexicon.noun_class(head_b)
        or semantics.related_kinds(head_a, head_b)
        or semantics.derived(head_a, head_b)
    )


def same_participants(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Subject and object agree (or are unknown on one side), and at least one is shared."""
    if ordinals(a) != ordinals(b) or other_owners(a, b):
        return False
    equal = key_matcher(a, b, lexicon)
    if a.subject_key and b.subject_key and not equal(a.subject_key, b.subject_key):
        return False
    if a.object_key and b.object_key and not equal(a.object_key, b.object_key):
        return False
    shared = equal(a.subject_key, b.subject_key) or equal(a.object_key, b.object_key)
    if a.doc != b.doc:
        # Across articles the subjects must name the same thing, the objects agree, and the
        # two sentences have someone or something in common.
        return (
            same_story(a, b, lexicon)
            and (equal(a.object_key, b.object_key) or not (a.object_key and b.object_key))
            and (shared or events.shared_participant(a, b, equal))
        )
    return shared


def times_separate(a: Claim, b: Claim) -> bool:
    """Both claims are explicitly dated and the dates cannot overlap: a sequence of events."""
    ta, tb = a.event_time, b.event_time
    if ta is None or tb is None:
        return False
    return temporal.disjoint(ta.mention.time, tb.mention.time)


def evolution(a: Claim, b: Claim) -> bool:
    """The text presents a change over time rather than two versions of one fact."""
    if a.change or b.change:
        return True
    if reported_on_two_days(a, b):
        return not one_past_occasion(a, b)
    return times_separate(a, b)


def reported_on_two_days(a: Claim, b: Claim) -> bool:
    """Two reports published on different days: what can change between them may have."""
    return a.doc != b.doc and bool(a.published and b.published and a.published != b.published)


def dated_together(a: Claim, b: Claim) -> bool:
    """Both claims give their own date, and the dates meet."""
    ta, tb = dating_time(a), dating_time(b)
    return ta is not None and tb is not None and not temporal.disjoint(ta.mention.time, tb.mention.time)


def dated_apart(a: Claim, b: Claim) -> bool:
    """Both claims give their own date, and the dates cannot overlap."""
    ta, tb = dating_time(a), dating_time(b)
    return ta is not None and tb is not None and temporal.disjoint(ta.mention.time, tb.mention.time)


def one_past_occasion(a: Claim, b: Claim, through_first_day: bool = False) -> bool:
    """Both claims are dated, their dates meet, and the occasion was over before the earlier
    report ("the council voted on Wednesday to close the campus" / "voted on Wednesday to keep
    it", reported on Thursday and Friday): a past fact, which does not change between reports.
    With ``through_first_day``, an occasion on the earlier report's own day counts as past for
    the later report ("schools stayed open on Monday", reported on Monday / "shut on
    Monday", reported on Tuesday: both speak of all of Monday)."""
    if not dated_together(a, b):
        return False
    first = min(a.published, b.published)
    latest = (dating_time(c).mention.time.latest for c in (a, b))
    if through_first_day:
        return all(day is not None and day <= first for day in latest)
    return all(day is not None and day < first for day in latest)


# Words two sentences share without sharing a topic: saying, light verbs, days and months.
_TOPICLESS = STATEMENT_VERBS | LIGHT_VERBS | frozenset(
    "be expect due monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december morning afternoon evening night week month year "
    "day today yesterday".split()
)


def shared_slots(
    by_doc: dict[str, dict], lexicon: Lexicon, value: Callable[[object], Hashable] | None = None
) -> Iterator[tuple[list, list]]:
    """For each pair of related reports (``by_doc``: report -> slot -> its values), the values
    each gives for every slot both give: what story-wide rules compare.

    With ``value`` (what makes two values one and the same), two reports that each give a slot
    one value, the same one, are not paired for it: they cannot clash there. A story that many
    reports tell alike then costs no pairs, where every pair of its reports would cost their
    square; reports that differ are still paired, each with each.
    """
    holders: dict[object, list[str]] = {}
    for doc in sorted(by_doc):
        for slot in by_doc[doc]:
            holders.setdefault(slot, []).append(doc)
    for slot, docs in holders.items():
        groups: dict[object, list[str]] = {}
        for doc in docs:
            given = {value(v) for v in by_doc[doc][slot]} if value is not None else set()
            groups.setdefault(next(iter(given)) if len(given) == 1 else (_OWN_GROUP, doc), []).append(doc)
        alike = list(groups.values())
        for i, group_a in enumerate(alike):
            for group_b in alike[i + 1 :]:
                for doc_a in group_a:
                    for doc_b in group_b:
                        first, second = (doc_a, doc_b) if doc_a < doc_b else (doc_b, doc_a)
                        if lexicon.related(first, second):
                            yield by_doc[first][slot], by_doc[second][slot]


_OWN_GROUP = object()  # a report giving a slot several values is compared with every other


def topic_shared(a: Claim, b: Claim) -> bool:
    """The two sentences have a content word in common besides their verbs and words any two
    sentences of news share (saying, days, months)."""
    common = set(a.content_lemmas) & set(b.content_lemmas)
    return bool(common - set(a.predicate.split()) - set(b.predicate.split()) - _TOPICLESS)


# A determiner or possessive before a year makes the year a modifier of the noun after it.
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|each|every)|'s|\u2019s|s')\s*$",
    re.I,
)
# "the 1949 , 1950 and 1951 races": earlier years of a list share the noun of the last one.
_YEAR_LIST_AFTER = re.compile(r"^\s*(?:,|and|or|&|,\s*and)\s*(?:the\s+)?(?:\d{4})\b")
_WORD_AFTER = re.compile(r"^\s*[-\u2013]?\s*([A-Za-z][\w'-]*)")
# Words that follow an adverbial date ("in 2010 when", "in 2010 and"); not nouns it modifies.
_FUNCTION_WORDS = frozenset(
    "and or but nor to in on at by for of with from as when while after before since until till during "
    "than that which who whom whose where through into onto over under about against between among "
    "is was were are be been being has have had do does did will would can could may might shall should "
    "it he she they we i you his her its their this these those there then so yet also".split()
)


# Nouns whose "for" names the period they are of: a forecast, target or result for a year.
_REFERENCE_FOR = re.compile(
    r"(?i)\b(?:forecasts?|outlooks?|targets?|projections?|estimates?|budgets?|guidance|predictions?|"
    r"results|figures|accounts)\s+for\s+(?:the\s+(?:whole\s+|full\s+)?)?$"
)


def attributive(claim: Claim, time: ClaimTime) -> bool:
    """A date modifying a noun names which thing is meant, not when the claim happened.
    So does the period a forecast, a target or results are "for".

    "the 2012 Summer Paralympics", "a 1932 film", "the 1926 and 1930 races": comparing such dates
    compares two different things (two Olympics, two races), never two dates of one event.
    """
    start = time.mention.start - claim.start
    end = time.mention.end - claim.start
    if not 0 <= start <= end <= len(claim.text):
        return False
    before, after = claim.text[:start], claim.text[end:]
    if _REFERENCE_FOR.search(before):
        return True  # "cut its growth forecast for next year", "results for the third quarter"
    if not _DETERMINER_BEFORE.search(before):
        return False
    while True:
        listed = _YEAR_LIST_AFTER.match(after)
        if listed is None:
            break
        after = after[listed.end() :]
    word = _WORD_AFTER.match(after)
    return word is not None and word.group(1).casefold() not in _FUNCTION_WORDS


def annotation(claim: Claim, time: ClaimTime) -> bool:
    """A date in brackets of its own ("Lynd Ward ( 1905 - 1985 )") annotates the name before it."""
    start = time.mention.start - claim.start
    end = time.mention.end - claim.start
    if not 0 <= start <= end <= len(claim.text):
        return False
    return claim.text[:start].rstrip().endswith("(") and claim.text[end:].lstrip().startswith(")")


def dating_times(claim: Claim) -> tuple[ClaimTime, ...]:
    """The event times that date the claim itself: not noun modifiers nor bracketed annotations."""
    return tuple(
        t
        for t in claim.times
        if t.role is TimeRole.EVENT
        and t.mention.time.is_interval
        and not attributive(claim, t)
        and not annotation(claim, t)
    )


def dating_time(claim: Claim) -> ClaimTime | None:
    """The one time dating the claim; None when there is none, or several that cannot overlap
    ("rowed in 1949 and 1951": a repeated event has no single date)."""
    times = dating_times(claim)
    if not times:
        return None
    first = times[0]
    if any(temporal.disjoint(first.mention.time, t.mention.time) for t in times[1:]):
        return None
    return first


def instance_years(claim: Claim) -> frozenset[str]:
    """Years that name which instance of a thing the claim is about ("won the 1961 race"); a
    year on an adjunct ("paid $48m under a 2022 contract") names none of its participants."""
    participants = f"{claim.subject} {claim.object}"
    return frozenset(
        t.mention.time.value[:4]
        for t in claim.times
        if t.role is TimeRole.EVENT
        and t.mention.time.type == "DATE"
        and attributive(claim, t)
        and t.mention.text in participants
    )


def hedged(claim: Claim) -> bool:
    return claim.modality is Modality.HEDGED


def comparable_modality(a: Claim, b: Claim) -> bool:
    """A plan and an outcome are not two versions of one fact ("expected in May" vs "in June")."""
    planned = {Modality.PLANNED}
    return (a.modality in planned) == (b.modality in planned)


# Predicates that state a plan: their date is the plan's ("planned for 2024"), not an outcome's.
_PLAN_PREDICATES = frozenset("plan schedule slate expect intend".split())


def is_plan(claim: Claim) -> bool:
    """The claim states a plan ("will list in May", "an IPO planned for 2024")."""
    return claim.modality is Modality.PLANNED or claim.predicate in _PLAN_PREDICATES


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label_predicate(claim: Claim) -> str:
    return fold(claim.label) if claim.label else ""


def event_phrase(a: Claim, b: Claim) -> str:
    """ "who - does what - to what" for messages: "A jury / convict / Tobias Grell"."""
    claim = a if a.predicate and not a.label else b
    parts = [claim.subject or a.subject or b.subject, claim.predicate, claim.object or a.object or b.object]
    if not claim.predicate:
        parts = [label_predicate(a) or label_predicate(b)]
    return " / ".join(short(p.split(",")[0], 40) for p in parts if p)


def surface_form(claim: Claim, lemma: str) -> str:
    """The words of the sentence that realise a predicate lemma ("cancel" -> "canceled"), for
    messages that quote the text; the lemma itself when no such word is found."""
    if not lemma:
        return lemma
    head, *rest = lemma.split()
    base = IRREGULAR_FORMS.get(head, head)
    stem = base[:-1] if base.endswith("e") and len(base) > 3 else base
    irregular = [form for form, verb in IRREGULAR_FORMS.items() if verb == base]
    pattern = "|".join([re.escape(stem) + r"\w*", *map(re.escape, irregular)])
    match = re.search(rf"\b(?:{pattern})\b", claim.text, re.I)
    if match is None:
        return lemma
    if not rest:
        # A particle the lemma lost belongs to the quote: "went ahead", not "went".
        particle = re.match(r"\s+(\w+)", claim.text[match.end() :])
        if particle and particle.group(1).casefold() in _PARTICLES:
            rest = [particle.group(1)]
    return " ".join([match.group(0), *rest])


_PARTICLES = frozenset("ahead off back forward out away up down through".split())
