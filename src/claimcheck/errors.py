"""Errors raised by library code; the CLI turns them into one red line and an exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0
    FINDINGS = 1  # only under `check`: new findings
    ERROR = 2  # bad input, configuration or output, or an internal error
    INTERRUPTED = 130  # Ctrl-C


class ClaimcheckError(Exception):
    """Base of every error claimcheck reports to users; the message says what to do."""


class InputError(ClaimcheckError):
    """An article path could not be read or holds no article."""


class ConfigError(ClaimcheckError):
    """rules.toml is malformed; ``problems`` lists every one found, with its key path."""

    def __init__(self, path: str, problems: tuple[str, ...]) -> None:
        self.path = path
        self.problems = problems
        # One problem per line, each starting with its key path (and line), as a linter lists them.
        if len(problems) == 1:
            super().__init__(f"{path}: {problems[0]}")
            return
        listing = "".join(f"\n  {problem}" for problem in problems)
        super().__init__(f"{path}: {len(problems)} problems in the configuration:{listing}")


class ModelError(ClaimcheckError):
    """The spaCy pipeline named in the config cannot be loaded."""


class BaselineError(ClaimcheckError):
    """A baseline file is unreadable or of an unknown schema."""


class CacheError(ClaimcheckError):
    """The claim cache could not do what a command asked of it (``cache clear``)."""
