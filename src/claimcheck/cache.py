"""An incremental cache of extracted claims per article content, in SQLite.

Extraction is the slow stage; its output depends only on the article's content, the spaCy
model and claimcheck's extraction code, so those four make the key (:func:`cache_key`).
Claims are stored with ``doc=""`` because the same content may live under several paths;
callers put the path back with :func:`relabel` or ``get(key, doc=...)`` (``published`` and
``outlet`` are stored as extracted: they come from the content the key already covers).

The same file also holds the findings of whole runs (:meth:`ClaimCache.get_findings`), under a
key the pipeline makes of every article's cache key, the configuration and the analysis code,
so an unchanged corpus is not aligned and checked again; the findings of each story
(:meth:`ClaimCache.get_stories`), so a new article re-checks only the stories it joins; each
article's story profile and claim count beside its claims (:meth:`ClaimCache.profiles`), so
stories are found without reading claims back; and a file index (:meth:`ClaimCache.files`):
each path's size, modification time and what ingest made of it, so an unchanged file is
neither read nor parsed.

The cache never fails a run. A file that is not a SQLite database, or a cache found damaged
at any time (when it opens or later, on a read or write), is moved aside (``cache.sqlite.damaged``)
and rebuilt; a claimcheck cache of another schema version is emptied and rebuilt; a SQLite
database claimcheck did not make (tables of its own) is never touched: the run caches in
memory instead, as it does when the file cannot be opened at all. Each case leaves a message in :attr:`ClaimCache.warnings`
for the caller to show. Several processes may use one file at once: WAL journal, a busy
timeout, and every write in a single ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType

from claimcheck.errors import CacheError
from claimcheck.model import Claim, Finding
from claimcheck.serial import (
    SerialError,
    claims_from_json,
    claims_to_json,
    findings_from_json,
    findings_to_json,
)

DEFAULT_CACHE_PATH = Path(".claimcheck") / "cache.sqlite"
# Written into the cache folder, as ruff and pytest do, so `git status` never shows the cache.
GITIGNORE_TEXT = "# Created by claimcheck: the claim cache is never committed.\n*\n"


def ignore_folder(folder: Path, cache_name: str) -> None:
    """Put a ``.gitignore`` holding ``*`` in the cache folder when it has none and holds nothing
    but the cache (``--cache-dir .`` must not hide a whole project from git); a folder that
    cannot be written to is left alone, as the cache never fails a run."""
    marker = folder / ".gitignore"
    with contextlib.suppress(OSError):
        if marker.exists() or any(not p.name.startswith(cache_name) for p in folder.iterdir()):
            return
        marker.write_text(GITIGNORE_TEXT, encoding="utf-8")


SCHEMA_VERSION = 3  # 2: the findings table; 3: profiles beside claims, the files and stories tables
DEFAULT_BUSY_TIMEOUT_MS = 30_000
_MEMORY = ":memory:"
# Primary result codes meaning the file itself is bad (sqlite3.SQLITE_* names, stable values).
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

_OWN_TABLES = frozenset({"schema_version", "claims", "findings", "files", "stories"})
_CREATE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    # count and profile (JSON [entity keys, published]) let stories be found without the payload.
    "CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, payload TEXT NOT NULL,"
    " count INTEGER NOT NULL DEFAULT 0, profile TEXT NOT NULL DEFAULT '[[], null]') WITHOUT ROWID",
    # With a rowid: INSERT OR REPLACE gives a new, larger rowid, which orders entries by age.
    "CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, payload TEXT NOT NULL)",
    # stamp: the file's size, mtime, ctime and inode as the caller spells them.
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stamp TEXT NOT NULL,"
    " article TEXT NOT NULL) WITHOUT ROWID",
    # used: the run that last needed the entry, to drop stories no recent run has seen.
    "CREATE TABLE IF NOT EXISTS stories (key TEXT PRIMARY KEY, payload TEXT NOT NULL, used INTEGER NOT NULL)",
)
# Each edit of an article or of the rules makes a new findings entry; only the newest are kept.
MAX_FINDINGS_ENTRIES = 16
# A story's findings no run among the last this many has used are dropped.
MAX_STORY_AGE_RUNS = 16
_SQL_VARIABLES = 500  # keys per "IN (...)" query, under SQLite's limit on bound variables


def cache_key(content_hash: str, model_name: str, model_version: str, extraction_version: str) -> str:
    """sha256 hex of everything extraction output depends on."""
    parts = (content_hash, model_name, model_version, extraction_version)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _profile_json(claims: Sequence[Claim]) -> str:
    """The story profile of one article's claims: its entity keys and publication date."""
    names = sorted({name for claim in claims for name in claim.entities})
    published = claims[0].published.isoformat() if claims and claims[0].published else None
    return json.dumps([names, published], ensure_ascii=False)


