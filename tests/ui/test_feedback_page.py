"""The feedback page at the desk: record with the form (errors under the fields), offer the slip, handle a feedback
in its detail (forward, note, answer), filter and search the list — driven through the widgets themselves."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from kiosk.printing.documents import Document, Emphasis
from kiosk.services.feedback_types import FeedbackInput, FeedbackView, Show, Standing
from kiosk.ui.feedback import actions
from kiosk.ui.feedback.detail import FeedbackDetail
from kiosk.ui.feedback.form import FeedbackForm
from kiosk.ui.feedback.model import STANDING_COLOURS
from kiosk.ui.feedback.page import FeedbackPage
from tests.helpers import local
from tests.ui.conftest import Questions, log_in

HOTLINE = "0263 3 822 000"
SHOTS = Path("/tmp/feedback-ui")


@pytest.fixture
def slips() -> list[Document]:
    """Papers the page handed to the desk printer."""
    return []


@pytest.fixture
def page(desk: GuiApp, qtbot: QtBot, slips: list[Document]) -> FeedbackPage:
    ctx = desk.context
    ctx.change_settings(
        msgspec.structs.replace(ctx.settings, office=msgspec.structs.replace(ctx.settings.office, hotline=HOTLINE))
    )
    log_in(desk.window, "lan")
    widget = FeedbackPage(
        ctx.feedback, desk.window.session, slips.append, ctx.calendar.rules.zone, lambda: ctx.settings
    )
    desk.window.stack.addWidget(widget)  # where the main window will show it
    desk.window.stack.setCurrentWidget(widget)
    return widget


def clock(desk: GuiApp) -> FixedClock:
    found = desk.context.clock
    assert isinstance(found, FixedClock)
    return found


def record(desk: GuiApp, at: datetime, data: FeedbackInput) -> FeedbackView:
    clock(desk).set(at)
    return desk.context.feedback.record(data, by=desk.context.users.get("lan"))


def answer(monkeypatch: pytest.MonkeyPatch, cls: type, value: object) -> None:
    monkeypatch.setattr(cls, "ask", staticmethod(lambda *a, **k: value))


def cell(page: FeedbackPage, row: int, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
    return page.model.data(page.model.index(row, column), role)


def test_record_in_person_and_print_the_slip(page: FeedbackPage, asked: Questions, slips: list[Document]) -> None:
    changed: list[FeedbackView] = []
    page.changed.connect(changed.append)
    page.new_button.click()
    form = page.form
    assert isinstance(form, FeedbackForm) and form.isVisible()
    hotline = form.findChild(QLabel, "feedback_hotline")
    assert hotline is not None and hotline.text() == f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {HOTLINE}"
    deadline = form.findChild(QLabel, "feedback_deadline")
    assert deadline is not None and "<b>thứ Tư 09/12/2026</b> (10 ngày làm việc)" in deadline.text()
    assert form.channel.currentText() == "Trực tiếp tại quầy"
    form.citizen_name.setText("Nguyễn Văn An")
    form.phone.setText("0912 345 678")
    form.content.setPlainText("Phòng chờ không có quạt, người cao tuổi phải đứng chờ lâu.")
    asked.answer = True
    form.save_button.click()
    assert not form.isVisible() and form.view is not None
    assert asked.texts == [
        "Đã ghi phản ánh số 1/2026, hạn trả lời 09/12/2026.\n\nIn phiếu tiếp nhận cho người phản ánh?"
    ]
    (slip,) = slips
    assert slip.title == "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ" and slip.footer == (
        f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {HOTLINE}",
    )
    assert Emphasis("Hạn trả lời: thứ Tư 09/12/2026") in slip.blocks
    assert [v.label for v in changed] == ["1/2026"]
    assert page.model.rowCount() == 1
    assert [cell(page, 0, c) for c in range(7)] == [
        "1/2026",
        "25/11/2026",
        "Phản ánh",
        "Nguyễn Văn An",
        "Phòng chờ không có quạt, người cao tuổi phải đứng chờ lâu.",
        "09/12/2026",
        "Đang xử lý, trong hạn",
    ]
    assert page.filter_buttons[Show.OPEN].text() == "Đang xử lý (1)"
    hotline_line = page.findChild(QLabel, "feedback_page_hotline")
    assert hotline_line is not None and hotline_line.text() == f"Đường dây nóng: {HOTLINE}"


def test_form_shows_each_problem_under_its_field(
    page: FeedbackPage, desk: GuiApp, qtbot: QtBot, asked: Questions
) -> None:
    form = page.open_form()
    assert form is not None
    form.suggestion.setChecked(True)
    form.channel.setCurrentIndex(form.channel.findData("phone"))
    form.phone.setText("123")
    form.dossier.setText("000.00.10.H15-261125-0042")
    assert form.save() is None
    assert form.errors["phone"].text().startswith("Số điện thoại không hợp lệ: di động 10 chữ số")
    assert form.errors["content"].text() == "Vui lòng nhập nội dung phản ánh, kiến nghị."
    assert form.errors["citizen_name"].isHidden() and form.errors["dossier"].isHidden()
    assert form.phone.property("invalid") is True
    form.phone.setText("0263 3 822 000")
    form.content.setPlainText("Đề nghị niêm yết thêm lệ phí cấp bản sao.")  # checked again as typed, after a try
    assert form.errors["phone"].isHidden() and form.errors["content"].isHidden()
    form.activateWindow()  # offscreen, shortcuts reach only the active window
    QApplication.processEvents()
    qtbot.keyClick(form.content, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves
    assert form.errors["dossier"].text() == "Không có hồ sơ mã «000.00.10.H15-261125-0042»."
    assert form.isVisible() and desk.context.feedback.listing() == []
    form.dossier.clear()
    view = form.save()
    assert view is not None and view.label == "1/2026" and view.phone == "02633822000"
    assert asked.texts == []  # by phone: nobody at the counter to take a slip
    assert cell(page, 0, 2) == "Kiến nghị" and cell(page, 0, 3) == "(không ghi tên)"


def test_forward_note_and_answer_in_the_detail(
    page: FeedbackPage, desk: GuiApp, monkeypatch: pytest.MonkeyPatch, warnings: list[str], slips: list[Document]
) -> None:
    record(desk, local(2026, 11, 20, 9, 0), FeedbackInput("complaint", "phone", "Trả lời chậm", "Trần Thị B"))
    clock(desk).set(local(2026, 11, 25, 9, 0))
    page.apply()
    detail = page.open_row(0)
    assert isinstance(detail, FeedbackDetail) and detail.isVisible()
    assert detail.title.text() == "Phản ánh số 1/2026"
    assert detail.standing.text() == "Đang xử lý, trong hạn · Hạn trả lời thứ Hai 07/12/2026"
    assert detail.steps.rowCount() == 1 and detail.steps.item(0, 1).text() == "Tiếp nhận"

    answer(monkeypatch, actions.ForwardDialog, actions.Forwarding("Phòng Khảo thí và Quản lý chất lượng", "Xem giúp"))
    detail.forward_button.click()
    assert detail.steps.rowCount() == 2
    assert "Thời hạn:" in [detail.facts.itemAt(i).widget().text() for i in range(detail.facts.count())]
    assert [detail.steps.item(1, c).text() for c in range(1, 5)] == [
        "Chuyển xử lý",
        "Trần Thị Lan",
        "Phòng Khảo thí và Quản lý chất lượng",
        "Xem giúp",
    ]
    answer(monkeypatch, actions.NoteDialog, "Đã gọi lại cho bà B")
    detail.note_button.click()
    answer(monkeypatch, actions.ForwardDialog, actions.Forwarding(" ", ""))
    detail.forward_button.click()  # refused by the service: said in words, nothing added
    assert warnings == ["Vui lòng nhập phòng, đơn vị xử lý."] and detail.steps.rowCount() == 3

    clock(desk).set(local(2026, 11, 26, 10, 0))
    answer(monkeypatch, actions.AnswerDialog, actions.Answer("Đã đẩy nhanh, hẹn trả 30/11.", "Văn phòng Sở"))
    detail.answer_button.click()
    assert detail.view.answer == "Đã đẩy nhanh, hẹn trả 30/11." and detail.steps.rowCount() == 4
    assert detail.standing.text() == "✓ Đã trả lời đúng hạn · Hạn trả lời thứ Hai 07/12/2026"
    assert STANDING_COLOURS[detail.view.standing] in detail.standing.styleSheet()
    assert not detail.forward_button.isEnabled() and not detail.answer_button.isEnabled()
    assert detail.note_button.isEnabled()
    assert page.model.rowCount() == 0  # no longer among the open ones
    page.show_filter(Show.ANSWERED)
    assert cell(page, 0, 6) == "✓ Đã trả lời đúng hạn"
    detail.print_button.click()
    assert slips[-1].title == "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ"


def test_filters_colours_and_search(page: FeedbackPage, desk: GuiApp, qtbot: QtBot) -> None:
    overdue = record(desk, local(2026, 11, 2, 9, 0), FeedbackInput("complaint", "phone", "Chưa ai gọi lại"))
    due_today = record(desk, local(2026, 11, 10, 9, 0), FeedbackInput("suggestion", "written", "Thêm chỗ để xe"))
    answered = record(desk, local(2026, 11, 20, 9, 0), FeedbackInput("complaint", "phone", "Cán bộ đến muộn"))
    fresh = record(desk, local(2026, 11, 25, 8, 0), FeedbackInput("suggestion", "in_person", "Cần bảng chỉ dẫn"))
    clock(desk).set(local(2026, 11, 24, 9, 0))
    desk.context.feedback.answer(answered.number, "Đã nhắc nhở", by=desk.context.users.get("minh"))
    clock(desk).set(local(2026, 11, 25, 9, 0))
    page.apply()
    assert [cell(page, r, 0) for r in range(page.model.rowCount())] == ["1/2026", "2/2026", "4/2026"]
    assert page.filter_buttons[Show.OPEN].text() == "Đang xử lý (3)"
    assert page.filter_buttons[Show.OVERDUE].text() == "Quá hạn (1)"

    def background(row: int) -> str | None:
        brush = cell(page, row, 6, Qt.ItemDataRole.BackgroundRole)
        return None if brush is None else brush.color().name()  # type: ignore[attr-defined]

    assert (cell(page, 0, 6), background(0)) == (
        "⚠ Quá hạn trả lời",
        QColor(STANDING_COLOURS[Standing.OVERDUE]).name(),
    )
    assert (cell(page, 1, 6), background(1)) == ("● Đến hạn trả lời hôm nay", "#fff1cc")
    assert (cell(page, 2, 6), background(2)) == ("Đang xử lý, trong hạn", None)
    desk.window.activateWindow()
    QApplication.processEvents()
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Alt+2: Quá hạn
    assert page.shown() is Show.OVERDUE and page.model.rowCount() == 1
    page.filter_buttons[Show.ANSWERED].click()
    assert (cell(page, 0, 0), cell(page, 0, 6), background(0)) == ("3/2026", "✓ Đã trả lời đúng hạn", "#e3f3e6")
    page.filter_buttons[Show.ALL].click()
    assert page.model.rowCount() == 4 and cell(page, 0, 0) == fresh.label
    page.use_dates.setChecked(True)
    page.date_from.setDate(page.date_from.date().addDays(-24))  # 01/11 - 24 days: 08/10 … 25/11
    assert page.model.rowCount() == 4
    page.date_to.setDate(page.date_to.date().addDays(-5))  # … 20/11
    assert [cell(page, r, 0) for r in range(page.model.rowCount())] == ["3/2026", "2/2026", "1/2026"]
    page.use_dates.setChecked(False)
    page.search.setText("cho de xe")  # diacritics optional
    page.apply()
    assert [cell(page, r, 0) for r in range(page.model.rowCount())] == [due_today.label]
    page.search.setText(overdue.label)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # one found: opened at once
    assert page.detail is not None and page.detail.view.label == "1/2026"


def test_keyboard_opens_the_form_and_the_detail(page: FeedbackPage, desk: GuiApp, qtbot: QtBot) -> None:
    record(desk, local(2026, 11, 25, 8, 0), FeedbackInput("complaint", "phone", "Máy lấy số hỏng"))
    page.apply()
    desk.window.activateWindow()
    QApplication.processEvents()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.form is not None and page.form.isVisible()
    page.form.reject()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail is not None and page.detail.view.content == "Máy lấy số hỏng"


def test_the_page_at_1366_by_768(
    page: FeedbackPage, desk: GuiApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Screenshots to look at (/tmp/feedback-ui/*.png), and the measures that keep Vietnamese from being cut."""
    long_name = "Huỳnh Thị Thuỳ Dương"
    record(desk, local(2026, 11, 2, 9, 0), FeedbackInput("complaint", "phone", "Chưa ai gọi lại trả lời", long_name))
    record(
        desk,
        local(2026, 11, 10, 14, 0),
        FeedbackInput(
            "suggestion",
            "written",
            "Đề nghị Sở niêm yết công khai lệ phí cấp bản sao văn bằng, chứng chỉ tại Bộ phận Một cửa và trên trang "
            "thông tin điện tử của Sở để người dân biết trước khi đến.",
            "Trường THPT Bùi Thị Xuân",
        ),
    )
    answered = record(desk, local(2026, 11, 20, 9, 0), FeedbackInput("complaint", "in_person", "Cán bộ đến muộn"))
    record(
        desk, local(2026, 11, 25, 8, 0), FeedbackInput("suggestion", "in_person", "Cần bảng chỉ dẫn", "Ông Ích Khiêm")
    )
    clock(desk).set(local(2026, 11, 24, 9, 0))
    desk.context.feedback.answer(answered.number, "Đã nhắc nhở cán bộ", by=desk.context.users.get("minh"))
    clock(desk).set(local(2026, 11, 25, 9, 0))
    window = desk.window
    window.showNormal()
    window.resize(1366, 768)
    page.show_filter(Show.ALL)
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    assert window.grab().save(str(SHOTS / "page.png"))

    table = page.table
    assert not table.horizontalScrollBar().isVisible()  # every column fits beside the navigation
    metrics = table.fontMetrics()
    bold = QFont(table.horizontalHeader().font())
    bold.setBold(True)  # the style sheet's headings
    heading = QFontMetrics(bold)
    padding = 16  # the cell's margins and grid line, with room to spare
    for column in (0, 1, 2, 3, 5, 6):
        texts = [str(cell(page, r, column)) for r in range(page.model.rowCount())]
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        assert table.columnWidth(column) >= widest + padding, (column, texts)
        title = str(page.model.headerData(column, Qt.Orientation.Horizontal))
        assert table.columnWidth(column) >= heading.horizontalAdvance(title) + padding, title
    assert table.columnWidth(4) >= 250  # the content keeps room to be read
    for button in page.filter_buttons.values():
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()) + 20
    assert page.new_button.width() >= page.new_button.fontMetrics().horizontalAdvance(page.new_button.text()) + 20

    form = page.open_form()
    assert form is not None
    form.phone.setText("12")
    form.save()  # with its error lines showing
    QApplication.processEvents()
    assert form.height() <= 768 and form.width() <= 1366
    assert form.grab().save(str(SHOTS / "form.png"))
    _labels_fit(form)
    form.reject()

    page.show_filter(Show.ANSWERED)
    detail = page.open_row(0)
    assert detail is not None
    QApplication.processEvents()
    assert detail.height() <= 768 and detail.width() <= 1366
    assert detail.grab().save(str(SHOTS / "detail.png"))
    _labels_fit(detail)


def _labels_fit(widget: QWidget) -> None:
    """Every one-line label is as tall as its font needs (no clipped diacritics) and as wide as its text."""
    for label in widget.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.wordWrap() or "<" in label.text():
            continue
        metrics = label.fontMetrics()
        assert label.height() >= metrics.height(), label.text()
        assert label.width() >= metrics.horizontalAdvance(label.text()), label.text()
