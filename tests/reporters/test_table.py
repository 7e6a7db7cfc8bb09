from dataclasses import replace

from claimcheck.reporters import REPORTERS

from .sample_report import CLAIM_A4, CLAIM_B2, FINDINGS, SPECIAL


def _squeeze(text):
    """The table's text with box drawing and layout whitespace removed, for word-order checks."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def test_table_shows_locations_sentences_and_summary(report, options):
    out = REPORTERS["table"](report, options)
    assert "\x1b[" not in out  # no colour asked, none given
    assert max(len(line) for line in out.splitlines()) <= 100
    for claim in (CLAIM_A4, CLAIM_B2):  # short enough to sit on one line of a 100-column table
        assert claim.text in out
        assert f"{claim.doc}:{claim.line}:{claim.column}" in out
    assert "error listing-date (date-conflict)" in out
    assert "warning unit-fate (exclusive-events)" in out
    assert out.rstrip().endswith(
        "3 findings (1 error, 1 warning, 1 info) in 2 articles, 6 claims; 1 file could not be read"
    )


def test_table_lists_problems_first(report, options):
    out = REPORTERS["table"](report, options)
    assert out.splitlines()[0].startswith("warning: articles/broken.md: not valid UTF-8")


def test_table_keeps_long_sentences_whole_when_wide(report, options):
    out = REPORTERS["table"](report, replace(options, width=220))
    assert SPECIAL in out
    assert "Société Nouvelle said it would list the unit in January 2024." in out


def test_table_names_the_differing_part_without_colour(report, options):
    out = REPORTERS["table"](report, options)
    assert "differs: January 2024" in out
    assert "differs: reintegrate" in out


def test_table_claims_are_side_by_side(report, options):
    lines = REPORTERS["table"](report, options).splitlines()
    both = [line for line in lines if "articles/ampère-ipo.md:3:1" in line]
    assert len(both) == 1 and "articles/wire.md:5:12" in both[0]


def test_table_in_colour_highlights_the_difference(report, options):
    out = REPORTERS["table"](report, replace(options, color=True))
    assert "\x1b[" in out
    assert "differs: January" not in out
    assert "reintegrate" in out


def test_table_marks_new_and_accepted_under_check(report, check_options):
    out = REPORTERS["table"](report, check_options)
    assert "listing-date (date-conflict) [new]" in out
    assert "unit-fate (exclusive-events) [accepted]" in out
    assert "1 new, 2 accepted by the baseline" in _squeeze(out)


def test_table_all_clear(empty_report, options):
    out = REPORTERS["table"](empty_report, options)
    assert out.strip() == "No discrepancies found in 2 articles (6 claims)."


def test_table_with_three_claims_in_a_narrow_terminal(report, options):
    three = replace(FINDINGS[2], claims=(*FINDINGS[2].claims, FINDINGS[0].claims[0]))
    out = REPORTERS["table"](replace(report, findings=(three,), problems=()), replace(options, width=80))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "articles/ampère-ipo.md:3:1" in out
    assert out.rstrip().endswith("1 finding (0 errors, 0 warnings, 1 info) in 2 articles, 6 claims")


def test_table_shows_markup_literally_and_drops_terminal_escapes(report, options):
    odd = replace(FINDINGS[2], message="[bold]not markup[/bold] \x1b[2J")
    out = REPORTERS["table"](replace(report, findings=(odd,)), options)
    assert "[bold]not markup[/bold]" in out
    assert "\x1b" not in out


def test_findings_across_articles_name_the_outlet_and_date(report):
    import dataclasses
    from datetime import date

    from claimcheck.reporters import ReportOptions
    from claimcheck.reporters.table import render

    finding = report.findings[0]
    a, b = finding.claims[:2]
    a = dataclasses.replace(a, doc="wire-a.md", outlet="Harbour Wire", published=date(2025, 3, 4))
    b = dataclasses.replace(b, doc="daily-b.md", outlet="Evening Daily", published=date(2025, 3, 5))
    crossed = dataclasses.replace(report, findings=(dataclasses.replace(finding, claims=(a, b)),))
    text = render(crossed, ReportOptions(width=120))
    assert "reported by: Harbour Wire, 2025-03-04" in text
    assert "reported by: Evening Daily, 2025-03-05" in text
