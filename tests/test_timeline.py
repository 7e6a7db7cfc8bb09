"""`claimcheck dates`: the time expressions of whole articles, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
from io import StringIO

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.timeline import CSV_COLUMNS

runner = CliRunner()


def test_dates_csv_has_the_json_records_as_rows(workdir):
    as_json = json.loads(runner.invoke(app, ["dates", "--format", "json"]).stdout)["mentions"]
    result = runner.invoke(app, ["dates", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(StringIO(result.stdout)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(as_json)
    late = next(r for r in rows if r["text"] == "late 2023")
    assert (late["earliest"], late["latest"], late["granularity"]) == ("2023-09-01", "2023-12-31", "year")
