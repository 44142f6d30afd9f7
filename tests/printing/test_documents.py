"""What the receipt and the intake slips say."""

from __future__ import annotations

from kiosk.config import OfficeSettings
from kiosk.context import KioskContext
from kiosk.printing.documents import Emphasis, Fields, Numbered, Paragraph, receipt, refusal_slip, supplement_slip
from kiosk.services.dossier_views import Applicant
from kiosk.services.guidance import GuidanceInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor
from tests.helpers import VN

OFFICE = OfficeSettings(parent_agency="UBND TỈNH LÂM ĐỒNG", hotline="0263 3822 000")


def fields(doc_blocks: tuple[object, ...]) -> dict[str, str]:
    return {k: v for b in doc_blocks if isinstance(b, Fields) for k, v in b.rows}


def test_receipt_says_everything_the_citizen_needs(ctx: KioskContext, clerk: Actor) -> None:
    view = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Nguyễn Văn An", "0912345678", id_number="067090012345")),
        by=clerk,
    )
    doc = receipt(view, OFFICE, VN)
    assert doc.header == ("UBND TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ phận Tiếp nhận và Trả kết quả")
    assert doc.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" and doc.code == view.code and not doc.reprint
    rows = fields(doc.blocks)
    assert rows["Người nộp"] == "Nguyễn Văn An" and rows["Số định danh"] == "067090012345"
    assert rows["Thời hạn"] == "5 ngày làm việc" and rows["Số sổ theo dõi"] == "1/2026"
    assert rows["Cán bộ tiếp nhận"] == "Trần Thị Lan" and rows["Nhận lúc"] == "09 giờ 00, thứ Tư 25/11/2026"
    papers = next(b for b in doc.blocks if isinstance(b, Numbered))
    assert papers.items[1] == "Văn bằng, chứng chỉ đề nghị chỉnh sửa (bản chính): 1 bản"
    (appointment,) = [b for b in doc.blocks if isinstance(b, Emphasis)]
    assert appointment.text == "Hẹn trả kết quả: 16 giờ 30, thứ Tư 02/12/2026"
    assert any("0263 3822 000" in line for line in doc.footer)
    assert receipt(view, OFFICE, VN, reprint=True).reprint


def test_slips_list_the_missing_papers_and_the_reason(ctx: KioskContext, clerk: Actor) -> None:
    record = ctx.guidance.record(
        GuidanceInput(
            "supplement", "Trần Thị B", "Thiếu căn cứ", procedure_code="2.001914", missing=("Giấy khai sinh", "Ảnh")
        ),
        by=clerk,
    )
    slip = supplement_slip(record, OFFICE, VN)
    assert slip.title == "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" and slip.code is None
    assert next(b for b in slip.blocks if isinstance(b, Numbered)).items == ("Giấy khai sinh", "Ảnh")
    assert Paragraph("Lý do: Thiếu căn cứ") in slip.blocks
    refusal = ctx.guidance.record(GuidanceInput("refusal", "Trần Thị B", "Không thuộc thẩm quyền"), by=clerk)
    doc = refusal_slip(refusal, OFFICE, VN)
    assert Paragraph("Lý do từ chối: Không thuộc thẩm quyền") in doc.blocks and "Thủ tục" not in fields(doc.blocks)
