import pytest

from claimcheck.reporters import REPORTERS

FORMATS = ["table", "json", "jsonl", "csv", "markdown", "html", "sarif", "junit", "github"]


def test_every_format_is_registered():
    assert list(REPORTERS) == FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_report_gives_the_same_bytes(fmt, report, options):
    first = REPORTERS[fmt](report, options)
    assert first  # every format says something about a report with findings
    assert REPORTERS[fmt](report, options).encode() == first.encode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_ends_with_a_newline(fmt, report, options):
    assert REPORTERS[fmt](report, options).endswith("\n")
