"""`kiosk due` and `kiosk holidays`, run as a user would, with KIOSK_HOME pointing at a fresh folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.paths import Paths
from kiosk.services.calendar import CalendarService
from tests.cli.conftest import run


def test_due_prints_the_date_then_the_explanation(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "due", "--days", "5", "--received", "2026-11-20 15:00")
    assert code == 0 and err == ""
    assert out.splitlines() == ["2026-11-30", "5 ngày làm việc; không tính 24/11 – Ngày Văn hóa Việt Nam"]


def test_due_after_the_cutoff(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "--days", "5", "--received", "2026-11-20 15:01")
    assert code == 0 and out.splitlines()[0] == "2026-12-01"


def test_due_same_day_and_vietnamese_date_format(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "--days", "0", "--received", "25/11/2026 09:30")
    assert code == 0 and out.splitlines() == ["2026-11-25", "Trả trong ngày"]


def test_due_respects_the_settings_file(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    paths.settings_file.write_text("[calendar]\ncutoff_enabled = false\n", encoding="utf-8")
    code, out, _ = run(capsys, "due", "--days", "5", "--received", "2026-11-20 16:45")
    assert code == 0 and out.splitlines()[0] == "2026-11-30"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due", "--days", "abc"], "«abc» không phải số nguyên"),
        (["due", "--days", "-3"], "nằm ngoài khoảng"),
        (["due", "--days", "5", "--received", "2026-02-30 10:00"], "không phải thời điểm hợp lệ"),
        (["due"], "cần một trong các tham số: --days --procedure"),
        (["holidays", "add", "2026-12-31"], "thiếu tham số bắt buộc: --kind"),
        (["holidays", "add", "2026-12-31", "--kind", "party"], "lựa chọn"),
        (["holidays", "list", "--year", "năm"], "không phải năm hợp lệ"),
        (["nonsense"], "lựa chọn"),
    ],
)
def test_bad_arguments_get_a_vietnamese_message(
    paths: Paths, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "Cách dùng:" in err and message in err


def test_holidays_add_list_remove(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holidays", "add", "2026-12-31", "--kind", "off", "--note", "Nghỉ theo QĐ 12/QĐ-UBND")
    assert code == 0 and "2026-12-31" in out and "Nghỉ theo QĐ 12/QĐ-UBND" in out
    code, out, _ = run(capsys, "holidays", "list", "--year", "2026")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Lịch năm 2026")
    assert any(line.startswith("2026-12-31") and "(quản trị)" in line for line in lines)
    assert any(line.startswith("2026-01-10") and "làm việc" in line for line in lines)  # the seeded swap
    assert any(line.startswith("2026-11-24") and "Ngày Văn hóa Việt Nam" in line for line in lines)
    code, out, _ = run(capsys, "due", "--days", "1", "--received", "2026-12-30 09:00")
    assert out.splitlines()[0] == "2027-01-04"
    code, out, _ = run(capsys, "holidays", "remove", "2026-12-31")
    assert code == 0 and "ngày bình thường" in out
    code, out, _ = run(capsys, "due", "--days", "1", "--received", "2026-12-30 09:00")
    assert out.splitlines()[0] == "2026-12-31"


def test_holiday_overlay_can_repair_a_package_holiday(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "holidays", "add", "2026-11-24", "--kind", "working", "--note", "Làm việc bình thường")
    code, out, _ = run(capsys, "due", "--days", "1", "--received", "2026-11-23 09:00")
    assert code == 0 and out.splitlines()[0] == "2026-11-24"


def test_removing_an_unknown_day_says_so(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "holidays", "remove", "2026-07-07")
    assert code == 3 and out == ""
    assert err.strip() == "Lỗi: Ngày 07/07/2026 không có trong danh sách điều chỉnh lịch."


def test_year_out_of_range(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "holidays", "list", "--year", "1890")
    assert code == 2 and "Năm phải trong khoảng" in err


def test_broken_settings_file_gives_message_not_traceback(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    paths.settings_file.write_text("[calendar]\ncutoff_time = 'late'\n", encoding="utf-8")
    code, _, err = run(capsys, "due", "--days", "1")
    assert code == 6 and err.startswith("Lỗi: Tệp cài đặt") and "Traceback" not in err


def test_unexpected_errors_are_logged_not_shown(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(CalendarService, "year", broken)
    code, _, err = run(capsys, "holidays", "list", "--year", "2026")
    assert code == 70 and "Lỗi không mong muốn" in err and "Traceback" not in err
    log = (paths.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: boom" in log


def _run_entry(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_HOME": str(home)}
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)


def test_python_dash_m_and_the_kiosk_script(tmp_path: Path) -> None:
    by_module = _run_entry(
        [sys.executable, "-m", "kiosk", "due", "--days", "5", "--received", "2026-11-20 10:00"], tmp_path
    )
    assert by_module.returncode == 0 and by_module.stdout.splitlines()[0] == "2026-11-30"
    script = Path(sys.executable).parent / "kiosk"
    by_script = _run_entry([str(script), "due", "--days", "abc"], tmp_path)
    assert by_script.returncode == 2 and "không phải số nguyên" in by_script.stderr
    assert "Traceback" not in by_script.stderr


def test_the_launcher_runs_the_command_and_resumes_collection(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from kiosk.launcher import run as launch

    monkeypatch.setattr(sys, "argv", ["kiosk", "due", "--days", "1", "--received", "2026-11-23 09:00"])
    try:
        assert launch() == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out.splitlines()[0] == "2026-11-25"
