"""Reporters: one module per output format, each ``render(report, options) -> str``.

The formats a report can be written in pieces also have ``stream(report, options)``, an
iterator of text the CLI writes as it comes (:data:`STREAMS`), so a large report is never
held whole as text. Reporters are pure; the CLI writes what they return. The one exception is
``github.write_step_summary``, which appends to the file GitHub Actions names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from claimcheck.errors import ClaimcheckError
from claimcheck.model import Claim, Report
from claimcheck.reporters import (
    claims,
    csv_report,
    github,
    html_report,
    json_report,
    jsonl,
    junit,
    markdown,
    sarif,
    statistics,
    table,
)
from claimcheck.reporters.github import write_step_summary
from claimcheck.reporters.options import ReportOptions, RuleMeta

__all__ = [
    "CLAIM_REPORTERS",
    "REPORTERS",
    "STREAMS",
    "ReportOptions",
    "RuleMeta",
    "render_claims",
    "render_statistics",
    "stream",
    "write_step_summary",
]

REPORTERS: dict[str, Callable[[Report, ReportOptions], str]] = {
    "table": table.render,
    "json": json_report.render,
    "jsonl": jsonl.render,
    "csv": csv_report.render,
    "markdown": markdown.render,
    "html": html_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}

# Formats written in pieces; the others are rendered whole (markdown, html, sarif, junit).
STREAMS: dict[str, Callable[[Report, ReportOptions], Iterable[str]]] = {
    "table": table.stream,
    "json": json_report.stream,
    "jsonl": jsonl.stream,
    "csv": csv_report.stream,
    "github": github.stream,
}


def stream(report: Report, fmt: str, options: ReportOptions) -> Iterable[str]:
    """The report in ``fmt`` as pieces of text: streamed where the format allows, else one."""
    if fmt in STREAMS:
        return STREAMS[fmt](report, options)
    return (REPORTERS[fmt](report, options),)


render_statistics = statistics.render

CLAIM_REPORTERS: dict[str, Callable[[tuple[Claim, ...], ReportOptions], str]] = {
    "table": claims.render_table,
    "json": claims.render_json,
    "csv": claims.render_csv,
}


def render_claims(found: tuple[Claim, ...] | list[Claim], fmt: str, options: ReportOptions) -> str:
    """``claimcheck claims`` output in ``fmt`` (table, json or csv)."""
    try:
        reporter = CLAIM_REPORTERS[fmt]
    except KeyError:
        raise ClaimcheckError(
            f"unknown claims format {fmt!r}; use one of {', '.join(CLAIM_REPORTERS)}"
        ) from None
    return reporter(tuple(found), options)
