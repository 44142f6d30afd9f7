"""Papers the citizen asks for at the touch screen (a ticket, a guidance slip) go through the desk's printer.

They are stored and sent like every other job, off the GUI thread. The citizen screen hears how it went; a paper
that did not print is also put before the clerk, with «In lại», as any failed job is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.printing.documents import Document
from kiosk.services.print_jobs import JobView
from kiosk.ui.citizen.pages import PaperPrinter, PrintOutcome
from kiosk.ui.printer import DeskPrinter


def citizen_printer(printer: DeskPrinter, clerk_window: QWidget) -> PaperPrinter:
    def print_paper(doc: Document, done: Callable[[PrintOutcome], None]) -> None:
        if not printer.installed:
            done(PrintOutcome.NO_PRINTER)
            return

        def finished(job: JobView) -> None:
            if job.status == "sent":
                done(PrintOutcome.PRINTED)
                return
            done(PrintOutcome.FAILED)
            printer.job_failed.emit(job)  # the clerk sees what to check and can print it again

        if printer.print(doc, clerk_window, on_finished=finished) is None:
            done(PrintOutcome.FAILED)

    return print_paper
