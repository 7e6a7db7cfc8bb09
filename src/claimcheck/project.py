"""Where a project's configuration is: standard library only, so the thin client
(``claimcheck.client``) finds the cache folder without importing the configuration code."""

from __future__ import annotations

import tomllib
from pathlib import Path

RULES_FILE = "rules.toml"
PYPROJECT_FILE = "pyproject.toml"


def find_config(start: Path | None = None) -> Path | None:
    """The project's configuration: the nearest ``rules.toml``, or ``pyproject.toml`` holding a
    ``[tool.claimcheck]`` table, in ``start`` (default: the current folder) or a folder above
    it, as ruff, eslint and Vale search."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        rules = candidate / RULES_FILE
        if rules.is_file():
            return rules
        pyproject = candidate / PYPROJECT_FILE
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("claimcheck"), dict)
