"""Speed of `claimcheck report`, as ratios against baselines measured in the same run.

    python3 benchmarks/speed.py [--corpus DIR] [--repeat N] [--quick] [--write-readme]

(a) cold report / bare spaCy over the same paragraph texts, same model, same batch size
(b) warm re-run (unchanged corpus, same cache) / cold run, in-process and as a CLI subprocess
(c) 1x, 4x, 16x copies of the corpus (--no-cache): time per article, linearity, peak RSS
(d) share of the time module (temporal.find_times / with_ranges) in a cold run
(e) share of alignment + rules (pipeline.check_story, one call per story) against extraction
(f) --jobs: a cold run (--no-cache) with -j 1, the default (0: as many as help), and one and
    two processes per core, which claimcheck lowers to the cores
(g) one story told by 10, 20, 40, 80, 160 and 320 reports (corpus.story_reports; --quick stops
    at 160): align + rules against extraction of the same run, and how fast align + rules grows
    as the reports double (2 is quadratic, 1 linear)

Shared 2-core machines are noisy, so runs are interleaved (bare, cold, cold with cache, warm,
then again) and each ratio is the median of the per-round ratios. Nothing is written into the
repository unless --write-readme is given (it rewrites the figures block of benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402  (benchmarks/ is not a package)
    DEFAULT_CORPUS,
    REPO,
    Clock,
    StageTimer,
    article_files,
    copy_corpus,
    measure,
    median,
    peak_rss_mb,
    spacy_texts,
)

from claimcheck import extract, pipeline, quantities, temporal  # noqa: E402
from claimcheck.config import Config, load_config  # noqa: E402
from claimcheck.pipeline import RunOptions  # noqa: E402
from corpus import write_corpus  # noqa: E402

README = Path(__file__).resolve().parent / "README.md"
FIGURES_START = "<!-- figures:start (written by speed.py --write-readme) -->"
FIGURES_END = "<!-- figures:end -->"
WARM_UP_ARTICLES = 8

# A size that needs more than this is stopped rather than allowed to starve a shared machine.
SCALE_TIMEOUT_S = 1200
SCALE_MEMORY_BYTES = 8 * 1024**3

TARGET_COLD_OVER_BARE = 1.3
TARGET_WARM_OVER_COLD = 0.1
TARGET_TIME_SHARE = 0.20


@dataclass(slots=True)
class Results:
    """Everything one run measured; printed as a table and, on request, written to the README."""

    command: str
    corpus: str
    articles: int
    paragraphs: int
    repeat: int
    model_load: float = 0.0
    rounds: dict[str, list[Clock]] = field(default_factory=dict)
    ratios: dict[str, list[float]] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    stage_calls: dict[str, int] = field(default_factory=dict)
    scale: list[dict] = field(default_factory=list)
    jobs: dict[str, list[float]] = field(default_factory=dict)  # "-j N (M processes)" -> wall times
    story: list[dict] = field(default_factory=list)  # (g): one row per number of reports

    def add(self, name: str, clock: Clock) -> None:
        self.rounds.setdefault(name, []).append(clock)

    def wall(self, name: str) -> float:
        return median(c.wall for c in self.rounds[name])

    def cpu(self, name: str) -> float:
        return median(c.cpu for c in self.rounds[name])

    def ratio(self, top: str, bottom: str, cpu: bool = False) -> float:
        """Median over rounds of the paired ratio, so slow moments of the machine cancel out."""
        pairs = zip(self.rounds[top], self.rounds[bottom], strict=True)
        return median((a.cpu / b.cpu) if cpu else (a.wall / b.wall) for a, b in pairs)


# -- (a) and (b): in-process -----------------------------------------------------------------


def bare_spacy(texts: list[str], config: Config) -> Callable[[], object]:
    nlp = extract.load_pipeline(config.settings.model)
    return lambda: sum(1 for _ in nlp.pipe(texts, batch_size=config.settings.batch_size))


def report_run(corpus: Path, config: Config, cache_path: str | None) -> Callable[[], object]:
    return lambda: pipeline.run([str(corpus)], config, RunOptions(cache_path=cache_path))


def in_process_rounds(
    results: Results, corpus: Path, config: Config, texts: list[str], scratch: Path
) -> None:
    for number in range(results.repeat):
        cache_path = str(scratch / f"inproc-{number}" / "cache.sqlite")
        steps = (
            ("bare spaCy", bare_spacy(texts, config)),
            ("cold, no cache", report_run(corpus, config, None)),
            ("cold, empty cache", report_run(corpus, config, cache_path)),
            ("warm cache", report_run(corpus, config, cache_path)),
        )
        for name, call in steps:
            gc.collect()
            clock, _ = measure(call)
            results.add(name, clock)
            print(
                f"  round {number + 1}: {name:<18} {clock.wall:7.2f} s wall {clock.cpu:7.2f} s cpu",
                flush=True,
            )


# -- (f): --jobs ------------------------------------------------------------------------------------


def jobs_rounds(results: Results, corpus: Path, config: Config) -> None:
    cores = os.cpu_count() or 1
    for number in range(results.repeat):
        for requested in (1, 0, cores, 2 * cores):
            used = pipeline.effective_jobs(requested, results.paragraphs)
            name = f"-j {requested}{' (default)' if requested == 0 else ''}: {used} process{'es' if used > 1 else ''}"
            gc.collect()
            clock, _ = measure(lambda r=requested: pipeline.run([str(corpus)], config, RunOptions(jobs=r)))
            results.jobs.setdefault(name, []).append(clock.wall)
            print(f"  round {number + 1}: {name:<34} {clock.wall:7.2f} s wall", flush=True)


def jobs_summary(results: Results) -> str:
    one = median(next(iter(results.jobs.values())))
    return "\n".join(
        f"(f) {name:<34} {median(times):7.2f} s wall, {median(times) / one:.2f} x -j 1"
        for name, times in results.jobs.items()
    )


# -- (b): the CLI as a subprocess --------------------------------------------------------------


def cli_command() -> list[str]:
    found = shutil.which("claimcheck")
    return [found] if found else [sys.executable, "-c", "from claimcheck.cli import main; main()"]


def run_cli(corpus: Path, rules: Path, cache_dir: Path, output: Path) -> Clock:
    # --output goes to a scratch file, not /dev/null: see README ("Known problems").
    argv = [*cli_command(), "report", str(corpus), "--format", "json", "--output", str(output)]
    argv += ["--cache-dir", str(cache_dir), "--rules", str(rules)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    clock, done = measure(
        lambda: subprocess.run(argv, cwd=cache_dir.parent, capture_output=True, text=True, check=False)
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings
        raise SystemExit(f"claimcheck report failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Clock(clock.wall, cpu)


def subprocess_rounds(results: Results, corpus: Path, rules: Path, scratch: Path) -> None:
    for number in range(results.repeat):
        cache_dir = scratch / f"cli-{number}" / ".claimcheck"
        cache_dir.parent.mkdir(parents=True, exist_ok=True)
        output = cache_dir.parent / "report.json"
        for name in ("CLI cold", "CLI warm"):
            clock = run_cli(corpus, rules, cache_dir, output)
            results.add(name, clock)
            print(
                f"  round {number + 1}: {name:<18} {clock.wall:7.2f} s wall {clock.cpu:7.2f} s cpu",
                flush=True,
            )


# -- (d) and (e): where a cold run spends its time -----------------------------------------------


def stage_breakdown(results: Results, corpus: Path, config: Config) -> None:
    """One cold, uncached run with the stages wrapped; shares of its total wall time."""
    timer = StageTimer()
    # pipeline imported these names, so they are wrapped where pipeline looks them up.
    timer.wrap("ingest", pipeline, "load_articles")
    timer.wrap("extraction", pipeline, "extract_claims")
    timer.wrap("align + rules", pipeline, "check_story")
    timer.wrap("  align (candidate_pairs)", pipeline, "candidate_pairs")
    # extract calls temporal.with_ranges and quantities.find_quantities through the modules;
    # with_ranges calls find_times by its global name, which the wrapper's depth count handles.
    timer.wrap("  time module", temporal, "with_ranges")
    timer.wrap("  time module", temporal, "find_times")
    timer.wrap("  quantities", quantities, "find_quantities")
    nlp = extract.load_pipeline(config.settings.model)
    timer.wrap_iterator("  spaCy (nlp.pipe)", nlp, "pipe")
    try:
        gc.collect()
        clock, report = measure(report_run(corpus, config, None))
    finally:
        timer.restore()
    results.add("cold, no cache, instrumented", clock)
    results.stages = dict(timer.seconds)
    results.stage_calls = dict(timer.calls)
    results.stages["total"] = clock.wall
    extraction = timer.seconds["extraction"]
    results.stages["  claim building (rest)"] = extraction - sum(
        timer.seconds[s] for s in ("  time module", "  quantities", "  spaCy (nlp.pipe)")
    )
    results.stages["  rules"] = timer.seconds["align + rules"] - timer.seconds["  align (candidate_pairs)"]
    results.stages["claims"] = float(len(report.claims))
    results.stages["findings"] = float(len(report.findings))


# -- (c): copies of the corpus, each size in its own process (for its own peak RSS) ------------------


def scale_worker(corpus: Path, warm_corpus: Path, rules: Path) -> None:
    """Child process: load, warm up, time one uncached run of ``corpus``; print JSON."""
    config = load_config(str(rules))
    load, _ = measure(lambda: extract.load_pipeline(config.settings.model))
    warm_up(warm_corpus, config)
    rss_before = peak_rss_mb()
    row = instrumented_run(corpus, config)
    row |= {"model_load": load.wall, "rss_after_load_mb": rss_before, "peak_rss_mb": peak_rss_mb()}
    print(json.dumps(row))


def instrumented_run(corpus: Path, config: Config) -> dict:
    """One cold, uncached run with extraction, align + rules and alignment timed apart and the
    candidate pairs counted: the figures of (c) and (g)."""
    timer = StageTimer()
    timer.wrap("extraction", pipeline, "extract_claims")
    timer.wrap("align + rules", pipeline, "check_story")
    timer.wrap("align", pipeline, "candidate_pairs")
    counted = pipeline.candidate_pairs
    pair_counts: list[int] = []

    def count_pairs(*args, **kwargs):
        pairs = counted(*args, **kwargs)
        pair_counts.append(len(pairs))
        return pairs

    pipeline.candidate_pairs = count_pairs
    try:
        gc.collect()
        clock, report = measure(report_run(corpus, config, None))
    finally:
        pipeline.candidate_pairs = counted  # before the timer puts back what it wrapped
        timer.restore()
    return {
        "articles": len(report.articles),
        "claims": len(report.claims),
        "findings": len(report.findings),
        "pairs": sum(pair_counts),
        "wall": clock.wall,
        "cpu": clock.cpu,
        "extraction": timer.seconds["extraction"],
        "align_rules": timer.seconds["align + rules"],
        "align": timer.seconds["align"],
    }


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SCALE_MEMORY_BYTES, SCALE_MEMORY_BYTES))


def scale_rounds(
    results: Results, corpus: Path, rules: Path, scratch: Path, multipliers: tuple[int, ...]
) -> None:
    for multiplier in multipliers:
        folder = scratch / f"x{multiplier}"
        copy_corpus(corpus, folder, multiplier)
        argv = [sys.executable, __file__, "--scale-worker", str(folder), "--corpus", str(corpus)]
        argv += ["--rules", str(rules)]
        try:
            done = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                check=False,
                timeout=SCALE_TIMEOUT_S,
                preexec_fn=_limit_memory,
            )
        except subprocess.TimeoutExpired:
            print(f"  x{multiplier}: stopped after {SCALE_TIMEOUT_S} s; larger sizes skipped", flush=True)
            results.scale.append({"multiplier": multiplier, "failed": f"over {SCALE_TIMEOUT_S} s"})
            break
        if done.returncode != 0:
            print(f"  x{multiplier}: failed ({done.stderr.strip()[-300:]}); larger sizes skipped", flush=True)
            results.scale.append({"multiplier": multiplier, "failed": done.stderr.strip().splitlines()[-1:]})
            break
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["multiplier"] = multiplier
        results.scale.append(row)
        shutil.rmtree(folder)
        print(
            f"  x{multiplier:<3} {row['articles']:5d} articles {row['wall']:8.1f} s "
            f"peak RSS {row['peak_rss_mb']:7.0f} MiB",
            flush=True,
        )


# -- setup ---------------------------------------------------------------------------------------


# -- (g): one story of many reports --------------------------------------------------------------


def story_rounds(results: Results, config: Config, scratch: Path, sizes: tuple[int, ...]) -> None:
    """One cold, uncached run per size of one generated story, alignment and rules timed apart
    from extraction (the same run's linear baseline)."""
    for reports in sizes:
        folder = scratch / f"story{reports}"
        write_corpus(folder, reports, one_story=True)
        row = {"reports": reports, **instrumented_run(folder, config)}
        results.story.append(row)
        print(
            f"  {reports} reports: {row['claims']} claims, {row['pairs']} pairs, extraction "
            f"{row['extraction']:.1f} s, align + rules {row['align_rules']:.1f} s",
            flush=True,
        )


def growth(row: dict, previous: dict) -> float:
    """log2 of how much align + rules grew from the previous size (2 reports per 1): 1 is linear."""
    return math.log(row["align_rules"] / previous["align_rules"]) / math.log(row["reports"] / previous["reports"])


def story_markdown(results: Results) -> list[str]:
    lines = [
        "",
        "One story told by many reports (`corpus.story_reports`, `--no-cache`, in-process):",
        "",
        "| reports | claims | candidate pairs | findings | extraction s | align + rules s | of which align s "
        "| align + rules / extraction | growth exponent of align + rules |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous = None
    for row in results.story:
        grew = f"{growth(row, previous):.2f}" if previous else ""
        lines.append(
            f"| {row['reports']} | {row['claims']} | {row['pairs']} | {row['findings']} | {row['extraction']:.1f} "
            f"| {row['align_rules']:.1f} | {row['align']:.1f} | {row['align_rules'] / row['extraction']:.2f} | {grew} |"
        )
        previous = row
    return lines


def warm_up(corpus: Path, config: Config) -> None:
    """One small run first, so neither side pays for lazy first-call work (regexes, vectors)."""
    files = [str(p) for p in article_files(corpus)[:WARM_UP_ARTICLES]]
    pipeline.run(files, config, RunOptions())


# -- output --------------------------------------------------------------------------------------


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT met"


def figures_markdown(results: Results, when: str) -> str:
    r = results
    lines = [
        f"Measured {when} on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.machine()}; shared machine, other jobs running.",
        "",
        "```",
        r.command,
        "```",
        "",
        f"Corpus: `{r.corpus}`: {r.articles} articles, {r.paragraphs} paragraphs given to spaCy; "
        f"model loaded once beforehand ({r.model_load:.1f} s, not counted); {r.repeat} interleaved rounds, "
        "medians.",
        "",
    ]
    if r.rounds:
        lines += ["| figure | wall s (median) | CPU s (median) |", "|---|---:|---:|"]
        lines += [f"| {name} | {r.wall(name):.2f} | {r.cpu(name):.2f} |" for name in r.rounds]
    if ratio_rows(r):
        lines += ["", "| ratio (median of per-round ratios) | wall | CPU | target | verdict (wall) |"]
        lines += ["|---|---:|---:|---:|---|"]
    for label, top, bottom, target in ratio_rows(r):
        wall, cpu = r.ratio(top, bottom), r.ratio(top, bottom, cpu=True)
        lines.append(
            f"| {label} | {wall:.3f} | {cpu:.3f} | {target_text(target)} | {verdict_text(wall, target)} |"
        )
    if r.stages:
        total = r.stages["total"]
        lines += [
            "",
            f"Where one cold, uncached run spends its time (instrumented run, {total:.1f} s wall; "
            f"{int(r.stages['claims'])} claims, {int(r.stages['findings'])} findings):",
            "",
            "| stage | s | share of total |",
            "|---|---:|---:|",
        ]
        for name in stage_order():
            if name in r.stages:
                lines.append(
                    f"| {name.strip() if not name.startswith('  ') else '&nbsp;&nbsp;' + name.strip()} "
                    f"| {r.stages[name]:.2f} | {r.stages[name] / total:.1%} |"
                )
    if r.scale:
        base = r.scale[0]
        lines += [
            "",
            "Copies of the corpus (`--no-cache`, each size in a fresh process; the model load is not counted):",
            "",
            "| copies | articles | claims | candidate pairs | findings | total s | ms / article | linearity | extraction s "
            "| align + rules s | peak RSS MiB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in r.scale:
            if "failed" in row:
                lines.append(f"| {row['multiplier']}x | failed: {row['failed']} ||||||||||")
                continue
            lines.append(
                f"| {row['multiplier']}x | {row['articles']} | {row['claims']} | {row['pairs']} | {row['findings']} | {row['wall']:.1f} "
                f"| {1000 * row['wall'] / row['articles']:.0f} | {linearity(row, base):.2f} | {row['extraction']:.1f} "
                f"| {row['align_rules']:.1f} | {row['peak_rss_mb']:.0f} |"
            )
    if r.story:
        lines += story_markdown(r)
    return "\n".join(lines)


def ratio_rows(r: Results) -> list[tuple[str, str, str, float | None]]:
    rows: list[tuple[str, str, str, float | None]] = []
    if "bare spaCy" in r.rounds:
        rows += [
            ("(a) cold, no cache / bare spaCy", "cold, no cache", "bare spaCy", TARGET_COLD_OVER_BARE),
            ("(a) cold, empty cache / bare spaCy", "cold, empty cache", "bare spaCy", TARGET_COLD_OVER_BARE),
            ("(b) warm / cold, in-process", "warm cache", "cold, empty cache", TARGET_WARM_OVER_COLD),
        ]
    if "CLI cold" in r.rounds:
        rows.append(("(b) warm / cold, CLI subprocess", "CLI warm", "CLI cold", TARGET_WARM_OVER_COLD))
    return rows


def target_text(target: float | None) -> str:
    return f"<= {target}" if target is not None else ""


def verdict_text(value: float, target: float | None) -> str:
    return verdict(value, target) if target is not None else ""


def stage_order() -> list[str]:
    return [
        "ingest",
        "extraction",
        "  spaCy (nlp.pipe)",
        "  time module",
        "  quantities",
        "  claim building (rest)",
        "align + rules",
        "  align (candidate_pairs)",
        "  rules",
    ]


def linearity(row: dict, base: dict) -> float:
    """(time of this size / time of the base size) / (size multiple); 1.0 is linear."""
    return (row["wall"] / base["wall"]) / (row["multiplier"] / base["multiplier"])


def print_summary(results: Results) -> None:
    print()
    if results.rounds or results.scale or results.story:
        print(figures_markdown(results, datetime.date.today().isoformat()))
        print()
    if results.jobs:
        print(jobs_summary(results))
    if results.stages:
        share = results.stages["  time module"] / results.stages["total"]
        print(
            f"(d) time module share of a cold run: {share:.1%}  (target <= {TARGET_TIME_SHARE:.0%}: "
            f"{verdict(share, TARGET_TIME_SHARE)})"
        )
        extraction, align = results.stages["extraction"], results.stages["align + rules"]
        print(
            f"(e) align + rules / extraction: {align / extraction:.3f}  "
            f"(align + rules {align / results.stages['total']:.1%} of total, "
            f"extraction {extraction / results.stages['total']:.1%})"
        )


def write_readme(results: Results) -> None:
    text = README.read_text(encoding="utf-8")
    if FIGURES_START not in text or FIGURES_END not in text:
        raise SystemExit(f"{README} has no figures block ({FIGURES_START} ... {FIGURES_END})")
    head, rest = text.split(FIGURES_START, 1)
    _, tail = rest.split(FIGURES_END, 1)
    block = figures_markdown(results, datetime.date.today().isoformat())
    if results.stages:
        share = results.stages["  time module"] / results.stages["total"]
        extraction, align = results.stages["extraction"], results.stages["align + rules"]
        block += (
            f"\n\n(d) time module share of a cold run: **{share:.1%}** (target <= {TARGET_TIME_SHARE:.0%}: "
            f"{verdict(share, TARGET_TIME_SHARE)}).  \n(e) align + rules / extraction: **{align / extraction:.3f}** "
            f"(align + rules {align / results.stages['total']:.1%} of the run, extraction "
            f"{extraction / results.stages['total']:.1%})."
        )
    README.write_text(f"{head}{FIGURES_START}\n{block}\n{FIGURES_END}{tail}", encoding="utf-8")
    print(f"wrote the figures into {README}")


# -- main ----------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles")
    parser.add_argument(
        "--repeat", type=int, default=None, help="interleaved rounds (default 3; 1 with --quick)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="1x/2x/4x copies instead of 1x/4x/16x; one round"
    )
    parser.add_argument(
        "--rules", type=Path, default=None, help="rules file (default: the repository's rules.toml)"
    )
    parser.add_argument(
        "--only", default="abcdefg", help="sections to run, e.g. 'ab' or 'g' (default all: abcdefg)"
    )
    parser.add_argument(
        "--write-readme", action="store_true", help="write the figures into benchmarks/README.md"
    )
    parser.add_argument("--scale-worker", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    corpus = args.corpus.resolve()
    rules = (args.rules or REPO / "rules.toml").resolve()
    if args.scale_worker is not None:
        scale_worker(args.scale_worker, corpus, rules)
        return
    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    multipliers = (1, 2, 4) if args.quick else (1, 4, 16)
    config = load_config(str(rules))
    load, _ = measure(lambda: extract.load_pipeline(config.settings.model))
    texts = spacy_texts([str(corpus)])
    results = Results(
        command="python3 " + " ".join(["benchmarks/speed.py", *(argv if argv is not None else sys.argv[1:])]),
        corpus=str(args.corpus),
        articles=len(article_files(corpus)),
        paragraphs=len(texts),
        repeat=repeat,
        model_load=load.wall,
    )
    print(
        f"{results.articles} articles, {len(texts)} paragraphs; model {config.settings.model} "
        f"loaded in {load.wall:.1f} s; batch size {config.settings.batch_size}",
        flush=True,
    )
    warm_up(corpus, config)
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as temp:
        scratch = Path(temp)
        if "a" in args.only or "b" in args.only:
            print("(a)/(b) in-process: bare spaCy, cold report, warm report", flush=True)
            in_process_rounds(results, corpus, config, texts, scratch)
        if "b" in args.only:
            print("(b) CLI subprocess: cold, then warm", flush=True)
            subprocess_rounds(results, corpus, rules, scratch)
        if "d" in args.only or "e" in args.only:
            print("(d)/(e) stage breakdown of one cold run", flush=True)
            stage_breakdown(results, corpus, config)
        if "f" in args.only:
            print("(f) --jobs: cold runs (no cache) with -j 1, the default, one and two per core", flush=True)
            jobs_rounds(results, corpus, config)
        if "c" in args.only:
            print(f"(c) copies: {', '.join(f'{m}x' for m in multipliers)} (--no-cache)", flush=True)
            scale_rounds(results, corpus, rules, scratch, multipliers)
        if "g" in args.only:
            sizes = (10, 20, 40, 80, 160) if args.quick else (10, 20, 40, 80, 160, 320)
            print(f"(g) one story of {', '.join(map(str, sizes))} reports (--no-cache)", flush=True)
            story_rounds(results, config, scratch, sizes)
    print_summary(results)
    if args.write_readme:
        write_readme(results)


if __name__ == "__main__":
    main()
