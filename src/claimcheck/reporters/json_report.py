"""The report as one JSON document (``claimcheck.report/1``, see records.py for its keys).

Streamed finding by finding (:func:`stream`), so an archive's report is never held twice in
memory as records and text; the bytes are those ``json.dumps(..., indent=2)`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import finding_records, report_record

_EMPTY_FINDINGS = '\n  "findings": [],\n'


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=2)


def stream(report: Report, options: ReportOptions) -> Iterator[str]:
    """The document in pieces: everything around the findings, then one finding at a time."""
    head, tail = _dumps(report_record(report, options.new_fingerprints, with_findings=False)).split(
        _EMPTY_FINDINGS, 1
    )
    yield head + '\n  "findings": ['
    separator = "\n    "
    for record in finding_records(report, options.new_fingerprints):
        # Strings escape their newlines, so each one here is the record's layout: indent it.
        yield separator + _dumps(record).replace("\n", "\n    ")
        separator = ",\n    "
    yield ("],\n" if separator == "\n    " else "\n  ],\n") + tail + "\n"


def render(report: Report, options: ReportOptions) -> str:
    return "".join(stream(report, options))
