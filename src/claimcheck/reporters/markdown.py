"""A markdown table of findings, for pull-request comments and GitHub step summaries."""

from __future__ import annotations

import re

from claimcheck.model import Finding, Report
from claimcheck.reporters.highlight import differing_span, split_text
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import location
from claimcheck.reporters.table import clean, summary_line

_MARKUP = re.compile(r"([\\|*_`\[\]~])")
_WHITESPACE = re.compile(r"\s+")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_cell(text: str) -> str:
    """Text safe inside a table cell: no column breaks, no markdown or HTML taking effect."""
    text = clean(_WHITESPACE.sub(" ", text))
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    return _MARKUP.sub(r"\\\1", text)


def sentence_cell(finding: Finding, index: int) -> str:
    before, part, after = split_text(finding.claims[index].text, differing_span(finding, index))
    if not part.strip():
        return escape_cell(before + part + after).strip()
    # keep the bold markers tight against the words, or markdown ignores them
    stripped = part.strip()
    lead = part[: len(part) - len(part.lstrip())]
    trail = part[len(part.rstrip()) :]
    cell = escape_cell(before + lead) + f"**{escape_cell(stripped)}**" + escape_cell(trail + after)
    return cell.strip()


def location_cell(finding: Finding, index: int) -> str:
    return f"`{location(finding.claims[index])}`".replace("|", "\\|")


def render(report: Report, options: ReportOptions) -> str:
    lines = ["## claimcheck report", "", summary_line(report, options), ""]
    if report.problems:
        lines += [f"- **warning**: `{p.doc}`: {escape_cell(p.message)}" for p in report.problems]
        lines.append("")
    if report.findings:
        header = ["Severity", "Rule", "Location A", "Sentence A", "Location B", "Sentence B", "Message"]
        if options.checking:
            header.append("Status")
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for finding in report.findings:
            claims = range(len(finding.claims))
            others = claims[1:]
            row = [
                str(finding.severity),
                escape_cell(finding.rule),
                location_cell(finding, 0) if claims else "",
                sentence_cell(finding, 0) if claims else "",
                "<br>".join(location_cell(finding, i) for i in others),
                "<br>".join(sentence_cell(finding, i) for i in others),
                escape_cell(finding.message).strip(),
            ]
            if options.checking:
                row.append(options.status(finding) or "")
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    return "\n".join(lines)
