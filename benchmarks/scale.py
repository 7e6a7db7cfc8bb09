"""Archive scale (issue 12): time and peak memory of 1k, 4k and 10k generated articles.

Every run is a CLI subprocess (a fresh interpreter, so one size's memory does not carry into
the next) on a corpus from ``corpus.py``:

    sizes        `claimcheck report DIR --no-cache -f json -o FILE` at each size: wall seconds,
                 peak RSS, findings; linearity = (time / articles) / (that of the smallest size)
    incremental  `claimcheck check DIR` cold on an empty cache at the largest size, then again
                 after one new article is added: the second over the first
    dask         `report --scheduler` on a 2-worker LocalCluster against the local run (bytes
                 compared) and extraction on 2 workers against 1
    issue        issue 12's two worst cases: 2,000 articles with few entities, and one 200 KB
                 article of repeated conflicting sentences (`report --no-cache -f json`)
    incremental-daemon (when asked for) the incremental runs, the unchanged and one-new ones
                 through a running `claimcheck daemon` (`python -m claimcheck ... --daemon`)

Peak RSS is ``ru_maxrss`` from ``wait4`` (the largest single process of the run's tree, spaCy
worker processes included) and, sampled every 0.2 s with psutil when installed, the largest
sum over the whole process tree. ``--src DIR`` runs another source tree (a checkout of the
code before a change) with the same corpora, so before and after are measured alike.

    python3 benchmarks/scale.py                          # everything, 1k/4k/10k
    python3 benchmarks/scale.py --sizes 1000,4000 --only sizes
    python3 benchmarks/scale.py --only sizes --rounds 3     # medians of per-round figures
    python3 benchmarks/scale.py --src /tmp/before/src --only sizes,issue
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large import article as repeated_article  # noqa: E402

from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_S = 3600


@dataclass(frozen=True, slots=True)
class Measured:
    """One CLI run: wall and CPU seconds (its process tree), peak RSS of its largest process
    and of its whole tree (MiB)."""

    wall: float
    cpu: float
    rss_mb: float
    tree_mb: float
    returncode: int


def _tree_rss(pid: int) -> float:
    try:
        import psutil
    except ImportError:
        return 0.0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total / (1024 * 1024)


def cli(args: list[str], src: Path, cwd: Path, entry: Sequence[str] = ()) -> Measured:
    """``claimcheck ARGS`` in a fresh interpreter importing claimcheck from ``src``; ``entry``
    replaces the default way in (``-c "from claimcheck.cli import main; main()"``)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, *(entry or ("-c", "from claimcheck.cli import main; main()")), *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            tree_peak[0] = max(tree_peak[0], _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        print(f"  claimcheck {' '.join(args)} exited {process.returncode}: {stderr[-500:]}", file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(wall, cpu, usage.ru_maxrss / 1024, tree_peak[0], process.returncode)


def _findings(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return len(json.load(handle)["findings"])


def sizes_section(
    sizes: list[int], src: Path, scratch: Path, jobs: str, rounds: int = 1
) -> list[dict[str, float]]:
    """Each size once per round, rounds one after the other; each figure is the median of the
    per-round figures (ratios are taken within a round, so a slow moment of the machine
    weighs on both sides of a ratio or on neither)."""
    for size in sizes:
        write_corpus(scratch / f"corpus-{size}", size)
    per_round = [[_one_size(size, src, scratch, jobs) for size in sizes] for _ in range(rounds)]
    for measured in per_round:
        base = measured[0]
        for row in measured:
            row["linearity"] = (row["wall"] / row["articles"]) / (base["wall"] / base["articles"])
            row["cpu_linearity"] = (row["cpu"] / row["articles"]) / (base["cpu"] / base["articles"])
            row["rss_ratio"] = row["rss"] / base["rss"]
    return [
        {key: statistics.median(r[n][key] for r in per_round) for key in per_round[0][n]}
        for n in range(len(sizes))
    ]


def _one_size(size: int, src: Path, scratch: Path, jobs: str) -> dict[str, float]:
    corpus, out = scratch / f"corpus-{size}", scratch / f"report-{size}.json"
    measured = cli(
        ["report", str(corpus), "--no-cache", "-f", "json", "-o", str(out), "-j", jobs], src, scratch
    )
    print(f"  {size} articles: {measured.wall:.1f} s, {measured.rss_mb:.0f} MiB", file=sys.stderr, flush=True)
    return {
        "articles": size,
        "wall": measured.wall,
        "cpu": measured.cpu,
        "rss": measured.rss_mb,
        "tree": measured.tree_mb,
        "findings": _findings(out) if out.exists() else -1,
        "json_mb": out.stat().st_size / 1e6 if out.exists() else 0.0,
    }


def _incremental_setup(
    size: int, scratch: Path, suffix: str, jobs: str, scheduler: Sequence[str] = ()
) -> tuple[Path, Path, Path, Path, list[str]]:
    """A corpus of ``size`` articles with one more held back beside it, and the `check` command
    the incremental runs share: (corpus, held-back article, cache, output, arguments)."""
    corpus = scratch / f"incremental-{size}{suffix}"
    write_corpus(corpus, size + 1)
    newest = sorted(corpus.iterdir())[-1]
    held_back = scratch / newest.name
    shutil.move(newest, held_back)
    cache = corpus.with_name(corpus.name + "-cache")
    # jsonl: what changed is measured, not the rendering of every finding as a table panel
    out = scratch / "check.jsonl"
    args = ["check", str(corpus), "--cache-dir", str(cache), "--exit-zero", "-q", "-f", "jsonl", "-o", str(out)]
    return corpus, held_back, cache, out, [*args, "-j", jobs, *scheduler]


def incremental_section(
    size: int, src: Path, scratch: Path, jobs: str, scheduler: Sequence[str] = ()
) -> dict[str, float]:
    """Cold, warm and one-new-article `check` runs; ``scheduler`` (``--scheduler ADDRESS``)
    runs them on a cluster whose workers keep the spaCy pipeline loaded between runs."""
    corpus, held_back, _, _, args = _incremental_setup(size, scratch, "-dask" if scheduler else "", jobs, scheduler)
    cold = cli(args, src, scratch)
    warm = cli(args, src, scratch)
    shutil.move(held_back, corpus / held_back.name)
    one_new = cli(args, src, scratch)
    return {
        "articles": size,
        "cold": cold.wall,
        "warm": warm.wall,
        "one_new": one_new.wall,
        "cold_cpu": cold.cpu,
        "one_new_cpu": one_new.cpu,
    }


def incremental_daemon_section(size: int, src: Path, scratch: Path, jobs: str) -> dict[str, float]:
    """The incremental runs, the cold one direct, the unchanged and one-new ones through a
    daemon started in between (`python -m claimcheck`, the thin client the console script
    runs). CPU of a daemon run: the client's, plus what the daemon and its worker spent, read
    from the daemon's own and its reaped children's times once the worker is reaped."""
    import psutil

    corpus, held_back, cache, out, args = _incremental_setup(size, scratch, "-daemon", jobs)
    thin = ("-m", "claimcheck")
    cold = cli(args, src, scratch)
    cold_out = out.read_bytes()
    started = cli(["daemon", "start", "--cache-dir", str(cache), "--idle-timeout", "0"], src, scratch, thin)
    with (cache / "daemon.lock").open() as lock:
        daemon = psutil.Process(int(lock.read().strip()))

    def through_daemon() -> tuple[Measured, float]:
        def spent() -> float:
            times = daemon.cpu_times()
            return times.user + times.system + times.children_user + times.children_system

        before = spent()
        measured = cli([*args, "--daemon"], src, scratch, thin)
        time.sleep(3 * 0.5)  # the daemon reaps its worker within its poll interval (0.5 s)
        return measured, spent() - before

    try:
        warm, warm_daemon_cpu = through_daemon()
        identical = out.read_bytes() == cold_out
        shutil.move(held_back, corpus / held_back.name)
        one_new, one_new_daemon_cpu = through_daemon()
    finally:
        cli(["daemon", "stop", "--cache-dir", str(cache)], src, scratch, thin)
    return {
        "articles": size,
        "cold": cold.wall,
        "start": started.wall,
        "warm": warm.wall,
        "one_new": one_new.wall,
        "cold_cpu": cold.cpu,
        "warm_cpu": warm.cpu + warm_daemon_cpu,
        "one_new_cpu": one_new.cpu + one_new_daemon_cpu,
        "identical": identical,
    }


def incremental_dask_section(size: int, src: Path, scratch: Path) -> dict[str, float]:
    """The incremental runs on a 2-worker LocalCluster (wall times: CPU is spent on workers)."""
    from distributed import Client, LocalCluster

    os.environ["PYTHONPATH"] = str(src)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as local_cluster,
        Client(local_cluster) as client,
    ):
        client.run(_load_model)
        return incremental_section(size, src, scratch, "0", ["--scheduler", local_cluster.scheduler_address])


def issue_section(src: Path, scratch: Path, jobs: str) -> list[dict[str, object]]:
    few = scratch / "few-entities-2000"
    write_corpus(few, 2000, few_entities=True)
    large = scratch / "large-200kb"
    large.mkdir()
    (large / "repeated.md").write_text(repeated_article(0.2), encoding="utf-8")
    rows = []
    for name, corpus in (("2,000 articles, few entities", few), ("one 200 KB article", large)):
        out = scratch / f"{corpus.name}.json"
        measured = cli(
            ["report", str(corpus), "--no-cache", "-f", "json", "-o", str(out), "-j", jobs], src, scratch
        )
        rows.append(
            {
                "case": name,
                "wall": measured.wall,
                "rss": measured.rss_mb,
                "tree": measured.tree_mb,
                "findings": _findings(out) if out.exists() else -1,
                "json_mb": out.stat().st_size / 1e6 if out.exists() else 0.0,
            }
        )
        print(f"  {name}: {measured.wall:.1f} s, {measured.rss_mb:.0f} MiB", file=sys.stderr, flush=True)
    return rows


def dask_section(size: int, src: Path, scratch: Path, rounds: int = 1) -> dict[str, object]:
    """Byte-identity of `report --scheduler` on a 2-worker LocalCluster against a local run, and
    the extraction map on 2 workers against 1. Both clusters are up at once, their workers
    have loaded the spaCy pipeline (as a long-lived cluster's have), and the two maps alternate,
    ``rounds`` times; times and the speed-up are medians of the rounds."""
    from distributed import Client, LocalCluster

    sys.path.insert(0, str(src))
    os.environ["PYTHONPATH"] = str(src)  # the workers LocalCluster starts import this tree too
    from claimcheck import cluster
    from claimcheck.config import load_config
    from claimcheck.ingest import load_articles

    corpus = scratch / f"dask-{size}"
    write_corpus(corpus, size)
    local_out, remote_out = scratch / "local.json", scratch / "remote.json"
    args = ["report", str(corpus), "--no-cache", "-f", "json"]
    local = cli([*args, "-o", str(local_out)], src, scratch)
    row: dict[str, object] = {"articles": size, "local": local.wall}
    config = load_config(None)
    articles, _ = load_articles([str(corpus)])
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as two,
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as one,
        Client(two) as on_two,
        Client(one) as on_one,
    ):
        on_two.run(_load_model)
        on_one.run(_load_model)
        timings: dict[str, list[float]] = {"extract 2": [], "extract 1": [], "capacity": []}
        for _ in range(rounds):
            timings["capacity"].append(parallel_capacity())
            for name, client in (("extract 2", on_two), ("extract 1", on_one)):
                start = time.perf_counter()
                sum(len(fresh) for fresh, _ in cluster.extract_on(client, articles, config))
                timings[name].append(time.perf_counter() - start)
            print(
                f"  round: extraction {timings['extract 2'][-1]:.1f} s on 2 workers,"
                f" {timings['extract 1'][-1]:.1f} s on 1",
                file=sys.stderr,
                flush=True,
            )
        remote = cli([*args, "-o", str(remote_out), "--scheduler", two.scheduler_address], src, scratch)
    row.update({name: statistics.median(values) for name, values in timings.items()})
    row["speed-up"] = statistics.median(
        a / b for a, b in zip(timings["extract 1"], timings["extract 2"], strict=True)
    )
    row["rounds"] = rounds
    row["remote"] = remote.wall
    row["identical"] = remote_out.read_bytes() == local_out.read_bytes()
    return row


def parallel_capacity() -> float:
    """What two processes get from this machine right now: the time of one CPU-bound loop
    over that of two run at once, times two (2.0 on two idle cores; less when other jobs run).
    The Dask speed-up cannot exceed it."""
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [1, 1])  # start both processes before timing
        start = time.perf_counter()
        pool.map(_spin, [0])
        one = time.perf_counter() - start
        start = time.perf_counter()
        pool.map(_spin, [0, 0], chunksize=1)
        two = time.perf_counter() - start
    return 2 * one / two


