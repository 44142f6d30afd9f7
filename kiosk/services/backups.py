"""Nightly backups of the station database, verified, copied to a second place, rotated.

A backup is taken with SQLite's online backup API (the desk may keep writing: the copy is the database as it was
when the copy began, committed data only, WAL included), written as ``….partial``, checked with
``PRAGMA integrity_check`` and only then given its name ``kiosk-YYYYMMDD-HHMMSS.sqlite3`` (the office's local time).
When a second folder is set (a USB disk, a network share), the copy leaves the PC encrypted to the supervisor's key
(``[backup] recipient``, :mod:`kiosk.services.backup_keys`) as ``kiosk-YYYYMMDD-HHMMSS.sqlite3.age``: written as
``….partial``, flushed, read back from the disk and compared with what was written, then named. Without a key no copy
is written there at all. A second folder that fails or has no key is reported in the result and never fails the
backup itself. Then each folder that got its copy is rotated (:mod:`kiosk.services.backup_rotation`).

A failure of the backup itself raises :class:`StorageError` naming the folder; it leaves no ``.partial`` behind,
removes no older backup and does not touch the database.
"""

from __future__ import annotations

import builtins
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from filelock import FileLock, Timeout
from pyrage import RecipientError, x25519

from kiosk.clock import Clock
from kiosk.config import BackupSettings
from kiosk.errors import StorageError
from kiosk.services import age_files
from kiosk.services.backup_files import (
    integrity_problems,
    is_busy,
    is_damage,
    open_existing,
    reason,
    remove_quietly,
    sync_file,
    sync_folder,
)
from kiosk.services.backup_keys import NEW_KEY_COMMAND
from kiosk.services.backup_rotation import (
    ENCRYPTED_SUFFIX,
    Retention,
    encrypted_name,
    nightly_name,
    nightly_stamp,
    to_remove,
)

log = logging.getLogger(__name__)

