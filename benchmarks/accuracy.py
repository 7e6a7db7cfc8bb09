#!/usr/bin/env python3
"""Accuracy of claimcheck on the shared evaluation sets, next to published anchors.

    python3 benchmarks/accuracy.py [--shared ../shared] [--corpus corpus]

Runs ``claimcheck report ... --no-cache --format json`` (and ``claimcheck dates`` for the
time-expression set) in subprocesses, scores each output with the shared scorers, and prints
one table. Exit 0 whatever the figures: this measures, it does not gate (the scorers'
own ``--min-*`` options do that).

Sets: the seed corpus against its gold (score.py), newsdev (score.py), contradoc-dev
(score_docs.py: located recall, false-alarm rate) and timex-dev (score_timex.py: value F1).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ANCHORS = {
    "seed": "gold pairs; keep all found, 0 negatives violated",
    "newsdev": "gold pairs; keep all found, 0 negatives violated",
    "contradoc-dev": "GPT-4 judge-then-find: locates ~1/3 of contradictory docs at 88% precision, flags ~1/5 of docs",
    "timex-dev": "TempEval-3 value F1: HeidelTime 0.776, SUTime 0.674, human 0.88",
    "cross-source": "project-written reports from several outlets (tests/golden); no outside anchor",
    "domains": "project-written articles in other domains (tests/golden); no outside anchor",
    "heldout": "written without reading the code (tests/golden); first run: recall 3/14, precision 0.75",
    "heldout2": "written without reading the code, after the heldout fixes; first run: recall 1/16",
    "heldout3": "written without reading the code; first run 0/16; a regression check since the events work",
    "blind1": "written without reading the code before the events work; first run 2/50 (precision 2/3)",
    "blind2": "written sealed; first run 5/44, precision 5/10; a regression check since",
    "blind3": "written sealed; first run 0/43, nothing flagged; a regression check since",
    "blind4": "written sealed, run once at the end of the events work, never used to change it",
    "blind5": "written sealed, run once after the events work (4/44, precision 5/8); a regression check since",
    "blind6": "written sealed; first run 3/61, precision 3/4, before profiles; a regression check since",
    "blind7": "written sealed; first run 5/70, precision 6/8; a regression check since",
    "blind8": "written sealed; first run 4/70, precision 4/7; a regression check since",
    "blind9": "written sealed; first run 5/64, precision 5/8; a regression check since",
    "blind10": "written sealed, run once after the last change; first run 7/43, precision 7/11",
    "blind11": "written sealed; first run 1/56, precision 2/4; a regression check since",
    "blind12": "written sealed; first run 7/60, precision 7/9; a regression check since",
    "blind13": "written sealed; first run 5/51, precision 5/6; a regression check since",
    "blind14": "written sealed; first run (after the story-slot work) 13/73, precision 14/30, 2 violated; a regression check since",
    "blind15": "written sealed; first run 11/84, precision 11/19; a regression check since",
    "blind16": "written sealed; first run 4/70, precision 4/7, 2 violated; a regression check since",
    "blind17": "written sealed; first run 7/82, precision 7/16; a regression check since",
    "blind18": "written sealed, run once after the fifth session's last change: 16/83, precision 11/17, 9 violated; not studied",
    "blind19": "written sealed; first run (sixth session's starting code) 1/65, precision 1/5, 2 violated; studied since",
    "blind20": "written sealed; first run (d5af12b, mid sixth session) 4/66, precision 4/9, 3 violated; studied since",
    "blind21": "written sealed; first run (50b1ac0, late sixth session) 8/69, precision 8/11, 0 violated; studied since",
    "blind22": "written sealed, run once on the sixth session's final code (81735c1), never used to change it: 3/66, precision 3/6, 2 violated; the held-out figure then",
    "blind23": "written sealed; first run (seventh session's starting code fc4af1c) 9/85, precision 9/11, 0 violated; studied since",
    "blind24": "written sealed, run once on the seventh session's code after its changes: 7/68, precision 7/8, 0 violated; studied in the eighth session",
    "blind25": "written sealed, run once on the seventh session's code (5406942): 12/84, precision 12/17, 0 violated (starting code: 12/84, 12/18); studied since",
    "blind26": "written sealed, run once on 54fa865: 14/89, precision 15/20, 1 violated (starting code fc4af1c: 13/89, 14/19, 1); studied since",
    "blind27": "written sealed, run once on the seventh session's final code (610e13c): 13/57, precision 12/16, 2 violated (starting code: the same); studied since",
    "blind28": "written sealed, run once on the eighth session's code after its story changes: 25/119, precision 24/28, 2 violated (starting code 12afe86: the same); held out",
    "blind29": "written sealed, run once on the eighth session's final code (dc983be): 21/85, precision 19/21, 2 violated (starting code 12afe86: the same); held out",
    "blind30": "written sealed, run once on the eighth session's final code (0d583a2): 15/95, precision 14/21, 1 violated (starting code 12afe86: the same); the held-out figure",
}
GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    figures: str
    ok: bool


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _claimcheck(args: list[str], output: Path) -> str | None:
    """Run claimcheck; None when it worked (exit 0 clean or 1 findings), else its stderr."""
    done = _run(["claimcheck", *args, "--format", "json", "--output", str(output)])
    if done.returncode not in (0, 1) or not output.exists():
        lines = (done.stderr or done.stdout or f"exit {done.returncode}").strip().splitlines()
        return lines[-1] if lines else f"exit {done.returncode}"
    return None


def _score(scorer: Path, gold: Path, produced: Path) -> tuple[str, bool]:
    done = _run([sys.executable, str(scorer), str(gold), str(produced), "--quiet"])
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return (lines[-1] if lines else done.stderr.strip()), done.returncode == 0


def report_set(name: str, articles: Path, gold: Path, scorer: Path, work: Path) -> Result:
    if not articles.exists() or not gold.exists():
        return Result(name, f"skipped: {articles} or {gold} missing", False)
    output = work / f"{name}.json"
    error = _claimcheck(["report", str(articles), "--no-cache"], output)
    if error:
        return Result(name, f"claimcheck failed: {error}", False)
    figures, ok = _score(scorer, gold, output)
    return Result(name, figures, ok)


def timex_set(shared: Path, work: Path) -> Result:
    base = shared / "eval" / "timex-dev"
    output = work / "timex-dev.json"
    if not (base / "articles").exists():
        return Result("timex-dev", "skipped: no articles", False)
    error = _claimcheck(["dates", str(base / "articles")], output)
    if error:
        return Result("timex-dev", f"claimcheck failed: {error}", False)
    figures, ok = _score(shared / "eval" / "score_timex.py", base / "gold.jsonl", output)
    return Result("timex-dev", figures, ok)


def _compact(figures: str) -> str:
    return re.sub(r"\s+", " ", figures)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", type=Path, help="the shared folder (eval/, gold/)")
    parser.add_argument("--corpus", default="corpus", type=Path, help="the seed corpus folder")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    evals = shared / "eval"
    with tempfile.TemporaryDirectory(prefix="claimcheck-accuracy-") as tmp:
        work = Path(tmp)
        results = [
            report_set(
                "seed", args.corpus, shared / "gold" / "renault-ampere.json", evals / "score.py", work
            ),
            report_set(
                "newsdev",
                evals / "newsdev" / "articles",
                evals / "newsdev" / "gold.json",
                evals / "score.py",
                work,
            ),
            report_set(
                "contradoc-dev",
                evals / "contradoc-dev" / "articles",
                evals / "contradoc-dev" / "labels.json",
                evals / "score_docs.py",
                work,
            ),
            timex_set(shared, work),
            *(
                report_set(
                    name, GOLDEN / name / "articles", GOLDEN / name / "gold.json", evals / "score.py", work
                )
                for name in (
                    "cross-source",
                    "domains",
                    "heldout",
                    "heldout2",
                    "heldout3",
                    "blind1",
                    "blind2",
                    "blind3",
                    "blind4",
                    "blind5",
                    "blind6",
                    "blind7",
                    "blind8",
                    "blind9",
                    "blind10",
                    "blind11",
                    "blind12",
                    "blind13",
                    "blind14",
                    "blind15",
                    "blind16",
                    "blind17",
                    "blind18",
                    "blind19",
                    "blind20",
                    "blind21",
                    "blind22",
                    "blind23",
                    "blind24",
                    "blind25",
                    "blind26",
                    "blind27",
                    "blind28",
                    "blind29",
                    "blind30",
                )
            ),
        ]
    width = max(len(r.name) for r in results)
    print(f"{'set':<{width}}  figures  |  anchor")
    print("-" * 100)
    for result in results:
        print(f"{result.name:<{width}}  {_compact(result.figures)}")
        print(f"{'':<{width}}    anchor: {ANCHORS[result.name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
