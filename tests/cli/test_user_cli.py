"""`kiosk user`: new accounts must change their password, unlock, reset-password, passwd; a clerk's --user is refused
every admin and supervisor command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.context import open_context
from kiosk.errors import PermissionDenied
from kiosk.paths import Paths
from kiosk.services.users import LOGIN_ATTEMPTS
from tests.cli.conftest import run, with_stdin


def add(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, role: str, *extra: str) -> str:
    with_stdin(monkeypatch, "tam-thoi-2026\n")
    code, out, err = run(capsys, "user", "add", name, "--role", role, *extra)
    assert code == 0, err
    return out


def lock(paths: Paths, name: str) -> None:
    with open_context(paths) as ctx:
        for _ in range(LOGIN_ATTEMPTS):
            with pytest.raises(PermissionDenied):
                ctx.users.authenticate(name, "sai-mat-khau")


def test_the_first_admin_made_at_the_terminal_must_change_its_password(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = add(capsys, monkeypatch, "quantri", "admin", "--full-name", "Nguyễn Thành Quản")
    assert out.splitlines() == [
        "Đã thêm quantri (Nguyễn Thành Quản) – Quản trị.",
        "Người dùng này phải đổi mật khẩu ở lần đăng nhập đầu.",
    ]
    out = add(capsys, monkeypatch, "hoa", "clerk", "--own-password")
    assert "phải đổi" not in out
    with open_context(paths) as ctx:
        assert ctx.users.needs_new_password("quantri") and not ctx.users.needs_new_password("hoa")
    _, out, _ = run(capsys, "user", "list")
    assert any(line.startswith("quantri") and line.endswith("[chờ đổi mật khẩu]") for line in out.splitlines())
    with_stdin(monkeypatch, "matkhau123\n")
    code, _, err = run(capsys, "user", "add", "lan", "--role", "clerk")
    assert code == 2 and "quá phổ biến" in err


def test_unlock_from_the_command_line(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add(capsys, monkeypatch, "lan", "clerk")
    add(capsys, monkeypatch, "hung", "clerk")
    add(capsys, monkeypatch, "minh", "supervisor")
    code, _, err = run(capsys, "user", "unlock", "lan")
    assert code == 2 and err.strip() == "Lỗi: Tài khoản lan không bị khoá."
    lock(paths, "lan")
    lock(paths, "minh")
    _, out, _ = run(capsys, "user", "list")
    assert any(line.startswith("lan") and line.endswith("[ĐÃ KHOÁ]") for line in out.splitlines())
    code, _, err = run(capsys, "user", "unlock", "lan", "--user", "hung")
    assert code == 5 and "Lãnh đạo / giám sát" in err
    code, out, _ = run(capsys, "user", "unlock", "lan", "--user", "minh")  # a supervisor unlocks a clerk
    assert code == 0 and out.strip() == "Đã mở khoá tài khoản lan."
    code, out, _ = run(capsys, "user", "unlock", "minh")  # the command line is an admin
    assert code == 0
    assert run(capsys, "user", "unlock", "khong-co")[0] == 3
    with open_context(paths) as ctx:
        states = ctx.users.account_states()
        assert not states["lan"].locked and not states["minh"].locked
        unlocked = [(e.actor, e.target) for e in reversed(ctx.audit.recent(action="account_unlocked"))]
    assert unlocked == [("minh", "lan"), ("cli", "minh")]


def test_reset_password_and_passwd(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add(capsys, monkeypatch, "lan", "clerk", "--own-password")
    lock(paths, "lan")
    with_stdin(monkeypatch, "quen-mat-khau-1\n")
    code, _, err = run(capsys, "user", "reset-password", "lan", "--user", "lan")
    assert code == 5 and "Quản trị" in err
    with_stdin(monkeypatch, "quen-mat-khau-1\n")
    code, out, _ = run(capsys, "user", "reset-password", "lan")
    assert code == 0 and out.strip().startswith("Đã đặt lại mật khẩu cho lan")
    with open_context(paths) as ctx:
        assert ctx.users.needs_new_password("lan") and not ctx.users.account_states()["lan"].locked
        assert ctx.users.authenticate("lan", "quen-mat-khau-1").username == "lan"

    with_stdin(monkeypatch, "sai-mat-khau\ncua-rieng-toi-1\n")
    code, _, err = run(capsys, "user", "passwd", "lan")
    assert code == 5 and "Sai tên đăng nhập hoặc mật khẩu" in err
    with_stdin(monkeypatch, "quen-mat-khau-1\n0912345678\n")
    code, _, err = run(capsys, "user", "passwd", "lan")
    assert code == 2 and "chỉ gồm chữ số" in err
    with_stdin(monkeypatch, "quen-mat-khau-1\ncua-rieng-toi-1\n")
    code, out, _ = run(capsys, "user", "passwd", "lan")
    assert code == 0 and out.strip() == "Đã đổi mật khẩu của lan."
    with open_context(paths) as ctx:
        assert not ctx.users.needs_new_password("lan")
        assert ctx.users.authenticate("lan", "cua-rieng-toi-1").username == "lan"
        changed = ctx.audit.recent(action="password_changed")
    assert [(e.actor, e.target) for e in changed] == [("lan", "lan")]


def test_a_clerk_is_refused_every_admin_and_supervisor_command(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    add(capsys, monkeypatch, "lan", "clerk")
    add(capsys, monkeypatch, "minh", "supervisor")
    catalog = tmp_path / "danh-muc.csv"
    assert run(capsys, "catalog", "export", str(catalog))[0] == 0
    out_file = str(tmp_path / "bao-cao.csv")
    refused = [
        ("user", "add", "hoa", "--role", "admin"),
        ("user", "reset-password", "minh"),
        ("user", "unlock", "minh"),
        ("user", "pin", "minh"),
        ("catalog", "import", str(catalog)),
        ("report", "daily", "--out", out_file),
        ("report", "period", "--from", "2026-11-01", "--to", "2026-11-25", "--out", out_file),
        ("report", "survey", "--from", "2026-11-01", "--to", "2026-11-25", "--out", out_file),
        ("report", "ledger", "--year", "2026", "--out", out_file),
        ("holidays", "add", "2026-12-31", "--kind", "off", "--note", "Nghỉ"),
        ("holidays", "remove", "2026-01-02"),
    ]
    for argv in refused:
        with_stdin(monkeypatch, "tam-thoi-2027\n")
        code, out, err = run(capsys, *argv, "--user", "lan")
        assert code == 5 and out == "" and err.startswith("Lỗi: "), argv
    assert not Path(out_file).exists()
    with_stdin(monkeypatch, "2580\n")
    code, _, err = run(capsys, "user", "pin", "minh", "--user", "minh")  # one's own PIN is allowed
    assert code == 0, err
    with open_context(paths) as ctx:
        assert ctx.calendar.calendar().is_working_day(date(2026, 12, 31))
        assert not ctx.calendar.calendar().is_working_day(date(2026, 1, 2))  # the seeded day is still there
        assert [u.username for u in ctx.users.all()] == ["cli", "lan", "minh", "system"]
        assert ctx.users.needs_new_password("minh")  # not reset
        assert [e.target for e in ctx.audit.recent(action="pin_set")] == ["minh"]
