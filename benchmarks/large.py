"""Time per megabyte of one large article: 1, 5 and 50 MB, as ratios measured in one run.

Each article is one line (one paragraph, so ingest has to split it: issue 10 row 4) of
sentences that each hold a date and a figure (row 5: time-expression selection was quadratic
in the number of dates). For every size the per-article steps claimcheck runs before and
around spaCy are timed separately, and with ``--full`` the whole uncached pipeline too:

    ingest       ingest.parse_article: front matter, paragraphs, splitting long ones
    times        temporal.find_times_from(..., ranges=True) over the whole article
    quantities   quantities.find_quantities over every paragraph
    full         pipeline.run with no cache: spaCy, claims, alignment and rules (``--full``)

*s / MB* is wall seconds per megabyte; *linearity* is (s / MB at this size) / (s / MB at the
smallest size) from the same run, 1.0 meaning linear. spaCy parses roughly 1 MB per 100 s
on the shared 2-core machine, so ``--full`` is for small sizes (``--full 1,5``).

    python3 benchmarks/large.py                     # 1, 5, 50 MB, the steps without spaCy
    python3 benchmarks/large.py --sizes 1,5 --full 1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import peak_rss_mb  # noqa: E402

from claimcheck import quantities, temporal  # noqa: E402
from claimcheck.config import load_config  # noqa: E402
from claimcheck.ingest import Limits, parse_article  # noqa: E402
from claimcheck.pipeline import RunOptions, run  # noqa: E402

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September")
SUBJECTS = ("The council", "Acme Corp", "The regional board", "Northwind", "The ministry", "Valden Bank")
VERBS = ("approved", "postponed", "announced", "cancelled", "completed", "reviewed")
OBJECTS = ("the budget", "the bridge repairs", "a merger", "the new hospital", "its annual report")


def article(megabytes: float) -> str:
    """One line of varied sentences, each with a date and a figure, about ``megabytes`` MB."""
    target = int(megabytes * 1_000_000)
    parts: list[str] = ["---\ntitle: Large\npublished: 2025-09-10\n---\n"]
    size = len(parts[0])
    n = 0
    while size < target:
        sentence = (
            f"{SUBJECTS[n % 6]} {VERBS[n % 5]} {OBJECTS[n % 4]} on {1 + n % 28} {MONTHS[n % 9]} "
            f"{1990 + n % 35}, with {10 + n % 990} staff and {n % 7 + 1}.{n % 10} million euros. "
        )
        parts.append(sentence)
        size += len(sentence)
        n += 1
    return "".join(parts) + "\n"


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def measure(megabytes: float, full: bool, scratch: Path) -> dict[str, float]:
    text = article(megabytes)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    row: dict[str, float] = {"MB": size_mb}
    row["ingest"], parsed = timed(lambda: parse_article("large.md", text, Limits(max_article_mb=1024)))
    body = parsed.paragraphs[0].start
    row["times"], mentions = timed(
        lambda: temporal.find_times_from(text, body, parsed.published, ranges=True)
    )
    row["quantities"], _ = timed(lambda: [quantities.find_quantities(p.text) for p in parsed.paragraphs])
    row["paragraphs"] = len(parsed.paragraphs)
    row["dates"] = len(mentions)
    if full:
        path = scratch / f"large-{megabytes}.md"
        path.write_text(text, encoding="utf-8")
        config = load_config(None)
        row["full"], report = timed(lambda: run([str(path)], config, RunOptions()))
        row["claims"] = len(report.claims)
    row["peak RSS MiB"] = peak_rss_mb()
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,5,50", help="article sizes in MB (default 1,5,50)")
    parser.add_argument("--full", default="", help="sizes to run through the whole pipeline too (slow)")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s]
    full = {float(s) for s in args.full.split(",") if s}
    stages = ["ingest", "times", "quantities"] + (["full"] if full else [])
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        measure(0.05, False, Path(scratch))  # warm-up: first calls compile patterns and fill caches
        for megabytes in sizes:
            rows.append(measure(megabytes, megabytes in full, Path(scratch)))
            print(f"measured {megabytes} MB", file=sys.stderr, flush=True)
    base = rows[0]
    print(
        "| MB | paragraphs | dates | "
        + " | ".join(f"{s} s/MB | {s} linearity" for s in stages)
        + " | peak RSS MiB |"
    )
    print("|---:" * (3 + 2 * len(stages) + 1) + "|")
    for row in rows:
        cells = [f"{row['MB']:.1f}", f"{row['paragraphs']:.0f}", f"{row['dates']:.0f}"]
        for stage in stages:
            if stage not in row:
                cells += ["", ""]
                continue
            per_mb = row[stage] / row["MB"]
            cells.append(f"{per_mb:.3f}")
            cells.append(f"{per_mb / (base[stage] / base['MB']):.2f}" if stage in base else "")
        cells.append(f"{row['peak RSS MiB']:.0f}")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
