"""Structure of the packaged default rules: data checks that need no spaCy model."""

import itertools
import re
import tomllib
from importlib.resources import files

import pytest

from claimcheck.rules import KINDS

KNOWN_KINDS = set(KINDS)
SEVERITIES = {"error", "warning", "info"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
EVENT_PLACEHOLDERS = {"subject", "a", "b"}


def load_defaults() -> dict:
    resource = files("claimcheck") / "data" / "default_rules.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8"))


DEFAULTS = load_defaults()
RULES = DEFAULTS["rules"]
FAMILIES = {rule_id: rule for rule_id, rule in RULES.items() if rule["kind"] == "exclusive-events"}


def test_settings():
    settings = DEFAULTS["settings"]
    assert isinstance(settings["model"], str) and settings["model"]
    assert 0 <= settings["min_similarity"] <= 100


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_has_kind_severity_and_message(rule_id):
    rule = RULES[rule_id]
    assert rule["kind"] in KNOWN_KINDS
    assert rule["severity"] in SEVERITIES
    assert isinstance(rule["message"], str) and rule["message"].strip()


def test_every_kind_has_a_default_instance():
    assert {rule["kind"] for rule in RULES.values()} == KNOWN_KINDS


def test_at_least_25_event_families():
    assert len(FAMILIES) >= 25


@pytest.mark.parametrize("rule_id", sorted(FAMILIES))
def test_event_family_groups(rule_id):
    family = FAMILIES[rule_id]
    assert isinstance(family["description"], str) and family["description"].strip()
    assert set(PLACEHOLDER.findall(family["message"])) <= EVENT_PLACEHOLDERS
    groups = family["groups"]
    assert len(groups) >= 2
    seen: dict[str, int] = {}
    for index, group in enumerate(groups):
        assert group, f"group {index + 1} is empty"
        for phrase in group:
            assert isinstance(phrase, str)
            assert phrase == phrase.strip().lower(), f"{phrase!r} is not lower-case and stripped"
            assert "-" not in phrase, f"{phrase!r}: write hyphens as spaces"
            assert "  " not in phrase and phrase, f"{phrase!r}: empty or double space"
            assert phrase not in seen, f"{phrase!r} is in groups {seen[phrase] + 1} and {index + 1}"
            seen[phrase] = index


def test_no_pair_is_separated_by_two_families():
    """One pair of predicates belongs to one family, so one pair of claims gives one finding."""
    owner: dict[frozenset[str], str] = {}
    for rule_id, family in FAMILIES.items():
        for group_a, group_b in itertools.combinations(family["groups"], 2):
            for a, b in itertools.product(group_a, group_b):
                pair = frozenset((a, b))
                assert pair not in owner, f"{sorted(pair)} separated by {owner[pair]} and {rule_id}"
                owner[pair] = rule_id


def test_aliases_are_lower_case_lists():
    aliases = DEFAULTS["aliases"]
    assert aliases
    owner: dict[str, str] = {}
    for key, values in aliases.items():
        assert key == key.strip().lower()
        assert isinstance(values, list) and values
        for alias in values:
            assert isinstance(alias, str)
            assert alias == alias.strip().lower() and alias, f"{key}: {alias!r}"
            assert alias != key
            assert alias not in aliases, f"{alias!r} is both an alias and a key"
            assert alias not in owner, f"{alias!r} is an alias of {owner[alias]} and {key}"
            owner[alias] = key


def test_no_rule_names_the_seed_article():
    text = (files("claimcheck") / "data" / "default_rules.toml").read_text(encoding="utf-8").lower()
    for name in ("renault", "ampere", "nissan", "mitsubishi", "de meo", "provost"):
        assert name not in text


def test_number_conflict_tolerances():
    rule = RULES["number-conflict"]
    assert 0 <= rule["tolerance"] <= rule["approximate_tolerance"] < 1


def test_change_over_time_markers():
    markers = RULES["change-over-time"]["markers"]
    assert len(markers) == len(set(markers))
    assert all(marker == marker.strip().lower() and marker for marker in markers)
    for required in ("up from", "down from", "revise", "later", "now", "initially", "has since"):
        assert required in markers
