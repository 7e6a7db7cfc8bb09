"""Blocking and pruning of candidate pairs: the same pairs as a plain reference, and a bounded
number of partners per claim."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict

import pytest
from rapidfuzz import fuzz

from claimcheck import align
from claimcheck.align import MAX_BLOCK, NEIGHBOURS, blocking_keys, candidate_pairs
from claimcheck.model import Claim

WORDS = ("cut", "job", "plant", "close", "open", "sale", "profit", "rise", "fall", "deal", "merger", "ceo")


def claim(n: int, doc: str = "a.md", subject: str = "acme", lemmas: tuple[str, ...] = (), **fields) -> Claim:
    return Claim(
        doc=doc,
        paragraph=n,
        line=n + 1,
        column=1,
        start=10 * n,
        end=10 * n + 9,
        text=f"Sentence {n}.",
        subject_key=subject,
        content_lemmas=lemmas,
        **fields,
    )


def corpus(size: int, seed: int = 7, subjects: tuple[str, ...] = ("acme",)) -> tuple[Claim, ...]:
    """Claims with few distinct content words, so similarities tie and texts repeat."""
    rng = random.Random(seed)
    return tuple(
        claim(
            n,
            doc=f"d{n % 5}.md",
            subject=subjects[n % len(subjects)],
            lemmas=tuple(rng.sample(WORDS, rng.randint(1, 4))),
            predicate=rng.choice(("cut", "close", "")),
        )
        for n in range(size)
    )


def reference_pairs(claims) -> list[tuple[int, int, frozenset[str], float]]:
    """The pairs as first written: every pair of a small block, the nearest neighbours in a large
    one (sorted in Python), before any cap per claim."""
    content = [" ".join(c.content_lemmas) for c in claims]
    blocks = defaultdict(list)
    for index, c in enumerate(claims):
        for key in blocking_keys(c, lambda p: p):
            blocks[key].append(index)
    members_of_doc = defaultdict(list)
    for index, c in enumerate(claims):
        members_of_doc[c.doc].append(index)
    for key in [k for k in blocks if k.startswith("doc:")]:
        blocks[key] = sorted(set(blocks[key]) | set(members_of_doc[key[4:]]))
    shared = defaultdict(set)
    for key, members in blocks.items():
        if key.startswith("doc:"):
            found = {(min(i, j), max(i, j)) for i in members if claims[i].label for j in members if i != j}
        elif len(members) <= MAX_BLOCK:
            found = set(itertools.combinations(members, 2))
        else:
            found = set()
            for i in members:
                order = sorted(members, key=lambda j: (-fuzz.token_set_ratio(content[i], content[j]), j))
                found |= {(min(i, j), max(i, j)) for j in order[: NEIGHBOURS + 1] if j != i}
        for pair in found:
            shared[pair].add(key)
    return [
        (i, j, frozenset(keys), fuzz.token_set_ratio(content[i], content[j]))
        for (i, j), keys in sorted(shared.items())
    ]


def as_rows(claims, pairs) -> list[tuple[int, int, frozenset[str], float]]:
    index = {id(c): n for n, c in enumerate(claims)}
    return [(index[id(p.a)], index[id(p.b)], p.keys, p.similarity) for p in pairs]


@pytest.mark.parametrize("size", [30, MAX_BLOCK, MAX_BLOCK + 1, 300])
def test_pairs_match_the_reference_without_a_cap(size, monkeypatch):
    monkeypatch.setattr(align, "MAX_PAIRS_PER_CLAIM", 10**6)
    claims = corpus(size)
    assert as_rows(claims, candidate_pairs(claims)) == reference_pairs(claims)


def test_each_claim_keeps_its_own_articles_then_most_similar_partners(monkeypatch):
    monkeypatch.setattr(align, "MAX_PAIRS_PER_CLAIM", 5)
    claims = corpus(40, seed=3)
    everything = reference_pairs(claims)
    partners = defaultdict(list)
    for i, j, _, score in everything:
        elsewhere = claims[i].doc != claims[j].doc
        partners[i].append((elsewhere, -score, j, (i, j)))
        partners[j].append((elsewhere, -score, i, (i, j)))
    chosen = {pair for found in partners.values() for *_, pair in sorted(found)[:5]}
    expected = [row for row in everything if (row[0], row[1]) in chosen]
    assert as_rows(claims, candidate_pairs(claims)) == expected
    assert len(expected) < len(everything)


def test_pairs_grow_linearly_with_copies():
    base = corpus(200, subjects=("acme", "globex"))
    counts = []
    for copies in (1, 4):
        claims = tuple(
            claim(n, doc=f"copy{k}/{c.doc}", subject=c.subject_key, lemmas=c.content_lemmas)
            for k in range(copies)
            for n, c in enumerate(base)
        )
        pairs = candidate_pairs(claims)
        counts.append(len(pairs))
        # Every claim keeps at most MAX_PAIRS_PER_CLAIM partners; a pair needs one of its two.
        assert len(pairs) <= align.MAX_PAIRS_PER_CLAIM * len(claims)
    assert counts[1] <= 4 * 2 * counts[0]


def test_fact_box_line_is_paired_with_its_whole_article_only():
    claims = (
        claim(0, subject="a", label="Jobs"),
        claim(1, subject="b"),
        claim(2, subject="c"),
        claim(3, doc="other.md", subject="d"),
    )
    pairs = candidate_pairs(claims)
    assert [(p.a.start, p.b.start) for p in pairs] == [(0, 10), (0, 20)]
    assert all(p.keys == frozenset({"doc:a.md"}) for p in pairs)


def test_no_pairs():
    assert candidate_pairs(()) == ()
    assert candidate_pairs((claim(0),)) == ()
    assert candidate_pairs((claim(0, subject="a"), claim(1, subject="b"))) == ()


def test_min_similarity_prunes_pairs_that_share_only_a_predicate():
    from claimcheck.model import Claim

    def claim(start, lemmas, subject=""):
        return Claim(
            doc="a.md",
            paragraph=0,
            line=1,
            column=1,
            start=start,
            end=start + 1,
            text="x",
            predicate="win",
            subject_key=subject,
            content_lemmas=lemmas,
        )

    weak = [claim(0, ("election", "mayor", "vote")), claim(10, ("cup", "final", "goal"))]
    assert len(candidate_pairs(weak, min_similarity=0)) == 1
    assert candidate_pairs(weak, min_similarity=40) == ()
    strong = [claim(0, ("election", "mayor"), "varga"), claim(10, ("cup", "final"), "varga")]
    assert len(candidate_pairs(strong, min_similarity=100)) == 1, "a shared subject keeps the pair"


def test_a_block_of_many_texts_finds_neighbours_through_their_rarer_words(monkeypatch):
    """Past EXACT_TEXTS distinct texts, each text is scored only against texts sharing one of its
    rarer words: each still meets its near twin, which shares its rarest word, and the rows
    have the width of the exact scoring."""
    rng = random.Random(5)
    common = ("say", "council", "town", "plan")
    texts = []
    for n in range(60):
        # Twins share one rare word; each also has words of its own, rarer still but telling
        # nothing of its neighbours.
        shared = (f"name{n}", f"place{n}", f"firm{n}", rng.choice(common))
        texts += [" ".join((*shared, *(f"own{n}x{k}" for k in range(5)))), " ".join((*shared, f"other{n}"))]
    monkeypatch.setattr(align, "EXACT_TEXTS", 10)
    nearest = align._nearest(list(range(len(texts))), texts)
    assert nearest.shape == (len(texts), NEIGHBOURS + 1)
    for position in range(0, len(texts), 2):
        assert position + 1 in nearest[position].tolist()
        assert position in nearest[position + 1].tolist()
    monkeypatch.setattr(align, "EXACT_TEXTS", 10**6)
    exact = align._nearest(list(range(len(texts))), texts)
    assert all(position + 1 in exact[position].tolist() for position in range(0, len(texts), 2))
