"""The supervisor's reports screen: who sees it, the four reports built and previewed, the periods one choice away,
a refused period, and the report leaving the screen as files, on the office printer and on the roll."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.printing.documents import Document
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.reports.model import ReportKind
from kiosk.services.reports.service import ReportFormat
from kiosk.ui import paper as paper_module
from kiosk.ui.convert import from_date, to_date
from kiosk.ui.main_window import Page
from kiosk.ui.reports import files as files_module
from kiosk.ui.reports.page import STALE, WAITING, ReportsPage
from kiosk.ui.tasks import ThreadRunner
from tests.printing.pdf_check import texts
from tests.ui.conftest import log_in


def reports_page(desk: GuiApp, user: str = "minh") -> ReportsPage:
    """One dossier received today (25/11/2026), then the supervisor on the reports screen."""
    ctx = desk.context
    data = RegistrationInput("2.001914", Applicant("person", "Nguyễn Văn An", "0912345678"))
    ctx.registration.register(data, by=ctx.users.get("lan"))
    log_in(desk.window, user)
    desk.window.showNormal()  # the supervisor's 1366×768 monitor, not the offscreen screen's 800×800
    desk.window.resize(1366, 768)
    page = desk.window.show_page(Page.REPORTS)
    assert isinstance(page, ReportsPage)
    return page


def dates(page: ReportsPage) -> tuple[date, date]:
    return to_date(page.form.date_from.date()), to_date(page.form.date_to.date())


def choose_preset(page: ReportsPage, label: str) -> None:
    index = page.form.preset.findText(label)
    assert index >= 0, label
    page.form.preset.setCurrentIndex(index)


def test_a_clerk_has_no_reports(desk: GuiApp) -> None:
    log_in(desk.window, "lan")
    assert not desk.window.nav_actions[Page.REPORTS].isVisible()
    assert Page.REPORTS not in desk.window.pages
    assert desk.window.show_page(Page.REPORTS) is None
    assert desk.window.stack.currentWidget() is desk.window.pages[Page.REGISTER]


def test_the_supervisor_previews_each_report(desk: GuiApp) -> None:
    page = reports_page(desk)
    assert desk.window.nav_actions[Page.REPORTS].isVisible() and desk.window.nav_actions[Page.REPORTS].isChecked()
    assert page.summary.text() == WAITING and page.viewer.pages is None
    assert not any(b.isEnabled() for b in (page.print_button, page.roll_button, *page.save_buttons.values()))
    expected = {
        ReportKind.DAILY: ("BÁO CÁO TỔNG HỢP TRONG NGÀY", "25/11/2026"),
        ReportKind.PERIOD: ("BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ", "01/11/2026"),
        ReportKind.SURVEY: ("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ SỰ HÀI LÒNG", "30/11/2026"),
        ReportKind.LEDGER: ("SỔ THEO DÕI", "-0001"),
    }
    for kind, (title, detail) in expected.items():
        page.form.set_kind(kind)
        page.build_button.click()
        report = page.report
        assert report is not None and report.kind is kind
        assert page.viewer.pages is not None and len(page.viewer.pages) >= 1
        assert page.viewer.position.text() == f"Trang 1/{len(page.viewer.pages)}"
        assert page.viewer.sheet.pixmap().width() > 600  # the page itself, drawn wide enough to read
        shown = texts(page.pdf)
        assert title in report.title and title in shown[0].upper(), shown[0][:200]
        assert any(detail in text for text in shown), kind
        assert report.title in page.summary.text() and report.period in page.summary.text()
        assert page.print_button.isEnabled() and all(b.isEnabled() for b in page.save_buttons.values())
        assert page.roll_button.isVisible() is (kind is not ReportKind.LEDGER)
    assert page.report is not None and (page.report.first.year, page.report.book) == (2026, 1)


def test_enter_builds_and_page_keys_turn(desk: GuiApp, qtbot: QtBot) -> None:
    page = reports_page(desk)
    page.form.set_kind(ReportKind.PERIOD)
    choose_preset(page, "Năm nay")
    qtbot.keyClick(page.form.date_to, Qt.Key.Key_Return)
    assert page.report is not None and (page.report.first, page.report.last) == (date(2026, 1, 1), date(2026, 12, 31))
    assert page.viewer.pages is not None
    count = len(page.viewer.pages)
    assert count >= 2, "a year's period report runs over more than one page"
    qtbot.keyClick(page.form.date_to, Qt.Key.Key_PageDown)
    assert page.viewer.index == 1 and page.viewer.position.text() == f"Trang 2/{count}"
    assert page.viewer.previous.isEnabled()
    page.viewer.previous.click()
    assert page.viewer.index == 0 and not page.viewer.previous.isEnabled()


def test_presets_fill_the_period(desk: GuiApp) -> None:
    page = reports_page(desk)
    page.form.set_kind(ReportKind.SURVEY)
    assert page.form.preset.currentText() == "Tháng này"
    assert dates(page) == (date(2026, 11, 1), date(2026, 11, 30))
    for label, period in (
        ("Quý này", (date(2026, 10, 1), date(2026, 12, 31))),
        ("Quý trước", (date(2026, 7, 1), date(2026, 9, 30))),
        ("Tháng trước", (date(2026, 10, 1), date(2026, 10, 31))),
        ("6 tháng cuối năm", (date(2026, 7, 1), date(2026, 12, 31))),
        ("Năm trước", (date(2025, 1, 1), date(2025, 12, 31))),
        ("Năm nay", (date(2026, 1, 1), date(2026, 12, 31))),
    ):
        choose_preset(page, label)
        assert dates(page) == period, label
    page.form.date_from.setDate(from_date(date(2026, 3, 15)))
    assert page.form.preset.currentText() == "Tự chọn ngày"  # typed by hand: no longer "Năm nay"
    page.build_button.click()
    assert page.report is not None and (page.report.first, page.report.last) == (date(2026, 3, 15), date(2026, 12, 31))
    assert "15/03/2026" in page.report.period and page.note.text() == ""
    choose_preset(page, "Quý này")  # a new choice: the report on screen is still the old one, and says so
    assert page.note.text() == STALE and page.report.first == date(2026, 3, 15)


def test_a_period_that_ends_before_it_starts_is_refused(desk: GuiApp, warnings: list[str]) -> None:
    page = reports_page(desk)
    page.form.set_kind(ReportKind.PERIOD)
    page.form.date_from.setDate(from_date(date(2026, 12, 31)))
    page.form.date_to.setDate(from_date(date(2026, 10, 1)))
    page.build_button.click()
    assert warnings == ["Ngày bắt đầu 31/12/2026 sau ngày kết thúc 01/10/2026."]
    assert page.report is None and page.viewer.pages is None and page.summary.text() == WAITING
    assert dates(page) == (date(2026, 12, 31), date(2026, 10, 1))  # the form is kept, to be corrected
    assert page.build_button.isEnabled() and not page.print_button.isEnabled()
    assert page.form.date_from.hasFocus()
    page.form.date_to.setDate(from_date(date(2027, 1, 31)))
    page.build_button.click()
    assert page.report is not None and page.report.last == date(2027, 1, 31) and len(warnings) == 1


def test_saving_writes_pdf_excel_and_csv(desk: GuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = reports_page(desk)
    page.form.set_kind(ReportKind.PERIOD)
    choose_preset(page, "Quý này")
    page.build_button.click()
    report = page.report
    assert report is not None
    offered: list[tuple[str, ReportFormat]] = []

    def choose(suggested: Path, fmt: ReportFormat, _parent: QWidget) -> str:
        offered.append((suggested.name, fmt))
        return str(tmp_path / f"quy-4{'' if fmt is ReportFormat.PDF else '.' + fmt.value}")

    monkeypatch.setattr(files_module, "choose_file", choose)
    for fmt in (ReportFormat.PDF, ReportFormat.XLSX, ReportFormat.CSV):
        page.save_buttons[fmt].click()
    assert offered == [
        (f"{report.file_stem}.pdf", ReportFormat.PDF),
        (f"{report.file_stem}.xlsx", ReportFormat.XLSX),
        (f"{report.file_stem}.csv", ReportFormat.CSV),
    ]
    assert report.file_stem == "bao-cao-ky-2026-10-01-2026-12-31"
    pdf = (tmp_path / "quy-4.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf == page.pdf
    sheet = openpyxl.load_workbook(tmp_path / "quy-4.xlsx").worksheets[0]
    assert sheet["B1"].value is None and report.title in [sheet.cell(r, 1).value for r in range(1, 5)]
    rows = list(csv.reader(io.StringIO((tmp_path / "quy-4.csv").read_bytes().decode("utf-8-sig"))))
    assert any(report.title in row for row in rows) or any(report.tables()[0].title in row for row in rows)
    assert page.note.text() == f"Đã lưu {tmp_path / 'quy-4.csv'}."


def test_a_file_that_cannot_be_written_is_told(
    desk: GuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    page = reports_page(desk)
    page.build_button.click()
    monkeypatch.setattr(files_module, "choose_file", lambda *_a: str(tmp_path / "khong-co" / "bao-cao.xlsx"))
    page.save_buttons[ReportFormat.XLSX].click()
    (text,) = warnings
    assert text.startswith(f"Không ghi được tệp {tmp_path / 'khong-co' / 'bao-cao.xlsx'}") and "chọn nơi khác" in text
    assert not page.busy and page.save_buttons[ReportFormat.XLSX].isEnabled()


def test_the_daily_summary_goes_on_the_roll(desk: GuiApp, printed: list[Document]) -> None:
    page = reports_page(desk)
    page.build_button.click()  # the daily summary: the first tab
    report = page.report
    assert report is not None and report.kind is ReportKind.DAILY
    page.roll_button.click()
    (doc,) = printed
    assert (doc.kind, doc.title) == ("report_daily", report.title)
    page.form.set_kind(ReportKind.LEDGER)
    page.build_button.click()
    assert not page.roll_button.isVisible()
    page.print_roll()  # not even by calling it: the ledger is an A4 book
    assert len(printed) == 1


def test_ctrl_p_prints_the_report_on_the_office_printer(
    desk: GuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = reports_page(desk)
    page.form.set_kind(ReportKind.SURVEY)
    page.build_button.click()
    assert page.viewer.pages is not None
    pages = len(page.viewer.pages)
    out = tmp_path / "may-in.pdf"

    def choose(printer: QPrinter, count: int, _parent: QWidget) -> bool:
        assert count == pages
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(paper_module, "choose_printer", choose)
    desk.window.reprint_last()  # what Ctrl+P does anywhere in the window
    assert len(texts(out.read_bytes())) == pages
    assert page.note.text().startswith(f"Đã gửi {pages} trang")
    assert desk.window.dossier_dialog is None  # not the last receipt again


def test_the_report_is_built_off_the_gui_thread(desk: GuiApp, qtbot: QtBot) -> None:
    reports_page(desk)
    runner = ThreadRunner()
    ctx = desk.context
    page = ReportsPage(ctx.reports, desk.window.session, runner, desk.window.printer, ctx.calendar.today)
    qtbot.addWidget(page)
    page.form.set_kind(ReportKind.PERIOD)
    page.build()
    assert page.summary.text() == "Đang lập báo cáo…" and not page.build_button.isEnabled()
    page.build()  # a second Enter while the first is under way is ignored
    qtbot.waitUntil(lambda: page.report is not None, timeout=20_000)
    assert runner.wait() and page.build_button.isEnabled() and page.viewer.pages is not None
