"""Suppressing findings: comment directives inside articles and ``[[ignore]]`` entries in rules.toml.

Directives are Markdown/HTML comments, so they never show in the rendered article:

    <!-- claimcheck-disable -->                 every rule, until a matching enable
    <!-- claimcheck-disable rule-a, rule-b -->  only those rules
    <!-- claimcheck-enable -->                  ends every open disable
    <!-- claimcheck-enable rule-a -->           re-enables rule-a only; the rest stay disabled
    <!-- claimcheck-disable-next-line [ids] --> the next non-blank line (directive-only lines
                                                are skipped, so these can be stacked)

A disable covers the lines from its own line through the line of the enable that ends it
(both included; comment lines hold no claims) or the end of the file. A finding is
suppressed when any of its claims starts on a covered line for the finding's rule, or when
its fingerprint is listed in ``[[ignore]]``. Suppressions that suppress nothing are
reported back, so stale ones can be removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from claimcheck.baseline import finding_fingerprint
from claimcheck.model import Article, Finding

CONFIG_DOC = "rules.toml"

_DIRECTIVE = re.compile(
    r"<!--\s*claimcheck-(?P<kind>disable-next-line|disable|enable)(?:\s+(?P<ids>[^>]*?))?\s*-->"
)
_ID_SEPARATOR = re.compile(r"[\s,]+")


class DirectiveKind(StrEnum):
    DISABLE = "disable"
    ENABLE = "enable"
    DISABLE_NEXT_LINE = "disable-next-line"


@dataclass(frozen=True, slots=True)
class DisabledRange:
    """Lines ``start`` to ``end`` (1-based, inclusive), minus rules re-enabled before ``start``."""

    start: int
    end: int
    reenabled: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Directive:
    doc: str
    line: int  # the directive's own line, 1-based
    kind: DirectiveKind
    rules: tuple[str, ...]  # empty: every rule
    ranges: tuple[DisabledRange, ...] = ()  # empty for enable, or a next-line with no next line
    unclosed: bool = False  # a disable no enable ends: it runs to the end of the file

    def disables(self, rule: str, line: int) -> bool:
        if self.rules and rule not in self.rules:
            return False
        return any(r.start <= line <= r.end and rule not in r.reenabled for r in self.ranges)

    @property
    def source(self) -> str:
        ids = f" {', '.join(self.rules)}" if self.rules else ""
        return f"<!-- claimcheck-{self.kind.value}{ids} -->"


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """One ``[[ignore]]`` table of rules.toml: the fingerprint of an accepted finding and why."""

    fingerprint: str
    reason: str


@dataclass(frozen=True, slots=True)
class UnusedSuppression:
    doc: str  # the article, or "rules.toml" for an [[ignore]] entry
    line: int | None  # the directive's line; None for an [[ignore]] entry
    description: str


@dataclass(frozen=True, slots=True)
class SuppressionResult:
    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    unused: tuple[UnusedSuppression, ...]


@dataclass(slots=True)
class _OpenDisable:
    line: int
    rules: tuple[str, ...]
    segment_start: int
    reenabled: tuple[str, ...] = ()
    ranges: tuple[DisabledRange, ...] = ()


def parse_directives(doc: str, text: str) -> tuple[Directive, ...]:
    """Every claimcheck directive in an article's text, in order, with the lines it covers."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    last_line = len(lines)
    # Directives are built when their extent is known; keyed by position to restore text order.
    found: dict[tuple[int, int], Directive] = {}
    open_disables: dict[tuple[int, int], _OpenDisable] = {}

    def close(position: tuple[int, int], state: _OpenDisable, end: int, unclosed: bool = False) -> None:
        if state.segment_start <= end:
            segment = DisabledRange(state.segment_start, end, state.reenabled)
            state.ranges = (*state.ranges, segment)
        found[position] = Directive(
            doc, state.line, DirectiveKind.DISABLE, state.rules, state.ranges, unclosed
        )

    for number, line in enumerate(lines, start=1):
        for match in _DIRECTIVE.finditer(line):
            position = (number, match.start())
            kind = DirectiveKind(match.group("kind"))
            rules = _rule_ids(match.group("ids"))
            if kind is DirectiveKind.DISABLE:
                open_disables[position] = _OpenDisable(line=number, rules=rules, segment_start=number)
            elif kind is DirectiveKind.ENABLE:
                found[position] = Directive(doc, number, kind, rules)
                for key, state in list(open_disables.items()):
                    if not rules:
                        close(key, state, number)
                        del open_disables[key]
                        continue
                    affected = [r for r in rules if (not state.rules or r in state.rules)]
                    affected = [r for r in affected if r not in state.reenabled]
                    if not affected:
                        continue
                    if state.segment_start <= number:
                        segment = DisabledRange(state.segment_start, number, state.reenabled)
                        state.ranges = (*state.ranges, segment)
                    state.reenabled = (*state.reenabled, *affected)
                    state.segment_start = number + 1
                    if state.rules and set(state.rules) <= set(state.reenabled):
                        close(key, state, number)
                        del open_disables[key]
            else:
                target = _next_content_line(lines, number)
                ranges = (DisabledRange(target, target),) if target is not None else ()
                found[position] = Directive(doc, number, kind, rules, ranges)
    for key, state in open_disables.items():
        close(key, state, last_line, unclosed=True)
    return tuple(found[key] for key in sorted(found))


