from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

SEED = Path(__file__).parent / "golden" / "seed" / "articles" / "renault-ampere.md"
NEWSDEV = Path(__file__).parent / "golden" / "newsdev" / "articles"
runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_report_json_default_corpus(workdir):
    result = invoke("report", "--format", "json", "--no-cache")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "claimcheck.report/1"
    assert {"fingerprint", "rule", "kind", "severity", "message", "claims"} <= set(data["findings"][0])
    claim = data["findings"][0]["claims"][0]
    for key in (
        "doc",
        "paragraph",
        "line",
        "column",
        "start",
        "end",
        "text",
        "subject",
        "predicate",
        "object",
        "polarity",
        "time",
        "quantity",
        "source",
    ):
        assert key in claim
    text = (workdir / "corpus" / "seed.md").read_text(encoding="utf-8")
    assert text[claim["start"] : claim["end"]] == claim["text"]


def test_report_table_has_summary_and_locations(workdir):
    result = invoke("report", "--no-cache", "--width", "120")
    assert result.exit_code == 0
    assert "corpus/seed.md:" in result.stdout
    assert "warning" in result.stdout and "finding" in result.stdout.splitlines()[-1]


def test_min_severity_hides_info(workdir):
    result = invoke("report", "--format", "json", "--no-cache", "--min-severity", "warning")
    severities = {f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert severities and "info" not in severities


def test_output_file_and_stdin(workdir):
    out = workdir / "out" / "r.json"
    result = invoke(
        "report", "-", "--format", "json", "--no-cache", "--output", str(out), input=SEED.read_text()
    )
    assert result.exit_code == 0 and json.loads(out.read_text())["findings"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty file"),
        (b"\x00\x00", "binary"),
        (b"\xe9t\xe9", "not UTF-8"),
        (b"---\na: [\n---\nx.\n", "front matter"),
    ],
)
def test_bad_input_exits_2_with_one_line(workdir, content, fragment):
    bad = workdir / "bad.md"
    bad.write_bytes(content)
    result = invoke("report", str(bad), "--no-cache")
    assert result.exit_code == 2
    assert fragment in result.stderr and "bad.md" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_path_and_empty_folder_exit_2(workdir):
    assert invoke("report", "nope.md", "--no-cache").exit_code == 2
    (workdir / "empty").mkdir()
    result = invoke("report", "empty", "--no-cache")
    assert result.exit_code == 2 and "no .md" in result.stderr


def test_bad_file_among_good_is_reported_and_rest_processed(workdir):
    (workdir / "corpus" / "broken.md").write_bytes(b"\xff\xfe\xfa")
    result = invoke("report", "--format", "json", "--no-cache")
    assert result.exit_code == 0
    assert "broken.md" in result.stderr
    data = json.loads(result.stdout)
    assert data["findings"] and [p["doc"] for p in data["problems"]] == ["corpus/broken.md"]


def test_config_errors_exit_2_listing_all(workdir):
    (workdir / "rules.toml").write_text(
        '[rules.x]\nkind = "nope"\n[rules.y]\nkind = "negation"\nseverity = "bad"\n'
    )
    result = invoke("report", "--no-cache")
    assert result.exit_code == 2
    assert "rules.x.kind" in result.stderr and "rules.y.severity" in result.stderr


def test_unknown_format_is_a_usage_error(workdir):
    assert invoke("report", "--format", "pdf").exit_code == 2


def test_claims_rules_explain_dates(workdir):
    claims = json.loads(invoke("claims", "--format", "json", "--no-cache").stdout)
    assert any(c["predicate"] == "reintegrate" for c in claims["claims"])
    listed = invoke("rules", "--rules", str(workdir / "none.toml"))
    assert listed.exit_code == 2
    listed = invoke("rules")
    assert listed.exit_code == 0 and "negation" in listed.stdout
    explained = invoke("explain", "date-conflict")
    assert explained.exit_code == 0 and "Fails:" in explained.stdout and "Passes:" in explained.stdout
    assert invoke("explain", "no-such-rule").exit_code == 2
    events = invoke("explain", "events")
    assert events.exit_code == 0 and "went down" in events.stdout
    slots = invoke("explain", "slots")
    assert slots.exit_code == 0 and "six-year term" in slots.stdout
    dates = json.loads(invoke("dates", "--format", "json").stdout)
    late = next(m for m in dates["mentions"] if m["text"] == "late 2023")
    assert late["earliest"] == "2023-09-01" and late["latest"] == "2023-12-31"
    text = (workdir / "corpus" / "seed.md").read_text(encoding="utf-8")
    assert all(text[m["start"] : m["end"]] == m["text"] for m in dates["mentions"])


def test_version_and_help():
    assert invoke("--version").stdout.startswith("claimcheck ")
    result = invoke()
    assert result.exit_code == 0 and "report" in result.stdout


