"""Rule cases as data: tests/rules/cases/<kind>.toml, each case an article (``text``), or the
reports of one story (``reports``), that must (fail) or must not (pass) give a finding of that kind; a failing case may name, in ``between``, two
fragments of the sentences the finding must join."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from claimcheck.ingest import parse_article
from claimcheck.pipeline import analyse

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        kind = path.stem
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield pytest.param(kind, case, id=f"{kind}:{case['name']}")


@pytest.mark.parametrize(("kind", "case"), list(_cases()))
def test_rule_case(kind, case, default_config, extractor):
    # A case is one article ("text") or several reports of one story ("reports").
    texts = case["reports"] if "reports" in case else [case["text"]]
    articles = [
        parse_article(f"{case['name']}-{n}.md" if len(texts) > 1 else f"{case['name']}.md", text.lstrip("\n"))
        for n, text in enumerate(texts, 1)
    ]
    report = analyse(articles, extractor(articles), default_config)
    hits = [f for f in report.findings if f.kind == kind]
    if case["expect"] == "fail":
        assert hits, f"expected a {kind} finding; got {[(f.rule, f.message) for f in report.findings]}"
        if "between" in case:
            # The finding must join the two sentences the case names, not any two.
            first, second = case["between"]
            assert any(
                any(first in c.text for c in f.claims) and any(second in c.text for c in f.claims)
                for f in hits
            ), (
                f"no {kind} finding between {first!r} and {second!r}: {[[c.text for c in f.claims] for f in hits]}"
            )
    else:
        assert not hits, f"expected no {kind} finding; got {[(f.rule, f.message) for f in hits]}"


def test_every_kind_has_cases():
    from claimcheck.rules import KINDS

    assert {p.stem for p in CASES.glob("*.toml")} == set(KINDS)
