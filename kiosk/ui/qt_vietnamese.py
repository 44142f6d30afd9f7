"""Qt's own words in Vietnamese: Qt ships no Vietnamese translation of its widgets, so the few a clerk can meet
(edit menus, spin boxes, standard buttons) are translated here, and the locale names months and weekdays."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_EDITING = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Paste": "&Dán",
    "Delete": "Xoá",
    "Select All": "Chọn tất cả",
}
WORDS = {
    "QLineEdit": _EDITING,
    "QWidgetTextControl": _EDITING,
    "QAbstractSpinBox": {"&Select All": "Chọn &tất cả", "&Step up": "Tăng", "Step &down": "Giảm"},
    "QPlatformTheme": {
        "OK": "Đồng ý",
        "Cancel": "Huỷ",
        "Close": "Đóng",
        "&Yes": "&Có",
        "&No": "&Không",
        "Save": "Lưu",
        "Apply": "Áp dụng",
    },
    "QMessageBox": {"Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết"},
    # Saving a form as PDF goes through Qt's own file dialog where the desktop offers none.
    "QFileDialog": {
        "Look in:": "Thư mục:",
        "File &name:": "&Tên tệp:",
        "Files of type:": "Loại tệp:",
        "&Save": "&Lưu",
        "&Open": "&Mở",
        "Create New Folder": "Tạo thư mục mới",
        "Back": "Quay lại",
        "Forward": "Tiến tới",
        "Parent Directory": "Thư mục cha",
        "List View": "Xem danh sách",
        "Detail View": "Xem chi tiết",
    },
    "QFileSystemModel": {"Name": "Tên", "Size": "Kích thước", "Type": "Loại", "Date Modified": "Ngày sửa"},
}


class VietnameseQt(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return WORDS.get(context, {}).get(source)  # type: ignore[return-value]  # None: Qt keeps its own text

    def isEmpty(self) -> bool:
        return False


def install(app: QApplication) -> VietnameseQt:
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = VietnameseQt(app)
    app.installTranslator(translator)
    return translator
