"""Shared pieces of the benchmarks: corpus copies, the texts spaCy sees, timers, memory.

Nothing here is imported by claimcheck itself; the benchmarks only read its public functions
and, to attribute time to stages, wrap a few of them in place (see :class:`StageTimer`).
"""

from __future__ import annotations

import re
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimcheck import extract
from claimcheck.ingest import SUFFIXES, load_articles

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "contradoc-dev" / "articles"

_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\r?\n")


@dataclass(frozen=True, slots=True)
class Clock:
    """Wall and CPU seconds of one measured call."""

    wall: float
    cpu: float


def measure(call: Callable[[], object]) -> tuple[Clock, object]:
    """Run ``call`` once; its wall time and this process's CPU time (all threads)."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    result = call()
    return Clock(time.perf_counter() - wall0, time.process_time() - cpu0), result


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def spacy_texts(paths: Sequence[str]) -> list[str]:
    """Exactly the paragraph texts ``extract.extract_claims`` hands to ``nlp.pipe``, in order."""
    articles, _ = load_articles(paths)
    return [
        paragraph.text[paragraph.label_end :]
        for article in articles
        for paragraph in article.paragraphs
        if not extract._skip_paragraph(paragraph)
    ]


def article_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def copy_corpus(corpus: Path, dest: Path, copies: int) -> int:
    """``copies`` distinct copies of every article under ``dest``; the number of files written.

    Each copy gets its own front matter line, so it has its own content hash (no cache hit,
    no byte-identical article) while its paragraphs, and so the work of parsing them, are
    those of the original.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    written = 0
    for source in article_files(corpus):
        text = source.read_text(encoding="utf-8")
        for number in range(copies):
            tag = f"copy {number + 1}"
            if _FRONT_MATTER_OPEN.match(text):
                # Keep the article's own front matter (its title and date) and add a key.
                first_break = text.index("\n") + 1
                copied = f"{text[:first_break]}benchmark_copy: {tag}\n{text[first_break:]}"
            else:
                copied = f"---\ntitle: {tag}\n---\n{text}"
            (dest / f"{source.stem}__c{number + 1}{source.suffix}").write_text(copied, encoding="utf-8")
            written += 1
    return written


class StageTimer:
    """Wraps functions in their modules to add up the wall time spent inside them.

    Only the outermost call of a stage counts, so a stage that calls itself (``with_ranges``
    calls ``find_times``) is not counted twice. Call :meth:`restore` to put the originals back.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._depth: dict[str, int] = {}
        self._patched: list[tuple[object, str, object, bool]] = []

    def wrap(self, stage: str, owner: object, name: str) -> None:
        original = getattr(owner, name)
        self.seconds.setdefault(stage, 0.0)
        self.calls.setdefault(stage, 0)
        self._depth.setdefault(stage, 0)

        def timed(*args, **kwargs):
            if self._depth[stage]:
                return original(*args, **kwargs)
            self._depth[stage] += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start
                self.calls[stage] += 1
                self._depth[stage] -= 1

        self._remember(owner, name, original)
        setattr(owner, name, timed)

    def wrap_iterator(self, stage: str, owner: object, name: str) -> None:
        """For a function returning a lazy iterator (``nlp.pipe``): time each ``next``."""
        original = getattr(owner, name)
        self.seconds.setdefault(stage, 0.0)
        self.calls.setdefault(stage, 0)

        def timed(*args, **kwargs) -> Iterator[object]:
            self.calls[stage] += 1
            start = time.perf_counter()
            iterator = iter(original(*args, **kwargs))
            self.seconds[stage] += time.perf_counter() - start
            while True:
                start = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self.seconds[stage] += time.perf_counter() - start
                    return
                self.seconds[stage] += time.perf_counter() - start
                yield item

        self._remember(owner, name, original)
        setattr(owner, name, timed)

    def _remember(self, owner: object, name: str, original: object) -> None:
        own = name in getattr(owner, "__dict__", {})
        self._patched.append((owner, name, original, own))

    def restore(self) -> None:
        for owner, name, original, own in reversed(self._patched):
            if own:
                setattr(owner, name, original)
            else:
                # Set on an instance over its class's method (nlp.pipe): remove it again.
                delattr(owner, name)
        self._patched.clear()
