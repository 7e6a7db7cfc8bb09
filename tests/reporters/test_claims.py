import csv
import json
from io import StringIO

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.reporters import render_claims
from claimcheck.reporters.claims import CSV_COLUMNS
from claimcheck.reporters.records import claim_record

from .sample_report import CLAIMS


def test_claims_json_is_claim_records(options):
    data = json.loads(render_claims(CLAIMS, "json", options))
    assert data == {"schema": "claimcheck.claims/1", "claims": [claim_record(c) for c in CLAIMS]}


def test_claims_csv_has_a_row_per_claim(options):
    rows = list(csv.DictReader(StringIO(render_claims(CLAIMS, "csv", options))))
    assert len(rows) == len(CLAIMS)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert (rows[0]["time_text"], rows[0]["time_value"], rows[0]["source"]) == (
        "January 2024",
        "2024-01",
        "Reuters",
    )
    assert (rows[3]["quantity_text"], rows[3]["quantity_unit"]) == ("about 35,000 people", "employee")


def test_claims_table_groups_by_article(options):
    out = render_claims(list(CLAIMS), "table", options)
    assert "articles/ampère-ipo.md" in out and "articles/wire.md" in out
    assert "Société Nouvelle list the unit" in out
    assert "the unit list [planned]" in out
    assert out.rstrip().endswith("6 claims in 2 articles")


def test_unknown_claims_format_says_what_to_use(options):
    with pytest.raises(ClaimcheckError, match="table, json, csv"):
        render_claims(CLAIMS, "sarif", options)


def test_claims_csv_numbers_paragraphs_from_one_like_lines(options):
    rows = list(csv.DictReader(StringIO(render_claims(CLAIMS, "csv", options))))
    assert [int(r["paragraph"]) for r in rows] == [c.paragraph + 1 for c in CLAIMS]
