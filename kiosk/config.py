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
    #: Where citizens hand in dossiers and collect results, as printed on guidance slips and notice sheets.
    address: str = ""
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
    #: How long a finished dossier keeps the applicant's name, ID number, phone, address and e-mail (Decree
    #: 13/2023/NĐ-CP: no longer than needed). The period is the Department's to set; the figures survive it.
    personal_data_days: Annotated[int, msgspec.Meta(ge=30, le=36_500)] = 3_650


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


class Criterion(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One question of the citizen survey: asked on its own screen, counted on its own line of the report."""

    #: What the answers are counted under: keep it when the wording changes, so periods stay comparable.
    key: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
    #: The report's line ("Về thủ tục hành chính").
    label: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    #: What the citizen reads on the touch screen.
    question: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    #: Offer "Không áp dụng" (fees, where the procedure has none).
    allow_na: bool = False


DEFAULT_CRITERIA = (
    Criterion(key="procedure", label="Về thủ tục hành chính", question="Ông/Bà thấy thủ tục hành chính thế nào?"),
    Criterion(
        key="official",
        label="Về cán bộ, công chức",
        question="Ông/Bà thấy cán bộ tiếp nhận và trả kết quả phục vụ thế nào?",
    ),
    Criterion(
        key="time_and_process",
        label="Về thời gian và quy trình giải quyết hồ sơ",
        question="Ông/Bà thấy thời gian và cách giải quyết hồ sơ thế nào?",
    ),
    Criterion(
        key="fees", label="Về phí và lệ phí (nếu có)", question="Ông/Bà thấy phí, lệ phí thế nào?", allow_na=True
    ),
    Criterion(key="overall", label="Mức độ hài lòng chung", question="Nhìn chung, Ông/Bà có hài lòng không?"),
)


class SurveySettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The citizen's rating on the touch screen, right after the result is handed back (Decree 61 Art. 29.1(b))."""

    enabled: bool = True
    #: 5 levels (Rất hài lòng … Rất không hài lòng) or 3 (Rất hài lòng / Hài lòng / Không hài lòng).
    scale: Literal[3, 5] = 5
    criteria: tuple[Criterion, ...] = DEFAULT_CRITERIA
    #: Circular 01/2018 Art. 13: how many times the citizen came, how many agencies they had to visit.
    extra_questions: bool = False
    #: A survey nobody touches for this long goes back to the idle screen and counts as not answered.
    timeout_s: Annotated[int, msgspec.Meta(ge=15, le=600)] = 90
    #: A press this soon after the last one is ignored (a shaking hand, a double tap).
    debounce_ms: Annotated[int, msgspec.Meta(ge=0, le=3000)] = 500
    thanks_s: Annotated[int, msgspec.Meta(ge=2, le=60)] = 6
    #: The hidden press that opens the supervisor's PIN pad, in seconds.
    long_press_s: Annotated[float, msgspec.Meta(ge=1.0, le=10.0)] = 3.0
    #: The monitor the survey shows on, by name; empty: any monitor but the clerk's.
    screen: str = ""
    #: Ratings by citizens without a dossier (a button on the idle screen); a supervisor turns it on.
    walk_in: bool = False


class ReportSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The supervisor's reports."""

    #: The survey criterion about the official who served the citizen: the per-clerk share and indicator 7.
    official_criterion: str = "official"
    #: Circular 01/2018 Art. 13, indicator 7 (attitude of officials): points per answer level. The Circular's own
    #: form has three levels (2 / 1 / 0); how the 5-level scale maps onto them is the Department's choice.
    attitude_points: dict[str, Annotated[int, msgspec.Meta(ge=0, le=2)]] = msgspec.field(
        default_factory=lambda: {
            "very_satisfied": 2,
            "satisfied": 1,
            "neutral": 1,
            "dissatisfied": 0,
            "very_dissatisfied": 0,
        }
    )


class ServiceGroup(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a queue ticket is for: printed on it, and one button on the touch screen."""

    key: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
    label: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]


DEFAULT_GROUPS = (
    ServiceGroup(key="submit", label="Nộp hồ sơ"),
    ServiceGroup(key="collect", label="Nhận kết quả"),
    ServiceGroup(key="ask", label="Hỏi, hướng dẫn thủ tục"),
)


class QueueSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Queue tickets (Decree 118/2025 Art. 13.2(b)): taken at the touch screen or the desk, called by the clerk."""

    enabled: bool = True
    #: At most five: one button each on the touch screen.
    groups: tuple[ServiceGroup, ...] = DEFAULT_GROUPS
    #: Priority tickets for the elderly, pregnant women and people with disabilities, called before the others.
    priority: bool = True
    #: A short sound with each call on the citizen screen.
    chime: bool = True
    #: How long a call fills the citizen screen (it stays on the idle screen's line after).
    call_shown_s: Annotated[int, msgspec.Meta(ge=3, le=60)] = 10


class CitizenSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What the touch screen offers between surveys: the procedure guide and the dossier look-up."""

    guide: bool = True
    lookup: bool = True
    #: The guide or the look-up left alone this long goes back to the idle screen.
    idle_return_s: Annotated[int, msgspec.Meta(ge=15, le=600)] = 60
    #: Wrong look-ups allowed in a row before the screen makes the next one wait.
    lookup_free_tries: Annotated[int, msgspec.Meta(ge=1, le=20)] = 3
    #: The first wait after those; each further wrong look-up doubles it, up to ``lookup_wait_max_s``.
    lookup_wait_s: Annotated[int, msgspec.Meta(ge=1, le=3600)] = 30
    lookup_wait_max_s: Annotated[int, msgspec.Meta(ge=1, le=86_400)] = 600


class FeedbackSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Feedback (phản ánh, kiến nghị) recorded at the desk."""

    #: Working days to answer, counted like an appointment (weekends and holidays skipped). The legal limit for
    #: the desk is unverified: the Department sets it.
    reply_days: Annotated[int, msgspec.Meta(ge=1, le=90)] = 10


class PublishSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The published catalog: notice-board sheets and the static pages for the Department's website."""

    #: Where the static site's index.html is put online ("https://sogddt.example.gov.vn/thu-tuc-hanh-chinh"); when
    #: set, guidance slips and notice sheets carry a QR code of the procedure's page under it.
    website_url: str = ""


class NightlySettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The night's jobs while the app is open: a backup, then the sync. A night missed runs at the next start."""

    enabled: bool = True
    #: Local time; a PC switched off at that hour catches up when the app next starts.
    time: time = time(21, 0)


class BackupSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Copies of the database in the backups folder, kept 7 daily, 4 weekly, 12 monthly by default."""

    #: A second place for every backup (a USB disk, a network share); empty: none.
    second_dir: str = ""
    #: The supervisor's age public key (``age1…``, from ``kiosk backup key new``): copies in the second folder are
    #: encrypted to it. Empty: no key yet, and no copy leaves the PC.
    recipient: str = ""
    keep_daily: Annotated[int, msgspec.Meta(ge=1, le=366)] = 7
    keep_weekly: Annotated[int, msgspec.Meta(ge=0, le=104)] = 4
    keep_monthly: Annotated[int, msgspec.Meta(ge=0, le=240)] = 12


SslMode = Literal["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]


class SyncSettings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The Department's central PostgreSQL, which gathers every desk of the province."""

    #: As ``kiosk central add-station`` printed it: postgresql://ROLE:PASSWORD@HOST:5432/DATABASE. Empty: no sync.
    url: str = ""
    #: TLS, as libpq names it; verify-full checks the server's certificate and name against ``sslrootcert``.
    sslmode: SslMode = "prefer"
    sslrootcert: str = ""
    sslcert: str = ""
    sslkey: str = ""
    connect_timeout_s: Annotated[int, msgspec.Meta(ge=1, le=120)] = 10
    #: Rows sent per central transaction.
    batch_size: Annotated[int, msgspec.Meta(ge=50, le=100_000)] = 5_000


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
    survey: SurveySettings = msgspec.field(default_factory=SurveySettings)
    reports: ReportSettings = msgspec.field(default_factory=ReportSettings)
    queue: QueueSettings = msgspec.field(default_factory=QueueSettings)
    citizen: CitizenSettings = msgspec.field(default_factory=CitizenSettings)
    feedback: FeedbackSettings = msgspec.field(default_factory=FeedbackSettings)
    publish: PublishSettings = msgspec.field(default_factory=PublishSettings)
    nightly: NightlySettings = msgspec.field(default_factory=NightlySettings)
    backup: BackupSettings = msgspec.field(default_factory=BackupSettings)
    sync: SyncSettings = msgspec.field(default_factory=SyncSettings)

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
    _check_criteria(settings.survey.criteria, source)
    _check_groups(settings.queue.groups, source)
    _check_url(settings.publish.website_url, source)
    _check_points(settings.reports.attitude_points, source)
    _check_recipient(settings.backup.recipient, source)
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


def _check_criteria(criteria: tuple[Criterion, ...], source: str) -> None:
    if not criteria:
        raise ConfigError(f"Tệp cài đặt {source}: phiếu đánh giá cần ít nhất một tiêu chí (survey.criteria).")
    keys = [c.key for c in criteria]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ConfigError(f"Tệp cài đặt {source}: mã tiêu chí đánh giá bị trùng: {', '.join(repeated)}.")
    reserved = sorted({k for k in keys if k in ("visits", "agencies")})
    if reserved:
        raise ConfigError(f"Tệp cài đặt {source}: mã tiêu chí {', '.join(reserved)} dành cho câu hỏi thêm.")
    if any(not c.label.strip() or not c.question.strip() for c in criteria):
        raise ConfigError(f"Tệp cài đặt {source}: mỗi tiêu chí đánh giá cần tên và câu hỏi.")


def _check_groups(groups: tuple[ServiceGroup, ...], source: str) -> None:
    if not 1 <= len(groups) <= 5:
        raise ConfigError(f"Tệp cài đặt {source}: số thứ tự cần từ 1 đến 5 nhóm dịch vụ (queue.groups).")
    keys = [g.key for g in groups]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ConfigError(f"Tệp cài đặt {source}: mã nhóm dịch vụ bị trùng: {', '.join(repeated)}.")
    if any(not g.label.strip() for g in groups):
        raise ConfigError(f"Tệp cài đặt {source}: mỗi nhóm dịch vụ cần một tên (queue.groups).")


def _check_url(url: str, source: str) -> None:
    if url and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", url):
        raise ConfigError(
            f"Tệp cài đặt {source}: publish.website_url «{url[:80]}» không phải địa chỉ trang web (http:// hoặc https://)."
        )


def _check_recipient(recipient: str, source: str) -> None:
    if not recipient:
        return
    from pyrage import RecipientError, x25519  # loaded only when a key is set

    try:
        x25519.Recipient.from_str(recipient)
    except (RecipientError, ValueError, UnicodeEncodeError):
        shown = recipient.strip()[:80]
        raise ConfigError(
            f"Tệp cài đặt {source}: backup.recipient «{shown}» không phải khoá công khai age (dạng age1…, do lệnh "
            "«kiosk backup key new» in ra)."
        ) from None


LEVEL_KEYS = ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied")


def _check_points(points: dict[str, int], source: str) -> None:
    unknown = sorted(set(points) - set(LEVEL_KEYS))
    if unknown:
        raise ConfigError(
            f"Tệp cài đặt {source}: reports.attitude_points có mức không tồn tại: {', '.join(unknown)} "
            f"(các mức: {', '.join(LEVEL_KEYS)})."
        )
    missing = [k for k in LEVEL_KEYS if k not in points]
    if missing:
        raise ConfigError(f"Tệp cài đặt {source}: reports.attitude_points thiếu điểm cho mức {', '.join(missing)}.")


def _describe(detail: str) -> str:
    """msgspec's English detail with the setting's dotted name pulled out in front."""
    match = re.search(r" - at `\$\.([^`]+)`", detail)
    if not match:
        return detail
    return f"mục «{match.group(1)}» ({detail[: match.start()]})"