def test_output_to_a_fifo_writes_through_it_and_files_get_normal_modes(workdir):
    import os
    import threading

    fifo = workdir / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    assert invoke("report", "--format", "json", "--no-cache", "--output", str(fifo)).exit_code == 0
    reader.join(timeout=30)
    assert fifo.is_fifo() and json.loads(received[0])["findings"]
    out = workdir / "r.json"
    invoke("report", "--format", "json", "--no-cache", "--output", str(out))
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current


def test_jobs_gives_the_same_report(workdir):
    one = invoke("report", "--format", "json", "--no-cache")
    two = invoke("report", "--format", "json", "--no-cache", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout


@pytest.mark.parametrize("target", ["corpus/seed.md/x.json", "corpus/seed.md"])
def test_unwritable_output_is_one_line_exit_2(workdir, target):
    if target == "corpus/seed.md":
        result = invoke("export", "--no-cache", "--output", target)  # a file where a folder is needed
    else:
        result = invoke("report", "--no-cache", "--format", "json", "--output", target)
    assert result.exit_code == 2
    assert result.stderr.startswith("error:") and len(result.stderr.strip().splitlines()) == 1


# -- issue 10: exit codes CI can trust ---------------------------------------------------------


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    return lines[0]


def test_non_utf8_standard_input_is_one_line_exit_2(workdir):
    """Row 6: `report - < /bin/ls` was a UnicodeEncodeError traceback."""
    result = runner.invoke(app, ["report", "-", "--no-cache"], input=b"\x7fELF\x02\x01\xe9\xff binary")
    assert result.exit_code == 2
    assert "not UTF-8" in one_error_line(result)
    result = runner.invoke(app, ["report", "-", "--no-cache"], input=b"\x7fELF\x00\x00")
    assert result.exit_code == 2 and "binary" in one_error_line(result)
    result = runner.invoke(app, ["dates", "-"], input="caf\u00e9 on Monday.".encode("latin-1"))
    assert result.exit_code == 2 and "not UTF-8" in one_error_line(result)


def test_unexpected_exception_is_exit_2_not_1(workdir, monkeypatch):
    """Row 10: any unexpected exception exited 1, the code of 'new findings' under check."""
    import claimcheck.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug\nwith a second line")

    monkeypatch.setattr(claimcheck.pipeline, "run", broken)
    for command in ("check", "report"):
        result = runner.invoke(app, [command, "--no-cache"])
        assert result.exit_code == 2
        line = one_error_line(result)
        assert "internal error" in line and "simulated bug with a second line" in line
    debug = runner.invoke(app, ["--debug", "check", "--no-cache"])
    assert debug.exit_code == 2
    assert "Traceback" in debug.stderr and "RuntimeError" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1].startswith("error: internal error")


def test_debug_keeps_the_exit_code_of_an_ordinary_error(workdir):
    result = runner.invoke(app, ["--debug", "report", "nope.md", "--no-cache"])
    assert result.exit_code == 2 and "Traceback" in result.stderr


