"""Running on a Dask distributed cluster: ``--scheduler ADDRESS``.

Extraction is a map over partitions of articles: each task parses one partition with the
spaCy pipeline its worker process loaded once (``extract.load_pipeline`` is cached per
process) and returns the claims, which the client stores (the claim cache, or a temporary
file) as partitions complete. Stories are found on the client from the articles' profiles,
a few hundred bytes each; batches of stories go to the workers with their claims, are
aligned and checked there, and their findings come back and are sorted as a local run sorts
them, so the output is byte-identical to a run without ``--scheduler``.

What crosses the network: the articles' text (out), their claims (back, then out again with
their story) and the findings (back). Workers need claimcheck and the spaCy pipeline
installed, not the files. Dask is an optional dependency (``claimcheck[dask]``), imported
only here, only when a scheduler is given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from claimcheck.config import Config
from claimcheck.errors import ClaimcheckError
from claimcheck.model import Article, Claim, FileProblem, Finding, Severity

if TYPE_CHECKING:
    from claimcheck.pipeline import StoryChecker, StoryWork

PARTITION_PARAGRAPHS = 400  # paragraphs per extraction task: enough to keep a worker busy
STORY_BATCH_CLAIMS = 4_000  # claims per rules task
IN_FLIGHT_PER_WORKER = 4  # rules tasks submitted ahead per worker, so memory stays bounded


def connect(address: str):  # -> distributed.Client
    """A client of the scheduler at ``address``; a one-line error when Dask is missing or the
    scheduler cannot be reached."""
    try:
        from distributed import Client
    except ImportError:
        raise ClaimcheckError(
            "--scheduler needs Dask: install it with pip install 'claimcheck[dask]'"
        ) from None
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClaimcheckError(
            f"cannot reach the Dask scheduler at {address} ({err}); start one with `dask scheduler` "
            "and workers with `dask worker ADDRESS`, or check the address"
        ) from None


def extract_on(
    client, articles: Sequence[Article], config: Config
) -> Iterator[tuple[dict[str, tuple[Claim, ...]], tuple[FileProblem, ...]]]:
    """Claims of ``articles`` extracted on the cluster, a partition at a time as each finishes:
    (claims per article path, articles extraction failed on)."""
    from distributed import as_completed

    from claimcheck.pipeline import article_groups

    futures = client.map(
        _extract_partition, list(article_groups(articles, PARTITION_PARAGRAPHS)), config=config, pure=False
    )
    completed = as_completed(futures, loop=client.loop)
    del futures[:]  # held by as_completed only, so each result is freed once read
    for future in completed:
        yield future.result()


def _extract_partition(
    articles: tuple[Article, ...], config: Config
) -> tuple[dict[str, tuple[Claim, ...]], tuple[FileProblem, ...]]:
    """On a worker: one partition, with one spaCy process (the worker is the parallelism)."""
    from claimcheck.pipeline import default_extractor, extract_each_failure_apart

    return extract_each_failure_apart(default_extractor(config, jobs=1), articles)


def checker(client, config: Config, min_severity: Severity) -> StoryChecker:
    """A ``pipeline.StoryChecker`` that sends batches of stories to the workers, a few per
    worker ahead, and yields each story's findings in the order asked."""
    ahead = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))

    def check_all(work: Iterable[StoryWork]) -> Iterator[list[Finding]]:
        pending: deque = deque()
        for batch in _batches(work):
            pending.append(client.submit(_check_batch, batch, config, min_severity, pure=False))
            if len(pending) >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    return check_all


def _batches(work: Iterable[StoryWork]) -> Iterator[tuple[StoryWork, ...]]:
    """Consecutive stories of about STORY_BATCH_CLAIMS claims in all."""
    from claimcheck.pipeline import consecutive_groups

    return consecutive_groups(work, lambda story: len(story.claims), STORY_BATCH_CLAIMS)


def _check_batch(batch: Sequence[StoryWork], config: Config, min_severity: Severity) -> list[list[Finding]]:
    """On a worker: each story of a batch aligned and checked."""
    from claimcheck.pipeline import check_story

    lexicon = _lexicon(config)
    return [check_story(story, lexicon, config, min_severity) for story in batch]


@cache
def _lexicon(config: Config):
    """The lexicon a worker builds once per configuration."""
    from claimcheck.pipeline import build_lexicon

    return build_lexicon(config)
