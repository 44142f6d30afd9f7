"""The SQLite settings that keep a receipt from vanishing, and the write lock that keeps numbers unique."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from kiosk.errors import StorageError
from kiosk.models import Database, DayOverride


def test_pragmas(db: Database) -> None:
    with db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_write_takes_the_lock_at_begin(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.write() as session:
            session.execute(select(DayOverride.id)).all()  # only a read so far: the lock is already held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_does_not_block_writers(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.read() as session:
            session.execute(select(DayOverride.id)).all()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_busy_database_gives_a_clear_message(db: Database) -> None:
    impatient = Database(db.path, busy_timeout_ms=100)
    holder = sqlite3.connect(db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="đang bận"), impatient.write() as session:
            session.execute(select(DayOverride.id)).all()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.close()


def test_a_failed_use_case_leaves_nothing(db: Database) -> None:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(DayOverride(day=date(2026, 12, 30), kind="off", note="", created_at=now, created_by="t"))
        session.flush()
        raise RuntimeError("interrupted")
    with db.read() as session:
        assert session.scalar(select(DayOverride).where(DayOverride.day == date(2026, 12, 30))) is None


def test_timestamps_are_stored_as_utc_and_read_back_aware(db: Database) -> None:
    hanoi = timezone(timedelta(hours=7))
    with db.write() as session:
        session.add(
            DayOverride(
                day=date(2026, 12, 30),
                kind="off",
                note="",
                created_at=datetime(2026, 11, 25, 15, 0, tzinfo=hanoi),
                created_by="t",
            )
        )
    with db.read() as session:
        row = session.scalars(select(DayOverride).where(DayOverride.day == date(2026, 12, 30))).one()
        assert row.created_at == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
        assert row.created_at.tzinfo is UTC
        stored = session.execute(text("SELECT created_at FROM calendar_override WHERE day = '2026-12-30'")).scalar()
        assert str(stored).startswith("2026-11-25 08:00:00")


def test_naive_timestamps_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="timezone-aware"), db.write() as session:
        session.add(
            DayOverride(day=date(2026, 12, 30), kind="off", note="", created_at=datetime(2026, 11, 25), created_by="t")
        )