def test_full_standard_output_is_one_line_exit_2(tmp_path):
    """Row 15: `report -f json > /dev/full` was an OSError traceback."""
    import os
    import subprocess
    import sys

    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    (tmp_path / "a.md").write_text("A quake hit the city on Monday, 3 March 2025.\n", encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "claimcheck.cli", "dates", str(tmp_path / "a.md"), "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write to standard output" in lines[0]


def test_report_larger_than_a_chunk_reaches_stdout_whole(monkeypatch):
    import io

    from claimcheck import cli

    buffer = io.StringIO()
    monkeypatch.setattr(cli.sys, "stdout", buffer)
    monkeypatch.setattr(cli, "STREAM_CHUNK", 7)
    text = "".join(f"line {n}\n" for n in range(1000))
    cli._emit(text, None)
    assert buffer.getvalue() == text


@pytest.mark.parametrize("width", ["-5", "0", "19"])
def test_nonsense_width_is_a_usage_error(workdir, width):
    """Row 19: `--width -5` exited 0 with no output."""
    assert runner.invoke(app, ["report", "--no-cache", "--width", width]).exit_code == 2


def test_deeply_nested_baseline_is_one_line_exit_2(workdir):
    """Row 14: a baseline nested 100,000 deep was a RecursionError traceback."""
    (workdir / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = runner.invoke(app, ["check", "--no-cache", "--baseline", "deep.json"])
    assert result.exit_code == 2 and "nested too deeply" in one_error_line(result)


def test_deeply_nested_rules_file_is_exit_2(workdir):
    (workdir / "rules.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 2 and "nested too deeply" in one_error_line(result)


@pytest.mark.parametrize(
    "rules",
    [
        '[rules.x]\nkind = "negation"\nmessage = "{b"\n',
        '[rules.x]\nkind = "negation"\nmessage = "{subject.__class__.__init__.__globals__}"\n',
        "[settings]\nbatch_size = 0\n",
        '[settings]\nmodel = "blank:en"\n',
    ],
)
def test_bad_rules_are_refused_by_claimcheck_rules(workdir, rules):
    """Rows 11-13: accepted by `claimcheck rules`, then a traceback at report time."""
    (workdir / "rules.toml").write_text(rules, encoding="utf-8")
    assert runner.invoke(app, ["rules"]).exit_code == 2
    assert runner.invoke(app, ["report", "--no-cache"]).exit_code == 2


def test_model_that_is_not_a_pipeline_is_one_line_exit_2(workdir):
    (workdir / "rules.toml").write_text('[settings]\nmodel = "rich"\n', encoding="utf-8")
    result = runner.invoke(app, ["report", "--no-cache"])
    assert result.exit_code == 2 and "not a spaCy pipeline" in one_error_line(result)


@pytest.mark.parametrize(
    ("published", "text"), [("0001-01-01", "It fell yesterday."), ("9999-12-31", "It opens next year.")]
)
def test_dates_at_the_ends_of_the_calendar(workdir, published, text):
    """Row 2 through `claimcheck dates` and `claims`: a traceback before."""
    (workdir / "corpus" / "edge.md").write_text(
        f"---\npublished: {published}\n---\n{text}\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["dates", "corpus/edge.md", "-f", "json"]).exit_code == 0
    assert runner.invoke(app, ["claims", "corpus/edge.md", "-f", "json", "--no-cache"]).exit_code == 0


def test_a_folder_of_every_bad_input_still_reports_the_good_articles(workdir):
    """Issue 10, done when: each bad file is one line on stderr, the good articles' findings are
    reported, and the exit code is 0."""
    import os

    corpus = workdir / "corpus"
    bomb = ["a0: &a0 [lol]"] + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    bad = {
        "feb30.md": b"---\npublished: 2025-02-30\n---\nA quake hit.\n",
        "month13.md": b"---\npublished: 2025-13-45\n---\nA quake hit.\n",
        "zero.md": b"---\npublished: 0000-00-00\n---\nA quake hit.\n",
        "garbage-date.md": b'---\npublished: "2025-09-10garbage"\n---\nA quake hit.\n',
        "bomb.md": ("---\n" + "\n".join(bomb) + "\ntitle: *a9\n---\nA quake hit.\n").encode(),
        "latin1.md": "caf\u00e9 cr\u00e8me.\n".encode("latin-1"),
        "binary.md": b"\x7fELF\x00\x00\x01",
        "late-nul.md": b"A quake hit. " * 1000 + b"\x00\n",
        "empty.md": b"",
        "deep.md": b"---\ntitle: " + b"[" * 50_000 + b"]" * 50_000 + b"\n---\nA quake hit.\n",
        "list-title.md": b"---\ntitle: [a, b]\n---\nA quake hit.\n",
    }
    for name, content in bad.items():
        (corpus / name).write_bytes(content)
    readable = {
        "year-one.md": "---\npublished: 0001-01-01\n---\nThe bridge fell yesterday.\n",
        "year-end.md": "---\npublished: 9999-12-31\n---\nThe bridge opens next year.\n",
        "formula.md": '=HYPERLINK("http://x","y") said the council closed the bridge on Monday.\n',
        "overflow.md": "The plant hired " + "9" * 320 + " workers on Monday.\n",
        "utf16.md": None,
    }
    for name, content in readable.items():
        if content is not None:
            (corpus / name).write_text(content, encoding="utf-8")
    (corpus / "utf16.md").write_bytes("\ufeffThe council closed the bridge.\n".encode("utf-16-le"))
    os.mkfifo(workdir / "pipe.md")
    result = runner.invoke(app, ["report", "corpus", "pipe.md", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == len(bad) + 1  # the FIFO too
    assert all(line.startswith("warning:") for line in warnings)
    for name in bad:
        assert sum(name in line for line in warnings) == 1, name
    record = json.loads(result.stdout, parse_constant=lambda c: 1 / 0)
    assert {p["doc"].rsplit("/", 1)[-1] for p in record["problems"]} == {*bad, "pipe.md"}
    assert any(f["claims"][0]["doc"] == "corpus/seed.md" for f in record["findings"])
    assert {a["doc"].rsplit("/", 1)[-1] for a in record["articles"]} == {"seed.md", *readable}


def test_dates_csv_neutralises_formula_cells(workdir):
    """Row 7 for `dates --format csv`: a file name or text a spreadsheet would run."""
    (workdir / "=cmd.md").write_text("It opened on Monday, 3 March 2025.\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", "=cmd.md", "--format", "csv"])
    assert result.exit_code == 0
    assert "\n'=cmd.md," in result.stdout and "\n=cmd.md," not in result.stdout
