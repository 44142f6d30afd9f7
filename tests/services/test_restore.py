"""Restoring a backup on real SQLite files: the round trip, files refused, a database in use, an older schema,
a current database that is itself damaged, and no database at all."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.context import KioskContext, open_context
from kiosk.errors import InvalidInput, NotFound, StorageError
from kiosk.models.migrate import head_revision, migrate
from kiosk.models.schema import stored_revision
from kiosk.models.sqlite_files import backup_file
from kiosk.services.backup_files import integrity_problems
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.restore import CLOSE_THE_KIOSK, describe_backup, restore
from kiosk.services.users import Actor
from tests.helpers import VN
from tests.sqlite_files import digest, dossier_codes, flip_middle, truncate_half

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=VN)  # the office's local time, as the command passes it
AN = Applicant("person", "Nguyễn Văn An", "0912345678")


def register(ctx: KioskContext, by: Actor) -> str:
    return ctx.registration.register(RegistrationInput("2.001914", AN), by=by).code


@pytest.fixture
def backed_up(ctx: KioskContext, clerk: Actor) -> tuple[Path, str, str]:
    """A backup holding one dossier, then a second dossier registered after it; the context closed."""
    first = register(ctx, clerk)
    backup = ctx.backups.backup().path
    second = register(ctx, clerk)
    ctx.close()
    return backup, first, second


def test_round_trip_later_data_gone_earlier_back_previous_kept(
    ctx: KioskContext, backed_up: tuple[Path, str, str]
) -> None:
    backup, first, second = backed_up
    db_path = ctx.db.path
    result = restore(db_path, backup, ctx.paths.backup_dir, NOW)
    assert result.restored_from == backup and result.dossiers == 1
    assert result.schema_before == result.schema_after == head_revision() and not result.migrated
    assert result.previous_copy == ctx.paths.backup_dir / "kiosk-before-restore-20261125-093000.sqlite3"
    assert not result.previous_raw
    assert integrity_problems(result.previous_copy) == []
    assert dossier_codes(result.previous_copy) == {first, second}
    assert dossier_codes(db_path) == {first}
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-journal").exists()
    ctx.clock.set(NOW + timedelta(minutes=1))  # type: ignore[attr-defined] # the desk works on after the restore
    with open_context(ctx.paths, clock=ctx.clock) as again:
        assert again.audit.recent(limit=1)[0].action == "restore"
        assert again.search.show(first).code == first
        with pytest.raises(NotFound):
            again.search.show(second)
        # The desk goes on numbering after the restored dossiers.
        assert register(again, again.users.get("lan")) == second


def test_restore_is_refused_while_the_kiosk_holds_the_database(ctx: KioskContext, clerk: Actor) -> None:
    register(ctx, clerk)
    backup = ctx.backups.backup().path
    with pytest.raises(StorageError, match=CLOSE_THE_KIOSK):
        restore(ctx.db.path, backup, ctx.paths.backup_dir, NOW)  # the context's idle connection is enough
    assert not list(ctx.paths.backup_dir.glob("kiosk-before-restore-*"))


def test_restore_is_refused_while_a_transaction_is_open(backed_up: tuple[Path, str, str], ctx: KioskContext) -> None:
    backup, first, second = backed_up
    reader = sqlite3.connect(ctx.db.path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM dossier").fetchone()
        with pytest.raises(StorageError, match=rf"đang được phần mềm kiosk.*{CLOSE_THE_KIOSK}"):
            restore(ctx.db.path, backup, ctx.paths.backup_dir, NOW)
    finally:
        reader.close()
    assert dossier_codes(ctx.db.path) == {first, second}
    assert not list(ctx.paths.backup_dir.glob("kiosk-before-restore-*"))


def _damaged_copy(backup: Path, how: str) -> Path:
    bad = backup.with_name(f"hong-{how}.sqlite3")
    bad.write_bytes(backup.read_bytes())
    if how == "flipped":
        flip_middle(bad)
    elif how == "truncated":
        truncate_half(bad)
    elif how == "text":
        bad.write_text("Danh sách hồ sơ tháng 11\n" * 200, encoding="utf-8")
    elif how == "empty":
        bad.write_bytes(b"")
    elif how == "foreign":
        bad.unlink()
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        conn.close()
    elif how == "newer":
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
        conn.close()
    return bad


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("flipped", r"bị hỏng, không dùng để khôi phục được"),
        ("truncated", r"bị hỏng, không dùng để khôi phục được"),
        ("text", r"không phải cơ sở dữ liệu SQLite"),
        ("empty", r"không phải cơ sở dữ liệu SQLite"),
        ("foreign", r"không phải cơ sở dữ liệu của phần mềm kiosk"),
        ("newer", r"phiên bản phần mềm mới hơn \(lược đồ ffff_from_the_future\)"),
    ],
)
def test_a_file_that_cannot_be_restored_is_refused_and_nothing_changes(
    backed_up: tuple[Path, str, str], ctx: KioskContext, how: str, message: str
) -> None:
    bad = _damaged_copy(backed_up[0], how)
    before = digest(ctx.db.path)
    with pytest.raises(InvalidInput, match=message):
        restore(ctx.db.path, bad, ctx.paths.backup_dir, NOW)
    assert digest(ctx.db.path) == before
    assert not list(ctx.paths.backup_dir.glob("kiosk-before-restore-*"))


def test_a_missing_file_and_the_database_itself_are_refused(ctx: KioskContext) -> None:
    ctx.close()
    with pytest.raises(InvalidInput, match="Không có tệp"):
        restore(ctx.db.path, ctx.paths.backup_dir / "khong-co.sqlite3", ctx.paths.backup_dir, NOW)
    with pytest.raises(InvalidInput, match="chính là cơ sở dữ liệu đang dùng"):
        restore(ctx.db.path, ctx.db.path, ctx.paths.backup_dir, NOW)


def test_an_older_schema_is_migrated_after_the_restore(ctx: KioskContext, tmp_path: Path) -> None:
    ctx.close()
    old = tmp_path / "cu" / "kiosk-20250101-210000.sqlite3"
    migrate(old, tmp_path / "cu", now=datetime(2025, 1, 1, tzinfo=UTC), target="0005")
    assert describe_backup(old).revision == "0005"
    result = restore(ctx.db.path, old, ctx.paths.backup_dir, NOW)
    assert (result.schema_before, result.schema_after) == ("0005", head_revision()) and result.migrated
    assert stored_revision(ctx.db.path) == head_revision()
    assert integrity_problems(ctx.db.path) == []
    with open_context(ctx.paths, clock=ctx.clock) as again:  # seeds the catalog on the empty 0005 database
        assert again.catalog.get("2.001914").code == "2.001914"


def test_a_migration_copy_in_wal_mode_can_be_restored(backed_up: tuple[Path, str, str], ctx: KioskContext) -> None:
    _, first, second = backed_up
    wal_copy = backup_file(ctx.db.path, ctx.paths.backup_dir / "kiosk-20261125-090000-before-9999.sqlite3")
    result = restore(ctx.db.path, wal_copy, ctx.paths.backup_dir, NOW)
    assert result.dossiers == 2 and dossier_codes(ctx.db.path) == {first, second}
    assert sorted(p.name for p in wal_copy.parent.glob(f"{wal_copy.name}*")) == [wal_copy.name]  # untouched


def test_a_damaged_current_database_is_replaced(backed_up: tuple[Path, str, str], ctx: KioskContext) -> None:
    backup, first, _ = backed_up
    flip_middle(ctx.db.path)
    assert integrity_problems(ctx.db.path)
    damaged = ctx.db.path.read_bytes()
    result = restore(ctx.db.path, backup, ctx.paths.backup_dir, NOW)
    assert result.dossiers == 1 and dossier_codes(ctx.db.path) == {first}
    assert integrity_problems(ctx.db.path) == []
    # Kept as it was, damage included: through the backup API when SQLite can still read the pages, byte for byte
    # when the damage stops it (which one depends on where the damage falls in the file).
    assert result.previous_copy is not None
    assert result.previous_copy.read_bytes()[4096:] == damaged[4096:]


def test_a_current_database_sqlite_cannot_open_is_copied_byte_for_byte_then_replaced(
    backed_up: tuple[Path, str, str], ctx: KioskContext
) -> None:
    backup, first, _ = backed_up
    db_path = ctx.db.path
    garbage = b"\x13\x37 not a database any more " * 500
    db_path.write_bytes(garbage)
    Path(f"{db_path}-wal").write_bytes(b"stale wal " * 100)
    Path(f"{db_path}-shm").write_bytes(b"stale shm " * 100)
    result = restore(db_path, backup, ctx.paths.backup_dir, NOW)
    assert result.previous_raw and result.previous_copy is not None
    assert result.previous_copy.read_bytes() == garbage
    assert Path(f"{result.previous_copy}-wal").read_bytes() == b"stale wal " * 100
    assert Path(f"{result.previous_copy}-shm").read_bytes() == b"stale shm " * 100
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-shm").exists()
    assert dossier_codes(db_path) == {first} and integrity_problems(db_path) == []
    ctx.clock.set(NOW + timedelta(minutes=1))  # type: ignore[attr-defined] # the desk works on after the restore
    with open_context(ctx.paths, clock=ctx.clock) as again:
        assert again.audit.recent(limit=1)[0].action == "restore"
        assert again.search.show(first).code == first


def test_restoring_where_there_is_no_database_yet(backed_up: tuple[Path, str, str], tmp_path: Path) -> None:
    backup, first, _ = backed_up
    db_path = tmp_path / "new-pc" / "data" / "kiosk.sqlite3"
    result = restore(db_path, backup, tmp_path / "new-pc" / "backups", NOW)
    assert result.previous_copy is None and not result.previous_raw
    assert dossier_codes(db_path) == {first}


def test_two_restores_in_the_same_second_keep_both_previous_databases(
    backed_up: tuple[Path, str, str], ctx: KioskContext
) -> None:
    backup, first, second = backed_up
    one = restore(ctx.db.path, backup, ctx.paths.backup_dir, NOW).previous_copy
    two = restore(ctx.db.path, backup, ctx.paths.backup_dir, NOW).previous_copy
    assert one is not None and two is not None
    assert two.name == "kiosk-before-restore-20261125-093000-2.sqlite3"
    assert dossier_codes(one) == {first, second} and dossier_codes(two) == {first}
