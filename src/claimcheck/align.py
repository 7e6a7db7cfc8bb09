"""Candidate pairs of claims that may speak of the same thing: blocking + rapidfuzz scoring.

Claims are put in blocks by canonical keys (subject, object, measured attribute, predicate
family); only claims sharing a block are compared, never all pairs of a corpus. Large blocks
(a company named in every sentence of a big corpus) keep, for each claim, only its nearest
neighbours by rapidfuzz similarity of content words; and each claim keeps at most
MAX_PAIRS_PER_CLAIM partners over all its blocks, so the pairs grow linearly with the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from claimcheck.model import Claim

MAX_BLOCK = 120  # past this, a block is pruned to each claim's nearest neighbours
NEIGHBOURS = 24
MAX_PAIRS_PER_CLAIM = 64  # over all its blocks: bounds the pairs, and the rules' work, per claim
_ROWS_AT_ONCE = 512  # rows of a large block's score matrix held at once
_NO_PAIRS = np.zeros((2, 0), dtype=np.int64)


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


def blocking_keys(
    claim: Claim,
    predicate_class: Callable[[str], str],
    predicate_families: Callable[[str], tuple[str, ...]] = lambda p: (),
) -> frozenset[str]:
    keys = set()
    if claim.subject_key:
        keys.add(f"subj:{claim.subject_key}")
    if claim.object_key:
        keys.add(f"obj:{claim.object_key}")
    elif claim.subject_key:
        # "the deal collapsed", "Merrow resigned": what "completed the deal" and "Merrow was
        # fired" act on.
        keys.add(f"obj:{claim.subject_key}")
    if claim.subject_key and claim.object_key:
        # "A beat B" and "B beat A": the two participants, in either order.
        keys.add("pair:" + "|".join(sorted((claim.subject_key, claim.object_key))))
    for q in claim.quantities:
        if q.attribute_key:
            keys.add(f"attr:{q.attribute_key}")
    if claim.predicate:
        keys.add(f"pred:{predicate_class(claim.predicate)}")
        # Opposite outcomes of one kind of event ("rose" / "fell", "approved" / "rejected").
        keys.update(f"family:{family}" for family in predicate_families(claim.predicate))
    if claim.label and claim.doc:
        # Fact-box lines are compared with the rest of their own article.
        keys.add(f"doc:{claim.doc}")
    return frozenset(keys)


def _content(claim: Claim) -> str:
    return " ".join(claim.content_lemmas)


def candidate_pairs(
    claims: Sequence[Claim],
    predicate_class: Callable[[str], str] = lambda p: p,
    min_similarity: float = 0.0,
    predicate_families: Callable[[str], tuple[str, ...]] = lambda p: (),
    extra_keys: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
) -> tuple[CandidatePair, ...]:
    """Pairs of distinct claims sharing at least one blocking key, in a deterministic order.

    A shared predicate alone ("say", "win") is weak evidence: such pairs are kept only when
    their content words are at least ``min_similarity`` (rapidfuzz token-set ratio, 0-100)
    alike. Pairs that share a subject, object, measured attribute or fact box are kept.

    Each claim keeps at most :data:`MAX_PAIRS_PER_CLAIM` partners over all its blocks, those of
    its own article first, then the most similar (ties: the earlier claim), so the number of pairs grows linearly with the
    corpus; a pair stays when either of its claims keeps it.
    """
    count = len(claims)
    contents = [_content(c) for c in claims]
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for key in blocking_keys(claim, predicate_class, predicate_families) | extra_keys(claim):
            blocks[key].append(index)
    # A fact-box line is compared with every claim of its article, not only other fact boxes.
    doc_members: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        doc_members[claim.doc].append(index)
    for key in [k for k in blocks if k.startswith("doc:")]:
        blocks[key] = sorted(set(blocks[key]) | set(doc_members[key[4:]]))

    key_names = sorted(blocks)
    codes_per_block: list[np.ndarray] = []
    key_ids: list[np.ndarray] = []
    made: dict[tuple[int, ...], np.ndarray] = {}  # blocks of the same members propose the same pairs
    for key_id, key in enumerate(key_names):
        members = tuple(blocks[key])
        if key.startswith("doc:"):
            block = _block_pairs(blocks[key], claims, key, contents)
        elif members in made:
            block = made[members]
        else:
            block = made[members] = _block_pairs(blocks[key], claims, key, contents)
        if block.size:
            codes_per_block.append(block[0] * count + block[1])
            key_ids.append(np.full(block.shape[1], key_id, dtype=np.int64))
    if not codes_per_block:
        return ()
    codes = np.concatenate(codes_per_block)
    pair_key_ids = np.concatenate(key_ids)
    # One row per distinct pair, in (i, j) order; ``which`` maps each block pair to its row.
    pairs, which = np.unique(codes, return_inverse=True)
    first, second = pairs // count, pairs % count

    # Pairs that share only a fact-box block need a labelled claim (those blocks only pair
    # fact-box lines with their article, so this is a safeguard, checked for those pairs only).
    doc_key = np.array([k.startswith("doc:") for k in key_names])
    from_doc_block = np.zeros(len(pairs), dtype=bool)
    from_doc_block[which[doc_key[pair_key_ids]]] = True
    if from_doc_block.any():
        other_key = np.zeros(len(pairs), dtype=bool)
        other_key[which[~doc_key[pair_key_ids]]] = True
        labelled = np.array([bool(c.label) for c in claims])
        keep = ~from_doc_block | other_key | labelled[first] | labelled[second]
    else:
        keep = np.ones(len(pairs), dtype=bool)

    similarity = _similarities(contents, first, second)
    if min_similarity > 0:
        pred_key = np.array([k.startswith(("pred:", "family:")) for k in key_names])
        strong = np.zeros(len(pairs), dtype=bool)
        strong[which[~pred_key[pair_key_ids]]] = True
        keep &= strong | (similarity >= min_similarity)
    doc_ids: dict[str, int] = {}
    doc_of = np.array([doc_ids.setdefault(c.doc, len(doc_ids)) for c in claims], dtype=np.int64)
    keep &= _within_cap(first, second, similarity, doc_of[first] == doc_of[second], keep, count)

    # The blocking keys of each pair: block pairs grouped by pair row.
    by_pair = np.argsort(which, kind="stable")
    bounds = np.searchsorted(which[by_pair], np.arange(len(pairs) + 1)).tolist()
    sorted_key_ids = pair_key_ids[by_pair].tolist()
    key_sets: dict[tuple[int, ...], frozenset[str]] = {}
    result = []
    firsts, seconds, similarities = first.tolist(), second.tolist(), similarity.tolist()
    for row in np.flatnonzero(keep).tolist():
        ids = tuple(sorted_key_ids[bounds[row] : bounds[row + 1]])
        pair_keys = key_sets.get(ids)
        if pair_keys is None:
            pair_keys = key_sets[ids] = frozenset(key_names[k] for k in ids)
        result.append(CandidatePair(claims[firsts[row]], claims[seconds[row]], pair_keys, similarities[row]))
    return tuple(result)


def _similarities(contents: Sequence[str], first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """rapidfuzz token-set ratio of each pair's content words, computed once per distinct text pair."""
    text_ids: dict[str, int] = {}
    ids = np.array([text_ids.setdefault(text, len(text_ids)) for text in contents], dtype=np.int64)
    texts = list(text_ids)
    text_pairs = ids[first] * len(texts) + ids[second]
    distinct, which = np.unique(text_pairs, return_inverse=True)
    scores = [
        fuzz.token_set_ratio(texts[a], texts[b])
        for a, b in zip((distinct // len(texts)).tolist(), (distinct % len(texts)).tolist(), strict=True)
    ]
    return np.array(scores, dtype=np.float64)[which]


def _within_cap(
    first: np.ndarray,
    second: np.ndarray,
    similarity: np.ndarray,
    same_doc: np.ndarray,
    candidate: np.ndarray,
    count: int,
) -> np.ndarray:
    """Pairs kept by at least one of their claims, each claim keeping its MAX_PAIRS_PER_CLAIM best:
    partners in its own article first (copies of a sentence in other articles must not crowd
    out the sentence that contradicts it at home), then the most similar."""
    rows = np.flatnonzero(candidate)
    owner = np.concatenate([first[rows], second[rows]])
    if not len(owner) or np.bincount(owner, minlength=count).max() <= MAX_PAIRS_PER_CLAIM:
        return candidate
    partner = np.concatenate([second[rows], first[rows]])
    score = np.concatenate([similarity[rows], similarity[rows]])
    home = np.concatenate([same_doc[rows], same_doc[rows]])
    # By owner, then its own article first, then best first, then earlier partner.
    order = np.lexsort((partner, -score, ~home, owner))
    owners = owner[order]
    rank = np.arange(len(order)) - np.searchsorted(owners, owners, side="left")
    chosen = order[rank < MAX_PAIRS_PER_CLAIM] % len(rows)
    kept = np.zeros_like(candidate)
    kept[rows[chosen]] = True
    return kept


def _block_pairs(
    members: list[int], claims: Sequence[Claim], key: str, contents: Sequence[str]
) -> np.ndarray:
    """The pairs (i < j) a block proposes, as a 2 x n array of claim indexes (repeats possible)."""
    if len(members) < 2:
        return _NO_PAIRS
    index = np.array(members, dtype=np.int64)
    if key.startswith("doc:"):
        anchors = np.array([m for m in members if claims[m].label], dtype=np.int64)
        i = np.repeat(anchors, len(index))
        j = np.tile(index, len(anchors))
        distinct = i != j
        i, j = i[distinct], j[distinct]
        return np.stack([np.minimum(i, j), np.maximum(i, j)])
    if len(members) <= MAX_BLOCK:
        # Members are in ascending order, so every pair is already (smaller, larger).
        x, y = np.triu_indices(len(members), 1)
        return np.stack([index[x], index[y]])
    nearest = _nearest(members, contents)
    i = np.repeat(index, nearest.shape[1])
    j = index[nearest.ravel()]
    distinct = i != j
    i, j = i[distinct], j[distinct]
    return np.stack([np.minimum(i, j), np.maximum(i, j)])


def _nearest(members: list[int], contents: Sequence[str]) -> np.ndarray:
    """For each member, the positions of its NEIGHBOURS + 1 most similar members (itself included
    when it ranks), best first, ties to the earlier member.

    Members with the same content words have the same row, so each distinct text is scored
    once: a story syndicated N times costs no more to score than one copy. Past
    ``EXACT_TEXTS`` distinct texts, each text is scored only against those sharing one of its
    rarer words (:func:`_word_neighbours`), so a block's cost grows with its texts, not their square.
    """
    text_ids: dict[str, int] = {}
    member_text = np.array([text_ids.setdefault(contents[m], len(text_ids)) for m in members])
    texts = list(text_ids)
    if len(texts) > EXACT_TEXTS:
        return _word_neighbours(texts, member_text)[member_text]
    rows = []
    for start in range(0, len(texts), _ROWS_AT_ONCE):
        scores = process.cdist(
            texts[start : start + _ROWS_AT_ONCE], texts, scorer=fuzz.token_set_ratio, workers=1
        )
        per_member = scores[:, member_text]
        rows.append(np.argsort(-per_member, axis=1, kind="stable")[:, : NEIGHBOURS + 1])
    return np.concatenate(rows)[member_text]


EXACT_TEXTS = 300  # distinct texts of a block scored each against each
RARE_WORDS = 4  # the words of a text whose other texts are its candidate neighbours
WORD_TEXTS = 100  # a word in more texts of the block than this picks no candidates


def _word_neighbours(texts: list[str], member_text: np.ndarray) -> np.ndarray:
    """Per distinct text, the member positions of its NEIGHBOURS + 1 nearest texts among those
    that share one of its ``RARE_WORDS`` rarest words with another text (of a word in more than
    ``WORD_TEXTS`` texts, its first ``WORD_TEXTS`` texts), best first, ties to the earlier text;
    rows short of candidates are padded with the text's own first member."""
    words = [sorted(set(text.split())) for text in texts]
    postings: dict[str, list[int]] = defaultdict(list)
    for t, text_words in enumerate(words):
        for word in text_words:
            postings[word].append(t)
    members_of: list[list[int]] = [[] for _ in texts]
    for position, t in enumerate(member_text.tolist()):
        members_of[t].append(position)
    width = NEIGHBOURS + 1
    rows = np.empty((len(texts), width), dtype=np.int64)
    for t, text_words in enumerate(words):
        shared = sorted((len(postings[w]), w) for w in text_words if len(postings[w]) > 1)
        candidates = sorted({c for _, w in shared[:RARE_WORDS] for c in postings[w][:WORD_TEXTS]} | {t})
        scores = process.cdist([texts[t]], [texts[c] for c in candidates], scorer=fuzz.token_set_ratio, workers=1)[0]
        ranked = [candidates[k] for k in np.argsort(-scores, kind="stable")]
        chosen = [position for c in ranked for position in members_of[c]][:width]
        rows[t] = chosen + [members_of[t][0]] * (width - len(chosen))
    return rows
