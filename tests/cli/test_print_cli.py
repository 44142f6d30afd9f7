"""`kiosk print …` against a printer on 127.0.0.1 set in the settings file, and to files."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk.paths import Paths
from tests.cli.conftest import register, run
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter, closed_port


def printer_at(paths: Paths, port: int, *extra: str) -> None:
    lines = ["[printer]", 'connection = "network"', 'host = "127.0.0.1"', f"port = {port}", "timeout_s = 1.0", *extra]
    paths.settings_file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_receipt_to_png_and_to_escpos_bytes(paths: Paths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = register(capsys)
    png, raw = tmp_path / "phieu.png", tmp_path / "phieu.bin"
    assert run(capsys, "print", "receipt", code, "--to", str(png))[:2] == (0, f"Đã ghi {png}.\n")
    image = Image.open(png)
    assert image.width == 576 and image.height > 1000
    assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == [code]
    assert run(capsys, "print", "receipt", code, "--to", str(raw))[0] == 0
    (page,) = decode(raw.read_bytes()).pages
    assert page.size == image.size
    exit_code, _, err = run(capsys, "print", "receipt", code, "--to", str(tmp_path / "phieu.pdf"))
    assert exit_code == 2 and "đuôi .png" in err


def test_receipt_test_page_jobs_and_reprint_on_a_network_printer(
    paths: Paths, capsys: pytest.CaptureFixture[str], fake: FakePrinter
) -> None:
    code = register(capsys)
    printer_at(paths, fake.port, "width_dots = 512")
    assert run(capsys, "print", "receipt", code) == (0, f"Lệnh in số 1: đã in (mạng 127.0.0.1:{fake.port}).\n", "")
    assert run(capsys, "print", "test")[0] == 0
    exit_code, out, _ = run(capsys, "print", "jobs")
    lines = out.splitlines()
    assert exit_code == 0 and len(lines) == 2
    assert lines[0].split()[0] == "2" and "IN THỬ MÁY IN PHIẾU" in lines[0] and "đã in" in lines[0]
    assert lines[1].split()[0] == "1" and "GIẤY TIẾP NHẬN" in lines[1]
    assert run(capsys, "print", "reprint", "1")[0] == 0
    pages = decode(bytes(fake.received)).pages
    assert [p.width for p in pages] == [512] * 4  # two copies, the test page, the reprint
    assert "(in lại)" in run(capsys, "print", "jobs")[1].splitlines()[0]


def test_a_refused_printer_fails_with_its_reason_and_keeps_the_job(
    paths: Paths, capsys: pytest.CaptureFixture[str], fake: FakePrinter
) -> None:
    code = register(capsys)
    printer_at(paths, closed_port())
    exit_code, out, _ = run(capsys, "print", "receipt", code)
    assert exit_code == 8 and out.startswith("Lệnh in số 1: LỖI – Không kết nối được máy in mạng 127.0.0.1")
    assert "LỖI" in run(capsys, "print", "jobs")[1]
    printer_at(paths, fake.port)
    assert run(capsys, "print", "reprint", "1")[:2] == (0, f"Lệnh in số 1: đã in (mạng 127.0.0.1:{fake.port}).\n")
    assert len(decode(bytes(fake.received)).pages) == 2
    assert run(capsys, "print", "reprint", "9")[0] == 3


def test_no_printer_configured_is_explained(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, out, _ = run(capsys, "print", "test")
    assert exit_code == 8 and "Chưa cài đặt máy in phiếu (Cài đặt → Máy in)" in out
