"""The guidance slip a citizen takes home: one procedure's papers as a checklist, how long it takes, what it costs,
where to go. The touch screen's procedure page uses the same words (the helpers below), so paper and screen agree.

Plain words for citizens, not lawyers: "1 bản", "bản sao", "nếu có".
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.config import OfficeSettings
from kiosk.printing.documents import Block, Checklist, Document, Emphasis, Fields, Paragraph, QrCode, header_lines
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_pages import procedure_url
from kiosk.services.catalog_types import FORM_LABELS, DocumentSpec, ProcedureInfo

TITLE = "PHIẾU HƯỚNG DẪN THỦ TỤC"
CHECKLIST_HEADING = "Giấy tờ cần chuẩn bị"
NO_DOCUMENTS = "Danh mục chưa ghi giấy tờ của thủ tục này. Xin Ông/Bà hỏi cán bộ tại quầy."
NO_FEE = "Không"
QR_HINT = "Quét mã QR để xem thủ tục này trên trang web của Sở:"
CHECKED_AT_DESK = "Khi Ông/Bà nộp hồ sơ, cán bộ tại quầy sẽ kiểm tra lại giấy tờ."


def document_line(doc: DocumentSpec) -> str:
    """One paper to bring: "Học bạ (bản chính): 1 bản"; an optional one says when it is needed ("…, nếu có")."""
    return doc.name + document_terms(doc)


def document_terms(doc: DocumentSpec) -> str:
    """What follows a paper's name on its line: " (bản sao): 1 bản, nếu thay đổi hộ tịch"."""
    form = FORM_LABELS[doc.form]
    terms = f"{f' ({form})' if form else ''}: {doc.count} bản"
    if doc.optional:
        terms += f", {doc.condition or 'nếu có'}"
    return terms


def limit_words(kind: LimitKind, days: int | None) -> str:
    """How long the procedure takes, as a citizen reads it."""
    if kind is LimitKind.WORKING_DAYS and days:
        return f"{days} ngày làm việc"
    if kind is LimitKind.NONE:
        return "Không quy định thời hạn"
    return "Trả kết quả trong ngày"


def limit_detail(kind: LimitKind, days: int | None) -> str:
    """The time limit with what it counts from (for the procedure page and the slip)."""
    words = limit_words(kind, days)
    if kind is LimitKind.WORKING_DAYS and days:
        return f"{words}, kể từ khi nộp đủ giấy tờ (không tính thứ Bảy, Chủ nhật và ngày lễ)"
    return words


def fee_words(info: ProcedureInfo) -> str:
    return info.fee_note.strip() or NO_FEE


def submit_place(office: OfficeSettings) -> str:
    """Where dossiers are handed in: the desk, and its address when set."""
    return ", ".join(part for part in (office.desk_name.strip(), office.address.strip()) if part)


def result_place(info: ProcedureInfo, office: OfficeSettings) -> str:
    """Where the result is collected: the procedure's own note, else the desk where the dossier was handed in."""
    return info.result_note.strip() or submit_place(office)


def places(info: ProcedureInfo, office: OfficeSettings) -> list[tuple[str, str]]:
    """Where to hand the dossier in and collect the result: one line when it is the same place."""
    submit, result = submit_place(office), result_place(info, office)
    if submit == result:
        return [("Nộp hồ sơ và nhận kết quả tại", submit)] if submit else []
    return [(label, value) for label, value in (("Nộp hồ sơ tại", submit), ("Nhận kết quả tại", result)) if value]


def guide_slip(
    info: ProcedureInfo, office: OfficeSettings, *, website_url: str, now: datetime, zone: ZoneInfo
) -> Document:
    """Phiếu hướng dẫn thủ tục for the roll: the papers to tick off, the time limit, the fee, where to go."""
    blocks: list[Block] = [
        Emphasis(info.name),
        Fields((("Mã thủ tục", info.code), ("Lĩnh vực", info.field))),
    ]
    if info.documents:
        blocks.append(Checklist(CHECKLIST_HEADING, tuple(document_line(d) for d in info.documents)))
    else:
        blocks.append(Paragraph(NO_DOCUMENTS))
    rows = [
        ("Thời hạn giải quyết", limit_detail(info.limit_kind, info.days)),
        ("Phí, lệ phí", fee_words(info)),
        *places(info, office),
    ]
    if office.opening_hours.strip():
        rows.append(("Giờ làm việc", office.opening_hours.strip()))
    blocks.append(Fields(tuple((label, value) for label, value in rows if value)))
    url = procedure_url(website_url, info.code)
    if url is not None:
        blocks += [Paragraph(QR_HINT), QrCode(url), Paragraph(url)]
    local = now.astimezone(zone)
    blocks.append(Paragraph(f"In lúc {local:%H} giờ {local:%M}, ngày {local:%d/%m/%Y}. {CHECKED_AT_DESK}"))
    footer = (
        (f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {office.hotline.strip()}",) if office.hotline.strip() else ()
    )
    return Document(kind="guide", header=header_lines(office), title=TITLE, blocks=tuple(blocks), footer=footer)
