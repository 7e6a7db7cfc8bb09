"""One CSV row per finding, its two claims side by side in A and B columns, for spreadsheets.

A finding compares two claims (one pair of sentences); the per-claim columns are repeated with
an ``a_`` and a ``b_`` prefix. Paragraphs are numbered from 1, like lines. Every claim in full
is in ``claims.csv`` and the JSON report.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import StringIO
from typing import Any

from claimcheck.model import Report
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import csv_cell, finding_record

FINDING_COLUMNS = ("fingerprint", "rule", "kind", "severity", "message")
CLAIM_COLUMNS = (
    "doc",
    "paragraph",
    "line",
    "column",
    "text",
    "differs",
    "subject",
    "predicate",
    "object",
    "time_value",
    "quantity",
    "outlet",
    "published",
)
SIDES = ("a", "b")
COLUMNS = (*FINDING_COLUMNS, *(f"{side}_{name}" for side in SIDES for name in CLAIM_COLUMNS))


def claim_cells(claim: dict[str, Any], differs: str) -> list[Any]:
    return [
        claim["doc"],
        claim["paragraph"] + 1,
        claim["line"],
        claim["column"],
        claim["text"],
        differs,
        claim["subject"],
        claim["predicate"],
        claim["object"],
        claim["time"]["value"] if claim["time"] else "",
        claim["quantity"]["text"] if claim["quantity"] else "",
        claim["outlet"] or "",
        claim["published"] or "",
    ]


def stream(report: Report, options: ReportOptions) -> Iterator[str]:
    """The header, then one row per finding (a row may span lines: quoted newlines)."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*COLUMNS, "status") if options.checking else COLUMNS)
    yield _taken(out)
    for finding in report.findings:
        record = finding_record(finding)
        row = [record[name] for name in FINDING_COLUMNS]
        differences = record["differences"]
        for index in range(len(SIDES)):
            if index < len(record["claims"]):
                differs = differences[index] if index < len(differences) else ""
                row.extend(claim_cells(record["claims"][index], differs))
            else:
                row.extend([""] * len(CLAIM_COLUMNS))
        status = options.status(finding)
        if status is not None:
            row.append(status)
        writer.writerow([csv_cell(cell) for cell in row])
        yield _taken(out)


def _taken(out: StringIO) -> str:
    """What was written to ``out`` since the last call, leaving it empty."""
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def render(report: Report, options: ReportOptions) -> str:
    return "".join(stream(report, options))
