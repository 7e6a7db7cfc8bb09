"""--scheduler: the same report from a Dask LocalCluster as from a local run."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import cluster
from claimcheck.cli import app

GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler():
    """Two workers in threads of this process, which has the spaCy pipeline loaded already."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    for scenario in ("newsdev", "cross-source"):
        shutil.copytree(GOLDEN / scenario / "articles", folder / scenario)
    return folder


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_cluster_run_gives_the_bytes_of_a_local_run(scheduler, corpus, tmp_path, fmt, monkeypatch):
    monkeypatch.setattr(cluster, "PARTITION_PARAGRAPHS", 20)  # several partitions and batches
    monkeypatch.setattr(cluster, "STORY_BATCH_CLAIMS", 50)
    local, remote = tmp_path / f"local.{fmt}", tmp_path / f"remote.{fmt}"
    args = ["report", str(corpus), "--no-cache", "-f", fmt, "-j", "1"]
    assert runner.invoke(app, [*args, "-o", str(local)]).exit_code == 0
    result = runner.invoke(app, [*args, "-o", str(remote), "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    assert remote.read_bytes() == local.read_bytes()


def test_a_cached_cluster_run_fills_the_cache_a_local_run_then_uses(scheduler, corpus, tmp_path):
    cache = tmp_path / "cache"
    args = ["check", str(corpus), "--cache-dir", str(cache), "-f", "json", "--exit-zero"]
    first = runner.invoke(app, [*args, "--scheduler", scheduler])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, args)
    assert second.stdout == first.stdout


def test_an_unreachable_scheduler_is_a_one_line_error(corpus):
    pytest.importorskip("distributed")
    result = runner.invoke(app, ["report", str(corpus), "--no-cache", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_without_dask_the_scheduler_option_says_what_to_install(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # "import distributed" fails
    result = runner.invoke(app, ["report", str(corpus), "--no-cache", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "--scheduler needs Dask: install it with pip install 'claimcheck[dask]'" in result.stderr
