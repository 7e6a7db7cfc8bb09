"""pipeline.run through the cache: findings are reused for an unchanged corpus and configuration."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import pipeline
from claimcheck.config import Settings
from claimcheck.errors import InputError
from claimcheck.model import Severity
from claimcheck.pipeline import RunOptions

NEWSDEV = Path(__file__).parent / "golden" / "newsdev" / "articles"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(NEWSDEV, folder)
    return folder


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the calls to story_findings, which a findings cache hit skips."""
    calls: list[int] = []
    real = pipeline.story_findings

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "story_findings", counting)
    return calls


def run(articles: Path, config, cache: Path, min_severity: Severity = Severity.INFO):
    return pipeline.run([str(articles)], config, RunOptions(cache_path=str(cache), min_severity=min_severity))


def test_warm_run_reuses_the_findings(articles, tmp_path, default_config, monkeypatch):
    cache = tmp_path / "cache" / "cache.sqlite"
    uncached = pipeline.run([str(articles)], default_config, RunOptions())
    cold = run(articles, default_config, cache)
    assert cold.findings, "the newsdev articles have findings; the test needs some"

    def must_not_run(*args, **kwargs):
        raise AssertionError("story_findings ran on a warm run")

    monkeypatch.setattr(pipeline, "story_findings", must_not_run)
    warm = run(articles, default_config, cache)
    assert warm.notes == ()
    assert warm.findings == cold.findings == uncached.findings
    assert warm.claims == cold.claims == uncached.claims
    # Every claim of a finding is one of the run's claims, equal by value.
    claims = set(warm.claims)
    assert all(claim in claims for finding in warm.findings for claim in finding.claims)


def test_changed_configuration_misses(articles, tmp_path, default_config, analyses):
    cache = tmp_path / "cache.sqlite"
    run(articles, default_config, cache)
    run(articles, default_config, cache)
    assert len(analyses) == 1

    first = default_config.rules[0]
    demoted = dataclasses.replace(
        default_config,
        rules=(dataclasses.replace(first, severity=Severity.INFO, message=first.message + "!"),)
        + default_config.rules[1:],
    )
    run(articles, demoted, cache)
    assert len(analyses) == 2
    stricter = dataclasses.replace(default_config, settings=Settings(min_similarity=95.0))
    run(articles, stricter, cache)
    assert len(analyses) == 3
    run(articles, default_config, cache, min_severity=Severity.WARNING)
    assert len(analyses) == 4
    # Back to the first configuration: still cached.
    run(articles, default_config, cache)
    assert len(analyses) == 4


