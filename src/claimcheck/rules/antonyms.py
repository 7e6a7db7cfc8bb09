"""Antonyms: one statement made twice, once with a word and once with its opposite.

Two sentences about the same subject that share most of their content words, where one has
a word whose antonym the other has ("supported" / "opposed", "the best" / "the worst",
"independent" / "dependent"), are flagged. The antonyms come from WordNet (direct antonyms,
and adjectives similar to one side: "damp" against "dry"), shipped as ``data/antonyms.tsv``.
Where no antonym differs, words of opposite sentiment count when one stands in the other's
place and the rest is restated ("the ruling pleased the union" / "the ruling angered the
union"); their sentiment is VADER's (the ``vaderSentiment`` package's lexicon).

The two words must stand in each other's place ("a franchise-best $117 million" / "a
franchise-worst $30 million"): "a way to make old, hardened rinds edible" and "used to soak
the old rinds, softening them" tell one process, not two opposite statements.

Quiet when the two differ in negation ("not good" agrees with "bad"), when either is hedged,
when the text marks a change or dates them apart, when the sentences differ in more than one
pair of opposites or name different instances ("the first hotel", "the second hotel"), and
when the opposite word belongs to the subject ("the winning team", "the losing team").

Options: ``min_overlap`` (share of the smaller sentence's other content words found in both,
default 0.5), ``min_shared`` (content words in common, default 3), ``pos`` (parts of speech of
the table to use: adj, verb, adv, noun), ``exclude`` (extra words never to set against
another), ``valence`` (least sentiment strength, 0-4, of both opposite-sentiment words,
default 1.0; 0 turns them off), ``valence_overlap`` (``min_overlap`` for those, default 0.7).

Passes: "Critics praised the new bridge design. Critics admired the new bridge design."
Fails: "The council strongly supported the stadium plan. The council strongly opposed the
stadium plan."
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from claimcheck.align import CandidatePair
from claimcheck.lexicon import IRREGULAR_FORMS
from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules.matching import (
    Context,
    evolution,
    hedged,
    keys_compatible,
    ordinals,
    other_owners,
    render_message,
    same_story,
    short,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "{subject}: the same statement with opposite words, '{a}' in one place and '{b}' in another"
POS = ("adj", "verb", "adv", "noun")

# Negation cues counted per sentence: an odd number on one side only turns an antonym into
# agreement ("was not good" ~ "was bad").
_NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|without|cannot|none|nobody|nothing)\b|n['\u2019]t\b", re.I
)


@dataclass(frozen=True, slots=True)
class Options:
    min_overlap: float = 0.5
    min_shared: int = 3
    pos: tuple[str, ...] = POS
    exclude: frozenset[str] = frozenset()
    valence: float = 1.0  # least sentiment strength (VADER, 0-4) of both words; 0: off
    valence_overlap: float = 0.7

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        defaults = cls()  # (slotted dataclass: cls.field is a descriptor, not its default)
        min_shared = raw.get("min_shared", defaults.min_shared)
        if isinstance(min_shared, bool) or not isinstance(min_shared, int) or min_shared < 1:
            raise ValueError("min_shared: a whole number of at least 1")
        pos = raw.get("pos", list(POS))
        if not isinstance(pos, list) or not pos or not all(p in POS for p in pos):
            raise ValueError(f"pos: a non-empty list drawn from {list(POS)}")
        exclude = raw.get("exclude", [])
        if not isinstance(exclude, list) or not all(isinstance(w, str) for w in exclude):
            raise ValueError("exclude: must be a list of words")
        return cls(
            min_overlap=_number(
                raw, "min_overlap", defaults.min_overlap, 0, 1, "a number above 0 and at most 1"
            ),
            min_shared=min_shared,
            pos=tuple(pos),
            exclude=frozenset(w.casefold().strip() for w in exclude),
            valence=_number(
                raw, "valence", defaults.valence, 0, 4, "a number from 0 (off) to 4", low_open=False
            ),
            valence_overlap=_number(
                raw, "valence_overlap", defaults.valence_overlap, 0, 1, "a number above 0 and at most 1"
            ),
        )


def _number(
    raw: dict[str, Any], key: str, default: float, low: float, high: float, what: str, low_open: bool = True
) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key}: {what}")
    if not (low < value if low_open else low <= value) or value > high:
        raise ValueError(f"{key}: {what}")
    return float(value)


@cache
def antonym_table(pos: tuple[str, ...] = POS) -> dict[str, frozenset[str]]:
    """word -> its antonyms, from the shipped table, for the parts of speech asked for."""
    text = (resources.files("claimcheck") / "data" / "antonyms.tsv").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        word, antonym, part = line.split("\t")
        if part in pos:
            table.setdefault(word, set()).add(antonym)
    return {word: frozenset(antonyms) for word, antonyms in table.items()}


def opposite_words(
    a: Sequence[str],
    b: Sequence[str],
    table: dict[str, frozenset[str]],
    exclude: frozenset[str] = frozenset(),
) -> tuple[tuple[str, str], ...]:
    """Pairs (word of a, word of b) that are antonyms, each word found in one side only."""
    only_a, only_b = set(a) - set(b), set(b) - set(a)
    return tuple(
        sorted(
            (x, y) for x in only_a - exclude for y in table.get(x, frozenset()) & only_b if y not in exclude
        )
    )


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    table = antonym_table(options.pos)
    lexicon = context.lexicon
    verdicts: dict[tuple, tuple[str, str, bool] | None] = {}
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or hedged(a) or hedged(b) or a.polarity != b.polarity:
            continue
        if not _same_subject(a, b, lexicon) or _other_instance(a, b) or evolution(a, b):
            continue
        key = (a.doc, a.start, b.doc, b.start)  # the words' verdict depends on the sentences only
        if key not in verdicts:
            verdicts[key] = _opposed(a, b, table, options)
        verdict = verdicts[key]
        if verdict is not None and verdict[2] and not _same_frame(a, b):
            verdict = None  # sentiment words need the same object and source
        words = verdict[:2] if verdict is not None else _opposed_predicates(a, b, table, options)
        if words is None or _in_subject(words[0], a) or _in_subject(words[1], b):
            continue
        subject = a.subject or b.subject or a.object or b.object
        yield rule.finding(
            message=render_message(
                rule.message,
                subject=subject,
                a=words[0],
                b=words[1],
                text_a=short(a.text),
                text_b=short(b.text),
            ),
            claims=(a, b),
            differences=words,
        )


def _same_subject(a: Claim, b: Claim, lexicon) -> bool:
    if other_owners(a, b):
        return False
    if a.doc != b.doc:
        return same_story(a, b, lexicon)
    return keys_compatible(a.subject_key, b.subject_key, lexicon)


def _other_instance(a: Claim, b: Claim) -> bool:
    """Both name an instance and the instances differ ("the first race", "the second race");
    "the last film, X" and "X" may be one thing."""
    first, second = ordinals(a), ordinals(b)
    return bool(first) and bool(second) and first != second


def _opposed(a: Claim, b: Claim, table, options: Options) -> tuple[str, str, bool] | None:
    """The one pair of opposite content words of two sentences that otherwise say the same:
    antonyms, else words of opposite sentiment put one in the other's place (third item
    True: see ``_same_frame``)."""
    if _negations(a.text) % 2 != _negations(b.text) % 2:
        return None
    overlap = options
    found = opposite_words(a.content_lemmas, b.content_lemmas, table, options.exclude)
    if found and _restated(a.content_lemmas, b.content_lemmas, _words_of(found), options):
        # (restated with every candidate removed is necessary for any one: checked first, as
        # the diff below is the costly part)
        found = tuple(p for p in found if substituted(a.text, b.text, *p, alone=False))
    else:
        found = ()
    by_sentiment = False
    if not found and options.valence:
        by_sentiment = True
        overlap = replace(options, min_overlap=options.valence_overlap)
        candidates = opposite_valence(a.content_lemmas, b.content_lemmas, options.valence, options.exclude)
        if candidates and _restated(a.content_lemmas, b.content_lemmas, _words_of(candidates), overlap):
            found = tuple((x, y) for x, y in candidates if substituted(a.text, b.text, x, y))
    if len({x for x, _ in found}) != 1 or len({y for _, y in found}) != 1:
        return None
    x, y = found[0]
    if not _restated(a.content_lemmas, b.content_lemmas, {x, y}, overlap):
        return None
    return (x, y, by_sentiment)


def _words_of(pairs: Sequence[tuple[str, str]]) -> set[str]:
    return {word for pair in pairs for word in pair}


def _same_frame(a: Claim, b: Claim) -> bool:
    """Sentiment words are weaker evidence than antonyms: the two claims must act on the same
    thing ("pleased parents" / "angered pensioners" are two groups) and, when both are
    attributed, to the same source ("a welcome addition, the mayor said" / "a worrying
    addition, a shopkeeper said" are two opinions)."""
    if a.object_key != b.object_key:
        return False
    return not (a.source and b.source and a.source.casefold() != b.source.casefold())


_WORDS = re.compile(r"\w+")
_MAX_REPLACED = 4  # words on each side of one replacement
_SHARED_RUN = 3  # words in a row that make a stretch the two sentences share


def substituted(text_a: str, text_b: str, word_a: str, word_b: str, alone: bool = True) -> bool:
    """``word_a`` stands where ``word_b`` stands: the two sentences differ there by a short
    replacement of one by the other ("pleased officials" / "troubled officials").

    With ``alone``, they differ nowhere else but for words only one of them has: another
    replacement ("Porto's attack" / "Benfica's attack", "praise for its concerts" /
    "complaints about noise") makes them two statements. What follows the last stretch they
    share (", she said", a clause run on) is not part of the statement."""
    tokens_a, tokens_b, opcodes, tail = _diff(text_a, text_b)
    found = other = 0
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace":
            continue
        short = i2 - i1 <= _MAX_REPLACED and j2 - j1 <= _MAX_REPLACED
        if short and _has(tokens_a[i1:i2], word_a) and _has(tokens_b[j1:j2], word_b):
            found += 1
        elif n < tail:
            other += 1
    return found == 1 and (other == 0 or not alone)


@lru_cache(maxsize=1024)
def _diff(text_a: str, text_b: str) -> tuple[list[str], list[str], list[tuple], int]:
    """The two sentences' words, their difference, and where the last shared stretch ends
    (once per sentence pair, whatever the candidate words)."""
    tokens_a = _WORDS.findall(text_a.casefold())
    tokens_b = _WORDS.findall(text_b.casefold())
    opcodes = difflib.SequenceMatcher(None, tokens_a, tokens_b, autojunk=False).get_opcodes()
    shared = [n for n, op in enumerate(opcodes) if op[0] == "equal" and op[2] - op[1] >= _SHARED_RUN]
    return tokens_a, tokens_b, opcodes, shared[-1] if shared else len(opcodes) - 1


def _has(tokens: Sequence[str], lemma: str) -> bool:
    """A form of ``lemma`` is among ``tokens`` ("troubled" for "trouble", "rose" for "rise");
    not a longer word that merely starts like it ("winter" is no form of "win")."""
    return any(_inflects(token, lemma) for token in tokens)


_SUFFIXES = ("ing", "ed", "es", "s", "d", "er", "est", "ly")


def _inflects(token: str, lemma: str) -> bool:
    base = _BASE_FORMS.get(token, token)
    if base == lemma:
        return True
    for suffix in _SUFFIXES:
        if not base.endswith(suffix) or len(base) <= len(suffix):
            continue
        stem = base[: -len(suffix)]
        if stem in (lemma, lemma[:-1] if lemma.endswith("e") else None):  # "struggl(ing)"
            return True
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] == lemma:  # "stopp(ed)"
            return True
        if stem.endswith("i") and stem[:-1] + "y" == lemma:  # "carri(ed)"
            return True
    return False


