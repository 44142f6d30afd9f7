"""The queue ticket on the roll: the number as large as the paper allows, what it is for, and who is before it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from kiosk.config import OfficeSettings
from kiosk.printing.documents import Block, Document, Emphasis, Fields, Large, Paragraph, header_lines
from kiosk.services.queue import TicketView

NUMBER_DOTS = 180  # the number's font size: read from across the room, still inside a 58 mm roll


def queue_ticket(ticket: TicketView, office: OfficeSettings, counter: str, zone: ZoneInfo) -> Document:
    taken = ticket.issued_at.astimezone(zone)
    ahead = "Không có ai" if ticket.ahead == 0 else f"{ticket.ahead} người"
    blocks: list[Block] = [Large(ticket.label, size=NUMBER_DOTS)]
    if ticket.priority:
        blocks.append(Emphasis("SỐ ƯU TIÊN"))
    blocks += [
        Fields(
            (
                ("Dịch vụ", ticket.group_label),
                ("Quầy", counter),
                ("Lấy số lúc", f"{taken:%H:%M} ngày {taken:%d/%m/%Y}"),
                ("Đang chờ trước", ahead),
            )
        ),
        Paragraph("Mời Ông/Bà ngồi chờ. Khi màn hình gọi số của mình, mời Ông/Bà đến quầy."),
    ]
    footer = (f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {office.hotline}",) if office.hotline else ()
    return Document(
        kind="queue_ticket",
        header=header_lines(office),
        title="PHIẾU SỐ THỨ TỰ",
        blocks=tuple(blocks),
        footer=footer,
    )