def test_changed_or_removed_article_misses(articles, tmp_path, default_config, analyses):
    cache = tmp_path / "cache.sqlite"
    before = run(articles, default_config, cache)
    first = sorted(articles.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nThe board met on Tuesday.\n", encoding="utf-8")
    after = run(articles, default_config, cache)
    assert len(analyses) == 2
    assert len(after.claims) > len(before.claims)

    sorted(articles.iterdir())[-1].unlink()
    run(articles, default_config, cache)
    assert len(analyses) == 3


def test_same_content_under_another_path_misses(articles, tmp_path, default_config, analyses):
    cache = tmp_path / "cache.sqlite"
    run(articles, default_config, cache)
    moved = tmp_path / "moved"
    shutil.copytree(articles, moved)
    report = run(moved, default_config, cache)
    assert len(analyses) == 2
    assert all(claim.doc.startswith(str(moved)) for finding in report.findings for claim in finding.claims)


def test_config_digest_is_stable_across_processes() -> None:
    # Rule options may hold frozensets, whose repr order changes with the hash seed.
    script = (
        "from claimcheck.config import DEFAULT_SOURCE, default_text, parse_config\n"
        "from claimcheck.pipeline import config_digest\n"
        "print(config_digest(parse_config(default_text(), DEFAULT_SOURCE)))\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_canonical_sorts_sets_and_spells_out_dataclasses() -> None:
    assert pipeline._canonical(frozenset({"b", "a"})) == pipeline._canonical(frozenset({"a", "b"}))
    assert pipeline._canonical(Settings()) != pipeline._canonical(Settings(batch_size=1))
    assert pipeline._canonical(Severity.INFO) != pipeline._canonical("info")


def test_progress_reports_every_paragraph_parsed(articles, tmp_path, default_config):
    calls: list[tuple[int, int]] = []
    options = RunOptions(
        cache_path=str(tmp_path / "c.sqlite"), progress=lambda done, total: calls.append((done, total))
    )
    pipeline.run([str(articles)], default_config, options)
    assert calls and calls[-1][0] == calls[-1][1] > 0
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    calls.clear()
    pipeline.run([str(articles)], default_config, options)
    assert calls == [], "a warm run parses nothing"


def test_related_documents_share_named_entities_and_dates():
    from datetime import date

    from claimcheck.model import Claim

    def claim(doc, entities, day):
        return Claim(
            doc=doc, paragraph=0, line=1, column=1, start=0, end=1, text="x", entities=entities, published=day
        )

    claims = [
        claim("a.md", ("draxley", "port celyn"), date(2025, 3, 3)),
        claim("b.md", ("draxley", "port celyn", "ministry"), date(2025, 3, 4)),
        claim("c.md", ("draxley",), date(2025, 3, 4)),  # one shared name is not a story
        claim("d.md", ("draxley", "port celyn"), date(2025, 6, 1)),  # months later: another story
    ]
    assert pipeline.related_documents(claims) == frozenset({("a.md", "b.md")})


def test_a_pair_gets_one_verdict_and_a_disabled_rule_gives_it_back(extractor, default_config):
    from claimcheck.config import parse_config
    from claimcheck.ingest import parse_article

    text = "The 30,000-seat stadium was originally scheduled to open in May.\n\nCapacity: 34,000 seats.\n"
    article = parse_article("s.md", text)
    claims = extractor([article])

    def kinds(config):
        return {f.kind for f in pipeline.analyse([article], claims, config).findings}

    assert {"number-conflict"} <= kinds(default_config) and "change-over-time" not in kinds(default_config)
    quiet = parse_config('extends = "default"\n[rules.number-conflict]\nenabled = false\n', "x.toml")
    assert "change-over-time" in kinds(quiet)


def test_a_run_killed_during_extraction_keeps_the_articles_it_finished(tmp_path, monkeypatch, default_config):
    """Issue 10 row 18: claims were written to the cache once, at the end of extraction."""
    from claimcheck import pipeline
    from claimcheck.cache import ClaimCache
    from claimcheck.ingest import load_articles

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_text(
            f"Firm {name.upper()} hired 40 workers on Monday.\n", encoding="utf-8"
        )
    real = pipeline.default_extractor
    calls = []

    def killed_on_the_second_group(config, jobs, progress=None):
        extract = real(config, jobs, progress)

        def run(articles):
            calls.append([a.doc for a in articles])
            if len(calls) == 2:
                raise KeyboardInterrupt
            return extract(articles)

        return run

    monkeypatch.setattr(pipeline, "CACHE_GROUP_PARAGRAPHS", 1)
    monkeypatch.setattr(pipeline, "default_extractor", killed_on_the_second_group)
    cache_path = str(tmp_path / "cache.sqlite")
    with pytest.raises(KeyboardInterrupt):
        pipeline.run([str(tmp_path)], default_config, pipeline.RunOptions(cache_path=cache_path))
    articles, _ = load_articles([str(tmp_path)])
    keys = pipeline.article_keys(articles, default_config)
    with ClaimCache(cache_path) as cache:
        stored = [a.doc for a in articles if cache.get(keys[a.doc]) is not None]
    assert stored == calls[0] == [str(tmp_path / "a.md")]


@pytest.mark.parametrize("cached", [False, True])
def test_an_article_that_breaks_extraction_is_a_problem_of_its_own(
    tmp_path, monkeypatch, default_config, cached
):
    """Issue 10: one bad article never stops the run, even one that breaks extraction itself."""
    from claimcheck import extract

    (tmp_path / "a.md").write_text(
        "Acme hired 40 workers on Monday. Acme did not hire workers.\n", encoding="utf-8"
    )
    (tmp_path / "b.md").write_text("Boom Corp opened a plant on Monday.\n", encoding="utf-8")
    real = extract._ArticleClaims.add

    def add(self, paragraph, offset, doc):
        if "Boom" in paragraph.text:
            raise RuntimeError("a bug this article sets off")
        return real(self, paragraph, offset, doc)

    monkeypatch.setattr(extract._ArticleClaims, "add", add)
    options = RunOptions(cache_path=str(tmp_path / "c.sqlite") if cached else None)
    report = pipeline.run([str(tmp_path)], default_config, options)
    assert [a.doc for a in report.articles] == [str(tmp_path / "a.md")]
    assert [p.doc for p in report.problems] == [str(tmp_path / "b.md")]
    assert "internal error (RuntimeError)" in report.problems[0].message
    assert report.claims
    with pytest.raises(InputError, match="no article could be analysed"):
        pipeline.run([str(tmp_path / "b.md")], default_config, options)


REORDER_CASES = {
    # The rule sees the two claims in text order: the message named them in that order.
    "schedule": (
        "Acme postponed the listing in January 2024, the company said.",
        "In January 2024, Acme cancelled the listing.",
        "The firm employs 11,000 staff.",
        "The firm employs 14,000 staff.",
    ),
    # "Sollander" is keyed to the last full name seen: Karin here, Margit once swapped.
    "surname": (
        "Margit Sollander, the architect, died on Sunday at her home. She was 86.",
        "Her death was announced by her daughter, Karin Sollander.",
        "Born on 14 May 1938 in the fishing village of Vindeby, Sollander studied at the academy.",
        "Born: 14 May 1936, Vindeby.",
    ),
}


@pytest.mark.parametrize("case", sorted(REORDER_CASES))
@pytest.mark.parametrize("swap", [(0, 1), (2, 3)])
def test_reordered_paragraphs_keep_fingerprints_and_messages(case, swap, tmp_path, default_config, extractor):
    """Swapping the two paragraphs of a finding (as an editor may) keeps it accepted."""
    paragraphs = list(REORDER_CASES[case])
    first = tmp_path / "first.md"
    first.write_text("---\ntitle: T\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    i, j = swap
    paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    second = tmp_path / "second.md"
    second.write_text("---\ntitle: T\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")

    def findings(path):
        report = pipeline.run([str(path)], default_config, RunOptions(), extractor)
        return sorted((f.fingerprint, f.rule, f.message) for f in report.findings)

    before = findings(first)
    assert before, "the case must produce findings"
    assert findings(second) == before


def test_effective_jobs_defaults_to_what_helps():
    from claimcheck.pipeline import AUTO_JOBS_MIN_PARAGRAPHS, effective_jobs

    assert effective_jobs(0, 40, cpus=2) == 1  # a small corpus: one process
    assert effective_jobs(0, AUTO_JOBS_MIN_PARAGRAPHS, cpus=2) == 2
    assert effective_jobs(4, 5000, cpus=2) == 2  # -j 4 on 2 cores was slower than -j 2
    assert effective_jobs(1, 5000, cpus=8) == 1
    assert RunOptions().jobs == 0
