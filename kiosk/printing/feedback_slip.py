"""Phiếu tiếp nhận phản ánh, kiến nghị: the roll slip handed to a citizen who gives feedback at the counter.

It carries the number to quote when calling back, when and how the feedback was received, what it says, and the
reply deadline framed; the hotline is at the foot.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.config import OfficeSettings
from kiosk.printing.documents import Block, Document, Emphasis, Fields, Large, Paragraph, Rule, header_lines
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.feedback_types import CHANNEL_LABELS, KIND_LABELS, FeedbackView

TITLE = "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ"
KIND = "feedback"  # the print job's kind


def feedback_slip(view: FeedbackView, office: OfficeSettings, zone: ZoneInfo, *, reprint: bool = False) -> Document:
    who = [("Người phản ánh", view.citizen_name or "Không ghi tên")]
    if view.phone:
        who.append(("Điện thoại", view.phone))
    facts = [
        ("Loại", KIND_LABELS[view.kind]),
        ("Hình thức", CHANNEL_LABELS[view.channel]),
        ("Nhận lúc", _moment(view.received_at, zone)),
    ]
    if view.dossier_code:
        facts.append(("Hồ sơ liên quan", view.dossier_code))
    facts.append(("Cán bộ tiếp nhận", view.user_full_name))
    blocks: list[Block] = [
        Large(f"Số {view.label}"),
        Fields((*who, *facts)),
        Paragraph(f"Nội dung: {view.content}"),
        Rule(),
        Emphasis(f"Hạn trả lời: {_day(view.due_date)}"),
    ]
    if view.deadline_note:
        blocks.append(Paragraph(f"({view.deadline_note})"))
    blocks.append(
        Paragraph(
            f"Cơ quan trả lời Ông/Bà trong thời hạn trên. Khi hỏi về phản ánh, kiến nghị này, xin đọc số {view.label}."
        )
    )
    return Document(
        kind=KIND,
        header=header_lines(office),
        title=TITLE,
        blocks=tuple(blocks),
        footer=_footer(office),
        reprint=reprint,
    )


def _footer(office: OfficeSettings) -> tuple[str, ...]:
    if office.hotline:
        return (f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {office.hotline}",)
    return ("Phản ánh, kiến nghị xin gửi Bộ phận Tiếp nhận và Trả kết quả.",)


def _moment(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return f"{local:%H} giờ {local:%M}, {_day(local.date())}"


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}"
