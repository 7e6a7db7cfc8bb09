"""The hand-built Report every reporter test renders: two articles, three findings (one per
severity), claims with times and quantities, a file that could not be read, and sentences with
an accented name, a pipe and HTML special characters."""

from __future__ import annotations

from datetime import date

from claimcheck.model import (
    Article,
    Bound,
    Claim,
    ClaimQuantity,
    ClaimTime,
    FileProblem,
    Finding,
    Granularity,
    Modality,
    Paragraph,
    Quantity,
    Severity,
    TimeMention,
    TimeRole,
    TimeValue,
)
from claimcheck.reporters import RuleMeta

DOC_A = "articles/ampère-ipo.md"
DOC_B = "articles/wire.md"

# the sentence with characters every format must escape its own way
SPECIAL = 'Analysts wrote "spin off | sell" <b>&</b> the unit by 2026.'


def _claim(doc: str, line: int, column: int, start: int, text: str, **fields) -> Claim:
    return Claim(
        doc=doc,
        paragraph=line - 1,
        line=line,
        column=column,
        start=start,
        end=start + len(text),
        text=text,
        **fields,
    )


def _time(text: str, value: str, earliest: date, latest: date, granularity: Granularity, role=TimeRole.EVENT):
    return ClaimTime(
        TimeMention(0, len(text), text, TimeValue("DATE", value, None, earliest, latest, granularity)), role
    )


CLAIM_A1 = _claim(
    DOC_A,
    3,
    1,
    40,
    "Société Nouvelle said it would list the unit in January 2024.",
    subject="Société Nouvelle",
    subject_key="societe nouvelle",
    predicate="list",
    object="the unit",
    times=(_time("January 2024", "2024-01", date(2024, 1, 1), date(2024, 1, 31), Granularity.MONTH),),
    source="Reuters",
)
CLAIM_B1 = _claim(
    DOC_B,
    5,
    12,
    210,
    "The listing of the unit was set for March 2024, according to reports in February.",
    subject="the unit",
    predicate="list",
    modality=Modality.PLANNED,
    times=(
        _time("February", "2024-02", date(2024, 2, 1), date(2024, 2, 29), Granularity.MONTH, TimeRole.REPORT),
        _time("March 2024", "2024-03", date(2024, 3, 1), date(2024, 3, 31), Granularity.MONTH),
    ),
)
CLAIM_A2 = _claim(
    DOC_A,
    7,
    1,
    300,
    SPECIAL,
    subject="analysts",
    predicate="spin off",
    object="the unit",
)
CLAIM_A3 = _claim(
    DOC_A,
    9,
    4,
    420,
    "The group decided to reintegrate the unit instead.",
    subject="the group",
    predicate="reintegrate",
    object="the unit",
    polarity=True,
)
CLAIM_A4 = _claim(
    DOC_A,
    11,
    1,
    500,
    "The unit employs about 35,000 people.",
    subject="the unit",
    predicate="employ",
    quantities=(
        ClaimQuantity(
            Quantity(15, 33, "about 35,000 people", 35000.0, "employee", True), "employee", "employee"
        ),
    ),
)
CLAIM_B2 = _claim(
    DOC_B,
    8,
    1,
    400,
    "It has more than 40,000 employees.",
    subject="it",
    predicate="have",
    quantities=(
        ClaimQuantity(
            Quantity(7, 33, "more than 40,000 employees", 40000.0, "employee", False, Bound.MORE_THAN),
            "employee",
            "employee",
        ),
    ),
)

FINDINGS = (
    Finding(
        rule="listing-date",
        kind="date-conflict",
        severity=Severity.ERROR,
        message="The listing is dated January 2024 and March 2024.",
        claims=(CLAIM_A1, CLAIM_B1),
        differences=("January 2024", "March 2024"),
        fingerprint="fp-date-0001",
    ),
    Finding(
        rule="unit-fate",
        kind="exclusive-events",
        severity=Severity.WARNING,
        message="The unit is both spun off and reintegrated.",
        claims=(CLAIM_A2, CLAIM_A3),
        differences=("spin off", "reintegrate"),
        fingerprint="fp-fate-0002",
    ),
    Finding(
        rule="headcount",
        kind="quantity-mismatch",
        severity=Severity.INFO,
        message="Headcount differs: about 35,000 vs more than 40,000.",
        claims=(CLAIM_A4, CLAIM_B2),
        differences=(),  # nothing given: the reporters fall back on the quantities
        fingerprint="fp-head-0003",
    ),
)

ARTICLES = (
    Article(
        doc=DOC_A,
        text="",
        title="Ampère & the listing",
        source="Example Wire",
        published=date(2024, 2, 14),
        url="https://example.org/ampere",
        paragraphs=(Paragraph(0, 0, 10, 1, "Headline", headline=True), Paragraph(1, 11, 40, 3, "Body")),
    ),
    Article(doc=DOC_B, text="", title=None, source=None, published=None, url=None, paragraphs=()),
)

CLAIMS = (CLAIM_A1, CLAIM_A2, CLAIM_A3, CLAIM_A4, CLAIM_B1, CLAIM_B2)

PROBLEM = FileProblem("articles/broken.md", "not valid UTF-8 at byte 17; save the file as UTF-8")

RULES = (
    RuleMeta("listing-date", "date-conflict", Severity.ERROR, "Listing dates must agree.", "{a} vs {b}"),
    RuleMeta("unit-fate", "exclusive-events", Severity.WARNING, "A unit cannot be spun off and kept."),
    RuleMeta("unused-rule", "exclusive-events", Severity.WARNING, "Configured but not triggered."),
)


def hostile(report, text: str, value: float | None = None):
    """``report`` with every claim's sentence, subject and object replaced by ``text`` (issue 10:
    what an article says must not harm its reader), and quantities' values by ``value``."""
    from dataclasses import replace

    def swap(claim):
        quantities = claim.quantities
        if value is not None:
            quantities = tuple(replace(q, quantity=replace(q.quantity, value=value)) for q in quantities)
        return replace(claim, text=text, subject=text, object=text, quantities=quantities)

    findings = tuple(
        replace(f, message=text, claims=tuple(swap(c) for c in f.claims)) for f in report.findings
    )
    return replace(report, claims=tuple(swap(c) for c in report.claims), findings=findings)
