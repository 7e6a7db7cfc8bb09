import csv
from io import StringIO

import pytest

from claimcheck.reporters import REPORTERS
from claimcheck.reporters.csv_report import COLUMNS

from .sample_report import CLAIM_A1, SPECIAL, hostile


def _rows(text):
    return list(csv.DictReader(StringIO(text)))


def test_csv_has_one_row_per_finding_with_a_and_b_columns(report, options):
    out = REPORTERS["csv"](report, options)
    rows = _rows(out)
    assert len(rows) == 3
    assert list(rows[0]) == list(COLUMNS)
    assert {"a_text", "b_text", "a_doc", "b_doc", "a_differs", "b_differs"} <= set(COLUMNS)
    assert rows[0]["a_text"] == CLAIM_A1.text
    assert "\r" not in out


def test_csv_numbers_paragraphs_from_one_like_lines(report, options):
    rows = _rows(REPORTERS["csv"](report, options))
    assert rows[0]["a_paragraph"] == str(CLAIM_A1.paragraph + 1)


def test_csv_cells_hold_times_quantities_and_special_characters(report, options):
    rows = _rows(REPORTERS["csv"](report, options))
    assert (rows[0]["a_time_value"], rows[0]["b_time_value"]) == ("2024-01", "2024-03")
    assert rows[2]["a_quantity"] == "about 35,000 people"
    assert rows[1]["a_text"] == SPECIAL
    assert rows[0]["a_doc"] == "articles/ampère-ipo.md"


def test_csv_adds_a_status_column_under_check(report, check_options):
    rows = _rows(REPORTERS["csv"](report, check_options))
    assert [r["status"] for r in rows] == ["new", "accepted", "accepted"]


def test_csv_of_no_findings_is_the_header(empty_report, options):
    assert REPORTERS["csv"](empty_report, options) == ",".join(COLUMNS) + "\n"


@pytest.mark.parametrize(
    "payload",
    [
        '=HYPERLINK("http://x","y")',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
        "\t=1",
        "\r=1",
    ],
)
def test_cells_a_spreadsheet_would_execute_are_neutralised(report, options, payload):
    """Row 7: article text beginning =, +, -, @ was copied as-is into every CSV (OWASP rule)."""
    from claimcheck.reporters import render_claims

    bad = hostile(report, payload)
    for out in (REPORTERS["csv"](bad, options), render_claims(bad.claims, "csv", options)):
        rows = list(csv.reader(StringIO(out)))[1:]
        cells = [cell for row in rows for cell in row]
        assert payload not in cells
        assert "'" + payload.replace("\r", "\n") in cells
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)


def test_numbers_stay_numbers_in_csv(report, options):
    from claimcheck.reporters import render_claims

    out = render_claims(hostile(report, "x", value=-5.0).claims, "csv", options)
    assert ",-5.0," in out
