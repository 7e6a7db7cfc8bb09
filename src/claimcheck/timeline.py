"""Time expressions of whole articles, for `claimcheck dates`: what the tool understood."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from io import StringIO

from rich.console import Console
from rich.table import Table

from claimcheck import temporal
from claimcheck.ingest import load_articles
from claimcheck.model import Article, FileProblem, TimeMention
from claimcheck.reporters.records import csv_cell


@dataclass(frozen=True, slots=True)
class DatedMention:
    doc: str
    mention: TimeMention  # offsets into the whole decoded file


def article_mentions(article: Article) -> tuple[DatedMention, ...]:
    """Time expressions of the article body, anchored to its ``published`` date."""
    if not article.paragraphs:
        return ()
    found = temporal.find_times_from(article.text, article.paragraphs[0].start, article.published)
    return tuple(DatedMention(article.doc, m) for m in found)


def collect_mentions(
    paths: Sequence[str], stdin_text: str | bytes | None = None
) -> tuple[tuple[DatedMention, ...], tuple[FileProblem, ...]]:
    articles, problems = load_articles(paths, stdin_text)
    return tuple(m for a in articles for m in article_mentions(a)), problems


def mention_record(item: DatedMention) -> dict[str, object]:
    m, t = item.mention, item.mention.time
    return {
        "doc": item.doc,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "type": t.type,
        "value": t.value,
        "mod": t.mod,
        "earliest": t.earliest.isoformat() if t.earliest else None,
        "latest": t.latest.isoformat() if t.latest else None,
        "granularity": t.granularity.value,
    }


def render_json(mentions: Sequence[DatedMention], width: int | None = None) -> str:
    record = {"schema": "claimcheck.dates/1", "mentions": [mention_record(m) for m in mentions]}
    return json.dumps(record, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


CSV_COLUMNS = ("doc", "start", "end", "text", "type", "value", "mod", "earliest", "latest", "granularity")


def render_csv(mentions: Sequence[DatedMention], width: int | None = None) -> str:
    """One row per time expression, the columns of the JSON records."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in mentions:
        record = mention_record(item)
        writer.writerow([csv_cell("" if record[name] is None else record[name]) for name in CSV_COLUMNS])
    return out.getvalue()


def render_table(mentions: Sequence[DatedMention], width: int | None = None) -> str:
    buffer = StringIO()
    console = Console(file=buffer, width=width or 110, color_system=None)
    table = Table(show_lines=False)
    for column in ("doc", "offset", "text", "type", "value", "mod", "interval", "granularity"):
        table.add_column(column, overflow="fold")
    for item in mentions:
        r = mention_record(item)
        interval = f"{r['earliest'] or '…'} .. {r['latest'] or '…'}" if r["earliest"] or r["latest"] else ""
        table.add_row(
            str(r["doc"]),
            str(r["start"]),
            str(r["text"]),
            str(r["type"]),
            str(r["value"]),
            str(r["mod"] or ""),
            interval,
            str(r["granularity"]),
        )
    console.print(table)
    docs = len({m.doc for m in mentions})
    console.print(
        f"{len(mentions)} time expression{'s' if len(mentions) != 1 else ''} "
        f"in {docs} article{'s' if docs != 1 else ''}"
    )
    return buffer.getvalue()
