"""Documents drawn for the roll: the width of the paper, text that is really drawn, wrapped, never clipped."""

from __future__ import annotations

import unicodedata

import pytest
import zxingcpp
from PIL import Image, ImageChops

from kiosk.printing.documents import Checklist, Document, Emphasis, Fields, Large, Numbered, Paragraph, QrCode, Rule
from kiosk.printing.raster import RollRenderer, wrap

CODE = "000.00.10.H15-261125-0001"


def doc(*blocks: object, reprint: bool = False) -> Document:
    return Document(
        kind="receipt",
        header=("UBND TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ phận Tiếp nhận và Trả kết quả"),
        title="GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        blocks=tuple(blocks),  # type: ignore[arg-type]
        footer=("Đường dây nóng: 0263 3822 000",),
        reprint=reprint,
    )


def black(image: Image.Image) -> int:
    return image.convert("L").histogram()[0]


@pytest.mark.parametrize("width", [576, 512, 384])
def test_the_image_is_as_wide_as_the_paper_and_one_bit(width: int) -> None:
    image = RollRenderer(width).render(doc(Large(CODE), QrCode(CODE), Fields((("Người nộp", "Nguyễn Văn An"),))))
    assert image.mode == "1" and image.width == width and image.height > 400
    assert black(image) > 5_000  # text and the QR code are really there


@pytest.mark.parametrize("width", [576, 384])
def test_the_qr_code_reads_back_as_the_dossier_code(width: int) -> None:
    image = RollRenderer(width).render(doc(Large(CODE), QrCode(CODE)))
    results = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in results] == [CODE]


def test_long_text_is_wrapped_never_clipped() -> None:
    renderer = RollRenderer(384)
    long_name = "Trung tâm Ngoại ngữ – Tin học và Tư vấn du học Quốc tế Sao Việt chi nhánh Đắk Nông " * 3
    short = renderer.render(doc(Fields((("Người nộp", "An"),))))
    tall = renderer.render(
        doc(Fields((("Người nộp", long_name),)), Paragraph(long_name), Numbered("Giấy tờ", (long_name,)))
    )
    assert tall.width == 384 and tall.height > short.height + 400
    # nothing touches the right edge: every column right of the margin stays white
    assert ImageChops.invert(tall.convert("L")).crop((384 - 6, 0, 384, tall.height)).getbbox() is None


def test_wrap_keeps_words_and_breaks_only_words_wider_than_the_line() -> None:
    from kiosk.printing.raster import Fonts

    font = Fonts().get(26)
    lines = wrap("Quyết định cải chính hộ tịch xác định lại dân tộc", font, 200)
    assert all(font.getlength(line) <= 200 for line in lines)
    assert " ".join(lines) == "Quyết định cải chính hộ tịch xác định lại dân tộc"
    pieces = wrap("A" * 60, font, 200)
    assert len(pieces) > 1 and "".join(pieces) == "A" * 60 and all(font.getlength(p) <= 200 for p in pieces)


def test_text_is_drawn_as_nfc_whatever_it_came_as() -> None:
    renderer = RollRenderer(576)
    composed = renderer.render(doc(Paragraph("Nguyễn Thị Thuỳ Dương, Đắk Nông")))
    decomposed = renderer.render(doc(Paragraph(unicodedata.normalize("NFD", "Nguyễn Thị Thuỳ Dương, Đắk Nông"))))
    assert ImageChops.difference(composed.convert("L"), decomposed.convert("L")).getbbox() is None


def test_reprint_and_copy_labels_add_lines() -> None:
    renderer = RollRenderer(576)
    plain = renderer.render(doc(Emphasis("Hẹn trả kết quả: 16 giờ 30, thứ Tư 02/12/2026"), Rule()))
    marked = renderer.render(doc(Emphasis("Hẹn trả kết quả: 16 giờ 30, thứ Tư 02/12/2026"), Rule(), reprint=True))
    labelled = renderer.render(
        doc(Emphasis("Hẹn trả kết quả: 16 giờ 30, thứ Tư 02/12/2026"), Rule()), copy_label="Liên 1: lưu"
    )
    assert marked.height > plain.height and labelled.height > plain.height
    assert black(marked) > black(plain) and black(labelled) > black(plain)


def test_a_long_code_fits_a_58_mm_roll() -> None:
    image = RollRenderer(384).render(doc(Large(CODE)))
    assert image.width == 384 and black(image) > 0


@pytest.mark.parametrize("width", [576, 384])
def test_a_checklist_has_an_empty_box_before_each_item_and_wraps_under_its_text(width: int) -> None:
    renderer = RollRenderer(width)
    items = ("Đơn đề nghị (bản chính): 1 bản", "Căn cước công dân hoặc hộ chiếu (bản chính để đối chiếu): 1 bản " * 2)
    image = renderer.render(doc(Checklist("Giấy tờ cần mang theo", items))).convert("L")
    # A box's top and bottom edges: rows black from the margin across the box's side, white just after it.
    side = 20  # at least: the body font's ascent less 4
    edges = [
        y
        for y in range(image.height)
        if all(image.getpixel((x, y)) == 0 for x in range(10, 10 + side)) and image.getpixel((10 + side + 8, y)) != 0
    ]
    boxes = sum(1 for i, y in enumerate(edges) if i == 0 or y != edges[i - 1] + 1) // 2  # runs of rows, two per box
    assert boxes == 2
    one = renderer.render(doc(Checklist("Giấy tờ cần mang theo", items[:1])))
    assert image.height - one.height > 2 * renderer.render(doc(Paragraph("x"))).height // 10  # the long one wraps
    assert ImageChops.invert(image).crop((width - 6, 0, width, image.height)).getbbox() is None


def test_a_large_line_can_ask_for_a_bigger_font_and_still_fits_the_roll() -> None:
    usual = RollRenderer(576).render(doc(Large("015")))
    big = RollRenderer(576).render(doc(Large("015", size=160)))
    assert big.height > usual.height + 100
    narrow = RollRenderer(384).render(doc(Large("1015", size=300))).convert("L")
    assert ImageChops.invert(narrow).crop((384 - 6, 0, 384, narrow.height)).getbbox() is None