def apply_suppressions(
    findings: tuple[Finding, ...],
    articles: tuple[Article, ...],
    ignores: tuple[IgnoreEntry, ...],
) -> SuppressionResult:
    """Split findings into kept and suppressed; report directives and ignores that matched none."""
    directives = {article.doc: parse_directives(article.doc, article.text) for article in articles}
    ignored: dict[str, list[int]] = {}
    for index, entry in enumerate(ignores):
        ignored.setdefault(_normalise_fingerprint(entry.fingerprint), []).append(index)

    used_directives: set[Directive] = set()
    used_ignores: set[int] = set()
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        matched = False
        for claim in finding.claims:
            for directive in directives.get(claim.doc, ()):
                if directive.disables(finding.rule, claim.line):
                    used_directives.add(directive)
                    matched = True
        matching_ignores = ignored.get(_normalise_fingerprint(finding_fingerprint(finding)), [])
        if matching_ignores:
            used_ignores.update(matching_ignores)
            matched = True
        (suppressed if matched else kept).append(finding)

    unused: list[UnusedSuppression] = []
    for article in articles:
        for directive in directives[article.doc]:
            if directive.kind is DirectiveKind.ENABLE or directive in used_directives:
                continue
            unused.append(
                UnusedSuppression(
                    doc=article.doc,
                    line=directive.line,
                    description=f"{directive.source} suppresses no finding; remove it",
                )
            )
    for index, entry in enumerate(ignores):
        if index not in used_ignores:
            reason = f" ({entry.reason})" if entry.reason else ""
            unused.append(
                UnusedSuppression(
                    doc=CONFIG_DOC,
                    line=None,
                    description=f"[[ignore]] fingerprint {entry.fingerprint}{reason} matches no finding; "
                    "remove it",
                )
            )
    return SuppressionResult(kept=tuple(kept), suppressed=tuple(suppressed), unused=tuple(unused))


def directive_problems(
    articles: tuple[Article, ...], known_rules: Iterable[str]
) -> tuple[UnusedSuppression, ...]:
    """Directives that cannot mean what they say: a rule id no rule has (with the closest one),
    and a ``claimcheck-disable`` no ``claimcheck-enable`` ends (it silences the rest of the file)."""
    import difflib

    known = sorted(set(known_rules))
    problems: list[UnusedSuppression] = []
    for article in articles:
        for directive in parse_directives(article.doc, article.text):
            for rule in directive.rules:
                if rule in known:
                    continue
                close = difflib.get_close_matches(rule, known, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "run `claimcheck rules` for the rule ids"
                problems.append(
                    UnusedSuppression(
                        article.doc, directive.line, f"{directive.source} names no rule '{rule}'; {hint}"
                    )
                )
            if directive.unclosed:
                problems.append(
                    UnusedSuppression(
                        article.doc,
                        directive.line,
                        f"{directive.source} is never closed and covers the rest of the file; "
                        "end it with <!-- claimcheck-enable -->",
                    )
                )
    return tuple(problems)


def _rule_ids(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    ids = [token for token in _ID_SEPARATOR.split(raw) if token]
    return tuple(dict.fromkeys(ids))


def _next_content_line(lines: list[str], number: int) -> int | None:
    """The next line after ``number`` (1-based) holding more than blanks and directives."""
    for index in range(number, len(lines)):
        if _DIRECTIVE.sub("", lines[index]).strip():
            return index + 1
    return None


def _normalise_fingerprint(value: str) -> str:
    return value.strip().lower()
