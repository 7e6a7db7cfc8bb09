"""run(paths, config) -> Report: ingest, extract, group into stories, align and apply the
rules story by story, fingerprint, sort.

With a cache path, files are indexed, claims cached per article, findings per story and per
run (:func:`stored_analysis`); a large run without one keeps its claims in a temporary file.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from claimcheck import baseline as baselines
from claimcheck import events, stories
from claimcheck.align import candidate_pairs
from claimcheck.config import Config
from claimcheck.entities import AliasTable
from claimcheck.errors import ClaimcheckError, InputError
from claimcheck.extract import ExtractSettings, extract_claims
from claimcheck.ingest import STDIN, Limits, load_articles, read_article
from claimcheck.model import Article, Claim, FileProblem, Finding, Report, Severity
from claimcheck.rules import KINDS
from claimcheck.rules.exclusive_events import Options as ExclusiveOptions
from claimcheck.rules.matching import Context, Lexicon
from claimcheck.serial import SerialError, article_from_json, article_to_json

if TYPE_CHECKING:
    from claimcheck.align import CandidatePair


@dataclass(frozen=True, slots=True)
class RunOptions:
    jobs: int = 0  # spaCy processes; 0: as many as help (effective_jobs)
    min_severity: Severity = Severity.INFO
    stdin_text: str | bytes | None = None  # what '-' reads
    cache_path: str | None = None  # None: no cache
    progress: Callable[[int, int], None] | None = None  # (paragraphs parsed, paragraphs to parse)
    scheduler: str | None = None  # a Dask scheduler's address: extraction and rules run on its cluster


ClaimExtractor = Callable[[Sequence[Article]], dict[str, tuple[Claim, ...]]]


def build_lexicon(config: Config) -> Lexicon:
    groups: dict[str, list[tuple[str, int]]] = {}
    synonyms: dict[str, str] = {}
    in_turn: set[str] = set()
    for rule in config.rules:
        if isinstance(rule.options, ExclusiveOptions):
            for number, group in enumerate(rule.options.groups):
                for phrase in group:
                    groups.setdefault(phrase, []).append((rule.id, number))
            if rule.options.in_turn:
                in_turn.add(rule.id)
    for words in config.synonyms:
        representative = words[0]
        for word in words:
            synonyms.setdefault(word, representative)
    return Lexicon(groups={k: tuple(v) for k, v in groups.items()}, synonyms=synonyms, in_turn=frozenset(in_turn))


def alias_table(config: Config) -> AliasTable:
    return AliasTable.from_pairs(config.aliases)


AUTO_JOBS_MIN_PARAGRAPHS = 500  # below this, a second process (loading the model again) does not pay


def effective_jobs(requested: int, paragraphs: int, cpus: int | None = None) -> int:
    """spaCy processes for parsing ``paragraphs``: with ``requested`` 0 (auto), one per CPU core
    when there are enough paragraphs to repay loading the model in each, else 1; a number above
    the cores is lowered to them (on 2 cores, -j 4 was slower than -j 2)."""
    cores = max(1, cpus if cpus is not None else (os.cpu_count() or 1))
    if requested <= 0:
        return cores if paragraphs >= AUTO_JOBS_MIN_PARAGRAPHS else 1
    return min(requested, cores)


def default_extractor(
    config: Config, jobs: int, progress: Callable[[int, int], None] | None = None
) -> ClaimExtractor:
    aliases = alias_table(config)

    def extract(articles: Sequence[Article]) -> dict[str, tuple[Claim, ...]]:
        paragraphs = sum(len(a.paragraphs) for a in articles)
        settings = ExtractSettings(
            model=config.settings.model,
            batch_size=config.settings.batch_size,
            jobs=effective_jobs(jobs, paragraphs),
        )
        return extract_claims(articles, aliases, settings, progress)

    return extract


SPILL_PARAGRAPHS = 5_000  # a run without a cache parsing more keeps its claims in a temporary file


def run(paths: Sequence[str], config: Config, options: RunOptions = RunOptions(), extractor=None) -> Report:
    notes: list[str] = []
    if extractor is None and options.cache_path is not None:
        report = stored_analysis(paths, config, options, notes)
    else:
        articles, problems = load_articles(paths, options.stdin_text, config.settings.limits)
        large = sum(len(a.paragraphs) for a in articles) >= SPILL_PARAGRAPHS
        if extractor is None and (large or options.scheduler is not None):
            report = stored_analysis(paths, config, options, notes, (articles, problems))
        else:
            if extractor is None:
                extractor = default_extractor(config, options.jobs, options.progress)
            claims_by_doc, failed = extract_each_failure_apart(extractor, articles)
            articles = tuple(a for a in articles if a.doc in claims_by_doc)
            report = analyse(articles, claims_by_doc, config, (*problems, *failed), options.min_severity)
    if not report.articles:
        first = report.problems[-1]
        raise InputError(f"no article could be analysed; {first.doc}: {first.message}")
    return replace(report, notes=tuple(notes))


def extract_each_failure_apart(
    extractor: ClaimExtractor, articles: Sequence[Article]
) -> tuple[dict[str, tuple[Claim, ...]], tuple[FileProblem, ...]]:
    """``extractor(articles)``; when that raises, each article again on its own, so one article
    that breaks extraction is a problem of its own and the others are still analysed.
    Configuration errors (a model that cannot load) are not an article's fault: they raise."""
    try:
        return extractor(articles), ()
    except ClaimcheckError:
        raise
    except Exception:
        pass  # each article again, below
    claims: dict[str, tuple[Claim, ...]] = {}
    failed: list[FileProblem] = []
    for article in articles:
        try:
            claims.update(extractor([article]))
        except ClaimcheckError:
            raise
        except Exception as err:
            failed.append(
                FileProblem(
                    article.doc,
                    f"could not be analysed: internal error ({type(err).__name__}); please report it",
                )
            )
    return claims, tuple(failed)


