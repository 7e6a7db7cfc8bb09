"""Rule cases as data: tests/rules/cases/<kind>.toml, each case an article that must (fail) or
must not (pass) give a finding of that kind at or above the rule's severity."""

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
    article = parse_article(f"{case['name']}.md", case["text"].lstrip("\n"))
    report = analyse([article], extractor([article]), default_config)
    hits = [f for f in report.findings if f.kind == kind]
    if case["expect"] == "fail":
        assert hits, f"expected a {kind} finding; got {[(f.rule, f.message) for f in report.findings]}"
    else:
        assert not hits, f"expected no {kind} finding; got {[(f.rule, f.message) for f in hits]}"


def test_every_kind_has_cases():
    from claimcheck.rules import KINDS

    assert {p.stem for p in CASES.glob("*.toml")} == set(KINDS)
