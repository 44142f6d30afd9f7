"""Helpers for the backup and restore tests: damaging SQLite files for real, reading them, tiny file systems."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

PAGE = 4096


def flip_middle(path: Path, pages: int = 3) -> None:
    """Invert the bytes of a few whole pages in the middle of the file (headers included: SQLite notices)."""
    data = bytearray(path.read_bytes())
    start = (len(data) // 2) // PAGE * PAGE
    for i in range(start, min(start + pages * PAGE, len(data))):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def read_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchall()


def dossier_codes(path: Path) -> set[str]:
    return {str(row[0]) for row in read_rows(path, "SELECT code FROM dossier")}


def journal_mode(path: Path) -> str:
    return str(read_rows(path, "PRAGMA journal_mode")[0][0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def can_write(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return False
    probe.unlink()
    return True


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A tiny tmpfs mounted on ``folder`` for the block (root only; skips the test otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root here (the CLI test does it in a user namespace)")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs on this machine")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def make_read_only(folder: Path) -> None:
    """Make a mounted tmpfs read-only (root: remount) or a plain folder unwritable (others: chmod)."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    assert not can_write(folder)
