"""`kiosk publish sheets|site`: the catalog in force as notice-board sheets (PDF) and as a static website."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kiosk.paths import Paths
from tests.cli.conftest import run
from tests.printing.pdf_check import texts


def test_sheets_to_pdf(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "niem-yet.pdf"
    status, said, err = run(capsys, "publish", "sheets", "--out", str(out))
    pages = texts(out.read_bytes())
    assert (status, err) == (0, "")
    assert said == f"Đã ghi {out}.\nBảng niêm yết: 20 thủ tục, {len(pages)} trang A4.\n"
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in pages[0] and "Niêm yết ngày 25/11/2026" in pages[0]
    assert any("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc Mã thủ tục: 1.010020" in p for p in pages)


def test_sheets_of_chosen_fields(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "van-bang.pdf"
    typed = unicodedata.normalize("NFD", "văn bằng")  # as some keyboards send it
    status, said, _err = run(capsys, "publish", "sheets", "--out", str(out), "--field", typed, "--field", "thi")
    assert status == 0
    assert said.endswith("Bảng niêm yết: 5 thủ tục (lĩnh vực: Thi, tuyển sinh; Văn bằng, chứng chỉ), 6 trang A4.\n")
    assert len(texts(out.read_bytes())) == 6
    status, said, err = run(capsys, "publish", "sheets", "--out", str(tmp_path / "y.pdf"), "--field", "y te")
    assert (status, said) == (3, "") and not (tmp_path / "y.pdf").exists()
    assert err.startswith("Lỗi: Không có lĩnh vực nào khớp «y te». Các lĩnh vực đang công khai: Giáo dục mầm non;")


def test_sheets_somewhere_unwritable_say_why(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _said, err = run(capsys, "publish", "sheets", "--out", str(tmp_path / "khong-co" / "x.pdf"))
    assert status == 7 and "thư mục chứa tệp không tồn tại" in err
    status, _said, err = run(capsys, "publish", "sheets", "--out", str(tmp_path))
    assert status == 7 and "đó là một thư mục" in err


def test_site_to_a_folder_then_again(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths.settings_file.write_text('[publish]\nwebsite_url = "https://sogddt.example.gov.vn/tthc"\n', encoding="utf-8")
    web = tmp_path / "web"
    status, said, err = run(capsys, "publish", "site", "--out", str(web))
    assert (status, err) == (0, "")
    assert said == (
        f"Đã ghi trang danh mục vào {web}:\n"
        "  index.html – 20 thủ tục thuộc 6 lĩnh vực\n"
        "  thu-tuc/ – 20 trang thủ tục\n"
        "  style.css\n"
        "Đưa cả thư mục lên https://sogddt.example.gov.vn/tthc để mã QR trên bảng niêm yết dẫn tới đúng trang.\n"
    )
    assert len(list((web / "thu-tuc").glob("*.html"))) == 20 and "Cấp bản sao" in (web / "index.html").read_text()
    status, said, _err = run(capsys, "publish", "site", "--out", str(web))
    assert status == 0 and said.startswith(f"Đã thay trang danh mục cũ trong {web}:\n")


def test_site_refuses_a_folder_of_other_files(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "tai-lieu").mkdir()
    (tmp_path / "tai-lieu" / "bao-cao.docx").write_bytes(b"PK")
    status, said, err = run(capsys, "publish", "site", "--out", str(tmp_path / "tai-lieu"))
    assert (status, said) == (4, "") and "không phải trang danh mục thủ tục đã xuất trước đây" in err
    assert [p.name for p in (tmp_path / "tai-lieu").iterdir()] == ["bao-cao.docx"]
    status, _said, err = run(capsys, "publish", "site", "--out", str(tmp_path / "tai-lieu" / "bao-cao.docx"))
    assert status == 2 and "là một tệp, không phải thư mục" in err
    status, _said, err = run(capsys, "publish", "site", "--out", str(tmp_path / "khong-co" / "web"))
    assert status == 3 and "không tồn tại" in err


def test_publish_needs_what_and_where(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["publish"], ["publish", "site"], ["publish", "sheets", "--out", " "]):
        with pytest.raises(SystemExit) as exit_:
            run(capsys, *argv)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and "Lỗi:" in err and "Traceback" not in err
