"""The warm daemon: claimcheck's modules and the spaCy pipeline loaded once, a run forked per request.

One daemon serves one cache folder, on a Unix socket there (``daemon.sock``, mode 0600, and
only peers of the same user are served); it holds ``daemon.lock`` (flock) for its whole life,
so a second daemon refuses to start and a socket whose daemon died is known stale and removed.

Each ``run`` request brings the client's command line, folder, environment and its standard
input, output and error descriptors (``SCM_RIGHTS``). The daemon forks a worker, which takes
them on and runs the same typer command a direct run does, then answers with the exit code:
output, files written, messages and exit code are the direct run's, and a run sees the files
and the cache on disk as a direct run does, since nothing of one run outlives its worker.
Workers run side by side, as direct runs may (the SQLite cache serialises their writes).
This is Mercurial's chg design (mypy's dmypy and eslint_d run in the server process itself).
Besides loaded code, the daemon keeps three things of the cache decoded for its workers, read
again (read-only) after every run: the file index (``pipeline.WARM_FILES``), from which a
worker takes an article only when its file's size, times and inode are those indexed, the
test the cache's own index passes, so a file changed on disk is read again exactly as a
direct run reads it; the story profile of each claim key (``pipeline.WARM_PROFILES``: a key
names an article's content and the extraction, so its profile never changes); and the
findings of each story (``pipeline.WARM_STORIES``), under keys
that cover everything they depend on (articles, claims, configuration, code), so they are
what the cache holds or what checking the story again would give. What is not there is read
from the cache, as a direct run reads it.

The daemon refuses a client whose claimcheck differs from its own (version, package folder,
or any file of the package: :func:`claimcheck.client.code_stamp`); the client then stops it
and starts a new one. The configuration is read by every run, as a direct run reads it; a
spaCy pipeline reinstalled since it was loaded is loaded again. After ``idle_timeout``
seconds without a request or a run (0: never) the daemon stops.

Protocol (:data:`claimcheck.client.PROTOCOL`): one JSON object per line each way. Requests
carry ``protocol`` and ``op``: ``status``, ``stop``, or ``run`` (with ``version``,
``package``, ``stamp``, ``argv``, ``argv0``, ``prog``, ``cwd``, ``env``, ``streams``, and
three descriptors). A run is answered with ``{"pid": worker}`` (the client passes Ctrl-C on
to it), then ``{"exit": code}``; a refusal with ``{"refused": "code" | "protocol", ...}``.

    python -m claimcheck.daemon --folder .claimcheck --idle-timeout 1800
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import gc
import io
import json
import os
import selectors
import signal
import socket
import struct
import sys
import time
import traceback
from pathlib import Path

from claimcheck import __version__
from claimcheck.client import LOCK_NAME, PROTOCOL, SOCKET_NAME, code_stamp, package_folder

CACHE_NAME = "cache.sqlite"  # in the cache folder, as cli._run names it
MAX_REQUEST_BYTES = 16 << 20  # a command line and an environment, with room to spare
REQUEST_TIMEOUT_S = 30.0  # for a client to finish sending its request
POLL_S = 0.5  # how often finished workers are reaped and the idle time checked
WARM_UP_TEXT = """---
title: Warm-up
published: 2025-09-10
---
Skyline and Aerovia completed their merger on March 3, 2025, creating a carrier of 11,000 staff.

