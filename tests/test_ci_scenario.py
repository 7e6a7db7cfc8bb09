"""A CI run scripted end to end in a temporary git repository, as a project would live with
claimcheck: baseline, then reorder, rename, reword, add an article, mistype a path and run from
a subfolder, each with the exit code the README and docs/ci.md document (0 clean, 1 new
findings, 2 error)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

SEED = Path(__file__).parent / "golden" / "seed" / "articles" / "renault-ampere.md"
runner = CliRunner()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def claimcheck(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def swap_lines(path: Path, first: str, second: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith(first))
    j = next(n for n, line in enumerate(lines) if line.startswith(second))
    lines[i], lines[j] = lines[j], lines[i]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_ci_gate_in_a_git_repository(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    repo = tmp_path / "newsroom"
    (repo / "corpus").mkdir(parents=True)
    shutil.copy(SEED, repo / "corpus" / "renault.md")
    (repo / "rules.toml").write_text('[aliases]\n"renault" = ["renault group"]\n', encoding="utf-8")
    monkeypatch.chdir(repo)
    git(repo, "init", "-q")

    # Accept today's findings and commit them with the rules; the cache ignores itself.
    assert claimcheck("check").exit_code == 1
    assert claimcheck("baseline").exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "baseline")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True)
    assert status.stdout == ""
    assert claimcheck("check").exit_code == 0

    # Reorder: the two paragraphs of an accepted finding swap places.
    swap_lines(repo / "corpus" / "renault.md", "Ampere was considered", "Bloomberg reports")
    result = claimcheck("check")
    assert result.exit_code == 0, result.stderr
    assert " 0 stale" in result.stderr

    # Rename the article.
    git(repo, "mv", "corpus/renault.md", "corpus/2025-renault-ampere.md")
    assert claimcheck("check").exit_code == 0

    # Reword a flagged sentence: its finding is new, the old entry stale.
    article = repo / "corpus" / "2025-renault-ampere.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("canceled its initial public offering", "called off its initial public offering"),
        encoding="utf-8",
    )
    reworded = claimcheck("check")
    assert reworded.exit_code == 1 and "stale" in reworded.stderr and " 0 stale" not in reworded.stderr
    article.write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "rename")
    assert claimcheck("check").exit_code == 0

    # Add an article that contradicts itself: a new finding, gated by --changed-since too.
    (repo / "corpus" / "airline.md").write_text(
        "The airline postponed its share sale in June. In June, the airline cancelled its share sale.\n",
        encoding="utf-8",
    )
    assert claimcheck("check").exit_code == 1
    assert claimcheck("check", "--changed-since", "HEAD").exit_code == 1
    assert claimcheck("check", "--exit-zero").exit_code == 0
    (repo / "corpus" / "airline.md").unlink()

    # Mistype a path: an error, after the rest is reported.
    mistyped = claimcheck("check", "corpus", "corpsu/")
    assert mistyped.exit_code == 2 and "corpsu/" in mistyped.stderr

    # From a subfolder: the same rules, baseline and cache.
    (repo / "corpus" / "drafts").mkdir()
    monkeypatch.chdir(repo / "corpus" / "drafts")
    from_below = claimcheck("check")
    assert from_below.exit_code == 0, from_below.stderr
    assert not (repo / "corpus" / "drafts" / ".claimcheck").exists()
    assert "Rules from ../../rules.toml" in claimcheck("rules").stdout
