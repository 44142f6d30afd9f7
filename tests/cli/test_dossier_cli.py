"""The catalog, dossier, user and demo commands, run as an admin or supervisor would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.paths import Paths
from tests.cli.conftest import register, run, with_stdin
from tests.helpers import local


def test_catalog_list_json_and_search(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "list", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 20
    copy = next(i for i in items if i["code"] == "1.010020")
    assert copy["name"] == "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc" and copy["processing_days"] == 0
    code, out, _ = run(capsys, "catalog", "list", "--search", "cap ban sao", "--json")
    assert [i["code"] for i in json.loads(out)] == ["1.010020"]
    code, out, _ = run(capsys, "catalog", "list", "--search", "chuyen truong")
    assert code == 0 and "Học bạ (bản chính)" in out and out.strip().endswith("2 thủ tục.")


def test_catalog_export_import_round_trip(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "danh-muc.csv"
    code, out, _ = run(capsys, "catalog", "export", str(target))
    assert code == 0 and "20 thủ tục" in out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b'"1.010020"' in raw
    row = '"2.001914","2.001914","Chỉnh sửa nội dung văn bằng, chứng chỉ","Văn bằng, chứng chỉ","province",'
    edited = raw.decode("utf-8-sig").replace(row + '"working_days","5",""', row + '"working_days","5","3"')
    target.write_text(edited, encoding="utf-8-sig", newline="")
    code, out, _ = run(capsys, "catalog", "import", str(target))
    assert code == 0 and out.strip() == "Đã nhập 20 thủ tục: 0 mới, 1 cập nhật, 19 không đổi."
    code, out, _ = run(capsys, "due", "--procedure", "2.001914", "--received", "2026-11-25 09:00")
    assert out.splitlines()[0] == "2026-11-30"


def test_catalog_import_of_a_bad_file_changes_nothing(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,field,legal_days\nDP-0900,Thủ tục A,Khác,3\nDP-0901,Thủ tục B,Khác,ba\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "catalog", "import", str(bad))
    assert code == 2 and "Dòng 3: legal_days phải là số nguyên" in err
    code, out, _ = run(capsys, "catalog", "list", "--search", "thu tuc a", "--json")
    assert json.loads(out) == []
    code, _, err = run(capsys, "catalog", "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "Không đọc được tệp" in err


def test_due_for_procedures(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "--procedure", "1.010020", "--received", "2026-11-20 15:30")
    assert out.splitlines() == [
        "2026-11-23",
        "Trả trong ngày làm việc tiếp theo, thứ Hai 23/11/2026 (nhận sau 15:00 ngày 20/11)",
    ]
    code, _, err = run(capsys, "due", "--procedure", "9.9", "--received", "2026-11-20 15:30")
    assert code == 3 and "Không có thủ tục" in err


def test_register_show_and_move_through_the_life(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = register(capsys, "--id-number", "067090012345", "--vneid")
    assert dossier == "000.00.10.H15-261120-0001"
    code, out, _ = run(capsys, "dossier", "show", dossier, "--json")
    data = json.loads(out)
    assert data["state"] == "received" and data["national_status"] == 2 and data["due_date"] == "2026-11-30"
    assert data["applicant"]["vneid_checked"] is True and data["clerk_username"] == "cli"
    assert data["events"][0]["username"] == "cli"
    steps = [
        ("--to", "in_process", "--office", "Phòng Khảo thí và Quản lý chất lượng"),
        ("--to", "supplement_requested", "--reason", "Thiếu căn cứ", "--missing", "Giấy khai sinh", "--missing", "Ảnh"),
        ("--to", "in_process"),
        ("--to", "result_ready", "--outcome", "approved"),
        ("--to", "returned", "--collector", "Lê Thị Bích"),
    ]
    for step in steps:
        code, out, err = run(capsys, "dossier", "move", dossier, *step)
        assert code == 0, err
    assert "Đã trả kết quả" in out
    code, out, _ = run(capsys, "dossier", "show", dossier)
    assert "Trạng thái:      Đã trả kết quả (mã quốc gia 10: Đã trả kết quả)" in out
    assert "Nhận hồ sơ bổ sung (cli)" in out and "Trả kết quả (cli)" in out
    code, _, err = run(capsys, "dossier", "move", dossier, "--to", "received")
    assert code == 4 and "Không thể chuyển hồ sơ" in err


def test_reappoint_correct_and_void(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = register(capsys)
    run(capsys, "dossier", "move", dossier, "--to", "in_process", "--office", "Phòng A")
    code, out, err = run(capsys, "dossier", "reappoint", dossier, "--date", "2027-01-05", "--reason", "Cần xác minh")
    assert code == 0 and out.strip() == f"{dossier}: hẹn lại ngày 05/01/2027"
    code, _, err = run(capsys, "dossier", "reappoint", dossier, "--date", "2027-01-06", "--reason", "Lần hai")
    assert code == 4 and "một lần" in err
    code, out, _ = run(capsys, "dossier", "correct", dossier, "--name", "Nguyễn Văn Ân", "--reason", "Sai dấu")
    assert code == 0 and out.strip() == "applicant_name: Nguyễn Văn An → Nguyễn Văn Ân"
    with_stdin(monkeypatch, "mat-khau-giam-sat\n")
    assert run(capsys, "user", "add", "minh", "--role", "supervisor", "--full-name", "Lê Văn Minh")[0] == 0
    with_stdin(monkeypatch, "mat-khau-tiep-nhan\n")
    assert run(capsys, "user", "add", "lan", "--role", "clerk", "--full-name", "Trần Thị Lan")[0] == 0
    code, _, err = run(capsys, "dossier", "void", dossier, "--reason", "Nhập nhầm", "--user", "lan")
    assert code == 5 and "lãnh đạo" in err
    with_stdin(monkeypatch, "sai\n")
    code, _, err = run(
        capsys, "dossier", "void", dossier, "--reason", "Nhập nhầm", "--user", "lan", "--supervisor", "minh"
    )
    assert code == 5 and "Sai tên đăng nhập hoặc mật khẩu" in err
    with_stdin(monkeypatch, "mat-khau-giam-sat\n")
    code, out, _ = run(
        capsys, "dossier", "void", dossier, "--reason", "Nhập nhầm", "--user", "lan", "--supervisor", "minh"
    )
    assert code == 0 and "duyệt: Lê Văn Minh" in out
    code, out, _ = run(capsys, "dossier", "show", dossier, "--json")
    events = json.loads(out)["events"]
    assert [e["action"] for e in events][-2:] == ["correct", "void"]
    assert events[-1]["username"] == "lan" and events[-2]["data"]["changes"]["applicant_name"] == [
        "Nguyễn Văn An",
        "Nguyễn Văn Ân",
    ]


def test_the_acting_user_is_recorded_and_limited(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with_stdin(monkeypatch, "mat-khau-tiep-nhan\n")
    run(capsys, "user", "add", "lan", "--role", "clerk")
    dossier = register(capsys, "--user", "lan")
    code, out, _ = run(capsys, "dossier", "show", dossier, "--json")
    assert json.loads(out)["events"][0]["username"] == "lan"
    with_stdin(monkeypatch, "mat-khau-moi-1\n")
    code, _, err = run(capsys, "user", "add", "hoa", "--role", "admin", "--user", "lan")
    assert code == 5 and "Quản trị" in err
    target = tmp_path / "c.csv"
    run(capsys, "catalog", "export", str(target))
    code, _, err = run(capsys, "catalog", "import", str(target), "--user", "lan")
    assert code == 5
    code, _, err = run(
        capsys, "register", "--procedure", "2.001914", "--name", "A B", "--phone", "0912345678", "--user", "ma"
    )
    assert code == 3 and "Không có người dùng «ma»" in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--phone", "12"], "Số điện thoại không hợp lệ"),
        (["--name", "x" * 10_000], "quá dài"),
        (["--id-number", "12ab"], "12 chữ số"),
        (["--received", "2099-01-01 10:00"], "tương lai"),
        (["--procedure", "khong-co"], "Không có thủ tục"),
    ],
)
def test_register_refuses_bad_input(
    paths: Paths, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    args = {"--procedure": "2.001914", "--name": "Nguyễn Văn An", "--phone": "0912345678"}
    for key, value in zip(extra[::2], extra[1::2], strict=True):
        args[key] = value
    code, out, err = run(capsys, "register", *[x for kv in args.items() for x in kv])
    assert code in (2, 3) and message in err and out == "" and "Traceback" not in err
    code, out, _ = run(capsys, "catalog", "list", "--json")  # the database is fine and holds no dossier
    assert code == 0


def test_close_stale_and_user_list(paths: Paths, capsys: pytest.CaptureFixture[str], cli_clock: FixedClock) -> None:
    cli_clock.set(local(2026, 11, 2, 9, 0))
    dossier = register(capsys, "--received", "2026-11-02 08:00")
    run(capsys, "dossier", "move", dossier, "--to", "supplement_requested", "--reason", "Thiếu", "--missing", "Ảnh")
    cli_clock.set(local(2026, 11, 17, 9, 0))
    code, out, _ = run(capsys, "dossiers", "close-stale")
    assert code == 0 and out.strip() == "Đã đóng 0 hồ sơ quá 15 ngày không bổ sung."
    cli_clock.set(local(2026, 11, 18, 9, 0))
    code, out, _ = run(capsys, "dossiers", "close-stale")
    assert code == 0 and out.splitlines() == [dossier, "Đã đóng 1 hồ sơ quá 15 ngày không bổ sung."]
    code, out, _ = run(capsys, "user", "list")
    assert "cli" in out and "system" in out


def test_demo_command(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--days", "10")
    assert code == 0 and out.startswith("Đã tạo ") and "Người dùng mẫu: lan, hung, minh, quantri" in out
    code, _, err = run(capsys, "demo", "--days", "10")
    assert code == 4 and "--force" in err