def _spin(warm_up: int) -> None:
    total = 0
    for i in range(1_000 if warm_up else 20_000_000):
        total += i * i


def _load_model() -> None:
    from claimcheck.config import load_config
    from claimcheck.extract import load_pipeline

    load_pipeline(load_config(None).settings.model)


def print_sizes(rows: list[dict[str, float]]) -> None:
    print(
        "| articles | wall s | linearity | CPU s | CPU linearity | peak RSS MiB (largest process)"
        " | vs smallest | tree peak MiB | findings | JSON MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {int(r['articles']):,} | {r['wall']:.1f} | {r['linearity']:.2f} | {r['cpu']:.1f} | {r['cpu_linearity']:.2f}"
            f" | {r['rss']:.0f} | {r['rss_ratio']:.2f} | {r['tree']:.0f} | {int(r['findings']):,} | {r['json_mb']:.1f} |"
        )


def print_incremental(row: dict[str, float]) -> None:
    print(
        "| articles | cold check s | warm, unchanged s | one new article s | one new / cold (wall) | (CPU) |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {row['articles']:,} | {row['cold']:.1f} | {row['warm']:.2f} | {row['one_new']:.2f}"
        f" | {row['one_new'] / row['cold']:.4f} | {row['one_new_cpu'] / row['cold_cpu']:.4f} |"
    )


