"""Fingerprints of findings and the baseline of accepted ones, so CI fails only on new findings.

A fingerprint comes from what a finding says, never from where it sits: the rule id plus the
set of its claims, each as its normalised sentence (digits kept, so a changed figure is a new
finding) and predicate. Renaming a file, moving lines, reordering or adding paragraphs or
rewrapping whitespace leaves it unchanged. The subject key is left out: it is resolved from
what came before ("Sollander" is the last full name seen), so reordering paragraphs can
change it while the sentences stay the same.

Findings are matched to baseline entries by fingerprint as a set: a baseline entry accepts
every current finding with its fingerprint, so the same contradiction copied into a second
article is accepted too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.atomic import write_atomic
from claimcheck.errors import BaselineError
from claimcheck.model import Claim, Finding, Report, Severity

SCHEMA = "claimcheck.baseline/1"
FINGERPRINT_LENGTH = 16
# How a user gets a fresh baseline; named in every read error.
REGENERATE_HINT = "write a new one with `claimcheck baseline`"

_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',  # guillemets
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
        "\u2026": "...",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\ufeff": None,
    }
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    severity: Severity
    message: str
    docs: tuple[str, ...] = ()  # base names of the articles, for people reading the file
    texts: tuple[str, ...] = ()  # the claim sentences, for people reading the file


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[BaselineEntry, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(entry.fingerprint for entry in self.entries)


@dataclass(frozen=True, slots=True)
class BaselineComparison:
    new: tuple[Finding, ...]  # not in the baseline: these fail CI
    accepted: tuple[Finding, ...]  # in the baseline
    stale: tuple[BaselineEntry, ...]  # baseline entries no current finding matches


def normalise_text(text: str) -> str:
    """Casefold, strip accents, unify quotes and dashes, collapse whitespace; keep digits."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Translate again: NFKD can turn compatibility characters into curly quotes or dashes.
    return _WHITESPACE.sub(" ", stripped.translate(_PUNCTUATION).casefold()).strip()


def claim_content(claim: Claim) -> str:
    """The part of a claim a fingerprint depends on: its sentence and predicate, both normalised;
    nothing that depends on the claim's position or on the paragraphs before it."""
    return "\x1f".join((normalise_text(claim.text), normalise_text(claim.predicate)))


def fingerprint(rule: str, claims: tuple[Claim, ...]) -> str:
    """A stable content hash of a finding: independent of paths, lines, offsets and claim order."""
    contents = sorted(claim_content(claim) for claim in claims)
    payload = "\x1e".join((rule.strip(), *contents))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def finding_fingerprint(finding: Finding) -> str:
    """The finding's own fingerprint when the pipeline set one, else the computed one."""
    return finding.fingerprint or fingerprint(finding.rule, finding.claims)


def baseline_from_report(report: Report) -> Baseline:
    """Accept every finding of a report; findings sharing a fingerprint become one entry."""
    by_fingerprint: dict[str, BaselineEntry] = {}
    for finding in report.findings:
        key = finding_fingerprint(finding)
        docs = {_base_name(claim.doc) for claim in finding.claims}
        previous = by_fingerprint.get(key)
        if previous is not None:
            by_fingerprint[key] = BaselineEntry(
                fingerprint=key,
                rule=previous.rule,
                severity=previous.severity,
                message=previous.message,
                docs=tuple(sorted(docs | set(previous.docs))),
                texts=previous.texts,
            )
            continue
        by_fingerprint[key] = BaselineEntry(
            fingerprint=key,
            rule=finding.rule,
            severity=finding.severity,
            message=finding.message,
            docs=tuple(sorted(docs)),
            texts=tuple(_WHITESPACE.sub(" ", claim.text).strip() for claim in finding.claims),
        )
    return Baseline(entries=tuple(by_fingerprint[key] for key in sorted(by_fingerprint)))


def compare(report_findings: tuple[Finding, ...], baseline: Baseline) -> BaselineComparison:
    """Split current findings into new and accepted; list the baseline entries now unmatched."""
    accepted_fingerprints = baseline.fingerprints
    new: list[Finding] = []
    accepted: list[Finding] = []
    seen: set[str] = set()
    for finding in report_findings:
        key = finding_fingerprint(finding)
        seen.add(key)
        (accepted if key in accepted_fingerprints else new).append(finding)
    stale = tuple(entry for entry in baseline.entries if entry.fingerprint not in seen)
    return BaselineComparison(new=tuple(new), accepted=tuple(accepted), stale=stale)


