"""Thin typer commands: parse options, call the pipeline, pick a reporter, write, exit.

Library code raises ClaimcheckError; ``_guard`` turns it into one red line on stderr and
exit code 2 (a traceback with --debug).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import click
import typer
from rich.console import Console
from rich.markup import escape

from claimcheck import __version__, atomic
from claimcheck.config import DEFAULT_SOURCE, Config, load_config
from claimcheck.errors import ClaimcheckError, ExitCode
from claimcheck.model import FileProblem, Report, Severity
from claimcheck.project import RULES_FILE

app = typer.Typer(
    name="claimcheck",
    help="Find where news articles contradict themselves or each other.",
    add_completion=True,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)
cache_app = typer.Typer(help="Manage the claim cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
daemon_app = typer.Typer(
    help="A warm daemon that keeps the spaCy pipeline loaded for report, check and export (--daemon).",
    no_args_is_help=True,
)
app.add_typer(daemon_app, name="daemon")

DEFAULT_PATHS = ["corpus"]
DEFAULT_BASELINE = ".claimcheck-baseline.json"
DEFAULT_CACHE_DIR = ".claimcheck"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class ClaimsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class DatesFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class SeverityOption(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


_state = {"debug": False, "quiet": False}

SelectOpt = Annotated[
    str | None,
    typer.Option("--select", help="Only these rules (comma-separated rule ids or kinds) for this run."),
]
IgnoreOpt = Annotated[
    str | None, typer.Option("--ignore", help="Leave out these rules (comma-separated rule ids or kinds).")
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No warnings, summary or hints on stderr; errors still show.")
]
StatisticsOpt = Annotated[
    bool, typer.Option("--statistics", help="Print the number of findings per rule instead of the findings.")
]

PathsArg = Annotated[
    list[str] | None, typer.Argument(help="Article files or folders (.md, .markdown, .txt); '-' reads stdin.")
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Rules file (default: the nearest rules.toml, or pyproject.toml with [tool.claimcheck], "
        "here or in a folder above; else the shipped defaults).",
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Processes parsing with spaCy (its n_process). 0, the default: one per CPU core when "
        "500 or more paragraphs need parsing, else 1 (each process loads the model again, which a "
        "small corpus does not repay). A number above the CPU cores is lowered to them.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run extraction and the rules on the Dask cluster of this scheduler (tcp://host:8786); "
        "needs claimcheck[dask]. The output is the same as a local run's.",
    ),
]
CacheDirOpt = Annotated[Path, typer.Option("--cache-dir", help="Where the claim cache lives.")]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Parse every article again; do not use the cache.")
]
DaemonOpt = Annotated[
    bool,
    typer.Option(
        "--daemon/--no-daemon",
        help="Run in the warm daemon of the cache folder, starting one when none runs (default: "
        "the CLAIMCHECK_DAEMON environment variable); the output is the same. See `claimcheck daemon`.",
    ),
]
MinSeverityOpt = Annotated[
    SeverityOption, typer.Option("--min-severity", help="Hide findings below this severity.")
]
WidthOpt = Annotated[
    int | None,
    typer.Option("--width", min=20, max=10_000, help="Table width (default: the terminal's)."),
]


@app.callback()
def _main(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[bool, typer.Option("--version", "-V", help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug
    _state["quiet"] = False
    if version:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def main() -> None:
    """The console entry point; ``claimcheck.client.main`` is the same without importing this
    module first, which a run through the daemon does not need."""
    from claimcheck.client import main as client_main

    client_main()


@contextlib.contextmanager
def _guard() -> Iterator[None]:
    """Every failure ends as one line on stderr and exit code 2 (1 is kept for new findings
    under ``check``); ``--debug`` prints the traceback first, without changing the code."""
    try:
        yield
    except (
        typer.Exit,
        typer.Abort,
        click.exceptions.Exit,
        click.exceptions.ClickException,
        click.exceptions.Abort,
    ):
        raise
    except KeyboardInterrupt:
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except ClaimcheckError as err:
        _fail(str(err))
    except Exception as err:  # a bug or an unforeseen input: still not "new findings"
        _fail(
            f"internal error ({type(err).__name__}: {err}); "
            "rerun with --debug for the traceback and report it"
        )


MAX_ERROR_LENGTH = 2000  # characters of an error line; the rest is cut with an ellipsis


def _fail(message: str) -> NoReturn:
    if _state["debug"]:
        traceback.print_exc(file=sys.stderr)
    line = " ".join(message.split())
    if len(line) > MAX_ERROR_LENGTH:
        line = line[: MAX_ERROR_LENGTH - 1] + "…"
    with contextlib.suppress(OSError):
        _error_console().print(f"[bold red]error:[/] {escape(line)}", highlight=False, soft_wrap=True)
    raise typer.Exit(ExitCode.ERROR)


def _error_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _config(rules: Path | None, select: str | None = None, ignore: str | None = None) -> Config:
    from claimcheck.config import select_rules

    config = load_config(str(rules) if rules is not None else None)
    return select_rules(config, select, ignore) if select or ignore else config


_PROJECT_DEFAULTS = (Path(DEFAULT_PATHS[0]), Path(DEFAULT_BASELINE), Path(DEFAULT_CACHE_DIR))


def _beside_config(config: Config, path: Path) -> Path:
    """A default path (corpus/, the baseline, the cache) in the folder of the configuration
    found by searching upwards, so a run from a subfolder uses the project's; a path the user
    gave, or any path when no configuration was found, stays as it is."""
    if not config.root or path not in _PROJECT_DEFAULTS:
        return path
    return Path(os.path.relpath(Path(config.root) / path))


def _run(
    paths: list[str] | None,
    config: Config,
    jobs: int = 0,
    no_cache: bool = False,
    cache_dir: Path = Path(DEFAULT_CACHE_DIR),
    min_severity: Severity = Severity.INFO,
    hidden: list[str] | None = None,
    scheduler: str | None = None,
) -> Report:
    """Run the pipeline and apply suppressions; ``hidden`` (when given) is told how many
    findings the suppressions left out."""
    from claimcheck.pipeline import RunOptions, run
    from claimcheck.suppress import apply_suppressions, directive_problems

    paths, stdin_text = _paths_and_stdin(paths or [str(_beside_config(config, Path(DEFAULT_PATHS[0])))])
    cache_dir = _beside_config(config, cache_dir)
    cache_path = None if no_cache else str(cache_dir / "cache.sqlite")
    with _progress() as progress:
        report = run(
            paths,
            config,
            RunOptions(
                jobs=jobs,
                min_severity=min_severity,
                stdin_text=stdin_text,
                cache_path=cache_path,
                progress=progress,
                scheduler=scheduler,
            ),
        )
    result = apply_suppressions(report.findings, report.articles, config.ignores)
    notes = list(report.notes)
    notes.extend(
        f"unused suppression: {u.doc}{':' + str(u.line) if u.line else ''}: {u.description}"
        for u in result.unused
    )
    notes.extend(
        f"{p.doc}:{p.line}: {p.description}"
        for p in directive_problems(report.articles, config.known_rule_ids or [r.id for r in config.rules])
    )
    report = replace(report, findings=result.kept, notes=tuple(notes))
    if hidden is not None and result.suppressed:
        hidden.append(f"{len(result.suppressed)} suppressed (comments in articles or [[ignore]])")
    _show_problems(report.problems, report.notes)
    return report


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr while paragraphs are parsed, when stderr is a terminal; nothing
    in CI logs or pipes."""
    console = Console(stderr=True)
    if not console.is_terminal or os.environ.get("CI"):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("Parsing paragraphs"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("parse", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _show_problems(problems: Sequence[FileProblem], notes: Sequence[str] = ()) -> None:
    """Files that could not be read and notes about the run, as warnings on stderr."""
    if _state["quiet"]:
        return
    console = _error_console()
    for problem in problems:
        console.print(
            f"[yellow]warning:[/] {escape(problem.doc)}: {escape(problem.message)}", highlight=False
        )
    for note in notes:
        console.print(f"[yellow]warning:[/] {escape(note)}", highlight=False)


def _paths_and_stdin(paths: list[str] | None) -> tuple[list[str], bytes | None]:
    """The paths to read (default corpus/), and standard input's bytes when '-' is among them
    (decoded by ingest exactly as a file is)."""
    paths = paths or DEFAULT_PATHS
    if "-" not in paths:
        return paths, None
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
    return paths, data


def _rule_meta(config: Config):
    from claimcheck.reporters import RuleMeta

    return tuple(RuleMeta(r.id, r.kind, r.severity, r.description, r.message) for r in config.rules)


def _report_options(config: Config, output: Path | None, width: int | None, **extra):
    from claimcheck.reporters import ReportOptions

    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return ReportOptions(width=width, color=color, rules=_rule_meta(config), **extra)


STREAM_CHUNK = 1 << 20  # characters per write to standard output


def _emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write a report, whole or as the pieces a streaming reporter yields."""
    pieces = (text,) if isinstance(text, str) else text
    if output is not None:
        write_atomic(output, pieces)
        return
    # In pieces, so a report of any size reaches a pipe whole; a failed write is an error,
    # never a silently short report.
    try:
        for piece in pieces:
            for start in range(0, len(piece), STREAM_CHUNK):
                sys.stdout.write(piece[start : start + STREAM_CHUNK])
        sys.stdout.flush()
    except OSError as err:
        _silence_stdout()
        raise ClaimcheckError(
            f"cannot write to standard output ({err.strerror or err}); the report is incomplete, "
            "write it with --output FILE"
        ) from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's final flush does not fail again (and
    turn the exit code into 120) on data a full disk or closed pipe did not take."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write a report or export, whole or in pieces, atomically (see :mod:`claimcheck.atomic`)."""
    try:
        atomic.write_pieces_atomic(path, (text,) if isinstance(text, str) else text)
    except OSError as err:
        raise ClaimcheckError(
            f"cannot write {path}: {err.strerror or err}; give a path in a folder you can write to"
        ) from None


@app.command()
def report(
    paths: PathsArg = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.table,
    output: OutputOpt = None,
    rules: RulesOpt = None,
    min_severity: MinSeverityOpt = SeverityOption.info,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR),
    no_cache: NoCacheOpt = False,
    scheduler: SchedulerOpt = None,
    width: WidthOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
    statistics: StatisticsOpt = False,
    daemon: DaemonOpt = False,
) -> None:
    """Report the discrepancies found in PATHS (default: corpus/)."""
    from claimcheck.reporters import render_statistics, stream

    _state["quiet"] = quiet
    with _guard():
        config = _config(rules, select, ignore)
        hidden: list[str] = []
        # Every rule runs, so the summary can say how many findings --min-severity hides.
        result = _run(paths, config, jobs, no_cache, cache_dir, hidden=hidden, scheduler=scheduler)
        threshold = Severity(min_severity.value)
        shown = tuple(f for f in result.findings if f.severity.rank >= threshold.rank)
        if len(shown) < len(result.findings):
            hidden.insert(0, f"{len(result.findings) - len(shown)} below --min-severity {threshold.value}")
            result = replace(result, findings=shown)
        options = _report_options(config, output, width, hidden=tuple(hidden))
        _emit(
            render_statistics(result, options) if statistics else stream(result, format.value, options),
            output,
        )


@app.command()
def claims(
    paths: PathsArg = None,
    format: Annotated[
        ClaimsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ClaimsFormat.table,
    output: OutputOpt = None,
    rules: RulesOpt = None,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR),
    no_cache: NoCacheOpt = False,
    width: WidthOpt = None,
) -> None:
    """List the claims extracted from PATHS: what claimcheck understood."""
    from claimcheck.reporters import render_claims

    with _guard():
        config = _config(rules)
        result = _run(paths, config, jobs, no_cache, cache_dir)
        _emit(render_claims(result.claims, format.value, _report_options(config, output, width)), output)


@app.command("rules")
def list_rules(rules: RulesOpt = None) -> None:
    """List the active rules: id, kind, severity and what each checks."""
    from rich.table import Table

    with _guard():
        config = _config(rules)
        title = f"Rules from {config.source}"
        if config.source != DEFAULT_SOURCE:
            title += f" ({'adds to' if config.extends_defaults else 'replaces'} the shipped defaults)"
        table = Table(title=title, show_lines=False)
        for column in ("rule", "kind", "severity", "description"):
            table.add_column(column)
        for rule in config.rules:
            table.add_row(rule.id, rule.kind, rule.severity.value, rule.description)
        Console().print(table)


@app.command()
def explain(
    rule: Annotated[
        str, typer.Argument(help="A rule id (from `claimcheck rules`), a rule kind, or 'events' or 'slots'.")
    ],
    rules: RulesOpt = None,
) -> None:
    """Explain a rule: what it checks, its parameters, a passing and a failing example; or what
    claimcheck means by events and slots."""
    from claimcheck.config import rule_to_toml
    from claimcheck.events import TOPICS
    from claimcheck.rules import KINDS

    with _guard():
        console = Console()
        if rule in TOPICS:
            console.print(TOPICS[rule], highlight=False, markup=False)
            return
        config = _config(rules)
        found = config.rule(rule)
        kind = found.kind if found else rule
        module = KINDS.get(kind)
        if module is None:
            raise ClaimcheckError(
                f"no rule or kind named {rule!r}; run `claimcheck rules` to list them "
                f"(or `claimcheck explain events` / `claimcheck explain slots`)"
            )
        if found is not None:
            console.print(f"[bold]{found.id}[/] (kind {found.kind}, severity {found.severity.value})")
            docstring = (module.__doc__ or "").strip()
            if found.description and found.description != docstring.split("\n")[0]:
                console.print(found.description)
            console.print()
            console.print("# as set now; paste into rules.toml to change it", highlight=False, markup=False)
            console.print(rule_to_toml(found), highlight=False, markup=False, soft_wrap=True)
        # Unwrap the docstring's paragraphs so the terminal wraps them once.
        paragraphs = (" ".join(p.split()) for p in (module.__doc__ or "").strip().split("\n\n"))
        console.print("\n\n".join(paragraphs), highlight=False, markup=False)


@app.command()
def dates(
    paths: PathsArg = None,
    format: Annotated[DatesFormat, typer.Option("--format", "-f", help="Output format.")] = DatesFormat.table,
    output: OutputOpt = None,
    width: WidthOpt = None,
) -> None:
    """List every time expression found in PATHS with its TIMEX3 value and interval."""
    from claimcheck import timeline

    with _guard():
        mentions, problems = timeline.collect_mentions(*_paths_and_stdin(paths))
        _show_problems(problems)
        render = {
            DatesFormat.json: timeline.render_json,
            DatesFormat.csv: timeline.render_csv,
            DatesFormat.table: timeline.render_table,
        }[format]
        _emit(render(mentions, width), output)


@app.command()
def check(
    paths: PathsArg = None,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help=f"Accepted findings (default: {DEFAULT_BASELINE} if present)."),
    ] = None,
    fail_on: Annotated[
        SeverityOption, typer.Option("--fail-on", help="Fail on new findings at or above this severity.")
    ] = SeverityOption.warning,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", help="Gate only findings in articles changed since this git rev."),
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.table,
    output: OutputOpt = None,
    rules: RulesOpt = None,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR),
    no_cache: NoCacheOpt = False,
    scheduler: SchedulerOpt = None,
    width: WidthOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: QuietOpt = False,
    statistics: StatisticsOpt = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when new findings fail (errors still exit 2).")
    ] = False,
    daemon: DaemonOpt = False,
) -> None:
    """Fail (exit 1) when PATHS hold new findings at or above --fail-on; for CI."""
    from claimcheck import baseline as baselines
    from claimcheck.reporters import render_statistics, stream, write_step_summary

    _state["quiet"] = quiet
    with _guard():
        config = _config(rules, select, ignore)
        baseline_path = baseline if baseline is not None else _beside_config(config, Path(DEFAULT_BASELINE))
        if baseline is not None and not baseline.is_file():
            raise ClaimcheckError(
                f"baseline {baseline} not found; create it with `claimcheck baseline -o {baseline}`"
            )
        accepted = baselines.read_baseline(baseline_path) if baseline_path.is_file() else baselines.Baseline()
        hidden: list[str] = []
        result = _run(paths, config, jobs, no_cache, cache_dir, hidden=hidden, scheduler=scheduler)
        comparison = baselines.compare(result.findings, accepted)
        threshold = Severity(fail_on.value)
        gated = comparison.new
        if changed_since is not None:
            changed = changed_articles(changed_since, [a.doc for a in result.articles])
            gated = tuple(f for f in gated if any(_same_file(c.doc, changed) for c in f.claims))
        failing = tuple(f for f in gated if f.severity.rank >= threshold.rank)
        if format is ReportFormat.table:
            # The table shows only what fails; say what else there was.
            left_out = (
                (len(comparison.accepted), "accepted by the baseline"),
                (len(comparison.new) - len(gated), f"outside --changed-since {changed_since}"),
                (len(gated) - len(failing), f"below --fail-on {threshold.value}"),
            )
            hidden[:0] = [f"{count} {why}" for count, why in left_out if count]
        options = _report_options(
            config,
            output,
            width,
            new_fingerprints=frozenset(f.fingerprint for f in comparison.new),
            failing_fingerprints=frozenset(f.fingerprint for f in failing),
            github_summary_path=os.environ.get("GITHUB_STEP_SUMMARY")
            if format is ReportFormat.github
            else None,
            hidden=tuple(hidden),
        )
        shown = result if format is not ReportFormat.table else replace(result, findings=failing)
        _emit(
            render_statistics(shown, options) if statistics else stream(shown, format.value, options), output
        )
        if format is ReportFormat.github:
            write_step_summary(result, options)
        console = _error_console() if not quiet else Console(file=io.StringIO())  # --quiet: discarded
        for entry in comparison.stale:
            # Name each stale entry so it can be removed from the baseline.
            where = ", ".join(entry.docs) or "?"
            console.print(
                f"stale baseline entry {entry.fingerprint} ({entry.rule}, {where}): no current finding matches",
                highlight=False,
                markup=False,
            )
        console.print(check_summary(failing, comparison), highlight=False)
        if failing:
            console.print(
                baselines.how_to_accept(failing[0], str(baseline_path)), highlight=False, markup=False
            )
        if result.problems:
            # A mistyped path or an unreadable article must not pass a gate: fail once all is shown.
            count = len(result.problems)
            _error_console().print(
                f"[bold red]error:[/] {count} path{'s' if count != 1 else ''} could not be read "
                f"({escape(', '.join(p.doc for p in result.problems))}); fix or remove "
                f"{'them' if count != 1 else 'it'}: `check` fails on unread articles",
                highlight=False,
            )
            raise typer.Exit(ExitCode.ERROR)
        raise typer.Exit(ExitCode.FINDINGS if failing and not exit_zero else ExitCode.CLEAN)


