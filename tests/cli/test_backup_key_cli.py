"""`kiosk backup key new|show` and `kiosk restore FILE.age --key KEYFILE`, with real keys and real backups: only a
supervisor or an admin makes keys and restores; the passphrase is typed (here: the first line of stdin) and never
stored; a wrong passphrase, a wrong key or a damaged copy changes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pyrage import x25519

from kiosk.config import load_settings
from kiosk.paths import Paths
from kiosk.services.backup_keys import load_identity
from tests.cli.conftest import register, run, with_stdin
from tests.conftest import SupervisorKey
from tests.sqlite_files import digest, dossier_codes

PASSPHRASE = "Hoa ban trắng nở khắp đồi"
AGE_COPY = "kiosk-20261125-090000.sqlite3.age"


def add_user(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, role: str) -> None:
    with_stdin(monkeypatch, "mat-khau-rieng-2026\n")
    code, _, err = run(capsys, "user", "add", name, "--role", role, "--own-password")
    assert code == 0, err


def audit(paths: Paths, action: str) -> list[tuple[str, str, str]]:
    """The audit log's entries of one kind: who, on what, with which details (JSON)."""
    with closing(sqlite3.connect(f"{paths.default_database.as_uri()}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT actor, target, details FROM audit_log WHERE action = ? ORDER BY seq", (action,)
        ).fetchall()
    return [(str(a), str(t), str(d)) for a, t, d in rows]


def give_key(paths: Paths, usb: Path, key: SupervisorKey) -> None:
    """Settings as ``kiosk backup key new`` leaves them, with the session's key."""
    usb.mkdir(exist_ok=True)
    paths.settings_file.write_text(f'[backup]\nsecond_dir = "{usb}"\nrecipient = "{key.recipient}"\n', encoding="utf-8")


def encrypted_backup(capsys: pytest.CaptureFixture[str], usb: Path) -> Path:
    code, out, err = run(capsys, "backup")
    assert code == 0 and err == "", err
    copy = usb / AGE_COPY
    assert f"Bản sao thứ hai, đã mã hoá: {copy}" in out
    return copy


def no_decrypted_copy_left(paths: Paths) -> bool:
    return not [p for p in paths.data_dir.iterdir() if p.name.startswith(".giai-ma-")]


def test_a_supervisor_makes_a_key_the_settings_get_its_public_half_and_the_log_says_so(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    add_user(capsys, monkeypatch, "minh", "supervisor")
    usb = tmp_path / "usb-cua-minh"
    usb.mkdir()
    key_file = usb / "khoa-sao-luu.age"
    with_stdin(monkeypatch, f"{PASSPHRASE}\n")
    code, out, err = run(capsys, "backup", "key", "new", "--out", str(key_file), "--user", "minh")
    assert code == 0, err
    recipient = load_settings(paths).backup.recipient
    assert recipient.startswith("age1")
    lines = out.splitlines()
    assert lines[0] == f"Đã tạo khoá và ghi tệp khoá: {key_file}"
    assert lines[1] == f"Khoá công khai (đã lưu vào cài đặt): {recipient}"
    assert "Hãy cất tệp khoá và mật khẩu ở nơi khác, ngoài máy này" in out
    assert "Khoá cũ" not in out
    assert str(load_identity(key_file, PASSPHRASE).to_public()) == recipient
    assert audit(paths, "backup_key_created") == [("minh", recipient, '{"replaced": null}')]
    assert [actor for actor, _, _ in audit(paths, "settings_changed")] == ["minh"]
    for folder in (paths.data_dir, paths.config_dir, paths.backup_dir, paths.log_dir):
        for file in folder.rglob("*"):  # the passphrase and the private key stay off the PC
            if file.is_file():
                data = file.read_bytes()
                assert PASSPHRASE.encode() not in data and b"AGE-SECRET-KEY" not in data, file

    code, out, _ = run(capsys, "backup", "key", "show")
    assert code == 0 and out == f"Bản sao ở thư mục thứ hai được mã hoá bằng khoá: {recipient}\n" + (
        "(Chưa cài đặt thư mục thứ hai: chưa có bản sao nào ra khỏi máy.)\n"
    )

    with_stdin(monkeypatch, f"{PASSPHRASE} mới\n")  # a new key (the admin of the command line): the old one noted
    code, out, err = run(capsys, "backup", "key", "new", "--out", str(usb / "khoa-moi.age"))
    assert code == 0, err
    newer = load_settings(paths).backup.recipient
    assert newer != recipient
    assert f"Khoá cũ ({recipient}) vẫn cần để mở các bản sao mã hoá trước hôm nay" in out
    assert audit(paths, "backup_key_created")[1] == ("cli", newer, f'{{"replaced": "{recipient}"}}')


def test_who_may_make_a_key_and_where_it_may_go(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    register(capsys)
    add_user(capsys, monkeypatch, "lan", "clerk")
    usb = tmp_path / "usb"
    usb.mkdir()
    before = paths.settings_file.read_bytes() if paths.settings_file.exists() else None
    out_file = usb / "khoa.age"
    with_stdin(monkeypatch, f"{PASSPHRASE}\n")
    code, _, err = run(capsys, "backup", "key", "new", "--out", str(out_file), "--user", "lan")
    assert code == 5 and "Việc này cần quyền «Lãnh đạo / giám sát»; tài khoản lan không có quyền đó." in err
    (usb / "co-san.age").write_bytes(b"a key made last year")
    refusals = [
        (str(usb / "co-san.age"), PASSPHRASE, "Đã có tệp"),
        (str(paths.data_dir / "khoa.age"), PASSPHRASE, "Không để tệp khoá trong"),
        (str(paths.backup_dir / "khoa.age"), PASSPHRASE, "Không để tệp khoá trong"),
        (str(tmp_path / "chua-cam" / "khoa.age"), PASSPHRASE, "Không có thư mục"),
        (str(out_file), "ngắn quá", "Mật khẩu của khoá cần ít nhất 10 ký tự"),
    ]
    for place, passphrase, message in refusals:
        with_stdin(monkeypatch, f"{passphrase}\n")
        code, _, err = run(capsys, "backup", "key", "new", "--out", place)
        assert code == 2 and message in err and "Traceback" not in err, err
    assert (usb / "co-san.age").read_bytes() == b"a key made last year"
    assert sorted(p.name for p in usb.iterdir()) == ["co-san.age"]
    assert not list(paths.data_dir.glob("khoa*")) and not list(paths.backup_dir.glob("khoa*"))
    after = paths.settings_file.read_bytes() if paths.settings_file.exists() else None
    assert after == before and audit(paths, "backup_key_created") == []


def test_show_without_a_key(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "backup", "key", "show")
    assert code == 0 and out.splitlines() == [
        "Chưa có khoá mã hoá bản sao lưu.",
        "Khi cài đặt thư mục thứ hai, lãnh đạo cần tạo khoá trước: kiosk backup key new --out TỆP_KHOÁ",
    ]
    paths.settings_file.write_text(f'[backup]\nsecond_dir = "{tmp_path}"\n', encoding="utf-8")
    code, out, _ = run(capsys, "backup", "key", "show")
    assert out.splitlines()[1] == (
        f"Vì vậy chưa có bản sao nào được ghi vào thư mục thứ hai {tmp_path}. "
        "Lãnh đạo hãy tạo khoá: kiosk backup key new --out TỆP_KHOÁ"
    )
    assert not paths.default_database.exists()  # showing opens no database


def test_restore_from_an_encrypted_copy_with_the_key_file(
    paths: Paths,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    supervisor_key: SupervisorKey,
) -> None:
    usb = tmp_path / "usb"
    give_key(paths, usb, supervisor_key)
    first = register(capsys)
    add_user(capsys, monkeypatch, "minh", "supervisor")
    copy = encrypted_backup(capsys, usb)
    second = register(capsys)
    with_stdin(monkeypatch, f"{supervisor_key.passphrase}\n")
    code, out, err = run(
        capsys, "restore", str(copy), "--key", str(supervisor_key.file), "--yes", "--user", "minh"
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Đã khôi phục cơ sở dữ liệu {paths.default_database} từ {copy}."
    previous = Path(lines[1].split(": ", 1)[1])
    assert dossier_codes(previous) == {first, second}
    assert dossier_codes(paths.default_database) == {first}
    (entry,) = audit(paths, "restore")
    assert entry[0] == "minh" and entry[1] == AGE_COPY and '"encrypted": true' in entry[2]
    assert no_decrypted_copy_left(paths)
    assert run(capsys, "dossier", "show", second)[0] == 3


def test_an_encrypted_copy_is_refused_without_the_right_key_and_passphrase(
    paths: Paths,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    supervisor_key: SupervisorKey,
) -> None:
    usb = tmp_path / "usb"
    give_key(paths, usb, supervisor_key)
    register(capsys)
    copy = encrypted_backup(capsys, usb)
    register(capsys)
    before = digest(paths.default_database)
    other_key = tmp_path / "khoa-khac.txt"  # a plain age identity file: opens without a passphrase
    other_key.write_text(f"{x25519.Identity.generate()}\n", encoding="utf-8")
    cut = usb / "kiosk-20261124-090000.sqlite3.age"
    cut.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])
    plain = paths.backup_dir / "kiosk-20261125-090000.sqlite3"
    key = str(supervisor_key.file)
    cases = [
        (["restore", str(copy), "--yes"], "", f"Tệp {copy} là bản sao lưu đã mã hoá: cần tệp khoá của lãnh đạo."),
        (["restore", str(copy), "--key", key, "--yes"], "sai mật khẩu rồi\n", "Sai mật khẩu của khoá"),
        (["restore", str(copy), "--key", str(other_key), "--yes"], "", "Khoá này không mở được bản sao lưu này"),
        (["restore", str(cut), "--key", key, "--yes"], f"{supervisor_key.passphrase}\n", "bị hỏng hoặc chưa chép hết"),
        (["restore", str(plain), "--key", key, "--yes"], "", "không được mã hoá: bỏ --key"),
        (["restore", str(copy), "--key", str(copy), "--yes"], "x\n", "không phải tệp khoá sao lưu"),
        (["restore", str(copy), "--key", str(tmp_path / "khong-co.age"), "--yes"], "", "Không có tệp khoá"),
    ]
    for argv, stdin, message in cases:
        with_stdin(monkeypatch, stdin)
        code, _, err = run(capsys, *argv)
        assert code == 2 and message in err and "Traceback" not in err, (argv, err)
        assert digest(paths.default_database) == before
        assert no_decrypted_copy_left(paths)
    assert not list(paths.backup_dir.glob("kiosk-before-restore-*"))


def test_a_clerk_cannot_restore(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    register(capsys)
    add_user(capsys, monkeypatch, "lan", "clerk")
    code, out, err = run(capsys, "backup")
    made = Path(out.splitlines()[0].removeprefix("Đã sao lưu: "))
    register(capsys)
    before = digest(paths.default_database)
    code, _, err = run(capsys, "restore", str(made), "--yes", "--user", "lan")
    assert code == 5 and "Việc này cần quyền «Lãnh đạo / giám sát»; tài khoản lan không có quyền đó." in err
    code, _, err = run(capsys, "restore", str(made), "--yes", "--user", "ai-do")
    assert code == 3 and "Không có người dùng «ai-do»." in err
    assert digest(paths.default_database) == before and audit(paths, "restore") == []
    paths.default_database.write_bytes(b"\x00" * 8192)  # a damaged database: the role cannot be read
    code, _, err = run(capsys, "restore", str(made), "--yes", "--user", "lan")
    assert code == 5 and "bỏ --user để khôi phục bằng tài khoản quản trị của dòng lệnh" in err


def test_the_list_marks_plain_copies_left_in_the_second_folder(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path, supervisor_key: SupervisorKey
) -> None:
    usb = tmp_path / "usb"
    give_key(paths, usb, supervisor_key)
    register(capsys)
    (usb / "kiosk-20261101-210000.sqlite3").write_bytes(b"SQLite format 3\x00 from an older version")
    encrypted_backup(capsys, usb)
    code, out, _ = run(capsys, "backup", "--list")
    assert code == 0
    listed = [line for line in out.splitlines() if "kiosk-2026" in line and str(usb) not in line]
    assert listed[-2].endswith(AGE_COPY)
    assert listed[-1].endswith("kiosk-20261101-210000.sqlite3  (KHÔNG mã hoá: bản chép từ phiên bản cũ)")
