"""The official A5 forms as PDF: each for a dossier in the right state, in both form sets, read back as a reader
would (page size, embedded font, the values on the page, nothing clipped)."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import msgspec
import pytest

from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput
from kiosk.printing.form_sets import FormRole
from kiosk.services.catalog_types import DocumentForm
from kiosk.services.dossier_views import Applicant, ReceivedDocument
from kiosk.services.guidance import GuidanceInput
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.services.users import Actor
from tests.printing.pdf_check import A5, chars_outside, fonts, ink_box, page_sizes, texts, to_png

S = DossierState
AN = Applicant("person", "Nguyễn Văn An", "0912345678", address="Tổ 3, phường Nghĩa Đức, Gia Nghĩa")


def register(ctx: KioskContext, by: Actor, applicant: Applicant = AN, **more: object) -> str:
    return ctx.registration.register(RegistrationInput("2.001914", applicant, **more), by=by).code  # type: ignore[arg-type]


def use_set(ctx: KioskContext, key: str) -> None:
    ctx.change_settings(
        msgspec.structs.replace(ctx.settings, forms=msgspec.structs.replace(ctx.settings.forms, form_set=key))
    )


def assert_sound_a5(pdf: bytes, tmp: Path) -> list[str]:
    """A5 pages, only the embedded bundled font, nothing within 3 mm of an edge; returns each page's text."""
    assert pdf.startswith(b"%PDF")
    assert all(size == A5 for size in page_sizes(pdf))
    found = fonts(pdf, tmp)
    assert found and all(f.embedded and "BeVietnamPro" in f.name for f in found), found
    assert chars_outside(pdf, 3) == []
    return texts(pdf)


def test_receipt_carries_the_dossier_and_its_appointment(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    code = register(ctx, clerk)
    (page,) = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.RECEIPT, code), tmp_path)
    assert "Mẫu số 01" in page and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page
    assert f"Mã hồ sơ: {code}" in page and "Tiếp nhận hồ sơ của: Nguyễn Văn An" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in page and "ngày 25 tháng 11 năm 2026" in page
    assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 25 tháng 11 năm 2026" in page
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 02 tháng 12 năm 2026" in page
    assert "3. Thời gian giải quyết hồ sơ theo quy định là: 5 ngày làm việc" in page
    assert "Quyển số: 01, Số thứ tự: 01" in page and "NGƯỜI TIẾP NHẬN HỒ SƠ" in page and "Trần Thị Lan" in page


def test_two_copies_each_start_a_page_with_their_label(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    code = register(ctx, clerk)
    first, second = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.RECEIPT, code, copies=2), tmp_path)
    assert "Liên 1: Lưu tại Bộ phận tiếp nhận và trả kết quả" in first and "Liên 2" not in first
    assert "Liên 2: Giao người nộp hồ sơ" in second and code in second


def test_a_long_name_and_a_long_paper_list_wrap_onto_more_pages_without_clipping(
    ctx: KioskContext, clerk: Actor, tmp_path: Path
) -> None:
    name = "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên " + "huyện Đắk R'Lấp và các xã vùng sâu " * 4
    applicant = Applicant("organisation", name.strip()[:200], "0912345678", tax_code="5801234567")
    required = tuple(
        ReceivedDocument(d.name, d.form, d.count) for d in ctx.catalog.get("2.001914").documents if not d.optional
    )
    papers = required + tuple(
        ReceivedDocument(
            f"Bản sao học bạ trung học phổ thông lớp {n} có xác nhận của nhà trường nơi học", DocumentForm.COPY, n
        )
        for n in range(1, 41)
    )
    code = register(ctx, clerk, applicant, documents=papers)
    pages = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.RECEIPT, code), tmp_path)
    assert len(pages) >= 2
    whole = " ".join(pages)
    assert applicant.name.split()[-1] in whole and "Đắk R'Lấp" in whole
    for n in range(1, 41):
        item = f"Bản sao học bạ trung học phổ thông lớp {n} có xác nhận của nhà trường nơi học (bản sao): {n:02d} bản"
        assert f"({n + len(required)}) {item}" in whole
    assert all(f"Trang {i}/{len(pages)}" in page for i, page in enumerate(pages, start=1))
    assert "NGƯỜI NỘP HỒ SƠ" in pages[-1]  # the signatures stay together at the end
    for image in to_png(ctx.forms.dossier_pdf(FormRole.RECEIPT, code), tmp_path):
        assert image.size == (420, 596)  # A5 (148 × 210 mm) at 72 dpi, rounded up by pdftoppm
        left, top, right, bottom = ink_box(image)
        assert left >= 10 and top >= 10 and right <= 410 and bottom <= 586  # ink stays inside the margins


def test_names_are_printed_as_typed_nfc_and_with_markup_characters(
    ctx: KioskContext, clerk: Actor, tmp_path: Path
) -> None:
    typed = unicodedata.normalize("NFD", 'Công ty Ánh Dương & Cộng sự "Việt Nam"')
    code = register(ctx, clerk, Applicant("organisation", typed, "0912345678", tax_code="5801234567"))
    (page,) = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.RECEIPT, code), tmp_path)
    assert 'Công ty Ánh Dương & Cộng sự "Việt Nam"' in page


def test_control_slip_lists_the_hand_overs_so_far(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    code = register(ctx, clerk)
    ctx.lifecycle.move(code, MoveInput(S.IN_PROCESS, office="Phòng Khảo thí và Quản lý chất lượng"), by=clerk)
    pages = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.CONTROL_SLIP, code), tmp_path)
    whole = " ".join(pages)
    assert "Mẫu số 06" in pages[0] and "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in whole
    assert "1. Giao: Bộ phận Tiếp nhận và Trả kết quả" in whole
    assert "2. Nhận: Phòng Khảo thí và Quản lý chất lượng" in whole
    assert "09 giờ 00 phút, ngày 25 tháng 11 năm 2026" in whole and "Người giao" in whole
    assert "TÊN CƠ QUAN" in pages[-1]  # the table's heading is repeated where it continues
    use_set(ctx, "2018")
    assert "Mẫu số 05" in texts(ctx.forms.dossier_pdf(FormRole.CONTROL_SLIP, code))[0]