def check_summary(failing, comparison) -> str:
    counts = {s: sum(1 for f in failing if f.severity is s) for s in Severity}
    parts = [
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in reversed(Severity)
    ]
    parts = [p for p in parts if not p.startswith("0 ")] or ["none"]
    noun = "finding" if len(failing) == 1 else "findings"
    head = f"{len(failing)} new {noun} ({', '.join(parts)})" if failing else "No new findings"
    return f"{head}; {len(comparison.accepted)} accepted in baseline; {len(comparison.stale)} stale"


def changed_articles(rev: str, docs: list[str]) -> frozenset[str]:
    """Resolved paths of articles added or modified since git revision ``rev`` (committed or not).

    ``rev`` is resolved to a commit id first (``--end-of-options``), so no value of it ever
    reaches git as an option: ``--changed-since=--output=FILE`` is an unknown revision.
    """

    def git(*args: str, cwd: str | None = None) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True, cwd=cwd).stdout

    try:
        top = git("rev-parse", "--show-toplevel").strip()
        try:
            commit = git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", cwd=top)
        except subprocess.CalledProcessError:
            raise ClaimcheckError(
                f"--changed-since {rev!r}: git knows no such commit; give a valid revision "
                "(a branch, tag or commit id such as origin/main)"
            ) from None
        commit = commit.strip()
        if not re.fullmatch(r"[0-9a-f]{40,64}", commit):
            raise ClaimcheckError(f"--changed-since {rev!r}: git did not resolve it to one commit")
        listed = git("diff", "--name-only", "-z", "--diff-filter=AMR", commit, "--", cwd=top).split("\0")
        untracked = git("ls-files", "-z", "--others", "--exclude-standard", cwd=top).split("\0")
    except FileNotFoundError:
        raise ClaimcheckError("--changed-since needs git on PATH") from None
    except subprocess.CalledProcessError as err:
        detail = (err.stderr or "").strip().splitlines()
        raise ClaimcheckError(
            f"--changed-since {rev}: git failed ({detail[-1] if detail else err}); give a valid revision"
        ) from None
    return frozenset(str((Path(top) / name).resolve()) for name in [*listed, *untracked] if name)


