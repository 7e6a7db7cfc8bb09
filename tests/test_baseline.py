from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from claimcheck import baseline as baseline_module
from claimcheck.baseline import (
    SCHEMA,
    Baseline,
    BaselineEntry,
    baseline_from_report,
    compare,
    finding_fingerprint,
    fingerprint,
    normalise_text,
    read_baseline,
    write_baseline,
)
from claimcheck.errors import BaselineError, ClaimcheckError
from claimcheck.model import Claim, Finding, Report, Severity


def make_claim(text: str, *, doc: str = "news/a.md", line: int = 3, **fields: object) -> Claim:
    defaults: dict[str, object] = {
        "paragraph": 1,
        "column": 1,
        "start": 100,
        "end": 100 + len(text),
        "subject_key": "acme",
        "predicate": "employ",
    }
    defaults.update(fields)
    return Claim(doc=doc, line=line, text=text, **defaults)  # type: ignore[arg-type]


STAFF_42 = make_claim("Acme employs 42,000 people.")
STAFF_38 = make_claim("Acme employs 38,000 people.", line=9, start=400, end=427)


def make_finding(*claims: Claim, rule: str = "staff-count", message: str = "counts differ") -> Finding:
    return Finding(
        rule=rule, kind="quantity-conflict", severity=Severity.ERROR, message=message, claims=claims
    )


def test_fingerprint_is_a_short_hex_digest() -> None:
    value = fingerprint("staff-count", (STAFF_42, STAFF_38))
    assert len(value) == baseline_module.FINGERPRINT_LENGTH
    assert int(value, 16) >= 0


def test_fingerprint_ignores_file_rename() -> None:
    renamed = tuple(dataclasses.replace(c, doc="archive/2024/renamed.md") for c in (STAFF_42, STAFF_38))
    assert fingerprint("staff-count", renamed) == fingerprint("staff-count", (STAFF_42, STAFF_38))


def test_fingerprint_ignores_lines_offsets_and_paragraphs() -> None:
    moved = (
        dataclasses.replace(STAFF_42, line=40, column=7, start=2000, end=2027, paragraph=12),
        dataclasses.replace(STAFF_38, line=1, column=1, start=0, end=27, paragraph=0),
    )
    assert fingerprint("staff-count", moved) == fingerprint("staff-count", (STAFF_42, STAFF_38))


def test_fingerprint_ignores_whitespace_reformatting() -> None:
    rewrapped = dataclasses.replace(STAFF_42, text="  Acme employs\n  42,000\u00a0people. \n")
    assert fingerprint("staff-count", (rewrapped, STAFF_38)) == fingerprint(
        "staff-count", (STAFF_42, STAFF_38)
    )


def test_fingerprint_ignores_claim_order() -> None:
    assert fingerprint("staff-count", (STAFF_38, STAFF_42)) == fingerprint(
        "staff-count", (STAFF_42, STAFF_38)
    )


def test_fingerprint_ignores_case_accents_and_typographic_punctuation() -> None:
    fancy = make_claim("Zo\u00eb\u2019s \u201cAcme\u201d \u2014 employs 42,000 people.", subject_key="ACME")
    plain = make_claim('zoe\'s "acme" - employs 42,000 people.', subject_key="acme")
    assert fingerprint("r", (fancy,)) == fingerprint("r", (plain,))


def test_fingerprint_changes_when_a_value_changes() -> None:
    changed = dataclasses.replace(STAFF_42, text="Acme employs 43,000 people.")
    assert fingerprint("staff-count", (changed, STAFF_38)) != fingerprint("staff-count", (STAFF_42, STAFF_38))


def test_fingerprint_changes_with_rule_or_predicate() -> None:
    original = fingerprint("staff-count", (STAFF_42, STAFF_38))
    assert fingerprint("other-rule", (STAFF_42, STAFF_38)) != original
    other_predicate = dataclasses.replace(STAFF_42, predicate="lay off")
    assert fingerprint("staff-count", (other_predicate, STAFF_38)) != original


