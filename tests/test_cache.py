from __future__ import annotations

import dataclasses
import json
import multiprocessing
import sqlite3
from datetime import date
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from claimcheck.cache import MAX_FINDINGS_ENTRIES, SCHEMA_VERSION, ClaimCache, cache_key, relabel
from claimcheck.model import (
    Bound,
    Claim,
    ClaimQuantity,
    ClaimTime,
    Finding,
    Granularity,
    Modality,
    Quantity,
    Severity,
    TimeMention,
    TimeRole,
    TimeValue,
)
from claimcheck.serial import (
    SerialError,
    claims_from_json,
    claims_to_json,
    findings_from_json,
    findings_to_json,
)


def rich_claim(doc: str = "news/a.md", line: int = 4) -> Claim:
    """A claim with every nested type, enum and date filled in with non-default values."""
    spring = TimeValue(
        type="DATE",
        value="2024-SP",
        mod="START",
        earliest=date(2024, 3, 1),
        latest=date(2024, 5, 31),
        granularity=Granularity.SEASON,
    )
    reported = TimeValue(
        type="DATE", value="2026-01", earliest=date(2026, 1, 1), granularity=Granularity.MONTH
    )
    return Claim(
        doc=doc,
        paragraph=2,
        line=line,
        column=5,
        start=310,
        end=402,
        text="Reportedly, Acme may cut “at least 1,200” jobs — worth €1.5 billion — from early spring 2024.",
        subject="Acme",
        subject_key="acme",
        predicate="cut",
        object="jobs",
        object_key="job",
        polarity=False,
        modality=Modality.HEDGED,
        source="Reuters",
        times=(
            ClaimTime(TimeMention(70, 87, "early spring 2024", spring), TimeRole.EFFECTIVE),
            ClaimTime(TimeMention(0, 10, "Reportedly", reported), TimeRole.REPORT),
        ),
        quantities=(
            ClaimQuantity(
                Quantity(25, 45, "at least 1,200", 1200.0, "employee", False, Bound.AT_LEAST, "count"),
                attribute="job",
                attribute_key="job",
            ),
            ClaimQuantity(Quantity(54, 67, "€1.5 billion", 1.5e9, "EUR", True, Bound.EXACT, "money")),
            ClaimQuantity(Quantity(0, 3, "0.1", 0.1 + 0.2, None, False, Bound.LESS_THAN, "percent")),
        ),
        entities=("acme", "reuters"),
        content_lemmas=("cut", "job", "spring"),
        change=True,
        headline=True,
        label="Job cuts",
        published=date(2026, 1, 15),
        outlet="The Daily",
    )


def plain_claim(text: str = "Acme employs 42,000 people.") -> Claim:
    return Claim(doc="", paragraph=0, line=1, column=1, start=0, end=len(text), text=text)


KEY = cache_key("content-sha", "en_core_web_sm", "3.8.0", "1")


# serial.py


def test_serial_round_trip_is_lossless() -> None:
    claims = (rich_claim(), plain_claim())
    decoded = claims_from_json(claims_to_json(claims))
    assert decoded == claims
    times = decoded[0].times
    assert isinstance(times[0].role, TimeRole) and times[0].role is TimeRole.EFFECTIVE
    assert times[0].mention.time.granularity is Granularity.SEASON
    assert times[0].mention.time.latest == date(2024, 5, 31)
    assert decoded[0].quantities[2].quantity.value == 0.1 + 0.2
    assert decoded[0].quantities[0].quantity.bound is Bound.AT_LEAST
    assert decoded[0].modality is Modality.HEDGED
    assert isinstance(decoded[0].entities, tuple)


def test_serial_of_no_claims() -> None:
    assert claims_from_json(claims_to_json(())) == ()


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        "[]",
        '{"format": "claimcheck.claims/0", "claims": []}',
        '{"format": "claimcheck.claims/1", "claims": [{"doc": ""}]}',
        '{"format": "claimcheck.claims/1", "claims": [{"doc": 3}]}',
    ],
)
def test_serial_rejects_malformed_payloads(payload: str) -> None:
    with pytest.raises(SerialError):
        claims_from_json(payload)


