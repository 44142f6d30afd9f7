"""The feedback slip: what it says, and the ESC/POS bytes that carry exactly the image the renderer draws."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops

from kiosk.config import OfficeSettings
from kiosk.context import KioskContext
from kiosk.printing.documents import Block, Document, Emphasis, Fields, Large, Paragraph
from kiosk.printing.feedback_slip import TITLE, feedback_slip
from kiosk.printing.raster import RollRenderer
from kiosk.services.dossier_views import Applicant
from kiosk.services.feedback_types import FeedbackInput, FeedbackView
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.helpers import VN
from tests.printing.escpos_decode import decode

OFFICE = OfficeSettings(parent_agency="UBND TỈNH LÂM ĐỒNG", hotline="0263 3822 000")
CONTENT = (
    "Ông An phản ánh: cán bộ hẹn trả bằng tốt nghiệp ngày 20/11 nhưng đến nơi chưa có, phải đi lại hai lần; đề nghị "
    "Sở kiểm tra và trả lời bằng văn bản."
)


def fields(blocks: tuple[Block, ...]) -> dict[str, str]:
    return {k: v for b in blocks if isinstance(b, Fields) for k, v in b.rows}


def recorded(ctx: KioskContext, clerk: Actor, **changes: str) -> FeedbackView:
    data = {"kind": "complaint", "channel": "in_person", "content": CONTENT, "citizen_name": "Nguyễn Văn An"}
    data.update({"phone": "0912345678"}, **changes)
    return ctx.feedback.record(FeedbackInput(**data), by=clerk)


def test_the_slip_says_what_the_citizen_needs(ctx: KioskContext, clerk: Actor) -> None:
    dossier = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Nguyễn Văn An", "0912345678")), by=clerk
    )
    view = recorded(ctx, clerk, dossier_code=dossier.code)
    doc = feedback_slip(view, OFFICE, VN)
    assert doc.header == ("UBND TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ phận Tiếp nhận và Trả kết quả")
    assert doc.title == TITLE == "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ" and doc.kind == "feedback"
    assert doc.blocks[0] == Large("Số 1/2026")
    assert fields(doc.blocks) == {
        "Người phản ánh": "Nguyễn Văn An",
        "Điện thoại": "0912345678",
        "Loại": "Phản ánh",
        "Hình thức": "Trực tiếp tại quầy",
        "Nhận lúc": "09 giờ 00, thứ Tư 25/11/2026",
        "Hồ sơ liên quan": dossier.code,
        "Cán bộ tiếp nhận": "Trần Thị Lan",
    }
    assert Paragraph(f"Nội dung: {CONTENT}") in doc.blocks
    # Wed 25/11/2026 + 10 working days: 26, 27, 30/11, 1, 2, 3, 4, 7, 8, 9/12.
    (deadline,) = [b for b in doc.blocks if isinstance(b, Emphasis)]
    assert deadline.text == "Hạn trả lời: thứ Tư 09/12/2026"
    assert Paragraph("(10 ngày làm việc)") in doc.blocks
    assert doc.footer == ("Đường dây nóng tiếp nhận phản ánh, kiến nghị: 0263 3822 000",)
    assert Document.from_json(doc.to_json()) == doc  # a print job keeps it and can print it again


def test_an_anonymous_suggestion_by_phone(ctx: KioskContext, clerk: Actor) -> None:
    view = recorded(ctx, clerk, kind="suggestion", channel="phone", citizen_name="", phone="")
    rows = fields(feedback_slip(view, OfficeSettings(), VN).blocks)
    assert rows["Người phản ánh"] == "Không ghi tên" and "Điện thoại" not in rows and "Hồ sơ liên quan" not in rows
    assert rows["Loại"] == "Kiến nghị" and rows["Hình thức"] == "Điện thoại"
    assert feedback_slip(view, OfficeSettings(), VN).footer == (
        "Phản ánh, kiến nghị xin gửi Bộ phận Tiếp nhận và Trả kết quả.",
    )


def test_the_printer_gets_the_rendered_image(ctx: KioskContext, clerk: Actor) -> None:
    doc = feedback_slip(recorded(ctx, clerk), OFFICE, VN)
    image = ctx.printing.renderer().render(doc)
    decoded = decode(ctx.printing.render_bytes(doc))
    assert decoded.resets == 1 and decoded.cuts == 1
    (page,) = decoded.pages
    assert page.size == image.size and page.width == 576
    assert ImageChops.difference(page.convert("L"), image.convert("L")).getbbox() is None
    without_hotline = ctx.printing.renderer().render(feedback_slip(recorded(ctx, clerk), OfficeSettings(), VN))
    assert ImageChops.difference(without_hotline.convert("L"), image.convert("L")).getbbox() is not None
    reprint = ctx.printing.renderer().render(feedback_slip(recorded(ctx, clerk), OFFICE, VN, reprint=True))
    assert reprint.height > image.height  # "BẢN IN LẠI" framed on top


@pytest.mark.parametrize("width", [576, 384])
def test_long_content_wraps_inside_the_paper(ctx: KioskContext, clerk: Actor, width: int) -> None:
    short = feedback_slip(recorded(ctx, clerk, content="Chờ lâu."), OFFICE, VN)
    long = feedback_slip(recorded(ctx, clerk, content=CONTENT * 3), OFFICE, VN)
    renderer = RollRenderer(width)
    short_image, long_image = renderer.render(short), renderer.render(long)
    assert long_image.width == width and long_image.height > short_image.height + 100
    assert _blank_right_edge(long_image)


def _blank_right_edge(image: Image.Image) -> bool:
    """Nothing drawn in the last few dots: no line ran off the paper."""
    return ImageChops.invert(image.convert("L")).crop((image.width - 6, 0, image.width, image.height)).getbbox() is None
