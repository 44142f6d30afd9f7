"""Công khai thủ tục hành chính: the notice-board sheets (previewed, then printed or saved) and the static website
(written into a folder), both from the catalog in force. Any logged-in user may publish: it is public information.

The work runs through the runner handed in, off the GUI thread; only its result touches the widgets.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.printing.notice_pdf import NoticePdf
from kiosk.services.publishing import PublishingService, SiteReport
from kiosk.ui import messages
from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

TITLE = "Công khai thủ tục hành chính"
SHEETS = "Bảng niêm yết thủ tục hành chính"
ALL_FIELDS = "Tất cả lĩnh vực"
FILE_NAME = "bang-niem-yet-thu-tuc-hanh-chinh.pdf"


def choose_folder(parent: QWidget) -> str:
    """The folder to write the website into ("" when cancelled); tests replace this."""
    return QFileDialog.getExistingDirectory(parent, "Chọn thư mục ghi trang web danh mục thủ tục", str(Path.home()))


class PublishDialog(QDialog):
    def __init__(self, publishing: PublishingService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._publishing = publishing
        self._runner = runner
        self.busy = False

        intro = QLabel(
            "Từ danh mục thủ tục đang áp dụng: các thủ tục đã ngừng áp dụng không được công khai. "
            "Bảng niêm yết và trang web có cùng nội dung."
        )
        intro.setWordWrap(True)

        self.field = QComboBox()
        self.field.addItem(ALL_FIELDS, None)
        for name in self._fields():
            self.field.addItem(name, name)
        self.sheets_button = QPushButton("&Bảng niêm yết (PDF)…")
        self.sheets_button.setProperty("role", "primary")
        self.sheets_button.setDefault(True)
        self.sheets_button.clicked.connect(self.make_sheets)
        sheets_hint = QLabel("Mỗi thủ tục một trang A4, có trang mục lục; xem trước rồi in hoặc lưu PDF.")
        sheets_hint.setProperty("role", "hint")
        sheets_hint.setWordWrap(True)
        sheets = QGroupBox("Niêm yết tại quầy")
        sheets_form = QFormLayout(sheets)
        sheets_form.addRow("&Lĩnh vực", self.field)
        sheets_form.addRow(self.sheets_button)
        sheets_form.addRow(sheets_hint)
        if not publishing.settings.publish.website_url:
            no_qr = QLabel("Chưa đặt địa chỉ trang web trong Cài đặt: bảng niêm yết sẽ không có mã QR.")
            no_qr.setProperty("role", "hint")
            no_qr.setWordWrap(True)
            sheets_form.addRow(no_qr)

        self.site_button = QPushButton("&Trang web (thư mục HTML)…")
        self.site_button.clicked.connect(self.make_site)
        site_hint = QLabel(
            "Ghi index.html, mỗi thủ tục một trang và style.css vào một thư mục trống (hoặc thư mục đã xuất lần "
            "trước, được thay toàn bộ); đưa cả thư mục lên trang web của Sở."
        )
        site_hint.setProperty("role", "hint")
        site_hint.setWordWrap(True)
        site = QGroupBox("Đăng trên trang web")
        site_layout = QVBoxLayout(site)
        site_layout.addWidget(self.site_button)
        site_layout.addWidget(site_hint)

        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("Đóng (Esc)")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(sheets)
        layout.addWidget(site)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)
        self.sheets_button.setFocus()

    def _fields(self) -> list[str]:
        try:
            return self._publishing.fields()
        except KioskError as exc:  # the list is a convenience: the dialog still opens, the work will say why
            log.warning("fields for publishing: %s", exc)
            return []

    # -- the notice board -----------------------------------------------------------------------------------------

    def make_sheets(self) -> None:
        if self.busy:
            return
        field = self.field.currentData()
        fields = [field] if isinstance(field, str) else None
        self._start("Đang lập bảng niêm yết…")
        self._runner.run(lambda: self._publishing.sheets(fields=fields), self._sheets_made, self._failed)

    def _sheets_made(self, made: NoticePdf) -> None:
        from kiosk.ui.paper import PaperDialog  # Qt's print support and pdfium load with the first preview

        self._stop(f"Bảng niêm yết: {len(made.sheet_pages)} thủ tục, {made.pages} trang A4.")
        if not self.isVisible():  # closed while the sheets were being made
            return
        note = "Mỗi thủ tục bắt đầu ở một trang mới; in một mặt để dán lên bảng."
        PaperDialog.show_pdf(made.data, SHEETS, FILE_NAME, self, note=note)

    # -- the website ----------------------------------------------------------------------------------------------

    def make_site(self) -> None:
        if self.busy:
            return
        chosen = choose_folder(self)
        if not chosen:
            return
        folder = Path(chosen)
        self._start(f"Đang ghi trang web vào {folder}…")
        self._runner.run(lambda: self._publishing.write_site(folder), self._site_written, self._failed)

    def _site_written(self, report: SiteReport) -> None:
        verb = "Đã thay trang web cũ trong" if report.replaced else "Đã ghi trang web vào"
        self._stop(
            f"{verb} {report.folder}: index.html, {report.pages} trang thủ tục ({len(report.fields)} lĩnh vực), "
            "style.css."
        )

    # -- either -----------------------------------------------------------------------------------------------------

    def _start(self, text: str) -> None:
        self.busy = True
        self.note.setText(text)
        self.sheets_button.setEnabled(False)
        self.site_button.setEnabled(False)

    def _stop(self, text: str = "") -> None:
        self.busy = False
        self.note.setText(text)
        self.sheets_button.setEnabled(True)
        self.site_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        if isinstance(exc, KioskError):
            messages.warn(self, TITLE, exc.message)
            return
        log.error("publishing failed", exc_info=exc)
        messages.warn(
            self,
            TITLE,
            f"Lỗi phần mềm khi công khai danh mục ({type(exc).__name__}). Hãy thử lại; nếu vẫn lỗi, báo quản trị viên.",
        )
