"""Rule kinds: each is code (one module); each rule is data (a ``[rules.<id>]`` table).

A kind module has a docstring (its documentation, shown by ``claimcheck explain``), an
``Options`` frozen dataclass with ``from_toml``, ``DEFAULT_SEVERITY``, ``DEFAULT_MESSAGE`` and
``check(pairs, rule, context)``, a generator of findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from claimcheck.model import Claim, Finding, Severity
from claimcheck.rules import (
    antonyms,
    change_over_time,
    date_conflict,
    direction_conflict,
    exclusive_events,
    granularity,
    negation,
    number_conflict,
    profile_conflict,
    reversed_roles,
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    severity: Severity
    message: str
    description: str
    options: object

    def finding(
        self,
        *,
        message: str,
        claims: tuple[Claim, ...],
        differences: tuple[str, ...] = (),
        severity: Severity | None = None,
        slot: str = "",
    ) -> Finding:
        """A finding of this rule (at its configured severity unless the kind lowers it); ``slot``
        names the attribute whose values clash, so clashes of one slot become one finding."""
        return Finding(
            rule=self.id,
            kind=self.kind,
            severity=self.severity if severity is None else severity,
            message=message,
            claims=claims,
            differences=differences,
            slot=slot,
        )


KINDS: dict[str, ModuleType] = {
    "exclusive-events": exclusive_events,
    "negation": negation,
    "date-conflict": date_conflict,
    "granularity": granularity,
    "number-conflict": number_conflict,
    "change-over-time": change_over_time,
    "reversed-roles": reversed_roles,
    "profile-conflict": profile_conflict,
    "antonyms": antonyms,
    "direction-conflict": direction_conflict,
}