def read_file_index(path: str | os.PathLike[str]) -> dict[str, tuple[str, str]]:
    """The file index of the cache at ``path``, as :meth:`ClaimCache.files` gives it, read
    without changing anything (see :func:`_read_only`)."""
    rows = _read_only(path, "SELECT path, stamp, article FROM files")
    return {doc: (stamp, article) for doc, stamp, article in rows}


def read_stories(path: str | os.PathLike[str]) -> dict[str, str]:
    """Every story's findings in the cache at ``path``, serialised, by story key, read without
    changing anything (see :func:`_read_only`)."""
    return dict(_read_only(path, "SELECT key, payload FROM stories"))


def read_profiles(path: str | os.PathLike[str]) -> list[tuple[str, int, str]]:
    """Every claim key's (key, number of claims, serialised profile) in the cache at ``path``,
    read without changing anything (see :func:`_read_only`)."""
    return _read_only(path, "SELECT key, count, profile FROM claims")


def decode_profile(count: int, profile: str) -> tuple[int, frozenset[str], date | None] | None:
    """A stored profile as :meth:`ClaimCache.profiles` gives it; None when unreadable (the
    article is then extracted again)."""
    try:
        names, published = json.loads(profile)
        return count, frozenset(names), date.fromisoformat(published) if published else None
    except (ValueError, TypeError):
        return None


def _read_only(path: str | os.PathLike[str], sql: str) -> list[tuple]:
    """The rows of ``sql`` in the cache at ``path``, read without creating, repairing or
    rebuilding the file; none when it cannot be read or is of another schema. For a process
    that lives beside the runs (the daemon) and leaves the file to them."""
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, ValueError):
        return []
    try:
        version = connection.execute("SELECT version FROM schema_version").fetchone()
        if version is None or version[0] != SCHEMA_VERSION:
            return []
        return connection.execute(sql).fetchall()
    except sqlite3.Error:
        return []
    finally:
        connection.close()


def relabel(claims: tuple[Claim, ...], doc: str) -> tuple[Claim, ...]:
    """Claims read from the cache, attributed to the article path they are used for."""
    return tuple(dataclasses.replace(claim, doc=doc) for claim in claims)


class StoredClaims(Sequence[Claim]):
    """The claims of a run, left in the cache file and read back article by article when
    iterated, so a report of an archive never holds every claim at once.

    ``entries`` are (path, cache key, number of claims) in reading order; ``keep`` is whatever
    must live as long as this (the temporary folder of a run without a cache).
    """

    def __init__(self, path: Path, entries: Sequence[tuple[str, str, int]], keep: object = None) -> None:
        self._path = path
        self._entries = tuple(entries)
        self._keep = keep
        self._length = sum(count for _, _, count in self._entries)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Claim]:
        with ClaimCache(self._path) as cache:
            for doc, key, count in self._entries:
                if count:
                    yield from cache.get(key, doc=doc) or ()

    def __getitem__(self, index):  # a rare caller: reads them all
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def counts(self) -> dict[str, int]:
        """Claims per article path, without reading them."""
        return {doc: count for doc, _, count in self._entries}


class _ForeignDatabase(Exception):
    """The file is a SQLite database with tables claimcheck did not create."""


class _SchemaMismatch(Exception):
    def __init__(self, found: str) -> None:
        super().__init__(found)
        self.found = found


