"""The command-line entry point, and the thin client of the warm daemon (:mod:`claimcheck.daemon`).

``claimcheck report|check|export ... --daemon`` (or ``CLAIMCHECK_DAEMON=1``) sends the command
line to a daemon that keeps the spaCy pipeline and claimcheck's modules loaded, instead of
starting them again; the daemon forks a worker that runs exactly the code a direct run would,
writing to this process's own standard streams, which are passed to it over the Unix socket
(``SCM_RIGHTS``, as Mercurial's chg does). So the output, the files written, the messages and
the exit code are the direct run's. When no daemon runs, one is started (and stops itself
after :data:`DEFAULT_IDLE_TIMEOUT_S` idle seconds); where none can run, the command runs
directly after a one-line note.

This module imports only the standard library: it is what every run starts, and a run through
the daemon should cost no more than starting Python. Everything else is imported only when
the command runs here.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

from claimcheck import __version__
from claimcheck.project import find_config

PROTOCOL = 1  # the request/response format below; bumped on any incompatible change
SOCKET_NAME = "daemon.sock"
LOCK_NAME = "daemon.lock"  # held (flock) by the running daemon for its whole life
LOG_NAME = "daemon.log"
ENV_USE = "CLAIMCHECK_DAEMON"  # 1/true/yes/on: every report, check and export uses the daemon
ENV_IDLE = "CLAIMCHECK_DAEMON_IDLE_TIMEOUT"  # seconds, for a daemon started on demand
DEFAULT_IDLE_TIMEOUT_S = 1800.0
START_TIMEOUT_S = 120.0  # for a new daemon to answer (it loads the spaCy pipeline first)
STOP_TIMEOUT_S = 15.0
DAEMON_COMMANDS = frozenset({"report", "check", "export"})
DEFAULT_CACHE_DIR = ".claimcheck"  # as in cli.py
# Options of the top-level callback that come before the command (cli._main).
_GLOBAL_FLAGS = frozenset({"--debug", "--version", "-V"})


class DaemonError(Exception):
    """No daemon could be reached or started; the message says why."""


def main(argv: list[str] | None = None) -> None:
    """``claimcheck``: through the daemon when asked for and possible, else directly."""
    args = sys.argv[1:] if argv is None else list(argv)
    if wants_daemon(args, os.environ):
        code = forward(args)
        if code is not None:
            _flush_and_exit(code)
    from claimcheck.cli import app

    app(args=args)


def supported() -> str | None:
    """None where the daemon can run; else why not."""
    if not hasattr(socket, "AF_UNIX") or not hasattr(socket, "send_fds") or not hasattr(os, "fork"):
        return "the claimcheck daemon needs Unix domain sockets and fork(), which this platform lacks"
    return None


# -- Reading the command line without click ------------------------------------------------


def command_of(args: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand named in ``args`` and the arguments after it."""
    for n, arg in enumerate(args):
        if arg in _GLOBAL_FLAGS:
            continue
        return (arg, args[n + 1 :]) if not arg.startswith("-") else (None, [])
    return None, []


def _options(args: list[str]) -> list[str]:
    """The arguments before ``--`` (after it, everything is a path)."""
    return args[: args.index("--")] if "--" in args else args


def wants_daemon(args: list[str], environ) -> bool:
    """True when ``args`` run report, check or export with ``--daemon``, or with
    ``CLAIMCHECK_DAEMON`` set and no ``--no-daemon``."""
    command, rest = command_of(args)
    if command not in DAEMON_COMMANDS:
        return False
    flags = [a for a in _options(rest) if a in ("--daemon", "--no-daemon")]
    if flags:
        return flags[-1] == "--daemon"
    return environ.get(ENV_USE, "").strip().lower() in ("1", "true", "yes", "on")


def _option_value(args: list[str], name: str) -> str | None:
    """The last value given to option ``name`` (``--name VALUE`` or ``--name=VALUE``)."""
    value = None
    options = _options(args)
    for n, arg in enumerate(options):
        if arg == name and n + 1 < len(options):
            value = options[n + 1]
        elif arg.startswith(name + "="):
            value = arg[len(name) + 1 :]
    return value


def cache_dir_of(args: list[str]) -> Path:
    """The cache folder the command would use (cli._beside_config): ``--cache-dir``, else
    ``.claimcheck`` in the folder of the project's configuration when one is found."""
    _, rest = command_of(args)
    given = _option_value(rest, "--cache-dir")
    folder = Path(given if given is not None else DEFAULT_CACHE_DIR)
    if folder == Path(DEFAULT_CACHE_DIR) and _option_value(rest, "--rules") is None:
        found = find_config()
        if found is not None:
            return Path(os.path.relpath(found.parent / folder))
    return folder


# -- Identity: the daemon serves only clients running the very same code -----------------


def package_folder() -> Path:
    return Path(__file__).resolve().parent


