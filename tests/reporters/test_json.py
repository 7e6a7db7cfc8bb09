import json

from claimcheck.reporters import REPORTERS

from .sample_report import SPECIAL, hostile


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


def _strict(text: str):
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_is_strict_when_a_value_overflows_a_float(report, options):
    """Row 8: a number that overflows a float came out as `"value": Infinity`, invalid JSON."""
    from claimcheck.reporters import render_claims

    bad = hostile(report, "9" * 320 + " workers", value=float("inf"))
    record = _strict(REPORTERS["json"](bad, options))
    values = [c["quantity"]["value"] for f in record["findings"] for c in f["claims"] if c["quantity"]]
    assert values and all(v is None for v in values)
    for line in REPORTERS["jsonl"](bad, options).splitlines():
        _strict(line)
    _strict(REPORTERS["sarif"](bad, options))
    _strict(render_claims(bad.claims, "json", options))


def test_a_float_overflow_in_an_article_is_no_quantity():
    from claimcheck.quantities import find_quantities

    found = find_quantities("The plant hired " + "9" * 320 + " workers and 40 engineers.")
    assert [q.value for q in found] == [40]


def test_streamed_json_is_the_document_json_dumps_gives(report, empty_report, options, check_options):
    from claimcheck.reporters import STREAMS
    from claimcheck.reporters.records import report_record

    for shown, opts in ((report, options), (report, check_options), (empty_report, options)):
        whole = json.dumps(
            report_record(shown, opts.new_fingerprints), ensure_ascii=False, allow_nan=False, indent=2
        )
        pieces = list(STREAMS["json"](shown, opts))
        assert "".join(pieces) == whole + "\n"
        assert len(pieces) == len(shown.findings) + 2
