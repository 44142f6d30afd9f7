"""The SQLite database: one engine, WAL, foreign keys on, full sync, and write transactions that lock early.

Reads run in ordinary (deferred) transactions. Writes run in ``BEGIN IMMEDIATE`` transactions, so that a
transaction which allocates a number (a dossier code, a ledger number) takes the write lock before it reads the last
number, and two processes can never take the same one; a second writer waits up to the busy timeout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from kiosk.errors import InvalidInput, StorageError
from kiosk.models.damage import damage, is_malformed, mark_damaged
from kiosk.text import UNREADABLE

_BEGIN_OPTION = "kiosk_sqlite_begin"


def sqlite_engine(path: Path, *, busy_timeout_ms: int, foreign_keys: bool = True) -> Engine:
    """An engine on ``path`` with the kiosk's pragmas and explicit BEGIN handling."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own is wrong for us).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def immediate(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions begin with ``BEGIN IMMEDIATE``."""
    return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


class Database:
    """The kiosk's SQLite file. Services get one of these and open sessions through it."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5_000) -> None:
        self.path = path
        self.engine = sqlite_engine(path, busy_timeout_ms=busy_timeout_ms)
        self._write_engine = immediate(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; whatever it changes is rolled back."""
        with _storage_errors(self.path), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection for a quick read that needs no ORM session."""
        with _storage_errors(self.path), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One use case's transaction: ``BEGIN IMMEDIATE``, committed at the end, rolled back on any error.

        A database marked damaged takes no writes: whatever is added to it could be lost with it.
        """
        reason = damage(self.path)
        if reason is not None:
            raise StorageError(damaged_message(reason))
        with (
            _storage_errors(self.path),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _storage_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except UnicodeEncodeError as exc:  # a lookup or a value with undecodable bytes (lone surrogates)
        raise InvalidInput(f"Dữ liệu nhập {UNREADABLE}.") from exc
    except DBAPIError as exc:
        if is_malformed(exc):  # the file is damaged: mark it, so that nothing more is written to it
            mark_damaged(path, str(getattr(exc, "orig", exc)))
            raise StorageError(damaged_message(str(getattr(exc, "orig", exc)))) from exc
        if isinstance(exc, OperationalError):
            raise StorageError(describe_sqlite_error(exc)) from exc
        raise


def damaged_message(reason: str) -> str:
    return (
        f"Cơ sở dữ liệu bị hỏng ({reason}); phần mềm không ghi thêm vào đó để khỏi mất thêm dữ liệu. Hãy báo quản "
        "trị viên khôi phục từ bản sao lưu tốt gần nhất (kiosk backup --list, rồi kiosk restore TỆP)."
    )


def describe_sqlite_error(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return "Cơ sở dữ liệu đang bận (một chương trình khác đang ghi). Vui lòng thử lại sau ít giây."
    if "disk" in text and ("full" in text or "i/o" in text):
        return "Không ghi được dữ liệu: ổ đĩa đầy hoặc bị lỗi. Hãy báo quản trị viên."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "Tệp cơ sở dữ liệu bị hỏng. Hãy báo quản trị viên để khôi phục từ bản sao lưu."
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "Không mở được tệp cơ sở dữ liệu để ghi. Hãy kiểm tra quyền truy cập thư mục dữ liệu."
    return "Lỗi cơ sở dữ liệu: thao tác không thực hiện được. Hãy thử lại hoặc báo quản trị viên."
