"""Profile conflict: one person given two ages or two posts, or one post held by two people.

Reports describe the people they name in passing ("Keroge, 27,", "Kestrel Rail chief executive
Harriet Olawale", "Brennock's chief executive, Graham Tullis"); each description is a claim of
its own (see ``claimcheck.profiles``). Within an article or between reports of one story:

- two ages of one person, in reports less than ``age_days`` apart;
- two posts of one person that exclude each other: two kinds of one thing ("chief executive" /
  "operations director", both administrators; "glaciologist" / "oceanographer", both scientists)
  or the two sides of a case ("prosecutor" / "defence lawyer"). A post and a kind of it
  ("lawyer" / "defence lawyer") agree, and so do posts one person often holds together
  ("striker" and "captain": a player and a leader);
- one post that only one person holds at a time ("chief executive", "mayor", "captain") of one
  named organisation, given to two people;
- the age of the one person an event befell, described in one place ("a 43-year-old man died",
  "the collapse of a 52-year-old runner") and named in another ("Ivo Marrant, 47, collapsed";
  "the dead man was named as Oskar Brenlow, 38").

Passes: "Holt, 44, led the team. ... Maren Holt, 44, said the ice was thinning."
Fails: "Kestrel Rail chief executive Harriet Olawale ... Kestrel Rail's operations director,
Harriet Olawale, said"
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck import semantics
from claimcheck.align import CandidatePair
from claimcheck.entities import HONORIFICS
from claimcheck.model import Claim, Finding, Severity
from claimcheck.profiles import SECOND_RANKS as _SECOND
from claimcheck.profiles import person_noun
from claimcheck.rules.matching import Context, Lexicon, crude_stem, names_match, possessor, render_message

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "{attribute}: {a} in one place, {b} in another"

# Kinds too broad to make two posts exclusive: a striker and a captain are both people, a
# coach and a manager both leaders.
_BROAD = frozenset("person adult worker leader contestant expert head official".split())
# How far up WordNet two posts may share a kind and still exclude each other.
_KIN_DEPTH = 2
# The sides of a case or a contest: a prosecutor is not a defence lawyer.
_SIDES = (
    frozenset("prosecutor prosecution prosecuting crown plaintiff claimant".split()),
    frozenset("defence defense defending defendant respondent".split()),
)
# Posts one person holds at a time in an organisation: two named holders contradict each other.
_SINGLE_POSTS = frozenset(
    "executive ceo president chairman chairwoman chair chairperson mayor governor premier captain "
    "principal headteacher headmaster headmistress commissioner chancellor".split()
)
# Offices of state: one person holds one of them ("President Dorsk" / "Prime Minister Dorsk"),
# and one of a kind ("interior minister" / "finance minister"); the chief of an agency is no
# minister either.
_OFFICES = frozenset("president minister premier governor mayor senator ambassador chief".split())
_SAME_OFFICE = {"secretary": "minister", "premier": "minister"}  # "Home Secretary", "Premier"
# Ranks of the police and the armed forces: one officer holds one.
_RANKS = frozenset(
    "constable sergeant inspector superintendent commander lieutenant major colonel brigadier "
    "admiral corporal commissioner".split()
)
# Words that make a rank another rank ("chief inspector", "lieutenant colonel"); a branch
# ("detective", "police") does not.
_RANK_STEPS = frozenset("chief deputy assistant lieutenant vice rear staff".split())
_SINGLE_IF_QUALIFIED = frozenset("director minister secretary officer coach manager editor".split())
# Posts that lead or run something: one person holds one of them in a story, but for the
# pairs held together by custom ("president and vice-chancellor", "chairman and chief executive").
_LEADING_POSTS = frozenset(
    "director chief head president chairman chairwoman chair chairperson executive manager officer commander "
    "secretary commissioner master governor superintendent principal editor coordinator leader".split()
)
# Offices of state that run a place or a government: a mayor is no city manager. (A senator or
# an ambassador may also chair a committee or a board.)
_RUNNING_OFFICES = frozenset("president minister premier governor mayor".split())
_HELD_TOGETHER = (
    {"president", "chancellor"},
    {"chairman", "executive"},
    {"chairwoman", "executive"},
    {"chair", "executive"},
    {"president", "executive"},
    {"director", "executive"},  # "executive director"
    {"director", "editor"},
    # a party's or a union's leader is often its minister, president or general secretary
    {"leader", "minister"},
    {"leader", "premier"},
    {"leader", "president"},
    {"leader", "secretary"},
)
# Deputies whose post is a step below one office; a "vice president" is also a corporate rank
# held beside another post ("executive vice president and chief financial officer").
_DEPUTIES = frozenset("deputy assistant".split())
# Words that give a post's standing or term, not its kind: a "senior manager" may be the
# "project manager".
_STANDING = frozenset("senior junior acting interim joint former outgoing incoming new current".split())


@dataclass(frozen=True, slots=True)
class Options:
    age_days: int = 180

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        if "age_days" in raw:
            value = raw["age_days"]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError("age_days: must be a whole number of days (0 or more)")
            return cls(age_days=value)
        return cls()


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    lexicon = context.lexicon
    for pair in pairs:
        a, b = sorted((pair.a, pair.b), key=lambda c: (c.doc, c.start))
        if not a.profile or a.profile != b.profile or pair.same_sentence:
            continue
        if not lexicon.one_story(a.doc, b.doc):
            continue
        same_person = (
            names_match(a.subject_key, b.subject_key, lexicon, True)
            or _known_as(a, b)
            or _known_as(b, a)
        )
        if a.profile == "age":
            if same_person and a.object_key != b.object_key and _near(a, b, options.age_days):
                yield _finding(rule, a, b, f"age of {_name(a, b)}")
        elif same_person and posts_exclusive(
            _post(a), _post(b), lexicon, possessor(a.object), possessor(b.object)
        ):
            yield _finding(rule, a, b, f"post of {_name(a, b)}")
        elif not same_person and _one_post(a, b, lexicon):
            yield _finding(rule, a, b, a.object, values=(_name(a), _name(b)))
    for a, b in _ages_by_post(context.claims, lexicon):
        if a.object_key != b.object_key and _near(a, b, options.age_days):
            yield _finding(rule, a, b, f"age of {_name(b)}")
    for described, named in _ages_by_event(context.claims, lexicon):
        if described.age != named.object_key and _near(described.claim, named, options.age_days):
            shown = (f"{described.age} ({described.phrase})", named.object)
            yield _finding(rule, described.claim, named, f"age of {_name(named)}", values=shown)


def _ages_by_post(claims: Sequence[Claim], lexicon: Lexicon) -> Iterator[tuple[Claim, Claim]]:
    """Ages given to someone called only by a post ("the coach, 58,") paired with the ages of
    the one person of the story who holds that post ("head coach Ivar Lund, 49,"), in another
    report of the story or in the same article."""
    ages = [c for c in claims if c.profile == "age" and c.subject_key]
    unnamed = [c for c in ages if c.subject_key not in c.entities]
    if not unnamed:
        return
    posts = [c for c in claims if c.profile == "role" and c.subject_key in c.entities]
    for a in unnamed:
        noun = a.subject_key.split()[-1]
        holders = {
            p.subject_key
            for p in posts
            if lexicon.one_story(a.doc, p.doc) and _holds(_post(p).split()[-1:], noun)
        }
        if len(holders) != 1:
            continue  # nobody, or several people, hold the post in this story
        (holder,) = holders
        for b in ages:
            if (
                b is not a
                and b.subject_key in b.entities
                and lexicon.one_story(a.doc, b.doc)
                and names_match(holder, b.subject_key, lexicon, True)
            ):
                yield a, b


@dataclass(frozen=True, slots=True)
class _Described:
    """Someone a sentence gives an age and an event but no name: "a 43-year-old man died"."""

    claim: Claim
    age: str
    noun: str  # what the sentence calls them ("man", "runner")
    phrase: str  # as written: "a 43-year-old man"
    event: str  # what befell them, as :func:`_event` gives it ("die", "collaps")


# "a 43-year-old man", "the collapse of a 52-year-old amateur runner": the event noun before
# "of", the age, and up to three words of what the person is.
_DESCRIBED_AGE = re.compile(
    r"(?:\b(?P<event>[a-z]+) of )?\b(?P<phrase>(?i:a|an|the) (?P<age>\d{1,3})[-\u2013 ]year[-\u2013 ]old "
    r"(?P<words>[a-z]+(?: [a-z]+){0,2}))"
)
# Words after which a description of a person has ended ("a 43-year-old man whose wife ...").
_DESCRIPTION_ENDS = frozenset("who whose whom that which from in at on of with and or was is had has".split())
# Words that tell that someone died, as verbs, nouns or adjectives. ("Killed" is not among them:
# the subject of "killed" is the killer.)
_DEATH = frozenset("die dies died dying dead death fatal".split())


def _event(word: str) -> str:
    """One form for the words of one event: "died", "dead", "death" are "die"; "collapsed" and
    "collapse" share a crude stem."""
    word = word.casefold()
    return "die" if word in _DEATH else crude_stem(word)


def _ages_by_event(claims: Sequence[Claim], lexicon: Lexicon) -> Iterator[tuple[_Described, Claim]]:
    """The age given to someone described but not named, as the one person an event befell in
    that report ("a 43-year-old man died"), paired with the age of the one named person that
    event befell in the same or another report of the story ("Ivo Marrant, 47, collapsed";
    "the dead man was named as Oskar Brenlow, 38"). Left out: an event the story names by
    name for several people, or counts as befalling two or more ("two men died")."""
    described: dict[tuple[str, str], list[_Described]] = {}
    for claim in claims:
        for found in _described(claim):
            described.setdefault((claim.doc, found.event), []).append(found)
    if not described:
        return
    by_sentence: dict[tuple[str, int], list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault((claim.doc, claim.start), []).append(claim)
    named: dict[str, list[Claim]] = {}  # event -> the named ages it befell, story-wide
    for claim in claims:
        sentence = by_sentence[(claim.doc, claim.start)]
        if claim.profile != "age" or not any(claim.subject_key in c.entities for c in sentence):
            continue  # (a name as any claim of its sentence has it)
        for event in _events_of(claim, sentence):
            named.setdefault(event, []).append(claim)
    several = _befalling_several(claims)
    for (doc, event), people in described.items():
        ages = named.get(event, [])
        if event in several or len({p.age for p in people}) != 1 or len({c.subject_key for c in ages}) != 1:
            continue  # several people, or nobody named, that the event befell
        for age in ages:
            if lexicon.one_story(doc, age.doc):
                if not _sexes_differ(_NOUN_SEX.get(people[0].noun, ""), _named_sex(age, claims)):
                    yield people[0], age
                break


# What a described person's noun, or a name's title, says of their sex ("" when nothing).
_NOUN_SEX = {
    **dict.fromkeys("man boy father husband son brother grandfather gentleman".split(), "m"),
    **dict.fromkeys("woman girl mother wife daughter sister grandmother lady".split(), "f"),
}
_TITLE_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _named_sex(age: Claim, claims: Sequence[Claim]) -> str:
    """What the article of a named person's age says of their sex, by the title it gives their
    surname ("Ms Ruskin"), or "" when it gives none or both."""
    surname = age.subject_key.split()[-1] if age.subject_key else ""
    if not surname:
        return ""
    title = re.compile(rf"\b(mr|mrs|ms|miss)\.? {re.escape(surname)}\b", re.I)
    found = {
        _TITLE_SEX[m.group(1).casefold()] for c in claims if c.doc == age.doc for m in title.finditer(c.text)
    }
    return found.pop() if len(found) == 1 else ""


def _sexes_differ(a: str, b: str) -> bool:
    return bool(a and b and a != b)


def _befalling_several(claims: Sequence[Claim]) -> set[str]:
    """Events a sentence counts as befalling two or more ("two men died", "three people
    collapsed")."""
    return {
        _event(c.predicate.split()[0])
        for c in claims
        if c.predicate
        and any(q.quantity.kind == "count" and q.quantity.value >= 2 for q in c.quantities)
    }


def _described(claim: Claim) -> Iterator[_Described]:
    """The people the sentence gives an age without a name, with the event that befell them: the
    verb they are the subject of, or the event noun they are "of"."""
    if claim.profile:
        return
    for match in _DESCRIBED_AGE.finditer(claim.text):
        words = []
        for word in match.group("words").split():
            if word in _DESCRIPTION_ENDS:
                break
            words.append(word)
        noun = next((w for w in reversed(words) if person_noun(w)), "")
        if not noun:
            continue
        if match.group("event") and semantics.is_event_noun(match.group("event")):
            event = match.group("event")
        elif claim.subject_key.split()[-1:] == [noun] and claim.predicate:
            event = claim.predicate.split()[0]
        else:
            continue
        phrase = match.group("phrase")
        phrase = phrase[: phrase.rindex(noun) + len(noun)]  # "a 43-year-old man", not what follows
        yield _Described(claim, match.group("age"), noun, phrase, _event(event))


def _events_of(age: Claim, sentence: Sequence[Claim]) -> set[str]:
    """What befell the person an age claim names, by its sentence: the verbs the name is the
    subject of ("Ivo Marrant, 47, collapsed"), or the event the sentence names them as the
    person of ("the dead man was named as X", "the woman who died has been named as X")."""
    events = {
        _event(c.predicate.split()[0])
        for c in sentence
        if not c.profile and c.predicate and c.subject_key == age.subject_key
    }
    named_as = {c.object_key.split()[-1] for c in sentence if c.predicate == "name" and c.object_key}
    if named_as:
        for c in sentence:
            if c.predicate and c.subject_key in named_as and c.predicate != "name":
                events.add(_event(c.predicate.split()[0]))  # "the woman who died"
        nouns = "|".join(re.escape(noun) for noun in sorted(named_as))
        if re.search(rf"\b(?:dead|fatally injured) (?:{nouns})\b", age.text.casefold()):
            events.add("die")  # "the dead man"
    return events


def _holds(post_words: list[str], noun: str) -> bool:
    """A post's head is the noun, or a kind of it ("striker" / "forward")."""
    return bool(post_words) and (
        post_words[0] == noun or semantics.is_a(post_words[0], noun) or semantics.is_a(noun, post_words[0])
    )


def posts_exclusive(a: str, b: str, lexicon: Lexicon, org_a: str = "", org_b: str = "") -> bool:
    """Two posts one person cannot both hold: "chief executive" / "operations director",
    "deputy director" / "director", "Superintendent" / "Chief Inspector"."""
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b:
        return False
    offices = _offices_exclusive([*org_a.split(), *words_a], [*org_b.split(), *words_b])
    if offices is not None:
        return offices
    if words_a == words_b:
        return False
    sides_a = {n for n, side in enumerate(_SIDES) if side & set(words_a)}
    sides_b = {n for n, side in enumerate(_SIDES) if side & set(words_b)}
    if sides_a and sides_b:
        return sides_a != sides_b
    suite_a, suite_b = _chief_officer(words_a), _chief_officer(words_b)
    if suite_a and suite_b:
        return suite_a != suite_b  # "chief executive" / "chief technology officer"
    head_a, head_b = lexicon.noun_class(words_a[-1]), lexicon.noun_class(words_b[-1])
    if head_a in _RANKS and head_b in _RANKS:
        # "Superintendent" / "Inspector"; "Detective Chief Inspector" / "Detective Inspector"
        return head_a != head_b or _RANK_STEPS & set(words_a[:-1]) != _RANK_STEPS & set(words_b[:-1])
    if head_a == head_b and _second(words_a) != _second(words_b):
        return True  # "deputy director" / "director", "assistant coach" / "head coach"
    if head_a == head_b and (head_a in _LEADING_POSTS or head_a in _SINGLE_IF_QUALIFIED):
        # "managing director" / "operations director", "head coach" / "bowling coach"
        return _two_kinds(words_a[:-1], words_b[:-1])
    leading = _heads_something(words_a) and _heads_something(words_b)
    if leading and head_a != head_b and _deputy(words_a) != _deputy(words_b):
        return True  # "deputy leader" / "general secretary": a deputy is not the one who leads
    if head_a == head_b or semantics.is_a(head_a, head_b) or semantics.is_a(head_b, head_a):
        return False  # one post, or one a kind of the other ("lawyer" / "defence lawyer")
    if leading and {head_a, head_b} not in _HELD_TOGETHER:
        return True  # "police chief" / "transport director", "port master" / "chief executive"
    if (_speaks(head_a) and _heads_something(words_b)) or (_speaks(head_b) and _heads_something(words_a)):
        return True  # "spokesman" / "head of finance": one speaks for those who lead
    return bool(_kin(head_a) & _kin(head_b))


def _heads_something(words: list[str]) -> bool:
    """A post that leads or runs something: "director", "police chief", "club president",
    "mayor"."""
    return words[-1] in _LEADING_POSTS or words[-1] in _RUNNING_OFFICES or words[0] in ("chief", "head")


def _deputy(words: list[str]) -> bool:
    return bool(_DEPUTIES & set(words[:-1]))


def _two_kinds(qualifiers_a: list[str], qualifiers_b: list[str]) -> bool:
    """Two posts of one head told apart by what qualifies them ("managing" / "operations"
    director); a qualifier one post lacks only narrows ("director" / "sales director"), and
    two forms of one word agree ("finance" / "financial")."""
    qualifiers_a = [w for w in qualifiers_a if w not in _STANDING]
    qualifiers_b = [w for w in qualifiers_b if w not in _STANDING]
    if not qualifiers_a or not qualifiers_b:
        return False
    return not any(x[:5] == y[:5] for x in qualifiers_a for y in qualifiers_b)


def _speaks(head: str) -> bool:
    return head.startswith("spokes")


def _chief_officer(words: list[str]) -> tuple[str, ...]:
    """What a chief officer is chief of: ("executive",) for "chief executive (officer)",
    ("technology",) for "chief technology officer"; () for any other post."""
    if len(words) < 2 or words[0] != "chief" or not (words[-1] == "officer" or words[1:] == ["executive"]):
        return ()
    middle = tuple(w for w in words[1:] if w != "officer")
    return middle or ("officer",)


def _second(words: list[str]) -> bool:
    """A deputy's post: "deputy director", "assistant coach", "vice president"."""
    return bool(_SECOND & set(words[:-1]))


def _offices_exclusive(words_a: list[str], words_b: list[str]) -> bool | None:
    """Two offices of state: two offices, or one office of two kinds ("interior minister" /
    "finance minister", counting an organisation the model found in the words before the
    office: "Labour Minister"); None when either post is no office of state."""
    office_a = _SAME_OFFICE.get(words_a[-1], words_a[-1])
    office_b = _SAME_OFFICE.get(words_b[-1], words_b[-1])
    if office_a not in _OFFICES or office_b not in _OFFICES:
        return None
    if office_a != office_b:
        return True
    if _second(words_a) != _second(words_b):
        return True  # "deputy mayor" / "mayor"
    # (one office's words only narrowing the other's is one office: "Aldermere's fisheries
    # secretary" / "Fisheries Secretary")
    qualifiers_a, qualifiers_b = set(words_a[:-1]), set(words_b[:-1])
    return bool(qualifiers_a and qualifiers_b) and not (qualifiers_a <= qualifiers_b or qualifiers_b <= qualifiers_a)


def _kin(noun: str) -> set[str]:
    """What a post is a kind of, near enough to make two of its kinds exclusive."""
    ancestors = semantics.hypernyms(noun)[:_KIN_DEPTH]
    if not ancestors and noun.endswith(("ologist", "ographer", "icist", "onomist")):
        ancestors = ("scientist",)
    return set(ancestors) - _BROAD


def _known_as(a: Claim, b: Claim) -> bool:
    """``a`` describes someone by a post ("the suspect, a 41-year-old man") that ``b``'s article
    calls the person ``b`` names ("Viktor Halloran, 38," after "the suspect, Viktor Halloran")."""
    return (
        bool(a.subject_key)
        and a.subject_key not in a.entities
        and b.subject_key in b.entities
        and a.subject_key in b.described
    )


def _one_post(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """One post of one named organisation that only one person holds at a time, given to two
    named people."""
    if not (a.subject_key in a.entities and b.subject_key in b.entities):
        return False
    (post_a, org_a), (post_b, org_b) = _post_at(a), _post_at(b)
    if post_a != post_b:
        return False
    words = post_a.split()
    if not (words[-1] in _SINGLE_POSTS or (len(words) > 1 and words[-1] in _SINGLE_IF_QUALIFIED)):
        return False
    return bool(org_a and org_b) and names_match(org_a, org_b, lexicon, True)


def _post_at(claim: Claim) -> tuple[str, str]:
    """A post's key and the body it is at, counting a body named by the post's first words
    ("association president": the association's president)."""
    words, body = claim.object_key.split(), _post_body(claim)
    while len(words) > 1 and semantics.is_a(words[0], "organization") and not person_noun(words[0]):
        body, words = body or words[0], words[1:]
    return " ".join(words), body


def _post_body(claim: Claim) -> str:
    """The body a post is at, named ("aldermere fishermen's federation") or by a common noun
    ("federation"), or ""."""
    body, _, post = claim.object.rpartition("'s ")
    if not post or not body:
        body, _, post = claim.object.rpartition("' ")
    return " ".join(body.casefold().removeprefix("the ").split())


def _post(claim: Claim) -> str:
    """The post as written, without its organisation ("chief executive") or a courtesy title
    written before the name ("Vice-chancellor Professor X": the vice-chancellor)."""
    words = claim.object.rpartition("'s ")[2].casefold().split()
    return " ".join(w for w in words if w.strip(".") not in _COURTESY_TITLES)


# Titles of address, not posts: "Professor Varcoe" may be the vice-chancellor. (The titles a
# name drops, and "doctor" written out.)
_COURTESY_TITLES = HONORIFICS | {"doctor"}


def _shown(claim: Claim) -> str:
    """A post as a message shows it, with its organisation when it has one ("labour minister")."""
    org = _post_body(claim)
    return f"{org} {_post(claim)}" if org else _post(claim)


def _near(a: Claim, b: Claim, days: int) -> bool:
    """Two reports close enough in time for one person's age not to have changed."""
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= days


def _name(a: Claim, b: Claim | None = None) -> str:
    """The fuller of the names the claims give."""
    names = [c.subject for c in (a, b) if c is not None]
    return max(names, key=lambda n: len(n.split()))


def _finding(rule, a: Claim, b: Claim, slot: str, values: tuple[str, str] | None = None) -> Finding:
    shown = values or (_shown(a), _shown(b))
    return rule.finding(
        message=render_message(rule.message, attribute=slot, a=shown[0], b=shown[1]),
        claims=(a, b),
        differences=shown,
        slot=slot,
    )
