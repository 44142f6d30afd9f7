"""A database found damaged is marked with a file beside it; while the mark is there nothing is written to it.

The mark is made when SQLite reports the file malformed (at start-up's check, in the middle of work, or when the
night's backup cannot read it) and removed when a backup is restored over it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path


def marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".damaged")


def mark_damaged(db_path: Path, reason: str) -> None:
    with contextlib.suppress(OSError):  # a disk that cannot take the mark cannot take writes either
        marker(db_path).write_text(reason, encoding="utf-8")


def damage(db_path: Path) -> str | None:
    """Why the database is marked damaged, or None."""
    try:
        return marker(db_path).read_text(encoding="utf-8") or "hỏng"
    except FileNotFoundError:
        return None
    except OSError:
        return "không đọc được dấu hỏng"


def clear_damage(db_path: Path) -> None:
    marker(db_path).unlink(missing_ok=True)


def is_malformed(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text
