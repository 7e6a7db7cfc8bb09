"""Where, in a claim's sentence, the part that differs from the other claims is.

``Finding.differences[i]`` names the differing part of claim ``i``; it is usually a phrase of
the sentence, but may be a lemma ("spin off" for "spun off") or a normalised value. When it
cannot be found, the claim's time, quantity or predicate is shown instead, in the order the
finding's kind suggests.
"""

from __future__ import annotations

import re

from claimcheck.model import Claim, Finding

Span = tuple[int, int]

_TIME_KINDS = ("date", "time", "temporal")
_QUANTITY_KINDS = ("quantity", "number", "amount", "count", "money", "numeric")


def find_phrase(text: str, phrase: str) -> Span | None:
    """The first case-insensitive occurrence of ``phrase`` in ``text``, preferring whole words;
    failing that, a word starting with the phrase's first word ("cancel" in "cancelled")."""
    phrase = phrase.strip()
    if not phrase:
        return None
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    # whole words first, then the phrase as the start of a longer word ("list" in "listing")
    for pattern in (rf"(?<!\w){words}(?!\w)", rf"(?<!\w){words}\w*"):
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            return match.span()
    first = phrase.split()[0]
    if len(first) >= 3:
        match = re.search(rf"(?<!\w){re.escape(first)}\w*", text, flags=re.IGNORECASE)
        if match:
            return match.span()
    return None


def _fallbacks(claim: Claim, kind: str) -> list[str]:
    times = [t.mention.text for t in claim.times]
    event = claim.event_time
    if event is not None:
        times.insert(0, event.mention.text)
    quantities = [q.quantity.text for q in claim.quantities]
    kind = kind.casefold()
    if any(word in kind for word in _TIME_KINDS):
        return [*times, *quantities, claim.predicate]
    if any(word in kind for word in _QUANTITY_KINDS):
        return [*quantities, *times, claim.predicate]
    return [claim.predicate, *times, *quantities]


def differing_span(finding: Finding, index: int) -> Span | None:
    """The span of claim ``index``'s sentence to highlight, or None when nothing fits."""
    claim = finding.claims[index]
    candidates = []
    if index < len(finding.differences):
        candidates.append(finding.differences[index])
    candidates.extend(_fallbacks(claim, finding.kind))
    for phrase in candidates:
        span = find_phrase(claim.text, phrase)
        if span is not None:
            return span
    return None


def split_text(text: str, span: Span | None) -> tuple[str, str, str]:
    """``text`` as (before, highlighted part, after); the part is empty without a span."""
    if span is None:
        return text, "", ""
    start, end = span
    return text[:start], text[start:end], text[end:]