def test_serial_rejects_bad_enum_and_unknown_field() -> None:
    document = json.loads(claims_to_json((rich_claim(),)))
    document["claims"][0]["modality"] = "certain"
    with pytest.raises(SerialError, match="modality"):
        claims_from_json(json.dumps(document))
    document = json.loads(claims_to_json((plain_claim(),)))
    document["claims"][0]["mood"] = "grim"
    with pytest.raises(SerialError, match="mood"):
        claims_from_json(json.dumps(document))


def test_serial_relabels_claims_while_decoding() -> None:
    decoded = claims_from_json(claims_to_json((rich_claim(doc=""), plain_claim())), doc="b.md")
    assert decoded == (rich_claim(doc="b.md"), dataclasses.replace(plain_claim(), doc="b.md"))


def test_serial_error_names_the_path_to_the_bad_value() -> None:
    document = json.loads(claims_to_json((plain_claim(), rich_claim())))
    document["claims"][1]["times"][1]["mention"]["time"]["earliest"] = "spring"
    with pytest.raises(SerialError, match=r"claims\[1\]\.times\[1\]\.mention\.time\.earliest: 'spring'"):
        claims_from_json(json.dumps(document))
    document = json.loads(claims_to_json((rich_claim(),)))
    document["claims"][0]["quantities"][0]["quantity"]["value"] = True
    with pytest.raises(
        SerialError, match=r"claims\[0\]\.quantities\[0\]\.quantity\.value: expected a number"
    ):
        claims_from_json(json.dumps(document))
    document["claims"][0]["quantities"] = {}
    with pytest.raises(SerialError, match=r"claims\[0\]\.quantities: expected a list"):
        claims_from_json(json.dumps(document))


def sample_findings() -> tuple[Finding, ...]:
    return (
        Finding(
            rule="ipo-status",
            kind="exclusive-events",
            severity=Severity.WARNING,
            message="spin off vs reintegrate",
            claims=(rich_claim(), plain_claim()),
            differences=("spin off", "reintegrate"),
            fingerprint="0123456789abcdef",
        ),
        Finding("n", "number-conflict", Severity.INFO, "m", (plain_claim(),)),
    )


def test_findings_round_trip_losslessly() -> None:
    findings = sample_findings()
    decoded = findings_from_json(findings_to_json(findings))
    assert decoded == findings
    assert decoded[0].severity is Severity.WARNING
    assert findings_from_json(findings_to_json(())) == ()


@pytest.mark.parametrize(
    "payload",
    [
        "nope",
        '{"format": "claimcheck.claims/1", "findings": []}',
        '{"format": "claimcheck.findings/1", "findings": [{"rule": "r"}]}',
        '{"format": "claimcheck.findings/1", "findings": [{"rule": "r", "kind": "k", "severity": "fatal",'
        ' "message": "m", "claims": []}]}',
    ],
)
def test_findings_reject_malformed_payloads(payload: str) -> None:
    with pytest.raises(SerialError):
        findings_from_json(payload)


# cache.py


def test_cache_key_depends_on_every_part() -> None:
    parts = ("content-sha", "en_core_web_sm", "3.8.0", "1")
    assert cache_key(*parts) == KEY
    assert len(KEY) == 64
    for index in range(len(parts)):
        changed = list(parts)
        changed[index] += "x"
        assert cache_key(*changed) != KEY
    # The separator keeps ("ab", "c") and ("a", "bc") apart.
    assert cache_key("ab", "c", "", "") != cache_key("a", "bc", "", "")


def test_put_then_get_round_trips_with_doc_cleared(tmp_path: Path) -> None:
    claims = (rich_claim(), plain_claim())
    with ClaimCache(tmp_path / "cache.sqlite") as cache:
        cache.put_many({KEY: claims})
        stored = cache.get(KEY)
        assert cache.warnings == ()
    assert stored is not None
    assert all(claim.doc == "" for claim in stored)
    assert relabel(stored, "news/a.md") == (rich_claim(), dataclasses.replace(plain_claim(), doc="news/a.md"))


