"""The nightly sync against the real PostgreSQL in KIOSK_TEST_PG_URL (default: the local server).

A station with 100,000 dossiers and their papers and events makes its first sync (< 60 s); beside it, the
ceiling: the same rows read the same way and COPied by PostgreSQL straight into empty tables. Then a night's
work (200 dossiers with theirs) goes up (< 3 s).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
import uuid
from pathlib import Path

import psycopg

from bench.harness import Figure
from bench.million import CACHE, build
from kiosk.clock import SystemClock
from kiosk.config import DatabaseSettings, Settings, SyncSettings
from kiosk.context import open_context
from kiosk.models import Database
from kiosk.models.schema import SCHEMA_REVISION
from kiosk.models.sync import SYNCED_TABLES
from kiosk.paths import Paths
from kiosk.services.sync.address import libpq_url
from kiosk.services.sync.admin import add_station, init_central
from kiosk.services.sync.push import columns, read_batch

COUNT = 100_000
NIGHT = 200


def _dsn(url: str, database: str | None = None) -> str:
    return libpq_url(url, database=database) if database else libpq_url(url)


def _station_file() -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"station-{COUNT}-history-schema-{SCHEMA_REVISION}-v1.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        build(path, COUNT, history=True, synced=False)
        print(f"(built {path.name} in {time.perf_counter() - started:.0f} s; kept for the next run)", flush=True)
    return path


def _copy_ceiling(server: str, source: Path) -> tuple[float, int]:
    """Read every outbox row as the push does, COPY them straight into the tables of an empty central database."""
    name = f"kiosk_bench_copy_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(server), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        init_central(_dsn(server, name), SyncSettings(sslmode="disable"))
        db = Database(source)
        rows = 0
        started = time.perf_counter()
        with psycopg.connect(_dsn(server, name)) as conn, conn.cursor() as cur:
            batch = read_batch(db, 10**9)
            assert batch is not None
            for table in SYNCED_TABLES:
                with cur.copy(f"COPY {table} ({', '.join(columns(table))}) FROM STDIN") as copy:
                    for row in batch.rows.get(table, []):
                        copy.write_row(row)
                        rows += 1
        db.close()
        return time.perf_counter() - started, rows
    finally:
        with psycopg.connect(_dsn(server), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _night(db_path: Path) -> None:
    """200 more dossiers received today, each with its papers and its receipt event."""
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"CREATE TEMP TABLE night AS SELECT * FROM dossier ORDER BY received_at DESC LIMIT {NIGHT}")
        conn.execute(
            "UPDATE night SET id = lower(hex(randomblob(16))), code = code || '-N', ledger_number = ledger_number + "
            "1000000, day_seq = day_seq + 5000"
        )
        conn.execute("INSERT INTO dossier SELECT * FROM night")
        conn.execute(
            "INSERT INTO dossier_document (id, dossier_id, position, name, form, count, from_catalog) "
            "SELECT lower(hex(randomblob(16))), n.id, p.position, p.name, p.form, p.count, 1 "
            "FROM night n JOIN procedure_document p ON p.version_id = n.procedure_version_id AND NOT p.optional"
        )
        conn.execute(
            "INSERT INTO dossier_event (id, dossier_id, seq, at, user_id, action, to_state, data) "
            "SELECT lower(hex(randomblob(16))), id, 1, received_at, clerk_id, 'receive', 'received', '{}' FROM night"
        )


def run() -> list[Figure]:
    server = os.environ.get("KIOSK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        psycopg.connect(_dsn(server), connect_timeout=3).close()
    except psycopg.Error as exc:
        print(f"(sync benchmarks skipped: no PostgreSQL at {server}: {exc})")
        return []
    source = _station_file()
    work = CACHE / "sync-run"
    shutil.rmtree(work, ignore_errors=True)
    paths = Paths(work / "data", work / "config", work / "logs", work / "backups").ensure()
    shutil.copyfile(source, paths.default_database)
    ceiling_s, ceiling_rows = _copy_ceiling(server, source)

    name = f"kiosk_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(server), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    role = None
    try:
        init_central(_dsn(server, name), SyncSettings(sslmode="disable"))
        made = add_station(
            _dsn(server, name), f"Quầy đo {name}", SyncSettings(sslmode="disable"), now=SystemClock().now()
        )
        role = made.role
        settings = Settings(
            database=DatabaseSettings(path=str(paths.default_database)),
            sync=SyncSettings(url=made.url, sslmode="disable"),
        )
        with open_context(paths, settings=settings) as ctx:
            waiting = ctx.sync.status().waiting
            first = ctx.sync.run()
            assert ctx.sync.status().waiting == 0
            _night(paths.default_database)
            night_rows = ctx.sync.status().waiting
            night = ctx.sync.run()
            verify_started = time.perf_counter()
            matches = ctx.sync.verify().matches
            verify_s = time.perf_counter() - verify_started
    finally:
        with psycopg.connect(_dsn(server), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if role:
                conn.execute(f"DROP ROLE IF EXISTS {role}")
    return [
        Figure(f"first sync: {COUNT:,} dossiers, {waiting:,} rows", first.seconds, "s", 60.0),
        Figure(f"  ceiling: the same {ceiling_rows:,} rows by plain COPY", ceiling_s, "s", None),
        Figure(f"a night's increment: {NIGHT} dossiers, {night_rows:,} rows", night.seconds, "s", 3.0),
        Figure("  sync --verify afterwards (whole history)", verify_s, "s", None, "matches" if matches else "DIFFERS"),
    ]
