"""The terminal report: one panel per finding, its claims side by side, differences highlighted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimcheck.model import Claim, Finding, Report, Severity
from claimcheck.reporters.highlight import differing_span, split_text
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import location, severity_counts

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
HIGHLIGHT_STYLE = "bold reverse"
MIN_CLAIM_COLUMN = 38  # narrower than this, a sentence wraps into an unreadable sliver

# article text comes from anywhere: an escape sequence in it must not reach the terminal
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)


def make_console(options: ReportOptions) -> Console:
    """A console writing to a string, so reporters stay pure and output is the same everywhere."""
    return Console(
        file=StringIO(),
        width=options.width or 100,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
        no_color=not options.color,
    )


def console_text(console: Console) -> str:
    file = console.file
    assert isinstance(file, StringIO)
    return file.getvalue()


def taken_text(console: Console) -> str:
    """What the console wrote since the last call, leaving its buffer empty."""
    text = console_text(console)
    file = console.file
    file.seek(0)
    file.truncate()
    return text


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def summary_line(report: Report, options: ReportOptions) -> str:
    """ "3 findings (0 errors, 2 warnings, 1 info) in 1 article, 42 claims", or the all-clear."""
    articles = plural(len(report.articles), "article")
    if not report.findings and options.hidden:
        # Not "found": there were findings, hidden for the reasons listed below.
        line = f"No discrepancies shown in {articles} ({plural(len(report.claims), 'claim')})"
    elif not report.findings:
        line = f"No discrepancies found in {articles} ({plural(len(report.claims), 'claim')})."
    else:
        counts = severity_counts(report.findings)
        line = (
            f"{plural(len(report.findings), 'finding')} ({plural(counts[Severity.ERROR], 'error')}, "
            f"{plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info) "
            f"in {articles}, {plural(len(report.claims), 'claim')}"
        )
        if options.checking:
            new = sum(1 for f in report.findings if options.is_new(f))
            line += f"; {new} new, {len(report.findings) - new} accepted by the baseline"
    if options.hidden:
        line += f"; not shown: {', '.join(options.hidden)}"
    if report.problems:
        line += f"; {plural(len(report.problems), 'file')} could not be read"
    return line


def claim_cell(finding: Finding, index: int, options: ReportOptions) -> Text:
    claim: Claim = finding.claims[index]
    cell = Text()
    cell.append(clean(location(claim)), style="bold cyan")
    cell.append("\n")
    before, part, after = split_text(claim.text, differing_span(finding, index))
    cell.append(clean(before))
    cell.append(clean(part), style=HIGHLIGHT_STYLE)
    cell.append(clean(after))
    if part and not options.color:
        # without colour the highlight is invisible, so name the differing part
        cell.append("\ndiffers: ", style="dim")
        cell.append(clean(part))
    if claim.source:
        cell.append("\nsource: ", style="dim")
        cell.append(clean(claim.source), style="italic")
    if len({c.doc for c in finding.claims}) > 1 and (claim.outlet or claim.published):
        # Across articles, say who reported what, and when.
        cell.append("\nreported by: ", style="dim")
        cell.append(clean(outlet_line(claim)), style="italic")
    return cell


def outlet_line(claim: Claim) -> str:
    parts = [claim.outlet or "unknown outlet"]
    if claim.published:
        parts.append(claim.published.isoformat())
    return ", ".join(parts)


def finding_panel(finding: Finding, options: ReportOptions, width: int) -> Panel:
    style = SEVERITY_STYLE[finding.severity]
    title = Text()
    title.append(str(finding.severity), style=style)
    title.append(f" {clean(finding.rule)} ", style="bold")
    title.append(f"({clean(finding.kind)})", style="dim")
    status = options.status(finding)
    if status is not None:
        title.append(f" [{status}]", style="bold magenta" if status == "new" else "dim")

    per_row = max(1, min(len(finding.claims), (width - 4) // MIN_CLAIM_COLUMN))
    claims = Table(
        box=box.MINIMAL if per_row > 1 else None,
        show_header=False,
        show_edge=False,
        show_lines=len(finding.claims) > per_row,
        expand=True,
        pad_edge=False,
    )
    for _ in range(per_row):
        claims.add_column(ratio=1, overflow="fold")
    cells = [claim_cell(finding, i, options) for i in range(len(finding.claims))]
    for row_start in range(0, len(cells), per_row):
        row = cells[row_start : row_start + per_row]
        claims.add_row(*row, *([""] * (per_row - len(row))))

    return Panel(
        Group(Text(clean(finding.message)), claims),
        title=title,
        title_align="left",
        # The handle for accepting it: [[ignore]] fingerprint, baseline entries, --format json.
        subtitle=Text(f"fingerprint {finding.fingerprint}", style="dim") if finding.fingerprint else None,
        subtitle_align="right",
        border_style=style if options.is_new(finding) else "dim",
        box=box.ROUNDED,
        padding=(0, 1),
    )


def stream(report: Report, options: ReportOptions) -> Iterator[str]:
    """The problems, then one panel at a time, then the summary line."""
    console = make_console(options)
    for problem in report.problems:
        line = Text()
        line.append("warning", style=SEVERITY_STYLE[Severity.WARNING])
        line.append(clean(f": {problem.doc}: {problem.message}"))
        console.print(line)
    if report.problems:
        console.print()
    for finding in report.findings:
        console.print(finding_panel(finding, options, console.width))
        yield taken_text(console)
    style = "bold green" if not report.findings else "bold"
    console.print(Text(clean(summary_line(report, options)), style=style))
    yield taken_text(console)


def render(report: Report, options: ReportOptions) -> str:
    return "".join(stream(report, options))
