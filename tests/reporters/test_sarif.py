import json
from pathlib import Path

import jsonschema
import pytest

from claimcheck.reporters import REPORTERS
from claimcheck.reporters.sarif import artifact_uri

SCHEMA_PATH = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def _run(report, options):
    return json.loads(REPORTERS["sarif"](report, options))["runs"][0]


@pytest.mark.parametrize("mode", ["report", "check", "empty"])
def test_sarif_validates_against_the_schema(validator, report, empty_report, options, check_options, mode):
    given = {"report": (report, options), "check": (report, check_options), "empty": (empty_report, options)}
    log = json.loads(REPORTERS["sarif"](*given[mode]))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_sarif_rules_come_from_the_options_then_the_findings(report, options):
    driver = _run(report, options)["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("claimcheck", "9.9.9")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["listing-date", "unit-fate", "unused-rule", "headcount"]
    headcount = driver["rules"][3]
    assert headcount["defaultConfiguration"] == {"level": "note"}
    assert headcount["properties"]["kind"] == "quantity-mismatch"


def test_sarif_results_have_fingerprints_levels_and_a_region_per_claim_second_one_related(report, options):
    run = _run(report, options)
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for result, finding in zip(results, report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["partialFingerprints"] == {"claimcheck/v1": finding.fingerprint}
        # the first sentence is the result's location, the other in relatedLocations
        assert len(result["locations"]) == 1 and len(result["relatedLocations"]) == len(finding.claims) - 1
        assert [r["id"] for r in result["relatedLocations"]] == list(range(1, len(finding.claims)))
        places = result["locations"] + result["relatedLocations"]
        for location, claim in zip(places, finding.claims, strict=True):
            region = location["physicalLocation"]["region"]
            assert (region["startLine"], region["startColumn"]) == (claim.line, claim.column)
            assert (region["charOffset"], region["charLength"]) == (claim.start, claim.end - claim.start)
            assert region["snippet"]["text"] == claim.text
    first = results[0]["locations"] + results[0]["relatedLocations"]
    assert first[0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/amp%C3%A8re-ipo.md"
    assert first[1]["physicalLocation"]["artifactLocation"]["uri"] == "articles/wire.md"
    assert "baselineState" not in results[0]


def test_sarif_reports_unreadable_files_as_notifications(report, options):
    notes = _run(report, options)["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/broken.md"


def test_sarif_baseline_state_under_check(report, check_options):
    states = [r["baselineState"] for r in _run(report, check_options)["results"]]
    assert states == ["new", "unchanged", "unchanged"]


def test_artifact_uri_is_relative_posix_or_a_file_uri():
    assert artifact_uri("news/a b.md") == "news/a%20b.md"
    assert artifact_uri("/srv/news/a.md") == "file:///srv/news/a.md"
