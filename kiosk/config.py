"""The kiosk's settings: one typed, frozen object with defaults, kept as TOML in the config folder.

Each section is declared once here with its defaults; a missing file or a missing key means the default. Facts the
domain notes mark unverified (the 15:00 cut-off, the appointment hour, the code layout) are settings, not constants.
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from kiosk.errors import ConfigError
from kiosk.paths import Paths
from kiosk.text import nfc

_AGENCY_CODE = r"^[0-9A-Z.]{1,35}$"


class OfficeSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Who the desk is: printed on every receipt and form."""

    parent_agency: str = "UBND TỈNH"
    #: As written inside a sentence ("Sở Giáo dục và Đào tạo tiếp nhận …"); headers print it in capitals.
    agency_name: str = "Sở Giáo dục và Đào tạo"
    desk_name: str = "Bộ phận Tiếp nhận và Trả kết quả"
    #: Agency identifier of Decision 20/2020/QĐ-TTg, the first part of every dossier code.
    agency_code: Annotated[str, msgspec.Meta(pattern=_AGENCY_CODE)] = "000.00.10.H15"
    place_name: str = ""
    hotline: str = ""
    opening_hours: str = "Sáng 7:30 – 11:30, chiều 13:30 – 17:00, từ thứ Hai đến thứ Sáu"
    timezone: str = "Asia/Ho_Chi_Minh"
    #: The specialist offices a dossier can be forwarded to, offered when the clerk forwards one.
    specialist_offices: tuple[str, ...] = (
        "Phòng Khảo thí và Quản lý chất lượng",
        "Phòng Giáo dục trung học",
        "Phòng Giáo dục mầm non – tiểu học",
        "Phòng Tổ chức cán bộ",
        "Văn phòng Sở",
    )


class CalendarSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How appointment dates are counted."""

    #: A dossier received later than this local time counts as received on the next working day.
    cutoff_enabled: bool = True
    cutoff_time: time = time(15, 0, 0)
    #: The hour of day written on the receipt for the appointment.
    appointment_time: time = time(16, 30)


class StationSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """This counter among the desks that share an agency identifier: each numbers its dossiers in its own block."""

    name: str = "Quầy 1"
    sequence_start: Annotated[int, msgspec.Meta(ge=1, le=9999)] = 1
    sequence_end: Annotated[int, msgspec.Meta(ge=1, le=9999)] = 9999


class DossierSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    #: A dossier waiting for a supplement is closed this many calendar days after the notice (Decree 118 Art. 19.5).
    supplement_close_days: Annotated[int, msgspec.Meta(ge=1, le=365)] = 15
    #: How long a guidance record keeps the citizen's name and phone.
    guidance_contact_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] = 365


class SecuritySettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    #: Lock the clerk desk after this many minutes without keyboard or mouse (0: never).
    idle_lock_minutes: Annotated[int, msgspec.Meta(ge=0, le=240)] = 10


class PrinterSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The receipt printer on the roll (ESC/POS)."""

    connection: Literal["none", "network", "usb", "serial", "file", "win32raw", "cups"] = "none"
    host: str = ""
    port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 9100
    timeout_s: Annotated[float, msgspec.Meta(ge=0.5, le=5.0)] = 4.0
    usb_vendor: Annotated[int, msgspec.Meta(ge=0, le=0xFFFF)] = 0x04B8
    usb_product: Annotated[int, msgspec.Meta(ge=0, le=0xFFFF)] = 0x0202
    serial_device: str = ""
    baudrate: Annotated[int, msgspec.Meta(ge=1200, le=921600)] = 9600
    file_path: str = ""
    printer_name: str = ""  # Win32Raw or CUPS queue name
    #: A python-escpos printer profile (its cutter and capabilities); the width below is what is printed on.
    profile: str = "TM-T20II"
    width_dots: Literal[384, 512, 576] = 576
    cut: Literal["full", "partial", "none"] = "partial"
    feed_lines: Annotated[int, msgspec.Meta(ge=0, le=12)] = 4
    receipt_copies: Literal[1, 2] = 2
    #: Ask the printer for its status before and after each job (turn off for printers that never answer).
    status_check: bool = True


class FormSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The official paper forms (A5 slips, the A4 ledger) printed on an office printer."""

    #: The legal form set: 2025 (Decree 118/2025, Circular 03/2025) or 2018 (Decree 61/2018, Circular 01/2018).
    form_set: Literal["2018", "2025"] = "2025"
    #: Entries per ledger book; 0 keeps a whole year in one book. A new book continues the year's numbering.
    ledger_book_size: Annotated[int, msgspec.Meta(ge=0, le=100_000)] = 0
    #: Who signs letters in the agency's name (the apology, the stop notice), as printed above the signature.
    head_title: str = "GIÁM ĐỐC"
    head_name: str = ""


class DatabaseSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    #: Empty: ``kiosk.sqlite3`` in the data folder.
    path: str = ""
    busy_timeout_ms: Annotated[int, msgspec.Meta(ge=100, le=600_000)] = 5_000


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    office: OfficeSettings = msgspec.field(default_factory=OfficeSettings)
    calendar: CalendarSettings = msgspec.field(default_factory=CalendarSettings)
    database: DatabaseSettings = msgspec.field(default_factory=DatabaseSettings)
    station: StationSettings = msgspec.field(default_factory=StationSettings)
    dossiers: DossierSettings = msgspec.field(default_factory=DossierSettings)
    security: SecuritySettings = msgspec.field(default_factory=SecuritySettings)
    printer: PrinterSettings = msgspec.field(default_factory=PrinterSettings)
    forms: FormSettings = msgspec.field(default_factory=FormSettings)

    def database_path(self, paths: Paths) -> Path:
        return Path(self.database.path).expanduser() if self.database.path else paths.default_database

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.office.timezone)


def load_settings(paths: Paths) -> Settings:
    """The settings in ``paths.settings_file``, or the defaults when there is no such file."""
    file = paths.settings_file
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"Không đọc được tệp cài đặt {file}: {exc.strerror}.") from exc
    return parse_settings(raw, source=str(file))


def parse_settings(raw: bytes, *, source: str = "settings.toml") -> Settings:
    try:
        text = nfc(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"Tệp cài đặt {source} không phải văn bản UTF-8.") from exc
    try:
        settings = msgspec.toml.decode(text, type=Settings)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"Tệp cài đặt {source} có giá trị không hợp lệ: {_describe(str(exc))}.") from exc
    except msgspec.DecodeError as exc:
        raise ConfigError(f"Tệp cài đặt {source} không đúng định dạng TOML: {exc}.") from exc
    _check_zone(settings.office.timezone, source)
    if settings.station.sequence_start > settings.station.sequence_end:
        raise ConfigError(f"Tệp cài đặt {source}: station.sequence_start lớn hơn station.sequence_end.")
    return settings


def validated(settings: Settings) -> Settings:
    """The settings checked as if read from a file (types, ranges, time zone), or ConfigError."""
    return parse_settings(msgspec.toml.encode(settings), source="(cài đặt mới)")


def save_settings(paths: Paths, settings: Settings) -> None:
    """Write the settings atomically (a temporary file renamed over the old one)."""
    file = paths.settings_file
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".toml.tmp")
    tmp.write_bytes(msgspec.toml.encode(settings))
    tmp.replace(file)


def _check_zone(name: str, source: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"Tệp cài đặt {source}: múi giờ «{name}» không tồn tại.") from exc


def _describe(detail: str) -> str:
    """msgspec's English detail with the setting's dotted name pulled out in front."""
    match = re.search(r" - at `\$\.([^`]+)`", detail)
    if not match:
        return detail
    return f"mục «{match.group(1)}» ({detail[: match.start()]})"
