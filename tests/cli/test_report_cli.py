"""`kiosk report daily|period|survey|ledger` in each format, to files, to the terminal and to the roll printer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageChops

from kiosk.paths import Paths
from kiosk.services.reports.model import PERSONAL_DATA_NOTICE
from tests.cli.conftest import register, run, with_stdin
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.pdf_check import texts


@pytest.fixture(autouse=True)
def home(paths: Paths) -> Paths:
    """Every command of this module on the test's own KIOSK_HOME."""
    return paths


def moved(capsys: pytest.CaptureFixture[str], *steps: tuple[str, ...]) -> str:
    code = register(capsys)  # received Friday 20/11 at 10:00: due 30/11 (24/11 is a holiday)
    for step in steps:
        assert run(capsys, "dossier", "move", code, "--to", *step)[0] == 0
    return code


def test_the_daily_summary_on_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    moved(capsys, ("in_process", "--office", "Phòng A"), ("result_ready", "--outcome", "approved"))  # today: early
    code, out, err = run(capsys, "report", "daily")
    assert code == 0, err
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert lines[:2] == ["BÁO CÁO TỔNG HỢP TRONG NGÀY", "Ngày 25/11/2026"]
    assert "Có kết quả (đã giải quyết) 1" in lines and "– Sớm hẹn 1" in lines and "Tiếp nhận mới 0" in lines
    code, out, _ = run(capsys, "report", "daily", "--date", "20/11/2026")
    assert code == 0 and "Tiếp nhận mới 1" in [" ".join(line.split()) for line in out.splitlines()]


def test_a_period_in_every_file_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    moved(capsys, ("in_process", "--office", "Phòng A"))
    xlsx, pdf, csv_file = tmp_path / "ky.xlsx", tmp_path / "ky.pdf", tmp_path / "ky.csv"
    for target in (xlsx, pdf, csv_file):
        assert run(capsys, "report", "period", "--preset", "month", "--out", str(target))[:2] == (
            0,
            f"Đã ghi {target}.\n",
        )
    sheet = load_workbook(xlsx).worksheets[0]
    assert sheet["B2"].value is None and sheet["A2"].value.startswith("BÁO CÁO TÌNH HÌNH TIẾP NHẬN")
    assert sheet["A3"].value == "Từ ngày 01/11/2026 đến ngày 30/11/2026"
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Tổng cộng")
    assert total[1:4] == (1, 0, 1)  # received in November, none carried over
    assert pdf.read_bytes().startswith(b"%PDF")
    first_page = texts(pdf.read_bytes())[0]
    assert "Từ ngày 01/11/2026 đến ngày 30/11/2026" in first_page and "Tổng cộng" in first_page
    rows = list(csv.reader(io.StringIO(csv_file.read_bytes().decode("utf-8-sig"))))
    assert rows[1] == ["Từ ngày 01/11/2026 đến ngày 30/11/2026"]
    assert next(r for r in rows if r and r[0] == "Tổng cộng")[1:4] == ["1", "0", "1"]
    code, out, err = run(capsys, "report", "period", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    table = data["sections"][0]["tables"][0]
    assert table["rows"][-1]["cells"][:4] == ["Tổng cộng", 1, 0, 1]


def test_survey_and_ledger_reports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = moved(capsys)
    out_file = tmp_path / "so.xlsx"
    status, out, _err = run(capsys, "report", "ledger", "--year", "2026", "--out", str(out_file))
    assert status == 0
    assert f"Lưu ý: {PERSONAL_DATA_NOTICE}" in out  # the ledger names citizens: the command says so
    rows = list(load_workbook(out_file).worksheets[0].iter_rows(values_only=True))
    assert rows[3][0] == PERSONAL_DATA_NOTICE  # and so does the file
    assert rows[7][:2] == (1, code)
    status, out, _err = run(capsys, "audit", "list", "--action", "export")
    assert "so-theo-doi-ho-so-2026-quyen-01" in out and "personal_data=True" in out
    pdf = tmp_path / "so.pdf"
    assert run(capsys, "report", "ledger", "--year", "2026", "--out", str(pdf))[0] == 0
    assert "SỔ THEO DÕI" in texts(pdf.read_bytes())[0].upper()
    status, out, err = run(capsys, "report", "survey", "--preset", "quarter", "--format", "csv")
    assert status == 0, err
    assert "Mức độ hài lòng theo tiêu chí" in out and "Từ ngày 01/10/2026 đến ngày 31/12/2026" in out


def test_the_daily_summary_on_the_roll(
    paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path, fake: FakePrinter
) -> None:
    moved(capsys)
    png, raw = tmp_path / "ngay.png", tmp_path / "ngay.bin"
    assert run(capsys, "report", "daily", "--date", "2026-11-20", "--out", str(png))[0] == 0
    assert run(capsys, "report", "daily", "--date", "2026-11-20", "--format", "escpos", "--out", str(raw))[0] == 0
    image = Image.open(png).convert("1")
    (page,) = decode(raw.read_bytes()).pages
    assert image.width == 576 and page.size == image.size
    assert ImageChops.difference(page.convert("L"), image.convert("L")).getbbox() is None  # the same dots
    settings = ["[printer]", 'connection = "network"', 'host = "127.0.0.1"', f"port = {fake.port}", "timeout_s = 1.0"]
    paths.settings_file.write_text("\n".join(settings) + "\n", encoding="utf-8")
    assert run(capsys, "report", "daily", "--print")[:2] == (0, f"Lệnh in số 1: đã in (mạng 127.0.0.1:{fake.port}).\n")
    assert len(decode(bytes(fake.received)).pages) == 1


def test_mistakes_are_explained(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "report", "period", "--from", "2026-11-30", "--to", "2026-11-01")
    assert code == 2 and "sau ngày kết thúc" in err
    code, _, err = run(capsys, "report", "period", "--from", "2026-11-01")
    assert code == 2 and "Cần --from và --to" in err
    code, _, err = run(capsys, "report", "period", "--preset", "year", "--out", str(tmp_path / "x.docx"))
    assert code == 2 and "Không đoán được định dạng" in err
    code, _, err = run(capsys, "report", "daily", "--format", "pdf")
    assert code == 2 and "cần --out" in err
    code, _, err = run(capsys, "report", "daily", "--out", str(tmp_path / "missing" / "x.pdf"))
    assert code != 0 and "Không ghi được tệp" in err
    roll = str(tmp_path / "s.bin")
    code, _, err = run(capsys, "report", "ledger", "--year", "2026", "--format", "escpos", "--out", roll)
    assert code == 2 and "A4" in err
    with_stdin(monkeypatch, "mat-khau-tiep-nhan\n")
    assert run(capsys, "user", "add", "lan", "--full-name", "Trần Thị Lan", "--role", "clerk")[0] == 0
    code, _, err = run(capsys, "report", "daily", "--user", "lan")
    assert code != 0 and "Lãnh đạo / giám sát" in err
