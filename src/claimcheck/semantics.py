"""What words mean, so claims worded differently can be aligned: the lexical-semantic layer.

Three tables shipped in ``data/`` (provenance in ``data/LEXICON.md``):

- ``senses.tsv``: the WordNet 3.0 verb senses of each verb, most frequent first, and for nouns
  naming an act or event the verb senses they derive from ("approval" -> "approve").
- ``hypernyms.tsv``: what a noun is a kind of ("ferry" -> boat, vessel, craft, vehicle).
- ``idioms.toml``: phrasal verbs and idioms mapped to the verb whose senses they take.

Two words name one event when the dominant sense of one is a sense of the other
(:func:`same_sense`): "sink" and "go down", "back" and "endorse", "walk out" and "the strike",
"reopening" and "reopen". Weak verbs ("be", "have", "make") name no event by themselves.
Same-lemma or same-synset triggers are the known strong baseline of cross-document event
coreference (ECB+); the participants and times decide the rest (:mod:`claimcheck.events`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from claimcheck.lexicon import IRREGULAR_FORMS, WEAK_VERBS

# How many of a word's most frequent senses count as what it usually means, and how many as
# a meaning it commonly has: "go down" usually means sinking, and sinking is the fourth sense
# of "sink"; "disclose" usually means revealing, only the sixth sense of "discover".
DOMINANT_SENSES = 2
COMMON_SENSES = 4


def _data(name: str) -> str:
    return (resources.files("claimcheck") / "data" / name).read_text(encoding="utf-8")


@cache
def _senses() -> tuple[dict[str, Senses], dict[str, Senses]]:
    """(verb -> its senses, event noun -> the senses of the verbs it derives from)."""
    verbs: dict[str, Senses] = {}
    nouns: dict[str, Senses] = {}
    for line in _data("senses.tsv").splitlines():
        lemma, pos, synsets, parents = line.split("\t")
        senses = Senses(tuple(int(s) for s in synsets.split()), tuple(int(s) for s in parents.split()))
        (verbs if pos == "v" else nouns)[lemma] = senses
    return verbs, nouns


@dataclass(frozen=True, slots=True)
class Senses:
    """A word's WordNet synsets, most frequent first, and the hypernyms of its dominant ones."""

    synsets: tuple[int, ...] = ()
    parents: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.synsets)


NO_SENSES = Senses()


@cache
def _hypernyms() -> dict[str, tuple[str, ...]]:
    table = {}
    for line in _data("hypernyms.tsv").splitlines():
        noun, ancestors = line.split("\t")
        table[noun] = tuple(ancestors.split())
    return table


def verbs() -> dict[str, Senses]:
    """Every verb WordNet knows, with its senses."""
    return _senses()[0]


@cache
def idioms() -> dict[str, str]:
    """Phrase -> the verb whose meaning it has ("walk off job" -> "walk out")."""
    return tomllib.loads(_data("idioms.toml"))["phrases"]


def canonical_verb(phrase: str, object_head: str = "") -> str:
    """The verb a predicate phrase means: an idiom's verb ("walk off" + "job" -> "walk out"), the
    base form of an irregular past ("went" -> "go"), else the phrase itself."""
    table = idioms()
    if object_head and (verb := table.get(f"{phrase} {object_head}")):
        return verb
    if phrase in table:
        return table[phrase]
    words = phrase.split()
    if len(words) == 3 and (verb := table.get(f"{words[0]} {words[1]} *")):
        return verb  # "treat for smoke inhalation": "treat for *"
    return IRREGULAR_FORMS.get(phrase, phrase)


@lru_cache(maxsize=65536)
def verb_senses(phrase: str) -> Senses:
    """WordNet senses of a verb phrase; none for weak or unknown verbs."""
    if not phrase or phrase in WEAK_VERBS:
        return NO_SENSES
    verbs, _ = _senses()
    found = verbs.get(phrase)
    if found is None and " " in phrase:
        # "raise rate" and other verb + word phrases not in WordNet: the verb alone
        head = phrase.split()[0]
        found = verbs.get(head) if head not in WEAK_VERBS else None
    return found or NO_SENSES


@lru_cache(maxsize=65536)
def noun_event_senses(noun: str) -> Senses:
    """The verb senses an event noun derives from ("takeover" -> those of "take over");
    a gerund WordNet does not list takes its verb's ("reopening" -> "reopen")."""
    verbs, nouns = _senses()
    if noun in nouns:
        return nouns[noun]
    if noun.endswith("ing") and len(noun) > 5:
        stem = noun[:-3]
        for verb in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
            if verb in verbs and verb not in WEAK_VERBS:
                return verbs.get(canonical_verb(verb), verbs[verb])
    return NO_SENSES


def is_event_noun(noun: str) -> bool:
    return bool(noun_event_senses(noun))


