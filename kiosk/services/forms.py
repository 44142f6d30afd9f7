"""The official paper forms of a dossier or a guidance record, and the yearly ledger, as PDF bytes.

Which form a dossier can have depends on what happened to it: a supplement request needs a request, an apology a
re-appointment, a stop notice a withdrawal (and the 2025 set). ReportLab is loaded by the first form, not at
start-up.
"""

from __future__ import annotations

from kiosk.config import Settings
from kiosk.errors import Conflict
from kiosk.models import Database
from kiosk.printing.form_sets import FormRole, FormSet, form_set, parse_role
from kiosk.printing.slips import (
    Slip,
    SlipContext,
    apology_slip,
    control_slip,
    intake_supplement_slip,
    receipt_slip,
    refusal_slip,
    stop_notice,
    supplement_slip,
)
from kiosk.services.calendar import CalendarService
from kiosk.services.dossier_search import DossierSearch
from kiosk.services.dossier_views import DossierView
from kiosk.services.guidance import GuidanceService, GuidanceView
from kiosk.services.ledger_book import LedgerBook, LedgerBookService, book_of
from kiosk.services.states import Action, DossierState

#: The event each dossier form is written from.
_EVENT = {
    FormRole.SUPPLEMENT_REQUEST: Action.REQUEST_SUPPLEMENT,
    FormRole.APOLOGY: Action.REAPPOINT,
    FormRole.STOP_NOTICE: Action.WITHDRAW,
}
_MISSING = {
    FormRole.SUPPLEMENT_REQUEST: "chưa có yêu cầu bổ sung nào",
    FormRole.APOLOGY: "chưa được xin lỗi, hẹn lại ngày trả",
    FormRole.STOP_NOTICE: "không dừng theo yêu cầu của người nộp",
}


class FormService:
    def __init__(
        self,
        db: Database,
        search: DossierSearch,
        guidance: GuidanceService,
        calendar: CalendarService,
        settings: Settings,
    ) -> None:
        self._search = search
        self._guidance = guidance
        self._calendar = calendar
        self._books = LedgerBookService(db)
        self.settings = settings  # replaced when the admin changes them

    def form_set(self, key: str | None = None) -> FormSet:
        return form_set(key or self.settings.forms.form_set)

    def book_of(self, ledger_number: int) -> int:
        return book_of(ledger_number, self.settings.forms.ledger_book_size)

    def available(self, view: DossierView, key: str | None = None) -> list[FormRole]:
        """The forms this dossier can be printed on now, in the order of its life."""
        if view.voided:
            return []
        forms = self.form_set(key)
        roles = [FormRole.RECEIPT, FormRole.CONTROL_SLIP]
        for role, action in _EVENT.items():
            withdrawn = role is not FormRole.STOP_NOTICE or view.state is DossierState.WITHDRAWN
            if forms.has(role) and withdrawn and view.last_event(action) is not None:
                roles.append(role)
        return roles

    # -- slips ----------------------------------------------------------------------------------------------------

    def dossier_slip(self, role: FormRole | str, view: DossierView, *, key: str | None = None, copies: int = 1) -> Slip:
        wanted = parse_role(role)
        c = self._context(key)
        c.spec(wanted)  # the set must have the form at all
        if view.voided:
            raise Conflict(f"Hồ sơ {view.code} đã bị huỷ do nhập nhầm; không in biểu mẫu cho hồ sơ này.")
        if wanted is FormRole.RECEIPT:
            return receipt_slip(view, c, book=self.book_of(view.ledger_number), copies=copies)
        if wanted is FormRole.CONTROL_SLIP:
            return control_slip(view, c)
        if wanted in (FormRole.REFUSAL, FormRole.LEDGER):
            hint = (
                "Phiếu từ chối tiếp nhận chỉ lập khi từ chối ngay tại quầy (chưa có mã hồ sơ): in theo số phiếu "
                "hướng dẫn («kiosk guidance»)."
                if wanted is FormRole.REFUSAL
                else "Sổ theo dõi hồ sơ in theo năm («kiosk print ledger --year …»)."
            )
            raise Conflict(hint)
        event = view.last_event(_EVENT[wanted])
        if event is None or (wanted is FormRole.STOP_NOTICE and view.state is not DossierState.WITHDRAWN):
            raise Conflict(f"Hồ sơ {view.code} {_MISSING[wanted]}, nên không có «{c.spec(wanted).name}».")
        if wanted is FormRole.SUPPLEMENT_REQUEST:
            return supplement_slip(view, event, c)
        if wanted is FormRole.APOLOGY:
            return apology_slip(view, event, c)
        return stop_notice(view, event, c)

    def guidance_slip(self, record: GuidanceView, *, key: str | None = None) -> Slip:
        """The supplement request or the refusal handed over at the counter, before any dossier existed."""
        c = self._context(key)
        return intake_supplement_slip(record, c) if record.kind == "supplement" else refusal_slip(record, c)

    # -- PDF --------------------------------------------------------------------------------------------------------

    def pdf(self, slip: Slip) -> bytes:
        from kiosk.printing.slip_pdf import slip_pdf

        return slip_pdf(slip)

    def dossier_pdf(self, role: FormRole | str, code: str, *, key: str | None = None, copies: int = 1) -> bytes:
        return self.pdf(self.dossier_slip(role, self._search.show(code), key=key, copies=copies))

    def guidance_pdf(self, ref: str, *, key: str | None = None) -> bytes:
        return self.pdf(self.guidance_slip(self._guidance.find(ref), key=key))

    def ledger_book(self, year: int, book: int = 1) -> LedgerBook:
        """The entries of one book of a year's ledger, split as the settings say."""
        return self._books.book(year, book, self.settings.forms.ledger_book_size)

    def ledger_pdf(self, year: int, *, book: int = 1, key: str | None = None) -> bytes:
        from kiosk.printing.ledger_pdf import ledger_pdf

        spec = self.form_set(key).spec(FormRole.LEDGER)
        return ledger_pdf(self.ledger_book(year, book), spec, self.settings.office, self._calendar.rules.zone)

    def _context(self, key: str | None) -> SlipContext:
        s = self.settings
        return SlipContext(
            s.office, s.forms, self.form_set(key), self._calendar.rules.zone, s.dossiers.supplement_close_days
        )
