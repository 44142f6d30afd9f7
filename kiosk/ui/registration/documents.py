"""The checklist of papers: the catalog's list ticked as received, form and count per paper, and room for extras."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.catalog_types import FORM_LABELS, DocumentForm, DocumentSpec
from kiosk.services.dossier_views import ReceivedDocument
from kiosk.text import nfc

FORM_CHOICES = [
    (DocumentForm.ORIGINAL, "Bản chính"),
    (DocumentForm.COPY, "Bản sao"),
    (DocumentForm.ORIGINAL_SHOWN, "Bản chính để đối chiếu"),
    (DocumentForm.ANY, "—"),
]
RECEIVED, NAME, FORM, COUNT = range(4)


class DocumentsChecklist(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("3. Giấy tờ trong hồ sơ")
        title.setProperty("role", "heading")
        hint = QLabel("Đánh dấu giấy tờ đã nhận (phím cách). Giấy tờ (nếu có) chỉ đánh dấu khi người nộp có.")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("documents")
        self.table.setHorizontalHeaderLabels(["Đã nhận", "Giấy tờ", "Bản", "Số bản"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RECEIVED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FORM, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(FORM, 210)
        self.table.setColumnWidth(COUNT, 80)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(140)
        self.add_button = QPushButton("+ Thêm giấy tờ khác")
        self.add_button.clicked.connect(lambda: self.add_extra())
        self.remove_button = QPushButton("Xoá giấy tờ khác đang chọn")
        self.remove_button.clicked.connect(self.remove_selected_extra)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._catalog_rows = 0

    def set_documents(self, documents: tuple[DocumentSpec, ...]) -> None:
        self.table.setRowCount(0)
        for doc in documents:
            label = doc.name + (f" ({doc.condition or 'nếu có'})" if doc.optional else "")
            self._append(
                label, doc.form, doc.count, checked=not doc.optional, catalog_name=doc.name, optional=doc.optional
            )
        self._catalog_rows = len(documents)

    def add_extra(self, name: str = "") -> int:
        row = self._append(name, DocumentForm.ANY, 1, checked=True, catalog_name=None, optional=False)
        self.table.setCurrentCell(row, NAME)
        if not name:
            self.table.editItem(self._item(row, NAME))
        return row

    def remove_selected_extra(self) -> None:
        row = self.table.currentRow()
        if row >= self._catalog_rows:
            self.table.removeRow(row)

    def received(self) -> tuple[ReceivedDocument, ...]:
        papers = []
        for row in range(self.table.rowCount()):
            if self._checked(row):
                name = self._name(row)
                if name:
                    papers.append(ReceivedDocument(name, self._form(row), self._count(row), row < self._catalog_rows))
        return tuple(papers)

    def missing(self, required_only: bool = True) -> list[str]:
        """Catalog papers not ticked (the required ones, or every one), with their form, for a supplement slip."""
        out = []
        for row in range(self._catalog_rows):
            item = self._item(row, NAME)
            optional = bool(item.data(Qt.ItemDataRole.UserRole + 1))
            if not self._checked(row) and (not optional or not required_only):
                form = FORM_LABELS[self._form(row)]
                out.append(f"{self._name(row)} ({form})" if form else self._name(row))
        return out

    def set_checked(self, row: int, checked: bool) -> None:
        self._item(row, RECEIVED).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self._catalog_rows = 0

    # -- rows ---------------------------------------------------------------------------------------------------------

    def _append(
        self, label: str, form: DocumentForm, count: int, *, checked: bool, catalog_name: str | None, optional: bool
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        tick = QTableWidgetItem()
        tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        tick.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.table.setItem(row, RECEIVED, tick)
        name = QTableWidgetItem(label)
        name.setData(Qt.ItemDataRole.UserRole, catalog_name)
        name.setData(Qt.ItemDataRole.UserRole + 1, optional)
        if catalog_name is not None:
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, NAME, name)
        combo = QComboBox()
        for value, text in FORM_CHOICES:
            combo.addItem(text, value)
        combo.setCurrentIndex(next(i for i, (value, _) in enumerate(FORM_CHOICES) if value is form))
        self.table.setCellWidget(row, FORM, combo)
        spin = QSpinBox()
        spin.setRange(1, 99)
        spin.setValue(count)
        self.table.setCellWidget(row, COUNT, spin)
        return row

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _checked(self, row: int) -> bool:
        return self._item(row, RECEIVED).checkState() == Qt.CheckState.Checked

    def _name(self, row: int) -> str:
        item = self._item(row, NAME)
        catalog_name = item.data(Qt.ItemDataRole.UserRole)
        return nfc(catalog_name if catalog_name is not None else item.text()).strip()

    def _form(self, row: int) -> DocumentForm:
        combo = self.table.cellWidget(row, FORM)
        assert isinstance(combo, QComboBox)
        return DocumentForm(combo.currentData())

    def _count(self, row: int) -> int:
        spin = self.table.cellWidget(row, COUNT)
        assert isinstance(spin, QSpinBox)
        return spin.value()