def _same_file(doc: str, changed: frozenset[str]) -> bool:
    return doc != "-" and str(Path(doc).resolve()) in changed


@app.command("baseline")
def make_baseline(
    paths: PathsArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path(
        DEFAULT_BASELINE
    ),
    rules: RulesOpt = None,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR),
    no_cache: NoCacheOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """Record the current findings as accepted, so `check` fails only on new ones."""
    from claimcheck import baseline as baselines

    with _guard():
        config = _config(rules, select, ignore)
        result = _run(paths, config, jobs, no_cache, cache_dir)
        recorded = baselines.baseline_from_report(result)
        output = _beside_config(config, output)
        baselines.write_baseline(output, recorded)
        _error_console().print(
            f"Wrote {len(recorded.entries)} accepted findings to {output}", highlight=False
        )


@app.command()
def export(
    paths: PathsArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the tables into.")] = Path(
        "claimcheck-export"
    ),
    rules: RulesOpt = None,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR),
    no_cache: NoCacheOpt = False,
    scheduler: SchedulerOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    daemon: DaemonOpt = False,
) -> None:
    """Write the discrepancy tables (csv, json, markdown, html) and the claims table to a folder."""
    from claimcheck.reporters import REPORTERS, render_claims

    with _guard():
        config = _config(rules, select, ignore)
        result = _run(paths, config, jobs, no_cache, cache_dir, scheduler=scheduler)
        options = _report_options(config, output, None)
        outputs = {
            "findings.csv": REPORTERS["csv"](result, options),
            "findings.json": REPORTERS["json"](result, options),
            "findings.md": REPORTERS["markdown"](result, options),
            "findings.html": REPORTERS["html"](result, options),
            "claims.csv": render_claims(result.claims, "csv", options),
            "claims.json": render_claims(result.claims, "json", options),
        }
        for name, text in outputs.items():
            write_atomic(output / name, text)
        _error_console().print(f"Wrote {', '.join(outputs)} to {output}/", highlight=False, markup=False)