def same_sense(a: Senses, b: Senses, kinds: bool = True) -> bool:
    """The dominant sense of one side, or (with ``kinds``) what it is a way of doing, is a
    common sense of the other: "go down" (dominant: sink) / "sink", "buy" (a way to acquire) /
    "acquire". Without ``kinds`` only synonyms count: returning is a way of travelling, but
    "travelled on Thursday" and "returned on Friday" are two journeys."""
    if not a or not b:
        return False
    return _reaches(a, b, kinds) or _reaches(b, a, kinds)


def _reaches(a: Senses, b: Senses, kinds: bool) -> bool:
    mine = a.synsets[:DOMINANT_SENSES] + (a.parents if kinds else ())
    return not set(mine).isdisjoint(b.synsets[:COMMON_SENSES])


@lru_cache(maxsize=65536)
def same_verb_meaning(a: str, b: str) -> bool:
    """Two predicate phrases name one kind of event ("sink" / "go down", "back" / "endorse")."""
    if not a or not b:
        return False
    a, b = canonical_verb(a), canonical_verb(b)
    return a == b and a not in WEAK_VERBS or same_sense(verb_senses(a), verb_senses(b))


def is_noun(word: str) -> bool:
    """The word is a noun of the hypernym table: one whose first WordNet sense is a person,
    animal, artifact, group, location or plant (not every noun: not "fare" or "quota")."""
    return word in _hypernyms()


def hypernyms(noun: str) -> tuple[str, ...]:
    """What a noun is a kind of, nearest first ("passenger" -> traveler, person)."""
    return _hypernyms().get(noun, ())


@lru_cache(maxsize=65536)
def derived(a: str, b: str) -> bool:
    """One word names what the other does, a noun made from the verb ("valuation" / "value",
    "loss" / "lose", "payment" / "pay"): a sum given by its verb measures what the noun names."""
    if a == b:
        return False
    for noun, verb in ((a, b), (b, a)):
        if verb in _verbs_of(noun):
            return True
        nominal = noun_event_senses(noun)
        if nominal.synsets and set(nominal.synsets[:COMMON_SENSES]) & set(verb_senses(verb).synsets[:2]):
            return True
    return False


# Nouns English makes from verbs without a suffix rule.
_IRREGULAR_NOUNS = {
    "loss": "lose", "sale": "sell", "growth": "grow", "death": "die", "theft": "steal",
    "flight": "fly", "gift": "give", "choice": "choose", "proof": "prove", "seizure": "seize",
    "bid": "bid", "raise": "raise", "cut": "cut", "rise": "rise", "fall": "fall", "spend": "spend",
}
_NOUN_SUFFIXES = (("ation", ("ate", "e", "")), ("ition", ("ite", "e")), ("ment", ("",)), ("al", ("e", "")),
                  ("ure", ("e",)), ("ance", ("", "e")), ("ence", ("", "e")), ("ing", ("", "e")))


def _verbs_of(noun: str) -> tuple[str, ...]:
    """The verbs a noun may be made from, that WordNet lists as verbs ("valuation": "value")."""
    verbs, _ = _senses()
    found = [_IRREGULAR_NOUNS[noun]] if noun in _IRREGULAR_NOUNS else []
    for suffix, endings in _NOUN_SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            found.extend(stem + ending for ending in endings if stem + ending in verbs)
    return tuple(found)


def is_a(noun: str, kind: str) -> bool:
    """``noun`` names a kind of ``kind`` (or is it): "ferry" is a vessel, "nurse" a person."""
    return bool(noun) and (noun == kind or kind in hypernyms(noun))


def related_kinds(a: str, b: str) -> bool:
    """One noun is a kind of the other ("wolf" / "animal", "car" / "vehicle"), or the two name
    one kind of event ("the quake" / "the tremor", "the blast" / "the explosion")."""
    return is_a(a, b) or is_a(b, a) or same_event_noun(a, b)


@lru_cache(maxsize=65536)
def same_event_noun(a: str, b: str) -> bool:
    """Two event nouns whose dominant senses meet: "quake" / "tremor" / "earthquake"."""
    if not a or not b or a == b:
        return False
    senses_a, senses_b = _event_noun_senses(a), _event_noun_senses(b)
    return bool(senses_a.synsets and senses_b.synsets) and bool(
        set(senses_a.synsets[:1]) & set(senses_b.synsets[:COMMON_SENSES])
        or set(senses_b.synsets[:1]) & set(senses_a.synsets[:COMMON_SENSES])
    )


@lru_cache(maxsize=16384)
def _event_noun_senses(noun: str) -> Senses:
    """An event noun's senses; a compound WordNet lacks takes its last part's ("earthquake":
    "quake", "landslide": "slide")."""
    senses = noun_event_senses(noun)
    if senses.synsets:
        return senses
    for cut in range(2, len(noun) - 3):
        tail = noun[cut:]
        if (tail_senses := noun_event_senses(tail)).synsets:
            return tail_senses
    return NO_SENSES
