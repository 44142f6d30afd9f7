"""The procedure guide on the touch screen, driven by clicks as a finger would: browse, search, read, print, leave.

Every page is also checked at 1366×768 and 1920×1080 for what a citizen must never meet: words cut off, text
smaller than the screen's minimum, targets too small or off the screen.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.context import KioskContext
from kiosk.printing.guide_slip import document_line
from kiosk.services.catalog_types import DocumentForm, DocumentSpec, ProcedureSpec
from kiosk.services.guide import GONE
from kiosk.services.users import Actor
from kiosk.ui.citizen.guide import GuidePanel
from kiosk.ui.citizen.guide_pages import SEARCH_HINT, Page
from kiosk.ui.citizen.guide_paging import PagedBlocks, PagedRows, paginate
from kiosk.ui.citizen.guide_procedure import ProcedurePage
from kiosk.ui.citizen.guide_widgets import NAV_PT, ActionButton, RowButton, TextBlock
from kiosk.ui.survey.choices import ChoiceButton
from kiosk.ui.theme import apply_theme

COPY = "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"
SCREENS = [(1366, 768), (1920, 1080)]
ADDRESS = "Số 36 Trần Phú, phường Xuân Hương – Đà Lạt, tỉnh Lâm Đồng"


@pytest.fixture
def settings(ctx: KioskContext) -> Settings:
    office = msgspec.structs.replace(ctx.settings.office, address=ADDRESS, hotline="0263 3822 000")
    return msgspec.structs.replace(ctx.settings, office=office)


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """The kiosk's font and style sheet, as the app sets them; the application's own are put back after."""
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_theme(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.fixture
def panel(ctx: KioskContext, settings: Settings, qtbot: QtBot, themed: None) -> Iterator[GuidePanel]:
    guide = GuidePanel(ctx.guide, lambda: settings)
    qtbot.addWidget(guide)
    guide.resize(1366, 768)
    guide.show()
    QApplication.processEvents()
    yield guide


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible(), f"{widget} is not on screen"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def row(qtbot: QtBot, rows: PagedRows, key: str) -> RowButton:
    """The row for ``key``, turning pages with "Trang sau" as a citizen would."""
    for _ in range(rows.page_count):
        for shown in rows.shown():
            if shown.item.key == key:
                return shown
        click(qtbot, rows.pager.next)
    raise AssertionError(f"no row {key}")


def words(label: QLabel) -> str:
    return label.accessibleName() or label.text()


def read_all_pages(qtbot: QtBot, content: PagedBlocks) -> list[str]:
    """Every line of the procedure page, page after page (each page checked for cut words on the way)."""
    seen: list[str] = []
    while content.page > 0:
        click(qtbot, content.pager.previous)
    for page in range(content.page_count):
        assert content.page == page
        for block in content.shown():
            assert isinstance(block, TextBlock)
            assert block.geometry().bottom() < content.area.height(), "a block runs off the page"
            seen += [words(label) for label in block.labels]
        if page + 1 < content.page_count:
            click(qtbot, content.pager.next)
    return seen


def assert_nothing_cut(guide: GuidePanel, smallest: int = 26) -> None:
    """On the page shown: every text whole and large, every target large and on the screen."""
    QApplication.processEvents()
    page = guide.current()
    screen = guide.rect()
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(guide) or not label.text():
            continue
        where = QRect(label.mapTo(guide, QPoint(0, 0)), label.size())
        assert screen.contains(where), f"off screen: {words(label)}"
        assert label.font().pointSize() >= smallest, f"too small: {words(label)}"
        if label.wordWrap():
            assert label.heightForWidth(label.width()) <= label.height(), f"cut: {words(label)}"
        else:
            assert label.sizeHint().width() <= label.width(), f"cut: {words(label)}"
    for button in page.findChildren(QAbstractButton):
        if not button.isVisibleTo(guide):
            continue
        where = QRect(button.mapTo(guide, QPoint(0, 0)), button.size())
        assert screen.contains(where), f"off screen: {button.text()}"
        assert button.height() >= 80 and button.width() >= 80, f"too small to touch: {button.text()}"
        if isinstance(button, RowButton):
            assert button.needed_height(button.width()) <= button.height(), f"cut: {button.text()}"
        if isinstance(button, ActionButton):  # one line of words inside the frame
            metrics = QFontMetrics(button.text_font)
            assert metrics.horizontalAdvance(button.text()) <= button.width() - 2 * (button.PADDING + 3), "cut"
            assert metrics.height() <= button.height() - 6, f"cut: {button.text()}"
        if isinstance(button, ChoiceButton):
            nav = QFont(button.font())
            nav.setPointSize(NAV_PT)
            nav.setWeight(QFont.Weight.DemiBold)
            assert QFontMetrics(nav).horizontalAdvance(button.text()) <= button.width() - 30, f"cut: {button.text()}"
    query = guide.searching.query
    if page is guide.searching and not query.text:
        assert QFontMetrics(query.hint_font).horizontalAdvance(SEARCH_HINT) <= query.width() - 40, "hint cut"
    for rows in page.findChildren(PagedRows):
        shown = sorted((r.geometry() for r in rows.shown()), key=lambda g: g.top())
        assert len(shown) <= 5
        assert all(g.bottom() < rows.area.height() for g in shown)
        assert all(b.top() - a.bottom() >= 12 for a, b in itertools.pairwise(shown)), "rows too close"


def test_browse_a_field_to_a_procedures_checklist(panel: GuidePanel, ctx: KioskContext, qtbot: QtBot) -> None:
    assert panel.current() is panel.start
    click(qtbot, row(qtbot, panel.start.fields, "Văn bằng, chứng chỉ"))
    assert panel.current() is panel.listing and panel.listing.heading.text() == "Lĩnh vực: Văn bằng, chứng chỉ"
    listed = [r.key for r in panel.listing.rows.items]
    assert listed == [p.code for p in ctx.guide.procedures("Văn bằng, chứng chỉ")]
    click(qtbot, row(qtbot, panel.listing.rows, "2.001914"))
    page = panel.procedure
    assert panel.current() is page and page.title.text() == "Chỉnh sửa nội dung văn bằng, chứng chỉ"
    assert page.field.text() == "Lĩnh vực: Văn bằng, chứng chỉ"
    lines = read_all_pages(qtbot, page.content)
    info = ctx.catalog.get("2.001914")
    assert [line for line in lines if line in {document_line(d) for d in info.documents}] == [
        document_line(d) for d in info.documents
    ]
    assert "Giấy khai sinh (bản sao): 1 bản, nếu thay đổi hộ tịch" in lines
    assert "Phí, lệ phí: Không" in lines
    assert any(line.startswith("Thời hạn giải quyết: 5 ngày làm việc") for line in lines)
    assert f"Nộp hồ sơ và nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả, {ADDRESS}" in lines
    assert any(line.startswith("Giờ làm việc: ") for line in lines)


def test_search_by_typing_without_diacritics(panel: GuidePanel, qtbot: QtBot) -> None:
    click(qtbot, panel.start.search)
    assert panel.current() is panel.searching
    keyboard = panel.searching.keyboard
    for key in "cap ban sao":
        click(qtbot, keyboard.keys["space" if key == " " else key])
    assert panel.searching.query.text == "cap ban sao"
    first = panel.searching.results.shown()[0]
    assert first.item.title == COPY and first.item.detail.startswith("Văn bằng, chứng chỉ · Thời hạn")
    click(qtbot, first)
    assert panel.current() is panel.procedure and panel.procedure.title.text() == COPY
    assert_nothing_cut(panel)


def test_results_follow_every_key(panel: GuidePanel, qtbot: QtBot) -> None:
    panel.open_search()
    results = panel.searching.results
    assert results.items == [] and results.empty.isVisible()  # a hint until something is typed
    for key in "truong":
        click(qtbot, panel.searching.keyboard.keys[key])
    several = len(results.items)
    assert several > 1 and len(results.shown()) <= 5
    for key in " mam non":
        click(qtbot, panel.searching.keyboard.keys["space" if key == " " else key])
    assert 0 < len(results.items) < several
    assert all("mầm non" in item.title for item in results.items)
    for key in "xyz":
        click(qtbot, panel.searching.keyboard.keys[key])
    assert results.items == [] and results.empty.isVisible() and "Không tìm thấy" in results.empty.text()


def test_the_print_button_asks_for_the_slip_and_shows_how_it_went(panel: GuidePanel, qtbot: QtBot) -> None:
    panel.open_procedure("1.010020")
    page = panel.procedure
    with qtbot.waitSignal(panel.print_requested) as asked:
        click(qtbot, page.print_button)
    assert asked.args == ["1.010020"]
    assert not page.print_button.isEnabled() and page.message.text() == "Đang in phiếu…"
    panel.show_printed("Đã in phiếu. Mời Ông/Bà nhận phiếu ở máy in.")
    assert page.message.text() == "Đã in phiếu. Mời Ông/Bà nhận phiếu ở máy in."
    qtbot.waitUntil(page.print_button.isEnabled)
    assert_nothing_cut(panel)
    panel.open_procedure("2.001914")
    assert page.message.text() == ""  # the next procedure starts clean


def test_back_and_home_from_every_page(panel: GuidePanel, qtbot: QtBot) -> None:
    homes: list[bool] = []
    panel.home_requested.connect(lambda: homes.append(True))
    panel.open_search()
    for key in "hoc ba":
        click(qtbot, panel.searching.keyboard.keys["space" if key == " " else key])
    click(qtbot, panel.searching.results.shown()[0])
    assert panel.current() is panel.procedure
    click(qtbot, panel.procedure.back)
    assert panel.current() is panel.searching and panel.searching.keyboard.text() == "hoc ba"  # kept
    click(qtbot, panel.searching.back)
    assert panel.current() is panel.start and homes == []
    click(qtbot, panel.start.back)  # back from the first page: home
    assert homes == [True]
    panel.open_field("Giáo dục trung học")
    panel.open_procedure("DP-0001")
    click(qtbot, panel.procedure.back)
    assert panel.current() is panel.listing
    click(qtbot, panel.listing.home)
    assert homes == [True, True] and panel.current() is panel.start
    for page in (panel.start, panel.listing, panel.searching, panel.procedure):
        assert isinstance(page, Page) and page.back.text() == "‹  Quay lại" and page.home.text() == "Về màn hình chính"


def test_home_leaves_nothing_for_the_next_citizen(panel: GuidePanel, qtbot: QtBot) -> None:
    panel.open_search()
    for key in "cap":
        click(qtbot, panel.searching.keyboard.keys[key])
    click(qtbot, panel.searching.results.shown()[0])
    click(qtbot, panel.procedure.home)
    assert panel.current() is panel.start and panel.searching.keyboard.text() == ""
    assert panel.searching.query.text == "" and panel.procedure.code == "" and panel.trail == []
    panel.open_field("Giáo dục trung học")
    panel.reset()
    assert panel.current() is panel.start and panel.start.fields.page == 0


def test_every_press_counts_as_a_touch(panel: GuidePanel, qtbot: QtBot) -> None:
    touches: list[bool] = []
    panel.touched.connect(lambda: touches.append(True))
    click(qtbot, panel.start.search)
    click(qtbot, panel.searching.keyboard.keys["a"])
    assert len(touches) == 2
    qtbot.mousePress(panel.searching.results.empty, Qt.MouseButton.LeftButton)  # on words, not a button
    assert len(touches) == 3


def test_a_procedure_switched_off_meanwhile(panel: GuidePanel, ctx: KioskContext, admin: Actor, qtbot: QtBot) -> None:
    panel.open_field("Văn bằng, chứng chỉ")
    ctx.catalog.set_active("1.010020", False, by=admin)
    click(qtbot, row(qtbot, panel.listing.rows, "1.010020"))
    assert panel.current() is panel.procedure and panel.procedure.title.text() == GONE
    assert not panel.procedure.print_button.isVisible() and panel.procedure.content.blocks == []
    click(qtbot, panel.procedure.back)
    assert panel.current() is panel.listing


def long_procedure(ctx: KioskContext, admin: Actor) -> str:
    documents = tuple(
        DocumentSpec(
            f"Giấy tờ thứ {i}: bản kê khai chi tiết quá trình học tập và công tác có xác nhận của cơ quan quản lý",
            DocumentForm.COPY if i % 2 else DocumentForm.ORIGINAL,
            count=1 + i % 3,
            optional=i % 4 == 0,
            condition="nếu đã từng học ở nước ngoài" if i % 8 == 0 else "",
        )
        for i in range(1, 14)
    )
    spec = ProcedureSpec(
        code="DP-9001",
        name="Công nhận tương đương văn bằng tốt nghiệp trung học phổ thông do cơ sở giáo dục nước ngoài cấp cho "
        "công dân Việt Nam học tập ở nước ngoài trở về nước",
        field="Văn bằng, chứng chỉ",
        legal_days=20,
        fee_note="Không thu phí",
        documents=documents,
    )
    ctx.catalog.save(spec, by=admin)
    return spec.code


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_every_page_fits_the_screen(
    panel: GuidePanel, ctx: KioskContext, admin: Actor, qtbot: QtBot, width: int, height: int, tmp_path: Path
) -> None:
    code = long_procedure(ctx, admin)
    panel.reset()
    panel.resize(width, height)
    QApplication.processEvents()

    def shot(name: str) -> None:
        assert_nothing_cut(panel)
        image = panel.grab()
        assert image.save(str(tmp_path / f"guide-{name}-{width}.png")) and image.width() == width

    shot("start")
    click(qtbot, panel.start.fields.pager.next) if panel.start.fields.page_count > 1 else None
    shot("start-2")
    panel.open_field("Văn bằng, chứng chỉ")
    shot("field")
    panel.open_procedure(code)
    page = panel.procedure
    assert isinstance(page, ProcedurePage) and page.content.page_count > 1
    for number in range(page.content.page_count):
        page.content.turn_to(number)
        shot(f"procedure-{number}")
    lines = read_all_pages(qtbot, page.content)
    info = ctx.catalog.get(code)
    assert [d for d in (document_line(d) for d in info.documents) if d in lines] == [
        document_line(d) for d in info.documents
    ]
    panel.show_printed("Máy in đang gặp sự cố. Xin Ông/Bà báo cán bộ tại quầy để được in lại phiếu.")
    shot("printed")
    panel.open_search()
    shot("search-empty")
    for key in "van bang":
        click(qtbot, panel.searching.keyboard.keys["space" if key == " " else key])
    assert panel.searching.results.page_count > 1
    shot("search")
    click(qtbot, panel.searching.results.pager.next)
    shot("search-2")


def test_names_of_hundreds_of_letters_are_set_smaller_not_cut(
    panel: GuidePanel, ctx: KioskContext, admin: Actor, qtbot: QtBot
) -> None:
    huge = ("Giấy xác nhận quá trình học tập, rèn luyện và tham gia hoạt động xã hội của người học " * 6)[:480].strip()
    name = ("Cấp giấy chứng nhận hoàn thành chương trình bồi dưỡng thường xuyên dành cho giáo viên " * 6)[:480].strip()
    spec = ProcedureSpec(
        code="DP-9002",
        name=name,
        field="Thi, tuyển sinh",
        legal_days=5,
        documents=(DocumentSpec(huge), DocumentSpec("Đơn")),
    )
    ctx.catalog.save(spec, by=admin)
    for width, height in SCREENS:
        panel.resize(width, height)
        panel.open_procedure("DP-9002")
        assert_nothing_cut(panel, smallest=16)
        lines = read_all_pages(qtbot, panel.procedure.content)
        assert f"{huge}: 1 bản" in lines and "Đơn: 1 bản" in lines
        assert panel.procedure.title.height() <= height // 3 + 60
        panel.open_search()
        for key in "cap giay chung nhan hoan thanh":
            click(qtbot, panel.searching.keyboard.keys["space" if key == " " else key])
        assert panel.searching.results.shown()[0].item.key == "DP-9002"
        assert_nothing_cut(panel, smallest=16)
        panel.reset()


def test_pages_hold_what_fits_five_rows_at_most_and_keep_headings_with_their_text() -> None:
    assert paginate([100] * 7, room=500, gap=10, most=5) == [0, 4]  # 4 × 100 + 3 × 10 fits, a fifth does not
    assert paginate([50] * 12, room=1000, gap=10, most=5) == [0, 5, 10]
    assert paginate([], room=500, gap=10, most=5) == [0]
    heading = [False, False, True, False]
    assert paginate([200, 200, 50, 200], room=500, gap=10, most=9, keep_with_next=heading) == [0, 2]
    assert paginate([50, 900, 100], room=500, gap=10, most=9, keep_with_next=[True]) == [0, 2]  # too tall: kept
    assert paginate([300, 900, 100], room=500, gap=10, most=9) == [0, 1, 2]
