"""The official forms at the desk: from a dossier, after the moves that hand one over, the ledger book, the A5
fallback without a receipt printer, and the preview that turns pages, saves and prints through QPrinter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import GuiApp
from kiosk.printing.documents import Document, receipt
from kiosk.printing.form_sets import FormRole
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.ui import paper as paper_module
from kiosk.ui.dossier import actions
from kiosk.ui.dossier.detail import DossierDialog
from kiosk.ui.ledger.book_dialog import LedgerBookDialog
from kiosk.ui.main_window import Page
from kiosk.ui.paper import PaperDialog
from kiosk.ui.preview import PreviewDialog
from kiosk.ui.settings.page import SettingsPage
from tests.printing.pdf_check import A4_LANDSCAPE, A5, page_sizes, texts
from tests.ui.conftest import ShownPaper, log_in

S = DossierState
AN = Applicant("person", "Nguyễn Văn An", "0912345678")


def opened(desk: GuiApp) -> DossierDialog:
    ctx = desk.context
    code = ctx.registration.register(RegistrationInput("2.001914", AN), by=ctx.users.cli()).code
    log_in(desk.window, "lan")
    dialog = desk.window.open_dossier(code)
    assert dialog is not None
    return dialog


def answer(monkeypatch: pytest.MonkeyPatch, cls: type, value: object) -> None:
    monkeypatch.setattr(cls, "ask", staticmethod(lambda *a, **k: value))


def test_forms_menu_offers_what_the_dossier_has(desk: GuiApp, office_papers: list[ShownPaper]) -> None:
    dialog = opened(desk)
    menu = dialog.form_menu()
    offered = [a.text() for a in menu.actions()]
    assert offered == ["Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Phiếu kiểm soát quá trình giải quyết hồ sơ"]
    menu.actions()[1].trigger()
    (shown,) = office_papers
    assert shown.title == "Phiếu kiểm soát quá trình giải quyết hồ sơ"
    assert shown.file_name == f"phieu-kiem-soat-qua-trinh-giai-quyet-ho-so-{dialog.view.code}.pdf"
    assert "Mẫu số 06" in texts(shown.pdf)[0] and all(size == A5 for size in page_sizes(shown.pdf))


def test_the_moves_that_hand_over_a_paper_show_it(
    desk: GuiApp, office_papers: list[ShownPaper], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(desk)
    answer(monkeypatch, actions.ReappointDialog, actions.Reappointment(date(2026, 12, 7), "Cần xác minh thêm"))
    dialog.action_buttons["reappoint"].click()
    assert dialog.view.reappointed and office_papers[-1].title.startswith("Văn bản xin lỗi")
    assert "Cần xác minh thêm" in texts(office_papers[-1].pdf)[0]
    answer(monkeypatch, actions.SupplementRequestDialog, actions.SupplementRequest(("Giấy khai sinh",), "Thiếu"))
    dialog.action_buttons["supplement_requested"].click()
    assert dialog.view.state is S.SUPPLEMENT_REQUESTED
    assert office_papers[-1].title == "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
    assert "(1) Giấy khai sinh" in texts(office_papers[-1].pdf)[0]
    answer(monkeypatch, actions.ReasonDialog, "Người nộp xin rút hồ sơ")
    dialog.action_buttons["withdrawn"].click()
    assert dialog.view.state is S.WITHDRAWN and office_papers[-1].title == "Thông báo dừng giải quyết hồ sơ"
    assert len(office_papers) == 3


def test_ledger_page_prints_the_year_book(
    desk: GuiApp, office_papers: list[ShownPaper], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(desk).close()
    page = desk.window.show_page(Page.LEDGER)
    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(
        LedgerBookDialog, "ask", classmethod(lambda _cls, year, size, _parent: asked.append((year, size)) or (2026, 1))
    )
    page.book_button.click()  # type: ignore[union-attr]
    assert asked == [(2026, 0)]
    (shown,) = office_papers
    assert shown.title == "Sổ theo dõi hồ sơ năm 2026" and page_sizes(shown.pdf) == [A4_LANDSCAPE]
    assert "-0001" in texts(shown.pdf)[0]


def test_without_a_receipt_printer_the_roll_preview_offers_the_a5_form(
    desk: GuiApp, office_papers: list[ShownPaper], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(desk)
    offers: list[object] = []

    def show(_cls: type, doc: Document, _image: object, note: str, _parent: object = None, *, paper: object) -> None:
        offers.append((doc.kind, note, paper))

    monkeypatch.setattr(PreviewDialog, "show_document", classmethod(show))
    desk.window.printer.print(
        receipt(dialog.view, desk.context.settings.office, desk.context.calendar.rules.zone),
        dialog,
        dossier_id=dialog.view.id,
    )
    ((kind, note, paper),) = offers
    assert kind == "receipt" and "Mẫu A5…" in note and callable(paper)
    paper()
    (shown,) = office_papers
    assert shown.title == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" and shown.copies is not None
    assert page_sizes(shown.copies(2)) == [A5, A5]


def test_preview_turns_pages_saves_and_prints_on_the_office_printer(
    desk: GuiApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(desk)
    code = dialog.view.code
    forms = desk.context.forms
    preview = PaperDialog(
        forms.dossier_pdf(FormRole.RECEIPT, code),
        "Giấy tiếp nhận",
        "giay.pdf",
        dialog,
        copies=lambda n: forms.dossier_pdf(FormRole.RECEIPT, code, copies=n),
    )
    qtbot.addWidget(preview)
    assert preview.position.text() == "Trang 1/1" and not preview.next.isEnabled()
    preview.two_copies.setChecked(True)
    assert preview.position.text() == "Trang 1/2" and preview.next.isEnabled()
    preview.next.click()
    assert preview.position.text() == "Trang 2/2" and preview.sheet.pixmap().width() > 500

    monkeypatch.setattr(paper_module, "choose_file", lambda name, _parent: str(tmp_path / "luu"))
    preview.save_button.click()
    assert (tmp_path / "luu.pdf").read_bytes() == preview.pages.data and "Đã lưu" in preview.note.text()

    printed = tmp_path / "may-in.pdf"

    def choose(printer: QPrinter, pages: int, _parent: QWidget) -> bool:
        assert pages == 2
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(paper_module, "choose_printer", choose)
    preview.print_button.click()
    assert "Đã gửi 2 trang" in preview.note.text()
    assert [(round(w), round(h)) for w, h in page_sizes(printed.read_bytes())] == [(420, 595), (420, 595)]
    preview.reject()  # done(): the PDF document is closed


def test_admin_chooses_the_form_set(desk: GuiApp, office_papers: list[ShownPaper]) -> None:
    log_in(desk.window, "quantri")
    settings = desk.window.show_page(Page.SETTINGS)
    assert isinstance(settings, SettingsPage)
    form = settings.forms
    form.form_set.setCurrentIndex(form.form_set.findData("2018"))
    form.book_size.setValue(500)
    form.head_title.setText("KT. GIÁM ĐỐC")
    assert form.save(), form.message.text()
    saved = desk.context.settings.forms
    assert (saved.form_set, saved.ledger_book_size, saved.head_title) == ("2018", 500, "KT. GIÁM ĐỐC")
    assert desk.context.forms.form_set().spec(FormRole.CONTROL_SLIP).corner == "Mẫu số 05"
