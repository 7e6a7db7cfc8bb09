"""Machine formats end to end through the CLI: `export`, SARIF, JUnit and GitHub annotations."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

HERE = Path(__file__).parent
SARIF_SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
CLEAN_TEXT = (
    "---\ntitle: Local bakery expands\n---\n"
    "The bakery opened a second shop in March 2024.\n\n"
    "It employs 12 people and sells bread every day.\n"
)
SEED_FINDINGS = 5  # 3 warnings, 2 info
SEED_WARNINGS = 3

runner = CliRunner()


@pytest.fixture()
def workdir(workdir: Path) -> Path:
    """The seed plus a consistent article."""
    (workdir / "corpus" / "bakery.md").write_text(CLEAN_TEXT, encoding="utf-8")
    return workdir


@pytest.fixture()
def cli(shared_cache):
    def invoke(*args: str):
        return runner.invoke(app, [*args, "--cache-dir", str(shared_cache)], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_export_writes_every_table(workdir, cli):
    out = workdir / "out"
    result = cli("export", "corpus", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    names = {"findings.csv", "findings.json", "findings.md", "findings.html", "claims.csv", "claims.json"}
    assert {p.name for p in out.iterdir()} == names
    assert "Wrote findings.csv, findings.json" in result.stderr

    report = cli("report", "corpus", "--format", "json")
    assert (out / "findings.json").read_text(encoding="utf-8") == report.stdout
    findings = json.loads(report.stdout)["findings"]
    assert len(findings) == SEED_FINDINGS

    rows = list(csv.DictReader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8"))))
    # one row per finding, its claims in A and B columns
    assert [row["fingerprint"] for row in rows] == [f["fingerprint"] for f in findings]
    assert {row["a_doc"] for row in rows} == {row["b_doc"] for row in rows} == {"corpus/seed.md"}
    assert [int(row["a_paragraph"]) for row in rows] == [f["claims"][0]["paragraph"] + 1 for f in findings]

    markdown = (out / "findings.md").read_text(encoding="utf-8")
    assert markdown.startswith("## claimcheck report") and "| Severity | Rule |" in markdown
    html = (out / "findings.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "corporate-structure" in html

    claims = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    assert claims["schema"] == "claimcheck.claims/1"
    assert {c["doc"] for c in claims["claims"]} == {"corpus/bakery.md", "corpus/seed.md"}
    claim_rows = list(csv.DictReader(io.StringIO((out / "claims.csv").read_text(encoding="utf-8"))))
    assert len(claim_rows) == len(claims["claims"])


def test_sarif_validates_against_the_schema(workdir, cli, sarif_validator):
    result = cli("report", "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    assert [f"{list(e.path)}: {e.message}" for e in sarif_validator.iter_errors(log)] == []
    (run,) = log["runs"]
    assert len(run["results"]) == SEED_FINDINGS
    assert {r["ruleId"] for r in run["results"]} == {"corporate-structure", "schedule", "date-granularity"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"corpus/seed.md"}


def test_check_writes_sarif_to_a_file_and_keeps_its_exit_code(workdir, cli, sarif_validator):
    # what the GitHub Action's upload step relies on
    result = cli("check", "--format", "sarif", "--output", "out/claimcheck.sarif")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "3 new findings (3 warnings)" in result.stderr
    log = json.loads((workdir / "out" / "claimcheck.sarif").read_text(encoding="utf-8"))
    assert list(sarif_validator.iter_errors(log)) == []
    states = [r.get("baselineState") for r in log["runs"][0]["results"] if r["level"] == "warning"]
    assert states == ["new"] * SEED_WARNINGS


def test_junit_has_one_testcase_per_article(workdir, cli):
    result = cli("report", "--format", "junit")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"corpus/bakery.md", "corpus/seed.md"}
    assert cases["corpus/bakery.md"].find("failure") is None
    failure = cases["corpus/seed.md"].find("failure")
    assert failure is not None and set(failure.get("type").split(",")) == {"corporate-structure", "schedule"}
    (suite,) = root.iter("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")


def test_github_annotations(workdir, cli):
    result = cli("report", "--format", "github")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    findings = json.loads(cli("report", "--format", "json").stdout)["findings"]
    assert len(lines) == len(findings) == SEED_FINDINGS
    assert all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert sum(line.startswith("::warning file=corpus/seed.md,") for line in lines) == SEED_WARNINGS
    assert (
        sum(line.startswith("::notice file=corpus/seed.md,") for line in lines)
        == SEED_FINDINGS - SEED_WARNINGS
    )


def test_check_github_annotates_new_findings_and_appends_the_step_summary(workdir, cli, monkeypatch):
    step_summary = workdir / "step-summary.md"
    step_summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    result = cli("check", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # only what fails the check is annotated: the warnings, not the info findings
    assert len(lines) == SEED_WARNINGS and all(
        line.startswith("::warning file=corpus/seed.md,") for line in lines
    )
    written = step_summary.read_text(encoding="utf-8")
    assert written.startswith("# Earlier step\n")
    appended = written.removeprefix("# Earlier step\n")
    assert appended.startswith("## claimcheck report")
    assert "| Severity | Rule |" in appended and "| Status |" in appended
    # No baseline: every finding is new (warnings fail, info ones are listed too), none accepted.
    assert appended.count("| new |") > SEED_WARNINGS and "| accepted |" not in appended


def test_check_github_without_step_summary_writes_no_file(workdir, cli):
    result = cli("check", "--format", "github", "--fail-on", "error")
    assert result.exit_code == 0
    assert sorted(p.name for p in workdir.iterdir()) == ["corpus"]


def test_check_without_a_baseline_accepts_nothing(workdir, cli):
    result = cli("check", "--format", "json")
    assert result.exit_code == 1
    statuses = {f["severity"]: f["status"] for f in json.loads(result.stdout)["findings"]}
    assert statuses == {"warning": "new", "info": "new"}