def test_entries_persist_across_reopen_and_replace(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_many({KEY: (plain_claim(),), "other": ()})
    with ClaimCache(path) as cache:
        assert cache.get(KEY) == (plain_claim(),)
        assert cache.get("other") == ()
        cache.put_many({KEY: (plain_claim("Acme employs 43,000 people."),)})
        assert cache.get(KEY) == (plain_claim("Acme employs 43,000 people."),)
        assert len(cache) == 2


def test_miss_returns_none(tmp_path: Path) -> None:
    with ClaimCache(tmp_path / "cache.sqlite") as cache:
        cache.put_many({KEY: (plain_claim(),)})
        assert cache.get(cache_key("other-content", "en_core_web_sm", "3.8.0", "1")) is None


def test_clear_removes_every_entry(tmp_path: Path) -> None:
    with ClaimCache(tmp_path / "cache.sqlite") as cache:
        cache.put_many({KEY: (plain_claim(),), "k2": (plain_claim("x"),)})
        cache.clear()
        assert cache.get(KEY) is None
        assert len(cache) == 0


def test_default_path_is_created_on_demand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with ClaimCache() as cache:
        cache.put_many({KEY: (plain_claim(),)})
        assert cache.persistent
    assert (tmp_path / ".claimcheck" / "cache.sqlite").is_file()


def test_database_uses_wal_and_records_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path):
        pass
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        connection.close()


def test_findings_are_stored_per_key_and_cleared(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        assert cache.get_findings("run") is None
        cache.put_findings("run", sample_findings())
        cache.put_findings("empty", ())
    with ClaimCache(path) as cache:
        assert cache.get_findings("run") == sample_findings()
        assert cache.get_findings("empty") == ()
        cache.put_many({KEY: (plain_claim(),)})
        assert len(cache) == 1  # counts articles, not runs
        cache.clear()
        assert cache.get_findings("run") is None
        assert cache.warnings == ()


def test_only_the_newest_findings_entries_are_kept(tmp_path: Path) -> None:
    with ClaimCache(tmp_path / "cache.sqlite") as cache:
        for number in range(MAX_FINDINGS_ENTRIES + 3):
            cache.put_findings(f"run-{number}", ())
        cache.put_findings("run-0", ())  # written again: the newest now
        assert cache.get_findings("run-0") == ()
        assert cache.get_findings("run-1") is None
        assert cache.get_findings(f"run-{MAX_FINDINGS_ENTRIES + 2}") == ()
        kept = [cache.get_findings(f"run-{n}") is not None for n in range(MAX_FINDINGS_ENTRIES + 3)]
        assert sum(kept) == MAX_FINDINGS_ENTRIES


def test_unreadable_findings_entry_is_a_miss_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_findings("run", sample_findings())
    connection = sqlite3.connect(path)
    connection.execute("UPDATE findings SET payload = '{}'")
    connection.commit()
    connection.close()
    with ClaimCache(path) as cache:
        assert cache.get_findings("run") is None
        assert len(cache.warnings) == 1 and "findings cache entry" in cache.warnings[0]


def test_cache_of_schema_version_1_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    connection.execute("INSERT INTO schema_version (version) VALUES (1)")
    connection.execute("CREATE TABLE claims (key TEXT PRIMARY KEY, payload TEXT NOT NULL) WITHOUT ROWID")
    connection.execute("INSERT INTO claims VALUES (?, ?)", (KEY, claims_to_json((plain_claim(),))))
    connection.commit()
    connection.close()
    with ClaimCache(path) as cache:
        assert len(cache.warnings) == 1 and "schema version 1" in cache.warnings[0]
        assert cache.get(KEY) is None
        cache.put_findings("run", sample_findings())
    with ClaimCache(path) as cache:
        assert cache.warnings == ()
        assert cache.get_findings("run") == sample_findings()


def test_garbage_file_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"\x00\xffthis is not a sqlite database" * 200)
    with ClaimCache(path) as cache:
        assert len(cache.warnings) == 1
        assert "unreadable" in cache.warnings[0] and "rebuilt" in cache.warnings[0]
        assert cache.persistent
        assert cache.get(KEY) is None
        cache.put_many({KEY: (plain_claim(),)})
    with ClaimCache(path) as cache:
        assert cache.warnings == ()
        assert cache.get(KEY) == (plain_claim(),)


