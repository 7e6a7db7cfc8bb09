from __future__ import annotations

import dataclasses

from claimcheck.baseline import finding_fingerprint
from claimcheck.model import Article, Claim, Finding, Severity
from claimcheck.suppress import (
    CONFIG_DOC,
    DirectiveKind,
    DisabledRange,
    IgnoreEntry,
    UnusedSuppression,
    apply_suppressions,
    parse_directives,
)

DOC = "news/a.md"


def make_claim(line: int, *, doc: str = DOC, text: str | None = None) -> Claim:
    sentence = text or f"Sentence on line {line}."
    return Claim(doc=doc, paragraph=0, line=line, column=1, start=0, end=len(sentence), text=sentence)


def make_finding(rule: str, *lines: int, doc: str = DOC) -> Finding:
    claims = tuple(make_claim(line, doc=doc) for line in lines)
    return Finding(rule=rule, kind="k", severity=Severity.WARNING, message="m", claims=claims)


def article(text: str, doc: str = DOC) -> Article:
    return Article(doc=doc, text=text)


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def test_parse_disable_enable_ranges_and_ids() -> None:
    text = lines(
        "Intro.",  # 1
        "<!-- claimcheck-disable date-conflict, ipo-status -->",  # 2
        "Body.",  # 3
        "<!--claimcheck-enable-->",  # 4
        "Tail.",  # 5
    )
    disable, enable = parse_directives(DOC, text)
    assert disable.doc == DOC
    assert disable.line == 2
    assert disable.kind is DirectiveKind.DISABLE
    assert disable.rules == ("date-conflict", "ipo-status")
    assert disable.ranges == (DisabledRange(2, 4),)
    assert enable.kind is DirectiveKind.ENABLE
    assert enable.line == 4
    assert enable.rules == ()
    assert enable.ranges == ()


def test_unterminated_disable_runs_to_end_of_file() -> None:
    (directive,) = parse_directives(DOC, "a\n<!-- claimcheck-disable -->\nb\nc")
    assert directive.rules == ()
    assert directive.ranges == (DisabledRange(2, 4),)
    assert directive.disables("any-rule", 4)
    assert not directive.disables("any-rule", 1)


def test_next_line_skips_blank_and_directive_only_lines() -> None:
    text = lines(
        "<!-- claimcheck-disable-next-line a -->",  # 1
        "",  # 2
        "   ",  # 3
        "<!-- claimcheck-disable-next-line b -->",  # 4
        "Target line.",  # 5
        "Next.",  # 6
    )
    first, second = parse_directives(DOC, text)
    assert first.kind is DirectiveKind.DISABLE_NEXT_LINE
    assert first.ranges == (DisabledRange(5, 5),)
    assert second.ranges == (DisabledRange(5, 5),)
    assert first.disables("a", 5) and not first.disables("a", 6) and not first.disables("b", 5)


def test_next_line_at_end_of_file_covers_nothing() -> None:
    (directive,) = parse_directives(DOC, "Text.\n<!-- claimcheck-disable-next-line -->\n\n")
    assert directive.ranges == ()


def test_crlf_text_uses_file_line_numbers() -> None:
    (directive,) = parse_directives(DOC, "a\r\nb\r\n<!-- claimcheck-disable-next-line -->\r\n\r\nc\r\n")
    assert directive.line == 3
    assert directive.ranges == (DisabledRange(5, 5),)


def test_lookalike_comments_are_not_directives() -> None:
    text = lines(
        "<!-- claimcheck-disabled -->",
        "<!-- claimcheck-disable-foo -->",
        "<!-- eslint-disable -->",
        "claimcheck-disable without a comment",
    )
    assert parse_directives(DOC, text) == ()


def test_disable_all_suppresses_every_rule_inside_only() -> None:
    text = lines(
        "Before.",  # 1
        "<!-- claimcheck-disable -->",  # 2
        "Inside.",  # 3
        "<!-- claimcheck-enable -->",  # 4
        "After.",  # 5
    )
    inside_a, inside_b, after = make_finding("a", 3), make_finding("b", 3), make_finding("a", 5)
    before = make_finding("b", 1)
    result = apply_suppressions((before, inside_a, inside_b, after), (article(text),), ())
    assert result.suppressed == (inside_a, inside_b)
    assert result.kept == (before, after)
    assert result.unused == ()


def test_rule_specific_disable_leaves_other_rules() -> None:
    text = lines("<!-- claimcheck-disable date-conflict -->", "Inside.", "<!-- claimcheck-enable -->")
    dated, other = make_finding("date-conflict", 2), make_finding("ipo-status", 2)
    result = apply_suppressions((dated, other), (article(text),), ())
    assert result.suppressed == (dated,)
    assert result.kept == (other,)


def test_enable_with_ids_reenables_only_those() -> None:
    text = lines(
        "<!-- claimcheck-disable -->",  # 1
        "One.",  # 2
        "<!-- claimcheck-enable a -->",  # 3
        "Four.",  # 4
        "<!-- claimcheck-disable b, c -->",  # 5
        "<!-- claimcheck-enable c -->",  # 6
        "Seven.",  # 7
    )
    findings = {
        ("a", 2): make_finding("a", 2),
        ("a", 4): make_finding("a", 4),
        ("b", 4): make_finding("b", 4),
        ("b", 7): make_finding("b", 7),
        ("c", 7): make_finding("c", 7),
        ("d", 7): make_finding("d", 7),
    }
    result = apply_suppressions(tuple(findings.values()), (article(text),), ())
    # "enable c" re-enables c in every open disable, the disable-all of line 1 included.
    kept = (findings[("a", 4)], findings[("c", 7)])
    assert result.kept == kept
    assert set(result.suppressed) == set(findings.values()) - set(kept)
    assert result.unused == ()


