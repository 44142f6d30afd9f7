"""Tiếp nhận hồ sơ: procedure, applicant, papers, and a band at the bottom with the appointment and the outcomes.

The form reads top to bottom in the order the clerk works. The band never scrolls away: the appointment, large,
with its explanation, computed live (and again every half minute, since the cut-off may pass while the citizen
is at the desk), and the three outcomes the law has.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.config import OfficeSettings
from kiosk.errors import KioskError
from kiosk.printing.documents import Document, receipt, refusal_slip, supplement_slip
from kiosk.services.appointment import WEEKDAYS
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_types import ProcedureInfo
from kiosk.services.clock_guard import ClockSuspect
from kiosk.services.guidance import GuidanceInput, GuidanceService
from kiosk.services.registration import RegistrationInput, RegistrationService
from kiosk.ui import messages
from kiosk.ui.printer import DeskPrinter
from kiosk.ui.registration.applicant_form import ApplicantForm
from kiosk.ui.registration.documents import DocumentsChecklist
from kiosk.ui.registration.outcomes import RefusalDialog, SupplementAtIntakeDialog
from kiosk.ui.registration.procedure_picker import ProcedurePicker
from kiosk.ui.session import UserSession

REFRESH_MS = 30_000


class RegistrationPage(QWidget):
    registered = Signal(object)  # DossierView
    guided = Signal(object)  # GuidanceView

    def __init__(
        self,
        catalog: CatalogService,
        registration: RegistrationService,
        guidance: GuidanceService,
        session: UserSession,
        printer: DeskPrinter,
        office: OfficeSettings,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        #: Asks a supervisor to confirm a suspect clock; True once confirmed (the window gives the real one).
        self.confirm_clock: Callable[[str], bool] = lambda _message: False
        #: The guidance slip (the procedure's checklist) of a procedure, recorded as handed out at the desk.
        self.guide_paper: Callable[[str], Document] | None = None
        self._registration = registration
        self._guidance = guidance
        self._session = session
        self._printer = printer
        self.office = office
        self._zone = zone

        self.picker = ProcedurePicker(catalog)
        self.applicant = ApplicantForm()
        self.documents = DocumentsChecklist()
        self.picker.chosen.connect(self._procedure_chosen)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        for part in (self.picker, self.applicant, self.documents):
            card = QFrame()
            card.setProperty("role", "card")
            inner = QVBoxLayout(card)
            inner.addWidget(part)
            form_layout.addWidget(card)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)

        self.appointment = QLabel("Hẹn trả: —")
        self.appointment.setObjectName("appointment")
        self.appointment.setProperty("role", "appointment")
        self.explanation = QLabel("Chọn thủ tục để tính ngày hẹn trả kết quả.")
        self.explanation.setProperty("role", "explanation")
        self.explanation.setWordWrap(True)
        self.accept_button = QPushButton("Tiếp nhận && in phiếu  (Ctrl+Enter)")
        self.accept_button.setObjectName("accept")
        self.accept_button.setProperty("role", "primary")
        self.guide_button = QPushButton("In phiếu hướng dẫn  (Ctrl+G)")
        self.guide_button.setToolTip("In phiếu hướng dẫn thủ tục (danh sách giấy tờ cần nộp) cho công dân mang về.")
        self.guide_button.clicked.connect(self.print_guide)
        QShortcut(QKeySequence("Ctrl+G"), self, self.print_guide)
        self.picker.summary_row.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.supplement_button = QPushButton("Yêu cầu bổ sung")
        self.refuse_button = QPushButton("Từ chối")
        self.refuse_button.setProperty("role", "danger")
        self.accept_button.clicked.connect(self.accept_dossier)
        self.supplement_button.clicked.connect(self.request_supplement)
        self.refuse_button.clicked.connect(self.refuse)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept_dossier)

        band = QFrame()
        band.setProperty("role", "band")
        dates = QVBoxLayout()
        dates.addWidget(self.appointment)
        dates.addWidget(self.explanation)
        band_layout = QHBoxLayout(band)
        band_layout.addLayout(dates, 1)
        band_layout.addWidget(self.refuse_button)
        band_layout.addWidget(self.supplement_button)
        band_layout.addWidget(self.accept_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addWidget(band)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_appointment)
        self._timer.start()
        self.setTabOrder(self.picker.search, self.picker.results)

    # -- the live appointment -------------------------------------------------------------------------------------

    def _procedure_chosen(self, info: ProcedureInfo) -> None:
        self.documents.set_documents(info.documents)
        self.refresh_appointment()
        self.applicant.edits["applicant_name"].setFocus()

    def refresh_appointment(self) -> None:
        info = self.picker.procedure
        if info is None:
            self.appointment.setText("Hẹn trả: —")
            self.explanation.setText("Chọn thủ tục để tính ngày hẹn trả kết quả.")
            return
        appointment = self._registration.preview(info)
        if appointment.due_at is None:
            self.appointment.setText("Không hẹn ngày trả")
        else:
            due = appointment.due_at.astimezone(self._zone)
            self.appointment.setText(f"Hẹn trả: {due:%H:%M}, {WEEKDAYS[due.weekday()]} {due:%d/%m/%Y}")
        self.explanation.setText(appointment.explanation())

    # -- the three outcomes -------------------------------------------------------------------------------------

    def accept_dossier(self) -> None:
        info = self.picker.procedure
        if info is None:
            self._tell("Hãy chọn thủ tục trước.")
            self.picker.search.setFocus()
            return
        problems = self.applicant.check_all()
        if problems:
            first = self.applicant.first_problem_field(problems)
            if first is not None:
                first.setFocus()
            return
        data = RegistrationInput(info.code, self.applicant.applicant(), documents=self.documents.received())
        try:
            view = self._registration.register(data, by=self._session.actor)
        except ClockSuspect as exc:  # the PC's clock went back or jumped: a supervisor confirms it, then it goes in
            if self.confirm_clock(exc.message):
                self.accept_dossier()
            else:
                self._tell(exc.message)
            return
        except KioskError as exc:
            self._tell(exc.message)  # the form stays as it was: nothing typed is lost
            return
        self.registered.emit(view)  # committed: the receipt prints from what is stored, the form is free again
        self._printer.print(receipt(view, self.office, self._zone), self, dossier_id=view.id)
        self.reset()

    def print_guide(self) -> None:
        """The chosen procedure's checklist for a citizen who will come back with the papers."""
        info = self.picker.procedure
        if info is None or self.guide_paper is None:
            self._tell("Hãy chọn thủ tục trước.")
            self.picker.search.setFocus()
            return
        try:
            doc = self.guide_paper(info.code)
        except KioskError as exc:
            self._tell(exc.message)
            return
        self._printer.print(doc, self)

    def request_supplement(self) -> None:
        info = self.picker.procedure
        if info is None:
            self._tell("Hãy chọn thủ tục trước.")
            return
        if not self.applicant.applicant().name.strip():
            self.applicant.check_all()
            self.applicant.edits["applicant_name"].setFocus()
            return
        answer = SupplementAtIntakeDialog.ask(self.documents.missing(), self)
        if answer is None:
            return
        applicant = self.applicant.applicant()
        data = GuidanceInput("supplement", applicant.name, answer.reason, applicant.phone, info.code, answer.missing)
        self._record(data)

    def refuse(self) -> None:
        applicant = self.applicant.applicant()
        if not applicant.name.strip():
            self.applicant.check_all()
            self.applicant.edits["applicant_name"].setFocus()
            return
        reason = RefusalDialog.ask(self)
        if reason is None:
            return
        code = self.picker.procedure.code if self.picker.procedure else ""
        self._record(GuidanceInput("refusal", applicant.name, reason, applicant.phone, code))

    def _record(self, data: GuidanceInput) -> None:
        try:
            record = self._guidance.record(data, by=self._session.actor)
        except KioskError as exc:
            self._tell(exc.message)
            return
        slip = supplement_slip if record.kind == "supplement" else refusal_slip
        self.guided.emit(record)
        self._printer.print(slip(record, self.office, self._zone), self, guidance_id=record.id)
        self.reset()

    def reset(self) -> None:
        """Ready for the next citizen."""
        self.picker.clear()
        self.applicant.clear()
        self.documents.clear()
        self.refresh_appointment()
        self.picker.search.setFocus()

    def _tell(self, message: str) -> None:
        messages.warn(self, "Tiếp nhận hồ sơ", message)