def test_other_schema_version_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_many({KEY: (plain_claim(),)})
    connection = sqlite3.connect(path)
    connection.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    connection.commit()
    connection.close()
    with ClaimCache(path) as cache:
        assert len(cache.warnings) == 1
        assert f"schema version {SCHEMA_VERSION + 1}" in cache.warnings[0]
        assert cache.get(KEY) is None
        cache.put_many({KEY: (plain_claim(),)})
    with ClaimCache(path) as cache:
        assert cache.warnings == ()
        assert cache.get(KEY) == (plain_claim(),)


def test_foreign_sqlite_database_is_never_dropped(tmp_path: Path) -> None:
    """Issue 10 row 17: another program's cache.sqlite had its tables dropped."""
    path = tmp_path / "cache.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('precious')")
    connection.commit()
    connection.close()
    for _ in range(2):
        with ClaimCache(path) as cache:
            assert not cache.persistent and "did not make" in cache.warnings[0]
            cache.put_many({KEY: (plain_claim(),)})
            assert cache.get(KEY) == (plain_claim(),)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT body FROM notes").fetchall() == [("precious",)]
    assert {r[0] for r in connection.execute("SELECT name FROM sqlite_master")} == {"notes"}
    connection.close()


def test_foreign_database_with_a_schema_version_table_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    connection.execute("CREATE TABLE users (name TEXT)")
    connection.commit()
    connection.close()
    with ClaimCache(path) as cache:
        assert not cache.persistent
    connection = sqlite3.connect(path)
    assert {r[0] for r in connection.execute("SELECT name FROM sqlite_master")} == {"schema_version", "users"}
    connection.close()