def code_stamp(folder: Path | None = None) -> str:
    """A hash of the version and of every file of the claimcheck package (name, size,
    modification time): any edit, upgrade or reinstall changes it."""
    folder = folder or package_folder()
    digest = hashlib.sha256(f"{__version__}\0{folder}\0".encode())
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            with contextlib.suppress(OSError):
                status = os.stat(path)
                digest.update(
                    f"{os.path.relpath(path, folder)}\0{status.st_size}\0{status.st_mtime_ns}\0".encode()
                )
    return digest.hexdigest()


def identity() -> dict[str, object]:
    return {"version": __version__, "package": str(package_folder()), "stamp": code_stamp()}


# -- Talking to a daemon ----------------------------------------------------------------------


class Connection:
    """One request and its replies: JSON objects, one per line."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buffer = b""

    def send(self, message: dict[str, object], fds: list[int] = ()) -> None:
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8")
        if fds:
            data = data[socket.send_fds(self.sock, [data], list(fds)) :]
        if data:
            self.sock.sendall(data)

    def receive(self) -> dict[str, object] | None:
        """The next message, or None when the other side closed the connection."""
        while b"\n" not in self._buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def close(self) -> None:
        self.sock.close()


def connect(folder: Path) -> Connection | None:
    """A connection to the daemon of cache folder ``folder``; None when none runs there (a
    socket left by a daemon that died is removed)."""
    path = folder / SOCKET_NAME
    for _ in range(2):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            _connect(sock, path)
            return Connection(sock)
        except FileNotFoundError:
            sock.close()
            return None
        except (ConnectionRefusedError, OSError) as err:
            sock.close()
            if isinstance(err, OSError) and err.errno not in (
                errno.ECONNREFUSED,
                errno.ENOENT,
                errno.ENOTSOCK,
            ):
                raise DaemonError(f"cannot connect to {path} ({err.strerror or err})") from None
            if not remove_stale_socket(folder):
                time.sleep(0.1)  # a daemon holds the lock: it is starting; try once more
    return None


def _connect(sock: socket.socket, path: Path) -> None:
    """Connect to ``path``, from inside its folder when the path is longer than a socket
    address may be (about 100 bytes)."""
    if len(os.fsencode(path)) < 100:
        sock.connect(str(path))
        return
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        sock.connect(path.name)
    finally:
        os.chdir(here)


def remove_stale_socket(folder: Path) -> bool:
    """Remove the socket of a daemon that is gone (nobody holds its lock); True if none runs."""
    import fcntl

    lock = folder / LOCK_NAME
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        fd = None
    except OSError:
        return False
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False  # held: a daemon runs (or is starting)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / SOCKET_NAME)
        return True
    finally:
        if fd is not None:
            os.close(fd)


def request(folder: Path, message: dict[str, object]) -> dict[str, object] | None:
    """One request without standard streams (status, stop); None when no daemon runs."""
    connection = connect(folder)
    if connection is None:
        return None
    try:
        connection.send({"protocol": PROTOCOL, **message})
        return connection.receive()
    finally:
        connection.close()


def status(folder: Path) -> dict[str, object] | None:
    return request(folder, {"op": "status"})


def stop(folder: Path, timeout: float = STOP_TIMEOUT_S) -> dict[str, object] | None:
    """Ask the daemon of ``folder`` to stop and wait until it has; its status before, or None
    when none ran. Runs under way finish first."""
    answer = request(folder, {"op": "stop"})
    if answer is None:
        return None
    deadline = time.monotonic() + timeout
    while not remove_stale_socket(folder):
        if time.monotonic() > deadline:
            raise DaemonError(f"the daemon (pid {answer.get('pid')}) did not stop within {timeout:.0f} s")
        time.sleep(0.02)
    return answer


def start(folder: Path, idle_timeout: float | None = None) -> dict[str, object]:
    """Start a daemon for cache folder ``folder`` and wait until it answers; its status."""
    import subprocess

    why = supported()
    if why is not None:
        raise DaemonError(why)
    folder.mkdir(parents=True, exist_ok=True)
    _ignore_folder(folder)
    if idle_timeout is None:
        try:
            idle_timeout = float(os.environ.get(ENV_IDLE, DEFAULT_IDLE_TIMEOUT_S))
        except ValueError:
            idle_timeout = DEFAULT_IDLE_TIMEOUT_S
    env = dict(os.environ)
    # The daemon imports the very code this client runs.
    source = str(package_folder().parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH", "")) if p)
    env.pop(ENV_USE, None)
    log = folder / LOG_NAME
    with open(log, "ab") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "claimcheck.daemon",
                "--folder",
                str(folder.resolve()),
                "--idle-timeout",
                str(idle_timeout),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            env=env,
            start_new_session=True,  # no terminal's Ctrl-C or hang-up reaches it
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        answer = status(folder)
        if answer is not None and answer.get("ready"):
            return answer
        code = process.poll()
        if code is not None and answer is None:
            # It may have lost a race to another daemon starting at the same moment.
            answer = status(folder)
            if answer is not None:
                continue
            tail = _log_tail(log)
            raise DaemonError(
                f"the daemon exited at start (code {code}){': ' + tail if tail else ''}; see {log}"
            )
        time.sleep(0.05)
    raise DaemonError(f"the daemon did not answer within {START_TIMEOUT_S:.0f} s; see {log}")


def _ignore_folder(folder: Path) -> None:
    """The cache's .gitignore (cache.ignore_folder), also when the daemon's files come first."""
    from claimcheck.cache import GITIGNORE_TEXT

    marker = folder / ".gitignore"
    with contextlib.suppress(OSError):
        if marker.exists() or any(
            not p.name.startswith(("cache.sqlite", "daemon.")) for p in folder.iterdir()
        ):
            return
        marker.write_text(GITIGNORE_TEXT, encoding="utf-8")


def _log_tail(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def same_code(answer: dict[str, object], mine: dict[str, object]) -> bool:
    return all(answer.get(key) == mine[key] for key in ("version", "package", "stamp")) and (
        answer.get("protocol") == PROTOCOL
    )


# -- Forwarding a command -----------------------------------------------------------------------


def forward(args: list[str]) -> int | None:
    """Run ``claimcheck ARGS`` in the daemon of the command's cache folder, starting one when
    none runs; its exit code, or None (after a one-line note) when it must run here."""
    quiet = any(a in ("-q", "--quiet") for a in _options(command_of(args)[1]))
    why = supported()
    if why is not None:
        _note(f"{why}; running without it", quiet)
        return None
    folder = cache_dir_of(args)
    mine = identity()
    try:
        for attempt in range(2):
            connection = connect(folder)
            if connection is None:
                answer = start(folder)
                _note(
                    f"started a claimcheck daemon (pid {answer.get('pid')}) for {folder}; "
                    "`claimcheck daemon stop` stops it",
                    quiet,
                )
                connection = connect(folder)
                if connection is None:
                    raise DaemonError("the daemon started but does not answer")
            try:
                reply = _send_run(connection, args, mine)
                if reply is None:
                    raise DaemonError("the daemon closed the connection without answering")
                if reply.get("refused") == "code" and attempt == 0:
                    # An upgrade or an edit of claimcheck since the daemon started: start anew.
                    connection.close()
                    stop(folder)
                    _note(
                        f"restarting the claimcheck daemon: claimcheck changed since it started "
                        f"(it ran {reply.get('version')} from {reply.get('package')})",
                        quiet,
                    )
                    continue
                if "refused" in reply:
                    raise DaemonError(str(reply.get("message") or reply["refused"]))
                return _wait_for_exit(connection, int(reply["pid"]))
            finally:
                connection.close()
    except DaemonError as err:
        _note(f"{err}; running without the daemon", quiet)
        return None
    return None


def _send_run(connection: Connection, args: list[str], mine: dict[str, object]) -> dict[str, object] | None:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    for stream in streams[1:]:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            stream.flush()
    message = {
        "protocol": PROTOCOL,
        "op": "run",
        **mine,
        "argv": args,
        "argv0": sys.argv[0] if sys.argv else "claimcheck",
        "prog": program_name(),
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "streams": [_stream_settings(s) for s in streams],
    }
    connection.send(message, [0, 1, 2])
    return connection.receive()


def _stream_settings(stream) -> dict[str, object] | None:
    """How Python opened this stream, so the daemon's worker opens its descriptor the same way."""
    if stream is None:
        return None
    return {
        "encoding": getattr(stream, "encoding", None) or "utf-8",
        "errors": getattr(stream, "errors", None) or "strict",
        "line_buffering": bool(getattr(stream, "line_buffering", False)),
    }


def program_name() -> str:
    """The name click shows in usage lines (click.utils._detect_program_name)."""
    main_module = sys.modules.get("__main__")
    path = sys.argv[0] if sys.argv and sys.argv[0] else "claimcheck"
    package = getattr(main_module, "__package__", None)
    if package in (None, ""):
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def _wait_for_exit(connection: Connection, worker: int) -> int:
    """The worker's exit code; Ctrl-C and termination are passed on to the worker, as they
    would reach a direct run."""
    received: list[int] = []

    def pass_on(signum, frame) -> None:
        received.append(signum)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(worker, signum)

    forwarded = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {s: signal.signal(s, pass_on) for s in forwarded}
    try:
        while True:
            try:
                reply = connection.receive()
                break
            except InterruptedError:
                continue
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if reply is None or "exit" not in reply:
        if received:
            signal.signal(received[-1], signal.SIG_DFL)
            os.kill(os.getpid(), received[-1])
        detail = f" ({reply.get('message')})" if reply else ""
        sys.stderr.write(f"error: the claimcheck daemon's worker ended without an exit code{detail}\n")
        return 2
    return int(reply["exit"])


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"note: {message}\n")
            sys.stderr.flush()


def _flush_and_exit(code: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    raise SystemExit(code)