def baseline_to_json(baseline: Baseline) -> str:
    """The file's bytes (as text): entries sorted by fingerprint, indent 2, trailing newline."""
    entries = sorted(baseline.entries, key=lambda e: (e.fingerprint, e.rule, e.message))
    document = {
        "schema": SCHEMA,
        "entries": [
            {
                "fingerprint": entry.fingerprint,
                "rule": entry.rule,
                "severity": entry.severity.value,
                "message": entry.message,
                "docs": list(entry.docs),
                "texts": list(entry.texts),
            }
            for entry in entries
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_baseline(path: str | os.PathLike[str], baseline: Baseline) -> None:
    """Write atomically (see :mod:`claimcheck.atomic`); a new baseline is 0644, a shared,
    committed file."""
    try:
        write_atomic(path, baseline_to_json(baseline), new_file_mode=0o644)
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror or exc}") from exc


def read_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Load a baseline file; raise BaselineError with a one-line message saying what to do."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BaselineError(f"baseline {source} does not exist; {REGENERATE_HINT}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {source}: {exc}; {REGENERATE_HINT}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"baseline {source} is not valid JSON (line {exc.lineno}: {exc.msg}); "
            f"fix the merge or {REGENERATE_HINT}"
        ) from exc
    except RecursionError:
        raise BaselineError(f"baseline {source} is nested too deeply to be one; {REGENERATE_HINT}") from None
    if not isinstance(document, dict):
        raise BaselineError(f"baseline {source} is not a JSON object; {REGENERATE_HINT}")
    schema = document.get("schema")
    if schema != SCHEMA:
        raise BaselineError(
            f"baseline {source} has schema {schema!r}, expected {SCHEMA!r}; {REGENERATE_HINT}"
        )
    raw_entries = document.get("entries")
    if not isinstance(raw_entries, list):
        raise BaselineError(f"baseline {source} has no 'entries' list; {REGENERATE_HINT}")
    entries = tuple(_entry_from_json(source, i, raw) for i, raw in enumerate(raw_entries))
    return Baseline(entries=entries)


def _entry_from_json(source: Path, index: int, raw: Any) -> BaselineEntry:
    where = f"baseline {source} entries[{index}]"
    if not isinstance(raw, dict):
        raise BaselineError(f"{where} is not an object; {REGENERATE_HINT}")
    values: dict[str, str] = {}
    for name in ("fingerprint", "rule", "severity", "message"):
        value = raw.get(name)
        if not isinstance(value, str) or (name != "message" and not value):
            raise BaselineError(f"{where} needs a non-empty string '{name}'; {REGENERATE_HINT}")
        values[name] = value
    try:
        severity = Severity(values["severity"])
    except ValueError as exc:
        allowed = ", ".join(s.value for s in Severity)
        raise BaselineError(
            f"{where} has severity {values['severity']!r}, expected one of {allowed}; {REGENERATE_HINT}"
        ) from exc
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("docs", "texts"):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise BaselineError(f"{where} '{name}' must be a list of strings; {REGENERATE_HINT}")
        lists[name] = tuple(value)
    return BaselineEntry(
        fingerprint=values["fingerprint"],
        rule=values["rule"],
        severity=severity,
        message=values["message"],
        docs=lists["docs"],
        texts=lists["texts"],
    )


def _base_name(doc: str) -> str:
    return doc.replace("\\", "/").rsplit("/", 1)[-1] or doc


def how_to_accept(finding: Finding, baseline_path: str) -> str:
    """The next step after a failing ``check``: the three ways to accept a finding, spelled out
    for ``finding`` (its rule, first sentence and fingerprint), ready to paste."""
    claim = finding.claims[0] if finding.claims else None
    where = f" ({claim.doc}, line {claim.line})" if claim is not None else ""
    return "\n".join(
        (
            "To accept a finding that is not a contradiction, either:",
            f"  - accept every current finding: claimcheck baseline -o {baseline_path}",
            f"  - put this line before its sentence{where}:",
            f"      <!-- claimcheck-disable-next-line {finding.rule} -->",
            "  - or add to rules.toml:",
            "      [[ignore]]",
            f'      fingerprint = "{finding_fingerprint(finding)}"',
            '      reason = "why this is not a contradiction"',
        )
    )
