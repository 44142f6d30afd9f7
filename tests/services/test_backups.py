"""Nightly backups on real SQLite files: a checked copy while the desk writes, a second folder that may fail,
rotation on disk, and a full disk that costs nothing (a real tmpfs)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest

from kiosk.clock import FixedClock
from kiosk.config import BackupSettings, load_settings, save_settings
from kiosk.context import KioskContext
from kiosk.errors import StorageError
from kiosk.services.backup_files import SQLITE_HEADER, integrity_problems
from kiosk.services.backup_keys import decrypt_backup, load_identity
from kiosk.services.backup_rotation import Retention, kept, nightly_stamp
from kiosk.services.backups import BackupInfo, BackupService
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.conftest import SupervisorKey
from tests.helpers import VN, local
from tests.sqlite_files import can_write, digest, dossier_codes, flip_middle, journal_mode, make_read_only, tmpfs

AN = Applicant("person", "Nguyễn Văn An", "0912345678")
#: Nightly backups rotation would remove after any successful backup with ONLY_TODAY.
OLD = ["kiosk-20201101-210000.sqlite3", "kiosk-20201102-210000.sqlite3", "kiosk-20201110-210000.sqlite3"]
ONLY_TODAY = BackupSettings(keep_daily=1, keep_weekly=0, keep_monthly=0)


def register(ctx: KioskContext, by: Actor) -> str:
    return ctx.registration.register(RegistrationInput("2.001914", AN), by=by).code


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def plant(folder: Path, files: list[str]) -> None:
    for name in files:
        (folder / name).write_bytes(b"an older backup")


@pytest.fixture
def service(db_path: Path, tmp_path: Path, clock: FixedClock) -> BackupService:
    """Backups of a copy of the seeded template into tmp_path/backups."""
    return BackupService(db_path, tmp_path / "backups", BackupSettings(), clock, VN)


def test_a_backup_is_a_checked_copy_named_after_the_office_time(ctx: KioskContext, clerk: Actor) -> None:
    code = register(ctx, clerk)
    result = ctx.backups.backup()
    folder = ctx.paths.backup_dir
    assert result.path == folder / "kiosk-20261125-090000.sqlite3"
    assert result.size == result.path.stat().st_size > 0
    assert result.copies == (result.path,) and result.second_copy is None and result.second_error is None
    assert result.removed == () and 0 <= result.seconds < 10
    assert integrity_problems(result.path) == []
    assert dossier_codes(result.path) == {code}
    assert journal_mode(result.path) == "delete"  # stands alone: no -wal to carry, readable from read-only media
    assert names(folder) == [result.path.name]  # no .partial, no side file
    assert ctx.backups.last() == BackupInfo(result.path, local(2026, 11, 25, 9, 0), result.size)


def test_a_backup_while_another_connection_writes_holds_what_was_committed(ctx: KioskContext, clerk: Actor) -> None:
    register(ctx, clerk)
    writer = sqlite3.connect(ctx.db.path, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE dossier SET applicant_name = 'Đã lưu, còn trong WAL'")
        assert Path(f"{ctx.db.path}-wal").stat().st_size > 0
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE dossier SET applicant_name = 'Đang ghi dở'")
        result = ctx.backups.backup()  # the open write transaction holds nothing up
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert result.seconds < 3
    copied = sqlite3.connect(result.path)
    assert copied.execute("SELECT applicant_name FROM dossier").fetchall() == [("Đã lưu, còn trong WAL",)]
    copied.close()
    assert integrity_problems(result.path) == []


def test_the_database_is_left_as_it_was(service: BackupService, db_path: Path) -> None:
    before = digest(db_path)
    service.backup()
    assert digest(db_path) == before
    beside = [n for n in names(db_path.parent) if n.startswith(db_path.name)]
    assert beside == ["kiosk.sqlite3", "kiosk.sqlite3.backup.lock"]  # no -wal, -shm left by the copy


def test_a_damaged_database_gives_no_backup_and_removes_none(
    service: BackupService, db_path: Path, clock: FixedClock
) -> None:
    service.settings = ONLY_TODAY
    service.backup_dir.mkdir()
    plant(service.backup_dir, OLD)
    flip_middle(db_path)
    # Refused when reading the damaged pages fails, or else by the copy's integrity check (which one depends on
    # where the damage falls in the file); either way no backup and nothing removed.
    with pytest.raises(
        StorageError, match=r"(?i)(không qua được kiểm tra toàn vẹn|tệp bị hỏng).*chưa xoá bản sao lưu cũ"
    ):
        service.backup()
    assert names(service.backup_dir) == OLD


def test_no_database_no_backup(tmp_path: Path, clock: FixedClock) -> None:
    service = BackupService(tmp_path / "none.sqlite3", tmp_path / "b", BackupSettings(), clock, VN)
    with pytest.raises(StorageError, match="Không có cơ sở dữ liệu"):
        service.backup()
    assert not (tmp_path / "none.sqlite3").exists()


def test_a_partial_file_left_by_a_crash_is_replaced(service: BackupService) -> None:
    service.backup_dir.mkdir()
    (service.backup_dir / "kiosk-20261125-090000.sqlite3.partial").write_bytes(b"cut off by a power failure")
    result = service.backup()
    assert names(service.backup_dir) == [result.path.name]


def no_plain_sqlite_in(folder: Path) -> bool:
    """Nothing in ``folder`` holds SQLite's header anywhere (a plain database, or a page of one)."""
    return all(SQLITE_HEADER not in p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_the_second_folder_gets_only_an_encrypted_copy_that_opens_with_the_supervisors_key(
    ctx: KioskContext, clerk: Actor, supervisor_key: SupervisorKey, tmp_path: Path
) -> None:
    codes = {register(ctx, clerk), register(ctx, clerk)}
    usb = tmp_path / "usb"
    usb.mkdir()
    plant(usb, [*OLD, "ghi-chu.txt"])
    ctx.backups.settings = msgspec.structs.replace(ONLY_TODAY, second_dir=str(usb), recipient=supervisor_key.recipient)
    result = ctx.backups.backup()
    assert result.second_error is None
    assert result.second_copy == usb / "kiosk-20261125-090000.sqlite3.age"
    assert sorted(p.name for p in result.removed) == OLD and {p.parent for p in result.removed} == {usb}
    assert names(usb) == ["ghi-chu.txt", "kiosk-20261125-090000.sqlite3.age"]  # no .partial, no plain copy
    assert no_plain_sqlite_in(usb)
    assert result.second_copy.read_bytes().startswith(b"age-encryption.org/v1\n-> X25519 ")
    identity = load_identity(supervisor_key.file, supervisor_key.passphrase)
    opened = tmp_path / "opened.sqlite3"
    decrypt_backup(result.second_copy, identity, opened)
    assert opened.read_bytes() == result.path.read_bytes()
    assert integrity_problems(opened) == [] and dossier_codes(opened) == codes
    assert [b.encrypted for b in ctx.backups.list(usb)] == [True]
    assert [b.encrypted for b in ctx.backups.list()] == [False]


def test_with_no_key_no_copy_leaves_the_pc_and_the_backup_stands(service: BackupService, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    plant(usb, OLD)
    service.settings = msgspec.structs.replace(ONLY_TODAY, second_dir=str(usb))
    result = service.backup()
    assert result.path.is_file() and integrity_problems(result.path) == []
    assert result.copies == (result.path,) and result.second_copy is None
    assert result.second_error == (
        f"Chưa chép bản sao lưu sang thư mục thứ hai {usb}: bản sao ra khỏi máy phải được mã hoá, mà chưa có khoá. "
        "Lãnh đạo hãy tạo khoá trước bằng lệnh: kiosk backup key new --out TỆP_KHOÁ (tệp trên USB riêng của lãnh đạo)."
    )
    assert names(usb) == OLD and result.removed == ()  # nothing written there, nothing rotated there


def test_rotation_in_the_second_folder_knows_the_encrypted_names_and_nothing_else(
    service: BackupService, supervisor_key: SupervisorKey, tmp_path: Path, clock: FixedClock
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    old_encrypted = [f"{name}.age" for name in OLD]
    others = [
        "kiosk-20201103-210000.sqlite3.age.partial",
        "kiosk-20201104-210000.sqlite3.age.bak",
        "kiosk-20201105-210000.age",
        "kiosk-20201106-210000-before-0006.sqlite3.age",
        "kiosk-20201107-210000.sqlite3.AGE",
        "ban-sao.age",
    ]
    plant(usb, [*old_encrypted, *others, "kiosk-20201108-210000.sqlite3"])  # the last: a plain copy of old
    service.settings = BackupSettings(
        second_dir=str(usb), recipient=supervisor_key.recipient, keep_daily=2, keep_weekly=0, keep_monthly=0
    )
    first = service.backup()  # two days kept: today's and the newest older one (10/11/2020)
    removed = [p.name for p in first.removed if p.parent == usb]
    assert removed == [old_encrypted[0], old_encrypted[1], "kiosk-20201108-210000.sqlite3"]  # oldest first
    clock.advance(timedelta(days=1))
    second = service.backup()
    clock.advance(timedelta(days=1))
    third = service.backup()
    assert [p for p in third.removed if p.parent == usb] == [usb / "kiosk-20261125-090000.sqlite3.age"]
    nightly = [b.path.name for b in service.list(usb)]
    assert nightly == ["kiosk-20261127-090000.sqlite3.age", "kiosk-20261126-090000.sqlite3.age"]
    assert second.second_copy is not None and second.second_copy.name == nightly[1]
    assert names(usb) == sorted([*nightly, *others])  # what rotation did not name is untouched


def test_a_full_second_disk_leaves_no_partial_and_keeps_its_files(
    service: BackupService, supervisor_key: SupervisorKey, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    with tmpfs(usb, "64k"):  # smaller than the encrypted copy
        plant(usb, OLD)
        service.settings = msgspec.structs.replace(ONLY_TODAY, second_dir=str(usb), recipient=supervisor_key.recipient)
        result = service.backup()
        assert names(usb) == OLD
    assert result.second_error == f"Không chép được bản sao lưu sang thư mục thứ hai {usb}: ổ đĩa đã đầy."
    assert result.path.is_file() and result.copies == (result.path,)


def test_a_missing_second_folder_is_reported_and_the_backup_stands(
    service: BackupService, supervisor_key: SupervisorKey, tmp_path: Path
) -> None:
    usb = tmp_path / "usb-unplugged"
    service.settings = BackupSettings(second_dir=str(usb), recipient=supervisor_key.recipient)
    result = service.backup()
    assert result.path.is_file() and result.copies == (result.path,)
    assert result.second_error is not None
    assert str(usb) in result.second_error and "không thấy thư mục" in result.second_error
    assert not usb.exists()  # not made on the local disk in place of the USB disk


@pytest.fixture
def read_only_usb(tmp_path: Path) -> Iterator[Path]:
    """A folder with older backups that cannot be written: a read-only tmpfs (root) or a chmod 555 folder."""
    usb = tmp_path / "usb"
    with tmpfs(usb, "1m") if os.geteuid() == 0 else nullcontext(usb):
        usb.mkdir(exist_ok=True)
        plant(usb, OLD)
        make_read_only(usb)
        yield usb
        if os.geteuid() != 0:
            usb.chmod(0o755)


def test_an_unwritable_second_folder_is_reported_and_keeps_its_files(
    service: BackupService, read_only_usb: Path, supervisor_key: SupervisorKey
) -> None:
    service.settings = msgspec.structs.replace(
        ONLY_TODAY, second_dir=str(read_only_usb), recipient=supervisor_key.recipient
    )
    result = service.backup()
    assert result.path.is_file() and integrity_problems(result.path) == []
    assert result.second_error is not None
    assert result.second_error.startswith(f"Không chép được bản sao lưu sang thư mục thứ hai {read_only_usb}:")
    assert "chỉ cho đọc" in result.second_error or "không có quyền" in result.second_error
    assert names(read_only_usb) == OLD  # nothing written, nothing rotated away there
    assert names(service.backup_dir) == [result.path.name]


def test_a_full_disk_fails_cleanly_and_keeps_the_old_backups(
    service: BackupService, db_path: Path, clock: FixedClock
) -> None:
    service.settings = ONLY_TODAY
    before = digest(db_path)
    with tmpfs(service.backup_dir, "96k"):
        plant(service.backup_dir, OLD)
        with pytest.raises(StorageError) as raised:
            service.backup()
        assert names(service.backup_dir) == OLD  # no .partial, nothing rotated
    message = raised.value.message
    assert message.startswith(f"Không sao lưu được vào thư mục {service.backup_dir}: ổ đĩa đã đầy.")
    assert "Cơ sở dữ liệu không bị ảnh hưởng" in message
    assert digest(db_path) == before and integrity_problems(db_path) == []
    clock.advance(timedelta(minutes=1))
    assert service.backup().path.is_file()  # the same folder, back on the real disk


def test_an_unwritable_backups_folder_names_the_folder(tmp_path: Path, db_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    with tmpfs(folder, "1m") if os.geteuid() == 0 else nullcontext(folder):
        make_read_only(folder)
        service = BackupService(db_path, folder, BackupSettings(), clock, VN)
        with pytest.raises(StorageError, match=rf"Không sao lưu được vào thư mục {folder}: "):
            service.backup()
        assert names(folder) == []
        if os.geteuid() != 0:
            folder.chmod(0o755)
    assert can_write(folder)


def test_listing_shows_nightly_backups_newest_first(service: BackupService) -> None:
    assert service.list() == [] and service.last() is None  # no folder yet
    service.backup_dir.mkdir()
    plant(service.backup_dir, ["kiosk-20261124-210000.sqlite3", "kiosk-20261125-080000.sqlite3"])
    plant(service.backup_dir, ["kiosk-20261101-120000-before-0006.sqlite3", "kiosk-before-restore-20261102-090000"])
    plant(service.backup_dir, ["kiosk-20261125-080000.sqlite3.partial", "notes.txt"])
    found = service.list()
    assert [b.path.name for b in found] == ["kiosk-20261125-080000.sqlite3", "kiosk-20261124-210000.sqlite3"]
    assert found[0].taken_at == local(2026, 11, 25, 8, 0) and found[0].taken_at.tzinfo is VN
    assert found[0].size == len(b"an older backup")
    assert service.last() == found[0]


def test_forty_nights_on_disk_keep_what_the_policy_says_and_nothing_else_is_touched(
    service: BackupService, clock: FixedClock
) -> None:
    service.settings = BackupSettings(keep_daily=3, keep_weekly=2, keep_monthly=2)
    service.backup_dir.mkdir()
    others = ["kiosk-20260101-120000-before-0006.sqlite3", "kiosk-before-restore-20260101-120000.sqlite3", "x.txt"]
    plant(service.backup_dir, others)
    clock.set(local(2026, 10, 1, 21, 0))
    made, removed = [], 0
    for _ in range(40):
        result = service.backup()
        made.append(nightly_stamp(result.path.name))
        removed += len(result.removed)
        clock.advance(timedelta(days=1))
    nightly = {nightly_stamp(n) for n in names(service.backup_dir)} - {None}
    # The last three days (7-9/11), the Sunday before this week (8/11), the end of October; Monday 9/11 is this
    # week's and this month's newest.
    expected = {local(2026, m, d, 21, 0).replace(tzinfo=None) for m, d in ((10, 31), (11, 7), (11, 8), (11, 9))}
    assert nightly == expected == kept([m for m in made if m is not None], Retention(3, 2, 2))
    assert removed == 40 - len(expected)
    assert set(others) <= set(names(service.backup_dir))


def test_new_settings_reach_the_backups(ctx: KioskContext) -> None:
    ctx.change_settings(msgspec.structs.replace(ctx.settings, backup=BackupSettings(keep_daily=2)))
    assert ctx.backups.settings.keep_daily == 2
    assert ctx.backups.db_path == ctx.db.path and ctx.backups.backup_dir == ctx.paths.backup_dir


def test_a_key_made_from_the_command_line_survives_a_save_from_the_running_app(
    ctx: KioskContext, supervisor_key: SupervisorKey
) -> None:
    """``kiosk backup key new`` writes the settings file while the app runs with the settings it read at start."""
    on_disk = msgspec.structs.replace(ctx.settings.backup, recipient=supervisor_key.recipient)
    save_settings(ctx.paths, msgspec.structs.replace(ctx.settings, backup=on_disk))
    assert ctx.settings.backup.recipient == ""
    saved = ctx.change_settings(msgspec.structs.replace(ctx.settings, backup=BackupSettings(keep_daily=3)))
    assert saved.backup.recipient == supervisor_key.recipient and saved.backup.keep_daily == 3
    assert load_settings(ctx.paths).backup.recipient == supervisor_key.recipient
    assert ctx.backups.settings.recipient == supervisor_key.recipient  # the next backup encrypts to it
    cleared = msgspec.structs.replace(saved, backup=BackupSettings())  # taking it away on purpose still works
    assert ctx.change_settings(cleared).backup.recipient == ""
