"""`kiosk central …` and `kiosk sync` as the Department's administrator and the OS scheduler run them."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from kiosk.models.central.tables import CENTRAL_REVISION, metadata
from kiosk.models.sync import SYNCED_TABLES
from kiosk.paths import Paths
from kiosk.services.sync.central import central_url as driver_url
from tests.cli.conftest import cli_clock, run  # noqa: F401 - cli_clock: the commands' fixed clock

pytestmark = pytest.mark.usefixtures("cli_clock")


def test_init_creates_the_schema_with_row_level_security_and_is_safe_to_repeat(
    empty_central: str, capsys: pytest.CaptureFixture[str], paths: Paths
) -> None:
    code, out, err = run(capsys, "central", "init", "--url", empty_central)
    assert (code, err) == (0, "")
    assert f"Đã tạo lược đồ trung tâm ({CENTRAL_REVISION})" in out
    with psycopg.connect(empty_central) as conn:
        secured = {
            name for name, on in conn.execute("SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r'") if on
        }
    assert set(SYNCED_TABLES) | {"station"} <= secured

    code, out, _ = run(capsys, "central", "init", "--url", empty_central)
    assert code == 0 and "đã ở lược đồ mới nhất" in out

    engine = create_engine(driver_url(empty_central))
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()


def test_a_station_registered_syncs_from_the_command_line_and_verifies(
    central_url: str, capsys: pytest.CaptureFixture[str], paths: Paths, demo_db: Path
) -> None:
    code, out, err = run(capsys, "central", "add-station", "Quầy CLI thử", "--url", central_url)
    assert code == 0, err
    url = re.search(r'^url = "(.*)"$', out, re.M)
    assert url is not None and "Mật khẩu:" in out
    paths.default_database.write_bytes(demo_db.read_bytes())
    paths.settings_file.write_text(f'[sync]\nurl = "{url.group(1)}"\nsslmode = "disable"\n', encoding="utf-8")

    code, out, err = run(capsys, "sync", "--status")
    assert code == 0
    assert "Lần đồng bộ thành công gần nhất: chưa có" in out
    waiting = int(re.search(r"Dòng đang chờ gửi: (\d+)", out).group(1))  # type: ignore[union-attr]
    assert waiting > 0
    assert url.group(1).split(":")[2].split("@")[0] not in out  # the password is never shown

    code, out, err = run(capsys, "sync")
    assert (code, err) == (0, "")
    assert f"gửi {waiting} dòng" in out

    code, out, _ = run(capsys, "sync", "--status")
    assert "Lần đồng bộ thành công gần nhất: 09:00 25/11/2026" in out and "Dòng đang chờ gửi: 0" in out
    code, out, _ = run(capsys, "sync", "--verify")
    assert code == 0 and out.startswith("Khớp:")

    with psycopg.connect(central_url, autocommit=True) as owner:
        day = owner.execute(
            "DELETE FROM dossier_event WHERE id = (SELECT id FROM dossier_event ORDER BY at LIMIT 1) RETURNING at::date"
        ).fetchone()[0]  # type: ignore[index]
        owner.execute(
            "UPDATE dossier SET state = CASE state WHEN 'closed' THEN 'returned' ELSE 'closed' END "
            "WHERE id = (SELECT id FROM dossier ORDER BY code LIMIT 1)"
        )
    code, out, _ = run(capsys, "sync", "--verify")
    assert code == 1
    assert f"bước xử lý hồ sơ, ngày {day:%d/%m/%Y}: trên máy" in out
    assert "hồ sơ, ngày" in out and "cùng" in out and "nội dung khác nhau" in out

    code, out, _ = run(capsys, "central", "stations", "--url", central_url)
    assert code == 0 and "Quầy CLI thử" in out


def test_sync_without_a_central_server_says_so(capsys: pytest.CaptureFixture[str], paths: Paths) -> None:
    code, out, _ = run(capsys, "sync")
    assert code == 0 and "Chưa cài đặt máy chủ trung tâm" in out


def test_status_after_a_failed_attempt_says_when_and_why(capsys: pytest.CaptureFixture[str], paths: Paths) -> None:
    paths.settings_file.write_text(
        '[sync]\nurl = "postgresql://kiosk_nobody@127.0.0.1:1/x"\nsslmode = "disable"\nconnect_timeout_s = 2\n',
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "sync")
    assert code == 9 and err.startswith("Lỗi: Không kết nối được máy chủ trung tâm 127.0.0.1:1")
    code, out, _ = run(capsys, "sync", "--status")
    assert "Lần đồng bộ thành công gần nhất: chưa có" in out
    assert "Lần thử gần nhất (không thành công): 09:00 25/11/2026" in out
    assert "Lỗi gần nhất: Không kết nối được máy chủ trung tâm" in out
