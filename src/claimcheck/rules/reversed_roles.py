"""Reversed roles: a one-way relation stated both ways round.

"Torvik beat Calder" and "Calder beat Torvik" cannot both be true of one match, nor "A
acquired B" and "B acquired A" of one deal. Two claims with the same (or synonymous)
predicate from ``predicates`` whose named subject and object are swapped are flagged, unless
the text dates them apart (a return match), marks a change, or either is negated or hedged.
A relation named by a noun counts too: "City's 3-1 win over Rovers" / "Rovers beat City 3-1",
"Redmoor's defeat by Castellan" / "Redmoor beat Castellan".

Options: ``predicates``, lemma phrases of relations that hold one way only.

Passes: "Leeds beat Hull in March. Hull beat Leeds in October."
Fails: "Leeds beat Hull on Saturday. Hull came from behind to beat Leeds 2-1 on Saturday."
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimcheck.align import CandidatePair
from claimcheck.model import Finding, Severity
from claimcheck.rules.matching import (
    Context,
    hedged,
    keys_corefer,
    keys_equal,
    names_match,
    render_message,
    same_story,
    times_separate,
)

DEFAULT_SEVERITY = Severity.WARNING
DEFAULT_MESSAGE = "'{a}' in one place, '{b}' in another: the roles are reversed"


@dataclass(frozen=True, slots=True)
class Options:
    predicates: tuple[str, ...] = ()

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> Options:
        predicates = raw.get("predicates", [])
        if not isinstance(predicates, list) or not all(isinstance(p, str) and p.strip() for p in predicates):
            raise ValueError("predicates: must be a list of lemma phrases")
        return cls(predicates=tuple(" ".join(p.casefold().split()) for p in predicates))


def check(pairs: Sequence[CandidatePair], rule, context: Context) -> Iterator[Finding]:
    options: Options = rule.options
    lexicon = context.lexicon
    wanted = {lexicon.predicate_class(p) for p in options.predicates}
    for pair in pairs:
        a, b = pair.a, pair.b
        if pair.same_sentence or not (a.polarity and b.polarity) or hedged(a) or hedged(b):
            continue
        if lexicon.predicate_class(a.predicate) not in wanted or not lexicon.same_event(
            a.predicate, b.predicate
        ):
            continue
        if not (a.subject_key and a.object_key) or keys_equal(a.subject_key, a.object_key, lexicon):
            continue
        swapped = _same(a.subject_key, b.object_key, a.doc == b.doc, lexicon) and _same(
            a.object_key, b.subject_key, a.doc == b.doc, lexicon
        )
        if not swapped or a.change or b.change or times_separate(a, b):
            continue  # (a later report does not change who won a match: no evolution test)
        if a.doc != b.doc and not (lexicon.related(a.doc, b.doc) or same_story(a, b, lexicon)):
            continue  # (same_story compares subjects, which a swap makes differ)
        yield rule.finding(
            message=render_message(
                rule.message,
                a=f"{a.subject} {a.predicate} {a.object}",
                b=f"{b.subject} {b.predicate} {b.object}",
                subject=a.subject,
            ),
            claims=(a, b),
            differences=(a.subject, b.subject),
        )


def _same(x: str, y: str, same_doc: bool, lexicon) -> bool:
    """One name: within an article also its last word ("Kingston" ~ "Hull Kingston")."""
    return keys_corefer(x, y, lexicon) if same_doc else names_match(x, y, lexicon)
