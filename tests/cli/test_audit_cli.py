"""`kiosk audit verify | list`, and the restore that the restored database's log remembers."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.paths import Paths
from tests.cli.conftest import register, run


def test_verify_passes_then_finds_a_deleted_entry(
    capsys: pytest.CaptureFixture[str], paths: Paths, tmp_path: Path
) -> None:
    register(capsys)
    assert run(capsys, "report", "ledger", "--year", "2026", "--out", str(tmp_path / "so.csv"))[0] == 0
    assert run(capsys, "backup")[0] == 0
    backup = sorted(paths.backup_dir.glob("kiosk-2*.sqlite3"))[-1]
    assert run(capsys, "restore", str(backup), "--yes")[0] == 0
    code, out, _ = run(capsys, "audit", "verify")
    assert (code, out) == (0, "Nhật ký nguyên vẹn: 2 mục, chuỗi mã băm khớp từ đầu đến cuối.\n")
    code, out, _ = run(capsys, "audit", "list")
    first, last = out.strip().splitlines()
    assert " export " in first and "so-theo-doi-ho-so-2026" in first
    assert " cli " in last and " restore " in last and backup.name in last

    with closing(sqlite3.connect(paths.default_database)) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE seq = 1")
        conn.commit()
    code, out, _ = run(capsys, "audit", "verify")
    assert code == 1
    assert out.splitlines()[1:] == ["  Thiếu mục số 1 của nhật ký: đã bị xoá."]
