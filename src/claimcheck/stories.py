"""Stories: the articles that report one event, the unit alignment and rules run over.

Two articles are related when they name at least two of the same entities (leaving out names
most articles give, like a country in a national corpus) and, where both are dated, were
published within two weeks of each other; a story is a connected group of related articles.
Names most articles give still relate them when they travel together: a company and the town
of its fire, named in every one of a folder's forty reports of that fire, are the story's own
names, where a country and its capital, each in most of a national corpus, part company.
Claims of different stories are never compared, so the work, and the memory it needs, grows
with the size of the largest story rather than with the corpus; and a new article re-checks
only the stories it joins.

Deciding the stories needs only each article's *profile* (its entity keys and publication
date), a few hundred bytes, so the profiles of a whole archive fit in memory and the claims
are read back one story at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from claimcheck.model import Claim

STORY_MIN_SHARED = 2  # named entities two reports must share to be one story
STORY_MAX_DAYS = 14  # and the most days between their publication dates
COMMON_SHARE = 0.5  # a name in more than this share of the articles (of five or more) is common
MAX_NAME_ARTICLES = 50  # a name in very many articles says little about which story
TOGETHER = 0.8  # two such names in this share of each other's articles are one story's names
TOGETHER_DAYS = 2 * STORY_MAX_DAYS  # and when their articles were published within this


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
    by_name: dict[str, list[str]] = {}
    for doc in docs:
        for name in entities[doc]:
            by_name.setdefault(name, []).append(doc)
    frequent = {
        name
        for name, members in by_name.items()
        if len(members) > MAX_NAME_ARTICLES or (len(docs) > 4 and len(members) > len(docs) * COMMON_SHARE)
    }
    shared: dict[tuple[str, str], int] = {}
    for name, members in by_name.items():
        if name in frequent:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                shared[(first, second)] = shared.get((first, second), 0) + 1
    related = {
        pair
        for pair, count in shared.items()
        if count >= STORY_MIN_SHARED and _near(published[pair[0]], published[pair[1]])
    }
    for members in _together(frequent, by_name, published):
        related.update(_within_days(members, published))
    return frozenset(related)


def _near(day_a: date | None, day_b: date | None) -> bool:
    return not (day_a and day_b and abs((day_a - day_b).days) > STORY_MAX_DAYS)


def _together(
    frequent: set[str], by_name: dict[str, list[str]], published: dict[str, date | None]
) -> Iterator[list[str]]:
    """The articles (sorted) naming two frequent names that travel together: each name is in
    the other's articles at least ``TOGETHER`` of the time, and those articles were published
    within ``TOGETHER_DAYS`` (a company and its town named in a year of an archive's articles
    are no one story). Each group of articles once, however many such pairs of names it has."""
    held = {name: frozenset(by_name[name]) for name in frequent}
    # Pairs of frequent names counted over the articles that name both, not over every pair.
    names_of: dict[str, list[str]] = {}
    for name in sorted(frequent):
        for doc in by_name[name]:
            names_of.setdefault(doc, []).append(name)
    met: dict[tuple[str, str], int] = {}
    for names in names_of.values():
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                met[(first, second)] = met.get((first, second), 0) + 1
    seen: set[frozenset[str]] = set()
    for (first, second), count in sorted(met.items()):
        if count < TOGETHER * max(len(held[first]), len(held[second])):
            continue
        both = held[first] & held[second]
        days = [published[doc] for doc in both if published[doc] is not None]
        if both in seen or (days and (max(days) - min(days)).days > TOGETHER_DAYS):
            continue
        seen.add(both)
        yield sorted(both)


def _within_days(members: list[str], published: dict[str, date | None]) -> Iterator[tuple[str, str]]:
    """Pairs (a, b), a < b, of ``members`` published within STORY_MAX_DAYS of each other (an
    undated article pairs with every other), found along the dates rather than over every pair."""
    undated = [doc for doc in members if published[doc] is None]
    dated = sorted((doc for doc in members if published[doc] is not None), key=lambda doc: published[doc])
    for doc in undated:
        yield from (tuple(sorted((doc, other))) for other in members if other != doc)
    starts = window_starts([published[doc].toordinal() for doc in dated])
    for end, (doc, start) in enumerate(zip(dated, starts, strict=True)):
        yield from (tuple(sorted((other, doc))) for other in dated[start:end])


def window_starts(days: Sequence[int]) -> list[int]:
    """For each of ``days`` (day ordinals, sorted), the index of the first day at most
    STORY_MAX_DAYS before it: day ``i`` is close to days ``window_starts(days)[i]`` to ``i``."""
    starts, start = [], 0
    for day in days:
        while day - days[start] > STORY_MAX_DAYS:
            start += 1
        starts.append(start)
    return starts


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
