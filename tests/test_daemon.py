"""The warm daemon (claimcheck.daemon) and its thin client (claimcheck.client): a run through
it gives the direct run's bytes and exit code; its life (start, status, stop, idle timeout, a
dead daemon's socket, a daemon of other code); the client's reading of a command line.

Every daemon a test starts is stopped by the ``daemons`` fixture, killed if it will not stop.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import client
from claimcheck.cli import app

SRC = Path(__file__).resolve().parents[1] / "src"
ARTICLES = Path(__file__).parent / "golden" / "cross-source" / "articles"
WAIT_S = 60.0  # generous: the machine may be busy; nothing here asserts a duration

needs_unix = pytest.mark.skipif(
    client.supported() is not None, reason="the daemon needs Unix domain sockets and fork()"
)


def environment(src: Path = SRC, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    env.pop("GITHUB_STEP_SUMMARY", None)
    env.update({"PYTHONPATH": str(src), "CLAIMCHECK_DAEMON_IDLE_TIMEOUT": "300", "NO_COLOR": "1"})
    env.update(extra)
    return env


def claimcheck(
    project: Path, *args: str, stdin: bytes = b"", src: Path = SRC, **env: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claimcheck", *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        env=environment(src, **env),
        timeout=600,
    )


class Daemons:
    """The cache folders tests start daemons in; each is stopped, or killed, at teardown."""

    def __init__(self) -> None:
        self.folders: list[Path] = []

    def watch(self, folder: Path) -> Path:
        self.folders.append(folder)
        return folder

    def start(self, project: Path, *args: str, src: Path = SRC) -> dict[str, object]:
        folder = self.watch(project / ".claimcheck")
        done = claimcheck(project, "daemon", "start", *args, src=src)
        assert done.returncode == 0, done.stderr.decode()
        found = client.status(folder)
        assert found is not None
        return found

    def stop_all(self) -> None:
        for folder in self.folders:
            pid = _locked_pid(folder)
            with contextlib.suppress(Exception):
                client.stop(folder, timeout=10)
            if pid and _alive(pid) and not client.remove_stale_socket(folder):
                os.kill(pid, signal.SIGKILL)


def _locked_pid(folder: Path) -> int | None:
    try:
        text = (folder / client.LOCK_NAME).read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT_S:.0f} s for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def module_daemons():
    daemons = Daemons()
    yield daemons
    daemons.stop_all()


@pytest.fixture()
def daemons():
    daemons = Daemons()
    yield daemons
    daemons.stop_all()


def make_project(root: Path) -> Path:
    (root / "corpus").mkdir(parents=True)
    for article in sorted(ARTICLES.iterdir())[:6]:
        shutil.copy(article, root / "corpus" / article.name)
    return root


@pytest.fixture(scope="module")
def warm_project(tmp_path_factory, module_daemons) -> Path:
    """A project with a corpus, its cache filled by a direct run, and a daemon running."""
    project = make_project(tmp_path_factory.mktemp("daemon-project"))
    claimcheck(project, "check", "corpus", "--no-daemon")
    module_daemons.start(project)
    return project


@pytest.fixture()
def project(tmp_path) -> Path:
    return make_project(tmp_path)


def assert_same_run(project: Path, *args: str, stdin: bytes = b"", outputs: tuple[str, ...] = ()) -> None:
    """``args`` run directly and through the daemon: the same stdout, stderr, exit code and
    files written."""
    direct = claimcheck(project, *args, "--no-daemon", stdin=stdin)
    written = {name: (project / name).read_bytes() for name in outputs}
    for name in outputs:
        (project / name).unlink()
    served = claimcheck(project, *args, "--daemon", stdin=stdin)
    assert served.returncode == direct.returncode, served.stderr.decode()
    assert served.stdout == direct.stdout
    assert served.stderr == direct.stderr
    for name in outputs:
        assert (project / name).read_bytes() == written[name]


# -- The same run, through the daemon or not ------------------------------------------------


@needs_unix
@pytest.mark.parametrize(
    "args",
    [
        ("check", "corpus"),
        ("check", "corpus", "--exit-zero", "-f", "json"),
        ("check", "corpus", "--statistics"),
        ("report", "corpus"),
        ("report", "corpus", "--width", "90", "--min-severity", "warning"),
        ("report", "corpus", "-f", "sarif"),
        ("report", "corpus", "--select", "number-conflict", "-f", "jsonl"),
        ("--debug", "report", "corpus", "-f", "csv"),
    ],
    ids=lambda args: " ".join(args),
)
def test_output_and_exit_code_are_the_direct_runs(warm_project, args):
    assert_same_run(warm_project, *args)


@needs_unix
def test_output_files_and_exports_are_the_direct_runs(warm_project):
    assert_same_run(
        warm_project, "report", "corpus", "-f", "html", "-o", "out/report.html", outputs=("out/report.html",)
    )
    names = ("findings.csv", "findings.json", "findings.md", "findings.html", "claims.csv", "claims.json")
    assert_same_run(
        warm_project, "export", "corpus", "-o", "exported", outputs=tuple(f"exported/{n}" for n in names)
    )


@needs_unix
def test_standard_input_and_environment_reach_the_run(warm_project):
    article = (ARTICLES / "fire-a.md").read_bytes()
    assert_same_run(warm_project, "report", "-", "-f", "json", stdin=article)
    summary = warm_project / "summary.md"
    direct = claimcheck(
        warm_project, "check", "corpus", "-f", "github", "--no-daemon", GITHUB_STEP_SUMMARY=str(summary)
    )
    expected = summary.read_bytes()
    summary.unlink()
    served = claimcheck(
        warm_project, "check", "corpus", "-f", "github", "--daemon", GITHUB_STEP_SUMMARY=str(summary)
    )
    assert (served.returncode, served.stdout) == (direct.returncode, direct.stdout)
    assert summary.read_bytes() == expected


@needs_unix
@pytest.mark.parametrize(
    "args",
    [
        ("check", "no-such-folder"),
        ("report", "corpus", "--format", "nope"),
        ("report", "corpus", "--rules", "missing.toml"),
        ("check", "corpus", "--baseline", "missing.json"),
    ],
    ids=lambda args: " ".join(args),
)
def test_bad_input_is_the_same_one_line_error(warm_project, args):
    direct = claimcheck(warm_project, *args, "--no-daemon")
    assert direct.returncode == 2
    assert_same_run(warm_project, *args)


@needs_unix
def test_a_run_from_a_subfolder_uses_the_projects_daemon(warm_project):
    (warm_project / "rules.toml").write_text("", encoding="utf-8")
    try:
        sub = warm_project / "corpus"
        direct = claimcheck(sub, "report", "--no-daemon")
        runs = client.status(warm_project / ".claimcheck")["runs"]
        served = claimcheck(sub, "report", "--daemon")
        assert (served.returncode, served.stdout, served.stderr) == (
            direct.returncode,
            direct.stdout,
            direct.stderr,
        )
        assert client.status(warm_project / ".claimcheck")["runs"] == runs + 1
    finally:
        (warm_project / "rules.toml").unlink()


@needs_unix
def test_a_changed_article_is_read_again(warm_project):
    article = warm_project / "corpus" / "court-a.md"
    before = article.read_bytes()
    try:
        first = claimcheck(warm_project, "report", "corpus", "-f", "json", "--daemon")
        article.write_bytes(before + b"\nThe court acquitted both defendants on Sunday.\n")
        direct = claimcheck(warm_project, "report", "corpus", "-f", "json", "--no-daemon")
        served = claimcheck(warm_project, "report", "corpus", "-f", "json", "--daemon")
        assert served.stdout == direct.stdout != first.stdout
    finally:
        article.write_bytes(before)


@needs_unix
def test_concurrent_clients_are_each_served(warm_project):
    expected = claimcheck(warm_project, "report", "corpus", "-f", "json", "--no-daemon").stdout
    env = environment()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "claimcheck", "report", "corpus", "-f", "json", "--daemon"],
            cwd=warm_project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
        assert out == expected


@needs_unix
def test_a_terminal_sees_the_same_colours(warm_project):
    import pty

    def on_terminal(flag: str) -> tuple[int, bytes]:
        leader, follower = pty.openpty()
        env = environment(COLUMNS="100", TERM="xterm-256color")
        env.pop("NO_COLOR")
        process = subprocess.Popen(
            [sys.executable, "-m", "claimcheck", "report", "corpus", flag],
            cwd=warm_project,
            env=env,
            stdout=follower,
            stderr=subprocess.DEVNULL,
        )
        os.close(follower)
        data = b""
        with contextlib.suppress(OSError):  # EIO once the last writer has closed the terminal
            while chunk := os.read(leader, 65536):
                data += chunk
        os.close(leader)
        return process.wait(timeout=600), data

    direct = on_terminal("--no-daemon")
    assert b"\x1b[" in direct[1]
    assert on_terminal("--daemon") == direct


# -- Life of a daemon ----------------------------------------------------------------------------


@needs_unix
def test_start_status_stop(project, daemons):
    folder = daemons.watch(project / ".claimcheck")
    none = claimcheck(project, "daemon", "status")
    assert none.returncode == 1
    assert b"No claimcheck daemon runs" in none.stdout
    found = daemons.start(project, "--idle-timeout", "300")
    assert found["ready"] and found["idle_timeout"] == 300
    socket_path = folder / client.SOCKET_NAME
    assert stat.S_ISSOCK(socket_path.stat().st_mode)
    assert stat.S_IMODE(socket_path.stat().st_mode) == 0o600
    again = claimcheck(project, "daemon", "start")
    assert again.returncode == 0 and b"already runs" in again.stderr
    shown = claimcheck(project, "daemon", "status")
    assert shown.returncode == 0
    assert f"pid: {found['pid']}".encode() in shown.stdout
    assert b"same code as this claimcheck: yes" in shown.stdout
    stopped = claimcheck(project, "daemon", "stop")
    assert stopped.returncode == 0 and f"pid {found['pid']}".encode() in stopped.stderr
    assert not socket_path.exists()
    _wait_until(lambda: not _alive(int(found["pid"])) or _zombie(int(found["pid"])), "the daemon to exit")
    assert claimcheck(project, "daemon", "status").returncode == 1
    assert claimcheck(project, "daemon", "stop").returncode == 0
    assert (folder / ".gitignore").is_file()  # the daemon's files are not for git either


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (OSError, IndexError):
        return False


@needs_unix
def test_a_second_daemon_refuses_to_start(project, daemons):
    found = daemons.start(project)
    second = subprocess.run(
        [sys.executable, "-m", "claimcheck.daemon", "--folder", str(project / ".claimcheck")],
        capture_output=True,
        env=environment(),
        timeout=120,
    )
    assert second.returncode != 0
    assert b"already runs" in second.stderr
    assert client.status(project / ".claimcheck")["pid"] == found["pid"]


@needs_unix
def test_idle_timeout_stops_the_daemon(project, daemons):
    folder = daemons.watch(project / ".claimcheck")
    found = daemons.start(project, "--idle-timeout", "0.5")
    _wait_until(lambda: client.remove_stale_socket(folder), "the idle daemon to stop")
    assert not (folder / client.SOCKET_NAME).exists()
    assert found["idle_timeout"] == 0.5


@needs_unix
def test_a_dead_daemons_socket_is_cleaned(project, daemons):
    folder = daemons.watch(project / ".claimcheck")
    found = daemons.start(project)
    os.kill(int(found["pid"]), signal.SIGKILL)
    _wait_until(lambda: client.remove_stale_socket(folder), "the killed daemon's lock to go")
    (folder / client.SOCKET_NAME).touch()  # what a killed daemon leaves behind (a socket file)
    assert client.status(folder) is None
    assert not (folder / client.SOCKET_NAME).exists()
    direct = claimcheck(project, "report", "corpus", "--no-daemon")
    served = claimcheck(project, "report", "corpus", "--daemon")
    assert served.stdout == direct.stdout
    assert served.stderr.startswith(b"note: started a claimcheck daemon")
    assert served.stderr.split(b"\n", 1)[1] == direct.stderr
    assert client.status(folder)["pid"] != found["pid"]


@needs_unix
def test_a_daemon_of_other_code_is_refused_and_restarted(project, daemons, tmp_path_factory):
    other = tmp_path_factory.mktemp("other-src")
    shutil.copytree(SRC / "claimcheck", other / "claimcheck", ignore=shutil.ignore_patterns("__pycache__"))
    folder = daemons.watch(project / ".claimcheck")
    old = daemons.start(project, src=other)
    assert old["package"] == str(other / "claimcheck")
    # A request of other code is refused, whatever differs.
    for key, value in (("version", "0.0.0"), ("stamp", "0" * 64), ("package", "/elsewhere")):
        connection = client.connect(folder)
        connection.send(
            {"protocol": client.PROTOCOL, "op": "run", **client.identity(), key: value}, [0, 1, 2]
        )
        reply = connection.receive()
        connection.close()
        assert reply["refused"] == "code"
    connection = client.connect(folder)
    connection.send({"protocol": client.PROTOCOL + 1, "op": "status"})
    assert connection.receive()["refused"] == "protocol"
    connection.close()
    # The client of this code stops it and starts its own.
    direct = claimcheck(project, "check", "corpus", "--no-daemon")
    served = claimcheck(project, "check", "corpus", "--daemon")
    assert (served.returncode, served.stdout) == (direct.returncode, direct.stdout)
    notes, rest = served.stderr.split(b"\n", 2)[:2], served.stderr.split(b"\n", 2)[2]
    assert notes[0].startswith(b"note: restarting the claimcheck daemon")
    assert notes[1].startswith(b"note: started a claimcheck daemon")
    assert rest == direct.stderr
    new = client.status(folder)
    assert new["pid"] != old["pid"]
    assert new["package"] == str(SRC / "claimcheck")


@needs_unix
def test_quiet_runs_print_no_note(project, daemons):
    daemons.watch(project / ".claimcheck")
    direct = claimcheck(project, "check", "corpus", "-q", "--no-daemon")
    served = claimcheck(project, "check", "corpus", "-q", CLAIMCHECK_DAEMON="1")
    assert (served.returncode, served.stdout, served.stderr) == (
        direct.returncode,
        direct.stdout,
        direct.stderr,
    )
    assert client.status(project / ".claimcheck") is not None


# -- The client -------------------------------------------------------------------------------------


def test_the_client_imports_neither_spacy_nor_the_cli():
    probe = (
        "import sys, claimcheck.client; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'typer', 'click', 'rich', 'numpy'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environment())
    assert done.stdout.strip() == "[]", done.stderr
    version = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, env=environment()
    )
    assert version.stdout == f"claimcheck {client.__version__}\n"


@pytest.mark.parametrize(
    ("args", "env", "wanted"),
    [
        (["check", "corpus", "--daemon"], {}, True),
        (["--debug", "report", "--daemon"], {}, True),
        (["export", "--daemon", "--no-daemon"], {}, False),
        (["report"], {"CLAIMCHECK_DAEMON": "1"}, True),
        (["report", "--no-daemon"], {"CLAIMCHECK_DAEMON": "1"}, False),
        (["report"], {"CLAIMCHECK_DAEMON": "0"}, False),
        (["claims", "--daemon"], {}, False),
        (["rules"], {"CLAIMCHECK_DAEMON": "yes"}, False),
        (["report", "--", "--daemon"], {}, False),
        ([], {"CLAIMCHECK_DAEMON": "1"}, False),
    ],
)
def test_when_the_daemon_is_asked_for(args, env, wanted):
    assert client.wants_daemon(args, env) is wanted


def test_the_client_finds_the_cache_folder_as_the_cli_does(tmp_path, monkeypatch):
    from claimcheck.cli import DEFAULT_CACHE_DIR, _beside_config
    from claimcheck.config import find_config, load_config

    project = tmp_path / "project"
    (project / "news" / "2025").mkdir(parents=True)
    monkeypatch.chdir(project / "news" / "2025")
    assert client.find_config() is None
    assert client.cache_dir_of(["check"]) == Path(".claimcheck")
    (project / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    assert client.find_config() is None and find_config() is None
    (project / "pyproject.toml").write_text("[tool.claimcheck]\n", encoding="utf-8")
    assert client.find_config() == find_config()
    (project / "news" / "rules.toml").write_text("", encoding="utf-8")
    assert client.find_config() == find_config() == (project / "news" / "rules.toml").resolve()
    expected = _beside_config(load_config(), Path(DEFAULT_CACHE_DIR))
    assert client.cache_dir_of(["check", "x"]) == expected == Path("../.claimcheck")
    assert client.cache_dir_of(["report", "--cache-dir", "elsewhere"]) == Path("elsewhere")
    assert client.cache_dir_of(["report", "--cache-dir=elsewhere"]) == Path("elsewhere")
    assert client.cache_dir_of(["report", "--rules", "r.toml"]) == Path(".claimcheck")


def test_without_unix_sockets_the_run_is_direct_after_a_note(workdir, monkeypatch, capsys):
    monkeypatch.setattr(client, "supported", lambda: "no Unix domain sockets here")
    assert client.forward(["check", "corpus", "--daemon"]) is None
    assert capsys.readouterr().err == "note: no Unix domain sockets here; running without it\n"
    assert client.forward(["check", "corpus", "--daemon", "-q"]) is None
    assert capsys.readouterr().err == ""
    result = CliRunner().invoke(app, ["daemon", "start"])
    assert result.exit_code == 2
    assert "no Unix domain sockets here" in result.output


@needs_unix
def test_a_daemon_that_cannot_start_falls_back_to_a_direct_run(workdir, monkeypatch, capsys):
    def fail(folder, idle_timeout=None):
        raise client.DaemonError("the daemon exited at start (code 1)")

    monkeypatch.setattr(client, "start", fail)
    assert client.forward(["check", "corpus", "--daemon"]) is None
    assert capsys.readouterr().err == (
        "note: the daemon exited at start (code 1); running without the daemon\n"
    )


@needs_unix
def test_the_protocol_is_json_lines(project, daemons):
    folder = daemons.watch(project / ".claimcheck")
    daemons.start(project)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(folder / client.SOCKET_NAME))
        sock.sendall(b'{"protocol": 1, "op": "status"}\n')
        reply = json.loads(sock.makefile("rb").readline())
    assert reply["protocol"] == 1 and reply["ready"] is True and reply["runs"] == 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(folder / client.SOCKET_NAME))
        sock.sendall(b'{"protocol": 1, "op": "dance"}\n')
        assert json.loads(sock.makefile("rb").readline())["refused"] == "op"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(str(folder / client.SOCKET_NAME))
        sock.sendall(b"not json\n")
        assert sock.makefile("rb").readline() == b""  # closed, and the daemon still serves
    assert client.status(folder)["ready"] is True


# -- The file index the daemon holds ---------------------------------------------------------


def test_the_file_index_is_read_without_touching_the_cache(tmp_path):
    from claimcheck.cache import ClaimCache, read_file_index

    missing = tmp_path / "none" / "cache.sqlite"
    assert read_file_index(missing) == {}
    assert not missing.parent.exists()
    not_sqlite = tmp_path / "junk.sqlite"
    not_sqlite.write_bytes(b"not a database")
    assert read_file_index(not_sqlite) == {}
    assert not_sqlite.read_bytes() == b"not a database"  # neither moved aside nor rebuilt
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_files([("a.md", "1:2:3:4", '{"x": 1}')])
        assert read_file_index(path) == cache.files() == {"a.md": ("1:2:3:4", '{"x": 1}')}


def test_a_warm_index_entry_serves_only_its_files_stamp(workdir, monkeypatch, default_config):
    from claimcheck import pipeline
    from claimcheck.cache import ClaimCache

    article = workdir / "corpus" / "seed.md"
    cache_path = workdir / "cache.sqlite"
    key = str(cache_path.resolve())
    with ClaimCache(cache_path) as cache:
        read = pipeline.FileIndex(cache).read("corpus/seed.md", None, default_config.settings.limits)
    status = article.stat()
    stamp = f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}"
    marked = dataclasses.replace(read, title="from the warm index")
    monkeypatch.setattr(pipeline, "WARM_FILES", {key: {"corpus/seed.md": (stamp, marked)}})
    with ClaimCache(cache_path) as cache:
        index = pipeline.FileIndex(cache)
        assert index.read("corpus/seed.md", None, default_config.settings.limits) is marked
    monkeypatch.setattr(pipeline, "WARM_FILES", {key: {"corpus/seed.md": ("0:0:0:0", marked)}})
    with ClaimCache(cache_path) as cache:
        again = pipeline.FileIndex(cache).read("corpus/seed.md", None, default_config.settings.limits)
    assert again.title == read.title != "from the warm index"


def test_warm_files_decodes_only_what_changed(tmp_path, monkeypatch):
    from claimcheck import pipeline
    from claimcheck.cache import ClaimCache
    from claimcheck.ingest import read_article
    from claimcheck.serial import article_to_json

    source = tmp_path / "a.md"
    source.write_text("---\ntitle: A\n---\nThe council met on Monday.\n", encoding="utf-8")
    article = read_article(str(source))
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_files([("a.md", "1:1:1:1", article_to_json(article)), ("b.md", "2:2:2:2", "{broken")])
    first = pipeline.warm_files(path)
    assert set(first) == {"a.md"} and first["a.md"][1].doc == "a.md"
    monkeypatch.setattr(pipeline, "WARM_FILES", {str(path.resolve()): first})
    assert pipeline.warm_files(path)["a.md"] is first["a.md"]
    with ClaimCache(path) as cache:
        cache.put_files([("a.md", "9:9:9:9", article_to_json(article))])
    assert pipeline.warm_files(path)["a.md"][0] == "9:9:9:9"


def test_warm_stories_answer_before_the_cache(tmp_path, monkeypatch, default_config):
    from claimcheck import pipeline
    from claimcheck.model import Severity

    class Cache:
        path = tmp_path / "cache.sqlite"
        asked: list[str] = []

        def get_stories(self, keys):
            self.asked.extend(keys)
            return {}

    cache = Cache()
    memo = pipeline.StoryMemo(cache, {"a.md": "k1", "b.md": "k2"}, default_config, Severity.INFO)
    planned = [(("a.md",), frozenset()), (("b.md",), frozenset())]
    # A story without findings is known too: () is an answer, None a miss.
    monkeypatch.setattr(pipeline, "WARM_STORIES", {str(cache.path.resolve()): {memo.key(*planned[0]): ()}})
    assert memo.get_many(planned) == [(), None]
    assert cache.asked == [memo.key(*planned[1])]


def test_warm_stories_decodes_the_caches_stories(tmp_path):
    from claimcheck import pipeline
    from claimcheck.cache import ClaimCache

    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_stories({"s1": (), "s2": ()}, ["s1", "s2"])
    assert pipeline.warm_stories(path) == {"s1": (), "s2": ()}


def test_warm_profiles_answer_before_the_cache(tmp_path, monkeypatch, default_config):
    from datetime import date

    from claimcheck import pipeline
    from claimcheck.cache import ClaimCache
    from claimcheck.model import Article, Claim

    claim = Claim(
        doc="", paragraph=0, line=1, column=1, start=0, end=20, text="The council met.",
        subject="The council", subject_key="council", predicate="meet", entities=("council",),
        published=date(2026, 3, 2),
    )
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_many({"k1": (claim,), "k2": ()})
    warm = pipeline.warm_profiles(path)
    assert warm == {"k1": (1, frozenset({"council"}), date(2026, 3, 2)), "k2": (0, frozenset(), None)}

    class Cache:
        asked: list[str] = []

        def __init__(self):
            self.path = path

        def profiles(self, keys):
            self.asked.extend(keys)
            return {}

        def put_many(self, items):
            assert not items

    fake = Cache()
    monkeypatch.setattr(pipeline, "WARM_PROFILES", {str(path.resolve()): warm})
    articles = [Article(doc=doc, text="", paragraphs=()) for doc in ("a.md", "b.md")]
    result = pipeline.stored_claims(fake, articles, {"a.md": "k1", "b.md": "k2"}, default_config, 1)
    assert fake.asked == []  # every profile was warm
    assert result["a.md"][0] == 1 and result["a.md"][1].entities == frozenset({"council"})
    assert result["b.md"] == (0, None)
