"""SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, VS Code's SARIF viewer).

Every claim of a finding is one location of its result; the fingerprint (from content, not
line numbers) goes in ``partialFingerprints`` so scanners track a finding across edits.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from claimcheck.model import Claim, Finding, Report, Severity
from claimcheck.reporters.options import ReportOptions, RuleMeta
from claimcheck.reporters.records import finding_record

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimcheck/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(doc: str) -> str:
    """A relative posix URI for a relative path, a file URI for an absolute one."""
    path = PurePath(doc)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/-._~")


def region(claim: Claim) -> dict[str, Any]:
    found: dict[str, Any] = {"startLine": max(1, claim.line), "startColumn": max(1, claim.column)}
    # line/column ends only when the sentence is the file's text verbatim; otherwise the char
    # offsets alone delimit it
    if claim.end - claim.start == len(claim.text) and claim.text:
        last_newline = claim.text.rfind("\n")
        found["endLine"] = found["startLine"] + claim.text.count("\n")
        if last_newline == -1:
            found["endColumn"] = found["startColumn"] + len(claim.text)
        else:
            found["endColumn"] = len(claim.text) - last_newline
    found["charOffset"] = max(0, claim.start)
    found["charLength"] = max(0, claim.end - claim.start)
    found["snippet"] = {"text": claim.text}
    return found


def rule_table(report: Report, options: ReportOptions) -> tuple[RuleMeta, ...]:
    """The configured rules, then any rule a finding names that the options did not describe."""
    rules = list(options.rules)
    known = {r.id for r in rules}
    for finding in report.findings:
        if finding.rule not in known:
            known.add(finding.rule)
            rules.append(RuleMeta(finding.rule, finding.kind, finding.severity))
    return tuple(rules)


def rule_descriptor(rule: RuleMeta) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.description or f"{rule.kind} rule {rule.id}"},
    }
    if rule.message:
        descriptor["fullDescription"] = {"text": f"{rule.description} Message: {rule.message}".strip()}
    descriptor["defaultConfiguration"] = {"level": LEVEL[Severity(rule.severity)]}
    descriptor["properties"] = {"kind": rule.kind, "tags": ["claimcheck", rule.kind]}
    return descriptor


def result(finding: Finding, rule_index: int, options: ReportOptions) -> dict[str, Any]:
    record = finding_record(finding)
    places = [
        {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(claim.doc)}, "region": region(claim)}}
        for claim in finding.claims
    ]
    found: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message or finding.rule},
        # The result sits at the first sentence; the sentence it contradicts is related to it
        # (code scanning shows one location per result, and links the related ones).
        "locations": places[:1],
    }
    if len(places) > 1:
        found["relatedLocations"] = [
            {"id": number, **place, "message": {"text": "the other sentence"}}
            for number, place in enumerate(places[1:], start=1)
        ]
    if finding.fingerprint:
        found["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    if options.checking:
        found["baselineState"] = "new" if options.is_new(finding) else "unchanged"
    found["properties"] = {"kind": finding.kind, "differences": record["differences"]}
    return found


def invocations(report: Report) -> list[dict[str, Any]]:
    """Files that could not be read, as warnings about the run rather than results."""
    if not report.problems:
        return []
    notifications = [
        {
            "level": "warning",
            "message": {"text": problem.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(problem.doc)}}}],
        }
        for problem in report.problems
    ]
    return [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]


def render(report: Report, options: ReportOptions) -> str:
    rules = rule_table(report, options)
    index = {rule.id: i for i, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "claimcheck",
                "version": options.tool_version,
                "rules": [rule_descriptor(r) for r in rules],
            }
        },
    }
    if report.problems:
        run["invocations"] = invocations(report)
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = [result(f, index[f.rule], options) for f in report.findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(log, ensure_ascii=False, allow_nan=False, indent=2) + "\n"
