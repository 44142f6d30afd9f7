"""Bring the station database to the newest schema at start-up.

Only one process migrates at a time: a lock file beside the database serialises start-ups, and a process that
gets the lock after another one finished finds nothing pending. When a migration is pending on a database that
already holds data, a copy is taken first with SQLite's backup API.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.errors import StorageError
from kiosk.models.database import describe_sqlite_error, immediate, sqlite_engine
from kiosk.models.sqlite_files import backup_file, has_tables

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def migrated(self) -> bool:
        return self.before != self.after


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path, *, busy_timeout_ms: int = 5_000) -> str | None:
    engine = sqlite_engine(path, busy_timeout_ms=busy_timeout_ms)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def migrate(
    path: Path,
    backup_dir: Path,
    *,
    now: datetime,
    busy_timeout_ms: int = 5_000,
    lock_timeout_s: float = 120.0,
    target: str = "head",
) -> MigrationResult:
    """Upgrade the database at ``path`` to ``target``; back it up first if it has data and is behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".migrate.lock", timeout=lock_timeout_s)
    try:
        with lock:
            return _migrate_locked(path, backup_dir, now, busy_timeout_ms, target)
    except Timeout as exc:
        raise StorageError(
            "Một chương trình khác đang nâng cấp cơ sở dữ liệu quá lâu. Hãy đóng các cửa sổ kiosk khác rồi thử lại."
        ) from exc
    except SQLAlchemyError as exc:
        raise StorageError(describe_sqlite_error(exc)) from exc


def _migrate_locked(path: Path, backup_dir: Path, now: datetime, busy_timeout_ms: int, target: str) -> MigrationResult:
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    wanted = scripts.get_current_head() if target == "head" else scripts.get_revision(target).revision
    assert wanted is not None
    before = current_revision(path, busy_timeout_ms=busy_timeout_ms) if path.exists() else None
    if before == wanted:
        return MigrationResult(before, wanted, None)
    if before is not None and before not in {s.revision for s in scripts.walk_revisions()}:
        raise StorageError(
            f"Cơ sở dữ liệu được tạo bởi phiên bản phần mềm mới hơn (lược đồ {before}). "
            "Hãy cài phiên bản kiosk mới nhất."
        )

    backup = None
    if has_tables(path):
        stamp = now.strftime("%Y%m%d-%H%M%S")
        backup = backup_file(path, backup_dir / f"{path.stem}-{stamp}-before-{wanted}.sqlite3")
        log.info("database backed up before migration to %s", backup)

    # Batch migrations copy tables; foreign keys are checked once at the end instead of during the copy.
    engine = immediate(sqlite_engine(path, busy_timeout_ms=busy_timeout_ms, foreign_keys=False))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise StorageError("Nâng cấp cơ sở dữ liệu làm hỏng liên kết dữ liệu; đã hoàn tác, không mất gì.")
    finally:
        engine.dispose()
    log.info("database migrated from %s to %s", before, wanted)
    return MigrationResult(before, wanted, backup)