def test_disable_next_line_suppresses_that_line_only() -> None:
    text = lines(
        "<!-- claimcheck-disable-next-line staff-count -->",  # 1
        "",  # 2
        "Target.",  # 3
        "Not targeted.",  # 4
    )
    target, later, other_rule = (
        make_finding("staff-count", 3),
        make_finding("staff-count", 4),
        make_finding("x", 3),
    )
    result = apply_suppressions((target, later, other_rule), (article(text),), ())
    assert result.suppressed == (target,)
    assert result.kept == (later, other_rule)


def test_any_claim_in_range_suppresses_a_cross_article_finding() -> None:
    text = lines("Plain.", "<!-- claimcheck-disable-next-line -->", "Target.")
    finding = Finding(
        rule="r",
        kind="k",
        severity=Severity.INFO,
        message="m",
        claims=(make_claim(7, doc="news/b.md"), make_claim(3)),
    )
    result = apply_suppressions((finding,), (article(text), article("No directives.\n", "news/b.md")), ())
    assert result.suppressed == (finding,)


def test_directive_applies_only_to_its_own_article() -> None:
    text = lines("<!-- claimcheck-disable -->", "Inside.")
    same_line_elsewhere = make_finding("r", 2, doc="news/b.md")
    result = apply_suppressions((same_line_elsewhere,), (article(text), article("x\ny\n", "news/b.md")), ())
    assert result.kept == (same_line_elsewhere,)
    assert result.unused == (
        UnusedSuppression(DOC, 1, "<!-- claimcheck-disable --> suppresses no finding; remove it"),
    )


def test_ignore_entry_suppresses_by_fingerprint() -> None:
    ignored, kept = make_finding("r", 1), make_finding("r", 2)
    entry = IgnoreEntry(fingerprint=f"  {finding_fingerprint(ignored).upper()} ", reason="known wording")
    result = apply_suppressions((ignored, kept), (), (entry,))
    assert result.suppressed == (ignored,)
    assert result.kept == (kept,)
    assert result.unused == ()


def test_ignore_entry_matches_fingerprint_after_file_rename_and_line_move() -> None:
    original = make_finding("r", 4)
    moved = dataclasses.replace(
        original, claims=tuple(dataclasses.replace(c, doc="renamed.md", line=40) for c in original.claims)
    )
    result = apply_suppressions((moved,), (), (IgnoreEntry(finding_fingerprint(original), "accepted"),))
    assert result.suppressed == (moved,)


def test_unused_directives_and_ignores_are_reported() -> None:
    text = lines(
        "<!-- claimcheck-disable-next-line a -->",  # 1
        "Used.",  # 2
        "<!-- claimcheck-disable-next-line b -->",  # 3
        "Nothing here for b.",  # 4
        "<!-- claimcheck-disable c -->",  # 5
        "<!-- claimcheck-enable c -->",  # 6
    )
    finding = make_finding("a", 2)
    ignores = (IgnoreEntry("0123456789abcdef", "old finding"), IgnoreEntry("fedcba9876543210", ""))
    result = apply_suppressions((finding,), (article(text),), ignores)
    assert result.suppressed == (finding,)
    assert result.unused == (
        UnusedSuppression(DOC, 3, "<!-- claimcheck-disable-next-line b --> suppresses no finding; remove it"),
        UnusedSuppression(DOC, 5, "<!-- claimcheck-disable c --> suppresses no finding; remove it"),
        UnusedSuppression(
            CONFIG_DOC,
            None,
            "[[ignore]] fingerprint 0123456789abcdef (old finding) matches no finding; remove it",
        ),
        UnusedSuppression(
            CONFIG_DOC, None, "[[ignore]] fingerprint fedcba9876543210 matches no finding; remove it"
        ),
    )


def test_finding_matched_by_directive_and_ignore_uses_both() -> None:
    text = lines("<!-- claimcheck-disable-next-line -->", "Target.")
    finding = make_finding("r", 2)
    result = apply_suppressions(
        (finding,), (article(text),), (IgnoreEntry(finding_fingerprint(finding), "x"),)
    )
    assert result.suppressed == (finding,)
    assert result.unused == ()


def test_directives_naming_unknown_rules_and_unclosed_disables_are_reported() -> None:
    from claimcheck.suppress import directive_problems

    text = (
        "<!-- claimcheck-disable-next-line shedule -->\n"
        "A sentence.\n\n"
        "<!-- claimcheck-disable negation -->\n"
        "Another sentence.\n"
    )
    article = Article(doc="a.md", text=text)
    problems = directive_problems((article,), ["schedule", "negation"])
    described = [(p.line, p.description) for p in problems]
    assert len(described) == 2
    assert described[0][0] == 1 and "names no rule 'shedule'; did you mean 'schedule'?" in described[0][1]
    assert described[1][0] == 4 and "never closed" in described[1][1]
    closed = Article(doc="b.md", text="<!-- claimcheck-disable -->\nText.\n<!-- claimcheck-enable -->\n")
    assert directive_problems((closed,), ["schedule"]) == ()
