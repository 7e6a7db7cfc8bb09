from __future__ import annotations

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
