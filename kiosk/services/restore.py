"""Putting a backup back in place of the station database, without opening the kiosk's normal context.

The current database may be the damaged thing being replaced, so nothing here goes through
:class:`kiosk.models.Database` or the services. In order:

1. the offered file is checked: it exists, is SQLite, passes ``PRAGMA integrity_check``, is a kiosk database
   (``alembic_version`` and ``dossier``), and its schema is one this software knows (not made by a newer version);
2. the current database is locked exclusively (a short busy timeout: the kiosk app, even idle, holds it open and
   the restore is refused with "close the kiosk");
3. the current database is kept as ``kiosk-before-restore-YYYYMMDD-HHMMSS.sqlite3`` in the backups folder, with the
   backup API, or byte for byte with its ``-wal``/``-shm`` when SQLite cannot read it;
4. the backup's content is written INTO the live file with the backup API (never a rename over it: a stale
   ``-wal``/``-shm`` beside a renamed file would be replayed into it), the file is checked again, and migrated to the
   current schema when the backup is older.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.errors import InvalidInput, StorageError
from kiosk.services.backup_files import (
    SIDE_FILES,
    free_name,
    integrity_problems,
    is_busy,
    is_damage,
    looks_like_sqlite,
    open_readonly,
    reason,
    remove_quietly,
    sync_file,
)

log = logging.getLogger(__name__)

CLOSE_THE_KIOSK = "Hãy đóng phần mềm kiosk trên máy này rồi thử lại."
KIOSK_TABLES = ("alembic_version", "dossier")


@dataclass(frozen=True)
class BackupContents:
    """What an offered backup holds, read without changing it."""

    path: Path
    size: int
    revision: str  # its schema (Alembic revision)
    dossiers: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None  # the database as it was before; None: there was none
    previous_raw: bool  # True: SQLite could not read it, its files were copied byte for byte (beside it: -wal, -shm)
    schema_before: str  # the backup's schema
    schema_after: str  # the database's schema now (migrated when the backup was older)
    dossiers: int  # dossiers in the restored database

    @property
    def migrated(self) -> bool:
        return self.schema_before != self.schema_after


def describe_backup(path: Path, *, shown: Path | None = None) -> BackupContents:
    """Whether ``path`` is a kiosk database this software can use, and what it holds (no integrity check: quick).

    InvalidInput (Vietnamese) says what is wrong with the file, named as ``shown`` when given (the encrypted file
    the person chose, of which ``path`` is the decrypted copy); the contents' path is that name too.
    """
    name = shown or path
    try:
        if not path.is_file():  # a name too long for the file system raises here rather than answering False
            raise InvalidInput(f"Không có tệp {name}.", field="file")
        size = path.stat().st_size
        sqlite = looks_like_sqlite(path)
    except OSError as exc:
        raise InvalidInput(f"Không đọc được tệp {name}: {reason(exc)}.", field="file") from exc
    if not sqlite:
        raise InvalidInput(f"Tệp {name} không phải cơ sở dữ liệu SQLite.", field="file")
    try:
        conn = open_readonly(path)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not set(KIOSK_TABLES) <= tables:
                raise InvalidInput(
                    f"Tệp {name} không phải cơ sở dữ liệu của phần mềm kiosk (không có bảng hồ sơ).", field="file"
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            dossiers = int(conn.execute("SELECT count(*) FROM dossier").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise InvalidInput(_damaged(name, str(exc)), field="file") from exc
    if row is None:
        raise InvalidInput(f"Tệp {name} không ghi phiên bản lược đồ: không phải bản sao lưu của kiosk.", field="file")
    revision = str(row[0])
    if revision not in known_revisions():
        raise InvalidInput(
            f"Tệp {name} được tạo bởi phiên bản phần mềm mới hơn (lược đồ {revision}). "
            "Hãy cài phiên bản kiosk mới nhất rồi khôi phục.",
            field="file",
        )
    return BackupContents(name, size, revision, dossiers)


def check_backup(path: Path, *, shown: Path | None = None) -> BackupContents:
    """:func:`describe_backup`, then ``PRAGMA integrity_check`` on the whole file."""
    contents = describe_backup(path, shown=shown)
    problems = integrity_problems(path)
    if problems:
        raise InvalidInput(_damaged(shown or path, problems[0]), field="file")
    return contents


def _damaged(path: Path, problem: str) -> str:
    return f"Tệp {path} bị hỏng, không dùng để khôi phục được ({problem}). Hãy chọn một bản sao lưu khác."


def known_revisions() -> set[str]:
    """Every schema revision this software's migrations know."""
    from alembic.script import ScriptDirectory  # Alembic is loaded only when needed

    from kiosk.models.migrate import alembic_config

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def restore(
    db_path: Path,
    backup_file: Path,
    backup_dir: Path,
    now: datetime,
    *,
    busy_timeout_ms: int = 1_000,
    actor: str = "cli",
    shown: Path | None = None,
) -> RestoreResult:
    """Replace the content of the database at ``db_path`` with ``backup_file``'s, keeping the current one first.

    ``now`` names the copy of the current database (``kiosk-before-restore-YYYYMMDD-HHMMSS``; pass the office's
    local time). ``shown``: the encrypted file the person chose, when ``backup_file`` is its decrypted copy (named
    in the messages, the result and the audit log). InvalidInput: the file cannot be used; StorageError: the
    database or the backups folder cannot.
    """
    if db_path.exists() and backup_file.exists() and db_path.samefile(backup_file):
        raise InvalidInput("Tệp này chính là cơ sở dữ liệu đang dùng; hãy chọn một bản sao lưu.", field="file")
    contents = check_backup(backup_file, shown=shown)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        backup_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Không tạo được thư mục để khôi phục: {reason(exc)}.") from exc
    previous, raw, live = None, False, None
    side_copies: list[Path] = []
    try:
        if db_path.exists():
            previous = free_name(backup_dir, f"kiosk-before-restore-{now:%Y%m%d-%H%M%S}", ".sqlite3")
            # Before SQLite opens the file: it may tidy away the side files of a database it cannot read.
            side_copies = _copy_side_files(db_path, previous)
            live = _lock(db_path, busy_timeout_ms)
            raw = _keep_current(db_path, live, previous)
            if not raw:  # the backup API's copy holds what the -wal held
                _discard(side_copies)
        if live is None or raw:  # no database, or one SQLite cannot read: start again from an empty file
            if live is not None:
                live.close()
                live = None
            _empty(db_path)
            live = _lock(db_path, busy_timeout_ms)
            assert live is not None  # an empty file always opens
        _write_into(live, backup_file, db_path, previous)
    except BaseException:
        if not raw:
            _discard(side_copies)
        raise
    finally:
        if live is not None:
            live.close()  # exclusive locking mode: nothing of the old database is left in a side file
    problems = integrity_problems(db_path)
    if problems:
        raise StorageError(
            f"Cơ sở dữ liệu sau khi khôi phục không qua được kiểm tra toàn vẹn ({problems[0]})."
            + (f" Bản sao cơ sở dữ liệu trước đó: {previous}." if previous else "")
        )
    after = contents.revision
    if after != _head():
        from kiosk.models.migrate import migrate  # Alembic is loaded only when a migration is due

        after = migrate(db_path, backup_dir, now=now).after
    from kiosk.models.damage import clear_damage

    clear_damage(db_path)  # a sound database now: writing may resume
    _log_restore(db_path, shown or backup_file, previous, actor, now, encrypted=shown is not None)
    log.info("database %s restored from %s (previous kept in %s)", db_path, shown or backup_file, previous)
    return RestoreResult(shown or backup_file, previous, raw, contents.revision, after, _dossiers(db_path))


