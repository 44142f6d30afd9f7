"""Getting bytes to the printer: network (9100), USB, serial, a file or device, Win32Raw, CUPS.

A new python-escpos printer object for every job (a failed one is not usable again), a short timeout, and —
for printers that can answer — a status round trip after the job: a printer that accepts the connection but
never reads is only found out that way, since the operating system buffers the whole job.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import PrinterError
from kiosk.printing.escpos_loader import escpos_printers

MAX_TIMEOUT_S = 5.0
CONNECTIONS = ("none", "network", "usb", "serial", "file", "win32raw", "cups")
SAVED = "hồ sơ đã được lưu, bấm «In lại» khi máy in sẵn sàng"

DLE_EOT_ONLINE = b"\x10\x04\x01"
DLE_EOT_PAPER = b"\x10\x04\x04"
OFFLINE_BIT = 0x08
PAPER_END_BITS = 0x60


@dataclass(frozen=True)
class Connection:
    kind: str = "none"
    host: str = ""
    port: int = 9100
    timeout_s: float = 4.0
    usb_vendor: int = 0x04B8
    usb_product: int = 0x0202
    serial_device: str = ""
    baudrate: int = 9600
    file_path: str = ""
    printer_name: str = ""
    profile: str = "TM-T20II"
    status_check: bool = True

    def describe(self) -> str:
        return {
            "none": "chưa cài đặt",
            "network": f"mạng {self.host}:{self.port}",
            "usb": f"USB {self.usb_vendor:04x}:{self.usb_product:04x}",
            "serial": f"cổng {self.serial_device}",
            "file": f"tệp {self.file_path}",
            "win32raw": f"Windows «{self.printer_name}»",
            "cups": f"CUPS «{self.printer_name}»",
        }.get(self.kind, self.kind)


def send(data: bytes, connection: Connection, cache_dir: Path) -> None:
    """Deliver ``data`` and make sure the printer took it; PrinterError says what to check."""
    if connection.kind == "none":
        raise PrinterError(f"Chưa cài đặt máy in phiếu (Cài đặt → Máy in); {SAVED}.")
    printer = _printer(connection, cache_dir)
    try:
        try:
            printer.open()
        except Exception as exc:
            raise PrinterError(_unreachable(connection, exc)) from exc
        if connection.status_check and _answers_status(connection):
            _check_before(printer, connection)
        try:
            printer._raw(data)
        except Exception as exc:
            raise PrinterError(
                f"Máy in ngừng nhận dữ liệu giữa chừng ({connection.describe()}) – "
                f"kiểm tra nguồn, cáp và giấy; {SAVED}."
            ) from exc
        if connection.status_check and _answers_status(connection):
            _check_after(printer, connection)
    finally:
        with contextlib.suppress(Exception):  # closing a broken connection can fail; the outcome is already decided
            printer.close()


def _printer(connection: Connection, cache_dir: Path) -> Any:
    printers = escpos_printers(cache_dir)
    timeout = min(max(connection.timeout_s, 0.5), MAX_TIMEOUT_S)
    kind = connection.kind
    if kind == "network":
        if not connection.host.strip():
            raise PrinterError("Chưa nhập địa chỉ IP của máy in (Cài đặt → Máy in).")
        return printers.Network(connection.host.strip(), connection.port, timeout=timeout, profile=connection.profile)
    if kind == "file":
        return printers.File(connection.file_path, profile=connection.profile)
    classes = {"usb": "Usb", "serial": "Serial", "win32raw": "Win32Raw", "cups": "CupsPrinter"}
    missing = {
        "usb": "thư viện pyusb",
        "serial": "thư viện pyserial",
        "win32raw": "Windows và thư viện pywin32",
        "cups": "thư viện pycups",
    }
    if kind not in classes:
        raise PrinterError(f"Kiểu kết nối máy in «{kind}» không được hỗ trợ.")
    cls = getattr(printers, classes[kind])
    if not cls.is_usable():
        raise PrinterError(f"Kết nối máy in kiểu {kind} cần {missing[kind]}; máy này chưa có. Hãy báo quản trị viên.")
    if kind == "usb":
        vendor, product = connection.usb_vendor, connection.usb_product
        return cls(vendor, product, timeout=int(timeout * 1000), profile=connection.profile)
    if kind == "serial":
        return cls(connection.serial_device, connection.baudrate, timeout=timeout, profile=connection.profile)
    return cls(connection.printer_name, profile=connection.profile)


def _answers_status(connection: Connection) -> bool:
    """Only a two-way connection can answer DLE EOT (a file or a print queue cannot)."""
    return connection.kind in ("network", "usb", "serial")


def _status(printer: Any, query: bytes, connection: Connection) -> int:
    try:
        printer._raw(query)
        answer = printer._read()
    except Exception as exc:
        raise PrinterError(
            f"Máy in không phản hồi ({connection.describe()}) – kiểm tra nguồn và cáp; {SAVED}."
        ) from exc
    if not answer:
        raise PrinterError(f"Máy in không trả lời ({connection.describe()}) – kiểm tra nguồn và cáp; {SAVED}.")
    return int(answer[0])


def _check_before(printer: Any, connection: Connection) -> None:
    if _status(printer, DLE_EOT_PAPER, connection) & PAPER_END_BITS == PAPER_END_BITS:
        raise PrinterError(f"Máy in hết giấy – thay cuộn giấy mới; {SAVED}.")


def _check_after(printer: Any, connection: Connection) -> None:
    if _status(printer, DLE_EOT_ONLINE, connection) & OFFLINE_BIT:
        raise PrinterError(f"Máy in báo lỗi (nắp mở, hết giấy hoặc kẹt giấy) – kiểm tra máy in; {SAVED}.")


def _unreachable(connection: Connection, exc: Exception) -> str:
    if connection.kind == "network":
        return (
            f"Không kết nối được máy in {connection.describe()} – kiểm tra máy in đã bật, cáp mạng và địa chỉ IP; "
            f"{SAVED}."
        )
    if connection.kind == "file":
        return f"Không mở được {connection.describe()} – kiểm tra máy in đã cắm và đường dẫn; {SAVED}."
    if connection.kind == "usb" and type(exc).__name__ == "NoBackendError":  # pyusb found no libusb to talk through
        return (
            "Máy này chưa có thư viện libusb nên chưa in qua USB được – báo quản trị viên, hoặc chọn kết nối "
            f"«Máy in đã cài trong Windows» / «Tệp thiết bị»; {SAVED}."
        )
    return f"Không kết nối được máy in {connection.describe()} – kiểm tra nguồn và cáp; {SAVED}."
