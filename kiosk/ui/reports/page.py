"""Báo cáo: the supervisor picks a report and its period, previews the very pages that print, then prints them on
the office printer, prints the summary on the roll, or saves the report as PDF, Excel or CSV.

Building a report and writing a file run off the GUI thread; the figures are read when "Xem báo cáo" is pressed,
and the saved files and the printed pages are that same report.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.services.reports.model import Report, ReportKind
from kiosk.services.reports.service import ReportFormat, ReportService
from kiosk.services.users import Actor
from kiosk.ui import messages
from kiosk.ui import paper as paper_module
from kiosk.ui.pdf_print import print_pages
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.reports import files
from kiosk.ui.reports.form import ReportForm, ReportRequest
from kiosk.ui.reports.viewer import PageViewer
from kiosk.ui.session import UserSession
from kiosk.ui.tasks import TaskRunner

WAITING = "Chọn loại báo cáo và kỳ báo cáo, rồi bấm «Xem báo cáo» (Enter)."
BUILDING = "Đang lập báo cáo…"
STALE = "Lựa chọn đã đổi: bấm «Xem báo cáo» (Enter) để lập báo cáo mới."


def build(reports: ReportService, request: ReportRequest, by: Actor) -> tuple[Report, bytes]:
    """The report asked for and its PDF (for the yearly ledger, the official ledger form)."""
    kind = request.kind
    if kind is ReportKind.DAILY:
        report = reports.daily(request.first, by=by)
    elif kind is ReportKind.PERIOD:
        report = reports.period(request.first, request.last, by=by)
    elif kind is ReportKind.SURVEY:
        report = reports.survey(request.first, request.last, by=by)
    else:
        report = reports.ledger(request.first.year, request.book, by=by)
    return report, reports.render(report, ReportFormat.PDF)


class ReportsPage(QWidget):
    def __init__(
        self,
        reports: ReportService,
        session: UserSession,
        runner: TaskRunner,
        printer: DeskPrinter,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self._session = session
        self._runner = runner
        self._printer = printer
        self.report: Report | None = None
        self.pdf = b""
        self.busy = False
        self.folder = Path.home()

        heading = QLabel("Báo cáo")
        heading.setProperty("role", "heading")
        self.form = ReportForm(today)
        self.form.kind_changed.connect(self._kind_changed)
        self.form.changed.connect(self._form_changed)
        self.build_button = QPushButton("Xem báo cáo (Enter)")
        self.build_button.setProperty("role", "primary")
        self.build_button.clicked.connect(self.build)
        card = QFrame()
        card.setProperty("role", "card")
        card.setStyleSheet("QStackedWidget, QStackedWidget > QWidget { background: transparent; }")
        fields = QHBoxLayout(card)
        fields.setContentsMargins(12, 8, 12, 8)
        fields.addWidget(self.form.fields, 1)
        fields.addWidget(self.build_button)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.form.tabs, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)

        self.summary = QLabel(WAITING)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.viewer = PageViewer("Chưa có báo cáo nào được lập.")
        seen = QHBoxLayout()
        seen.addWidget(self.summary, 1)
        for widget in (self.viewer.previous, self.viewer.position, self.viewer.next):
            seen.addWidget(widget)

        self.note = QLabel()
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.print_button = QPushButton("In… (Ctrl+P)")
        self.print_button.clicked.connect(self.print_paper)
        self.roll_button = QPushButton("In phiếu nhiệt")
        self.roll_button.clicked.connect(self.print_roll)
        self.save_buttons = {
            fmt: QPushButton(label)
            for fmt, label in (
                (ReportFormat.PDF, "Lưu PDF…"),
                (ReportFormat.XLSX, "Lưu Excel…"),
                (ReportFormat.CSV, "Lưu CSV…"),
            )
        }
        outputs = QHBoxLayout()
        outputs.addWidget(self.note, 1)
        outputs.addWidget(self.print_button)
        outputs.addWidget(self.roll_button)
        for fmt, button in self.save_buttons.items():
            button.clicked.connect(partial(self.save, fmt))
            outputs.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        asked = QVBoxLayout()  # the tabs sit on the card, as a tab widget's do
        asked.setSpacing(0)
        asked.addLayout(top)
        asked.addWidget(card)
        layout.addLayout(asked)
        layout.addLayout(seen)
        layout.addWidget(self.viewer, 1)
        layout.addLayout(outputs)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self, self.build, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.viewer.turn(-1), context=context)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.viewer.turn(1), context=context)
        self._kind_changed(self.form.kind)
        self._set_outputs()

    def focus_form(self) -> None:
        self.form.tabs.setFocus()

    def _kind_changed(self, kind: ReportKind) -> None:
        if kind is ReportKind.LEDGER:
            self.form.set_book_size(self._reports.settings.forms.ledger_book_size)
        self._set_outputs()

    def _form_changed(self) -> None:
        if self.report is not None and not self.busy:
            self.note.setText(STALE)

    def _set_outputs(self) -> None:
        shown = self.report is not None and not self.busy
        for button in (self.print_button, *self.save_buttons.values()):
            button.setEnabled(shown)
        on_roll = self.report is None or self.report.kind is not ReportKind.LEDGER
        self.roll_button.setVisible(on_roll)  # the ledger is an A4 book, never a roll
        self.roll_button.setEnabled(shown and on_roll)
        self.build_button.setEnabled(not self.busy)

    # -- building ---------------------------------------------------------------------------------------------------

    def build(self) -> None:
        """Make the report the form asks for, off the GUI thread; a refused request leaves the form as it was."""
        if self.busy or not self._session.logged_in:
            return
        request = self.form.request()
        self._start("")
        self.summary.setText(BUILDING)
        self._runner.run(partial(build, self._reports, request, self._session.actor), self._built, self._not_built)

    def _start(self, text: str) -> None:
        self.busy = True
        self.note.setText(text)
        self._set_outputs()

    def _stop(self, text: str = "") -> None:
        self.busy = False
        self.note.setText(text)
        self._set_outputs()
        self.summary.setText(self._summary())

    def _summary(self) -> str:
        """The report on screen: its title, its period and when its figures were read."""
        report = self.report
        if report is None:
            return WAITING
        made = f"lập lúc {report.made_at:%H:%M ngày %d/%m/%Y}"
        return f"<b>{html.escape(report.title)}</b><br>{html.escape(report.period)} · {made}"

    def _built(self, result: tuple[Report, bytes]) -> None:
        report, pdf = result
        try:
            self.viewer.show_pdf(pdf)
        except Exception as exc:  # a PDF the viewer cannot open: told like any failure, the screen stays usable
            self._not_built(exc)
            return
        self.report, self.pdf = report, pdf
        self._stop()

    def _not_built(self, exc: BaseException) -> None:
        self._stop()
        messages.warn(self, "Báo cáo", files.trouble(exc))
        self.form.focus_field(exc.field if isinstance(exc, KioskError) else None)

    # -- paper ------------------------------------------------------------------------------------------------------

    def print_paper(self) -> None:
        """The report's pages on the office printer, through the system's print dialog."""
        pages, report = self.viewer.pages, self.report
        if pages is None or report is None or self.busy:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(report.file_stem)
        if not paper_module.choose_printer(printer, len(pages), self):
            return
        try:
            printed = print_pages(pages, printer)
        except KioskError as exc:
            messages.warn(self, "In báo cáo", exc.message)
            return
        self.note.setText(f"Đã gửi {printed} trang tới máy in «{printer.printerName() or 'PDF'}».")

    def print_roll(self) -> None:
        """The report on the desk's thermal roll (the daily summary at closing time)."""
        report = self.report
        if report is None or report.kind is ReportKind.LEDGER or self.busy:
            return
        try:
            doc = self._reports.roll(report)
        except KioskError as exc:
            messages.warn(self, "In phiếu nhiệt", exc.message)
            return
        if self._printer.print(doc, self) is not None:
            self.note.setText("Đã gửi báo cáo tới máy in phiếu.")

    # -- files ------------------------------------------------------------------------------------------------------

    def save(self, fmt: ReportFormat) -> None:
        report = self.report
        if report is None or self.busy:
            return
        path = files.choose_file(self.folder / f"{report.file_stem}{files.SUFFIXES[fmt]}", fmt, self)
        if not path:
            return
        target = files.target_of(path, fmt)
        self.folder = target.parent
        self._start(f"Đang lưu {target.name}…")
        self._runner.run(
            partial(files.write, self._reports, report, self.pdf, fmt, target, self._session.actor),
            lambda saved: self._stop(files.saved_text(report, saved)),
            partial(self._not_saved, target),
        )

    def _not_saved(self, target: Path, exc: BaseException) -> None:
        self._stop()
        messages.warn(self, "Lưu báo cáo", files.not_written(target, exc))
