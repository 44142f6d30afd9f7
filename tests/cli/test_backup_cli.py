"""`kiosk backup` and `kiosk restore`, run as an admin would, with KIOSK_HOME pointing at a fresh folder; the full
disk is a real 96 KB tmpfs mounted in a user namespace."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.paths import Paths
from kiosk.services.backup_files import integrity_problems
from tests.cli.conftest import register, run, with_stdin
from tests.conftest import SupervisorKey
from tests.sqlite_files import digest, dossier_codes, flip_middle

KIOSK = Path(sys.executable).parent / "kiosk"
OLD = ["kiosk-20201101-210000.sqlite3", "kiosk-20201102-210000.sqlite3", "kiosk-20201110-210000.sqlite3"]
ONLY_TODAY = "[backup]\nkeep_daily = 1\nkeep_weekly = 0\nkeep_monthly = 0\n"


class Terminal(io.StringIO):
    """Standard input as a person at a keyboard types it."""

    def isatty(self) -> bool:
        return True


def plant(folder: Path, files: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        (folder / name).write_bytes(b"an older backup")


def backup(capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(capsys, "backup")
    assert code == 0, err
    return Path(out.splitlines()[0].removeprefix("Đã sao lưu: "))


def test_backup_says_what_it_made(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = register(capsys)
    code, out, err = run(capsys, "backup")
    made = paths.backup_dir / "kiosk-20261125-090000.sqlite3"
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"Đã sao lưu: {made}"
    assert lines[1].startswith("Dung lượng: ") and " KB; thời gian: " in lines[1]
    assert lines[1].endswith(" giây; kiểm tra toàn vẹn: đạt")
    assert lines[2:] == ["Không xoá bản sao lưu cũ nào."]
    assert dossier_codes(made) == {dossier} and integrity_problems(made) == []


def test_backup_to_a_second_folder_and_rotation(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path, supervisor_key: SupervisorKey
) -> None:
    usb = tmp_path / "usb"
    plant(usb, OLD)
    plant(paths.backup_dir, OLD)
    paths.settings_file.write_text(
        f'{ONLY_TODAY}second_dir = "{usb}"\nrecipient = "{supervisor_key.recipient}"\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "backup")
    assert code == 0 and err == ""
    encrypted = usb / "kiosk-20261125-090000.sqlite3.age"
    assert f"Bản sao thứ hai, đã mã hoá: {encrypted} (đọc lại từ ổ đĩa: khớp)" in out
    assert "Đã xoá 6 bản sao lưu cũ theo lịch giữ:" in out
    assert f"  {usb / OLD[0]}" in out and f"  {paths.backup_dir / OLD[0]}" in out
    assert [p.name for p in usb.iterdir()] == [encrypted.name]


def test_a_second_folder_without_a_key_gets_nothing_and_says_which_command_makes_one(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    plant(usb, OLD)
    paths.settings_file.write_text(f'{ONLY_TODAY}second_dir = "{usb}"\n', encoding="utf-8")
    code, out, err = run(capsys, "backup")
    assert code == 0
    assert f"Bản sao thứ hai: KHÔNG CÓ – Chưa chép bản sao lưu sang thư mục thứ hai {usb}: bản sao ra khỏi máy" in out
    assert err.startswith("Cảnh báo: Chưa chép bản sao lưu sang thư mục thứ hai")
    assert "kiosk backup key new --out TỆP_KHOÁ" in err
    assert sorted(p.name for p in usb.iterdir()) == OLD  # nothing written, nothing rotated away
    assert (paths.backup_dir / "kiosk-20261125-090000.sqlite3").is_file()


def test_an_unplugged_second_folder_warns_but_the_backup_is_made(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path, supervisor_key: SupervisorKey
) -> None:
    usb = tmp_path / "usb"
    paths.settings_file.write_text(
        f'[backup]\nsecond_dir = "{usb}"\nrecipient = "{supervisor_key.recipient}"\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "backup")
    assert code == 0
    assert f"Bản sao thứ hai: KHÔNG CÓ – Không chép được bản sao lưu sang thư mục thứ hai {usb}: không thấy" in out
    assert err.startswith("Cảnh báo: Không chép được bản sao lưu sang thư mục thứ hai")
    assert (paths.backup_dir / "kiosk-20261125-090000.sqlite3").is_file()


def test_list_newest_first_even_when_the_database_is_damaged(
    paths: Paths, capsys: pytest.CaptureFixture[str], cli_clock: FixedClock
) -> None:
    register(capsys)
    backup(capsys)
    cli_clock.advance(timedelta(days=1, hours=12))
    backup(capsys)
    plant(paths.backup_dir, ["kiosk-20261101-120000-before-0006.sqlite3"])
    paths.default_database.write_bytes(b"\x00" * 8192)
    assert run(capsys, "dossier", "show", "000.00.10.H15-261120-0001")[0] == 7
    code, out, err = run(capsys, "backup", "--list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"Các bản sao lưu trong {paths.backup_dir} (mới nhất trước):"
    assert lines[1].startswith("  26/11/2026 21:00:00 ") and lines[1].endswith(" kiosk-20261126-210000.sqlite3")
    assert lines[2].startswith("  25/11/2026 09:00:00 ") and lines[2].endswith(" kiosk-20261125-090000.sqlite3")
    assert lines[3].startswith("Bản sao khác (trước khi nâng cấp, trước khi khôi phục")
    assert lines[4].endswith("kiosk-20261101-120000-before-0006.sqlite3")


def test_list_with_no_backups(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "backup", "--list")
    assert code == 0 and out == f"Chưa có bản sao lưu hằng đêm nào trong {paths.backup_dir}.\n"
    assert not paths.default_database.exists()  # listing opens no database


def test_restore_round_trip(paths: Paths, capsys: pytest.CaptureFixture[str], cli_clock: FixedClock) -> None:
    first = register(capsys)
    made = backup(capsys)
    second = register(capsys)
    code, out, err = run(capsys, "restore", str(made), "--yes")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Đã khôi phục cơ sở dữ liệu {paths.default_database} từ {made}."
    assert lines[1].startswith(f"Cơ sở dữ liệu trước khi khôi phục được giữ tại: {paths.backup_dir}/")
    previous = Path(lines[1].split(": ", 1)[1])
    assert previous.name.startswith("kiosk-before-restore-") and dossier_codes(previous) == {first, second}
    assert lines[2].startswith("Lược đồ: ") and lines[3] == "Số hồ sơ: 1."
    assert run(capsys, "dossier", "show", first)[0] == 0
    code, _, err = run(capsys, "dossier", "show", second)
    assert code == 3


def test_restore_asks_at_a_terminal(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = register(capsys)
    made = backup(capsys)
    register(capsys)
    before = digest(paths.default_database)
    monkeypatch.setattr(sys, "stdin", Terminal("thôi\n"))
    code, out, _ = run(capsys, "restore", str(made))
    assert code == 1 and "Gõ CÓ để tiếp tục: " in out and out.endswith("Đã huỷ; cơ sở dữ liệu không thay đổi.\n")
    assert f"Khôi phục từ {made} (" in out and "1 hồ sơ" in out
    assert digest(paths.default_database) == before
    monkeypatch.setattr(sys, "stdin", Terminal("CÓ\n"))
    code, out, _ = run(capsys, "restore", str(made))
    assert code == 0 and "Số hồ sơ: 1." in out
    assert dossier_codes(paths.default_database) == {first}


def test_restore_without_a_terminal_needs_yes(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    register(capsys)
    made = backup(capsys)
    register(capsys)
    before = digest(paths.default_database)
    with_stdin(monkeypatch, "CÓ\n")
    code, _, err = run(capsys, "restore", str(made))
    assert code == 2 and "Thêm --yes để xác nhận." in err
    assert digest(paths.default_database) == before


def test_restore_is_refused_while_the_database_is_open(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    register(capsys)
    made = backup(capsys)
    other = sqlite3.connect(paths.default_database, isolation_level=None)
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM dossier").fetchone()
        code, _, err = run(capsys, "restore", str(made), "--yes")
    finally:
        other.close()
    assert code == 7 and err.strip().endswith("Hãy đóng phần mềm kiosk trên máy này rồi thử lại.")
    assert not list(paths.backup_dir.glob("kiosk-before-restore-*"))


def test_restore_refuses_a_damaged_or_missing_file(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    register(capsys)
    made = backup(capsys)
    before = digest(paths.default_database)
    flip_middle(made)
    code, _, err = run(capsys, "restore", str(made), "--yes")
    assert code == 2 and f"Lỗi: Tệp {made} bị hỏng, không dùng để khôi phục được" in err
    code, _, err = run(capsys, "restore", str(made.with_name("khong-co.sqlite3")), "--yes")
    assert code == 2 and "Không có tệp" in err
    assert digest(paths.default_database) == before
    assert "Traceback" not in err


def test_restore_replaces_a_database_the_kiosk_cannot_open(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    first = register(capsys)
    made = backup(capsys)
    paths.default_database.write_bytes(b"\x00garbage" * 2000)
    assert run(capsys, "dossier", "show", first)[0] == 7
    code, out, err = run(capsys, "restore", str(made), "--yes")
    assert code == 0, err
    assert "Cơ sở dữ liệu cũ không đọc được; đã chép nguyên tệp" in out
    assert run(capsys, "dossier", "show", first)[0] == 0


def test_an_unexpected_failure_in_a_bare_command_is_logged_not_shown(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    register(capsys)
    made = backup(capsys)

    def boom(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("kiosk.cli.backup_cmds.restore", boom)
    code, _, err = run(capsys, "restore", str(made), "--yes")
    assert code == 70 and "Lỗi không mong muốn" in err and "Traceback" not in err


def _user_namespaces_work(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    script = 'mount -t tmpfs -o size=16k tmpfs "$1"'
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(probe)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


FULL_DISK_SCRIPT = """
mount -t tmpfs -o size=96k tmpfs "$KIOSK_HOME/backups" || exit 99
for name in {old}; do printf 'an older backup' > "$KIOSK_HOME/backups/$name"; done
"$1" backup
code=$?
echo "--- files"
ls -A "$KIOSK_HOME/backups"
exit $code
"""


def test_a_full_disk_fails_cleanly_then_a_backup_to_a_normal_folder_works(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if not _user_namespaces_work(tmp_path):
        pytest.skip("unshare --user --mount with a tmpfs is not allowed here")
    first = register(capsys)
    paths.settings_file.write_text(ONLY_TODAY, encoding="utf-8")  # a success would rotate the old ones away
    before = digest(paths.default_database)
    script = FULL_DISK_SCRIPT.format(old=" ".join(OLD))
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(KIOSK)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 7, done.stderr
    assert done.stderr.startswith(f"Lỗi: Không sao lưu được vào thư mục {paths.backup_dir}: ổ đĩa đã đầy.")
    assert "Cơ sở dữ liệu không bị ảnh hưởng; các bản sao lưu cũ vẫn còn nguyên." in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.split("--- files\n")[1].split() == OLD  # no .partial; nothing rotated away
    assert digest(paths.default_database) == before
    assert integrity_problems(paths.default_database) == []
    assert run(capsys, "dossier", "show", first)[0] == 0
    made = backup(capsys)  # the same folder, back on the real disk outside the namespace
    assert made.parent == paths.backup_dir and dossier_codes(made) == {first}