def test_fingerprint_ignores_the_subject_key_resolved_from_earlier_paragraphs() -> None:
    # "Sollander" is keyed to the last full name seen, which a reordering changes.
    born = make_claim("Born in 1938, Sollander studied in Vindeby.", subject_key="karin sollander")
    fact = make_claim("Born: 1936, Vindeby.", subject_key="vindeby", start=500)
    resolved_otherwise = dataclasses.replace(born, subject_key="margit sollander")
    assert fingerprint("born", (born, fact)) == fingerprint("born", (fact, resolved_otherwise))


def test_normalise_text_keeps_digits() -> None:
    assert normalise_text("Caf\u00e9  \u2013 42\u202f000 \u20ac") == "cafe - 42 000 \u20ac"


def test_finding_fingerprint_prefers_the_pipelines_value() -> None:
    computed = make_finding(STAFF_42, STAFF_38)
    assert finding_fingerprint(computed) == fingerprint("staff-count", (STAFF_42, STAFF_38))
    preset = dataclasses.replace(computed, fingerprint="abc123")
    assert finding_fingerprint(preset) == "abc123"


def report_of(*findings: Finding) -> Report:
    claims = tuple(claim for finding in findings for claim in finding.claims)
    return Report(articles=(), claims=claims, findings=findings)


def test_baseline_from_report_records_base_names_texts_and_sorts() -> None:
    first = make_finding(STAFF_42, dataclasses.replace(STAFF_38, doc="other/b.md"))
    second = make_finding(make_claim("Acme was founded in 1990."), rule="founding", message="years differ")
    result = baseline_from_report(report_of(first, second))
    assert [e.fingerprint for e in result.entries] == sorted(e.fingerprint for e in result.entries)
    entry = next(e for e in result.entries if e.rule == "staff-count")
    assert entry.fingerprint == finding_fingerprint(first)
    assert entry.docs == ("a.md", "b.md")
    assert entry.texts == ("Acme employs 42,000 people.", "Acme employs 38,000 people.")
    assert entry.severity is Severity.ERROR
    assert entry.message == "counts differ"


def test_baseline_from_report_merges_findings_with_one_fingerprint() -> None:
    copied = tuple(dataclasses.replace(c, doc="copy/c.md") for c in (STAFF_42, STAFF_38))
    result = baseline_from_report(report_of(make_finding(STAFF_42, STAFF_38), make_finding(*copied)))
    assert len(result.entries) == 1
    assert result.entries[0].docs == ("a.md", "c.md")


def sample_baseline() -> Baseline:
    return baseline_from_report(
        report_of(
            make_finding(STAFF_42, STAFF_38),
            make_finding(make_claim("Acme was founded in 1990."), rule="founding"),
        )
    )


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    original = sample_baseline()
    path = tmp_path / "claimcheck-baseline.json"
    write_baseline(path, original)
    assert read_baseline(path) == original


def test_written_file_is_sorted_indented_and_deterministic(tmp_path: Path) -> None:
    entries = (
        BaselineEntry("ffff", "b", Severity.INFO, "m\u00e9", ("x.md",), ("T",)),
        BaselineEntry("0000", "a", Severity.WARNING, "m", (), ()),
    )
    path = tmp_path / "baseline.json"
    write_baseline(path, Baseline(entries))
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text.startswith('{\n  "schema": "claimcheck.baseline/1",\n  "entries": [\n    {\n')
    document = json.loads(text)
    assert document["schema"] == SCHEMA
    assert [e["fingerprint"] for e in document["entries"]] == ["0000", "ffff"]
    assert document["entries"][1] == {
        "fingerprint": "ffff",
        "rule": "b",
        "severity": "info",
        "message": "m\u00e9",
        "docs": ["x.md"],
        "texts": ["T"],
    }
    first_bytes = path.read_bytes()
    write_baseline(path, Baseline(tuple(reversed(entries))))
    assert path.read_bytes() == first_bytes


