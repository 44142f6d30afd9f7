"""One dossier: who, what, when, its history, and only the actions its state allows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import OfficeSettings
from kiosk.errors import KioskError
from kiosk.models import Role
from kiosk.printing.documents import receipt
from kiosk.printing.form_sets import FormRole
from kiosk.services.catalog_types import FORM_LABELS
from kiosk.services.corrections import Correction, CorrectionService
from kiosk.services.dossier_search import DossierSearch
from kiosk.services.dossier_views import DossierView
from kiosk.services.lifecycle import LifecycleService, MoveInput
from kiosk.services.states import ACTION_LABELS, NATIONAL_STATUS_LABELS, STATE_LABELS, DossierState, allowed_targets
from kiosk.services.timeliness import TIMELINESS_LABELS
from kiosk.services.users import UserService
from kiosk.ui import messages
from kiosk.ui.dossier import actions
from kiosk.ui.office_paper import OfficePaper
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.session import UserSession

S = DossierState
ACTIONS_PER_ROW = 4


class DossierDialog(QDialog):
    changed = Signal(object)  # DossierView after any action
    returned = Signal(object)  # DossierView whose result was just handed back: the survey starts from this

    def __init__(
        self,
        view: DossierView,
        *,
        lifecycle: LifecycleService,
        corrections: CorrectionService,
        search: DossierSearch,
        users: UserService,
        session: UserSession,
        printer: DeskPrinter,
        paper: OfficePaper,
        office: OfficeSettings,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lifecycle = lifecycle
        self._corrections = corrections
        self._search = search
        self._users = users
        self._session = session
        self._printer = printer
        self._paper = paper
        self._office = office
        self._zone = zone
        self.view = view
        self.setWindowTitle(f"Hồ sơ {view.code}")
        self.resize(1100, 680)

        self.title = QLabel()
        self.title.setProperty("role", "big")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.facts = QFormLayout()
        self.papers = QListWidget()
        self.papers.setWordWrap(True)
        self.papers.setMinimumHeight(150)
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(["Thời gian", "Việc", "Người thực hiện", "Ghi chú"])
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QGridLayout()
        self.action_buttons: dict[str, QPushButton] = {}

        facts_box = QWidget()
        facts_box.setLayout(self.facts)
        grid = QGridLayout()
        grid.addWidget(facts_box, 0, 0)
        papers_box = QVBoxLayout()
        papers_box.addWidget(QLabel("Giấy tờ đã nhận"))
        papers_box.addWidget(self.papers, 1)
        grid.addLayout(papers_box, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addLayout(grid)
        layout.addWidget(QLabel("Diễn biến"))
        layout.addWidget(self.history, 1)
        layout.addLayout(self.buttons)
        QShortcut(QKeySequence("Ctrl+P"), self, self.reprint)
        self._show()

    # -- showing ------------------------------------------------------------------------------------------------------

    def _show(self) -> None:
        v = self.view
        self.title.setText(f"{v.code}" + ("  — ĐÃ HUỶ (nhập nhầm)" if v.voided else ""))
        status = f"{STATE_LABELS[v.state]} (mã {v.national_status}: {NATIONAL_STATUS_LABELS[v.national_status]})"
        if v.timeliness:
            status += f" · {TIMELINESS_LABELS[v.timeliness]}"
        if v.voided:
            status += f" · Huỷ: {v.void_reason} (duyệt: {v.void_supervisor})"
        self.state.setText(status)
        while self.facts.rowCount():
            self.facts.removeRow(0)
        a = v.applicant
        rows = [
            ("Người nộp", f"{a.name} ({'cá nhân' if a.kind == 'person' else 'tổ chức'})"),
            ("Điện thoại", a.phone),
            ("Số định danh / MST", a.id_number or a.tax_code or "—"),
            ("Địa chỉ", a.address or "—"),
            ("Thủ tục", f"{v.procedure.name} ({v.procedure.code})"),
            ("Nhận lúc", self._at(v.received_at)),
            (
                "Hẹn trả",
                self._at(v.due_at)
                + (f" (hẹn ban đầu {v.original_due_date:%d/%m/%Y})" if v.reappointed and v.original_due_date else ""),
            ),
            (
                "Số sổ",
                f"{v.ledger_number}/{v.ledger_year} · {v.sets} bộ · "
                + ("bưu chính" if v.delivery == "post" else "tại quầy"),
            ),
            ("Cán bộ tiếp nhận", v.clerk_name),
        ]
        if v.office:
            rows.append(("Phòng chuyên môn", v.office))
        if v.collector:
            rows.append(("Người nhận kết quả", v.collector))
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(f"{label}:", text)
        self.papers.clear()
        for doc in v.documents:
            form = FORM_LABELS[doc.form]
            self.papers.addItem(
                f"{doc.name}{f' ({form})' if form else ''} × {doc.count}"
                + ("" if doc.from_catalog else " – giấy tờ khác")
            )
        self.history.setRowCount(len(v.events))
        for row, e in enumerate(v.events):
            note = e.reason or ""
            if "missing" in e.data:
                note = (note + " – Cần bổ sung: " + "; ".join(e.data["missing"])).strip(" –")
            if "office" in e.data:
                note = f"Chuyển {e.data['office']}" + (f" – {note}" if note else "")
            for column, value in enumerate((self._at(e.at), ACTION_LABELS[e.action], e.user_full_name, note)):
                self.history.setItem(row, column, QTableWidgetItem(value))
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._build_actions()

    def _at(self, value: datetime | None) -> str:
        return value.astimezone(self._zone).strftime("%H:%M %d/%m/%Y") if value is not None else "—"

    def _build_actions(self) -> None:
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.action_buttons = {}
        v = self.view
        available: list[tuple[str, str, Callable[[], None]]] = []
        if not v.voided:
            labels = {
                S.IN_PROCESS: "Chuyển phòng chuyên môn" if v.state is S.RECEIVED else "Đã nhận đủ hồ sơ bổ sung",
                S.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
                S.RESULT_READY: "Đã có kết quả",
                S.RETURNED: "Trả kết quả (F4)",
                S.WITHDRAWN: "Dừng theo yêu cầu người nộp",
                S.STOPPED: "Dừng giải quyết",
                S.CLOSED: "Đóng hồ sơ",
            }
            for target in allowed_targets(v.state):
                available.append((target.value, labels[target], partial(self.move_to, target)))
            if v.state in (S.RECEIVED, S.IN_PROCESS) and v.due_date and not v.reappointed:
                available.append(("reappoint", "Xin lỗi, hẹn lại", self.reappoint))
            available.append(("correct", "Sửa thông tin", self.correct))
            available.append(("void", "Huỷ (nhập nhầm)", self.void))
        available.append(("reprint", "In lại giấy tiếp nhận (Ctrl+P)", self.reprint))
        if self._paper.forms.available(v):
            available.append(("forms", "Biểu mẫu A5…", self.choose_form))
        for number, (key, label, handler) in enumerate(available):
            button = QPushButton(label)
            button.setObjectName(f"action_{key}")
            if key in ("returned", "result_ready"):
                button.setProperty("role", "primary")
            if key in ("void", "stopped", "withdrawn"):
                button.setProperty("role", "danger")
            button.clicked.connect(handler)
            self.buttons.addWidget(button, number // ACTIONS_PER_ROW, number % ACTIONS_PER_ROW)
            self.action_buttons[key] = button
        close = QPushButton("Đóng (Esc)")
        close.clicked.connect(self.accept)
        self.buttons.addWidget(close, (len(available) - 1) // ACTIONS_PER_ROW, ACTIONS_PER_ROW)

    # -- actions ------------------------------------------------------------------------------------------------------

    def move_to(self, target: DossierState) -> None:
        v = self.view
        move: MoveInput | None = None
        if target is S.IN_PROCESS and v.state is S.RECEIVED:
            office = actions.ForwardDialog.ask(list(self._office.specialist_offices), self)
            move = MoveInput(target, office=office) if office is not None else None
        elif target is S.IN_PROCESS:
            note = actions.ConfirmDialog.ask(
                "Nhận hồ sơ bổ sung",
                "Người nộp đã bổ sung đủ giấy tờ. Thời hạn giải quyết được tính lại từ đầu.",
                "Giấy tiếp nhận hồ sơ và hẹn trả kết quả mới",
                self,
            )
            move = MoveInput(target, reason=note) if note is not None else None
        elif target is S.SUPPLEMENT_REQUESTED:
            request = actions.SupplementRequestDialog.ask(self)
            move = MoveInput(target, reason=request.reason, missing=request.missing) if request else None
        elif target is S.RESULT_READY:
            result = actions.ResultDialog.ask(self)
            move = MoveInput(target, outcome=result.outcome, reason=result.reason) if result else None
        elif target is S.RETURNED:
            collector = actions.ReturnDialog.ask(v.applicant.name, v.delivery == "post", self)
            move = MoveInput(target, collector=collector) if collector is not None else None
        elif target is S.WITHDRAWN:
            reason = actions.ReasonDialog.ask(
                "Dừng theo yêu cầu của người nộp", "Đề nghị của người nộp", "Thông báo dừng giải quyết hồ sơ", self
            )
            move = MoveInput(target, reason=reason) if reason is not None else None
        elif target is S.STOPPED:
            reason = actions.ReasonDialog.ask("Dừng giải quyết", "Căn cứ dừng giải quyết", None, self)
            move = MoveInput(target, reason=reason) if reason is not None else None
        elif target is S.CLOSED:
            note = actions.ConfirmDialog.ask("Đóng hồ sơ", "Người nộp không bổ sung hồ sơ trong hạn.", None, self)
            move = MoveInput(target, reason=note) if note is not None else None
        if move is None:
            return
        if self._apply(lambda: self._lifecycle.move(v.code, move, by=self._session.actor)):
            if target is S.IN_PROCESS and v.state is S.SUPPLEMENT_REQUESTED:
                self._printer.print(receipt(self.view, self._office, self._zone), self, dossier_id=self.view.id)
            if target is S.RETURNED:
                self.returned.emit(self.view)
            handed_over = {S.SUPPLEMENT_REQUESTED: FormRole.SUPPLEMENT_REQUEST, S.WITHDRAWN: FormRole.STOP_NOTICE}
            if target in handed_over and handed_over[target] in self._paper.forms.available(self.view):
                self.show_form(handed_over[target])  # the applicant is told in writing

    def reappoint(self) -> None:
        assert self.view.due_date is not None
        answer = actions.ReappointDialog.ask(self.view.due_date, self)
        if answer and self._apply(
            lambda: self._lifecycle.reappoint(self.view.code, answer.new_date, answer.reason, by=self._session.actor)
        ):
            self.show_form(FormRole.APOLOGY)  # signed by the head of the agency and sent to the applicant

    def correct(self) -> None:
        answer = actions.CorrectDialog.ask(self.view.applicant, self)
        if answer:
            change = Correction(applicant=answer.applicant)
            self._apply(
                lambda: self._corrections.correct(self.view.code, change, answer.reason, by=self._session.actor)
            )

    def void(self) -> None:
        actor = self._session.actor
        answer = actions.VoidDialog.ask(not actor.can(Role.SUPERVISOR), self)
        if not answer:
            return

        def run() -> DossierView:
            approver = (
                self._users.approve(answer.supervisor, answer.password, what=f"huỷ hồ sơ {self.view.code}")
                if answer.supervisor
                else None
            )
            return self._corrections.void(self.view.code, answer.reason, by=actor, approver=approver)

        self._apply(run)

    def reprint(self) -> None:
        """The receipt again: the one that never printed if so, otherwise a fresh one marked "BẢN IN LẠI"."""
        doc = receipt(self.view, self._office, self._zone, reprint=True)
        self._printer.reprint(doc, self, dossier_id=self.view.id)

    def choose_form(self) -> None:
        """The official forms this dossier has now, in a menu under the button."""
        button = self.action_buttons["forms"]
        self.form_menu().exec(button.mapToGlobal(button.rect().bottomLeft()))

    def form_menu(self) -> QMenu:
        menu = QMenu(self)
        forms = self._paper.forms
        for role in forms.available(self.view):
            action = menu.addAction(forms.form_set().spec(role).name)
            action.triggered.connect(partial(self.show_form, role))
        return menu

    def show_form(self, role: FormRole) -> bool:
        return self._paper.dossier_form(role, self.view.code, self)

    def _apply(self, work: Callable[[], DossierView]) -> bool:
        try:
            self.view = work()
        except KioskError as exc:
            messages.warn(self, f"Hồ sơ {self.view.code}", exc.message)
            return False
        self._show()
        self.changed.emit(self.view)
        return True
