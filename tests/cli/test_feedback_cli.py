"""`kiosk feedback …` as a clerk or a supervisor runs it: record, list, show, forward, note, answer."""

from __future__ import annotations

import json

import pytest

from kiosk.clock import FixedClock
from kiosk.paths import Paths
from tests.cli.conftest import register, run, with_stdin
from tests.helpers import local


def add_clerk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with_stdin(monkeypatch, "mat-khau-tiep-nhan\n")
    assert run(capsys, "user", "add", "lan", "--role", "clerk", "--full-name", "Trần Thị Lan")[0] == 0


def add(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return run(capsys, "feedback", "add", "--kind", "complaint", "--channel", "phone", *extra)


def test_record_handle_and_answer(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cli_clock: FixedClock
) -> None:
    add_clerk(capsys, monkeypatch)
    dossier = register(capsys)
    code, out, err = add(
        capsys,
        "--content",
        "Hẹn trả bằng nhưng chưa có",
        "--name",
        "Nguyễn  Văn An",
        "--phone",
        "0912 345 678",
        "--dossier",
        dossier.lower(),
        "--user",
        "lan",
    )
    assert code == 0, err
    # Wed 25/11/2026: Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 1/12 (4) … Fri 4 (7), Mon 7, Tue 8, Wed 9/12 (10).
    assert out.splitlines() == ["Đã ghi phản ánh số 1/2026.", "Hạn trả lời: 09/12/2026 (10 ngày làm việc)"]
    cli_clock.set(local(2026, 11, 26, 8, 15))
    code, out, _ = run(capsys, "feedback", "forward", "1", "--office", "Phòng Khảo thí", "--user", "lan")
    assert code == 0 and out.strip() == "Số 1/2026: đã chuyển Phòng Khảo thí."
    code, out, _ = run(capsys, "feedback", "note", "1/2026", "--text", "Đã gọi lại cho ông An")
    assert code == 0 and out.strip() == "Số 1/2026: đã ghi chú (bước 3)."
    cli_clock.set(local(2026, 12, 10, 10, 0))  # a day after the deadline
    code, out, _ = run(
        capsys, "feedback", "answer", "1", "--year", "2026", "--text", "Bằng đã có", "--office", "Văn phòng Sở"
    )
    assert code == 0 and out.strip() == "Số 1/2026: đã trả lời quá hạn (hạn 09/12/2026)."
    code, out, _ = run(capsys, "feedback", "show", "1/2026")
    assert code == 0
    assert out.splitlines() == [
        "Số:              1/2026 (phản ánh)",
        "Hình thức:       Điện thoại",
        "Nhận lúc:        09:00 25/11/2026 (Trần Thị Lan)",
        "Người phản ánh:  Nguyễn Văn An – 0912345678",
        f"Hồ sơ liên quan: {dossier}",
        "Hạn trả lời:     09/12/2026 (10 ngày làm việc)",
        "Tình trạng:      Đã trả lời quá hạn",
        "Nội dung:",
        "  Hẹn trả bằng nhưng chưa có",
        "Trả lời (10:00 10/12/2026):",
        "  Bằng đã có",
        "Các bước xử lý:",
        "  1. 09:00 25/11/2026  Tiếp nhận (lan)",
        "  2. 08:15 26/11/2026  Chuyển xử lý → Phòng Khảo thí (lan)",
        "  3. 08:15 26/11/2026  Ghi chú (cli): Đã gọi lại cho ông An",
        "  4. 10:00 10/12/2026  Trả lời → Văn phòng Sở (cli)",
    ]
    code, out, _ = run(capsys, "feedback", "show", "1", "--json")
    shown = json.loads(out)
    assert shown["number"] == "1/2026" and shown["standing"] == "answered_late" and shown["dossier"] == dossier
    assert [s["action"] for s in shown["steps"]] == ["received", "forwarded", "note", "answered"]
    code, _, err = run(capsys, "feedback", "answer", "1", "--text", "Lần nữa")
    assert code == 4 and "đã được trả lời" in err


def test_deadline_across_tet_on_the_command_line(
    paths: Paths, capsys: pytest.CaptureFixture[str], cli_clock: FixedClock
) -> None:
    # Thu 12/2/2026: Fri 13/2 (1), Tết 14–22/2 off, Mon 23 … Fri 27 (6), Mon 2/3 … Thu 5/3 (10).
    cli_clock.set(local(2026, 2, 12, 10, 0))
    code, out, _ = add(capsys, "--content", "Góp ý giờ làm việc ngày Tết")
    assert code == 0
    assert out.splitlines()[1] == "Hạn trả lời: 05/03/2026 (10 ngày làm việc; không tính 16/02–20/02 – Tết Nguyên Đán)"


def test_list_filters(paths: Paths, capsys: pytest.CaptureFixture[str], cli_clock: FixedClock) -> None:
    cli_clock.set(local(2026, 11, 2, 9, 0))
    assert add(capsys, "--content", "Phòng chờ nóng", "--name", "Trần Thị B")[0] == 0  # due 16/11
    cli_clock.set(local(2026, 11, 20, 14, 0))
    assert (
        run(capsys, "feedback", "add", "--kind", "suggestion", "--channel", "in_person", "--content", "Thêm ghế")[0]
        == 0
    )
    assert add(capsys, "--content", "Trả lời chậm")[0] == 0
    assert run(capsys, "feedback", "answer", "3", "--text", "Đã trả lời")[0] == 0
    cli_clock.set(local(2026, 11, 25, 9, 0))
    code, out, _ = run(capsys, "feedback", "list")
    assert code == 0 and out.splitlines() == [
        "   3/2026  20/11/2026  Phản ánh   hạn 07/12/2026  Đã trả lời đúng hạn      (không ghi tên) – Trả lời chậm",
        "   2/2026  20/11/2026  Kiến nghị  hạn 07/12/2026  Đang xử lý, trong hạn    (không ghi tên) – Thêm ghế",
        "   1/2026  02/11/2026  Phản ánh   hạn 16/11/2026  Quá hạn trả lời          Trần Thị B – Phòng chờ nóng",
        "3 phản ánh, kiến nghị.",
    ]

    def numbers(*options: str) -> list[str]:
        code, out, err = run(capsys, "feedback", "list", "--json", *options)
        assert code == 0, err
        return [row["number"] for row in json.loads(out)]

    assert numbers("--open") == ["1/2026", "2/2026"]  # nearest deadline first
    assert numbers("--overdue") == ["1/2026"]
    assert numbers("--answered") == ["3/2026"]
    assert numbers("--from", "2026-11-10", "--to", "20/11/2026") == ["3/2026", "2/2026"]
    assert numbers("--search", "tran thi b") == ["1/2026"]
    code, out, _ = run(capsys, "feedback", "list", "--overdue", "--from", "2026-11-03")
    assert code == 0 and out.strip() == "Không có phản ánh, kiến nghị nào."
    with pytest.raises(SystemExit) as refused:
        run(capsys, "feedback", "list", "--open", "--answered")
    assert refused.value.code == 2 and "--answered không dùng cùng --open" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "exit_code", "message"),
    [
        (["feedback", "add", "--kind", "complaint", "--channel", "fax", "--content", "x"], 2, "--channel: lựa chọn"),
        (["feedback", "add", "--kind", "complaint", "--channel", "phone"], 2, "thiếu tham số bắt buộc: --content"),
        (
            ["feedback", "add", "--kind", "complaint", "--channel", "phone", "--content", "x", "--phone", "123"],
            2,
            "Số điện thoại không hợp lệ",
        ),
        (
            ["feedback", "add", "--kind", "complaint", "--channel", "phone", "--content", " "],
            2,
            "Vui lòng nhập nội dung",
        ),
        (
            ["feedback", "add", "--kind", "complaint", "--channel", "phone", "--content", "x", "--dossier", "H15-1"],
            3,
            "Không có hồ sơ mã «H15-1»",
        ),
        (
            ["feedback", "add", "--kind", "complaint", "--channel", "phone", "--content", "x", "--user", "ai"],
            3,
            "Không có người dùng «ai»",
        ),
        (["feedback", "show", "7"], 3, "Không có phản ánh, kiến nghị số 7/2026."),
        (["feedback", "show", "bảy"], 2, "«bảy» không phải số phản ánh, kiến nghị (viết 12 hoặc 12/2026)."),
        (["feedback", "show", "1/2026", "--year", "2025"], 2, "chỉ hai năm khác nhau"),
        (["feedback", "show", "1", "--year", "1990"], 2, "Năm phải trong khoảng 2000–2100."),
        (["feedback", "forward", "1", "--office", " "], 2, "Vui lòng nhập phòng, đơn vị xử lý."),
        (["feedback", "list", "--from", "2026-12-01", "--to", "2026-11-01"], 2, "sau ngày kết thúc"),
    ],
)
def test_bad_commands_say_what_is_wrong(
    paths: Paths, capsys: pytest.CaptureFixture[str], argv: list[str], exit_code: int, message: str
) -> None:
    assert add(capsys, "--content", "Một phản ánh có thật")[0] == 0
    try:
        code, out, err = run(capsys, *argv)
    except SystemExit as exc:  # argparse's own refusals
        code, err = int(exc.code or 0), capsys.readouterr().err
    assert code == exit_code and message in err, err
    code, out, _ = run(capsys, "feedback", "list", "--json")
    assert len(json.loads(out)) == 1  # nothing else was recorded
