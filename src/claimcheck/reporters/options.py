"""What a reporter needs besides the Report: terminal width, colour, baseline, rule metadata."""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck import __version__
from claimcheck.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """A configured rule as SARIF and other rule listings describe it."""

    id: str  # "ipo-status"
    kind: str  # "exclusive-events"
    severity: Severity
    description: str = ""
    message: str = ""  # the message template from rules.toml


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render a Report; the same options go to every format, each uses what it needs.

    ``new_fingerprints`` is set by ``claimcheck check``: findings whose fingerprint is in it are
    new (they fail the check), the others are accepted by the baseline.
    """

    width: int | None = None
    color: bool = False
    new_fingerprints: frozenset[str] | None = None
    # Set by ``check``: the new findings that fail the run (at or above --fail-on, in the
    # articles gated by --changed-since). None: every new warning or error fails.
    failing_fingerprints: frozenset[str] | None = None
    rules: tuple[RuleMeta, ...] = ()
    tool_version: str = __version__
    github_summary_path: str | None = None
    # Findings left out of this report and why ("3 below --min-severity warning"), so a clean
    # summary never hides them.
    hidden: tuple[str, ...] = ()

    @property
    def checking(self) -> bool:
        return self.new_fingerprints is not None

    def is_new(self, finding: Finding) -> bool:
        """True unless a baseline accepts the finding (outside ``check`` every finding is new)."""
        return self.new_fingerprints is None or finding.fingerprint in self.new_fingerprints

    def status(self, finding: Finding) -> str | None:
        """ "new" or "accepted" under ``check``; None otherwise."""
        if self.new_fingerprints is None:
            return None
        return "new" if finding.fingerprint in self.new_fingerprints else "accepted"

    def fails(self, finding: Finding) -> bool:
        """A finding fails a CI run when it is new and at least a warning (or as ``check`` decided)."""
        if self.failing_fingerprints is not None:
            return finding.fingerprint in self.failing_fingerprints
        return self.is_new(finding) and finding.severity.rank >= Severity.WARNING.rank