def test_atomic_write_leaves_no_temporary_files_and_creates_directories(tmp_path: Path) -> None:
    path = tmp_path / "ci" / "baseline.json"
    write_baseline(path, sample_baseline())
    write_baseline(path, Baseline())
    assert sorted(p.name for p in path.parent.iterdir()) == ["baseline.json"]
    assert read_baseline(path) == Baseline()
    assert path.stat().st_mode & 0o777 == 0o644


def test_failed_replace_keeps_old_file_and_removes_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, sample_baseline())
    before = path.read_bytes()

    def failing_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(BaselineError, match="cannot write baseline"):
        write_baseline(path, Baseline())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_overwrite_keeps_the_existing_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, Baseline())
    path.chmod(0o664)
    write_baseline(path, sample_baseline())
    assert path.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"schema": "claimcheck.baseline/1", "entries": [', "not valid JSON"),
        ("<<<<<<< HEAD\n", "not valid JSON"),
        ("[]", "not a JSON object"),
        ('{"schema": "claimcheck.baseline/0", "entries": []}', "expected 'claimcheck.baseline/1'"),
        ('{"entries": []}', "has schema None"),
        ('{"schema": "claimcheck.baseline/1"}', "no 'entries' list"),
        ('{"schema": "claimcheck.baseline/1", "entries": [1]}', r"entries\[0\] is not an object"),
        (
            '{"schema": "claimcheck.baseline/1", "entries": '
            '[{"rule": "r", "severity": "info", "message": ""}]}',
            "'fingerprint'",
        ),
        (
            '{"schema": "claimcheck.baseline/1", "entries": '
            '[{"fingerprint": "f", "rule": "r", "severity": "fatal", "message": ""}]}',
            "severity 'fatal'",
        ),
        (
            '{"schema": "claimcheck.baseline/1", "entries": '
            '[{"fingerprint": "f", "rule": "r", "severity": "info", "message": "", "docs": "a.md"}]}',
            "'docs' must be a list",
        ),
    ],
)
def test_bad_baseline_file_raises_one_line_actionable_error(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=expected) as caught:
        read_baseline(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert baseline_module.REGENERATE_HINT in message
    assert isinstance(caught.value, ClaimcheckError)


def test_missing_baseline_file_raises(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="does not exist"):
        read_baseline(tmp_path / "absent.json")


def test_entries_without_informational_fields_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(
        '{"schema": "claimcheck.baseline/1", "entries": '
        '[{"fingerprint": "f", "rule": "r", "severity": "warning", "message": "m"}]}',
        encoding="utf-8",
    )
    assert read_baseline(path) == Baseline((BaselineEntry("f", "r", Severity.WARNING, "m"),))


def test_compare_splits_new_accepted_and_stale() -> None:
    accepted_finding = make_finding(STAFF_42, STAFF_38)
    fixed_finding = make_finding(make_claim("Acme was founded in 1990."), rule="founding")
    accepted = baseline_from_report(report_of(accepted_finding, fixed_finding))

    # Later run: the accepted one moved to a renamed file and other lines; one finding is new.
    moved = make_finding(
        dataclasses.replace(STAFF_38, doc="renamed.md", line=30, start=900, end=927),
        dataclasses.replace(STAFF_42, doc="renamed.md", line=2, text="Acme employs\n42,000 people."),
    )
    value_changed = make_finding(dataclasses.replace(STAFF_42, text="Acme employs 43,000 people."), STAFF_38)
    result = compare((moved, value_changed), accepted)

    assert result.accepted == (moved,)
    assert result.new == (value_changed,)
    assert [e.rule for e in result.stale] == ["founding"]
    assert result.stale[0].fingerprint == finding_fingerprint(fixed_finding)


def test_compare_against_empty_baseline_marks_everything_new() -> None:
    findings = (make_finding(STAFF_42, STAFF_38),)
    result = compare(findings, Baseline())
    assert result.new == findings
    assert result.accepted == ()
    assert result.stale == ()
