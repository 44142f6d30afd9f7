"""A report saved as a file: where (the save dialog, which tests replace), its bytes written off the GUI thread,
and what to tell the supervisor when that fails."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from kiosk.errors import KioskError
from kiosk.services.reports.model import PERSONAL_DATA_NOTICE, Report
from kiosk.services.reports.service import FORMAT_LABELS, ReportFormat, ReportService
from kiosk.services.users import Actor

log = logging.getLogger(__name__)

SUFFIXES = {ReportFormat.PDF: ".pdf", ReportFormat.XLSX: ".xlsx", ReportFormat.CSV: ".csv"}
FILTERS = {ReportFormat.PDF: "PDF (*.pdf)", ReportFormat.XLSX: "Excel (*.xlsx)", ReportFormat.CSV: "CSV (*.csv)"}


def choose_file(suggested: Path, fmt: ReportFormat, parent: QWidget) -> str:
    """Where to save the report ("" when the supervisor cancels); tests replace this."""
    title = f"Lưu báo cáo – {FORMAT_LABELS[fmt]}"
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), FILTERS[fmt])
    return path


def target_of(path: str, fmt: ReportFormat) -> Path:
    """The chosen path, with the format's extension when the name was typed without it."""
    suffix = SUFFIXES[fmt]
    return Path(path if path.lower().endswith(suffix) else f"{path}{suffix}")


def write(reports: ReportService, report: Report, pdf: bytes, fmt: ReportFormat, target: Path, by: Actor) -> Path:
    """Write the report (the PDF already on screen, or the workbook / CSV made now), logged as an export; slow
    work for the runner."""
    if fmt is ReportFormat.PDF:
        target.write_bytes(pdf)
        reports.exported(report, fmt, by=by)
    else:
        target.write_bytes(reports.export(report, fmt, by=by))
    return target


def saved_text(report: Report, target: Path) -> str:
    """What the supervisor reads once the file is written; a file with citizens' personal data says so."""
    if report.personal_data:
        return f"Đã lưu {target}. Lưu ý: {PERSONAL_DATA_NOTICE}"
    return f"Đã lưu {target}."


def trouble(exc: BaseException) -> str:
    """What went wrong, in words for the supervisor (the details of a bug go to the log)."""
    if isinstance(exc, KioskError):
        return exc.message
    log.error("report failed", exc_info=exc)
    return f"Lỗi phần mềm khi lập báo cáo ({type(exc).__name__}). Hãy thử lại; nếu vẫn lỗi, báo quản trị viên."


def not_written(target: Path, exc: BaseException) -> str:
    if isinstance(exc, OSError):
        log.warning("could not save %s: %s", target, exc)
        return f"Không ghi được tệp {target} ({exc.strerror or exc}). Hãy chọn nơi khác hoặc đóng tệp đang mở."
    return trouble(exc)
