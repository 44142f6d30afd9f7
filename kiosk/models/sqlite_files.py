"""Whole-file operations on SQLite databases: online backup and integrity check."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def backup_file(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` with SQLite's online backup API (consistent even while others write)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(tmp)) as dst:
        src.backup(dst)
    tmp.replace(target)
    return target


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` reports; an empty list means the file is sound."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return count > 0