def print_incremental_daemon(row: dict[str, float]) -> None:
    print(
        "| articles | cold check s | daemon start s | warm, unchanged s | one new article s"
        " | one new / cold (wall) | (CPU) | warm output = cold output |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    print(
        f"| {row['articles']:,} | {row['cold']:.1f} | {row['start']:.2f} | {row['warm']:.2f} | {row['one_new']:.2f}"
        f" | {row['one_new'] / row['cold']:.4f} | {row['one_new_cpu'] / row['cold_cpu']:.4f}"
        f" | {'yes' if row['identical'] else 'NO'} |"
    )


def print_issue(rows: list[dict[str, object]]) -> None:
    print("| case | wall s | peak RSS MiB (largest process) | tree peak MiB | findings | JSON MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['case']} | {r['wall']:.1f} | {r['rss']:.0f} | {r['tree']:.0f} | {r['findings']:,} | {r['json_mb']:.1f} |"
        )


def print_dask(row: dict[str, object]) -> None:
    print(
        "| articles | local run s | --scheduler run s | output byte-identical | extraction, 1 worker s"
        " | 2 workers s | speed-up | machine's 2-process capacity |"
    )
    print("|---:|---:|---:|---|---:|---:|---:|---:|")
    print(
        f"| {row['articles']:,} | {row['local']:.1f} | {row['remote']:.1f} | {'yes' if row['identical'] else 'NO'}"
        f" | {row['extract 1']:.1f} | {row['extract 2']:.1f} | {row['speed-up']:.2f}"
        f" | {row['capacity']:.2f} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,4000,10000")
    parser.add_argument(
        "--only",
        default="sizes,incremental,dask,issue",
        help="sections to run (also: incremental-dask, incremental-daemon)",
    )
    parser.add_argument("--src", type=Path, default=REPO / "src", help="the claimcheck source tree to run")
    parser.add_argument("-j", "--jobs", default="0", help="claimcheck --jobs (default 0: automatic)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds of the sizes and dask sections (medians)"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    sections = set(args.only.split(","))
    print(f"source: {args.src}; sections: {args.only}; sizes: {sizes}", flush=True)
    with tempfile.TemporaryDirectory(prefix="claimcheck-scale-") as tmp:
        scratch = Path(tmp)
        if "sizes" in sections:
            print("\n## Sizes (`report --no-cache -f json`)\n")
            print_sizes(sizes_section(sizes, args.src, scratch, args.jobs, args.rounds))
        if "incremental" in sections:
            print("\n## One new article in a warm corpus (`check`)\n")
            print_incremental(incremental_section(sizes[-1], args.src, scratch, args.jobs))
        if "incremental-daemon" in sections:
            print("\n## One new article in a warm corpus, through a running daemon (`check --daemon`)\n")
            print_incremental_daemon(incremental_daemon_section(sizes[-1], args.src, scratch, args.jobs))
        if "incremental-dask" in sections:
            print("\n## One new article in a warm corpus, on a 2-worker LocalCluster (`check --scheduler`)\n")
            print_incremental(incremental_dask_section(sizes[-1], args.src, scratch))
        if "dask" in sections:
            print("\n## Dask LocalCluster (`report --scheduler`)\n")
            print_dask(dask_section(sizes[0], args.src, scratch, args.rounds))
        if "issue" in sections:
            print("\n## Issue 12's worst cases (`report --no-cache -f json`)\n")
            print_issue(issue_section(args.src, scratch, args.jobs))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
