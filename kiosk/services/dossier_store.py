"""Loading a dossier to change it, and appending to its history: shared by every use case that moves a dossier."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.errors import Conflict, NotFound
from kiosk.models import Dossier, DossierEvent
from kiosk.services.states import Action, DossierState
from kiosk.services.users import Actor


def load(session: Session, code: str, *, allow_voided: bool = False) -> Dossier:
    """The dossier with this code (case and surrounding spaces ignored)."""
    dossier = session.scalar(select(Dossier).where(Dossier.code == code.strip().upper()))
    if dossier is None:
        raise NotFound(f"Không có hồ sơ mã «{code.strip()}».", field="code")
    if dossier.voided_at is not None and not allow_voided:
        raise Conflict(f"Hồ sơ {dossier.code} đã bị huỷ do nhập nhầm; không thao tác tiếp được.")
    return dossier


def append_event(
    session: Session,
    dossier: Dossier,
    *,
    at: datetime,
    by: Actor,
    action: Action,
    to_state: DossierState | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    form: str | None = None,
) -> DossierEvent:
    """Record one step; ``to_state`` also moves the dossier there."""
    last = session.scalar(select(func.max(DossierEvent.seq)).where(DossierEvent.dossier_id == dossier.id))
    event = DossierEvent(
        dossier_id=dossier.id,
        seq=(last or 0) + 1,
        at=at,
        user_id=by.id,
        action=action.value,
        from_state=dossier.state,
        to_state=to_state.value if to_state else dossier.state,
        reason=reason,
        data=data or {},
        form=form,
    )
    session.add(event)
    if to_state is not None:
        dossier.state = to_state.value
    dossier.updated_at = at
    return event
