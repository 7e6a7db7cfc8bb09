"""The CLI as a CI gate (issue 11): defaults a project file adds to, missing paths that fail,
settings found from a subfolder, the cache kept out of git, the next step shown, and what a
clean-looking run hid. Runs go through CliRunner; the seed article is parsed once per module."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from claimcheck.cli import app

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_rules_file_without_extends_keeps_the_default_rules(workdir):
    (workdir / "rules.toml").write_text('[aliases]\n"european central bank" = ["ecb"]\n', encoding="utf-8")
    listed = invoke("rules")
    assert listed.exit_code == 0 and "negation" in listed.stdout and "schedule" in listed.stdout
    assert "schedule" in invoke("rules", "--rules", "/dev/null").stdout
    result = invoke("report", "--format", "json", "--no-cache")
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"]


def test_no_active_rule_exits_2(workdir):
    (workdir / "rules.toml").write_text('extends = "none"\n', encoding="utf-8")
    result = invoke("report", "--no-cache")
    assert result.exit_code == 2 and "no active rule" in result.stderr


def test_check_fails_on_a_mistyped_path_after_reporting_the_rest(workdir):
    result = invoke("check", "corpus", "artciles/", "--no-cache", "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["findings"], "the readable articles are still reported"
    assert "artciles" in result.stderr and "new findings" in result.stderr


def test_check_fails_on_a_malformed_article(workdir):
    invoke("baseline", "corpus", "--no-cache")
    assert invoke("check", "corpus", "--no-cache").exit_code == 0
    (workdir / "corpus" / "broken.md").write_text("---\ntitle: [\n---\nText.\n", encoding="utf-8")
    result = invoke("check", "corpus", "--no-cache")
    assert result.exit_code == 2 and "broken.md" in result.stderr


def test_report_stays_lenient_about_a_missing_path(workdir):
    result = invoke("report", "corpus", "artciles/", "--no-cache", "--format", "json")
    assert result.exit_code == 0 and "artciles" in result.stderr


def test_table_shows_fingerprints(workdir):
    table = invoke("report", "--no-cache", "--width", "120").stdout
    fingerprints = [
        f["fingerprint"] for f in json.loads(invoke("report", "-f", "json", "--no-cache").stdout)["findings"]
    ]
    assert fingerprints and all(f"fingerprint {fp}" in table for fp in fingerprints)


def test_failing_check_ends_with_how_to_accept(workdir):
    result = invoke("check", "--no-cache", "--width", "120")
    assert result.exit_code == 1
    failing = json.loads(invoke("report", "-f", "json", "--no-cache").stdout)["findings"][0]
    assert f"fingerprint {failing['fingerprint']}" in result.stdout
    assert "claimcheck baseline -o .claimcheck-baseline.json" in result.stderr
    assert f"<!-- claimcheck-disable-next-line {failing['rule']} -->" in result.stderr
    assert f'fingerprint = "{failing["fingerprint"]}"' in result.stderr and "[[ignore]]" in result.stderr


def test_report_says_what_min_severity_hid(workdir):
    # The seed's info findings are granularity notes; an error threshold hides every finding.
    result = invoke("report", "--no-cache", "--min-severity", "error", "--width", "200")
    last = result.stdout.strip().splitlines()[-1]
    assert "No discrepancies found" not in last
    assert "No discrepancies shown" in last and "below --min-severity error" in last


def test_clean_check_says_findings_were_accepted(workdir):
    invoke("baseline", "--no-cache")
    result = invoke("check", "--no-cache", "--width", "200")
    assert result.exit_code == 0
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("No discrepancies shown") and "accepted by the baseline" in last


def test_check_says_what_changed_since_left_out(workdir):
    import subprocess

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run([*git, *command], check=True, cwd=workdir)
    (workdir / "corpus" / "new.md").write_text("The bakery opened in May 2024.\n", encoding="utf-8")
    result = invoke("check", "--no-cache", "--changed-since", "HEAD", "--width", "200")
    assert result.exit_code == 0
    assert "outside --changed-since HEAD" in result.stdout.strip().splitlines()[-1]


def test_report_says_what_suppressions_hid(workdir):
    article = workdir / "corpus" / "seed.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("RENAULT", "<!-- claimcheck-disable -->\nRENAULT", 1), encoding="utf-8")
    result = invoke("report", "--no-cache", "--width", "200")
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("No discrepancies shown") and "suppressed" in last


def test_a_run_from_a_subfolder_uses_the_projects_settings_baseline_and_cache(workdir, monkeypatch):
    (workdir / "rules.toml").write_text("[rules.corporate-structure]\nenabled = false\n", encoding="utf-8")
    assert invoke("baseline").exit_code == 0
    assert (workdir / ".claimcheck-baseline.json").is_file()
    sub = workdir / "corpus" / "notes"
    sub.mkdir()
    monkeypatch.chdir(sub)
    listed = invoke("rules")
    assert "Rules from ../../rules.toml" in listed.stdout and "corporate-structure" not in listed.stdout
    result = invoke("check")
    assert result.exit_code == 0, result.stderr
    assert "accepted in baseline" in result.stderr and " 0 accepted" not in result.stderr
    assert not (sub / ".claimcheck").exists() and (workdir / ".claimcheck" / "cache.sqlite").is_file()
    assert not (sub / ".claimcheck-baseline.json").exists()


def test_a_suppression_naming_an_unknown_rule_is_reported(workdir):
    article = workdir / "corpus" / "seed.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("RENAULT", "<!-- claimcheck-disable-next-line shedule -->\nRENAULT", 1), encoding="utf-8"
    )
    result = invoke("report", "--no-cache", "-f", "json")
    assert "names no rule 'shedule'; did you mean 'schedule'?" in result.stderr