The regulator said on Monday that Skyline and Aerovia had called off the merger; about 9,000
employees work for the two airlines, which were pleased with the outcome.
"""


class AlreadyRunning(Exception):
    pass


class Daemon:
    def __init__(self, folder: Path, idle_timeout: float) -> None:
        self.folder = folder
        self.idle_timeout = idle_timeout
        self.started = time.time()
        self.last_activity = time.monotonic()
        self.runs = 0
        self.workers: set[int] = set()
        self.models: dict[str, str | None] = {}
        self.stamp = code_stamp()
        self.ready = False
        self.stopping = False
        self.lock_fd = -1
        self.listener: socket.socket | None = None
        self.command = None
        self.log_fd = os.dup(2)  # the log, also for workers, whose descriptor 2 is the client's

    # -- life ---------------------------------------------------------------------------------

    def serve(self) -> None:
        self._lock()
        try:
            config = self._project_config()
            os.chdir(self.folder)  # the socket is bound by its short name, whatever the folder's length
            self._listen()
            self._log(
                f"listening on {self.folder / SOCKET_NAME} (pid {os.getpid()}, claimcheck {__version__})"
            )
            self._warm_up(config)
            self._read_file_index()
            self.ready = True
            self.last_activity = time.monotonic()  # idle time counts from here
            self._log(f"ready (spaCy pipeline {', '.join(self.models) or 'none'} loaded)")
            self._loop()
        finally:
            self._close()

    def _lock(self) -> None:
        self.lock_fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.lock_fd)
            self.lock_fd = -1
            raise AlreadyRunning(f"a claimcheck daemon already runs for {self.folder}") from None
        os.ftruncate(self.lock_fd, 0)
        os.write(self.lock_fd, f"{os.getpid()}\n".encode())

    def _project_config(self):
        """The configuration of the project the daemon was started in (its spaCy pipeline is
        loaded before the first run); the shipped defaults when it cannot be read."""
        from claimcheck.config import DEFAULT_SOURCE, default_text, load_config, parse_config
        from claimcheck.errors import ClaimcheckError

        try:
            return load_config()
        except ClaimcheckError:
            return parse_config(default_text(), DEFAULT_SOURCE)

    def _listen(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(SOCKET_NAME)  # stale: the lock says no daemon owns it
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        previous = os.umask(0o177)  # created 0600: never a moment readable by others
        try:
            listener.bind(SOCKET_NAME)
        finally:
            os.umask(previous)
        os.chmod(SOCKET_NAME, 0o600)
        listener.listen(64)
        self.listener = listener

    def _warm_up(self, config) -> None:
        """Import what a run uses and run one small analysis, so every worker starts with the
        pipeline, the rules' word lists and the reporters loaded."""
        import typer.main

        import claimcheck.cli as cli
        from claimcheck import pipeline, reporters
        from claimcheck.errors import ClaimcheckError

        self.command = typer.main.get_command(cli.app)
        pipeline.analysis_code_digest()
        self._load_model(config.settings.model)
        with contextlib.suppress(ClaimcheckError):
            report = pipeline.run(["-"], config, pipeline.RunOptions(stdin_text=WARM_UP_TEXT))
            options = cli._report_options(config, None, 100)
            for render in reporters.REPORTERS.values():
                render(report, options)

    def _load_model(self, name: str) -> None:
        from claimcheck.errors import ClaimcheckError
        from claimcheck.extract import load_pipeline

        with contextlib.suppress(ClaimcheckError):
            load_pipeline(name)
            self.models[name] = _model_stamp(name)

    def _fresh_models(self) -> None:
        """Load again a pipeline installed anew since it was loaded."""
        from claimcheck.extract import load_pipeline

        if all(_model_stamp(name) == stamp for name, stamp in self.models.items()):
            return
        self._log("a spaCy pipeline changed on disk: loading it again")
        load_pipeline.cache_clear()
        for name in list(self.models):
            del self.models[name]
            self._load_model(name)

    def _read_file_index(self) -> None:
        """Decode the cache's file index, claim profiles and story findings ahead of the next
        run (pipeline.WARM_FILES, WARM_PROFILES, WARM_STORIES), which its worker inherits: the
        run then decodes only what was cached since."""
        from claimcheck import pipeline

        path = self.folder / CACHE_NAME
        pipeline.WARM_FILES[str(path)] = pipeline.warm_files(path)
        pipeline.WARM_PROFILES[str(path)] = pipeline.warm_profiles(path)
        pipeline.WARM_STORIES[str(path)] = pipeline.warm_stories(path)

    def _loop(self) -> None:
        assert self.listener is not None
        selector = selectors.DefaultSelector()
        selector.register(self.listener, selectors.EVENT_READ)
        while not self.stopping:
            for _ in selector.select(POLL_S):
                self._accept()
                if self.stopping:
                    break
            self._reap()
            idle = time.monotonic() - self.last_activity
            if self.idle_timeout > 0 and not self.workers and idle >= self.idle_timeout:
                self._log(f"idle for {idle:.0f} s: stopping")
                break
        selector.close()

    def _close(self) -> None:
        if self.listener is not None:
            self.listener.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.folder / SOCKET_NAME)
        if self.lock_fd >= 0:
            with contextlib.suppress(OSError):
                os.ftruncate(self.lock_fd, 0)
            os.close(self.lock_fd)  # releases the lock: the daemon is gone
            self.lock_fd = -1
        self._log("stopped")

    def _reap(self) -> None:
        while self.workers:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.workers.clear()
                return
            if pid == 0:
                return
            self.workers.discard(pid)
            self.last_activity = time.monotonic()
            if not self.workers:
                self._read_file_index()

    # -- requests -----------------------------------------------------------------------------

    def _accept(self) -> None:
        assert self.listener is not None
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        fds: list[int] = []
        try:
            if not _same_user(conn):
                return
            conn.settimeout(REQUEST_TIMEOUT_S)
            message, fds = _receive_request(conn)
            if message is not None:
                fds = self._handle(conn, message, fds)
        except (OSError, ValueError) as err:
            self._log(f"bad request: {err}")
        finally:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
            conn.close()

    def _handle(self, conn: socket.socket, message: dict, fds: list[int]) -> list[int]:
        """Answer one request; the descriptors left for the caller to close."""
        op = message.get("op")
        if message.get("protocol") != PROTOCOL:
            _send(
                conn,
                {
                    **self.status(),
                    "refused": "protocol",
                    "message": (
                        f"the daemon speaks protocol {PROTOCOL}, the client {message.get('protocol')}"
                    ),
                },
            )
            return fds
        if op == "status":
            _send(conn, self.status())
        elif op == "stop":
            _send(conn, {**self.status(), "stopping": True})
            self._log("asked to stop")
            self.stopping = True
        elif op == "run":
            mine = self.status()
            if any(message.get(key) != mine[key] for key in ("version", "package", "stamp")):
                self._log(
                    f"refused a client of other code (claimcheck {message.get('version')} from {message.get('package')})"
                )
                _send(conn, {**mine, "refused": "code", "message": "the daemon runs other claimcheck code"})
                return fds
            if len(fds) != 3:
                _send(
                    conn,
                    {
                        **mine,
                        "refused": "streams",
                        "message": "a run needs the client's three standard streams",
                    },
                )
                return fds
            self.last_activity = time.monotonic()  # status and stop requests keep no daemon alive
            self._fresh_models()
            self._fork(conn, message, fds)
            return fds
        else:
            _send(conn, {**self.status(), "refused": "op", "message": f"unknown request {op!r}"})
        return fds

    def status(self) -> dict[str, object]:
        return {
            "protocol": PROTOCOL,
            "pid": os.getpid(),
            "version": __version__,
            "package": str(package_folder()),
            "stamp": self.stamp,
            "ready": self.ready,
            "folder": str(self.folder),
            "started": self.started,
            "idle_timeout": self.idle_timeout,
            "idle": round(time.monotonic() - self.last_activity, 1),
            "runs": self.runs,
            "active": len(self.workers),
            "models": sorted(self.models),
            "files": len(_warm("WARM_FILES").get(str(self.folder / CACHE_NAME), ())),
            "stories": len(_warm("WARM_STORIES").get(str(self.folder / CACHE_NAME), ())),
        }

    def _fork(self, conn: socket.socket, message: dict, fds: list[int]) -> None:
        # The worker's collections (and its last gc.collect) need not walk the daemon's loaded
        # code and pipeline: they are frozen in the worker. The daemon itself unfreezes them.
        gc.freeze()
        pid = os.fork()
        if pid:
            gc.unfreeze()
            self.workers.add(pid)
            self.runs += 1
            return
        # The worker: never returns.
        code = 2
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGHUP, signal.SIG_DFL)
            if self.listener is not None:
                self.listener.close()
            os.close(self.lock_fd)  # the lock is the daemon's alone: it must not outlive it
            conn.settimeout(None)
            _send(conn, {"pid": os.getpid()})
            code = run_command(self.command, message, fds)
        except BaseException:
            with contextlib.suppress(Exception):
                self._log("worker failed:\n" + traceback.format_exc())
        finally:
            with contextlib.suppress(BaseException):
                _send(conn, {"exit": code})
            os._exit(0)

    def _log(self, message: str) -> None:
        with contextlib.suppress(OSError):
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            os.write(self.log_fd, f"{stamp} [{os.getpid()}] {message}\n".encode("utf-8", "replace"))