def _damage_after_the_first_page(path: Path) -> None:
    """Garbage over the claims' leaf pages (the pages after the schema, the tables' roots): the
    file opens and its schema reads, but its claims cannot be read."""
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    data[4 * 4096 :] = b"\xde\xad\xbe\xef" * ((len(data) - 4 * 4096) // 4)
    path.write_bytes(bytes(data))


def test_damage_found_after_opening_is_moved_aside_and_repaired(tmp_path: Path) -> None:
    """Issue 10 row 16: damage found after the cache opened was never repaired: every run
    parsed again and warned again."""
    path = tmp_path / "cache.sqlite"
    keys = {f"{n:064x}": (plain_claim(f"Acme employs {n} people."),) for n in range(300)}
    with ClaimCache(path) as cache:
        cache.put_many(keys)
    _damage_after_the_first_page(path)
    with ClaimCache(path) as cache:
        assert cache.warnings == ()  # the damage shows later
        assert cache.get(f"{7:064x}") is None
        assert len(cache.warnings) == 1 and "damaged" in cache.warnings[0]
        assert cache.persistent
        cache.put_many({KEY: (plain_claim(),)})
    assert (tmp_path / "cache.sqlite.damaged").exists()
    with ClaimCache(path) as cache:
        assert cache.warnings == ()
        assert cache.get(KEY) == (plain_claim(),)


def test_cache_clear_of_a_damaged_cache_is_truthful(tmp_path: Path) -> None:
    """Issue 10 row 16: `cache clear` said "Cleared 40" while the rows remained."""
    from typer.testing import CliRunner

    from claimcheck.cli import app

    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_many({f"{n:064x}": (plain_claim(f"Acme employs {n} people."),) for n in range(300)})
    _damage_after_the_first_page(path)
    result = CliRunner().invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0 and "damaged" in result.stderr
    connection = sqlite3.connect(path)  # the file now in place is whole, and empty
    assert connection.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    connection.close()


def test_cache_clear_refuses_a_foreign_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from claimcheck.cli import app

    connection = sqlite3.connect(tmp_path / "cache.sqlite")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    result = CliRunner().invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2 and "nothing was cleared" in result.stderr


def test_unreadable_entry_is_a_miss_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_many({KEY: (plain_claim(),)})
    connection = sqlite3.connect(path)
    connection.execute("UPDATE claims SET payload = '{broken'")
    connection.commit()
    connection.close()
    with ClaimCache(path) as cache:
        assert cache.get(KEY) is None
        assert len(cache.warnings) == 1 and KEY[:12] in cache.warnings[0]


def test_unusable_location_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be")
    with ClaimCache(blocker / "cache.sqlite") as cache:
        assert not cache.persistent
        assert "in memory" in cache.warnings[0]
        cache.put_many({KEY: (plain_claim(),)})
        assert cache.get(KEY) == (plain_claim(),)


def test_locked_database_is_left_alone_and_memory_used(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ClaimCache(path) as cache:
        cache.put_many({KEY: (plain_claim(),)})
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with ClaimCache(path, busy_timeout_ms=50) as cache:
            assert not cache.persistent
            assert "database is locked" in cache.warnings[0]
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    with ClaimCache(path) as cache:
        assert cache.warnings == ()
        assert cache.get(KEY) == (plain_claim(),)


def _write_entries(path: str, writer: int, count: int, batch: int, start: Event, busy_ms: int) -> None:
    with ClaimCache(path, busy_timeout_ms=busy_ms) as cache:
        # Every writer holds an open connection before any starts writing, so they contend.
        start.wait(timeout=60)
        for first in range(0, count, batch):
            items = {
                f"w{writer}-{n}": (dataclasses.replace(plain_claim(f"Writer {writer} claim {n}."), line=n),)
                for n in range(first, min(first + batch, count))
            }
            cache.put_many(items)
        if cache.warnings:
            raise RuntimeError("; ".join(cache.warnings))


def test_concurrent_writers_do_not_corrupt_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    count, batch = 300, 7
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    writers = [
        context.Process(target=_write_entries, args=(str(path), w, count, batch, start, 30_000))
        for w in range(3)
    ]
    for process in writers:
        process.start()
    start.set()
    for process in writers:
        process.join(timeout=120)
    assert [process.exitcode for process in writers] == [0, 0, 0]

    with ClaimCache(path) as cache:
        assert cache.warnings == ()
        assert len(cache) == 3 * count
        for writer in range(3):
            for n in range(count):
                stored = cache.get(f"w{writer}-{n}")
                assert stored is not None
                (claim,) = stored
                assert claim.text == f"Writer {writer} claim {n}."
                assert claim.line == n
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


def test_the_cache_folder_ignores_itself_in_git(tmp_path: Path) -> None:
    import shutil
    import subprocess

    folder = tmp_path / "project" / ".claimcheck"
    with ClaimCache(folder / "cache.sqlite") as cache:
        cache.put_many({})
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_clear_gives_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"

    def on_disk() -> int:
        return sum(p.stat().st_size for p in tmp_path.iterdir() if p.name.startswith("cache.sqlite"))

    with ClaimCache(path) as cache:
        long = dataclasses.replace(rich_claim(), text="A long sentence. " * 200)
        cache.put_many({f"key-{n}": (long,) for n in range(200)})
        cache._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        full = on_disk()
        cache.clear()
        assert len(cache) == 0
    assert on_disk() < full / 4


def test_a_cache_in_a_folder_holding_other_files_writes_no_gitignore(tmp_path: Path) -> None:
    (tmp_path / "article.md").write_text("Text.\n", encoding="utf-8")
    with ClaimCache(tmp_path / "cache.sqlite") as cache:
        cache.put_many({})
    assert not (tmp_path / ".gitignore").exists()


def test_an_article_round_trips_through_the_file_index_format() -> None:
    from claimcheck.ingest import parse_article
    from claimcheck.serial import SerialError, article_from_json, article_to_json

    text = "---\ntitle: T\npublished: 2025-03-04\n---\n\nFirst paragraph.\n\nCapacity: 45,000 seats.\n"
    article = parse_article("a.md", text)
    assert article_from_json(article_to_json(article)) == article
    with pytest.raises(SerialError):
        article_from_json('["claimcheck.article/0", []]')
