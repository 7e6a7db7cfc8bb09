"""``--statistics``: the number of findings per rule, most first, as ruff prints it."""

from __future__ import annotations

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions


def render(report: Report, options: ReportOptions) -> str:
    counts: dict[tuple[str, str, str], int] = {}
    for finding in report.findings:
        key = (finding.rule, finding.kind, finding.severity.value)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max([len(str(n)) for _, n in rows] + [1])
    rule_width = max([len(rule) for (rule, _, _), _ in rows] + [4])
    lines = [
        f"{n:>{width}}  {rule:<{rule_width}}  {severity:<7}  {kind}" for (rule, kind, severity), n in rows
    ]
    total = sum(counts.values())
    lines.append(f"{total:>{width}}  {'finding' if total == 1 else 'findings'} in total")
    if options.hidden:
        lines.append(f"not shown: {', '.join(options.hidden)}")
    return "\n".join(lines) + "\n"
