"""Fixtures: the sample Report (see sample_report.py), an empty one, and reporter options."""

from __future__ import annotations

import pytest

from claimcheck.model import Report
from claimcheck.reporters import ReportOptions

from .sample_report import ARTICLES, CLAIMS, FINDINGS, PROBLEM, RULES


@pytest.fixture
def report() -> Report:
    return Report(articles=ARTICLES, claims=CLAIMS, findings=FINDINGS, problems=(PROBLEM,))


@pytest.fixture
def empty_report() -> Report:
    return Report(articles=ARTICLES, claims=CLAIMS, findings=())


@pytest.fixture
def options() -> ReportOptions:
    return ReportOptions(width=100, color=False, rules=RULES, tool_version="9.9.9")


@pytest.fixture
def check_options() -> ReportOptions:
    """``check`` mode: only the date finding is new; the others are accepted by a baseline."""
    return ReportOptions(
        width=100, rules=RULES, tool_version="9.9.9", new_fingerprints=frozenset({"fp-date-0001"})
    )