@app.command()
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing rules.toml.")] = False,
) -> None:
    """Write a commented rules.toml here and print the next steps and a CI snippet."""
    from importlib import resources

    with _guard():
        target = Path(RULES_FILE)
        if target.exists() and not force:
            raise ClaimcheckError(f"{target} exists; edit it, or pass --force to overwrite it")
        data = resources.files("claimcheck") / "data"
        write_atomic(target, (data / "init_rules.toml").read_text(encoding="utf-8"))
        _error_console().print(f"Wrote {target}", highlight=False, markup=False)
        typer.echo((data / "init_ci.txt").read_text(encoding="utf-8"), nl=False)


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR)) -> None:
    """Remove every cached claim."""
    from claimcheck.cache import ClaimCache

    with _guard():
        path = _beside_config(load_config(), cache_dir) / "cache.sqlite"
        if not path.exists():
            _error_console().print(f"No cache at {path}", highlight=False, markup=False)
            return
        with ClaimCache(path) as cache:
            if not cache.persistent:
                raise ClaimcheckError(f"{cache.warnings[-1]}; nothing was cleared")
            count = len(cache)
            cache.clear()
            remaining = len(cache)
            warnings = cache.warnings
        _show_problems((), warnings)
        if remaining:
            raise ClaimcheckError(f"claim cache {path} still holds {remaining} articles after clearing")
        _error_console().print(f"Cleared {count} cached articles from {path}", highlight=False, markup=False)


IdleTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--idle-timeout",
        min=0,
        help="Stop after this many seconds without a run; 0: never (default: "
        "$CLAIMCHECK_DAEMON_IDLE_TIMEOUT, else 1800).",
    ),
]


def _daemon_folder(cache_dir: Path) -> Path:
    from claimcheck import client

    why = client.supported()
    if why is not None:
        raise ClaimcheckError(why)
    return _beside_config(load_config(), cache_dir)


@daemon_app.command("start")
def daemon_start(
    cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR), idle_timeout: IdleTimeoutOpt = None
) -> None:
    """Start the daemon of the cache folder: it loads the spaCy pipeline once and runs report,
    check and export given --daemon (or CLAIMCHECK_DAEMON=1), with the same output."""
    from claimcheck import client

    with _guard():
        folder = _daemon_folder(cache_dir)
        try:
            running = client.status(folder)
            if running is not None and client.same_code(running, client.identity()):
                _error_console().print(
                    f"The claimcheck daemon already runs (pid {running.get('pid')}) for {folder}",
                    highlight=False,
                    markup=False,
                )
                return
            if running is not None:
                client.stop(folder)
            started = client.start(folder, idle_timeout)
        except client.DaemonError as err:
            raise ClaimcheckError(f"{err}; the daemon did not start") from None
        timeout = float(started.get("idle_timeout") or 0)
        _error_console().print(
            f"Started the claimcheck daemon (pid {started.get('pid')}) for {folder}; "
            + (f"it stops after {timeout:g} s without a run" if timeout else "it runs until stopped"),
            highlight=False,
            markup=False,
        )


