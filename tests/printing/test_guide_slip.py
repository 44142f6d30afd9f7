"""The guidance slip: the catalog's papers as a checklist, the time limit, fee and place, read back from the roll."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
import zxingcpp
from PIL import ImageChops

from kiosk.config import OfficeSettings
from kiosk.context import KioskContext
from kiosk.printing.documents import Checklist, Document, Emphasis, Fields, Paragraph, QrCode, header_lines
from kiosk.printing.guide_slip import NO_DOCUMENTS, document_line, guide_slip, limit_words
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_pages import procedure_url
from kiosk.services.catalog_types import DocumentForm, DocumentSpec
from tests.helpers import VN, local
from tests.printing.escpos_decode import decode

OFFICE = OfficeSettings(
    parent_agency="UBND TỈNH LÂM ĐỒNG",
    address="Số 36 Trần Phú, phường Xuân Hương, Đà Lạt",
    hotline="0263 3822 000",
)
SITE = "https://sgddt.lamdong.gov.vn/thu-tuc-hanh-chinh/"
NOW = local(2026, 11, 25, 9, 5)


def fields(doc: Document) -> dict[str, str]:
    return {k: v for b in doc.blocks if isinstance(b, Fields) for k, v in b.rows}


def checklist(doc: Document) -> tuple[str, ...]:
    return next(b for b in doc.blocks if isinstance(b, Checklist)).items


def test_the_slip_lists_the_catalogs_papers_to_tick(ctx: KioskContext) -> None:
    info = ctx.guide.procedure("1.010020")
    doc = guide_slip(info, OFFICE, website_url="", now=NOW, zone=VN)
    assert (doc.kind, doc.title, doc.header) == ("guide", "PHIẾU HƯỚNG DẪN THỦ TỤC", header_lines(OFFICE))
    assert Emphasis("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc") in doc.blocks
    assert checklist(doc) == (
        "Đơn đề nghị cấp bản sao: 1 bản",
        "Căn cước công dân hoặc hộ chiếu (bản chính để đối chiếu): 1 bản",
        "Giấy tờ chứng minh quan hệ hoặc giấy ủy quyền: 1 bản, nếu người khác yêu cầu",
    )
    rows = fields(doc)
    assert rows["Mã thủ tục"] == "1.010020" and rows["Lĩnh vực"] == "Văn bằng, chứng chỉ"
    assert rows["Thời hạn giải quyết"] == "Trả kết quả trong ngày"
    assert rows["Phí, lệ phí"] == "Theo quy định của tỉnh (ví dụ: 9.000 đ/bản; 2.000 đ/trang)"
    place = "Bộ phận Tiếp nhận và Trả kết quả, Số 36 Trần Phú, phường Xuân Hương, Đà Lạt"
    assert rows["Nộp hồ sơ và nhận kết quả tại"] == place  # one place: one line
    assert rows["Giờ làm việc"] == OFFICE.opening_hours
    assert not any(isinstance(b, QrCode) for b in doc.blocks)  # no website set: no code to scan
    assert any(isinstance(b, Paragraph) and b.text.startswith("In lúc 09 giờ 05, ngày 25/11/2026") for b in doc.blocks)
    assert doc.footer == ("Đường dây nóng tiếp nhận phản ánh, kiến nghị: 0263 3822 000",)
    assert Document.from_json(doc.to_json()) == doc  # a print job keeps it and can print it again


def test_every_procedure_prints_all_its_papers_in_nfc(ctx: KioskContext) -> None:
    for info in ctx.catalog.all(include_inactive=False):
        doc = guide_slip(info, OFFICE, website_url=SITE, now=NOW, zone=VN)
        assert checklist(doc) == tuple(document_line(d) for d in info.documents)
        assert all(d.name in line for d, line in zip(info.documents, checklist(doc), strict=True))
        texts = [*doc.header, doc.title, *doc.footer, *checklist(doc), *fields(doc).values()]
        assert all(unicodedata.is_normalized("NFC", t) for t in texts)
        assert fields(doc)["Thời hạn giải quyết"].startswith(limit_words(info.limit_kind, info.days))


def test_plain_words_for_each_kind_of_paper_and_limit(ctx: KioskContext) -> None:
    fix = ctx.guide.procedure("2.001914")
    doc = guide_slip(fix, OfficeSettings(), website_url="", now=NOW, zone=VN)
    assert "Văn bằng, chứng chỉ đề nghị chỉnh sửa (bản chính): 1 bản" in checklist(doc)
    assert "Giấy khai sinh (bản sao): 1 bản, nếu thay đổi hộ tịch" in checklist(doc)
    rows = fields(doc)
    assert rows["Thời hạn giải quyết"].startswith("5 ngày làm việc, kể từ khi nộp đủ giấy tờ")
    assert rows["Phí, lệ phí"] == "Không"
    assert rows["Nộp hồ sơ và nhận kết quả tại"] == "Bộ phận Tiếp nhận và Trả kết quả"  # no address set
    assert doc.footer == ()  # no hotline set
    assert document_line(DocumentSpec("Giấy tờ hưởng chế độ ưu tiên", optional=True)) == (
        "Giấy tờ hưởng chế độ ưu tiên: 1 bản, nếu có"
    )
    assert document_line(DocumentSpec("Ảnh 3x4", DocumentForm.ORIGINAL, count=2)) == "Ảnh 3x4 (bản chính): 2 bản"
    assert limit_words(LimitKind.NONE, None) == "Không quy định thời hạn"


def test_a_procedure_with_its_own_place_and_no_papers(ctx: KioskContext) -> None:
    info = replace(
        ctx.guide.procedure("2.001914"), documents=(), result_note="Qua dịch vụ bưu chính công ích", fee_note=""
    )
    doc = guide_slip(info, OFFICE, website_url="", now=NOW, zone=VN)
    assert Paragraph(NO_DOCUMENTS) in doc.blocks and not any(isinstance(b, Checklist) for b in doc.blocks)
    assert fields(doc)["Nhận kết quả tại"] == "Qua dịch vụ bưu chính công ích"
    assert fields(doc)["Nộp hồ sơ tại"].startswith("Bộ phận Tiếp nhận và Trả kết quả, Số 36 Trần Phú")
    assert fields(doc)["Phí, lệ phí"] == "Không"


@pytest.mark.parametrize("width", [576, 384])
def test_the_roll_gets_the_rendered_slip_with_the_pages_qr_code(ctx: KioskContext, width: int) -> None:
    info = ctx.guide.procedure("1.010020")
    doc = guide_slip(info, OFFICE, website_url=SITE, now=NOW, zone=VN)
    url = procedure_url(SITE, "1.010020")
    assert url == "https://sgddt.lamdong.gov.vn/thu-tuc-hanh-chinh/thu-tuc/1.010020.html"
    assert QrCode(url) in doc.blocks
    ctx.printing.settings = type(ctx.printing.settings)(width_dots=width)  # type: ignore[call-arg]
    decoded = decode(ctx.printing.render_bytes(doc))
    assert decoded.resets == 1 and decoded.cuts == 1
    (page,) = decoded.pages
    image = ctx.printing.renderer().render(doc)
    assert page.width == width and page.size == image.size
    assert ImageChops.difference(page.convert("L"), image.convert("L")).getbbox() is None
    qr = zxingcpp.BarcodeFormat.QRCode  # type: ignore[attr-defined]
    assert [r.text for r in zxingcpp.read_barcodes(page.convert("L"), formats=qr)] == [url]  # type: ignore[attr-defined]
    without = ctx.printing.renderer().render(guide_slip(info, OFFICE, website_url="", now=NOW, zone=VN))
    assert without.height < image.height


def test_a_long_checklist_grows_the_paper(ctx: KioskContext) -> None:
    info = ctx.guide.procedure("1.010020")
    many = replace(
        info, documents=tuple(DocumentSpec(f"Giấy tờ số {i} có tên rất dài để xuống dòng") for i in range(30))
    )
    short = ctx.printing.renderer().render(guide_slip(info, OFFICE, website_url="", now=NOW, zone=VN))
    long = ctx.printing.renderer().render(guide_slip(many, OFFICE, website_url="", now=NOW, zone=VN))
    assert long.height > short.height + 27 * 30
