"""The faults of a real desk, each reproduced against a printer on 127.0.0.1: the job fails within the timeout."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.errors import PrinterError
from kiosk.printing.transports import Connection, send
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter, SwitchedOff, closed_port

JOB = b"\x1b@" + b"\x1dv0\x00\x02\x00\x02\x00\xff\x00\x00\xff" + b"\n" * 3 + b"\x1dVA\x00"


@pytest.fixture
def printer(request: pytest.FixtureRequest) -> Iterator[FakePrinter]:
    fake = FakePrinter(getattr(request, "param", "ok"))
    yield fake
    fake.close()


def network(port: int, **changes: object) -> Connection:
    return Connection(**{"kind": "network", "host": "127.0.0.1", "port": port, "timeout_s": 1.0, **changes})  # type: ignore[arg-type]


def test_the_printer_receives_the_whole_job_and_the_status_queries(printer: FakePrinter, tmp_path: Path) -> None:
    send(JOB, network(printer.port), tmp_path)
    time.sleep(0.3)
    data = bytes(printer.received)
    assert data.startswith(b"\x10\x04\x04")  # paper checked before the job
    assert JOB in data and data.endswith(b"\x10\x04\x01")  # the job, then the status round trip
    assert decode(data).cuts == 1


@pytest.mark.parametrize(
    ("printer", "message"),
    [
        ("deaf", "không phản hồi"),  # accepts the connection, never reads: only the status round trip tells
        ("paper_out", "hết giấy"),
        ("offline", "báo lỗi"),
        ("silent", "không phản hồi"),  # reads but never answers a status query
    ],
    indirect=["printer"],
)
def test_faults_fail_within_the_timeout(printer: FakePrinter, tmp_path: Path, message: str) -> None:
    start = time.monotonic()
    with pytest.raises(PrinterError, match=message) as error:
        send(JOB, network(printer.port), tmp_path)
    assert time.monotonic() - start < 3.0
    assert "hồ sơ đã được lưu" in error.value.message and "In lại" in error.value.message


@pytest.mark.parametrize("printer", ["silent"], indirect=True)
def test_a_printer_that_never_answers_status_prints_when_the_check_is_off(printer: FakePrinter, tmp_path: Path) -> None:
    send(JOB, network(printer.port, status_check=False), tmp_path)
    time.sleep(0.3)
    assert bytes(printer.received) == JOB


def test_a_refused_connection_fails_at_once(tmp_path: Path) -> None:
    start = time.monotonic()
    with pytest.raises(PrinterError, match=r"Không kết nối được máy in mạng 127\.0\.0\.1"):
        send(JOB, network(closed_port()), tmp_path)
    assert time.monotonic() - start < 1.5


def test_a_switched_off_printer_fails_within_the_timeout(tmp_path: Path) -> None:
    off = SwitchedOff()
    try:
        time.sleep(0.1)
        start = time.monotonic()
        with pytest.raises(PrinterError, match="Không kết nối được"):
            send(JOB, network(off.port, timeout_s=1.0), tmp_path)
        assert 0.9 < time.monotonic() - start < 3.0
    finally:
        off.close()


def test_file_transport_writes_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    send(JOB, Connection(kind="file", file_path=str(target)), tmp_path)
    assert target.read_bytes() == JOB


def test_an_unplugged_device_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(PrinterError, match="Không mở được tệp"):
        send(JOB, Connection(kind="file", file_path=str(tmp_path / "missing" / "lp0")), tmp_path)


@pytest.mark.parametrize(("kind", "needs"), [("cups", "pycups"), ("win32raw", "Windows")])
def test_transports_without_their_library_explain_it(tmp_path: Path, kind: str, needs: str) -> None:
    with pytest.raises(PrinterError, match=needs):
        send(JOB, Connection(kind=kind), tmp_path)


def test_a_missing_serial_port_says_what_to_check(tmp_path: Path) -> None:
    connection = Connection(kind="serial", serial_device=str(tmp_path / "ttyUSB9"), timeout_s=1.0)
    with pytest.raises(PrinterError, match=r"Không kết nối được máy in cổng .*ttyUSB9 – kiểm tra nguồn và cáp"):
        send(JOB, connection, tmp_path)


def test_usb_without_a_printer_or_libusb_says_what_to_check(tmp_path: Path) -> None:
    with pytest.raises(PrinterError, match=r"libusb|Không kết nối được máy in USB 04b8:0202"):
        send(JOB, Connection(kind="usb", timeout_s=1.0), tmp_path)


def test_no_printer_configured(tmp_path: Path) -> None:
    with pytest.raises(PrinterError, match="Chưa cài đặt máy in"):
        send(JOB, Connection(), tmp_path)
