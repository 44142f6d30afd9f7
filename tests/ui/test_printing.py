"""Printing at the desk: receipts and slips reach a printer on 127.0.0.1, faults are told, nothing is lost."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk import app as app_module
from kiosk.app import GuiApp
from kiosk.clock import FixedClock
from kiosk.models import GuidanceRecord, PrintJob
from kiosk.paths import Paths
from kiosk.printing.documents import Document
from kiosk.services.print_jobs import STALE_SENDING
from kiosk.ui.job_list import JobListDialog
from kiosk.ui.main_window import Page
from kiosk.ui.registration.outcomes import RefusalDialog
from kiosk.ui.registration.page import RegistrationPage
from kiosk.ui.settings.page import SettingsPage
from kiosk.ui.tasks import ThreadRunner
from tests.helpers import local
from tests.printing.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter, closed_port
from tests.ui.conftest import PASSWORDS, Questions, choose, log_in, registration, type_text


def install(desk: GuiApp, port: int, **changes: object) -> None:
    ctx = desk.context
    printer = msgspec.structs.replace(
        ctx.settings.printer, connection="network", host="127.0.0.1", port=port, timeout_s=1.0, **changes
    )
    ctx.change_settings(msgspec.structs.replace(ctx.settings, printer=printer))


def register(page: RegistrationPage, qtbot: QtBot, name: str = "Nguyễn Văn An") -> None:
    choose(page, qtbot, "chinh sua van bang")
    type_text(page.applicant.edits["applicant_name"], name)
    qtbot.keyClicks(page.applicant.edits["phone"], "0912345678")
    page.accept_dossier()


def received(fake: FakePrinter, qtbot: QtBot, pages: int) -> list[object]:
    qtbot.waitUntil(lambda: len(decode(bytes(fake.received)).pages) >= pages, timeout=5_000)
    return list(decode(bytes(fake.received)).pages)


def test_accepting_prints_two_copies_of_the_receipt_without_a_preview(
    desk: GuiApp, qtbot: QtBot, fake: FakePrinter, printed: list[Document]
) -> None:
    install(desk, fake.port)
    page = registration(desk)
    register(page, qtbot)
    pages = received(fake, qtbot, 2)
    assert len(pages) == 2 and all(p.width == 576 for p in pages)  # type: ignore[attr-defined]
    (job,) = desk.context.printing.recent()
    assert (job.status, job.copies, job.kind) == ("sent", 2, "receipt")
    view = desk.context.search.show("000.00.10.H15-261125-0001")
    assert [r.text for r in zxingcpp.read_barcodes(pages[1].convert("L"))] == [view.code]  # type: ignore[attr-defined]
    assert printed == []  # printed, not previewed
    assert desk.window.status.printer.text() == f"Máy in: mạng 127.0.0.1:{fake.port} · đã in lệnh số 1"


def test_without_a_printer_the_paper_is_shown_and_no_job_is_stored(
    desk: GuiApp, qtbot: QtBot, printed: list[Document]
) -> None:
    page = registration(desk)
    register(page, qtbot)
    assert [d.kind for d in printed] == ["receipt"]
    assert desk.context.printing.recent() == []
    assert desk.window.status.printer.text() == "Máy in: chưa cài đặt (chỉ xem trước)"


def test_a_refused_printer_keeps_the_dossier_and_says_what_to_do(
    desk: GuiApp, qtbot: QtBot, fake: FakePrinter, asked: Questions
) -> None:
    install(desk, closed_port())
    page = registration(desk)
    register(page, qtbot)
    (question,) = asked.texts
    assert "chưa in được" in question and "hồ sơ đã được lưu, bấm «In lại»" in question
    assert desk.context.search.show("000.00.10.H15-261125-0001").applicant.name == "Nguyễn Văn An"
    assert page.applicant.edits["applicant_name"].text() == ""  # ready for the next citizen
    status = desk.window.status.printer
    assert status.text() == "Máy in: LỖI – lệnh số 1 chưa in" and status.property("role") == "alert"
    # the printer is fixed; the clerk prints it again from the job list
    install(desk, fake.port)
    dialog = desk.window.show_jobs()
    assert isinstance(dialog, JobListDialog)
    assert dialog.table.item(0, 4).text() == "Chưa in – lỗi"
    assert dialog.table.item(0, 0).foreground().color().name() == "#b3261e"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert len(received(fake, qtbot, 2)) == 2
    (job,) = desk.context.printing.recent()
    assert (job.number, job.status, job.attempts, job.reprint) == (1, "sent", 2, False)  # the same receipt
    assert dialog.table.item(0, 4).text() == "Đã in (2 lần)"


def test_answering_print_again_retries_at_once(desk: GuiApp, qtbot: QtBot, asked: Questions) -> None:
    install(desk, closed_port())
    asked.answers = [True]  # "In lại" the first time, "Để sau" the second
    attempts: list[int] = []
    desk.window.printer.job_finished.connect(lambda job: attempts.append(job.attempts))
    register(registration(desk), qtbot)
    assert attempts == [1, 2] and len(asked.texts) == 2
    assert desk.context.printing.job(1).status == "failed"


def test_reprint_from_the_dossier_marks_a_new_single_copy(desk: GuiApp, qtbot: QtBot, fake: FakePrinter) -> None:
    install(desk, fake.port)
    register(registration(desk), qtbot)
    received(fake, qtbot, 2)
    dialog = desk.window.open_dossier("000.00.10.H15-261125-0001")
    assert dialog is not None
    dialog.action_buttons["reprint"].click()
    pages = received(fake, qtbot, 3)
    latest = desk.context.printing.recent()[0]
    assert (latest.number, latest.reprint, latest.copies, latest.dossier_id) == (2, True, 1, dialog.view.id)
    assert pages[2].height != pages[0].height  # type: ignore[attr-defined]  # the framed "BẢN IN LẠI" line


def test_reprint_from_the_dossier_sends_a_failed_receipt_as_it_was(
    desk: GuiApp, qtbot: QtBot, fake: FakePrinter
) -> None:
    install(desk, closed_port())
    register(registration(desk), qtbot)
    install(desk, fake.port)
    dialog = desk.window.open_dossier("000.00.10.H15-261125-0001")
    assert dialog is not None
    dialog.reprint()
    assert len(received(fake, qtbot, 2)) == 2
    (job,) = desk.context.printing.recent()
    assert (job.status, job.reprint, job.attempts) == ("sent", False, 2)


def test_the_refusal_slip_counts_as_handed_over_only_once_printed(
    desk: GuiApp, qtbot: QtBot, fake: FakePrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RefusalDialog, "ask", classmethod(lambda cls, parent=None: "Không thuộc thẩm quyền"))
    page = registration(desk)
    install(desk, closed_port())
    type_text(page.applicant.edits["applicant_name"], "Trần Thị Bình")
    page.refuse()
    with desk.context.db.read() as session:
        assert session.scalar(select(GuidanceRecord.slip_printed_at)) is None
    install(desk, fake.port)
    desk.window.printer.again(1, desk.window)
    received(fake, qtbot, 1)
    with desk.context.db.read() as session:
        assert session.scalar(select(GuidanceRecord.slip_printed_at)) == local(2026, 11, 25, 9, 0)


def test_the_job_list_shows_a_stored_paper(
    desk: GuiApp, qtbot: QtBot, fake: FakePrinter, printed: list[Document]
) -> None:
    install(desk, fake.port)
    register(registration(desk), qtbot)
    dialog = desk.window.show_jobs()
    assert dialog is not None
    dialog.view_button.click()
    (shown,) = printed
    assert shown.code == "000.00.10.H15-261125-0001"


@pytest.fixture
def threaded_desk(paths: Paths, template_db: Path, qtbot: QtBot, asked: Questions) -> Iterator[GuiApp]:
    """The desk with the real one-thread print queue (everything else synchronous)."""
    shutil.copyfile(template_db, paths.default_database)
    from kiosk.ui.tasks import ImmediateRunner

    gui = app_module.boot(
        paths=paths,
        clock=FixedClock(local(2026, 11, 25, 9, 0)),
        runner=ImmediateRunner(),
        print_runner=ThreadRunner(threads=1),
    )
    qtbot.addWidget(gui.window)
    users = gui.context.users
    users.add("lan", "Trần Thị Lan", "clerk", PASSWORDS["lan"], by=users.cli(), must_change_password=False)
    yield gui
    gui.close()


def test_a_printer_that_never_reads_does_not_hold_the_desk(
    threaded_desk: GuiApp, qtbot: QtBot, asked: Questions
) -> None:
    deaf = FakePrinter(mode="deaf")
    try:
        install(threaded_desk, deaf.port)
        page = registration(threaded_desk)
        register(page, qtbot)
        # the clerk has the form back while the printer has not answered yet
        first = threaded_desk.context.printing.job(1)
        assert first.status == "queued" and page.applicant.edits["applicant_name"].text() == ""
        register(page, qtbot, "Lê Thị Cúc")  # a second citizen while the first receipt is still going
        assert threaded_desk.window.status.printer.text() == "Máy in: đang in lệnh số 1 (còn 1 lệnh chờ)…"
        qtbot.waitUntil(lambda: len(asked.texts) == 2, timeout=15_000)
        assert all("không" in text.lower() and "In lại" in text for text in asked.texts)
        jobs = threaded_desk.context.printing.recent()
        assert [(j.number, j.status) for j in jobs] == [(2, "failed"), (1, "failed")]
        assert threaded_desk.context.ledger.counters().received_today == 2  # both dossiers stored
    finally:
        deaf.close()


def test_settings_test_print_saves_then_prints_the_check_page(desk: GuiApp, qtbot: QtBot, fake: FakePrinter) -> None:
    log_in(desk.window, "quantri")
    page = desk.window.show_page(Page.SETTINGS)
    assert isinstance(page, SettingsPage)
    form = page.printer
    page.tabs.setCurrentWidget(form)
    host = form.fields["host"]
    assert host.isHidden()  # no printer yet: no address to ask for
    form.connection.setCurrentIndex(form.connection.findData("network"))
    assert not host.isHidden() and form.fields["file_path"].isHidden()
    form.test_print()
    assert form.message.property("role") == "error" and "địa chỉ IP" in form.message.text()
    qtbot.keyClicks(host, "127.0.0.1")
    form.fields["port"].setValue(fake.port)  # type: ignore[attr-defined]
    form.paper_width.setCurrentIndex(form.paper_width.findData(384))
    form.test_print()
    (page_image,) = received(fake, qtbot, 1)
    assert page_image.width == 384  # type: ignore[attr-defined]
    assert desk.context.settings.printer.host == "127.0.0.1" and desk.context.settings.printer.width_dots == 384
    assert form.message.text().startswith("Đã in thử (lệnh số 2)")
    assert desk.window.status.printer.text().startswith("Máy in: mạng 127.0.0.1")


def test_choosing_a_profile_suggests_its_paper_width(desk: GuiApp) -> None:
    log_in(desk.window, "quantri")
    page = desk.window.show_page(Page.SETTINGS)
    assert isinstance(page, SettingsPage)
    form = page.printer
    form.load_profiles()
    assert form.profile.count() > 20 and form.profile.currentData() == "TM-T20II"
    form.profile.setCurrentIndex(form.profile.findData("TM-T88V"))
    assert form.paper_width.currentData() == 512
    form.profile.setCurrentIndex(form.profile.findData("POS-5890"))
    assert form.paper_width.currentData() == 384


def test_a_receipt_cut_off_by_a_crash_may_have_printed_and_comes_again_marked(
    desk: GuiApp, qtbot: QtBot, fake: FakePrinter
) -> None:
    """The PC died while the receipt was going out: at the next start the clerk sees «Có thể đã in», and «In lại»
    prints a copy marked BẢN IN LẠI, never a second original."""
    install(desk, fake.port)
    register(registration(desk), qtbot)
    jobs, clock = desk.context.printing, desk.context.clock
    assert isinstance(clock, FixedClock)
    (first,) = jobs.recent()
    with desk.context.db.write() as session:  # what a kill between the bytes and the "sent" mark leaves
        job = session.scalars(select(PrintJob).where(PrintJob.number == first.number)).one()
        job.status, job.attempted_at = "sending", clock.now()
    clock.advance(STALE_SENDING * 2)
    desk.context.housekeeping()  # the next start
    dialog = desk.window.show_jobs()
    assert dialog is not None
    row = next(r for r, j in enumerate(dialog.jobs) if j.number == first.number)
    assert dialog.table.item(row, 4).text().startswith("Có thể đã in")  # type: ignore[union-attr]
    assert "giấy có thể đã ra" in dialog.table.item(row, 5).text()  # type: ignore[union-attr]
    dialog.table.selectRow(row)
    dialog.print_again()
    qtbot.waitUntil(lambda: jobs.recent()[0].status == "sent")
    again = jobs.recent()[0]
    assert again.number == first.number + 1 and again.reprint and again.copies == 1
    assert jobs.job(first.number).status == "unsure"