@daemon_app.command("stop")
def daemon_stop(cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR)) -> None:
    """Stop the daemon of the cache folder (runs under way finish)."""
    from claimcheck import client

    with _guard():
        folder = _daemon_folder(cache_dir)
        try:
            stopped = client.stop(folder)
        except client.DaemonError as err:
            raise ClaimcheckError(str(err)) from None
        if stopped is None:
            _error_console().print(f"No claimcheck daemon runs for {folder}", highlight=False, markup=False)
            return
        _error_console().print(
            f"Stopped the claimcheck daemon (pid {stopped.get('pid')}) for {folder}",
            highlight=False,
            markup=False,
        )


@daemon_app.command("status")
def daemon_status(cache_dir: CacheDirOpt = Path(DEFAULT_CACHE_DIR)) -> None:
    """Whether a daemon runs for the cache folder, and what it holds; exit 1 when none runs."""
    import time

    from claimcheck import client

    with _guard():
        folder = _daemon_folder(cache_dir)
        try:
            found = client.status(folder)
        except client.DaemonError as err:
            raise ClaimcheckError(str(err)) from None
        if found is None:
            typer.echo(f"No claimcheck daemon runs for {folder}")
            raise typer.Exit(1)
        current = "yes" if client.same_code(found, client.identity()) else "no: the next run restarts it"
        timeout = float(found.get("idle_timeout") or 0)
        rows = (
            ("pid", found.get("pid")),
            ("folder", found.get("folder")),
            ("claimcheck", f"{found.get('version')} from {found.get('package')}"),
            ("same code as this claimcheck", current),
            ("spaCy pipelines loaded", ", ".join(found.get("models") or ()) or "none"),
            ("held decoded", f"{found.get('files')} indexed files, {found.get('stories')} stories' findings"),
            ("up", f"{time.time() - float(found.get('started') or time.time()):.0f} s"),
            ("runs", f"{found.get('runs')} ({found.get('active')} under way)"),
            (
                "idle",
                f"{found.get('idle')} s; stops after {timeout:g} s"
                if timeout
                else f"{found.get('idle')} s; never stops",
            ),
        )
        typer.echo("".join(f"{name}: {value}\n" for name, value in rows), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
