"""Who is at the desk now: the logged-in user, shared by every screen that records who did what."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.models import Role
from kiosk.services.users import Actor


class UserSession(QObject):
    changed = Signal(object)  # the new Actor, or None when nobody is logged in

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actor: Actor | None = None

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            raise RuntimeError("nobody is logged in")
        return self._actor

    @property
    def logged_in(self) -> bool:
        return self._actor is not None

    def set_actor(self, actor: Actor | None) -> None:
        if actor != self._actor:
            self._actor = actor
            self.changed.emit(actor)

    def can(self, role: Role) -> bool:
        return self._actor is not None and self._actor.can(role)
