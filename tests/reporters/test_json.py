import json

from claimcheck.reporters import REPORTERS

from .sample_report import SPECIAL


def test_json_round_trips_with_the_documented_keys(report, options):
    out = REPORTERS["json"](report, options)
    data = json.loads(out)
    assert out.endswith("}\n")
    assert data["schema"] == "claimcheck.report/1"
    assert [f["rule"] for f in data["findings"]] == ["listing-date", "unit-fate", "headcount"]
    assert data["findings"][1]["claims"][0]["text"] == SPECIAL
    assert data["summary"]["findings"] == 3


def test_json_keeps_accented_characters_unescaped(report, options):
    out = REPORTERS["json"](report, options)
    assert "ampère" in out and "Société" in out
    assert "\\u00e8" not in out


def test_jsonl_has_one_finding_per_line(report, options):
    lines = REPORTERS["jsonl"](report, options).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["fingerprint"] for r in records] == ["fp-date-0001", "fp-fate-0002", "fp-head-0003"]
    assert all(len(r["claims"]) == 2 for r in records)


def test_jsonl_marks_status_under_check(report, check_options):
    records = [json.loads(line) for line in REPORTERS["jsonl"](report, check_options).splitlines()]
    assert [r["status"] for r in records] == ["new", "accepted", "accepted"]


def test_jsonl_of_no_findings_is_empty(empty_report, options):
    assert REPORTERS["jsonl"](empty_report, options) == ""
