"""SQLite files as backups handle them: opening without side effects, copying, syncing, and saying why it failed.

Paths go to SQLite as ``file:`` URIs built by :meth:`pathlib.Path.as_uri`, so folders with spaces, ``#`` or ``?`` in
their names (a USB disk's label, a network share) and Windows drive letters work.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import time
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-journal", "-wal", "-shm")


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to a file nobody writes (a backup): no lock, no side file created.

    A file that comes with a ``-wal`` or ``-journal`` of its own is read with them (opened read-only, not immutable).
    """
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal")):
        return sqlite3.connect(_uri(path, mode="ro"), uri=True)
    return sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True)


def open_existing(path: Path, *, timeout_s: float) -> sqlite3.Connection:
    """A read-write connection to a database that must already exist (never creates an empty one)."""
    return sqlite3.connect(_uri(path, mode="rw"), uri=True, timeout=timeout_s, isolation_level=None)


def looks_like_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's header (says nothing about the rest of it)."""
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` reports for a file nobody writes; empty when sound.

    A file SQLite cannot read at all (not a database, malformed beyond checking) is reported as its one problem.
    """
    try:
        conn = open_readonly(path)
        try:
            # Read through a memory map (up to SQLite's 2 GB cap): the check of a million dossiers takes a
            # quarter less time than through the page cache.
            conn.execute("PRAGMA mmap_size = 2147418112")
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def sync_file(path: Path) -> None:
    """Flush a file's content to the disk (a backup must survive a power cut once it has its name)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a rename in ``folder`` to the disk; a no-op where folders cannot be opened (Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some network file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    """Remove a file with its SQLite side files, logging what could not be removed (a vanished USB disk)."""
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        try:
            candidate.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove %s: %s", candidate, exc)


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem + suffix``, or ``stem-2``, ``stem-3``… when that name is taken: never overwrite a copy."""
    candidate = folder / f"{stem}{suffix}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


_SQLITE_REASONS = {
    "SQLITE_FULL": "ổ đĩa đã đầy",
    "SQLITE_READONLY": "không có quyền ghi vào đó",
    "SQLITE_PERM": "không có quyền ghi vào đó",
    "SQLITE_AUTH": "không có quyền ghi vào đó",
    "SQLITE_CANTOPEN": "không mở được tệp ở đó (thư mục không tồn tại hoặc không có quyền)",
    "SQLITE_IOERR": "lỗi đọc/ghi ổ đĩa",
    "SQLITE_CORRUPT": "tệp bị hỏng",
    "SQLITE_NOTADB": "tệp bị hỏng",
    "SQLITE_BUSY": "cơ sở dữ liệu đang bận",
    "SQLITE_LOCKED": "cơ sở dữ liệu đang bận",
}

_OS_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EACCES: "không có quyền ghi vào đó",
    errno.EPERM: "không có quyền ghi vào đó",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "đường dẫn không phải thư mục",
    errno.EIO: "lỗi đọc/ghi ổ đĩa",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _OS_REASONS[errno.EDQUOT] = "ổ đĩa đã đầy (hết hạn mức)"


def sqlite_code(exc: sqlite3.Error) -> str:
    """The primary SQLite result code's name (``SQLITE_IOERR_WRITE`` → ``SQLITE_IOERR``), or "" when unknown."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    parts = name.split("_")
    return "_".join(parts[:2]) if len(parts) > 2 else name


def reason(exc: BaseException) -> str:
    """Why a file operation failed, in a few Vietnamese words."""
    if isinstance(exc, sqlite3.Error):
        found = _SQLITE_REASONS.get(sqlite_code(exc))
        if found:
            return found
        text = str(exc).lower()
        if "full" in text:
            return "ổ đĩa đã đầy"
        if "malformed" in text or "not a database" in text:
            return "tệp bị hỏng"
        return f"lỗi SQLite ({exc})"
    if isinstance(exc, OSError):
        if exc.errno in _OS_REASONS:
            return _OS_REASONS[exc.errno]
        return exc.strerror or str(exc)
    return str(exc)


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed because the file's content is damaged (rather than the disk, the rights, a lock)."""
    if sqlite_code(exc) in {"SQLITE_CORRUPT", "SQLITE_NOTADB"}:
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_busy(exc: sqlite3.Error) -> bool:
    return sqlite_code(exc) in {"SQLITE_BUSY", "SQLITE_LOCKED"} or "locked" in str(exc).lower()


#: A decryption folder older than this was left by a restore that was killed (a 1 GB copy takes seconds; the
#: question "restore?" would not wait this long).
LEFTOVER_AGE_S = 6 * 3600
DECRYPTED_PREFIX = ".giai-ma-"


def remove_leftovers(folder: Path, *, now: float | None = None) -> int:
    """Remove the decryption folders a killed restore left in ``folder`` (plain copies of a backup); how many."""
    limit = (time.time() if now is None else now) - LEFTOVER_AGE_S
    removed = 0
    with contextlib.suppress(OSError):
        for entry in folder.glob(f"{DECRYPTED_PREFIX}*"):
            with contextlib.suppress(OSError):
                if entry.is_dir() and not entry.is_symlink() and entry.stat().st_mtime < limit:
                    shutil.rmtree(entry)
                    removed += 1
    return removed