def test_supplement_request_only_once_one_was_made(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    code = register(ctx, clerk)
    with pytest.raises(Conflict, match="chưa có yêu cầu bổ sung"):
        ctx.forms.dossier_pdf(FormRole.SUPPLEMENT_REQUEST, code)
    missing = ("Bản sao giấy khai sinh", "Ảnh 3x4 chụp trong 6 tháng")
    move = MoveInput(S.SUPPLEMENT_REQUESTED, reason="Hồ sơ thiếu giấy tờ chứng minh nhân thân", missing=missing)
    ctx.lifecycle.move(code, move, by=clerk)
    (page,) = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.SUPPLEMENT_REQUEST, code), tmp_path)
    assert "Mẫu số 02" in page and "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in page
    assert "(1) Bản sao giấy khai sinh" in page and "(2) Ảnh 3x4 chụp trong 6 tháng" in page
    assert "Lý do: Hồ sơ thiếu giấy tờ chứng minh nhân thân" in page and "Sau 15 ngày" in page
    use_set(ctx, "2018")  # the 2018 decree had no automatic closing
    assert "Sau 15 ngày" not in texts(ctx.forms.dossier_pdf(FormRole.SUPPLEMENT_REQUEST, code))[0]


def test_apology_in_each_set_after_a_reappointment(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    code = register(ctx, clerk)
    with pytest.raises(Conflict, match="chưa được xin lỗi"):
        ctx.forms.dossier_pdf(FormRole.APOLOGY, code)
    ctx.lifecycle.reappoint(code, date(2026, 12, 7), "Cần xác minh văn bằng với trường cấp", by=clerk)
    (page,) = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.APOLOGY, code), tmp_path)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in page and "Mẫu số 04" in page
    assert "Kính gửi: Nguyễn Văn An" in page and "Lý do: Cần xác minh văn bằng với trường cấp" in page
    assert "ngày 02 tháng 12 năm 2026" in page and "Ngày hẹn trả kết quả mới: ngày 07 tháng 12 năm 2026" in page
    assert "đề nghị gia hạn" in page and "GIÁM ĐỐC" in page and "Số: …" in page
    (old,) = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.APOLOGY, code, key="2018"), tmp_path)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in old and "Sự chậm trễ này" in old


def test_stop_notice_is_a_2025_form_for_a_withdrawn_dossier(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    code = register(ctx, clerk)
    with pytest.raises(Conflict, match="không dừng theo yêu cầu"):
        ctx.forms.dossier_pdf(FormRole.STOP_NOTICE, code)
    ctx.lifecycle.move(code, MoveInput(S.WITHDRAWN, reason="Người nộp xin rút để bổ sung văn bằng khác"), by=clerk)
    (page,) = assert_sound_a5(ctx.forms.dossier_pdf(FormRole.STOP_NOTICE, code), tmp_path)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in page and "Mẫu số 05" in page and code in page
    assert "Lý do: Người nộp xin rút để bổ sung văn bằng khác" in page
    with pytest.raises(InvalidInput, match=r"Bộ biểu mẫu 2018 .* không có mẫu «Thông báo dừng giải quyết hồ sơ»"):
        ctx.forms.dossier_pdf(FormRole.STOP_NOTICE, code, key="2018")
    assert FormRole.STOP_NOTICE in ctx.forms.available(ctx.search.show(code))
    assert FormRole.STOP_NOTICE not in ctx.forms.available(ctx.search.show(code), "2018")


def test_forms_a_dossier_cannot_have(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    code = register(ctx, clerk)
    with pytest.raises(Conflict, match="từ chối ngay tại quầy"):
        ctx.forms.dossier_pdf(FormRole.REFUSAL, code)
    ctx.corrections.void(code, "Nhập nhầm người nộp", by=supervisor)
    with pytest.raises(Conflict, match="đã bị huỷ"):
        ctx.forms.dossier_pdf(FormRole.RECEIPT, code)
    assert ctx.forms.available(ctx.search.show(code)) == []


def test_refusal_and_intake_supplement_from_guidance_records(ctx: KioskContext, clerk: Actor, tmp_path: Path) -> None:
    refused = ctx.guidance.record(
        GuidanceInput("refusal", "Lê Thị Hoa", "Hồ sơ thuộc thẩm quyền của UBND xã", phone="0987654321"), by=clerk
    )
    (page,) = assert_sound_a5(ctx.forms.guidance_pdf(refused.id.hex[:8]), tmp_path)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in page and "Mẫu số 03" in page
    assert "Tiếp nhận hồ sơ của: Lê Thị Hoa" in page and "Hồ sơ thuộc thẩm quyền của UBND xã" in page
    guided = ctx.guidance.record(
        GuidanceInput(
            "supplement", "Lê Văn Bình", "Thiếu bản chính", procedure_code="2.001914", missing=("Bằng tốt nghiệp",)
        ),
        by=clerk,
    )
    (page,) = assert_sound_a5(ctx.forms.guidance_pdf(guided.id.hex), tmp_path)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in page and "(1) Bằng tốt nghiệp" in page
    assert "NGƯỜI HƯỚNG DẪN" in page and "Trần Thị Lan" in page
    with pytest.raises(InvalidInput, match="không phải số phiếu"):
        ctx.forms.guidance_pdf("xyz")
