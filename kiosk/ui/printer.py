"""The desk's receipt printer: each job stored first, then sent one at a time off the GUI thread.

The clerk is never kept waiting by the printer: a job is rendered and stored (a few tens of milliseconds), then
sent by a one-thread runner, in order; the window stays usable while the printer takes its time or times out.
How it went reaches the window as signals: the status bar's line, and a failed job with what to do about it.
Without a printer installed, the same image is shown on screen instead.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from functools import partial
from uuid import UUID

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.errors import KioskError
from kiosk.printing.documents import Document
from kiosk.printing.form_sets import FormRole
from kiosk.services.print_jobs import JobView, PrintJobService, connection_of
from kiosk.ui import messages
from kiosk.ui.office_paper import OfficePaper
from kiosk.ui.preview import PreviewDialog
from kiosk.ui.session import UserSession
from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

NO_PRINTER = "Quầy này chưa cài đặt máy in phiếu (Cài đặt → Máy in). Đây là hình phiếu sẽ được in."
NO_PRINTER_PAPER = (
    "Quầy này chưa cài đặt máy in phiếu: đây là hình phiếu sẽ được in. Bấm «Mẫu A5…» để in biểu mẫu trên máy in "
    "văn phòng hoặc lưu PDF."
)
PAPER_KINDS = {
    "receipt": FormRole.RECEIPT,
    "supplement_request": FormRole.SUPPLEMENT_REQUEST,
    "refusal": FormRole.REFUSAL,
}
Finished = Callable[[JobView], None]


class DeskPrinter(QObject):
    state_changed = Signal(str, bool)  # the status bar's text, and whether it is a fault
    job_failed = Signal(object)  # JobView: not printed; the window offers to print it again
    job_finished = Signal(object)  # JobView, sent or failed (the job list refreshes)

    def __init__(
        self,
        jobs: PrintJobService,
        runner: TaskRunner,
        session: UserSession,
        parent: QObject | None = None,
        *,
        paper: OfficePaper,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.paper = paper  # the official forms on the office printer: the fallback without a receipt printer
        self._runner = runner
        self._session = session
        self._in_flight: list[int] = []  # job numbers handed to the runner, in order

    @property
    def installed(self) -> bool:
        return self.jobs.settings.connection != "none"

    def idle_text(self) -> str:
        if not self.installed:
            return "Máy in: chưa cài đặt (chỉ xem trước)"
        return f"Máy in: {connection_of(self.jobs.settings).describe()}"

    def warm_up(self) -> None:
        """Have the first receipt of the day come out as fast as the others (off the GUI thread)."""
        if self.installed:
            self._runner.run(self.jobs.warm_up, lambda _none: None, lambda exc: log.warning("printer warm-up: %s", exc))

    def busy_with(self, number: int) -> bool:
        return number in self._in_flight

    # -- printing -----------------------------------------------------------------------------------------------------

    def print(
        self,
        doc: Document,
        parent: QWidget,
        *,
        dossier_id: UUID | None = None,
        guidance_id: UUID | None = None,
        on_finished: Finished | None = None,
    ) -> JobView | None:
        """Store the job and queue it; without a printer, show it. ``on_finished`` takes over failure reporting."""
        if not self.installed:
            self._preview_with_paper(doc, parent, dossier_id, guidance_id)
            return None
        try:
            # A citizen's paper from the touch screen may print while nobody is logged in at the desk.
            by = self._session.actor if self._session.logged_in else None
            job = self.jobs.submit(doc, by=by, dossier_id=dossier_id, guidance_id=guidance_id)
        except KioskError as exc:
            messages.warn(parent, "Máy in", exc.message)
            return None
        self._start(job, on_finished)
        return job

    def again(self, number: int, parent: QWidget) -> JobView | None:
        """Print a stored job again: a failed one as it was, a printed one as a new job marked "BẢN IN LẠI"."""
        if self.busy_with(number):
            messages.warn(parent, "Máy in", f"Lệnh in số {number} đang được in, xin chờ giây lát.")
            return None
        try:
            if not self.installed:
                self.preview(self.jobs.document(number), parent, NO_PRINTER)
                return None
            job = self.jobs.again(number, by=self._session.actor)
        except KioskError as exc:
            messages.warn(parent, "Máy in", exc.message)
            return None
        self._start(job, None)
        return job

    def reprint(self, doc: Document, parent: QWidget, *, dossier_id: UUID) -> JobView | None:
        """The paper of a dossier again: if its last one never printed, that one; otherwise ``doc`` (a reprint)."""
        last = self.jobs.last_for_dossier(dossier_id, doc.kind) if self.installed else None
        if last is not None and last.status != "sent":
            return self.again(last.number, parent)
        return self.print(doc, parent, dossier_id=dossier_id)

    def show_job(self, number: int, parent: QWidget) -> None:
        try:
            doc = self.jobs.document(number)
        except KioskError as exc:
            messages.warn(parent, "Máy in", exc.message)
            return
        self.preview(doc, parent, f"Lệnh in số {number}, như đã gửi tới máy in.")

    def preview(self, doc: Document, parent: QWidget, note: str, paper: Callable[[], object] | None = None) -> None:
        image = self.jobs.renderer().render(doc)
        PreviewDialog.show_document(doc, image, note, parent, paper=paper)

    def _preview_with_paper(
        self, doc: Document, parent: QWidget, dossier_id: UUID | None, guidance_id: UUID | None
    ) -> None:
        """Without a receipt printer: the roll image, and the same paper as an official A5 form to print or save."""
        office, role = self.paper, PAPER_KINDS.get(doc.kind)
        paper: Callable[[], object] | None = None
        if role is FormRole.RECEIPT and dossier_id is not None and doc.code:
            paper = partial(office.dossier_form, role, doc.code, parent)
        elif role is not None and guidance_id is not None:
            kind = "supplement" if role is FormRole.SUPPLEMENT_REQUEST else "refusal"
            paper = partial(office.guidance_form, guidance_id, kind, parent)
        self.preview(doc, parent, NO_PRINTER_PAPER if paper else NO_PRINTER, paper)

    # -- the queue ----------------------------------------------------------------------------------------------------

    def _start(self, job: JobView, on_finished: Finished | None) -> None:
        self._in_flight.append(job.number)
        self._announce()
        self._runner.run(
            partial(self.jobs.send, job.id),
            partial(self._finished, on_finished),
            partial(self._crashed, job, on_finished),
        )

    def _finished(self, on_finished: Finished | None, job: JobView) -> None:
        if job.number in self._in_flight:
            self._in_flight.remove(job.number)
        if self._in_flight:
            self._announce()
        elif job.status == "sent":
            self.state_changed.emit(f"{self.idle_text()} · đã in lệnh số {job.number}", False)
        else:
            self.state_changed.emit(f"Máy in: LỖI – lệnh số {job.number} chưa in", True)
        self.job_finished.emit(job)
        if on_finished is not None:
            on_finished(job)
        elif job.status != "sent":
            self.job_failed.emit(job)

    def _crashed(self, job: JobView, on_finished: Finished | None, exc: BaseException) -> None:
        """Not a printer fault (those end as failed jobs) but a bug or a broken database: say so, lose nothing."""
        log.error("print job %s could not be sent", job.number, exc_info=exc)
        error = f"Lỗi phần mềm khi gửi lệnh in ({type(exc).__name__}); hồ sơ đã được lưu, bấm «In lại»."
        self._finished(on_finished, dataclasses.replace(job, status="failed", last_error=error))

    def _announce(self) -> None:
        waiting = len(self._in_flight) - 1
        more = f" (còn {waiting} lệnh chờ)" if waiting else ""
        self.state_changed.emit(f"Máy in: đang in lệnh số {self._in_flight[0]}{more}…", False)
