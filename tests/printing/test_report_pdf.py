"""Reports on A4 paper, read back as a reader would: page size, embedded font, the words and numbers on each page,
where the headings sit, the charts' labels and captions, and the pages as images."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pypdfium2.raw as pdfium_raw
import pytest

from kiosk.config import FormSettings, OfficeSettings
from kiosk.printing.report_charts import bar_chart
from kiosk.printing.report_pdf import report_pdf
from kiosk.services.reports.model import (
    BarChart,
    Column,
    ColumnKind,
    Report,
    ReportKind,
    Row,
    RowKind,
    Section,
    Table,
    cell_text,
)
from tests.printing.pdf_check import A4_LANDSCAPE, MM, chars_outside, fonts, ink_box, opened, page_sizes, texts, to_png

K = ColumnKind
A4_PORTRAIT = (595.28, 841.89)
OFFICE = OfficeSettings(place_name="Lâm Đồng")
FORMS = FormSettings(head_title="Giám đốc", head_name="Lê Văn Hùng")
LONG_PROCEDURE = (
    "Thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường trung học phổ thông tư thục "
    "theo đề nghị của Ủy ban nhân dân cấp huyện"
)
COLUMNS = (
    Column("STT", K.TEXT, width=0.6),
    Column("Lĩnh vực, thủ tục hành chính", K.TEXT, width=4),
    Column("Tổng số", K.COUNT),
    Column("Sớm hẹn", K.COUNT, group="Đã giải quyết"),
    Column("Đúng hẹn", K.COUNT, group="Đã giải quyết"),
    Column("Quá hẹn", K.COUNT, group="Đã giải quyết"),
    Column("Tỷ lệ đúng hạn", K.PERCENT),
    Column("Điểm hài lòng", K.SCORE),
)
ROWS = (
    Row(("I", "Lĩnh vực Văn bằng, chứng chỉ", 30, 10, 18, 2, 93, 5.3), RowKind.GROUP),
    Row(("1", "Chỉnh sửa nội dung văn bằng, chứng chỉ", 10, 3, 7, 0, 100, 4.25)),
    Row(("2", "Cấp bản sao văn bằng & chứng chỉ <từ sổ gốc>", 12, 7, 5, 0, None, None)),
    Row(("3", LONG_PROCEDURE, 1250, 0, 6, 2, 75, 4.0)),
    Row(("", "Tổng cộng", 1292, 10, 18, 2, 93, 5.3), RowKind.TOTAL),
)
SUMMARY = Table(
    "tong-hop",
    "Bảng 1. Tình hình giải quyết hồ sơ",
    COLUMNS,
    ROWS,
    note="Tỷ lệ đúng hạn tính trên hồ sơ đã giải quyết.",
)
MONTHS = BarChart(
    "thang",
    "Tỷ lệ đúng hạn theo tháng",
    ("Tháng 9/2026", "Tháng 10/2026", "Tháng 11/2026"),
    (93.0, None, 80.0),
    ("93% (28/30)", "", "80% (8/10)"),
)
CRITERIA = BarChart(
    "tieu-chi",
    "Mức độ hài lòng theo tiêu chí",
    ("Về tiếp cận dịch vụ", "Về thời gian và quy trình giải quyết hồ sơ", "Về kết quả giải quyết"),
    (4.6, 3.8, None),
    ("4,6", "3,8", "–"),
    maximum=5.0,
    unit="điểm",
)


def make_report(*sections: Section, landscape: bool = False, **changes: object) -> Report:
    report = Report(
        kind=ReportKind.PERIOD,
        title="BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ",
        period="Từ ngày 01/10/2026 đến ngày 31/12/2026",
        first=date(2026, 10, 1),
        last=date(2026, 12, 31),
        made_at=datetime(2026, 11, 25, 16, 30),
        made_by="Trần Thị Lan",
        sections=sections,
        landscape=landscape,
    )
    return dataclasses.replace(report, **changes)  # type: ignore[arg-type]


def full_report(**changes: Any) -> Report:
    return make_report(
        Section("I. TỔNG HỢP CHUNG", ("Hồ sơ tiếp nhận trong kỳ: 30.",), (SUMMARY,), (MONTHS,)),
        Section("II. KHẢO SÁT SỰ HÀI LÒNG", charts=(CRITERIA,)),
        **changes,
    )


def long_table(rows: int = 300) -> Table:
    items = tuple(
        Row((str(n), f"Thủ tục số {n:03d} công nhận văn bằng do nước ngoài cấp", n, 1, n - 1, 0, 90, 4.5))
        for n in range(1, rows + 1)
    )
    return Table("chi-tiet", "Bảng 2. Chi tiết theo thủ tục", COLUMNS, items)


Box = tuple[float, float, float, float]


def boxes(pdf: bytes, page: int, text: str) -> list[Box]:
    """Where ``text`` stands on a page, each time it does: (left, bottom, right, top) in points."""
    found: list[Box] = []
    with opened(pdf) as doc:
        textpage = doc[page].get_textpage()
        search = textpage.search(text, match_case=True)
        while match := search.get_next():
            start, count = match
            chars = [textpage.get_charbox(i) for i in range(start, start + count)]
            chars = [c for c in chars if c[2] > c[0]]
            found.append(
                (min(c[0] for c in chars), min(c[1] for c in chars), max(c[2] for c in chars), max(c[3] for c in chars))
            )
    return found


def box(pdf: bytes, page: int, text: str) -> Box:
    """Where ``text`` first stands on a page."""
    found = boxes(pdf, page, text)
    assert found, f"{text!r} is not on page {page + 1}"
    return found[0]


def font_sizes(pdf: bytes) -> set[float]:
    with opened(pdf) as doc:
        sizes = set()
        for page in doc:
            textpage = page.get_textpage()
            for i in range(textpage.count_chars()):
                if textpage.get_text_range(i, 1).strip():
                    sizes.add(round(pdfium_raw.FPDFText_GetFontSize(textpage, i), 1))
    return sizes


def test_a_portrait_report_has_the_header_title_sections_and_signatures(tmp_path: Path) -> None:
    pdf = report_pdf(full_report(), OFFICE, FORMS)
    pages = texts(pdf)
    assert all(size == A4_PORTRAIT for size in page_sizes(pdf))
    found = fonts(pdf, tmp_path)
    assert found and all(f.embedded and "BeVietnamPro" in f.name for f in found), found
    assert chars_outside(pdf, 4) == []
    assert min(font_sizes(pdf)) >= 7
    first, whole = pages[0], " ".join(pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert "UBND TỈNH" in first and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in first
    assert "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ" in first
    assert "Từ ngày 01/10/2026 đến ngày 31/12/2026" in first
    assert "I. TỔNG HỢP CHUNG" in first and "Hồ sơ tiếp nhận trong kỳ: 30." in first
    assert "Bảng 1. Tình hình giải quyết hồ sơ" in first and "Tỷ lệ đúng hạn tính trên hồ sơ đã giải quyết." in first
    assert "II. KHẢO SÁT SỰ HÀI LÒNG" in whole
    assert "Lâm Đồng, ngày 25 tháng 11 năm 2026" in pages[-1]
    for words in ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", "Trần Thị Lan", "GIÁM ĐỐC", "(Ký, ghi rõ họ tên, đóng dấu)"):
        assert words in pages[-1], words
    assert "Lê Văn Hùng" in pages[-1]
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in page
    # the title sits above the period, both centred on the page; the maker signs left of the head
    title, period = box(pdf, 0, "BÁO CÁO TÌNH HÌNH"), box(pdf, 0, "Từ ngày 01/10/2026 đến ngày 31/12/2026")
    assert title[1] > period[3] - 1
    assert abs((period[0] + period[2]) / 2 - (15 * MM + 595.28 - 12 * MM) / 2) < 3
    last = len(pages) - 1
    assert box(pdf, last, "NGƯỜI LẬP BIỂU")[2] < box(pdf, last, "GIÁM ĐỐC")[0]
    assert box(pdf, last, "Trần Thị Lan")[3] < box(pdf, last, "(Ký, ghi rõ họ tên)")[1] - 40  # room to sign
    with opened(pdf) as doc:
        meta = doc.get_metadata_dict()
    assert meta["Title"] == "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ"
    assert meta["Author"] == "Sở Giáo dục và Đào tạo" and meta["Creator"] == "Quầy Một Cửa"


def test_cells_print_percent_score_thousands_and_dashes(tmp_path: Path) -> None:
    pdf = report_pdf(full_report(), OFFICE, FORMS)
    first = texts(pdf)[0]
    assert "30 10 18 2 93% 5,3" in first  # the field's group row
    assert "10 3 7 0 100% 4,3" in first  # 4.25 rounds half up
    assert "12 7 5 0 – –" in first  # no share, no score
    assert "1.250 0 6 2 75% 4,0" in first and "1.292" in first
    assert cell_text(93, K.PERCENT) == "93%" and cell_text(92.5, K.PERCENT) == "93%"
    assert cell_text(None, K.PERCENT) == "–" and cell_text(None, K.COUNT) == "–" and cell_text(None, K.TEXT) == ""
    assert cell_text(5.25, K.SCORE) == "5,3" and cell_text(5, K.SCORE) == "5,0" and cell_text(4.94, K.SCORE) == "4,9"
    assert cell_text(12500, K.COUNT) == "12.500" and cell_text(7, K.COUNT) == "7" and cell_text("x", K.COUNT) == "x"


def test_a_group_heading_spans_its_columns_above_their_own_headings() -> None:
    pdf = report_pdf(full_report(), OFFICE, FORMS)
    group = box(pdf, 0, "Đã giải quyết")
    early, late = box(pdf, 0, "Sớm hẹn"), box(pdf, 0, "Quá hẹn")
    assert early[0] < group[0] and group[2] < late[2]  # centred over the three columns
    assert group[1] > early[3] and group[1] > late[3]  # in the row above them
    # a column without a group spans both heading rows: its heading sits level with the middle of the two
    total = box(pdf, 0, "Tổng số")
    middle = (total[1] + total[3]) / 2
    assert early[3] < middle < group[1]


def test_rows_wrap_long_names_and_keep_numbers_right_aligned() -> None:
    pdf = report_pdf(full_report(), OFFICE, FORMS)
    first = texts(pdf)[0]
    assert LONG_PROCEDURE in first  # nothing cut: the row grew instead
    name_column_right = box(pdf, 0, "Tổng số")[0]
    assert box(pdf, 0, "Thành lập trường")[2] < name_column_right
    assert box(pdf, 0, "Ủy ban nhân dân cấp huyện")[2] < name_column_right
    assert box(pdf, 0, "Thành lập trường")[3] > box(pdf, 0, "Ủy ban nhân dân cấp huyện")[3] + 15  # several lines
    # counts end at the same right edge, in their column
    assert abs(box(pdf, 0, "1.250")[2] - box(pdf, 0, "1.292")[2]) < 0.5


def test_a_long_table_runs_onto_landscape_pages_repeating_its_headings(tmp_path: Path) -> None:
    report = make_report(Section("III. CHI TIẾT", tables=(long_table(),)), landscape=True)
    pdf = report_pdf(report, OFFICE, FORMS)
    pages = texts(pdf)
    assert len(pages) >= 4 and all(size == A4_LANDSCAPE for size in page_sizes(pdf))
    for number, page in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in page
        if number < len(pages) or "Thủ tục số" in page:
            for heading in ("STT", "Lĩnh vực, thủ tục hành chính", "Đã giải quyết", "Sớm hẹn", "Điểm hài lòng"):
                assert heading in page, (number, heading)
        if number > 1:
            assert "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ – Từ ngày 01/10/2026" in page  # running head
    assert "Bảng 2. Chi tiết theo thủ tục" in pages[0] and "Bảng 2." not in pages[1]
    whole = " ".join(pages)
    positions = [whole.index(f"Thủ tục số {n:03d} ") for n in range(1, 301)]
    assert positions == sorted(positions)  # every row, in order, none lost at a page break
    assert "NGƯỜI LẬP BIỂU" in pages[-1] and "Trần Thị Lan" in pages[-1]
    assert chars_outside(pdf, 4) == []
    assert all(f.embedded for f in fonts(pdf, tmp_path))


def test_text_prints_as_typed_and_in_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thuỳ Dương")
    report = make_report(
        Section(
            unicodedata.normalize("NFD", "I. TỔNG HỢP"),
            ("Công ty A & B <chi nhánh> nộp 2 hồ sơ.",),
            (SUMMARY,),
        ),
        made_by=nfd,
        title=unicodedata.normalize("NFD", "BÁO CÁO NGÀY"),
    )
    whole = " ".join(texts(report_pdf(report, OFFICE, FORMS)))
    assert "Công ty A & B <chi nhánh> nộp 2 hồ sơ." in whole
    assert "Cấp bản sao văn bằng & chứng chỉ <từ sổ gốc>" in whole
    assert "&amp;" not in whole and "&lt;" not in whole
    assert "Nguyễn Thị Thuỳ Dương" in whole and "BÁO CÁO NGÀY" in whole and "I. TỔNG HỢP" in whole
    assert unicodedata.normalize("NFC", whole) == whole


def test_charts_show_labels_captions_and_a_dash_for_a_missing_value() -> None:
    pdf = report_pdf(full_report(), OFFICE, FORMS)
    whole = " ".join(texts(pdf))
    assert "Tỷ lệ đúng hạn theo tháng 0% 20% 40% 60% 80% 100%" in whole  # the value axis, 0 to 100 %
    assert "93% (28/30) Tháng 9/2026 – Tháng 10/2026 80% (8/10) Tháng 11/2026" in whole  # caption, bar, label
    assert "Mức độ hài lòng theo tiêu chí 0 1 2 3 4 5 (điểm)" in whole  # a unit not written on every tick
    assert "Về tiếp cận dịch vụ 4,6 Về thời gian và quy trình giải quyết hồ sơ 3,8 Về kết quả giải quyết –" in whole
    page = next(i for i, t in enumerate(texts(pdf)) if "Về tiếp cận dịch vụ" in t)
    # long criteria: horizontal bars, labels stacked and ending at one edge; months: vertical bars, labels side by side
    first, second = box(pdf, page, "Về tiếp cận dịch vụ"), box(pdf, page, "Về thời gian và quy trình")
    assert first[1] > second[3] and abs(first[2] - box(pdf, page, "Về kết quả giải quyết")[2]) < 0.5
    months = next(i for i, t in enumerate(texts(pdf)) if "Tỷ lệ đúng hạn theo tháng" in t)
    labels = boxes(pdf, months, "Tháng ")
    assert len(labels) == 3 and len({round(b[3]) for b in labels}) == 1  # first lines level with each other
    assert labels[0][2] < labels[1][0] and labels[1][2] < labels[2][0]


def test_a_missing_value_draws_no_bar_and_says_dash() -> None:
    drawing = bar_chart(MONTHS, 170 * MM, 120 * MM)
    bars = [s for s in drawing.contents if type(s).__name__ == "Rect"]
    strings = [s.text for s in drawing.contents if type(s).__name__ == "String"]
    assert len(bars) == 2 and "–" in strings and "93% (28/30)" in strings and "80% (8/10)" in strings
    criteria = bar_chart(CRITERIA, 170 * MM, 120 * MM)
    assert len([s for s in criteria.contents if type(s).__name__ == "Rect"]) == 2
    assert [s.text for s in criteria.contents if type(s).__name__ == "String"].count("–") == 1
    tall = max(bar.width for bar in criteria.contents if type(bar).__name__ == "Rect")
    short = min(bar.width for bar in criteria.contents if type(bar).__name__ == "Rect")
    assert tall / short == pytest.approx(4.6 / 3.8, rel=0.01)  # bar lengths proportional to the values


def test_a_chart_with_many_long_labels_stays_within_half_a_page() -> None:
    labels = tuple(f"Tiêu chí số {n}: về thái độ phục vụ và hướng dẫn của công chức tại quầy" for n in range(1, 21))
    chart = BarChart("nhieu", "Hai mươi tiêu chí", labels, tuple(float(n % 6) for n in range(20)), ("x",) * 20, 5.0, "")
    width, half = 180 * MM, 135 * MM
    drawing = bar_chart(chart, width, half)
    assert drawing.width <= width and drawing.height <= half
    strings = [s for s in drawing.contents if type(s).__name__ == "String"]
    assert min(s.fontSize for s in strings) >= 7


def test_without_a_head_title_place_or_rows_the_report_says_so() -> None:
    empty = dataclasses.replace(SUMMARY, rows=())
    report = make_report(Section("I. TỔNG HỢP", tables=(empty,), charts=(dataclasses.replace(MONTHS, labels=()),)))
    (page,) = texts(report_pdf(report, OfficeSettings(), FormSettings(head_title="", head_name="")))
    assert "Không có số liệu." in page and "Sớm hẹn" in page
    assert "Ngày 25 tháng 11 năm 2026" in page and "LÃNH ĐẠO ĐƠN VỊ" in page and "Trang 1/1" in page


def test_pages_render_with_ink_inside_the_margins(tmp_path: Path) -> None:
    pdf = report_pdf(
        full_report(sections=(*full_report().sections, Section("III", tables=(long_table(60),)))), OFFICE, FORMS
    )
    images = to_png(pdf, tmp_path, dpi=50)
    assert len(images) >= 2 and all(image.size == (414, 585) for image in images)  # A4 portrait at 50 dpi
    for image in images:
        left, top, right, bottom = ink_box(image)
        assert left >= 4 * MM * 50 / 72 and right <= image.size[0] - 4 * MM * 50 / 72
        assert top >= 4 * MM * 50 / 72 and bottom <= image.size[1] - 4 * MM * 50 / 72
