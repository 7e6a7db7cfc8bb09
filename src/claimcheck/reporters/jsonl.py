"""One finding record per line, for streaming tools and ``jq -c``."""

from __future__ import annotations

import json

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import finding_record


def render(report: Report, options: ReportOptions) -> str:
    lines = []
    for finding in report.findings:
        record = finding_record(finding)
        status = options.status(finding)
        if status is not None:
            record["status"] = status
        lines.append(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
    return "".join(lines)
