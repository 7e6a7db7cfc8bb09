from claimcheck.reporters import REPORTERS
from claimcheck.reporters.markdown import escape_cell


def _table_rows(text):
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Severity")]


def test_markdown_has_a_heading_summary_and_one_row_per_finding(report, options):
    out = REPORTERS["markdown"](report, options)
    assert out.startswith("## claimcheck report\n")
    assert "3 findings (1 error, 1 warning, 1 info) in 2 articles, 6 claims" in out
    assert "`articles/broken.md`" in out
    rows = _table_rows(out)
    assert len(rows) == 3
    assert rows[0].startswith("| error | listing-date | `articles/ampère-ipo.md:3:1` |")
    assert "**January 2024**" in rows[0] and "**March 2024**" in rows[0]


def test_markdown_escapes_pipes_so_every_row_keeps_seven_cells(report, options):
    rows = _table_rows(REPORTERS["markdown"](report, options))
    special = rows[1]
    assert "\\|" in special
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in special and "<b>" not in special
    for row in rows:
        unescaped = row.replace("\\|", "")
        assert unescaped.count("|") == 8  # 7 cells


def test_escape_cell_flattens_newlines_and_markup():
    assert escape_cell("a | b\nc *d* <e>") == "a \\| b c \\*d\\* &lt;e&gt;"


def test_markdown_without_findings_has_no_table(empty_report, options):
    out = REPORTERS["markdown"](empty_report, options)
    assert "No discrepancies found in 2 articles (6 claims)." in out
    assert "|" not in out


def test_control_characters_never_reach_markdown(report, options):
    """Row 19: NUL and control characters after the first 8 KiB reached markdown."""
    import re

    from .sample_report import hostile

    out = REPORTERS["markdown"](hostile(report, "A\x00B\x1b[31mC\x07D\x7fE"), options)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", out)