def analyse(
    articles: Sequence[Article],
    claims_by_doc: dict[str, tuple[Claim, ...]],
    config: Config,
    problems: Iterable[FileProblem] = (),
    min_severity: Severity = Severity.INFO,
) -> Report:
    claims = tuple(c for a in articles for c in claims_by_doc.get(a.doc, ()))
    findings = find_discrepancies(claims, config, min_severity)
    return Report(articles=tuple(articles), claims=claims, findings=findings, problems=tuple(problems))


def find_discrepancies(
    claims: Sequence[Claim], config: Config, min_severity: Severity
) -> tuple[Finding, ...]:
    """Every finding among ``claims``, sorted (article, offset, rule), found story by story."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    return tuple(
        story_findings(
            stories.profiles(claims),
            lambda docs: tuple(c for d in docs for c in by_doc[d]),
            config,
            min_severity,
        )
    )


@dataclass(frozen=True, slots=True)
class StoryWork:
    """One story to align and check, with what the rules need to know of the rest of the run:
    the related pairs and partners of its articles, and their places in the run's reading order."""

    claims: tuple[Claim, ...]
    related: frozenset[tuple[str, str]]
    partners: dict[str, tuple[str, ...]]
    order: dict[str, int]


StoryChecker = Callable[[Iterable[StoryWork]], Iterator[list[Finding]]]


def story_findings(
    profiles: Sequence[stories.Profile],
    claims_of: Callable[[tuple[str, ...]], Sequence[Claim]],
    config: Config,
    min_severity: Severity,
    memo: StoryMemo | None = None,
    check_all: StoryChecker | None = None,
) -> Iterator[Finding]:
    """The findings of the articles ``profiles`` describe (in reading order), in sorted order,
    with only one story's claims (``claims_of(docs)``) and findings held at a time; with a
    ``memo``, a story checked before with the same articles is not checked again.
    ``check_all`` checks the stories that need it, in order (default: here, one at a time;
    the cluster module sends them to workers).

    Stories come in the order of their first article, and a finding sorts by the article of its
    first claim, so every finding sorting before the next story's first article is final and
    is yielded; the rest wait in a heap (stories that interleave in reading order)."""
    order = {p.doc: n for n, p in enumerate(profiles)}
    partners_of = stories.partners(stories.related_pairs(profiles))
    grouped = stories.group(list(order), ((a, b) for a, others in partners_of.items() for b in others))
    planned = [(story, stories.within(story, partners_of)) for story in grouped]
    known = memo.get_many(planned) if memo is not None else [None] * len(planned)

    def work() -> Iterator[StoryWork]:
        for (story, related), found in zip(planned, known, strict=True):
            if found is None:
                yield StoryWork(
                    tuple(claims_of(story)),
                    related,
                    {doc: partners_of[doc] for doc in story if doc in partners_of},
                    {doc: order[doc] for doc in story},
                )

    checked = (check_all or check_here(config, min_severity))(work())
    waiting: list[tuple[tuple, int, Finding]] = []
    count = 0
    for (story, related), found in zip(planned, known, strict=True):
        while waiting and waiting[0][0][0] < order[story[0]]:
            yield heapq.heappop(waiting)[2]
        if found is None:
            found = next(checked)
            if memo is not None:
                memo.put(story, related, found)
        for finding in found:
            heapq.heappush(waiting, (_sort_key(finding, order), count, finding))
            count += 1
    while waiting:
        yield heapq.heappop(waiting)[2]


