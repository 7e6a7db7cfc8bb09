"""Stories: the articles that report one event, the unit alignment and rules run over.

Two articles are related when they name at least two of the same entities (leaving out names
most articles give, like a country in a national corpus) and, where both are dated, were
published within two weeks of each other; a story is a connected group of related articles.
Claims of different stories are never compared, so the work, and the memory it needs, grows
with the size of the largest story rather than with the corpus; and a new article re-checks
only the stories it joins.

Deciding the stories needs only each article's *profile* (its entity keys and publication
date), a few hundred bytes, so the profiles of a whole archive fit in memory and the claims
are read back one story at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from claimcheck.model import Claim

STORY_MIN_SHARED = 2  # named entities two reports must share to be one story
STORY_MAX_DAYS = 14  # and the most days between their publication dates
COMMON_SHARE = 0.5  # a name in more than this share of the articles (of five or more) is common
MAX_NAME_ARTICLES = 50  # a name in very many articles says little about which story


@dataclass(frozen=True, slots=True)
class Profile:
    """What story grouping needs of an article: its entity keys and its publication date."""

    doc: str
    entities: frozenset[str]
    published: date | None


def profiles(claims: Iterable[Claim]) -> tuple[Profile, ...]:
    """One profile per article that has claims, in the order the claims come."""
    entities: dict[str, set[str]] = {}
    published: dict[str, date | None] = {}
    for claim in claims:
        entities.setdefault(claim.doc, set()).update(claim.entities)
        published.setdefault(claim.doc, claim.published)
    return tuple(Profile(doc, frozenset(names), published[doc]) for doc, names in entities.items())


def profile(doc: str, claims: Iterable[Claim]) -> Profile | None:
    """The profile of one article from its claims; None when it has none (it joins no story)."""
    found = profiles(claims)
    return Profile(doc, found[0].entities, found[0].published) if found else None


def related_pairs(articles: Sequence[Profile]) -> frozenset[tuple[str, str]]:
    """Pairs (a, b), a < b, of articles that report the same story."""
    entities = {p.doc: p.entities for p in articles}
    published = {p.doc: p.published for p in articles}
    docs = sorted(entities)
    if len(docs) < 2:
        return frozenset()
    frequency: dict[str, int] = {}
    for names in entities.values():
        for name in names:
            frequency[name] = frequency.get(name, 0) + 1
    common = {name for name, count in frequency.items() if len(docs) > 4 and count > len(docs) * COMMON_SHARE}
    by_name: dict[str, list[str]] = {}
    for doc in docs:
        for name in entities[doc] - common:
            by_name.setdefault(name, []).append(doc)
    shared: dict[tuple[str, str], int] = {}
    for members in by_name.values():
        if len(members) > MAX_NAME_ARTICLES:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                shared[(first, second)] = shared.get((first, second), 0) + 1
    related = set()
    for (first, second), count in shared.items():
        if count < STORY_MIN_SHARED:
            continue
        day_a, day_b = published[first], published[second]
        if day_a and day_b and abs((day_a - day_b).days) > STORY_MAX_DAYS:
            continue
        related.add((first, second))
    return frozenset(related)


def group(docs: Sequence[str], related: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], ...]:
    """The stories of ``docs``: connected groups of related articles (an article related to
    none is a story of its own), each in the order of ``docs``, ordered by their first article."""
    position = {doc: n for n, doc in enumerate(docs)}
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in related:
        if a in position and b in position:
            ra, rb = root(position[a]), root(position[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[str]] = {}
    for n, doc in enumerate(docs):
        members.setdefault(root(n), []).append(doc)
    return tuple(tuple(story) for story in members.values())


def partners(related: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Each article's related articles, in sorted order."""
    found: dict[str, list[str]] = {}
    for a, b in sorted(related):
        found.setdefault(a, []).append(b)
        found.setdefault(b, []).append(a)
    return {doc: tuple(others) for doc, others in found.items()}


def within(story: Iterable[str], partners_of: dict[str, tuple[str, ...]]) -> frozenset[tuple[str, str]]:
    """The related pairs among one story's articles (a story holds every partner of its articles)."""
    return frozenset((a, b) for a in story for b in partners_of.get(a, ()) if a < b)
