"""What each paper says, independent of how it is put on paper.

A document is a list of blocks — label–value lines, numbered lists, an emphasised (framed) line, paragraphs, a
large line, a QR code, a rule — under the agency's header and a title. The roll printer renders any document, so
the daily summary and queue tickets print through the same pipeline as receipts; the desk previews the same
rendering. Documents are msgspec structs, so a print job keeps the document it printed and can print it again.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import msgspec

from kiosk.config import OfficeSettings
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.catalog_types import FORM_LABELS
from kiosk.services.dossier_views import DossierView, ReceivedDocument
from kiosk.services.guidance import GuidanceView


class Fields(msgspec.Struct, frozen=True, tag="fields"):
    rows: tuple[tuple[str, str], ...]


class Numbered(msgspec.Struct, frozen=True, tag="numbered"):
    heading: str
    items: tuple[str, ...]


class Figures(msgspec.Struct, frozen=True, tag="figures"):
    """Counts in a column: each label on the left (indented when ``indent``), its number at the right margin."""

    heading: str
    rows: tuple[tuple[str, str], ...]
    bold: tuple[bool, ...] = ()  # per row: a group's own line, printed bold


class Emphasis(msgspec.Struct, frozen=True, tag="emphasis"):
    """A line that must stand out: the appointment, framed and bold."""

    text: str


class Paragraph(msgspec.Struct, frozen=True, tag="paragraph"):
    text: str


class Large(msgspec.Struct, frozen=True, tag="large"):
    """A short line printed large and centred: a dossier code, a queue number.

    ``size`` asks for a larger font than the roll's usual large size (in dots, e.g. a queue number); the line
    still shrinks to fit the paper.
    """

    text: str
    size: int = 0


class Checklist(msgspec.Struct, frozen=True, tag="checklist"):
    """Items to tick, each with an empty box before it: the papers a citizen must bring."""

    heading: str
    items: tuple[str, ...]


class QrCode(msgspec.Struct, frozen=True, tag="qr"):
    data: str


class Rule(msgspec.Struct, frozen=True, tag="rule"):
    pass


Block = Fields | Figures | Numbered | Checklist | Emphasis | Paragraph | Large | QrCode | Rule


class Document(msgspec.Struct, frozen=True):
    kind: str  # the paper's role: receipt, supplement_request, refusal, test, …
    header: tuple[str, ...]
    title: str
    blocks: tuple[Block, ...]
    footer: tuple[str, ...]
    reprint: bool = False

    @property
    def code(self) -> str | None:
        """The dossier code the paper carries as a QR code, if any."""
        return next((b.data for b in self.blocks if isinstance(b, QrCode)), None)

    def as_reprint(self) -> Document:
        return msgspec.structs.replace(self, reprint=True)

    def to_json(self) -> bytes:
        return msgspec.json.encode(self)

    @classmethod
    def from_json(cls, raw: bytes) -> Document:
        return msgspec.json.decode(raw, type=cls)


def receipt(view: DossierView, office: OfficeSettings, zone: ZoneInfo, *, reprint: bool = False) -> Document:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả, fitted to the counter's paper."""
    limit = view.procedure.time_limit().describe()
    appointment = (
        f"Hẹn trả kết quả: {_moment(view.due_at, zone)}"
        if view.due_at
        else "Hẹn trả kết quả: khi có kết quả (thủ tục không quy định thời hạn)"
    )
    applicant = view.applicant
    who = [("Người nộp", applicant.name), ("Điện thoại", applicant.phone)]
    if applicant.id_number:
        who.append(("Số định danh", applicant.id_number))
    if applicant.tax_code:
        who.append(("Mã số thuế", applicant.tax_code))
    if applicant.address:
        who.append(("Địa chỉ", applicant.address))
    blocks: list[Block] = [
        Large(view.code),
        QrCode(view.code),
        Fields((*who, ("Thủ tục", view.procedure.name))),
        Numbered("Giấy tờ đã nhận", tuple(_paper(d) for d in view.documents)),
        Fields(
            (
                ("Số bộ hồ sơ", str(view.sets)),
                ("Nhận lúc", _moment(view.received_at, zone)),
                ("Thời hạn", limit),
            )
        ),
        Emphasis(appointment),
        Fields(
            (
                ("Phí, lệ phí", view.procedure.fee_note or "Không"),
                (
                    "Nhận kết quả",
                    "Tại Bộ phận Một cửa" if view.delivery == "counter" else "Qua dịch vụ bưu chính công ích",
                ),
                ("Số sổ theo dõi", f"{view.ledger_number}/{view.ledger_year}"),
                ("Cán bộ tiếp nhận", view.clerk_name),
            )
        ),
    ]
    return Document(
        kind="receipt",
        header=header_lines(office),
        title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        blocks=tuple(blocks),
        footer=_footer(office, lookup=True),
        reprint=reprint,
    )


