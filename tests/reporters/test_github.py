from dataclasses import replace

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.reporters import REPORTERS, write_step_summary
from claimcheck.reporters.github import escape_data, escape_property

from .sample_report import FINDINGS


def test_github_emits_one_command_per_finding_and_problem(report, options):
    lines = REPORTERS["github"](report, options).splitlines()
    assert len(lines) == 4
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert lines[0].startswith("::warning file=articles/broken.md,")
    assert lines[1] == (
        "::error file=articles/ampère-ipo.md,line=3,col=1,title=listing-date::"
        "The listing is dated January 2024 and March 2024. (see also articles/wire.md:5:12)"
    )
    assert lines[2].startswith("::warning file=articles/ampère-ipo.md,line=7,col=1,title=unit-fate::")
    assert lines[3].startswith("::notice file=articles/ampère-ipo.md,line=11,col=1,title=headcount::")


def test_github_escapes_messages_and_properties(report, options):
    odd = replace(FINDINGS[0], message="100% sure\r\nor not", rule="rule:a,b")
    out = REPORTERS["github"](replace(report, findings=(odd,), problems=()), options)
    assert out.count("\n") == 1  # the newline in the message is escaped, not emitted
    assert "title=rule%3Aa%2Cb::100%25 sure%0D%0Aor not" in out
    assert escape_data("a%\n") == "a%25%0A"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_under_check_annotates_only_new_findings(report, check_options):
    lines = REPORTERS["github"](report, check_options).splitlines()
    assert [line.split(" ")[0] for line in lines] == ["::warning", "::error"]


def test_step_summary_is_appended_as_markdown(report, options, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    write_step_summary(report, replace(options, github_summary_path=str(summary)))
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## claimcheck report\n")
    assert "| error | listing-date |" in text


def test_step_summary_without_a_path_writes_nothing(report, options, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_step_summary(report, options)
    assert list(tmp_path.iterdir()) == []


def test_step_summary_to_an_unwritable_path_is_a_claimcheck_error(report, options, tmp_path):
    with pytest.raises(ClaimcheckError, match="GITHUB_STEP_SUMMARY"):
        write_step_summary(report, replace(options, github_summary_path=str(tmp_path / "missing" / "s.md")))
