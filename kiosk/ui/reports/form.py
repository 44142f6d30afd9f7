"""What report to make: its kind (one tab each) and its day, period or ledger year, with the usual periods one
choice away ("Quý này", "Tháng trước" …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QStackedWidget, QTabBar, QWidget

from kiosk.services.reports.model import ReportKind
from kiosk.services.reports.periods import Preset, preset_period, previous
from kiosk.services.reports.service import REPORT_LABELS
from kiosk.ui.convert import from_date, to_date

KINDS = (ReportKind.DAILY, ReportKind.PERIOD, ReportKind.SURVEY, ReportKind.LEDGER)
CUSTOM = "Tự chọn ngày"


@dataclass(frozen=True)
class ReportRequest:
    """The report asked for: a day (first = last), a period, or a ledger year (its 1 January) and book."""

    kind: ReportKind
    first: date
    last: date
    book: int = 1


def presets(today: date) -> list[tuple[str, Preset, bool]]:
    """The periods offered, as (label, preset, the one before the current instead of the current)."""
    half = "6 tháng đầu năm" if today.month <= 6 else "6 tháng cuối năm"
    return [
        ("Tháng này", Preset.MONTH, False),
        ("Tháng trước", Preset.MONTH, True),
        ("Quý này", Preset.QUARTER, False),
        ("Quý trước", Preset.QUARTER, True),
        (half, Preset.HALF, False),
        ("Năm nay", Preset.YEAR, False),
        ("Năm trước", Preset.YEAR, True),
    ]


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
    edit.setMinimumWidth(140)
    return edit


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _fields(*groups: tuple[QWidget, ...], tail: QWidget | None = None) -> QWidget:
    """One row of labelled fields, a gap between groups; ``tail`` (a hint) takes the rest, else a stretch does."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for number, group in enumerate(groups):
        if number:
            row.addSpacing(12)
        for widget in group:
            row.addWidget(widget)
    if tail is None:
        row.addStretch(1)
    else:
        row.addSpacing(12)
        row.addWidget(tail, 1)
    return holder


class ReportForm(QWidget):
    kind_changed = Signal(object)  # ReportKind
    changed = Signal()  # anything asked for changed: the report on screen is no longer the one asked for

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        day = today()
        self.tabs = QTabBar()
        self.tabs.setObjectName("report_kinds")
        self.tabs.setExpanding(False)
        for kind in KINDS:
            self.tabs.addTab(REPORT_LABELS[kind])

        self.day = _date_edit()
        self.day.setDate(from_date(day))
        daily = _fields((_label("&Ngày báo cáo", self.day), self.day))

        self.preset = QComboBox()
        self._presets = presets(day)
        for label, _preset, _before in self._presets:
            self.preset.addItem(label)
        self.preset.addItem(CUSTOM)
        self.date_from = _date_edit()
        self.date_to = _date_edit()
        ranged = _fields(
            (_label("&Kỳ báo cáo", self.preset), self.preset),
            (_label("&Từ ngày", self.date_from), self.date_from, _label("đến ngày", self.date_to), self.date_to),
        )
        self.choose_preset(0)
        self.preset.currentIndexChanged.connect(self.choose_preset)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_edited)

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(day.year)
        self.year.setMinimumWidth(100)
        self.book = QSpinBox()
        self.book.setRange(1, 999)
        self.book.setMinimumWidth(80)
        self.book_hint = QLabel()
        self.book_hint.setProperty("role", "hint")
        ledger = _fields(
            (_label("&Năm", self.year), self.year), (_label("&Quyển số", self.book), self.book), tail=self.book_hint
        )

        self.fields = QStackedWidget()
        self._panels = {ReportKind.DAILY: daily, ReportKind.PERIOD: ranged, ReportKind.SURVEY: ranged}
        self._panels[ReportKind.LEDGER] = ledger
        for panel in (daily, ranged, ledger):
            self.fields.addWidget(panel)
        self.tabs.currentChanged.connect(self._kind_changed)
        for edit in (self.day, self.date_from, self.date_to):
            edit.dateChanged.connect(self.changed)
        for spin in (self.year, self.book):
            spin.valueChanged.connect(self.changed)

    @property
    def kind(self) -> ReportKind:
        return KINDS[self.tabs.currentIndex()]

    def set_kind(self, kind: ReportKind) -> None:
        self.tabs.setCurrentIndex(KINDS.index(kind))

    def _kind_changed(self, _index: int) -> None:
        self.fields.setCurrentWidget(self._panels[self.kind])
        self.kind_changed.emit(self.kind)
        self.changed.emit()

    def choose_preset(self, index: int) -> None:
        """Put the preset's first and last day in the date fields (the last entry, "Tự chọn ngày", keeps them)."""
        if not 0 <= index < len(self._presets):
            return
        _label, preset, before = self._presets[index]
        first, last = (previous if before else preset_period)(preset, self._today())
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(from_date(value))
            edit.blockSignals(False)
        if self.preset.currentIndex() != index:
            self.preset.setCurrentIndex(index)
        self.changed.emit()

    def _dates_edited(self) -> None:
        """Dates typed by hand: the period is no longer the preset's."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(len(self._presets))
        self.preset.blockSignals(False)

    def set_book_size(self, size: int) -> None:
        if size > 0:
            self.book_hint.setText(f"Mỗi quyển {size} hồ sơ; quyển sau nối tiếp số thứ tự của quyển trước.")
        else:
            self.book_hint.setText("Cả năm là một quyển.")
        self.book.setEnabled(size > 0)
        if size <= 0:
            self.book.setValue(1)

    def request(self) -> ReportRequest:
        kind = self.kind
        if kind is ReportKind.DAILY:
            day = to_date(self.day.date())
            return ReportRequest(kind, day, day)
        if kind is ReportKind.LEDGER:
            year = self.year.value()
            return ReportRequest(kind, date(year, 1, 1), date(year, 12, 31), self.book.value())
        return ReportRequest(kind, to_date(self.date_from.date()), to_date(self.date_to.date()))

    def focus_field(self, field: str | None) -> None:
        """Put the cursor where a refused request went wrong (the service names the field)."""
        target = {ReportKind.DAILY: self.day, ReportKind.LEDGER: self.year}.get(self.kind, self.date_from)
        if field == "to" and self.kind in (ReportKind.PERIOD, ReportKind.SURVEY):
            target = self.date_to
        target.setFocus()
