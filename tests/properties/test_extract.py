"""extraction and every report format: small arbitrary articles never raise, and the JSON,
JSONL, SARIF, CSV, JUnit XML and HTML made from them stay valid."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from claimcheck.errors import InputError
from claimcheck.ingest import parse_article
from claimcheck.pipeline import analyse
from claimcheck.reporters import REPORTERS, ReportOptions, render_claims

from .strategies import article_text, front_matter

OPTIONS = ReportOptions(width=80)


def _strict(text: str):
    return json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


@pytest.fixture(scope="module")
def run(extractor, default_config):
    def run(text: str):
        article = parse_article("a.md", text)
        return analyse([article], extractor([article]), default_config)

    return run


@given(st.one_of(st.just(""), front_matter()), article_text(max_pieces=24), article_text(max_pieces=24))
def test_small_articles_extract_and_render_validly(run, header, first, second):
    try:
        report = run(f"{header}{first}\n\n{second}\n")
    except InputError:
        event("refused at ingest")
        return
    event(f"claims: {min(len(report.claims), 3)}, findings: {min(len(report.findings), 1)}")
    assert all(c.doc == "a.md" and c.start <= c.end for c in report.claims)
    _strict(REPORTERS["json"](report, OPTIONS))
    _strict(REPORTERS["sarif"](report, OPTIONS))
    for line in REPORTERS["jsonl"](report, OPTIONS).splitlines():
        _strict(line)
    _strict(render_claims(report.claims, "json", OPTIONS))
    for out in (REPORTERS["csv"](report, OPTIONS), render_claims(report.claims, "csv", OPTIONS)):
        rows = list(csv.reader(StringIO(out, newline="")))
        assert all(len(row) == len(rows[0]) for row in rows)
        assert not any(
            cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            for row in rows[1:]
            for cell in row
            if cell and not _number(cell)
        )
    ET.fromstring(REPORTERS["junit"](report, OPTIONS).encode("utf-8"))
    REPORTERS["html"](report, OPTIONS)
    REPORTERS["markdown"](report, OPTIONS)
    REPORTERS["table"](report, OPTIONS)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
