"""What each clerk did in a period, and the counter's work that made no dossier (guidance at intake)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from kiosk.models import Dossier, DossierEvent, GuidanceRecord, ProcedureVersion, User
from kiosk.services.states import RUNNING_STATES, Action, DossierState


@dataclass
class ClerkWork:
    received: int = 0
    returned: int = 0
    supplement_requests: int = 0  # on dossiers already received
    guided: int = 0  # sent away at intake to complete the papers
    refused_at_intake: int = 0


@dataclass
class Activity:
    per_clerk: dict[UUID, ClerkWork] = field(default_factory=dict)
    names: dict[UUID, str] = field(default_factory=dict)

    def clerk(self, user_id: UUID) -> ClerkWork:
        return self.per_clerk.setdefault(user_id, ClerkWork())

    def total(self) -> ClerkWork:
        total = ClerkWork()
        for work in self.per_clerk.values():
            total.received += work.received
            total.returned += work.returned
            total.supplement_requests += work.supplement_requests
            total.guided += work.guided
            total.refused_at_intake += work.refused_at_intake
        return total


def activity(session: Session, start: datetime, end: datetime) -> Activity:
    """Per user: dossiers received, results returned, supplements asked, citizens guided or refused at intake."""
    found = Activity()
    live = Dossier.voided_at.is_(None)
    received = select(Dossier.clerk_id, func.count()).where(
        live, Dossier.received_at >= start, Dossier.received_at < end
    )
    for user_id, n in session.execute(received.group_by(Dossier.clerk_id)):
        found.clerk(user_id).received += n
    steps = (
        select(DossierEvent.user_id, DossierEvent.action, func.count())
        .join(Dossier, Dossier.id == DossierEvent.dossier_id)
        .where(
            live,
            DossierEvent.at >= start,
            DossierEvent.at < end,
            DossierEvent.action.in_([Action.RETURN.value, Action.REQUEST_SUPPLEMENT.value]),
        )
        .group_by(DossierEvent.user_id, DossierEvent.action)
    )
    for user_id, action, n in session.execute(steps):
        work = found.clerk(user_id)
        if action == Action.RETURN.value:
            work.returned += n
        else:
            work.supplement_requests += n
    guided = (
        select(GuidanceRecord.user_id, GuidanceRecord.kind, func.count())
        .where(GuidanceRecord.at >= start, GuidanceRecord.at < end)
        .group_by(GuidanceRecord.user_id, GuidanceRecord.kind)
    )
    for user_id, kind, n in session.execute(guided):
        work = found.clerk(user_id)
        if kind == "refusal":
            work.refused_at_intake += n
        else:
            work.guided += n
    if found.per_clerk:
        users = select(User.id, User.full_name).where(User.id.in_(list(found.per_clerk)))
        found.names = {uid: name for uid, name in session.execute(users)}
    return found


def guidance_per_procedure(session: Session, start: datetime, end: datetime) -> Counter[tuple[str, str]]:
    """(kind, procedure name) → citizens guided or refused at intake in the period."""
    rows = session.execute(
        select(GuidanceRecord.kind, func.coalesce(ProcedureVersion.name, "(không rõ thủ tục)"), func.count())
        .outerjoin(ProcedureVersion, ProcedureVersion.id == GuidanceRecord.procedure_version_id)
        .where(GuidanceRecord.at >= start, GuidanceRecord.at < end)
        .group_by(GuidanceRecord.kind, ProcedureVersion.name)
    )
    return Counter({(kind, name): n for kind, name, n in rows})


@dataclass(frozen=True)
class DueDossier:
    code: str
    procedure: str
    applicant: str
    state: DossierState
    reappointed: bool


def due_on(session: Session, day: date) -> list[DueDossier]:
    """The dossiers still being worked on whose (current) appointment is ``day``: tomorrow's returns."""
    rows = session.execute(
        select(Dossier.code, ProcedureVersion.name, Dossier.applicant_name, Dossier.state, Dossier.reappointed_at)
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(
            and_(
                Dossier.voided_at.is_(None),
                Dossier.state.in_([s.value for s in (*RUNNING_STATES, DossierState.RESULT_READY)]),
                Dossier.due_date == day,
            )
        )
        .order_by(Dossier.received_at)
    )
    return [
        DueDossier(code, name, who, DossierState(state), again is not None) for code, name, who, state, again in rows
    ]
