"""Between the clerk's window and the citizen's: a result handed back starts the survey, and the clerk's status bar
says only whether the citizen is rating or has rated."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.services.dossier_views import DossierView
from kiosk.services.survey import SurveyService
from kiosk.ui.session import UserSession
from kiosk.ui.status import StatusPanel
from kiosk.ui.survey.window import CitizenWindow


class SurveyDesk(QObject):
    def __init__(
        self,
        survey: SurveyService,
        citizen: CitizenWindow,
        session: UserSession,
        settings: Callable[[], Settings],
        status: StatusPanel,
        tell: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._survey = survey
        self.citizen = citizen
        self._session = session
        self._settings = settings
        self._status = status
        self._tell = tell
        self.reopen_action = QAction("Mở màn hình đánh giá", self)
        self.reopen_action.setVisible(False)
        self.reopen_action.triggered.connect(self.reopen)
        citizen.status_changed.connect(self.show_status)
        citizen.closed_by_supervisor.connect(self._closed)
        self.apply(settings())

    def result_returned(self, view: DossierView) -> None:
        """The clerk handed the result back: the citizen in front of the desk is asked to rate it."""
        if not self._settings().survey.enabled or not self._session.logged_in:
            return
        if not self.citizen.opened:
            self._tell("Màn hình đánh giá đang đóng: công dân chưa được mời đánh giá.")
            return
        try:
            ticket = self._survey.issue(view.code, by=self._session.actor)
        except KioskError as exc:
            self._tell(exc.message)
            return
        self.citizen.start(ticket)

    def show_status(self, code: str, label: str) -> None:
        self._status.set_survey(f"Đánh giá: {label}", f"Hồ sơ {code}" if code else "Đánh giá không cần hồ sơ")

    def apply(self, settings: Settings) -> None:
        """Settings changed: the idle screen's words, the monitor, on or off."""
        self.citizen.show_office()
        self.citizen.place()
        if not settings.survey.enabled:
            self._status.set_survey("")

    def reopen(self) -> None:
        self.citizen.reopen()
        self.reopen_action.setVisible(False)
        self._status.set_survey("")

    def _closed(self, who: str) -> None:
        self.reopen_action.setVisible(True)
        self._status.set_survey("Đánh giá: màn hình đã đóng", f"Do {who} đóng")
        self._tell(f"{who} đã đóng màn hình đánh giá. Mở lại: «Mở màn hình đánh giá» bên trái.")
