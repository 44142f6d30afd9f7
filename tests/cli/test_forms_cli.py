"""`kiosk print form …`, `kiosk print ledger …` and `kiosk guidance`: official forms written to PDF files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.context import open_context
from kiosk.paths import Paths
from kiosk.services.guidance import GuidanceInput
from tests.cli.conftest import register, run
from tests.printing.pdf_check import A4_LANDSCAPE, A5, page_sizes, texts


def test_receipt_and_control_slip_to_pdf(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = register(capsys)
    out = tmp_path / "giay-tiep-nhan.pdf"
    assert run(capsys, "print", "form", "receipt", code, "--copies", "2", "--to", str(out)) == (
        0,
        f"Đã ghi {out}.\n",
        "",
    )
    pdf = out.read_bytes()
    assert page_sizes(pdf) == [A5, A5]
    first, second = texts(pdf)
    assert "Mẫu số 01" in first and code in first and "Liên 1" in first and "Liên 2" in second
    assert run(capsys, "print", "form", "control-slip", code, "--set", "2018", "--to", str(out))[0] == 0
    assert "Mẫu số 05" in texts(out.read_bytes())[0]


def test_forms_the_dossier_cannot_have_say_why(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = register(capsys)
    out = tmp_path / "x.pdf"
    status, _out, err = run(capsys, "print", "form", "apology", code, "--to", str(out))
    assert status == 4 and "chưa được xin lỗi, hẹn lại" in err and not out.exists()
    assert run(capsys, "dossier", "move", code, "--to", "withdrawn", "--reason", "Người nộp xin rút")[0] == 0
    status, _out, err = run(capsys, "print", "form", "stop_notice", code, "--set", "2018", "--to", str(out))
    assert status == 2 and "Bộ biểu mẫu 2018" in err
    assert run(capsys, "print", "form", "stop_notice", code, "--to", str(out))[0] == 0
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in texts(out.read_bytes())[0]
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "print", "form", "giay", code, "--to", str(out))
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "Không có mẫu «giay»" in err and "Traceback" not in err
    status, _out, err = run(capsys, "print", "form", "receipt", code, "--to", str(tmp_path / "x.png"))
    assert status == 2 and "đuôi .pdf" in err
    status, _out, err = run(capsys, "print", "form", "receipt", code, "--to", str(tmp_path / "no" / "x.pdf"))
    assert status == 7 and "thư mục chứa tệp không tồn tại" in err


def test_guidance_slips_are_listed_and_printed_by_number(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with open_context(paths) as ctx:
        record = ctx.guidance.record(
            GuidanceInput("refusal", "Lê Thị Hoa", "Không thuộc thẩm quyền của Sở"), by=ctx.users.cli()
        )
    status, listing, _err = run(capsys, "guidance")
    number = record.id.hex[:8]
    assert status == 0 and listing.startswith(number) and "từ chối" in listing and "Lê Thị Hoa" in listing
    out = tmp_path / "tu-choi.pdf"
    assert run(capsys, "print", "form", "refusal", number, "--to", str(out))[0] == 0
    (page,) = texts(out.read_bytes())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in page and "Không thuộc thẩm quyền của Sở" in page
    status, _out, err = run(capsys, "print", "form", "refusal", "ffffffff", "--to", str(out))
    assert status == 3 and "Không có phiếu hướng dẫn số «ffffffff»" in err
    assert run(capsys, "guidance", "--from", "2026-01-01", "--to", "2026-01-31")[1].startswith("Không có phiếu")


def test_ledger_of_a_year(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    codes = [register(capsys) for _ in range(3)]
    out = tmp_path / "so-2026.pdf"
    assert run(capsys, "print", "ledger", "--year", "2026", "--to", str(out))[0] == 0
    pdf = out.read_bytes()
    assert page_sizes(pdf) == [A4_LANDSCAPE]
    (page,) = texts(pdf)
    assert "Năm 2026 – Quyển số 01" in page and all(code[-11:] in page for code in codes)
    status, _out, err = run(capsys, "print", "ledger", "--year", "2026", "--book", "2", "--to", str(out))
    assert status == 2 and "chỉ có một quyển" in err
