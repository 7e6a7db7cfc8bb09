"""The report as one JSON document (``claimcheck.report/1``, see records.py for its keys)."""

from __future__ import annotations

import json

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import report_record


def render(report: Report, options: ReportOptions) -> str:
    return (
        json.dumps(
            report_record(report, options.new_fingerprints), ensure_ascii=False, allow_nan=False, indent=2
        )
        + "\n"
    )
