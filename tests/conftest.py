from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck.config import DEFAULT_SOURCE, default_text, parse_config
from claimcheck.pipeline import default_extractor


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/*/expected.json.")


@pytest.fixture(scope="session")
def default_config():
    return parse_config(default_text(), DEFAULT_SOURCE)


@pytest.fixture(scope="session")
def extractor(default_config):
    """Claim extraction with the spaCy model loaded once for the whole test run."""
    return default_extractor(default_config, jobs=1)


SEED_ARTICLE = Path(__file__).parent / "golden" / "seed" / "articles" / "renault-ampere.md"


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    """A claim cache shared by a module's CLI runs, so the seed is parsed once per module."""
    return tmp_path_factory.mktemp("claim-cache")


@pytest.fixture()
def workdir(tmp_path, monkeypatch) -> Path:
    """A project folder holding corpus/seed.md, as the current folder; no GitHub summary set."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED_ARTICLE, tmp_path / "corpus" / "seed.md")
    return tmp_path
