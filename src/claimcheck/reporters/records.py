"""The one flattening of a Report that every machine format (JSON, CSV, SARIF...) is built from.

Values are JSON-ready: dates as ISO strings, enums as their values, tuples as lists. Key order
is part of the format and documented here, so the same Report always gives the same bytes.

    claim_record   {doc, paragraph, line, column, start, end, text, subject, predicate, object,
                    polarity, modality, time, quantity, source}
    finding_record {fingerprint, rule, kind, severity, message, differences, claims}
    report_record  {schema, articles, findings, problems, summary}
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from claimcheck import events
from claimcheck.model import Article, Claim, ClaimQuantity, ClaimTime, Finding, Report, Severity

REPORT_SCHEMA = "claimcheck.report/1"
CLAIMS_SCHEMA = "claimcheck.claims/1"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def claim_time(claim: Claim) -> ClaimTime | None:
    """The time a claim is about: its event time, else the first time it mentions."""
    event = claim.event_time
    if event is not None:
        return event
    return claim.times[0] if claim.times else None


def claim_quantity(claim: Claim) -> ClaimQuantity | None:
    return claim.quantities[0] if claim.quantities else None


def time_record(claim_time: ClaimTime) -> dict[str, Any]:
    mention = claim_time.mention
    value = mention.time
    return {
        "text": mention.text,
        "value": value.value,
        "type": value.type,
        "mod": value.mod,
        "earliest": _iso(value.earliest),
        "latest": _iso(value.latest),
        "granularity": str(value.granularity),
        "role": str(claim_time.role),
    }


def quantity_record(claim_quantity: ClaimQuantity) -> dict[str, Any]:
    quantity = claim_quantity.quantity
    return {
        "text": quantity.text,
        "value": quantity.value if math.isfinite(quantity.value) else None,  # JSON has no Infinity
        "unit": quantity.unit,
        "kind": quantity.kind,
        "approximate": quantity.approximate,
        "bound": str(quantity.bound),
        "attribute": claim_quantity.attribute,
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    when = claim_time(claim)
    amount = claim_quantity(claim)
    return {
        "doc": claim.doc,
        "paragraph": claim.paragraph,
        "line": claim.line,
        "column": claim.column,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "object": claim.object,
        "polarity": claim.polarity,
        "modality": str(claim.modality),
        "time": time_record(when) if when is not None else None,
        "quantity": quantity_record(amount) if amount is not None else None,
        "source": claim.source or None,
        "outlet": claim.outlet,
        "published": claim.published.isoformat() if claim.published else None,
        "event": list(events.event_words(claim)),
        "slots": list(events.slot_names(claim)),
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "fingerprint": finding.fingerprint,
        "rule": finding.rule,
        "kind": finding.kind,
        "severity": str(finding.severity),
        "message": finding.message,
        "differences": list(finding.differences),
        "slot": finding.slot or None,
        "claims": [claim_record(c) for c in finding.claims],
    }


def article_record(article: Article, claim_count: int) -> dict[str, Any]:
    return {
        "doc": article.doc,
        "title": article.title,
        "source": article.source,
        "published": _iso(article.published),
        "url": article.url,
        "paragraphs": len(article.paragraphs),
        "claims": claim_count,
    }


def severity_counts(findings: tuple[Finding, ...] | list[Finding]) -> dict[Severity, int]:
    """How many findings at each severity, every severity present (most severe first)."""
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


def summary_record(report: Report) -> dict[str, int]:
    counts = severity_counts(report.findings)
    return {
        "findings": len(report.findings),
        "error": counts[Severity.ERROR],
        "warning": counts[Severity.WARNING],
        "info": counts[Severity.INFO],
        "articles": len(report.articles),
        "claims": len(report.claims),
    }


def claims_per_article(claims: Iterable[Claim]) -> dict[str, int]:
    """How many claims each article has; claims left in the cache (``StoredClaims``) know it
    without being read back."""
    counts = getattr(claims, "counts", None)
    return counts() if counts is not None else Counter(c.doc for c in claims)


def finding_records(
    report: Report, new_fingerprints: frozenset[str] | None = None
) -> Iterator[dict[str, Any]]:
    """The finding records of ``report_record``, one at a time."""
    for finding in report.findings:
        record = finding_record(finding)
        if new_fingerprints is not None:
            record["status"] = "new" if finding.fingerprint in new_fingerprints else "accepted"
        yield record


def report_record(
    report: Report, new_fingerprints: frozenset[str] | None = None, with_findings: bool = True
) -> dict[str, Any]:
    """The whole report; with ``new_fingerprints`` (``check``) each finding also gets a
    trailing ``"status": "new" | "accepted"`` and the summary a trailing ``"new"`` count.
    ``with_findings=False`` leaves the findings list empty, for a writer that streams them."""
    per_doc = claims_per_article(report.claims)
    findings = list(finding_records(report, new_fingerprints)) if with_findings else []
    summary: dict[str, int] = summary_record(report)
    if new_fingerprints is not None:
        summary["new"] = sum(1 for f in report.findings if f.fingerprint in new_fingerprints)
    return {
        "schema": REPORT_SCHEMA,
        "articles": [article_record(a, per_doc.get(a.doc, 0)) for a in report.articles],
        "findings": findings,
        "problems": [{"doc": p.doc, "message": p.message} for p in report.problems],
        "summary": summary,
    }


# A cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that would start a formula gets a
    leading apostrophe (the OWASP rule); numbers are left as they are."""
    if not isinstance(value, str):
        return value
    # A bare carriage return is not quoted by the csv module (lines end in "\n"): make it one.
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if value.startswith(FORMULA_START) else text


def location(claim: Claim) -> str:
    """``doc:line:column``, the form editors and terminals turn into a link."""
    return f"{claim.doc}:{claim.line}:{claim.column}"