def check_here(config: Config, min_severity: Severity) -> StoryChecker:
    """Check stories in this process, one at a time, as they are asked for."""
    lexicon = build_lexicon(config)

    def check_all(work: Iterable[StoryWork]) -> Iterator[list[Finding]]:
        for story in work:
            yield check_story(story, lexicon, config, min_severity)

    return check_all


def check_story(story: StoryWork, lexicon: Lexicon, config: Config, min_severity: Severity) -> list[Finding]:
    """Align one story's claims and apply the rules (``lexicon`` from :func:`build_lexicon`)."""
    return findings_in_story(
        story.claims,
        replace(lexicon, related_docs=story.related),
        story.partners,
        story.order,
        config,
        min_severity,
    )


class StoryMemo:
    """The findings of each story, kept in the cache under a key of everything they depend
    on: the story's articles in reading order with their claim keys, the related pairs among
    them, the configuration and the analysis code. New entries are written by :meth:`save`."""

    def __init__(self, cache, keys: dict[str, str], config: Config, min_severity: Severity) -> None:
        from claimcheck.extract import EXTRACTION_VERSION

        self._cache = cache
        self._keys = keys
        self._base = "\x1f".join(
            (
                "story/1",
                config_digest(config),
                min_severity.value,
                str(EXTRACTION_VERSION),
                analysis_code_digest(),
            )
        )
        self._fresh: dict[str, tuple[Finding, ...]] = {}
        self._used: list[str] = []

    def key(self, story: tuple[str, ...], related: frozenset[tuple[str, str]]) -> str:
        parts = [
            self._base,
            *(f"{doc}\x1e{self._keys[doc]}" for doc in story),
            *(f"{a}\x1e{b}" for a, b in sorted(related)),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def get_many(
        self, planned: Sequence[tuple[tuple[str, ...], frozenset[tuple[str, str]]]]
    ) -> list[tuple[Finding, ...] | None]:
        """The cached findings of each (story, related pairs), None where not cached."""
        keys = [self.key(story, related) for story, related in planned]
        self._used.extend(keys)
        # A story's key covers everything its findings depend on: decoded ahead, they are
        # those the cache holds, or those checking it again would give.
        warm = _warm(WARM_STORIES, self._cache.path)
        found = self._cache.get_stories([key for key in keys if key not in warm])
        return [warm[key] if key in warm else found.get(key) for key in keys]

    def put(
        self, story: tuple[str, ...], related: frozenset[tuple[str, str]], findings: Sequence[Finding]
    ) -> None:
        self._fresh[self.key(story, related)] = tuple(findings)

    def save(self) -> None:
        self._cache.put_stories(self._fresh, self._used)
        self._fresh = {}


def findings_in_story(
    claims: Sequence[Claim],
    lexicon: Lexicon,
    partners_of: dict[str, tuple[str, ...]],
    order: dict[str, int],
    config: Config,
    min_severity: Severity,
) -> list[Finding]:
    """Align the claims of one story and apply the rules; ``lexicon`` knows the story's related
    articles, ``order`` is the reading order of the whole run (it orders a finding's claims)."""
    scopes = events.story_scopes({c.doc: c.published for c in claims}, partners_of)
    pairs = candidate_pairs(
        claims,
        lexicon.predicate_class,
        config.settings.min_similarity,
        lexicon.predicate_families,
        lambda claim: (
            events.event_keys(claim, scopes[claim.doc])
            | events.slot_keys(claim, scopes[claim.doc], lexicon.noun_class)
        ),
    )
    options_by_kind: dict[str, tuple[object, ...]] = {}
    for rule in config.rules:
        if rule.severity.rank >= min_severity.rank:
            options_by_kind[rule.kind] = (*options_by_kind.get(rule.kind, ()), rule.options)
    context = Context(lexicon=lexicon, options_by_kind=options_by_kind, claims=tuple(claims))
    pairs = canonical_pairs(pairs)
    findings: dict[tuple, Finding] = {}
    for rule in config.rules:
        if rule.severity.rank < min_severity.rank:
            continue
        for finding in KINDS[rule.kind].check(pairs, rule, context):
            claims_sorted = tuple(
                sorted(finding.claims, key=lambda c: (order.get(c.doc, 0), c.start, c.predicate))
            )
            if claims_sorted != finding.claims:
                finding = replace(
                    finding, claims=claims_sorted, differences=tuple(reversed(finding.differences))
                )
            # One finding per rule and pair of sentences.
            key = (finding.rule, tuple((c.doc, c.start) for c in claims_sorted))
            fingerprint = baselines.fingerprint(finding.rule, claims_sorted)
            # Of two claim pairs in one pair of sentences, content decides which is kept, not order.
            if key in findings and findings[key].fingerprint <= fingerprint:
                continue
            findings[key] = replace(finding, fingerprint=fingerprint)
    return group_slots(tuple(findings.values()), order)


def group_slots(findings: tuple[Finding, ...], order: dict[str, int]) -> list[Finding]:
    """Clashes of one slot given many ways become one finding: findings of one rule and slot
    that share a claim (one report said "8 years", another "6 years", others "7 years") are
    joined, listing each value once with the first sentence that gives it, when they span
    ``GROUP_FROM_REPORTS`` reports or more. Clashes inside one article are joined apart from
    those between articles, when they span ``GROUP_FROM_SENTENCES`` of its sentences or more
    (an article giving one date six ways is one finding, not fifteen pairs). Findings without
    a slot stay as they are."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple, int] = {}
    for index, finding in enumerate(findings):
        if not finding.slot:
            continue
        within = len({claim.doc for claim in finding.claims}) < 2
        for claim in finding.claims:
            key = (finding.rule, finding.slot, within, claim.doc, claim.start, claim.predicate)
            if key in first_with:
                parent[root(index)] = root(first_with[key])
            else:
                first_with[key] = index
    groups: dict[int, list[Finding]] = {}
    for index, finding in enumerate(findings):
        groups.setdefault(root(index), []).append(finding)
    joined: list[Finding] = []
    for members in groups.values():
        docs = {claim.doc for finding in members for claim in finding.claims}
        if len(docs) >= GROUP_FROM_REPORTS or (
            len(docs) == 1
            and len({claim.start for finding in members for claim in finding.claims}) >= GROUP_FROM_SENTENCES
        ):
            joined.append(_joined(members, order))
        else:
            joined.extend(members)  # a clash among two or three: each pair says which two differ
    return joined


# How many reports a slot's clash must span to be given as one finding listing every value: a
# story of two or three reports reads best as pairs ("A says chief executive, C says chief
# technology officer"; "B says chief executive, C ..."), a value repeated across many reports
# as one finding (issue 12: one figure across 2,000 reports had given every pair).
GROUP_FROM_REPORTS = 4
# The same within one article: in the golden sets no slot clashes in more than two sentences of
# one article; a generated article repeating one event with other dates (issue 12's 200 KB
# case) gave a finding for every pair of its sentences.
GROUP_FROM_SENTENCES = 4


def _joined(members: list[Finding], order: dict[str, int]) -> Finding:
    """One finding for a slot: every sentence giving one of its values, in article order, and a
    message naming each value once with how many places give it."""
    mentions: dict[tuple, tuple[Claim, str]] = {}
    for finding in members:
        for claim, value in zip(finding.claims, finding.differences, strict=False):
            mentions.setdefault((claim.doc, claim.start, claim.predicate), (claim, value))
    first = members[0]
    changed = first.kind == "change-over-time"  # a history: its values in the order of the reports' days
    ranked = sorted(
        mentions.values(),
        key=lambda cv: (
            (cv[0].published or date.min) if changed else date.min,
            order.get(cv[0].doc, 0),
            cv[0].start,
            cv[0].predicate,
        ),
    )
    by_value: dict[str, list[tuple[Claim, str]]] = {}
    for claim, value in ranked:
        by_value.setdefault(" ".join(value.casefold().split()), []).append((claim, value))
    claims = tuple(claim for claim, _ in ranked)
    differences = tuple(value for _, value in ranked)
    described = [
        same[0][1] if len(same) == 1 else f"{same[0][1]} ({len(same)} places)" for same in by_value.values()
    ]
    if changed:
        message = f"{first.slot} changed over time: {', then '.join(described)}"
    else:
        message = f"{first.slot}: {events.slot_values(described)}"
    severity = max((f.severity for f in members), key=lambda s: s.rank)
    return replace(
        first,
        claims=claims,
        differences=differences,
        message=message,
        severity=severity,
        fingerprint=baselines.fingerprint(first.rule, claims),
    )


def canonical_pairs(pairs: Sequence[CandidatePair]) -> tuple[CandidatePair, ...]:
    """Each pair with its claims in an order set by their content (publication date, then the
    normalised sentence and predicate), so a rule's message reads the same however the
    paragraphs or files are ordered; reporters still show the claims in reading order."""
    keys: dict[int, tuple] = {}

    def content(claim: Claim) -> tuple:
        if id(claim) not in keys:
            keys[id(claim)] = (claim.published or date.min, baselines.claim_content(claim))
        return keys[id(claim)]

    return tuple(
        replace(pair, a=pair.b, b=pair.a) if content(pair.b) < content(pair.a) else pair for pair in pairs
    )


def related_documents(claims: Sequence[Claim]) -> frozenset[tuple[str, str]]:
    """Pairs of articles that report the same story (:func:`stories.related_pairs`)."""
    return stories.related_pairs(stories.profiles(claims))


def _sort_key(finding: Finding, order: dict[str, int]) -> tuple:
    first = finding.claims[0]
    return (order.get(first.doc, 0), first.start, finding.rule, finding.claims[-1].start, finding.fingerprint)


def model_version(name: str) -> str:
    """The installed version of a pipeline package, without loading spaCy when possible."""
    from importlib import metadata

    for candidate in (name, name.replace("_", "-")):
        try:
            return metadata.version(candidate)
        except metadata.PackageNotFoundError:
            continue
    from claimcheck.extract import model_identity

    return model_identity(name)[1]


def stored_analysis(
    paths: Sequence[str],
    config: Config,
    options: RunOptions,
    notes: list[str],
    loaded: tuple[tuple[Article, ...], tuple[FileProblem, ...]] | None = None,
) -> Report:
    """:func:`analyse` through the SQLite claim cache, holding one story's claims at a time.

    With a cache path, files are read through its file index (an unchanged file is neither
    read nor parsed), claims are cached per article content (only changed articles are
    parsed), findings per story (only the stories a changed article joins are checked again)
    and per run (an unchanged corpus is not even grouped into stories). Without one (a large
    run with --no-cache, ``loaded`` articles) the claims go to a temporary file, removed when
    the report is done with, and no findings are kept. The report's claims are read back from
    the file when a reporter asks for them.
    """
    from claimcheck.cache import ClaimCache, StoredClaims

    scratch = None if loaded is None else tempfile.TemporaryDirectory(prefix="claimcheck-")
    path = Path(options.cache_path if scratch is None else os.path.join(scratch.name, "claims.sqlite"))
    failed: list[FileProblem] = []
    with ClaimCache(path) as cache, _cluster_client(options.scheduler) as client:
        if loaded is None:
            index = FileIndex(cache)
            loaded = load_articles(paths, options.stdin_text, config.settings.limits, read=index.read)
            index.save()
        articles, problems = loaded
        keys = article_keys(articles, config)
        limits = config.settings.limits
        stored = stored_claims(
            cache,
            articles,
            keys,
            config,
            options.jobs,
            options.progress,
            failed,
            lambda doc: read_article(doc, None, limits),
            client,
        )
        articles = tuple(a for a in articles if a.doc in stored)
        key = findings_key(articles, keys, config, options.min_severity)
        findings = cache.get_findings(key) if scratch is None else None
        if findings is None:
            profiles = tuple(p for a in articles if (p := stored[a.doc][1]) is not None)

            def claims_of(docs: tuple[str, ...]) -> tuple[Claim, ...]:
                return tuple(c for d in docs for c in cache.get(keys[d], doc=d) or ())

            memo = None if scratch is not None else StoryMemo(cache, keys, config, options.min_severity)
            check_all = None
            if client is not None:
                from claimcheck import cluster

                check_all = cluster.checker(client, config, options.min_severity)
            findings = tuple(
                story_findings(profiles, claims_of, config, options.min_severity, memo, check_all)
            )
            if memo is not None:
                memo.save()
                cache.put_findings(key, findings)
        notes.extend(cache.warnings)
        if cache.persistent:
            entries = [(a.doc, keys[a.doc], stored[a.doc][0]) for a in articles]
            claims: Sequence[Claim] = StoredClaims(path, entries, keep=scratch)
        else:  # cached in memory for this run only: nothing to read back later
            claims = tuple(c for a in articles for c in cache.get(keys[a.doc], doc=a.doc) or ())
    return Report(articles=tuple(articles), claims=claims, findings=findings, problems=(*problems, *failed))


@contextlib.contextmanager
def _cluster_client(scheduler: str | None) -> Iterator[object]:
    """A Dask client of ``scheduler`` for the length of a run; None without one."""
    if scheduler is None:
        yield None
        return
    from claimcheck import cluster

    client = cluster.connect(scheduler)
    try:
        yield client
    finally:
        client.close()


# Articles of a cache's file index decoded ahead by a process that outlives runs (the
# daemon, whose forked workers inherit them), by the cache file's resolved path: path ->
# (stamp, article). FileIndex trusts an entry only while its file's stamp is the one it was
# indexed with, as it trusts the cache's own index, so an entry out of date is a miss, never
# a wrong article; the cache is read on a miss.
WARM_FILES: dict[str, dict[str, tuple[str, Article]]] = {}


# The findings of the stories in a cache, decoded ahead by the daemon as WARM_FILES are: by
# the cache file's resolved path, story key -> findings (see StoryMemo.get_many).
WARM_STORIES: dict[str, dict[str, tuple[Finding, ...]]] = {}


def _warm(table: dict[str, dict], cache_path: str | os.PathLike[str]) -> dict:
    """What a table decoded ahead (:data:`WARM_FILES`, :data:`WARM_PROFILES`,
    :data:`WARM_STORIES`) holds for the cache at ``cache_path``: empty outside the daemon."""
    return table.get(str(Path(cache_path).resolve()), {}) if table else {}


# The story profile of every claim key in a cache (number of claims, entity keys, publication
# date), decoded ahead by the daemon as WARM_FILES are: by the cache file's resolved path. A
# claim key names its article's content and the extraction, so its profile never changes.
WARM_PROFILES: dict[str, dict[str, tuple[int, frozenset[str], date | None]]] = {}


def warm_profiles(cache_path: str | os.PathLike[str]) -> dict[str, tuple[int, frozenset[str], date | None]]:
    """The profile of every claim key in the cache at ``cache_path``, decoded, for
    :data:`WARM_PROFILES`; keys already there are kept as they are."""
    from claimcheck.cache import decode_profile, read_profiles

    known = _warm(WARM_PROFILES, cache_path)
    decoded: dict[str, tuple[int, frozenset[str], date | None]] = {}
    for key, count, profile in read_profiles(cache_path):
        entry = known.get(key) or decode_profile(count, profile)
        if entry is not None:
            decoded[key] = entry
    return decoded


def warm_stories(cache_path: str | os.PathLike[str]) -> dict[str, tuple[Finding, ...]]:
    """The findings of every story in the cache at ``cache_path``, decoded, for
    :data:`WARM_STORIES`; stories already there are kept as they are (a key never changes
    its findings)."""
    from claimcheck.cache import read_stories
    from claimcheck.serial import findings_from_json

    known = _warm(WARM_STORIES, cache_path)
    decoded: dict[str, tuple[Finding, ...]] = {}
    for key, payload in read_stories(cache_path).items():
        findings = known.get(key)
        if findings is None:
            try:
                findings = findings_from_json(payload)
            except SerialError:
                continue
        decoded[key] = findings
    return decoded


def warm_files(cache_path: str | os.PathLike[str]) -> dict[str, tuple[str, Article]]:
    """The file index of the cache at ``cache_path``, decoded, for :data:`WARM_FILES`; entries
    already there with the same stamp are kept as they are (not decoded again)."""
    from claimcheck.cache import read_file_index

    known = _warm(WARM_FILES, cache_path)
    decoded: dict[str, tuple[str, Article]] = {}
    for doc, (stamp, text) in read_file_index(cache_path).items():
        entry = known.get(doc)
        if entry is None or entry[0] != stamp:
            try:
                entry = (stamp, replace(article_from_json(text), doc=doc))
            except SerialError:
                continue
        decoded[doc] = entry
    return decoded


class FileIndex:
    """Reads articles through the cache's file index: a file whose size, modification and
    change times and inode are those indexed is not read, its article (without its text)
    comes from the index (or from :data:`WARM_FILES`, the same index decoded ahead).

    A file holding a claimcheck directive is always read, as suppressions need its text; '-'
    is never indexed; nor is a file changed in the last :data:`RACY_SECONDS`, which another
    edit within the file system's time resolution could change without changing its stamp
    (git's "racily clean" entries). Files read are indexed by :meth:`save`, in one transaction.
    """

    def __init__(self, cache) -> None:
        self._cache = cache
        self._known: dict[str, tuple[str, str]] | None = None
        self._fresh: list[tuple[str, str, str]] = []
        self._warm = _warm(WARM_FILES, cache.path)

    def read(self, doc: str, stdin_text: str | bytes | None, limits: Limits) -> Article:
        if doc == STDIN:
            return read_article(doc, stdin_text, limits)
        status = os.stat(doc)
        stamp = f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}"
        warm = self._warm.get(doc)
        if warm is not None and warm[0] == stamp and status.st_size <= limits.max_article_bytes:
            return warm[1]
        row = self._index().get(doc)
        if row is not None and row[0] == stamp and status.st_size <= limits.max_article_bytes:
            try:
                return replace(article_from_json(row[1]), doc=doc)
            except SerialError:
                pass  # read it again
        article = read_article(doc, stdin_text, limits)
        settled = time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > RACY_SECONDS * 10**9
        if settled and DIRECTIVE_MARK not in article.text:
            # Stat taken before reading: a file changed meanwhile only looks changed next time.
            light = replace(
                article, text="", paragraphs=tuple(replace(p, text="") for p in article.paragraphs)
            )
            self._fresh.append((doc, stamp, article_to_json(light)))
        return article

    def save(self) -> None:
        self._cache.put_files(self._fresh)
        self._fresh = []

    def _index(self) -> dict[str, tuple[str, str]]:
        if self._known is None:
            self._known = self._cache.files()
        return self._known


DIRECTIVE_MARK = "claimcheck-"  # in every suppression comment (see suppress.parse_directives)
RACY_SECONDS = 2  # the coarsest modification-time resolution of common file systems (FAT)


def article_keys(articles: Sequence[Article], config: Config) -> dict[str, str]:
    """The claim cache key of each article: its content, the model and the extraction code."""
    from claimcheck.cache import cache_key
    from claimcheck.extract import EXTRACTION_VERSION

    version = model_version(config.settings.model)
    aliases_hash = hashlib.sha256(repr((config.aliases, config.synonyms)).encode()).hexdigest()[:16]
    extraction = f"{EXTRACTION_VERSION}:{aliases_hash}"
    return {a.doc: cache_key(a.content_hash, config.settings.model, version, extraction) for a in articles}


def stored_claims(
    cache,
    articles: Sequence[Article],
    keys: dict[str, str],
    config: Config,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
    failed: list[FileProblem] | None = None,
    reread: Callable[[str], Article] = read_article,
    client=None,
) -> dict[str, tuple[int, stories.Profile | None]]:
    """Make sure the cache holds every article's claims: the articles missing from it are
    extracted and stored a group at a time. Returns, per article path, its number of claims
    and its story profile (None without claims); the claims themselves are not kept. An
    article extraction fails on is left out and added to ``failed``. An article from the file
    index (no text) whose claims are missing is read again with ``reread(path)``, and ``keys``
    updated should its content have changed since. With a Dask ``client``, extraction runs on
    its cluster (:mod:`claimcheck.cluster`)."""
    result: dict[str, tuple[int, stories.Profile | None]] = {}
    missing = []
    warm = _warm(WARM_PROFILES, cache.path)
    known = {keys[a.doc]: warm[keys[a.doc]] for a in articles if keys[a.doc] in warm}
    known.update(cache.profiles([keys[a.doc] for a in articles if keys[a.doc] not in known]))
    for article in articles:
        hit = known.get(keys[article.doc])
        if hit is None:
            if article.paragraphs and not article.text:
                try:
                    article = reread(article.doc)
                except (OSError, InputError) as err:  # gone or changed since the file was listed
                    if failed is not None:
                        failed.append(FileProblem(article.doc, f"cannot be read again ({err})"))
                    continue
                keys.update(article_keys([article], config))
            missing.append(article)
        else:
            count, names, published = hit
            result[article.doc] = (count, stories.Profile(article.doc, names, published) if count else None)
    if client is not None:
        from claimcheck import cluster

        extracted = cluster.extract_on(client, missing, config)
    else:
        extracted = _extract_here(missing, config, jobs, progress)
    for fresh, broken in extracted:
        for doc, claims in fresh.items():
            result[doc] = (len(claims), stories.profile(doc, claims))
        if failed is not None:
            failed.extend(broken)
        cache.put_many({keys[doc]: claims for doc, claims in fresh.items()})
    return result


def _extract_here(
    missing: Sequence[Article], config: Config, jobs: int, progress: Callable[[int, int], None] | None
) -> Iterator[tuple[dict[str, tuple[Claim, ...]], tuple[FileProblem, ...]]]:
    """Claims of ``missing`` extracted in this process, a group at a time, so a run killed
    halfway keeps what it finished: (claims per article path, articles extraction failed on)."""
    estimate = sum(len(a.paragraphs) for a in missing)  # headings and kickers are not parsed
    parsed_before = 0  # paragraphs parsed in the groups before this one
    for group in article_groups(missing, CACHE_GROUP_PARAGRAPHS * max(1, jobs)):
        seen = [0]

        def advance(
            parsed: int, group_total: int, before: int = parsed_before, seen: list[int] = seen
        ) -> None:
            seen[0] = group_total
            if progress is not None:
                progress(before + parsed, max(estimate, before + group_total))

        yield extract_each_failure_apart(default_extractor(config, jobs, advance), group)
        parsed_before += seen[0]
    if missing and progress is not None:
        progress(parsed_before, parsed_before)


CACHE_GROUP_PARAGRAPHS = 2_000  # paragraphs parsed between two writes of the claim cache


T = TypeVar("T")


def article_groups(articles: Sequence[Article], paragraphs: int) -> Iterator[tuple[Article, ...]]:
    """Consecutive groups of whole articles holding about ``paragraphs`` paragraphs each."""
    return consecutive_groups(articles, lambda article: len(article.paragraphs), paragraphs)


def consecutive_groups(items: Iterable[T], weight: Callable[[T], int], limit: int) -> Iterator[tuple[T, ...]]:
    """Consecutive groups of whole items, each closed once its weight reaches ``limit``."""
    group: list[T] = []
    size = 0
    for item in items:
        group.append(item)
        size += weight(item)
        if size >= limit:
            yield tuple(group)
            group, size = [], 0
    if group:
        yield tuple(group)


def findings_key(
    articles: Sequence[Article], keys: dict[str, str], config: Config, min_severity: Severity
) -> str:
    """sha256 hex of everything the findings of a run depend on, given its claims' cache keys.

    The articles stay in their given order (it orders the findings); the configuration is
    canonicalised (:func:`config_digest`); the analysis code is hashed from its source.
    """
    from claimcheck.extract import EXTRACTION_VERSION

    parts = [
        "findings/1",
        config_digest(config),
        min_severity.value,
        str(EXTRACTION_VERSION),
        analysis_code_digest(),
    ]
    parts.extend(f"{a.doc}\x1e{keys[a.doc]}" for a in articles)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def config_digest(config: Config) -> str:
    """A hash of the configuration that shapes findings (not its file name, not its ignores:
    suppressions are applied after the pipeline)."""
    shaping = (config.settings, config.aliases, config.synonyms, config.rules)
    return hashlib.sha256(repr(_canonical(shaping)).encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    """Nested plain tuples with a stable repr: sets sorted, dataclasses spelled out by field.

    ``repr`` alone is not stable across processes for frozensets of strings (hash seed).
    """
    if value is None or isinstance(value, bool | int | float | str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return ("enum", type(value).__qualname__, value.value)
    if is_dataclass(value) and not isinstance(value, type):
        return (
            "dataclass",
            type(value).__module__,
            type(value).__qualname__,
            tuple((f.name, _canonical(getattr(value, f.name))) for f in fields(value)),
        )
    if isinstance(value, tuple | list):
        return tuple(_canonical(item) for item in value)
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted((_canonical(item) for item in value), key=repr)))
    if isinstance(value, dict):
        items = ((_canonical(k), _canonical(v)) for k, v in value.items())
        return ("dict", tuple(sorted(items, key=repr)))
    if isinstance(value, re.Pattern):
        return ("pattern", value.pattern, value.flags)
    # Anything else by its repr; one holding an address ("at 0x...") only makes the cache miss.
    return ("repr", type(value).__qualname__, repr(value))


@cache
def analysis_code_digest() -> str:
    """A hash of claimcheck's own files (code and data such as word lists): editing a rule or
    its data must not serve findings from before. About 1 MiB, read once per process."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(str(path.relative_to(package)).encode("utf-8") + b"\x00")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
        digest.update(b"\x00")
    return digest.hexdigest()
