"""run(paths, config) -> Report: ingest, extract, align, apply the rules, fingerprint, sort."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from claimcheck import baseline as baselines
from claimcheck.align import candidate_pairs
from claimcheck.config import Config
from claimcheck.entities import AliasTable
from claimcheck.extract import ExtractSettings, extract_claims
from claimcheck.ingest import load_articles
from claimcheck.model import Article, Claim, FileProblem, Finding, Report, Severity
from claimcheck.rules import KINDS
from claimcheck.rules.exclusive_events import Options as ExclusiveOptions
from claimcheck.rules.matching import Context, Lexicon


@dataclass(frozen=True, slots=True)
class RunOptions:
    jobs: int = 1
    min_severity: Severity = Severity.INFO
    stdin_text: str | None = None
    cache_path: str | None = None  # None: no cache


ClaimExtractor = Callable[[Sequence[Article]], dict[str, tuple[Claim, ...]]]


def build_lexicon(config: Config) -> Lexicon:
    groups: dict[str, list[tuple[str, int]]] = {}
    synonyms: dict[str, str] = {}
    for rule in config.rules:
        if isinstance(rule.options, ExclusiveOptions):
            for number, group in enumerate(rule.options.groups):
                for phrase in group:
                    groups.setdefault(phrase, []).append((rule.id, number))
    for words in config.synonyms:
        representative = words[0]
        for word in words:
            synonyms.setdefault(word, representative)
    return Lexicon(groups={k: tuple(v) for k, v in groups.items()}, synonyms=synonyms)


def alias_table(config: Config) -> AliasTable:
    return AliasTable.from_pairs(config.aliases)


def default_extractor(config: Config, jobs: int) -> ClaimExtractor:
    aliases = alias_table(config)
    settings = ExtractSettings(model=config.settings.model, batch_size=config.settings.batch_size, jobs=jobs)
    return lambda articles: extract_claims(articles, aliases, settings)


def run(paths: Sequence[str], config: Config, options: RunOptions = RunOptions(), extractor=None) -> Report:
    articles, problems = load_articles(paths, options.stdin_text)
    notes: list[str] = []
    if extractor is None:
        if options.cache_path is not None:
            extractor = cached_extractor(config, options.jobs, options.cache_path, notes)
        else:
            extractor = default_extractor(config, options.jobs)
    claims_by_doc = extractor(articles)
    report = analyse(articles, claims_by_doc, config, problems, options.min_severity)
    return replace(report, notes=tuple(notes))


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
    lexicon = build_lexicon(config)
    pairs = candidate_pairs(claims, lexicon.predicate_class)
    context = Context(lexicon=lexicon)
    order = {a.doc: n for n, a in enumerate(_docs_in_order(claims))}
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
            if key in findings:
                continue
            fingerprint = baselines.fingerprint(finding.rule, claims_sorted)
            findings[key] = replace(finding, fingerprint=fingerprint)
    return tuple(sorted(findings.values(), key=lambda f: _sort_key(f, order)))


def _docs_in_order(claims: Sequence[Claim]):
    seen = {}
    for claim in claims:
        seen.setdefault(claim.doc, claim)
    return seen.values()


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


def cached_extractor(config: Config, jobs: int, cache_path, notes: list[str]) -> ClaimExtractor:
    """Extraction through the SQLite claim cache: only articles whose content changed are parsed."""
    import hashlib

    from claimcheck.cache import ClaimCache, cache_key, relabel
    from claimcheck.extract import EXTRACTION_VERSION

    extract = default_extractor(config, jobs)
    version = model_version(config.settings.model)
    aliases_hash = hashlib.sha256(repr((config.aliases, config.synonyms)).encode()).hexdigest()[:16]
    extraction = f"{EXTRACTION_VERSION}:{aliases_hash}"

    def run_cached(articles: Sequence[Article]) -> dict[str, tuple[Claim, ...]]:
        with ClaimCache(cache_path) as cache:
            keys = {
                a.doc: cache_key(a.content_hash, config.settings.model, version, extraction) for a in articles
            }
            result: dict[str, tuple[Claim, ...]] = {}
            missing = []
            for article in articles:
                hit = cache.get(keys[article.doc])
                if hit is None:
                    missing.append(article)
                else:
                    result[article.doc] = relabel(hit, article.doc)
            if missing:
                fresh = extract(missing)
                result.update(fresh)
                cache.put_many({keys[a.doc]: fresh[a.doc] for a in missing})
            notes.extend(cache.warnings)
        return result

    return run_cached
