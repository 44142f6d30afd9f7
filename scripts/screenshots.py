"""Screenshots of every main screen with demo data, at 1366×768 (and two at 1920×1080): make screenshots.

Runs offscreen on a fresh demo database under build/, with the clock standing on a working morning, so the
pictures are the same from run to run.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import msgspec
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import GuiApp, boot
from kiosk.clock import FixedClock
from kiosk.context import open_context
from kiosk.paths import Paths
from kiosk.printing.documents import Document, receipt
from kiosk.printing.form_sets import FormRole
from kiosk.services.demo import DEMO_PASSWORD, DemoBuilder
from kiosk.services.dossier_views import Applicant
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.reports.model import ReportKind
from kiosk.services.states import DossierState
from kiosk.ui.citizen.keyboard import SPACE
from kiosk.ui.main_window import Page
from kiosk.ui.paper import PaperDialog
from kiosk.ui.preview import PreviewDialog
from kiosk.ui.printer import NO_PRINTER
from kiosk.ui.reports.page import ReportsPage
from kiosk.ui.settings.page import SettingsPage
from kiosk.ui.tasks import ImmediateRunner

MORNING = datetime(2026, 11, 25, 10, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def save(widget: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(folder / f"{name}.png"))
    print(f"  {name}.png")


def print_jobs(gui: GuiApp, doc: Document, home: Path) -> None:
    """Two jobs for the job list: one printed (to a file standing for the printer), one refused."""
    ctx = gui.context
    clerk = ctx.users.get("quantri")
    base = ctx.settings.printer
    ctx.printing.settings = msgspec.structs.replace(base, connection="file", file_path=str(home / "roll.bin"))
    ctx.printing.print_now(doc, by=clerk)
    ctx.printing.settings = msgspec.structs.replace(base, connection="network", host="127.0.0.1", port=9, timeout_s=1)
    ctx.printing.print_now(doc.as_reprint(), by=clerk)
    ctx.printing.settings = base


def citizen_screens(gui: GuiApp, folder: Path) -> None:
    """The citizen's touch screen at 1366×768: waiting, the first question, the fees question, the thank-you."""
    ctx = gui.context
    admin = ctx.users.get("quantri")
    settings = ctx.settings
    gui.window.save_settings(
        msgspec.structs.replace(settings, office=msgspec.structs.replace(settings.office, hotline="0261 3 544 888"))
    )
    citizen = gui.survey.citizen
    citizen.resize(1366, 768)
    citizen.stack.setCurrentWidget(citizen.idle_screen)
    save(citizen, folder, "13-citizen-idle")
    applicant = Applicant("person", "Hoàng Văn Sinh", "0987 654 321")
    code = ctx.registration.register(RegistrationInput("2.001914", applicant), by=admin).code
    for move in (
        MoveInput(DossierState.IN_PROCESS, office="Phòng Khảo thí và Quản lý chất lượng"),
        MoveInput(DossierState.RESULT_READY, outcome="approved"),
        MoveInput(DossierState.RETURNED),
    ):
        view = ctx.lifecycle.move(code, move, by=admin)
    gui.window.result_returned.emit(view)
    citizen.resize(1366, 768)
    save(citizen, folder, "14-citizen-question")
    citizen.now_ms = lambda: 10_000.0 * len(citizen.answers)  # each answer well after the last
    for level in ("very_satisfied", "satisfied", "satisfied"):
        citizen.choose(level)
    save(citizen, folder, "15-citizen-fees")
    citizen.choose("not_applicable")
    citizen.choose("very_satisfied")
    save(citizen, folder, "16-citizen-thanks")
    citizen.after_thanks()


def desk_service_screens(gui: GuiApp, folder: Path) -> None:
    """The citizen side between surveys at 1366×768: the idle screen with its services, the guide, the look-up,
    a queue ticket and a call; and the clerk's feedback register."""
    ctx = gui.context
    citizen = gui.survey.citizen
    front = citizen.front
    assert front is not None
    presses = itertools.count(1_000)
    citizen.now_ms = lambda: 10_000.0 * next(presses)  # each press well after the last
    citizen.resize(1366, 768)
    citizen.rest()
    save(citizen, folder, "19-citizen-services")
    front.open(front.guide)
    save(citizen, folder, "20-guide-fields")
    front.guide.open_procedure("1.010020")
    save(citizen, folder, "21-guide-procedure")
    front.guide.open_search()
    for key in "cap ban sao":
        front.guide.searching.keyboard.press(SPACE if key == " " else key)
    save(citizen, folder, "22-guide-search")
    citizen.rest()
    front.open(front.lookup)
    for digit in "0001":
        front.lookup.press(digit)
    front.lookup.proceed()
    save(citizen, folder, "23-lookup-keypad")
    clerk = ctx.users.get("lan")
    code = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Lò Thị Mai", "0912 000 123")), by=clerk
    ).code
    front.scanned(code)
    save(citizen, folder, "24-lookup-answer")
    citizen.rest()
    front.open(front.queue)
    front.queue.button("submit").click()
    save(citizen, folder, "25-queue-priority")
    front.take_ticket("submit", True)
    save(citizen, folder, "26-queue-ticket")
    citizen.rest()
    panel = gui.window.queue_panel
    panel.refresh()
    called = panel.call_next()
    assert called is not None
    save(citizen, folder, "27-queue-call")
    front.call_timer.timeout.emit()
    gui.window.show_page(Page.FEEDBACK)
    save(gui.window, folder, "28-feedback")


