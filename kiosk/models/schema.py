"""The schema revision this code expects, and a cheap look at the revision a database file holds.

Start-up compares the two with plain sqlite3 and imports Alembic only when they differ, so an up-to-date
database costs a single query. A test keeps ``SCHEMA_REVISION`` equal to the newest migration.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

SCHEMA_REVISION = "0011"


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, or None for a new or empty database."""
    if not path.exists():
        return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return None if row is None else str(row[0])


def is_current(path: Path) -> bool:
    try:
        return stored_revision(path) == SCHEMA_REVISION
    except sqlite3.DatabaseError:
        return False  # let the migration path report the problem with a proper message
