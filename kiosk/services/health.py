"""Is the database sound? A check soon after start (and on demand): a damaged file is marked, so nothing more is
written to it, and the last good backup is named for the restore."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kiosk.models.damage import damage, mark_damaged
from kiosk.services.backup_files import integrity_problems
from kiosk.services.backups import BackupInfo, BackupService


@dataclass(frozen=True)
class Health:
    problems: list[str]
    last_good: BackupInfo | None = None

    @property
    def sound(self) -> bool:
        return not self.problems

    def advice(self) -> str:
        where = (
            f"Bản sao lưu tốt gần nhất: {self.last_good.path} ({self.last_good.taken_at:%H:%M %d/%m/%Y}). "
            f'Đóng phần mềm rồi chạy: kiosk restore "{self.last_good.path}"'
            if self.last_good
            else "Không tìm thấy bản sao lưu tốt nào trong thư mục sao lưu: hãy báo quản trị viên ngay."
        )
        return (
            f"Cơ sở dữ liệu bị hỏng ({self.problems[0]}). Phần mềm chỉ cho xem, không ghi thêm để khỏi mất thêm dữ "
            f"liệu. {where}"
        )


def quick_problems(db_path: Path) -> list[str]:
    """``PRAGMA quick_check``: the structure of every page, without matching each index to its table (minutes
    faster than integrity_check on a large file)."""
    try:
        with closing(sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            conn.execute("PRAGMA mmap_size = 2147418112")
            rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def check_database(db_path: Path, backups: BackupService) -> Health:
    """Check the file; when damaged (now, or marked before), mark it and find the newest backup that is sound."""
    problems = quick_problems(db_path)
    marked = damage(db_path)
    if problems:
        mark_damaged(db_path, problems[0])
    elif marked is not None:
        problems = [marked]
    if not problems:
        return Health([])
    return Health(problems, last_good(backups))


def last_good(backups: BackupService) -> BackupInfo | None:
    for info in backups.list():
        if not integrity_problems(info.path):
            return info
    return None