# Irregular verbs and comparisons, to their lemma: "rose" -> "rise", "worst" -> "bad".
_BASE_FORMS = IRREGULAR_FORMS | {"better": "good", "best": "good", "worse": "bad", "worst": "bad"}


@cache
def valence_table() -> dict[str, float]:
    """word -> sentiment from -4 to 4, from the VADER lexicon (vaderSentiment, MIT)."""
    text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0].isalpha():
            table[fields[0]] = float(fields[1])
    return table


# Words whose VADER sentiment is of a sense other than the one news mostly uses: "interest
# rate", "credit", "a share", "securities", "gross revenue", "charges" (fees, counts).
_OTHER_SENSE = frozenset("interest interests credit credits share shares security securities gross charge charges".split())


def opposite_valence(
    a: Sequence[str], b: Sequence[str], threshold: float, exclude: frozenset[str] = frozenset()
) -> tuple[tuple[str, str], ...]:
    """Pairs (word of a, word of b), each in one side only, one of them positive and the other
    negative, both at least ``threshold`` strong ("pleased" / "troubled", "rise" / "drop")."""
    table = valence_table()
    exclude = exclude | _OTHER_SENSE
    only_a, only_b = set(a) - set(b) - exclude, set(b) - set(a) - exclude
    strong_a = {x: table[x] for x in only_a if abs(table.get(x, 0.0)) >= threshold}
    strong_b = {y: table[y] for y in only_b if abs(table.get(y, 0.0)) >= threshold}
    return tuple(sorted((x, y) for x, vx in strong_a.items() for y, vy in strong_b.items() if vx * vy < 0))