def account_role(db_path: Path, username: str) -> str | None:
    """The role of the active account ``username`` in the database at ``db_path``, read without the kiosk's
    normal context (the database may be the damaged thing being replaced); None: no such account, or no database.

    StorageError when the database cannot be read.
    """
    if not db_path.is_file():
        return None
    try:
        conn = open_readonly(db_path)
        try:
            row = conn.execute(
                "SELECT role FROM user_account WHERE username = ? AND active", (username.strip().lower(),)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(f"Không đọc được cơ sở dữ liệu {db_path}: {reason(exc)}.") from exc
    return None if row is None else str(row[0])


def _log_restore(
    db_path: Path, backup_file: Path, previous: Path | None, actor: str, now: datetime, *, encrypted: bool
) -> None:
    """The restored database's own audit log says it was restored, from what, by whom."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from kiosk.clock import Clock, FixedClock, SystemClock
    from kiosk.services.audit import AuditLog

    # A plain engine: the file keeps the journal mode the restore left it in (the kiosk's own engine would
    # switch it to WAL).
    engine = create_engine(f"sqlite+pysqlite:///{db_path}")
    try:
        with Session(engine) as session, session.begin():
            details: dict[str, object] = {"previous": previous.name if previous else None}
            if encrypted:
                details["encrypted"] = True
            clock: Clock = FixedClock(now) if now.tzinfo is not None else SystemClock()  # the restore's moment
            AuditLog.appender(clock).record_in(session, actor, "restore", backup_file.name, details)
    finally:
        engine.dispose()


def _head() -> str:
    from kiosk.models.migrate import head_revision

    return head_revision()


def _lock(db_path: Path, busy_timeout_ms: int) -> sqlite3.Connection | None:
    """A connection holding the database exclusively until closed; None when its first page is unreadable.

    In WAL mode every open connection, even an idle one, keeps the exclusive lock from being taken.
    """
    conn = sqlite3.connect(db_path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")  # in exclusive locking mode the lock stays after the transaction
    except sqlite3.Error as exc:
        conn.close()
        if is_busy(exc):
            raise StorageError(
                f"Cơ sở dữ liệu {db_path} đang được phần mềm kiosk hoặc một lệnh khác sử dụng. {CLOSE_THE_KIOSK}"
            ) from exc
        if is_damage(exc):
            return None
        raise StorageError(f"Không mở được cơ sở dữ liệu {db_path} để khôi phục: {reason(exc)}.") from exc
    return conn


def _keep_current(db_path: Path, live: sqlite3.Connection | None, target: Path) -> bool:
    """Copy the current database to ``target``; True when it had to be copied byte for byte."""
    partial = target.with_name(target.name + ".partial")
    if live is not None:
        try:
            try:
                dest = sqlite3.connect(partial, isolation_level=None)
                try:
                    live.backup(dest)
                    dest.execute("PRAGMA journal_mode = DELETE")
                finally:
                    dest.close()
                sync_file(partial)
                partial.replace(target)
                return False
            except BaseException:
                remove_quietly(partial)
                raise
        except sqlite3.Error as exc:
            if not is_damage(exc):
                raise _keep_failed(target, exc) from exc
            log.warning("current database unreadable (%s): copying its files byte for byte", exc)
        except OSError as exc:
            raise _keep_failed(target, exc) from exc
    try:
        shutil.copyfile(db_path, target)
        sync_file(target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise _keep_failed(target, exc) from exc
    return True


def _copy_side_files(db_path: Path, target: Path) -> list[Path]:
    """Byte copies of the database's ``-journal``, ``-wal`` and ``-shm`` beside ``target``, as they are now."""
    copied: list[Path] = []
    try:
        for suffix in SIDE_FILES:
            source = Path(f"{db_path}{suffix}")
            if source.exists():
                copy = Path(f"{target}{suffix}")
                shutil.copyfile(source, copy)
                copied.append(copy)
                sync_file(copy)
    except OSError as exc:
        _discard(copied)
        raise _keep_failed(target, exc) from exc
    return copied


def _discard(files: list[Path]) -> None:
    for file in files:
        file.unlink(missing_ok=True)


def _keep_failed(target: Path, exc: BaseException) -> StorageError:
    return StorageError(
        f"Không giữ được bản sao cơ sở dữ liệu hiện tại vào thư mục {target.parent}: {reason(exc)}. "
        "Chưa khôi phục; cơ sở dữ liệu không thay đổi."
    )


def _empty(db_path: Path) -> None:
    """Make the (unreadable or missing) database file empty in place, without the side files that came with it."""
    try:
        with db_path.open("wb"):
            pass
        for suffix in SIDE_FILES:
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp cơ sở dữ liệu {db_path}: {reason(exc)}.") from exc


def _write_into(live: sqlite3.Connection, backup_file: Path, db_path: Path, previous: Path | None) -> None:
    """The backup API from the offered file into the locked live database, in one transaction."""
    try:
        # A rollback journal while writing: page sizes may differ, and a crash midway leaves the old content.
        mode = live.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise StorageError(f"Cơ sở dữ liệu {db_path} đang được sử dụng. {CLOSE_THE_KIOSK}")
        source = open_readonly(backup_file)
        try:
            source.backup(live)
        finally:
            source.close()
    except sqlite3.Error as exc:
        kept = f" Bản sao cơ sở dữ liệu trước đó: {previous}." if previous else ""
        raise StorageError(f"Không khôi phục được vào {db_path}: {reason(exc)}.{kept}") from exc


def _dossiers(db_path: Path) -> int:
    conn = open_readonly(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM dossier").fetchone()[0])
    finally:
        conn.close()