def reports_screens(gui: GuiApp, folder: Path) -> None:
    """The supervisor's reports: this quarter's period report, then today's summary, each previewed."""
    reports = gui.window.show_page(Page.REPORTS)
    assert isinstance(reports, ReportsPage)
    reports.form.set_kind(ReportKind.PERIOD)
    reports.form.preset.setCurrentIndex(reports.form.preset.findText("Quý này"))
    reports.build()
    save(gui.window, folder, "17-reports-period")
    reports.form.set_kind(ReportKind.DAILY)
    reports.build()
    save(gui.window, folder, "18-reports-daily")


def main(target: str) -> int:
    folder = Path(target)
    home = folder.parent / "screenshots-home"
    shutil.rmtree(home, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    paths = Paths(home / "data", home / "config", home / "logs", home / "backups")
    clock = FixedClock(MORNING)
    with open_context(paths, clock=clock) as ctx:
        DemoBuilder(ctx, seed=1).run(30)
    gui = boot(paths=paths, clock=clock, runner=ImmediateRunner())
    window = gui.window
    window.showNormal()  # started maximised, on the offscreen screen of 800×800: give it the desk's size instead
    window.resize(1366, 768)
    print(f"writing {folder}/")
    login = window.login_dialog
    assert login is not None
    save(login, folder, "01-login")
    login.username.setText("quantri")
    login.password.setText(DEMO_PASSWORD)
    login.try_login()

    registration = window.show_page(Page.REGISTER)
    registration.picker.search.setText("chinh sua van bang")  # type: ignore[union-attr]
    registration.picker.choose_row(0)  # type: ignore[union-attr]
    registration.applicant.fill(  # type: ignore[union-attr]
        Applicant(
            "person",
            "Nguyễn Thị Thu Hà",
            "0912 345 678",
            id_number="067190012345",
            address="Phường Nam Gia Nghĩa, Lâm Đồng",
        )
    )
    registration.documents.set_checked(3, False)  # type: ignore[union-attr]
    save(window, folder, "02-registration")

    ledger = window.show_page(Page.LEDGER)
    save(window, folder, "03-ledger")
    window.show_page(Page.RETURN)
    save(window, folder, "04-return")

    code = next(
        ledger.model.row_at(r).code  # type: ignore[union-attr]
        for r in range(ledger.model.rowCount())  # type: ignore[union-attr]
        if gui.context.search.show(ledger.model.row_at(r).code).reappointed  # type: ignore[union-attr]
    )
    detail = window.open_dossier(code)
    assert detail is not None
    save(detail, folder, "05-dossier")
    doc = receipt(detail.view, gui.context.settings.office, gui.context.calendar.rules.zone)
    preview = PreviewDialog(doc, gui.context.printing.renderer().render(doc), NO_PRINTER)
    save(preview, folder, "06-receipt-preview")
    forms = gui.context.forms
    paper = PaperDialog(forms.dossier_pdf(FormRole.APOLOGY, code), "Văn bản xin lỗi", "xin-loi.pdf", detail)
    save(paper, folder, "06c-apology-a5")
    paper.close()
    ledger_paper = PaperDialog(forms.ledger_pdf(gui.context.calendar.today().year), "Sổ theo dõi", "so.pdf", window)
    save(ledger_paper, folder, "06d-ledger-a4")
    ledger_paper.close()
    detail.close()
    print_jobs(gui, doc, home)
    jobs = window.show_jobs()
    assert jobs is not None
    save(jobs, folder, "06b-print-jobs")
    jobs.close()

    settings = window.show_page(Page.SETTINGS)
    assert isinstance(settings, SettingsPage)
    save(window, folder, "07-settings-office")
    settings.tabs.setCurrentIndex(1)
    save(window, folder, "08-settings-holidays")
    settings.tabs.setCurrentIndex(2)
    save(window, folder, "09-settings-users")
    settings.tabs.setCurrentWidget(settings.printer)
    save(window, folder, "09b-settings-printer")
    settings.tabs.setCurrentWidget(settings.forms)
    save(window, folder, "09c-settings-forms")
    settings.tabs.setCurrentWidget(settings.survey)
    save(window, folder, "09d-settings-survey")
    window.nightly.backup_now()  # the night's backup, so the tab and the status bar have one to show
    settings.tabs.setCurrentWidget(settings.sync)
    save(window, folder, "09e-settings-sync")
    reports_screens(gui, folder)
    citizen_screens(gui, folder)
    desk_service_screens(gui, folder)

    window.lock()
    lock = window.login_dialog
    assert lock is not None
    save(lock, folder, "10-locked")
    lock.password.setText(DEMO_PASSWORD)
    lock.try_login()

    window.resize(1920, 1080)
    window.show_page(Page.REGISTER)
    save(window, folder, "11-registration-1920")
    window.show_page(Page.LEDGER)
    save(window, folder, "12-ledger-1920")
    gui.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots"))
