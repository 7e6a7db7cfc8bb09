"""`claimcheck check` and `claimcheck baseline` end to end: exit codes, the summary line,
baseline stability under edits, --changed-since, suppressions and the claim cache.

Every run goes through the CLI. Runs share one claim cache (module scope) so the seed article
is parsed once; the cache test uses its own folder to start cold.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

SEED = Path(__file__).parent / "golden" / "seed" / "articles" / "renault-ampere.md"
SEED_TEXT = SEED.read_text(encoding="utf-8")
CLEAN_TEXT = (
    "---\ntitle: Local bakery expands\n---\n"
    "The bakery opened a second shop in March 2024.\n\n"
    "It employs 12 people and sells bread every day.\n"
)
SELF_CONTRADICTION = "The company postponed the IPO in May. In May, the company cancelled the IPO.\n"
OTHER_CONTRADICTION = (
    "The airline postponed its share sale in June. In June, the airline cancelled its share sale.\n"
)
BASELINE = ".claimcheck-baseline.json"
SUMMARY = re.compile(
    r"^(?P<head>No new findings|\d+ new findings? \((?P<counts>[^)]*)\)); "
    r"(?P<accepted>\d+) accepted in baseline; (?P<stale>\d+) stale$",
    re.M,
)

runner = CliRunner()
RUNS_PIPELINE = {"check", "report", "baseline", "export", "claims"}


@pytest.fixture()
def cli(shared_cache):
    """Invoke claimcheck with the shared cache unless the arguments name another."""

    def invoke(*args: str):
        extra = []
        if args[0] in RUNS_PIPELINE and "--cache-dir" not in args and "--no-cache" not in args:
            extra = ["--cache-dir", str(shared_cache)]
        return runner.invoke(app, [*args, *extra], catch_exceptions=False)

    return invoke


def summary(result) -> re.Match:
    match = SUMMARY.search(result.stderr)
    assert match, f"no summary line in stderr:\n{result.stderr}"
    return match


def findings(cli, *paths: str) -> dict[str, dict]:
    """The report's findings by fingerprint."""
    result = cli("report", *paths, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {f["fingerprint"]: f for f in json.loads(result.stdout)["findings"]}


def seed_finding(found: dict[str, dict], rule: str, fragment: str) -> str:
    """The fingerprint of the one finding of ``rule`` with a claim sentence containing ``fragment``."""
    matches = [
        key
        for key, f in found.items()
        if f["rule"] == rule and any(fragment in c["text"] for c in f["claims"])
    ]
    assert len(matches) == 1, (rule, fragment, matches)
    return matches[0]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- exit codes and the summary line ---------------------------------------------------------


def test_clean_article_exits_0(workdir, cli):
    (workdir / "corpus" / "seed.md").unlink()
    write(workdir / "corpus" / "bakery.md", CLEAN_TEXT)
    result = cli("check")
    assert result.exit_code == 0, result.stderr
    assert summary(result).group(0) == "No new findings; 0 accepted in baseline; 0 stale"


def test_new_warnings_exit_1_and_the_summary_counts_them(workdir, cli):
    result = cli("check", "--width", "120")
    assert result.exit_code == 1
    line = summary(result)
    assert line.group("head").startswith("3 new findings")
    assert line.group("counts") == "3 warnings"
    assert (line.group("accepted"), line.group("stale")) == ("0", "0")
    # the table lists the gated findings, with their locations
    assert "corpus/seed.md:" in result.stdout and "[new]" in result.stdout


def test_fail_on_sets_the_threshold(workdir, cli):
    passing = cli("check", "--fail-on", "error")
    assert passing.exit_code == 0
    assert summary(passing).group("head") == "No new findings"
    strict = cli("check", "--fail-on", "info")
    assert strict.exit_code == 1
    assert summary(strict).group("counts") == "3 warnings, 2 info"


def test_error_naming_a_bracketed_path_exits_2(workdir, cli):
    result = cli("check", "notes[/draft].md")
    assert result.exit_code == 2
    assert "notes[/draft].md" in result.stderr


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        ("missing-path", "nope.md"),
        ("bad-rules", "rules.x.kind"),
        ("missing-baseline", "claimcheck baseline -o"),
        ("corrupt-default-baseline", "not valid JSON"),
        ("corrupt-named-baseline", "not valid JSON"),
        ("wrong-schema-baseline", "claimcheck.baseline/1"),
    ],
)
def test_errors_exit_2_with_one_line(workdir, cli, case, fragment):
    args = ["check"]
    if case == "missing-path":
        args.append("nope.md")
    elif case == "bad-rules":
        write(workdir / "rules.toml", '[rules.x]\nkind = "no-such-kind"\n')
    elif case == "missing-baseline":
        args += ["--baseline", "missing.json"]
    elif case == "corrupt-default-baseline":
        # what a botched merge of the committed baseline leaves behind
        write(workdir / BASELINE, '{"schema": "claimcheck.baseline/1",\n<<<<<<< HEAD\n')
    elif case == "corrupt-named-baseline":
        write(workdir / "accepted.json", "{not json")
        args += ["--baseline", "accepted.json"]
    else:
        write(workdir / BASELINE, json.dumps({"schema": "other/9", "entries": []}))
    result = cli(*args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")


# --- baselines ---------------------------------------------------------------------------------


def test_baseline_accepts_current_findings_and_is_deterministic(workdir, cli):
    made = cli("baseline", "-o", BASELINE)
    assert made.exit_code == 0
    assert f"Wrote 5 accepted findings to {BASELINE}" in made.stderr
    first = (workdir / BASELINE).read_bytes()
    assert cli("baseline", "-o", BASELINE).exit_code == 0
    assert (workdir / BASELINE).read_bytes() == first

    document = json.loads(first)
    assert document["schema"] == "claimcheck.baseline/1"
    keys = [entry["fingerprint"] for entry in document["entries"]]
    assert keys == sorted(keys) and len(set(keys)) == 5
    for entry in document["entries"]:
        assert set(entry) == {"fingerprint", "rule", "severity", "message", "docs", "texts"}
        assert entry["docs"] == ["seed.md"]
    assert first.endswith(b"\n")

    checked = cli("check")
    assert checked.exit_code == 0, checked.stderr
    assert summary(checked).group(0) == "No new findings; 5 accepted in baseline; 0 stale"
    # an explicit --baseline naming the same file behaves the same
    named = cli("check", "--baseline", BASELINE, "--fail-on", "info")
    assert named.exit_code == 0
    assert summary(named).group("accepted") == "5"


def _move_paragraph(text: str) -> str:
    lines = text.split("\n")
    index = next(n for n, line in enumerate(lines) if line.startswith("De Meo left Renault"))
    moved = lines.pop(index)
    lines.insert(lines.index("RENAULT") + 1, moved)
    return "\n".join(lines)


def _add_paragraph(text: str) -> str:
    return text.replace(
        "RENAULT\n", "RENAULT\n\nThe weather in Paris was mild and sunny on Tuesday afternoon.\n\n"
    )


def _reformat_whitespace(text: str) -> str:
    # double spaces after sentences and commas, a blank line between every line
    body_start = text.index("RENAULT")
    body = text[body_start:].replace(". ", ".  ").replace(", ", ",   ").replace("\n", "\n\n")
    return text[:body_start] + body


@pytest.mark.parametrize(
    ("edit", "new_name"),
    [
        (_move_paragraph, "seed.md"),
        (_add_paragraph, "seed.md"),
        (_reformat_whitespace, "seed.md"),
        (lambda text: text, "renamed-story.md"),
    ],
    ids=["move-paragraph", "add-paragraph", "reformat-whitespace", "rename-file"],
)
def test_baseline_survives_edits_that_keep_the_claims(workdir, cli, edit, new_name):
    assert cli("baseline", "-o", BASELINE).exit_code == 0
    seed = workdir / "corpus" / "seed.md"
    edited = edit(seed.read_text(encoding="utf-8"))
    seed.unlink()
    write(workdir / "corpus" / new_name, edited)
    result = cli("check", "--fail-on", "info")
    assert result.exit_code == 0, result.stdout
    assert summary(result).group(0) == "No new findings; 5 accepted in baseline; 0 stale"


def test_changing_a_flagged_sentence_makes_a_new_finding_and_a_stale_entry(workdir, cli):
    before = findings(cli)
    cancelled = seed_finding(before, "schedule", "In January 2024, Renault canceled")
    assert cli("baseline", "-o", BASELINE).exit_code == 0

    seed = workdir / "corpus" / "seed.md"
    write(
        seed,
        seed.read_text(encoding="utf-8").replace(
            "In January 2024, Renault canceled", "In February 2024, Renault canceled"
        ),
    )
    result = cli("check", "--format", "json")
    assert result.exit_code == 1
    line = summary(result)
    # Postponed in January and cancelled in February is a sequence, so the schedule finding
    # goes; the edit creates real date conflicts with the sentences that still say the IPO
    # was cancelled in January 2024.
    assert line.group("head") == "2 new findings (2 warnings)"
    # the schedule finding and the info finding on the changed sentence no longer match
    assert (line.group("accepted"), line.group("stale")) == ("3", "2")
    stale_lines = [x for x in result.stderr.splitlines() if x.startswith("stale baseline entry ")]
    assert len(stale_lines) == 2 and all("seed.md" in x for x in stale_lines)
    after = {f["fingerprint"]: f for f in json.loads(result.stdout)["findings"]}
    assert cancelled not in after
    new = [f for key, f in after.items() if key not in before and f["severity"] == "warning"]
    assert {f["kind"] for f in new} == {"date-conflict"}
    assert all(any("February 2024" in claim["text"] for claim in f["claims"]) for f in new)


# --- --changed-since ---------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def commit_corpus(workdir: Path, monkeypatch) -> None:
    """A fresh repository in ``workdir`` whose first commit holds corpus/."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    git(workdir, "init", "-q")
    git(workdir, "config", "user.email", "ci@example.com")
    git(workdir, "config", "user.name", "CI")
    git(workdir, "add", "corpus")
    git(workdir, "commit", "-q", "-m", "corpus")


def gated_files(result) -> set[str]:
    """Files the gated findings involve: under `check --format github` only those are annotated,
    at their first claim, with the other claims' locations under "see also"."""
    files: set[str] = set()
    for line in result.stdout.splitlines():
        if match := re.match(r"::(?:error|warning|notice) file=([^,]+),.*?(?:\(see also (.*)\))?$", line):
            files.add(match.group(1))
            files.update(loc.rsplit(":", 2)[0] for loc in (match.group(2) or "").split(", ") if loc)
    return files


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_gates_only_changed_articles(workdir, cli, monkeypatch):
    corpus = workdir / "corpus"
    write(corpus / "a.md", CLEAN_TEXT)
    commit_corpus(workdir, monkeypatch)

    unchanged = cli("check", "--changed-since", "HEAD", "--format", "github")
    assert unchanged.exit_code == 0, unchanged.stdout
    assert summary(unchanged).group("head") == "No new findings"
    assert gated_files(unchanged) == set()

    # a modified, committed article
    with (corpus / "a.md").open("a", encoding="utf-8") as article:
        article.write("\n" + SELF_CONTRADICTION)
    modified = cli("check", "--changed-since", "HEAD", "--format", "github")
    assert modified.exit_code == 1
    assert summary(modified).group("head") == "1 new finding (1 warning)"
    assert gated_files(modified) == {"corpus/a.md"}

    git(workdir, "commit", "-q", "-am", "edit a")
    assert cli("check", "--changed-since", "HEAD").exit_code == 0
    assert gated_files(cli("check", "--changed-since", "HEAD~1", "--format", "github")) == {"corpus/a.md"}

    # an untracked new article counts as changed too
    write(corpus / "new.md", OTHER_CONTRADICTION)
    added = cli("check", "--changed-since", "HEAD", "--format", "github")
    assert added.exit_code == 1
    assert gated_files(added) == {"corpus/new.md"}

    bad = cli("check", "--changed-since", "no-such-rev")
    assert bad.exit_code == 2 and "give a valid revision" in bad.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_sees_non_ascii_file_names(workdir, cli, monkeypatch):
    (workdir / "corpus" / "seed.md").unlink()
    write(workdir / "corpus" / "a.md", CLEAN_TEXT)
    commit_corpus(workdir, monkeypatch)
    write(workdir / "corpus" / "café.md", OTHER_CONTRADICTION)
    assert cli("check", "--changed-since", "HEAD").exit_code == 1


# --- suppressions ------------------------------------------------------------------------------


def _insert_before(text: str, fragment: str, line: str) -> str:
    """Put ``line`` on its own line before the line containing ``fragment``."""
    lines = text.split("\n")
    index = next(n for n, current in enumerate(lines) if fragment in current)
    lines.insert(index, line)
    return "\n".join(lines)


def _wrap(text: str, fragment: str, before: str, after: str) -> str:
    lines = text.split("\n")
    index = next(n for n, current in enumerate(lines) if fragment in current)
    lines[index : index + 1] = [before, lines[index], after]
    return "\n".join(lines)


CANCELLED = "In January 2024, Renault canceled"  # line 12, in findings of rules schedule and date-granularity
FACT_BOX = "IPO Cancellation:"  # line 18
HEADLINE_PAIR = "Renault SA plans to reintegrate"  # line 8, the corporate-structure finding


@pytest.mark.parametrize(
    "mechanism", ["disable-next-line", "disable-next-line-all-rules", "disable-enable", "ignore-entry"]
)
def test_suppressions_remove_exactly_their_findings(workdir, cli, mechanism):
    before = findings(cli)
    seed = workdir / "corpus" / "seed.md"
    if mechanism == "disable-next-line":
        write(seed, _insert_before(SEED_TEXT, CANCELLED, "<!-- claimcheck-disable-next-line schedule -->"))
        removed = {seed_finding(before, "schedule", CANCELLED)}
    elif mechanism == "disable-next-line-all-rules":
        write(seed, _insert_before(SEED_TEXT, CANCELLED, "<!-- claimcheck-disable-next-line -->"))
        removed = {key for key, f in before.items() if any(CANCELLED in c["text"] for c in f["claims"])}
        assert len(removed) == 2
    elif mechanism == "disable-enable":
        wrapped = _wrap(
            SEED_TEXT,
            FACT_BOX,
            "<!-- claimcheck-disable corporate-structure, schedule -->",
            "<!-- claimcheck-enable -->",
        )
        write(seed, wrapped)
        removed = {seed_finding(before, "schedule", "planned for 2024 was canceled")}
    else:
        target = seed_finding(before, "corporate-structure", HEADLINE_PAIR)
        write(
            workdir / "rules.toml",
            f'extends = "default"\n\n[[ignore]]\nfingerprint = "{target}"\nreason = "headline predates U-turn"\n',
        )
        removed = {target}
    after = findings(cli)
    assert set(after) == set(before) - removed


def test_all_three_mechanisms_together_let_check_pass(workdir, cli):
    before = findings(cli)
    text = _insert_before(SEED_TEXT, CANCELLED, "<!-- claimcheck-disable-next-line schedule -->")
    text = _wrap(
        text, FACT_BOX, "<!-- claimcheck-disable schedule -->", "<!-- claimcheck-enable schedule -->"
    )
    (workdir / "corpus" / "seed.md").write_text(text, encoding="utf-8")
    target = seed_finding(before, "corporate-structure", HEADLINE_PAIR)
    write(
        workdir / "rules.toml",
        f'extends = "default"\n[[ignore]]\nfingerprint = "{target}"\nreason = "old headline"\n',
    )
    result = cli("check")
    assert result.exit_code == 0, result.stdout
    assert summary(result).group(0) == "No new findings; 0 accepted in baseline; 0 stale"
    assert "unused suppression" not in result.stderr


def test_unused_suppressions_are_reported(workdir, cli):
    text = _insert_before(SEED_TEXT, "Background of Ampere", "<!-- claimcheck-disable-next-line -->")
    (workdir / "corpus" / "seed.md").write_text(text, encoding="utf-8")
    directive_line = text.split("\n").index("<!-- claimcheck-disable-next-line -->") + 1
    write(
        workdir / "rules.toml",
        'extends = "default"\n[[ignore]]\nfingerprint = "0123456789abcdef"\nreason = "gone"\n',
    )
    result = cli("check")
    assert result.exit_code == 1  # reported, not failing on its own; the seed's warnings fail
    stderr = " ".join(result.stderr.split())  # undo any wrapping
    assert (
        f"unused suppression: corpus/seed.md:{directive_line}: <!-- claimcheck-disable-next-line --> "
        "suppresses no finding" in stderr
    )
    assert "unused suppression: rules.toml:" in stderr
    assert "fingerprint 0123456789abcdef (gone) matches no finding" in stderr


def test_unused_ignore_entry_is_named_as_written(workdir, cli):
    write(
        workdir / "rules.toml",
        'extends = "default"\n[[ignore]]\nfingerprint = "0123456789abcdef"\nreason = "gone"\n',
    )
    result = cli("check")
    assert "rules.toml: [[ignore]] fingerprint 0123456789abcdef" in " ".join(result.stderr.split())


def test_ignore_entry_without_reason_exits_2(workdir, cli):
    write(workdir / "rules.toml", 'extends = "default"\n[[ignore]]\nfingerprint = "0123456789abcdef"\n')
    result = cli("check")
    assert result.exit_code == 2
    assert "ignore[0].reason (line 2): required" in result.stderr


# --- the claim cache ---------------------------------------------------------------------------


def test_warm_and_rebuilt_cache_give_the_same_bytes(workdir, cli):
    cache = workdir / "cache"
    args = ("report", "--format", "json", "--cache-dir", str(cache))
    cold = cli(*args)
    warm = cli(*args)
    assert cold.exit_code == warm.exit_code == 0
    assert cold.stderr == warm.stderr == ""
    assert warm.stdout_bytes == cold.stdout_bytes
    assert cli("report", "--format", "json", "--no-cache").stdout_bytes == cold.stdout_bytes

    (cache / "cache.sqlite").write_bytes(b"\x13garbage, not a database\x00" * 512)
    rebuilt = cli(*args)
    assert rebuilt.exit_code == 0
    assert rebuilt.stdout_bytes == cold.stdout_bytes
    assert "warning:" in rebuilt.stderr and "claim cache" in rebuilt.stderr and "rebuilt" in rebuilt.stderr
    # the rebuilt cache holds the article again and is used without complaint
    again = cli(*args)
    assert again.stdout_bytes == cold.stdout_bytes and again.stderr == ""
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(cache)], catch_exceptions=False)
    assert "Cleared 1 cached articles" in cleared.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_value_never_reaches_git_as_an_option(workdir, cli, monkeypatch):
    """Row 9: `--changed-since=--output=FILE` truncated FILE and the gate passed."""
    write(workdir / "corpus" / "a.md", CLEAN_TEXT)
    commit_corpus(workdir, monkeypatch)
    victim = workdir / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    result = cli("check", f"--changed-since=--output={victim}")
    assert result.exit_code == 2 and "no such commit" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert cli("check", "--changed-since", "--no-index").exit_code == 2
