"""Conventions a linter user reaches for (issue 11, item 9): --select/--ignore, --quiet,
--exit-zero, --statistics, init, -V, shell completion, and a README whose examples run from a
fresh clone."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.config import load_config

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def rules_of(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_select_and_ignore_rules_on_the_command_line(workdir):
    everything = rules_of(invoke("report", "-f", "json", "--no-cache"))
    assert {"schedule", "date-granularity"} <= everything
    assert rules_of(invoke("report", "-f", "json", "--no-cache", "--select", "schedule")) == {"schedule"}
    by_kind = rules_of(invoke("report", "-f", "json", "--no-cache", "--select", "granularity"))
    assert by_kind == {"date-granularity"}
    ignored = rules_of(invoke("report", "-f", "json", "--no-cache", "--ignore", "schedule,granularity"))
    assert ignored == everything - {"schedule", "date-granularity"}


def test_select_names_an_unknown_rule_with_a_suggestion(workdir):
    result = invoke("report", "--no-cache", "--select", "shedule")
    assert result.exit_code == 2 and "did you mean 'schedule'" in result.stderr


def test_quiet_and_exit_zero(workdir):
    loud = invoke("check", "--no-cache")
    assert loud.exit_code == 1 and "new finding" in loud.stderr
    quiet = invoke("check", "--no-cache", "--quiet", "--exit-zero")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == loud.stdout
    missing = invoke("check", "corpus", "nope/", "--no-cache", "-q", "--exit-zero")
    assert missing.exit_code == 2 and "nope/" in missing.stderr


def test_statistics_counts_findings_per_rule(workdir):
    findings = json.loads(invoke("report", "-f", "json", "--no-cache").stdout)["findings"]
    result = invoke("report", "--no-cache", "--statistics")
    assert result.exit_code == 0
    schedule = sum(1 for f in findings if f["rule"] == "schedule")
    assert re.search(rf"^\s*{schedule}\s+schedule\s+warning\s+exclusive-events$", result.stdout, re.M)
    assert f"{len(findings)}  findings in total" in result.stdout


def test_init_writes_a_commented_rules_file_and_prints_the_ci_snippet(workdir):
    result = invoke("init")
    assert result.exit_code == 0 and "claimcheck check corpus/" in result.stdout
    text = (workdir / "rules.toml").read_text(encoding="utf-8")
    assert text.count("\n# ") > 10
    assert load_config("rules.toml").rule("schedule") is not None
    again = invoke("init")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert invoke("init", "--force").exit_code == 0


def test_short_version_and_completion():
    assert invoke("-V").stdout.startswith("claimcheck ")
    assert "--install-completion" in invoke("--help").stdout


def readme_commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            for part in line.split("&&"):
                words = shlex.split(part, comments=True)
                if words[:1] in (["claimcheck"], ["python3"]):
                    commands.append(words)
    return commands


def test_readme_examples_run_from_a_fresh_clone():
    commands = readme_commands()
    assert len(commands) > 10
    outputs = {
        w for words in commands for i, w in enumerate(words) if i and words[i - 1] in ("-o", "--output")
    }
    for words in commands:
        assert not any("../" in word for word in words), words
        for word in words[1:]:
            looks_like_path = "/" in word or word.endswith((".md", ".json", ".py"))
            if looks_like_path and word not in outputs and not word.startswith(("-", "$")):
                assert (REPO / word).exists(), f"README example names {word}, which a clone does not hold"


def test_readme_quick_start_makes_a_virtual_environment_and_git_ignores_it():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "python3 -m venv .venv" in quick_start
    assert ".venv/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_jobs_help_says_what_it_does():
    help_text = " ".join(invoke("report", "--help").stdout.replace("│", " ").split())
    assert "n_process" in help_text and "CPU core" in help_text
