"""Registering at the desk, as a clerk does it: search, type, tick, and the three outcomes."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.app import GuiApp
from kiosk.errors import StorageError
from kiosk.models import Dossier, GuidanceRecord
from kiosk.printing.documents import Document, Emphasis
from kiosk.ui.registration.outcomes import RefusalDialog, SupplementAnswer, SupplementAtIntakeDialog
from tests.ui.conftest import choose, registration, type_text


def count(desk: GuiApp, table: type) -> int:
    with desk.context.db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_search_as_you_type_and_pick_with_the_keyboard(desk: GuiApp, qtbot: QtBot) -> None:
    page = registration(desk)
    qtbot.keyClicks(page.picker.search, "chuyen truong")
    assert page.picker.results.count() == 2
    qtbot.keyClick(page.picker.search, Qt.Key.Key_Down)
    assert page.picker.results.hasFocus()
    qtbot.keyClick(page.picker.results, Qt.Key.Key_Down)
    qtbot.keyClick(page.picker.results, Qt.Key.Key_Return)
    assert page.picker.procedure is not None
    assert page.picker.procedure.name == "Chuyển trường đối với học sinh trung học phổ thông"
    assert page.documents.table.rowCount() == 6
    assert page.applicant.edits["applicant_name"].hasFocus()


def test_accept_prints_the_receipt_and_clears_the_form(desk: GuiApp, qtbot: QtBot, printed: list[Document]) -> None:
    page = registration(desk)
    choose(page, qtbot, "chinh sua van bang")
    assert page.appointment.text() == "Hẹn trả: 16:30, thứ Tư 02/12/2026"
    assert page.explanation.text() == "5 ngày làm việc"
    type_text(page.applicant.edits["applicant_name"], "Nguyễn Văn An")
    qtbot.keyClicks(page.applicant.edits["id_number"], "067090012345")
    qtbot.keyClicks(page.applicant.edits["phone"], "0912 345 678")
    page.applicant.vneid.setChecked(True)
    page.documents.add_extra("Giấy xác nhận của trường")
    qtbot.keyClick(page.applicant.edits["phone"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert count(desk, Dossier) == 1
    (receipt,) = printed
    assert receipt.kind == "receipt" and receipt.code == "000.00.10.H15-261125-0001"
    assert Emphasis("Hẹn trả kết quả: 16 giờ 30, thứ Tư 02/12/2026") in receipt.blocks
    view = desk.context.search.show(receipt.code)
    assert view.applicant.vneid_checked and view.applicant.phone == "0912345678"
    assert view.documents[-1].name == "Giấy xác nhận của trường" and not view.documents[-1].from_catalog
    assert page.picker.procedure is None and page.applicant.edits["applicant_name"].text() == ""
    assert "nhận 1" in desk.window.status.today.text()


def test_invalid_fields_block_saving_with_the_reason_next_to_them(
    desk: GuiApp, qtbot: QtBot, printed: list[Document]
) -> None:
    page = registration(desk)
    choose(page, qtbot, "chinh sua van bang")
    type_text(page.applicant.edits["applicant_name"], "Nguyễn Văn An")
    qtbot.keyClicks(page.applicant.edits["phone"], "0912 34")
    assert "Số điện thoại không hợp lệ" in page.applicant.errors["phone"].text()  # checked as it is typed
    qtbot.keyClicks(page.applicant.edits["id_number"], "123")
    page.accept_button.click()
    assert count(desk, Dossier) == 0 and printed == []
    assert "12 chữ số" in page.applicant.errors["id_number"].text()
    assert page.applicant.edits["phone"].hasFocus() or page.applicant.edits["id_number"].hasFocus()
    assert page.applicant.edits["applicant_name"].text() == "Nguyễn Văn An"  # nothing typed is lost


def test_a_missing_required_paper_is_refused_and_points_to_supplement(
    desk: GuiApp, qtbot: QtBot, warnings: list[str]
) -> None:
    page = registration(desk)
    choose(page, qtbot, "chinh sua van bang")
    page.applicant.fill(page.applicant.applicant().__class__("person", "Nguyễn Văn An", "0912345678"))
    page.documents.set_checked(1, False)
    page.accept_dossier()
    assert count(desk, Dossier) == 0
    assert warnings and "Thiếu giấy tờ bắt buộc" in warnings[0] and "Yêu cầu bổ sung" in warnings[0]


def test_a_database_error_leaves_the_form_filled(
    desk: GuiApp, qtbot: QtBot, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = registration(desk)
    choose(page, qtbot, "chinh sua van bang")
    type_text(page.applicant.edits["applicant_name"], "Nguyễn Văn An")
    qtbot.keyClicks(page.applicant.edits["phone"], "0912345678")

    def busy(*_args: object, **_kwargs: object) -> None:
        raise StorageError("Cơ sở dữ liệu đang bận (một chương trình khác đang ghi). Vui lòng thử lại sau ít giây.")

    monkeypatch.setattr(desk.context.registration, "register", busy)
    page.accept_dossier()
    assert warnings == ["Cơ sở dữ liệu đang bận (một chương trình khác đang ghi). Vui lòng thử lại sau ít giây."]
    assert page.applicant.edits["applicant_name"].text() == "Nguyễn Văn An" and page.picker.procedure is not None


def test_supplement_lists_every_missing_paper(
    desk: GuiApp, qtbot: QtBot, printed: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = registration(desk)
    choose(page, qtbot, "chinh sua van bang")
    type_text(page.applicant.edits["applicant_name"], "Trần Thị Bích")
    page.documents.set_checked(1, False)
    page.documents.set_checked(2, False)
    offered: list[list[str]] = []

    def ask(missing: list[str], parent: object = None) -> SupplementAnswer:
        offered.append(missing)
        return SupplementAnswer((*missing, "Ảnh 3x4"), "Thiếu căn cứ chỉnh sửa")

    monkeypatch.setattr(SupplementAtIntakeDialog, "ask", staticmethod(ask))
    page.supplement_button.click()
    assert offered == [
        [
            "Văn bằng, chứng chỉ đề nghị chỉnh sửa (bản chính)",
            "Quyết định cải chính hộ tịch / xác định lại dân tộc / giới tính (bản sao)",
        ]
    ]
    assert count(desk, Dossier) == 0 and count(desk, GuidanceRecord) == 1
    (slip,) = printed
    assert slip.kind == "supplement_request" and slip.code is None
    assert page.applicant.edits["applicant_name"].text() == ""


def test_refusal_prints_the_refusal_slip(
    desk: GuiApp, qtbot: QtBot, printed: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = registration(desk)
    type_text(page.applicant.edits["applicant_name"], "Trần Thị Bích")
    monkeypatch.setattr(RefusalDialog, "ask", staticmethod(lambda parent=None: "Không thuộc thẩm quyền của Sở"))
    page.refuse_button.click()
    (slip,) = printed
    assert slip.kind == "refusal" and count(desk, GuidanceRecord) == 1 and count(desk, Dossier) == 0


def test_the_supplement_dialog_itself(qtbot: QtBot) -> None:
    dialog = SupplementAtIntakeDialog(["Giấy khai sinh (bản sao)"])
    qtbot.addWidget(dialog)
    dialog.confirm()
    assert "lý do" in dialog.error.text() and dialog.result() == 0
    dialog.reason.setPlainText("Thiếu căn cứ")
    dialog.missing.setPlainText("Giấy khai sinh (bản sao)\n\n  Ảnh 3x4 ")
    dialog.confirm()
    assert dialog.answer() == SupplementAnswer(("Giấy khai sinh (bản sao)", "Ảnh 3x4"), "Thiếu căn cứ")


def test_input_method_text_is_stored_as_nfc(desk: GuiApp, qtbot: QtBot, printed: list[Document]) -> None:
    page = registration(desk)
    choose(page, qtbot, "cap ban sao")
    page.applicant.edits["applicant_name"].setText(unicodedata.normalize("NFD", "Đặng Thuỳ Dương"))
    page.applicant.edits["phone"].setText("0912345678")
    page.accept_dossier()
    (receipt,) = printed
    name = desk.context.search.show(receipt.code or "").applicant.name
    assert name == unicodedata.normalize("NFC", "Đặng Thuỳ Dương")
