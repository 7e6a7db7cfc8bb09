"""One finding record per line, for streaming tools and ``jq -c``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import finding_record


def stream(report: Report, options: ReportOptions) -> Iterator[str]:
    for finding in report.findings:
        record = finding_record(finding)
        status = options.status(finding)
        if status is not None:
            record["status"] = status
        yield json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"


def render(report: Report, options: ReportOptions) -> str:
    return "".join(stream(report, options))