class ClaimCache:
    """Claims per cache key; use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_CACHE_PATH,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._warnings: list[str] = []
        self._connection = self._open()

    @property
    def warnings(self) -> tuple[str, ...]:
        """Problems met and worked around (rebuilt file, memory fallback, unreadable entries)."""
        return tuple(self._warnings)

    @property
    def persistent(self) -> bool:
        """False when the file could not be used and this run caches in memory only."""
        return self._on_disk

    def __enter__(self) -> ClaimCache:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    def get(self, key: str, doc: str | None = None) -> tuple[Claim, ...] | None:
        """The claims stored under ``key`` (with ``doc=""``, or ``doc`` if given), or None on a miss."""
        try:
            row = self._connection.execute("SELECT payload FROM claims WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if not self._repair(exc):
                self._warn(f"claim cache {self.path} could not be read ({exc}); extracting again")
            return None
        if row is None:
            return None
        try:
            return claims_from_json(row[0], doc=doc)
        except SerialError as exc:
            self._warn(f"claim cache entry {key[:12]} is unreadable ({exc}); extracting again")
            return None

    def put_many(self, items: dict[str, tuple[Claim, ...]]) -> None:
        """Store several entries in one transaction, replacing any under the same keys."""
        if not items:
            return
        rows = [
            (
                key,
                claims_to_json(tuple(dataclasses.replace(claim, doc="") for claim in claims)),
                len(claims),
                _profile_json(claims),
            )
            for key, claims in items.items()
        ]
        self._write(
            "INSERT OR REPLACE INTO claims (key, payload, count, profile) VALUES (?, ?, ?, ?)",
            rows,
            "results were not cached",
        )

    def profiles(self, keys: Sequence[str]) -> dict[str, tuple[int, frozenset[str], date | None]]:
        """For each key stored: its number of claims, their entity keys and publication date,
        read without decoding the claims."""
        found: dict[str, tuple[int, frozenset[str], date | None]] = {}
        for rows in self._select_in("SELECT key, count, profile FROM claims WHERE key IN ({})", keys):
            for key, count, profile in rows:
                decoded = decode_profile(count, profile)
                if decoded is not None:
                    found[key] = decoded
        return found

    def files(self) -> dict[str, tuple[str, str]]:
        """The file index: for each path stored, its stamp (size and times) and what ingest
        made of it, both as the caller wrote them."""
        try:
            rows = self._connection.execute("SELECT path, stamp, article FROM files").fetchall()
        except sqlite3.DatabaseError as exc:
            if not self._repair(exc):
                self._warn(f"claim cache {self.path} could not be read ({exc}); reading every file")
            return {}
        return {path: (stamp, article) for path, stamp, article in rows}

    def put_files(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """Index files as (path, stamp, serialised article)."""
        if rows:
            self._write(
                "INSERT OR REPLACE INTO files (path, stamp, article) VALUES (?, ?, ?)",
                rows,
                "the file index was not updated",
            )

    def get_stories(self, keys: Sequence[str]) -> dict[str, tuple[Finding, ...]]:
        """The findings of the stories stored under ``keys`` (a key missing is a miss)."""
        found: dict[str, tuple[Finding, ...]] = {}
        for rows in self._select_in("SELECT key, payload FROM stories WHERE key IN ({})", keys):
            for key, payload in rows:
                try:
                    found[key] = findings_from_json(payload)
                except SerialError as exc:
                    self._warn(f"story cache entry {key[:12]} is unreadable ({exc}); checking it again")
        return found

    def put_stories(self, fresh: dict[str, tuple[Finding, ...]], used: Sequence[str]) -> None:
        """Store the findings of the stories checked in this run, mark every story the run used
        as recent, and drop those no run among the last :data:`MAX_STORY_AGE_RUNS` has used."""
        for attempt in range(2):
            try:
                with self._transaction():
                    run = self._connection.execute(
                        "SELECT coalesce(max(used), 0) + 1 FROM stories"
                    ).fetchone()[0]
                    self._connection.executemany(
                        "INSERT OR REPLACE INTO stories (key, payload, used) VALUES (?, ?, ?)",
                        [(key, findings_to_json(findings), run) for key, findings in fresh.items()],
                    )
                    for start in range(0, len(used), _SQL_VARIABLES):
                        chunk = used[start : start + _SQL_VARIABLES]
                        self._connection.execute(
                            f"UPDATE stories SET used = ? WHERE key IN ({','.join('?' * len(chunk))})",
                            (run, *chunk),
                        )
                    self._connection.execute(
                        "DELETE FROM stories WHERE used <= ?", (run - MAX_STORY_AGE_RUNS,)
                    )
                return
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._repair(exc):
                    continue
                self._warn(f"claim cache {self.path} could not be written ({exc}); stories were not cached")
                return

    def _select_in(self, sql: str, keys: Sequence[str]) -> Iterator[list[tuple]]:
        """Rows of ``sql`` (one ``IN ({})``) for ``keys``, a few hundred keys per query."""
        for start in range(0, len(keys), _SQL_VARIABLES):
            chunk = keys[start : start + _SQL_VARIABLES]
            try:
                yield self._connection.execute(
                    sql.format(",".join("?" * len(chunk))), tuple(chunk)
                ).fetchall()
            except sqlite3.DatabaseError as exc:
                if not self._repair(exc):
                    self._warn(f"claim cache {self.path} could not be read ({exc}); extracting again")
                return

    def _write(self, sql: str, rows: Sequence[tuple], lost: str) -> None:
        """``executemany`` in one transaction; a damaged file is rebuilt and written once more."""
        for attempt in range(2):
            try:
                with self._transaction():
                    self._connection.executemany(sql, rows)
                return
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._repair(exc):
                    continue  # a fresh file: write there
                self._warn(f"claim cache {self.path} could not be written ({exc}); {lost}")
                return

    def get_findings(self, key: str) -> tuple[Finding, ...] | None:
        """The findings of a run stored under ``key``, or None on a miss."""
        try:
            row = self._connection.execute("SELECT payload FROM findings WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            if not self._repair(exc):
                self._warn(f"claim cache {self.path} could not be read ({exc}); checking again")
            return None
        if row is None:
            return None
        try:
            return findings_from_json(row[0])
        except SerialError as exc:
            self._warn(f"findings cache entry {key[:12]} is unreadable ({exc}); checking again")
            return None

    def put_findings(self, key: str, findings: tuple[Finding, ...]) -> None:
        """Store the findings of a run, replacing any under the same key; keep the newest few."""
        payload = findings_to_json(findings)
        for attempt in range(2):
            try:
                with self._transaction():
                    self._connection.execute(
                        "INSERT OR REPLACE INTO findings (key, payload) VALUES (?, ?)", (key, payload)
                    )
                    self._connection.execute(
                        "DELETE FROM findings WHERE rowid NOT IN"
                        " (SELECT rowid FROM findings ORDER BY rowid DESC LIMIT ?)",
                        (MAX_FINDINGS_ENTRIES,),
                    )
                return
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._repair(exc):
                    continue
                self._warn(f"claim cache {self.path} could not be written ({exc}); findings were not cached")
                return

    def clear(self) -> None:
        """Remove every entry and give the space back to the file system (VACUUM, and a WAL
        checkpoint that truncates the journal): a cleared cache is a small file. Raises
        CacheError when the entries could not be removed."""
        try:
            with self._transaction():
                for table in ("claims", "findings", "files", "stories"):
                    self._connection.execute(f"DELETE FROM {table}")
        except sqlite3.DatabaseError as exc:
            if not self._repair(exc):  # a damaged file moved aside leaves an empty cache
                raise CacheError(f"claim cache {self.path} could not be cleared ({exc})") from None
            return
        try:
            self._connection.execute("VACUUM")
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as exc:
            # Another process holds the file open: the entries are gone, the space comes back later.
            self._warn(f"claim cache {self.path} was cleared but not compacted ({exc})")

    def __len__(self) -> int:
        try:
            return int(self._connection.execute("SELECT count(*) FROM claims").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            self._repair(exc)
            return 0

    def _repair(self, exc: sqlite3.DatabaseError) -> bool:
        """After damage found in use: move the file aside and start a new one; True if done."""
        if not self._on_disk or not _is_damaged(exc):
            return False
        self._connection.close()
        try:
            aside = self._move_aside(self.path)
            self._connection = self._connect_and_check(self.path)
        except (sqlite3.DatabaseError, OSError, _SchemaMismatch, _ForeignDatabase) as retry_exc:
            self._connection = self._fall_back_to_memory(retry_exc)
            return True
        self._warn(f"claim cache {self.path} was damaged ({exc}); moved it to {aside} and rebuilt it")
        return True

    def _warn(self, message: str) -> None:
        if message not in self._warnings:
            self._warnings.append(message)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so a concurrent writer waits in busy_timeout
        # instead of failing to upgrade a read lock halfway through.
        with _immediate(self._connection):
            yield

    def _open(self) -> sqlite3.Connection:
        self._on_disk = True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore_folder(self.path.parent, self.path.name)
            return self._connect_and_check(self.path)
        except _SchemaMismatch as mismatch:
            try:
                connection = self._reset_schema(self.path)
                self._warn(
                    f"claim cache {self.path} had schema version {mismatch.found}, "
                    f"expected {SCHEMA_VERSION}; rebuilt it"
                )
                return connection
            except (sqlite3.DatabaseError, OSError, _SchemaMismatch) as exc:
                return self._fall_back_to_memory(exc)
        except _ForeignDatabase:
            return self._fall_back_to_memory(
                "it is a database claimcheck did not make; left it untouched, give another --cache-dir"
            )
        except sqlite3.DatabaseError as exc:
            if not _is_damaged(exc):
                # Locked past the busy timeout, read-only, I/O error: the file may be fine for
                # other processes, so leave it alone.
                return self._fall_back_to_memory(exc)
            # Not a SQLite database, or damaged: moved aside (it may be someone's file), rebuilt.
            try:
                aside = self._move_aside(self.path)
                connection = self._connect_and_check(self.path)
                self._warn(
                    f"claim cache {self.path} was unreadable ({exc}); moved it to {aside} and rebuilt it"
                )
                return connection
            except (sqlite3.DatabaseError, OSError, _SchemaMismatch, _ForeignDatabase) as retry_exc:
                return self._fall_back_to_memory(retry_exc)
        except OSError as exc:
            return self._fall_back_to_memory(exc)

    def _fall_back_to_memory(self, exc: BaseException | str) -> sqlite3.Connection:
        self._on_disk = False
        self._warn(f"claim cache {self.path} cannot be used ({exc}); caching in memory for this run")
        connection = sqlite3.connect(_MEMORY, isolation_level=None)
        self._create_schema(connection)
        return connection

    def _connect(self, path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(
            path, timeout=self._busy_timeout_ms / 1000, isolation_level=None, check_same_thread=True
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            connection.close()
            raise
        return connection

    def _connect_and_check(self, path: Path) -> sqlite3.Connection:
        connection = self._connect(path)
        try:
            self._create_schema(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _create_schema(self, connection: sqlite3.Connection) -> None:
        """Create the tables in a fresh file, or check the version of an existing one."""
        with _immediate(connection):
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            if tables - _OWN_TABLES or (tables and "schema_version" not in tables):
                raise _ForeignDatabase()
            for statement in _CREATE_SCHEMA:
                connection.execute(statement)
            versions = [row[0] for row in connection.execute("SELECT version FROM schema_version")]
            if not versions:
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            elif versions != [SCHEMA_VERSION]:
                raise _SchemaMismatch(", ".join(str(v) for v in versions))

    def _reset_schema(self, path: Path) -> sqlite3.Connection:
        # Emptied in place rather than deleted, so other processes holding the file stay valid.
        connection = self._connect(path)
        try:
            with _immediate(connection):
                tables = [
                    row[0]
                    for row in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                for table in tables:
                    quoted = table.replace('"', '""')
                    connection.execute(f'DROP TABLE "{quoted}"')
            self._create_schema(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    @staticmethod
    def _move_aside(path: Path) -> Path:
        """Rename a damaged file to ``<name>.damaged`` (replacing an older one); its journal
        files describe the damaged copy and go with it."""
        aside = path.with_name(path.name + ".damaged")
        with contextlib.suppress(FileNotFoundError):
            os.replace(path, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{path}{suffix}", f"{aside}{suffix}")
        return aside


@contextlib.contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, committed on success and rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # SQLite may already have rolled back (disk full, I/O error); don't mask the cause.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _is_damaged(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