def _opposed_predicates(a: Claim, b: Claim, table, options: Options) -> tuple[str, str] | None:
    """Predicates that are antonyms as phrases ("speed up" / "slow down")."""
    if not a.predicate or not b.predicate or b.predicate not in table.get(a.predicate, ()):
        return None
    if a.predicate in options.exclude or b.predicate in options.exclude:
        return None
    if _negations(a.text) % 2 != _negations(b.text) % 2:
        return None
    removed = set(a.predicate.split()) | set(b.predicate.split())
    if not _restated(a.content_lemmas, b.content_lemmas, removed, options):
        return None
    return (a.predicate, b.predicate)


def _restated(a: Sequence[str], b: Sequence[str], removed: set[str], options: Options) -> bool:
    rest_a, rest_b = set(a) - removed, set(b) - removed
    shared = rest_a & rest_b
    smaller = min(len(rest_a), len(rest_b))
    return len(shared) >= options.min_shared and smaller > 0 and len(shared) / smaller >= options.min_overlap


def _negations(text: str) -> int:
    return len(_NEGATION.findall(text))


def _in_subject(word: str, claim: Claim) -> bool:
    """The opposite word picks out who is meant ("the losing side"), not what is said of them."""
    stem = word[: max(4, len(word) - 2)]
    return any(w.startswith(stem) for w in claim.subject.casefold().split())
