"""Candidate pairs of claims that may speak of the same thing: blocking + rapidfuzz scoring.

Claims are put in blocks by canonical keys (subject, object, measured attribute, predicate
family); only claims sharing a block are compared, never all pairs of a corpus. Large blocks
(a company named in every sentence of a big corpus) keep, for each claim, only its nearest
neighbours by rapidfuzz similarity of content words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from claimcheck.model import Claim

MAX_BLOCK = 120  # past this, a block is pruned to each claim's nearest neighbours
NEIGHBOURS = 24


@dataclass(frozen=True, slots=True)
class CandidatePair:
    a: Claim
    b: Claim
    keys: frozenset[str]  # the blocking keys the two share ("obj:initial public offering")
    similarity: float  # rapidfuzz token-set ratio of content lemmas, 0-100

    @property
    def same_sentence(self) -> bool:
        return self.a.doc == self.b.doc and self.a.start == self.b.start

    @property
    def same_doc(self) -> bool:
        return self.a.doc == self.b.doc


def blocking_keys(claim: Claim, predicate_class: Callable[[str], str]) -> frozenset[str]:
    keys = set()
    if claim.subject_key:
        keys.add(f"subj:{claim.subject_key}")
    if claim.object_key:
        keys.add(f"obj:{claim.object_key}")
    for q in claim.quantities:
        if q.attribute_key:
            keys.add(f"attr:{q.attribute_key}")
    if claim.predicate:
        keys.add(f"pred:{predicate_class(claim.predicate)}")
    if claim.label and claim.doc:
        # Fact-box lines are compared with the rest of their own article.
        keys.add(f"doc:{claim.doc}")
    return frozenset(keys)


def _content(claim: Claim) -> str:
    return " ".join(claim.content_lemmas)


def candidate_pairs(
    claims: Sequence[Claim], predicate_class: Callable[[str], str] = lambda p: p
) -> tuple[CandidatePair, ...]:
    """Pairs of distinct claims sharing at least one blocking key, in a deterministic order."""
    keys = [blocking_keys(c, predicate_class) for c in claims]
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, claim_keys in enumerate(keys):
        for key in claim_keys:
            blocks[key].append(index)
    # A fact-box line is compared with every claim of its article, not only other fact boxes.
    doc_members: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        doc_members[claim.doc].append(index)
    for key in [k for k in blocks if k.startswith("doc:")]:
        blocks[key] = sorted(set(blocks[key]) | set(doc_members[key[4:]]))
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, members in blocks.items():
        for i, j in _block_pairs(members, claims, key):
            shared[(i, j)].add(key)
    pairs = []
    for (i, j), pair_keys in sorted(shared.items()):
        if key_is_doc_only(pair_keys) and not (claims[i].label or claims[j].label):
            continue
        similarity = fuzz.token_set_ratio(_content(claims[i]), _content(claims[j]))
        pairs.append(CandidatePair(claims[i], claims[j], frozenset(pair_keys), similarity))
    return tuple(pairs)


def key_is_doc_only(keys: Iterable[str]) -> bool:
    return all(k.startswith("doc:") for k in keys)


def _block_pairs(members: list[int], claims: Sequence[Claim], key: str) -> Iterable[tuple[int, int]]:
    if len(members) < 2:
        return
    if key.startswith("doc:"):
        anchors = [m for m in members if claims[m].label]
        for i in anchors:
            for j in members:
                if i != j:
                    yield (min(i, j), max(i, j))
        return
    if len(members) <= MAX_BLOCK:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield (i, j)
        return
    texts = [_content(claims[m]) for m in members]
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=1)
    for x, i in enumerate(members):
        row = scores[x]
        order = sorted(range(len(members)), key=lambda y: (-row[y], y))
        for y in order[: NEIGHBOURS + 1]:
            j = members[y]
            if i != j:
                yield (min(i, j), max(i, j))
