"""The notice-board sheets read back as a person at the board would: A4 pages, the contents page pointing at the
right pages, each sheet saying what the catalog says, type large enough to read from a metre away, the bundled
font embedded, nothing clipped, and the QR code leading to the procedure's page on the website."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp

from kiosk.context import KioskContext
from kiosk.errors import NotFound
from kiosk.services.catalog_pages import procedure_url
from kiosk.services.catalog_types import DocumentForm, DocumentSpec, ProcedureInfo, ProcedureSpec
from kiosk.services.users import Actor
from kiosk.text import fold
from tests.helpers import local
from tests.printing.pdf_check import MM, chars_outside, fonts, opened, page_sizes, texts
from tests.services.test_publishing import NOW, RETIRED, RICH

A4 = (595.28, 841.89)
SITE = "https://sogddt.lamdong.gov.vn/cong-khai"
#: A procedure whose documents cannot fit on one sheet.
LONG = ProcedureSpec(
    code="DP-0097",
    name="Cho phép trường trung học phổ thông có vốn đầu tư nước ngoài hoạt động giáo dục trở lại sau khi bị đình chỉ",
    field="Giáo dục trung học",
    legal_days=20,
    documents=tuple(
        DocumentSpec(f"Giấy tờ thứ {n}: báo cáo về đội ngũ giáo viên, cơ sở vật chất và chương trình giảng dạy", form)
        for n, form in zip(range(1, 31), [DocumentForm.COPY, DocumentForm.ORIGINAL] * 15, strict=True)
    ),
)


def with_site(ctx: KioskContext, url: str) -> None:
    publish = msgspec.structs.replace(ctx.settings.publish, website_url=url)
    ctx.change_settings(msgspec.structs.replace(ctx.settings, publish=publish))


@pytest.fixture
def published(ctx: KioskContext, admin: Actor) -> list[ProcedureInfo]:
    ctx.catalog.save(RICH, by=admin)
    ctx.catalog.save(LONG, by=admin)
    ctx.catalog.set_active(RETIRED, False, by=admin)
    return ctx.catalog.all(include_inactive=False)


def sheet_texts(all_texts: list[str], starts: tuple[int, ...], total: int) -> list[str]:
    """The text of each sheet (its pages joined), in the order of the contents."""
    ends = [*starts[1:], total + 1]
    return [" ".join(all_texts[s - 1 : e - 1]) for s, e in zip(starts, ends, strict=True)]


def in_order(infos: list[ProcedureInfo]) -> list[ProcedureInfo]:
    return sorted(infos, key=lambda i: (fold(i.field), fold(i.name)))


def test_every_procedure_in_force_has_its_sheet_and_the_contents_finds_it(
    ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path
) -> None:
    made = ctx.publishing.sheets(now=NOW)
    pdf = made.data
    pages = texts(pdf)
    assert made.pages == len(pages) >= len(published) + 1 and all(size == A4 for size in page_sizes(pdf))
    assert len(made.sheet_pages) == len(published) == 21
    contents = " ".join(pages[: made.sheet_pages[0] - 1])
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in contents and "Gồm 21 thủ tục thuộc 7 lĩnh vực" in contents
    assert "Giải thể trường trung học phổ thông" not in " ".join(pages)
    for number, (info, text, start) in enumerate(
        zip(in_order(published), sheet_texts(pages, made.sheet_pages, made.pages), made.sheet_pages, strict=True),
        start=1,
    ):
        assert f"{number} {info.name} {info.code} {start}" in contents, info.code
        assert pages[start - 1].startswith("UBND TỈNH SỞ GIÁO DỤC VÀ ĐÀO TẠO Bộ phận Tiếp nhận và Trả kết quả")
        assert f"Lĩnh vực: {info.field} {info.name} Mã thủ tục: {info.code}" in pages[start - 1]
        assert f"Thời hạn giải quyết {info.time_limit().describe()}" in text
        assert f"Phí, lệ phí {info.fee_note or 'Không'}" in text
        for position, doc in enumerate(info.documents, start=1):
            assert f"{position} {doc.name}" in text, (info.code, doc.name)
        assert ("Căn cứ pháp lý" in text) == bool(info.legal_basis)
    for page, text in enumerate(pages, start=1):
        assert text.endswith(f"Niêm yết ngày 25/11/2026 · Sở Giáo dục và Đào tạo Trang {page}/{made.pages}")


def test_a_long_sheet_flows_onto_a_page_headed_with_its_name(ctx: KioskContext, published: list[ProcedureInfo]) -> None:
    made = ctx.publishing.sheets(now=NOW)
    pages = texts(made.data)
    order = [i.code for i in in_order(published)]
    start = made.sheet_pages[order.index("DP-0097")]
    following = made.sheet_pages[order.index("DP-0097") + 1]
    assert following - start >= 2
    for page in range(start + 1, following):  # the heading (drawn last, read last) and the table's heading row
        assert pages[page - 1].startswith("STT Tên giấy tờ Hình thức Số lượng Ghi chú")
        assert f"{LONG.name} (tiếp) Niêm yết ngày" in pages[page - 1]
    assert "30 Giấy tờ thứ 30" in pages[following - 2]
    assert "(tiếp)" not in pages[start - 1]


def test_the_sheets_are_legible_from_a_metre(ctx: KioskContext, published: list[ProcedureInfo], tmp_path: Path) -> None:
    with_site(ctx, SITE)
    made = ctx.publishing.sheets(now=NOW)
    found = fonts(made.data, tmp_path)
    assert found and all(f.embedded and "BeVietnamPro" in f.name for f in found), found
    assert chars_outside(made.data, 6) == []
    footer = 18 * MM  # the footer line (publication day, page number) sits under the frame
    with opened(made.data) as doc:
        for index in range(made.pages):
            page = doc[index]
            text = page.get_textpage()
            small, name_sizes = "", []
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                left, _bottom, right, top = text.get_charbox(i)
                size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
                if char.isspace() or right <= left or top < footer:
                    continue
                if size < 12:
                    small += char
                if size >= 18:
                    name_sizes.append(size)
            if index + 1 in made.sheet_pages:
                assert small == "Quétmãđểxemtrênmạng", index  # the QR code's caption, nothing else
                assert len(name_sizes) >= 10
            else:
                assert small == ""


def test_the_qr_code_leads_to_the_procedures_page(ctx: KioskContext, published: list[ProcedureInfo]) -> None:
    with_site(ctx, SITE)
    made = ctx.publishing.sheets(fields=["van bang"], now=NOW)
    infos = in_order([i for i in published if i.field == "Văn bằng, chứng chỉ"])
    assert len(made.sheet_pages) == len(infos) == 4
    with opened(made.data) as doc:
        for info, start in zip(infos, made.sheet_pages, strict=True):
            image = doc[start - 1].render(scale=150 / 72).to_pil()
            codes = zxingcpp.read_barcodes(image)
            assert [c.text for c in codes] == [procedure_url(SITE, info.code)]
            assert codes[0].text == f"{SITE}/thu-tuc/{info.code}.html"
        assert zxingcpp.read_barcodes(doc[0].render(scale=150 / 72).to_pil()) == []  # none on the contents


def test_without_the_website_there_is_no_qr_code(ctx: KioskContext) -> None:
    made = ctx.publishing.sheets(fields=["thi tuyen sinh"], now=NOW)
    assert made.fields == ("Thi, tuyển sinh",) and made.pages == 2
    assert "Quét mã" not in texts(made.data)[1]
    with pdfium.PdfDocument(made.data) as doc:
        assert zxingcpp.read_barcodes(doc[1].render(scale=150 / 72).to_pil()) == []


def test_sheets_for_chosen_fields_only(ctx: KioskContext, published: list[ProcedureInfo]) -> None:
    made = ctx.publishing.sheets(fields=["hop tac", "GIÁO DỤC MẦM NON"], now=NOW)
    assert made.fields == ("Giáo dục mầm non", "Hợp tác quốc tế") and len(made.sheet_pages) == 4
    contents = texts(made.data)[0]
    assert "Gồm 4 thủ tục thuộc 2 lĩnh vực" in contents and "I Giáo dục mầm non" in contents
    assert "II Hợp tác quốc tế" in contents and "Văn bằng" not in contents
    with pytest.raises(NotFound, match="Không có lĩnh vực nào khớp «Y tế»"):
        ctx.publishing.sheets(fields=["Y tế"], now=NOW)


def test_the_same_catalog_gives_the_same_pdf(ctx: KioskContext, published: list[ProcedureInfo]) -> None:
    first = ctx.publishing.sheets_pdf(now=NOW)
    assert ctx.publishing.sheets_pdf(now=local(2026, 11, 25, 17, 0)) == first
    assert ctx.publishing.sheets_pdf(now=local(2026, 11, 26, 8, 0)) != first  # the day is printed
