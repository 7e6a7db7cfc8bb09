"""Messages that read right (issue 11, item 10): rules.matching.render_message, when and
surface_form, and the messages the pipeline gives for articles that once read wrong."""

from __future__ import annotations

from datetime import date

import pytest

from claimcheck import pipeline
from claimcheck.model import Claim, Granularity, TimeMention, TimeValue
from claimcheck.pipeline import RunOptions
from claimcheck.rules.matching import render_message, surface_form, when


def test_an_empty_leading_value_leaves_no_dangling_colon():
    message = render_message(
        "{attribute}: {a} in one place, {b} in another", attribute="", a="€42 million", b="€45 million"
    )
    assert message == "€42 million in one place, €45 million in another"


def test_a_figure_that_began_its_sentence_is_not_capitalised_mid_message():
    message = render_message(
        "{attribute}: {a} in one place, {b} in another", attribute="staff", a="About 11,000", b="14,000"
    )
    assert message == "staff: about 11,000 in one place, 14,000 in another"
    quoted = render_message("asserted and denied: '{a}' vs '{b}'", a="The cuts will affect 40 jobs", b="x")
    assert "'The cuts will affect 40 jobs'" in quoted
    opening = render_message("{subject}: '{a}'", subject="The concert", a="went ahead")
    assert opening.startswith("The concert:")


def _mention(text: str, earliest: date | None, latest: date | None, granularity: Granularity) -> TimeMention:
    return TimeMention(0, len(text), text, TimeValue("DATE", "x", None, earliest, latest, granularity))


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "granularity", "shown"),
    [
        ("Tuesday", date(2025, 3, 4), date(2025, 3, 4), Granularity.DAY, "Tuesday (4 March 2025)"),
        ("March 6", date(2025, 3, 6), date(2025, 3, 6), Granularity.DAY, "March 6"),
        ("last month", date(2025, 2, 1), date(2025, 2, 28), Granularity.MONTH, "last month (February 2025)"),
        ("last year", date(2024, 1, 1), date(2024, 12, 31), Granularity.YEAR, "last year (2024)"),
        ("Sunday", None, None, Granularity.DAY, "Sunday"),
        ("January 2024", date(2024, 1, 1), date(2024, 1, 31), Granularity.MONTH, "January 2024"),
    ],
)
def test_relative_dates_are_quoted_with_the_date_they_resolve_to(text, earliest, latest, granularity, shown):
    assert when(_mention(text, earliest, latest, granularity)) == shown


def test_surface_form_keeps_the_particle_the_lemma_lost():
    claim = Claim(
        doc="a.md", paragraph=0, line=1, column=1, start=0, end=10, text="The concert went ahead on Saturday."
    )
    assert surface_form(claim, "go") == "went ahead"
    plain = Claim(
        doc="a.md", paragraph=0, line=1, column=1, start=0, end=10, text="The concert went on Saturday."
    )
    assert surface_form(plain, "go") == "went"


ARTICLE = """---
published: 2025-03-06
---
The concert went ahead on Saturday, organisers said.

The concert was cancelled on Saturday.

The stadium opened on March 6.

The stadium opened on Tuesday.

The city paid €42 million.

The city paid €45 million.

An IPO planned for 2024 was scrapped.

The firm postponed the IPO in January 2024.
"""


def test_messages_of_findings_read_right(tmp_path, default_config, extractor):
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    report = pipeline.run([str(path)], default_config, RunOptions(), extractor)
    messages: dict[str, list[str]] = {}
    for finding in report.findings:
        messages.setdefault(finding.rule, []).append(finding.message)
    assert any("'went ahead'" in m for m in messages["schedule"])
    assert not any("postponed event is still planned" in m for m in messages["schedule"])
    assert any("Tuesday (4 March 2025)" in m for m in messages["date-conflict"])
    # without an attribute, "€42 million in one place ..."; never ": €42 million"
    assert messages["number-conflict"] and not any(m.startswith(":") for m in messages["number-conflict"])
    assert any("2024 (the plan)" in m for m in messages["date-granularity"])
