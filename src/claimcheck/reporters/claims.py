"""``claimcheck claims``: the claims extracted from articles, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from io import StringIO
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from claimcheck.model import Claim
from claimcheck.reporters.options import ReportOptions
from claimcheck.reporters.records import CLAIMS_SCHEMA, claim_record, csv_cell
from claimcheck.reporters.table import clean, console_text, make_console, plural

CSV_COLUMNS = (
    "doc",
    "paragraph",
    "line",
    "column",
    "start",
    "end",
    "text",
    "subject",
    "predicate",
    "object",
    "polarity",
    "modality",
    "time_text",
    "time_value",
    "time_role",
    "quantity_text",
    "quantity_value",
    "quantity_unit",
    "source",
    "event",
    "slots",
)


def claims_record(claims: Iterable[Claim]) -> dict[str, Any]:
    return {"schema": CLAIMS_SCHEMA, "claims": [claim_record(c) for c in claims]}


def render_json(claims: tuple[Claim, ...], options: ReportOptions) -> str:
    return json.dumps(claims_record(claims), ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def csv_row(record: dict[str, Any]) -> list[Any]:
    time = record["time"] or {}
    quantity = record["quantity"] or {}
    return [
        # Paragraphs from 1, like lines (the JSON keeps the 0-based index).
        *(record[key] + 1 if key == "paragraph" else record[key] for key in CSV_COLUMNS[:12]),
        time.get("text", ""),
        time.get("value", ""),
        time.get("role", ""),
        quantity.get("text", ""),
        quantity.get("value", ""),
        quantity.get("unit") or "",
        record["source"] or "",
        " ".join(record["event"]),
        "; ".join(record["slots"]),
    ]


def render_csv(claims: tuple[Claim, ...], options: ReportOptions) -> str:
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for claim in claims:
        writer.writerow([csv_cell(cell) for cell in csv_row(claim_record(claim))])
    return out.getvalue()


def assertion(claim: Claim) -> Text:
    """Who did what to what, with negation and modality, over the dimmed sentence."""
    text = Text()
    if claim.subject:
        text.append(clean(claim.subject), style="bold")
        text.append(" ")
    if not claim.polarity:
        text.append("NOT ", style="bold red")
    text.append(clean(claim.predicate) or "?", style="green")
    if claim.object:
        text.append(" ")
        text.append(clean(claim.object), style="bold")
    if str(claim.modality) != "done":
        text.append(f" [{claim.modality}]", style="magenta")
    text.append("\n")
    text.append(clean(claim.text), style="dim")
    return text


def render_table(claims: tuple[Claim, ...], options: ReportOptions) -> str:
    """One table per article (its path as the title), a row per claim in the order given."""
    console = make_console(options)
    docs = list(dict.fromkeys(c.doc for c in claims))
    for doc in docs:
        table = Table(
            title=clean(doc), title_justify="left", title_style="bold cyan", box=box.SIMPLE_HEAD, expand=True
        )
        table.add_column("Line", no_wrap=True, style="cyan")
        table.add_column("Claim", ratio=6)
        table.add_column("Time", ratio=2)
        table.add_column("Quantity", ratio=2)
        table.add_column("Source", ratio=2)
        table.add_column("Event / slots", ratio=2)
        for claim in claims:
            if claim.doc != doc:
                continue
            record = claim_record(claim)
            time = record["time"]
            quantity = record["quantity"]
            table.add_row(
                Text(f"{claim.line}:{claim.column}"),
                assertion(claim),
                Text(clean(f"{time['text']}\n{time['value']}")) if time else Text(""),
                Text(clean(quantity["text"])) if quantity else Text(""),
                Text(clean(claim.source or "")),
                Text(
                    clean(
                        " ".join(record["event"])
                        + ("\n" + ", ".join(record["slots"]) if record["slots"] else "")
                    )
                ),
            )
        console.print(table)
    console.print(Text(f"{plural(len(claims), 'claim')} in {plural(len(docs), 'article')}"))
    return console_text(console)