def supplement_slip(record: GuidanceView, office: OfficeSettings, zone: ZoneInfo) -> Document:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing, listed at once, with the reason."""
    return Document(
        kind="supplement_request",
        header=header_lines(office),
        title="PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        blocks=(
            Fields(
                (
                    ("Người nộp", record.applicant_name),
                    ("Thủ tục", record.procedure_name or "—"),
                    ("Ngày hướng dẫn", _moment(record.at, zone)),
                )
            ),
            Numbered("Đề nghị bổ sung, hoàn thiện các giấy tờ sau", record.missing),
            Paragraph(f"Lý do: {record.reason}"),
        ),
        footer=_footer(office, lookup=False),
    )


def refusal_slip(record: GuidanceView, office: OfficeSettings, zone: ZoneInfo) -> Document:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    rows = [("Người nộp", record.applicant_name), ("Ngày", _moment(record.at, zone))]
    if record.procedure_name:
        rows.insert(1, ("Thủ tục", record.procedure_name))
    return Document(
        kind="refusal",
        header=header_lines(office),
        title="PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        blocks=(Fields(tuple(rows)), Paragraph(f"Lý do từ chối: {record.reason}")),
        footer=_footer(office, lookup=False),
    )


def printer_check_page(office: OfficeSettings, now: datetime, zone: ZoneInfo, printer: str) -> Document:
    """A test print: every kind of block, the Vietnamese letters the font must carry, a QR code."""
    return Document(
        kind="test",
        header=header_lines(office),
        title="IN THỬ MÁY IN PHIẾU",
        blocks=(
            Fields((("Máy in", printer), ("Thời điểm", _moment(now, zone)))),
            Paragraph(
                "Tiếng Việt có dấu: ẮẰẲẴẶ ẤẦẨẪẬ ĐẾỀỂỄỆ ỐỒỔỖỘ ỚỜỞỠỢ ỨỪỬỮỰ Ỳ Ỷ Ỹ Ỵ – Nguyễn Thị Thuỳ Dương, Đắk Nông."
            ),
            Emphasis("Nếu đọc rõ các dòng này, máy in đã sẵn sàng."),
            Large("000.00.00.H00-000000-0000"),
            QrCode("KIEM-TRA"),
            Rule(),
            Numbered("Các mục", ("Chữ thường", "Chữ đậm trong khung", "Mã QR")),
        ),
        footer=_footer(office, lookup=False),
    )


def header_lines(office: OfficeSettings) -> tuple[str, ...]:
    lines = (office.parent_agency.upper(), office.agency_name.upper(), office.desk_name)
    return tuple(line for line in lines if line)


def _footer(office: OfficeSettings, *, lookup: bool) -> tuple[str, ...]:
    lines = []
    if office.hotline:
        lines.append(f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {office.hotline}")
    if lookup:
        lines.append(
            "Tra cứu tình trạng hồ sơ: quét mã QR tại màn hình của Bộ phận Một cửa hoặc đọc mã hồ sơ cho cán bộ."
        )
    return tuple(lines)


def _paper(doc: ReceivedDocument) -> str:
    form = FORM_LABELS[doc.form]
    return f"{doc.name}{f' ({form})' if form else ''}: {doc.count} bản"


def _moment(at: datetime | None, zone: ZoneInfo) -> str:
    if at is None:
        return "—"
    local = at.astimezone(zone)
    return f"{local:%H} giờ {local:%M}, {WEEKDAYS[local.weekday()]} {local:%d/%m/%Y}"
