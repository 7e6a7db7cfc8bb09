"""What two claims must share to be about the same thing; used by every rule kind."""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from claimcheck import temporal
from claimcheck.entities import fold
from claimcheck.model import Claim, ClaimTime, Modality, TimeRole


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Predicate knowledge gathered from the active rules and the [synonyms] table."""

    # phrase -> ((rule id, group index), ...)
    groups: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # word -> representative of its synonym set
    synonyms: dict[str, str] = field(default_factory=dict)

    def predicate_class(self, predicate: str) -> str:
        """A representative for predicates that name the same event ("make" ~ "produce")."""
        return self.synonyms.get(predicate, predicate)

    def same_event(self, a: str, b: str) -> bool:
        if not a or not b:
            return False
        if a == b or self.predicate_class(a) == self.predicate_class(b):
            return True
        return _stem(a) == _stem(b)

    def noun_class(self, key: str) -> str:
        return self.synonyms.get(key, key)


def _stem(word: str) -> str:
    """A crude stem so a fact-box label ("Announced") meets its verb ("announce")."""
    word = word.split()[0] if word else word
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Context:
    lexicon: Lexicon
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


def render_message(template: str, **values: object) -> str:
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    data = _Blank({k: _safe(v) for k, v in values.items() if k in fields})
    try:
        return " ".join(template.format_map(data).split())
    except (ValueError, IndexError):
        return template


def keys_compatible(a: str, b: str, lexicon: Lexicon) -> bool:
    """Equal keys, or one side unknown."""
    return not a or not b or a == b or lexicon.noun_class(a) == lexicon.noun_class(b)


def keys_equal(a: str, b: str, lexicon: Lexicon) -> bool:
    return bool(a) and bool(b) and (a == b or lexicon.noun_class(a) == lexicon.noun_class(b))


def same_participants(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Subject and object agree (or are unknown on one side), and at least one is shared."""
    if not keys_compatible(a.subject_key, b.subject_key, lexicon):
        return False
    if not keys_compatible(a.object_key, b.object_key, lexicon):
        return False
    shared = keys_equal(a.subject_key, b.subject_key, lexicon) or keys_equal(a.object_key, b.object_key, lexicon)
    if a.doc != b.doc:
        # Across articles only named, shared participants align.
        return keys_equal(a.subject_key, b.subject_key, lexicon) and (
            keys_equal(a.object_key, b.object_key, lexicon) or not (a.object_key or b.object_key)
        )
    return shared


def event_time(claim: Claim) -> ClaimTime | None:
    return claim.event_time


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
    if a.doc != b.doc and a.published and b.published and a.published != b.published:
        return True
    return times_separate(a, b)


def hedged(claim: Claim) -> bool:
    return claim.modality is Modality.HEDGED


def comparable_modality(a: Claim, b: Claim) -> bool:
    """A plan and an outcome are not two versions of one fact ("expected in May" vs "in June")."""
    planned = {Modality.PLANNED}
    return (a.modality in planned) == (b.modality in planned)


def report_times(claim: Claim) -> tuple[ClaimTime, ...]:
    return tuple(t for t in claim.times if t.role is TimeRole.REPORT)


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label_predicate(claim: Claim) -> str:
    return fold(claim.label) if claim.label else ""