def run_command(command, message: dict, fds: list[int]) -> int:
    """In a worker: take on the client's folder, environment and standard streams, and run
    its command line as ``claimcheck`` would; the exit code."""
    os.chdir(message["cwd"])
    os.environ.clear()
    os.environ.update(message["env"])
    time.tzset()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    fds.clear()
    settings = message.get("streams") or [None, None, None]
    sys.stdin = sys.__stdin__ = _open_stream(0, "r", settings[0])
    sys.stdout = sys.__stdout__ = _open_stream(1, "w", settings[1])
    sys.stderr = sys.__stderr__ = _open_stream(2, "w", settings[2])
    sys.argv = [message.get("argv0") or "claimcheck", *message["argv"]]
    try:
        command.main(args=list(message["argv"]), prog_name=message.get("prog") or "claimcheck")
        code = 0
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    except BaseException:  # what Python does with an exception nobody caught
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        code = 120  # as Python's own exit when flushing standard output fails
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    gc.collect()  # runs the finalizers of what the run left (temporary folders)
    # Let go of the client's streams before answering: a reader of its output sees the end.
    devnull = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(devnull, target)
    os.close(devnull)
    return code


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(OSError, ValueError):
        print(code, file=sys.stderr)
    return 1


def _open_stream(fd: int, mode: str, settings: dict | None):
    """A text stream on ``fd`` opened as Python opens its standard streams, with the
    client's encoding, error handler and line buffering."""
    settings = settings or {}
    raw = io.FileIO(fd, mode, closefd=False)
    buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    return io.TextIOWrapper(
        buffered,
        encoding=settings.get("encoding") or "utf-8",
        errors=settings.get("errors") or "strict",
        newline="\n",
        line_buffering=bool(settings.get("line_buffering")),
    )


