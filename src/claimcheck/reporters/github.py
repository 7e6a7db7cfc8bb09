"""GitHub Actions workflow commands: one annotation per finding, on its first claim.

Under ``check`` only new findings are annotated. ``write_step_summary`` appends the markdown
report to the job summary; it is the one reporter function that writes a file.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.errors import ClaimcheckError
from claimcheck.model import Finding, Report, Severity
from claimcheck.reporters import markdown
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import location

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    message = finding.message or finding.rule
    if not finding.claims:
        return f"::{COMMAND[finding.severity]} title={escape_property(finding.rule)}::{escape_data(message)}"
    first, others = finding.claims[0], finding.claims[1:]
    if others:
        message += " (see also " + ", ".join(location(c) for c in others) + ")"
    props = [
        f"file={escape_property(first.doc)}",
        f"line={first.line}",
        f"col={first.column}",
    ]
    end_line = first.line + first.text.count("\n")
    if end_line != first.line:
        props.append(f"endLine={end_line}")
    props.append(f"title={escape_property(finding.rule)}")
    return f"::{COMMAND[finding.severity]} {','.join(props)}::{escape_data(message)}"


def stream(report: Report, options: ReportOptions) -> Iterator[str]:
    for p in report.problems:
        yield f"::warning file={escape_property(p.doc)},title=unreadable file::{escape_data(p.message)}\n"
    for finding in report.findings:
        if options.fails(finding) or not options.checking:
            yield annotation(finding) + "\n"


def render(report: Report, options: ReportOptions) -> str:
    return "".join(stream(report, options))


def write_step_summary(report: Report, options: ReportOptions) -> None:
    """Append the markdown report to ``options.github_summary_path`` ($GITHUB_STEP_SUMMARY)."""
    path = options.github_summary_path
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown.render(report, options) + "\n")
    except OSError as error:
        raise ClaimcheckError(
            f"cannot append the GitHub step summary to {path}: {error.strerror or error}; "
            "check that GITHUB_STEP_SUMMARY names a writable file"
        ) from error