PARTIAL = ".partial"
NO_KEY = (
    "Chưa chép bản sao lưu sang thư mục thứ hai {folder}: bản sao ra khỏi máy phải được mã hoá, mà chưa có khoá. "
    f"Lãnh đạo hãy tạo khoá trước bằng lệnh: {NEW_KEY_COMMAND} (tệp trên USB riêng của lãnh đạo)."
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # aware, in the office's zone (the name carries its wall-clock time)
    size: int  # bytes

    @property
    def encrypted(self) -> bool:
        return self.path.name.endswith(ENCRYPTED_SUFFIX)


@dataclass(frozen=True)
class BackupResult:
    """A backup that passed its integrity check (there is no result otherwise: StorageError)."""

    path: Path
    size: int  # bytes
    seconds: float  # the whole job: copy, checks, second copy, rotation
    copies: tuple[Path, ...]  # every checked copy written: the backup, then the second folder's (encrypted)
    removed: tuple[Path, ...]  # older nightly backups rotation removed, in either folder
    second_error: str | None = None  # why the second folder got no copy; None: it did, or none is set

    @property
    def second_copy(self) -> Path | None:
        return self.copies[1] if len(self.copies) > 1 else None


class _SecondFailed(Exception):
    """The second folder could not get its copy; the message says why, in Vietnamese."""


class BackupService:
    def __init__(
        self,
        db_path: Path,
        backup_dir: Path,
        settings: BackupSettings,
        clock: Clock,
        zone: tzinfo,
        *,
        busy_timeout_ms: int = 5_000,
        lock_timeout_s: float = 600.0,
    ) -> None:
        self.db_path = db_path
        self.backup_dir = backup_dir
        self.settings = settings
        self.clock = clock
        self.zone = zone
        self.busy_timeout_ms = busy_timeout_ms
        self.lock_timeout_s = lock_timeout_s

    @property
    def second_dir(self) -> Path | None:
        text = self.settings.second_dir.strip()
        return Path(text).expanduser() if text else None

    @property
    def retention(self) -> Retention:
        return Retention(self.settings.keep_daily, self.settings.keep_weekly, self.settings.keep_monthly)

    def backup(self) -> BackupResult:
        """Back up the database now; StorageError (Vietnamese, naming the folder) when no sound copy was made."""
        started = time.perf_counter()
        if not self.db_path.is_file():
            raise StorageError(f"Không có cơ sở dữ liệu {self.db_path} để sao lưu.")
        name = nightly_name(self.clock.now().astimezone(self.zone))
        try:
            with FileLock(f"{self.db_path}.backup.lock", timeout=self.lock_timeout_s):
                return self._backup_locked(name, started)
        except Timeout as exc:
            raise StorageError("Một bản sao lưu khác đang được tạo. Hãy thử lại sau ít phút.") from exc
        except OSError as exc:  # the lock file beside the database
            raise StorageError(f"Không sao lưu được cơ sở dữ liệu {self.db_path}: {reason(exc)}.") from exc

    def _backup_locked(self, name: str, started: float) -> BackupResult:
        target = self.backup_dir / name
        try:
            self.backup_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._folder_failed(exc) from exc
        self._copy_online(target)
        size = target.stat().st_size
        removed = self._rotate(self.backup_dir, keep=name)
        copies = [target]
        second_error = None
        second = self.second_dir
        if second is not None and not self.settings.recipient.strip():
            second_error = NO_KEY.format(folder=second)  # never a plain copy off the PC
            log.warning("second backup folder skipped: no key to encrypt to")
        elif second is not None:
            try:
                copy = self._copy_to_second(target, second)
            except _SecondFailed as exc:
                second_error = f"Không chép được bản sao lưu sang thư mục thứ hai {second}: {exc}."
                log.warning("second backup folder failed: %s", second_error)
            else:
                copies.append(copy)
                removed += self._rotate(second, keep=copy.name)
        seconds = time.perf_counter() - started
        log.info("database backed up to %s (%d bytes, %.1f s), %d removed", target, size, seconds, len(removed))
        return BackupResult(target, size, seconds, tuple(copies), tuple(removed), second_error)

    def _folder_failed(self, exc: BaseException) -> StorageError:
        return StorageError(
            f"Không sao lưu được vào thư mục {self.backup_dir}: {reason(exc)}. "
            "Cơ sở dữ liệu không bị ảnh hưởng; các bản sao lưu cũ vẫn còn nguyên."
        )

    def _copy_online(self, target: Path) -> None:
        """The backup API into ``target.partial``, checked, then renamed; nothing left behind on failure."""
        partial = target.with_name(target.name + PARTIAL)
        try:
            source = open_existing(self.db_path, timeout_s=self.busy_timeout_ms / 1000)
        except sqlite3.Error as exc:
            raise StorageError(f"Không mở được cơ sở dữ liệu {self.db_path} để sao lưu: {reason(exc)}.") from exc
        try:
            remove_quietly(partial)
            try:
                dest = sqlite3.connect(partial, isolation_level=None)
                try:
                    source.backup(dest)  # one step: a consistent snapshot; WAL writers are not held up
                    dest.execute("PRAGMA journal_mode = DELETE")  # the copy stands alone, readable from any medium
                finally:
                    dest.close()
            except sqlite3.Error as exc:
                if is_damage(exc) or is_busy(exc):  # reading the database, not writing the copy, failed
                    raise StorageError(
                        f"Không đọc được cơ sở dữ liệu {self.db_path} để sao lưu: {reason(exc)}. "
                        "Chưa xoá bản sao lưu cũ nào."
                    ) from exc
                raise self._folder_failed(exc) from exc
            sync_file(partial)
            problems = integrity_problems(partial)
            if problems:
                raise StorageError(
                    f"Bản sao lưu vừa tạo trong {self.backup_dir} không qua được kiểm tra toàn vẹn "
                    f"({problems[0]}): cơ sở dữ liệu hoặc ổ đĩa có thể đã hỏng. Đã bỏ bản sao này, chưa xoá bản "
                    "sao lưu cũ nào. Hãy báo quản trị viên."
                )
            partial.replace(target)
            sync_folder(self.backup_dir)
        except OSError as exc:
            remove_quietly(partial)
            raise self._folder_failed(exc) from exc
        except BaseException:
            remove_quietly(partial)
            raise
        finally:
            source.close()

    def _copy_to_second(self, checked: Path, folder: Path) -> Path:
        """``checked`` encrypted to the supervisor's key into ``folder``, read back and compared, then named."""
        if not folder.is_dir():
            raise _SecondFailed("không thấy thư mục này (ổ USB chưa cắm, ổ mạng chưa kết nối?)")
        if folder.resolve() == self.backup_dir.resolve():
            raise _SecondFailed("đó chính là thư mục sao lưu chính")
        try:
            recipient = x25519.Recipient.from_str(self.settings.recipient.strip())
        except (RecipientError, ValueError):
            raise _SecondFailed("khoá mã hoá trong cài đặt (backup.recipient) không hợp lệ") from None
        target = folder / encrypted_name(checked.name)
        partial = target.with_name(target.name + PARTIAL)
        try:
            remove_quietly(partial)  # left by a crash
            written = age_files.encrypt(checked, partial, recipient)
            problem = age_files.check_encrypted(partial, written, checked.stat().st_size)
            if problem is not None:
                raise _SecondFailed(f"{problem} (ổ đĩa có thể bị lỗi)")
            partial.replace(target)
            sync_folder(folder)
        except OSError as exc:
            remove_quietly(partial)
            raise _SecondFailed(reason(exc)) from exc
        except BaseException:
            remove_quietly(partial)
            raise
        return target

    def _rotate(self, folder: Path, *, keep: str) -> list[Path]:
        """Remove the nightly backups rotation lets go; a file that will not go is logged and left."""
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries if entry.is_file(follow_symlinks=False)]
        except OSError as exc:
            log.warning("could not list %s for rotation: %s", folder, exc)
            return []
        removed = []
        for name in to_remove(names, self.retention, protect=keep):
            path = folder / name
            try:
                path.unlink()
            except OSError as exc:
                log.warning("rotation could not remove %s: %s", path, exc)
                continue
            remove_quietly(path)  # side files left by someone who opened the old backup
            removed.append(path)
        return removed

    def last(self) -> BackupInfo | None:
        """The newest nightly backup in the backups folder, if any."""
        found = self.list()
        return found[0] if found else None

    def list(self, folder: Path | None = None) -> builtins.list[BackupInfo]:
        """The nightly backups in ``folder`` (default: the backups folder), newest first."""
        where = self.backup_dir if folder is None else folder
        found = []
        try:
            with os.scandir(where) as entries:
                for entry in entries:
                    stamp = nightly_stamp(entry.name)
                    if stamp is None or not entry.is_file(follow_symlinks=False):
                        continue
                    found.append(BackupInfo(Path(entry.path), stamp.replace(tzinfo=self.zone), entry.stat().st_size))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StorageError(f"Không đọc được thư mục sao lưu {where}: {reason(exc)}.") from exc
        return sorted(found, key=lambda info: info.taken_at, reverse=True)
