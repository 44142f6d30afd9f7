"""The queue ticket as printed: read back from its ESC/POS bytes."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from kiosk.context import KioskContext
from kiosk.printing.documents import Emphasis, Fields, Large
from kiosk.printing.queue_ticket import queue_ticket
from tests.helpers import VN
from tests.printing.escpos_decode import decode


@pytest.mark.parametrize("width", [576, 384])
def test_the_ticket_prints_its_number_large_and_what_it_is_for(ctx: KioskContext, width: int) -> None:
    ctx.queue.take("submit")
    ticket = ctx.queue.take("collect", priority=True)
    doc = queue_ticket(ticket, ctx.settings.office, "Quầy 1", VN)
    assert doc.title == "PHIẾU SỐ THỨ TỰ" and doc.blocks[0] == Large("002", size=180)
    assert Emphasis("SỐ ƯU TIÊN") in doc.blocks
    rows = dict(next(b for b in doc.blocks if isinstance(b, Fields)).rows)
    assert rows == {
        "Dịch vụ": "Nhận kết quả",
        "Quầy": "Quầy 1",
        "Lấy số lúc": "09:00 ngày 25/11/2026",
        "Đang chờ trước": "Không có ai",  # a priority ticket waits for priority tickets only
    }
    ctx.printing.settings = type(ctx.printing.settings)(width_dots=width)  # type: ignore[call-arg]
    decoded = decode(ctx.printing.render_bytes(doc))
    assert decoded.cuts == 1 and len(decoded.pages) == 1
    image = ctx.printing.renderer().render(doc)
    assert ImageChops.difference(decoded.pages[0].convert("L"), image.convert("L")).getbbox() is None
    # The number stands out: the sides of its 180-dot digits are black runs taller than anything else drawn
    # (a line of body text is about 40 dots high, the frame of «SỐ ƯU TIÊN» about 55).
    page = decoded.pages[0].convert("L")
    assert max(_tallest_black_run(page, x) for x in range(page.width)) >= 100


def test_a_regular_ticket_says_how_many_wait_before_it(ctx: KioskContext) -> None:
    for _ in range(3):
        ctx.queue.take("submit")
    doc = queue_ticket(ctx.queue.take("ask"), ctx.settings.office, "Quầy 1", VN)
    assert dict(next(b for b in doc.blocks if isinstance(b, Fields)).rows)["Đang chờ trước"] == "3 người"
    assert not any(isinstance(b, Emphasis) for b in doc.blocks)


def _tallest_black_run(image: Image.Image, x: int) -> int:
    longest = run = 0
    for y in range(image.height):
        run = run + 1 if image.getpixel((x, y)) == 0 else 0
        longest = max(longest, run)
    return longest
