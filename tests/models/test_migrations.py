"""Migrations: a new database, an existing one, the backup before a pending migration, two processes at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from filelock import FileLock

from kiosk.errors import StorageError
from kiosk.models import Base
from kiosk.models.database import sqlite_engine
from kiosk.models.migrate import head_revision, migrate
from kiosk.models.schema import SCHEMA_REVISION, stored_revision

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_schema_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_REVISION


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    migrate(path, tmp_path / "b", now=NOW)
    engine = sqlite_engine(path, busy_timeout_ms=1000)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_new_database_is_created_at_head_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "data" / "k.sqlite3"
    result = migrate(path, tmp_path / "backups", now=NOW)
    assert result.before is None and result.after == SCHEMA_REVISION and result.backup is None
    assert stored_revision(path) == SCHEMA_REVISION
    assert "calendar_override" in tables(path)
    assert not (tmp_path / "backups").exists()


def test_up_to_date_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    migrate(path, tmp_path / "backups", now=NOW)
    before = path.read_bytes()
    result = migrate(path, tmp_path / "backups", now=NOW)
    assert not result.migrated and result.backup is None
    assert not (tmp_path / "backups").exists()
    assert path.read_bytes() == before


def test_existing_database_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    first = migrate(path, tmp_path / "backups", now=NOW, target="0001")
    assert first.after == "0001" and first.backup is None
    with sqlite3.connect(path) as conn:  # the data an older kiosk left behind
        conn.execute(
            "INSERT INTO calendar_override (id, day, kind, note, created_at, created_by) "
            "VALUES ('00000000000000000000000000000001', '2026-12-31', 'off', 'giữ lại', "
            "'2026-11-01 00:00:00', 'admin')"
        )
    result = migrate(path, tmp_path / "backups", now=NOW)
    assert result.before == "0001" and result.after == SCHEMA_REVISION
    assert result.backup is not None
    assert result.backup.name == f"k-20261125-020000-before-{SCHEMA_REVISION}.sqlite3"
    with sqlite3.connect(result.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT note FROM calendar_override WHERE day = '2026-12-31'").fetchone() == ("giữ lại",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert {"dossier", "dossier_event", "procedure", "user_account"} <= tables(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT note FROM calendar_override WHERE day = '2026-12-31'").fetchone() == ("giữ lại",)
        assert conn.execute("SELECT count(*) FROM calendar_override").fetchone() == (3,)


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    migrate(path, tmp_path / "b", now=NOW)
    from alembic import command

    from kiosk.models.database import immediate
    from kiosk.models.migrate import alembic_config

    engine = immediate(sqlite_engine(path, busy_timeout_ms=1000, foreign_keys=False))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    engine.dispose()
    assert stored_revision(path) == "0001" and "dossier" not in tables(path)
    assert migrate(path, tmp_path / "b", now=NOW).after == SCHEMA_REVISION
    assert "dossier" in tables(path)


def test_builtin_accounts_cannot_log_in(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    migrate(path, tmp_path / "b", now=NOW)
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT username, role, password_hash FROM user_account ORDER BY username").fetchall()
    assert rows == [("cli", "admin", None), ("system", "admin", None)]


def test_database_from_a_newer_kiosk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    migrate(path, tmp_path / "b", now=NOW)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="phiên bản phần mềm mới hơn"):
        migrate(path, tmp_path / "b", now=NOW)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="hỏng"):
        migrate(path, tmp_path / "b", now=NOW)


_WAIT_AND_MIGRATE = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from kiosk.models.migrate import migrate
result = migrate(Path(sys.argv[1]), Path(sys.argv[2]), now=datetime.now(UTC))
print("migrated" if result.migrated else "current")
"""


def test_a_second_starter_waits_for_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    lock = FileLock(str(path) + ".migrate.lock")
    with lock:
        proc = subprocess.Popen(
            [sys.executable, "-c", _WAIT_AND_MIGRATE, str(path), str(tmp_path / "b")],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert proc.poll() is None, "the process did not wait for the migration lock"
        assert not path.exists() or "calendar_override" not in tables(path)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and out.strip() == "migrated"
    assert stored_revision(path) == SCHEMA_REVISION


def _start(
    path: str, backups: str, barrier: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    from kiosk.models.migrate import migrate as run

    barrier.wait()
    result = run(Path(path), Path(backups), now=datetime.now(UTC))
    results.put(result.migrated)


def test_two_processes_starting_together_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [ctx.Process(target=_start, args=(str(path), str(tmp_path / "b"), barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=90)
        assert p.exitcode == 0
    outcomes = sorted(results.get(timeout=5) for _ in procs)
    assert outcomes == [False, True]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM calendar_override").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM user_account").fetchone() == (2,)


def test_identifier_indexes_are_partial(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    migrate(path, tmp_path / "b", now=NOW)
    with sqlite3.connect(path) as conn:
        sql = dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE name IN ('ix_dossier_id_number', 'ix_dossier_tax_code')"
            )
        )
    assert sql["ix_dossier_id_number"].endswith("WHERE id_number IS NOT NULL")
    assert sql["ix_dossier_tax_code"].endswith("WHERE tax_code IS NOT NULL")
