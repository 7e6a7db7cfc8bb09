"""One CSV row per (finding, claim), for spreadsheets."""

from __future__ import annotations

import csv
from io import StringIO

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import csv_cell, finding_record

COLUMNS = (
    "fingerprint",
    "rule",
    "kind",
    "severity",
    "message",
    "claim_index",
    "doc",
    "line",
    "column",
    "text",
    "subject",
    "predicate",
    "object",
    "time_value",
    "quantity",
)


def render(report: Report, options: ReportOptions) -> str:
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*COLUMNS, "status") if options.checking else COLUMNS)
    for finding in report.findings:
        record = finding_record(finding)
        status = options.status(finding)
        for index, claim in enumerate(record["claims"]):
            row = [
                record["fingerprint"],
                record["rule"],
                record["kind"],
                record["severity"],
                record["message"],
                index,
                claim["doc"],
                claim["line"],
                claim["column"],
                claim["text"],
                claim["subject"],
                claim["predicate"],
                claim["object"],
                claim["time"]["value"] if claim["time"] else "",
                claim["quantity"]["text"] if claim["quantity"] else "",
            ]
            if status is not None:
                row.append(status)
            writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()
