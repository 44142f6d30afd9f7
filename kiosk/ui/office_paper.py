"""The official forms on the office printer: make the PDF, show it, and print or save it from the preview.

One place for the dossier screen, the receipt printer's fallback and the ledger page, so each says the same thing
when a form cannot be made (a voided dossier, a form the set does not have).
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from PySide6.QtWidgets import QWidget

from kiosk.errors import KioskError
from kiosk.printing.form_sets import FormRole
from kiosk.services.forms import FormService
from kiosk.text import fold
from kiosk.ui import messages


def file_name(title: str, ref: str) -> str:
    """An ASCII file name a clerk can read: "giay-tiep-nhan-ho-so-va-hen-tra-ket-qua-000.00.10.H15-….pdf"."""
    return f"{'-'.join(fold(title).split())}-{ref}.pdf"


class OfficePaper:
    def __init__(self, forms: FormService) -> None:
        self.forms = forms

    def dossier_form(self, role: FormRole, code: str, parent: QWidget, *, note: str = "") -> bool:
        """A dossier's form (the receipt with a two-copy choice); False when it cannot be made (and said why)."""
        name = self.forms.form_set().spec(role).name if self.forms.form_set().has(role) else role.value
        copies: Callable[[int], bytes] | None = None
        if role is FormRole.RECEIPT:

            def copies(n: int) -> bytes:
                return self.forms.dossier_pdf(role, code, copies=n)

        return self._show(lambda: self.forms.dossier_pdf(role, code), name, code, parent, note, copies)

    def guidance_form(self, record_id: UUID, kind: str, parent: QWidget, *, note: str = "") -> bool:
        role = FormRole.SUPPLEMENT_REQUEST if kind == "supplement" else FormRole.REFUSAL
        name = self.forms.form_set().spec(role).name
        ref = record_id.hex[:8]
        return self._show(lambda: self.forms.guidance_pdf(record_id.hex), name, ref, parent, note, None)

    def ledger(self, year: int, book: int, parent: QWidget) -> bool:
        name = f"Sổ theo dõi hồ sơ năm {year}"
        return self._show(lambda: self.forms.ledger_pdf(year, book=book), name, f"{year}-quyen-{book:02d}", parent)

    def _show(
        self,
        make: Callable[[], bytes],
        title: str,
        ref: str,
        parent: QWidget,
        note: str = "",
        copies: Callable[[int], bytes] | None = None,
    ) -> bool:
        from kiosk.ui.paper import PaperDialog  # Qt's print support and pdfium load with the first form

        try:
            pdf = make()
        except KioskError as exc:
            messages.warn(parent, title, exc.message)
            return False
        PaperDialog.show_pdf(pdf, title, file_name(title, ref), parent, note=note, copies=copies)
        return True
