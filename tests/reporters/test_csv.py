import csv
from io import StringIO

from claimcheck.reporters import REPORTERS
from claimcheck.reporters.csv_report import COLUMNS

from .sample_report import SPECIAL


def _rows(text):
    return list(csv.DictReader(StringIO(text)))


def test_csv_has_one_row_per_finding_and_claim(report, options):
    out = REPORTERS["csv"](report, options)
    rows = _rows(out)
    assert len(rows) == 6
    assert list(rows[0]) == list(COLUMNS)
    assert [r["claim_index"] for r in rows] == ["0", "1"] * 3
    assert "\r" not in out


def test_csv_cells_hold_times_quantities_and_special_characters(report, options):
    rows = _rows(REPORTERS["csv"](report, options))
    assert (rows[0]["time_value"], rows[1]["time_value"]) == ("2024-01", "2024-03")
    assert rows[4]["quantity"] == "about 35,000 people"
    assert rows[2]["text"] == SPECIAL
    assert rows[0]["doc"] == "articles/ampère-ipo.md"


def test_csv_adds_a_status_column_under_check(report, check_options):
    rows = _rows(REPORTERS["csv"](report, check_options))
    assert [r["status"] for r in rows] == ["new", "new"] + ["accepted"] * 4


def test_csv_of_no_findings_is_the_header(empty_report, options):
    assert REPORTERS["csv"](empty_report, options) == ",".join(COLUMNS) + "\n"