def _warm(name: str) -> dict:
    from claimcheck import pipeline

    return getattr(pipeline, name)


def _model_stamp(name: str) -> str | None:
    from claimcheck.errors import ClaimcheckError
    from claimcheck.extract import pipeline_folder

    try:
        folder = pipeline_folder(name)
        return f"{folder.resolve()}:{(folder / 'config.cfg').stat().st_mtime_ns}"
    except (ClaimcheckError, OSError):
        return None


def _same_user(conn: socket.socket) -> bool:
    """True when the peer runs as this user (Linux's SO_PEERCRED; elsewhere the socket's mode
    0600 already keeps other users out)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return True
    size = struct.calcsize("3i")
    _, uid, _ = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, size))
    return uid == os.getuid()


def _receive_request(conn: socket.socket) -> tuple[dict | None, list[int]]:
    """One request line and the descriptors sent with it."""
    data = b""
    fds: list[int] = []
    while b"\n" not in data:
        chunk, more, _, _ = socket.recv_fds(conn, 65536, 3)
        fds.extend(more)
        if not chunk:
            return None, fds
        data += chunk
        if len(data) > MAX_REQUEST_BYTES:
            raise ValueError("request too long")
    message = json.loads(data.split(b"\n", 1)[0])
    if not isinstance(message, dict):
        raise ValueError("a request is a JSON object")
    return message, fds


def _send(conn: socket.socket, message: dict[str, object]) -> None:
    conn.sendall((json.dumps(message, separators=(",", ":")) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m claimcheck.daemon", description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, required=True, help="the cache folder to serve")
    parser.add_argument("--idle-timeout", type=float, default=1800.0, help="seconds; 0: never stop")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    daemon = Daemon(folder, args.idle_timeout)

    def stop(signum, frame) -> None:
        daemon.stopping = True
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C of a client is its worker's, not ours
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        daemon.serve()
    except AlreadyRunning as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(errno.EEXIST) from None


if __name__ == "__main__":
    main()
