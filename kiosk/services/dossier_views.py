"""What the screens, the CLI and the printers see of a dossier: plain frozen values built from the rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Dossier, DossierEvent, Procedure, ProcedureVersion, User
from kiosk.services.catalog import version_info
from kiosk.services.catalog_types import DocumentForm, ProcedureInfo
from kiosk.services.states import NATIONAL_STATUS, Action, DossierState
from kiosk.services.timeliness import Timeliness, met_new_date


@dataclass(frozen=True)
class Applicant:
    kind: str  # person | organisation
    name: str
    phone: str
    id_number: str | None = None
    tax_code: str | None = None
    address: str = ""
    email: str = ""
    vneid_checked: bool = False


@dataclass(frozen=True)
class ReceivedDocument:
    name: str
    form: DocumentForm = DocumentForm.ANY
    count: int = 1
    from_catalog: bool = True


@dataclass(frozen=True)
class EventView:
    seq: int
    at: datetime
    username: str
    user_full_name: str
    action: Action
    from_state: DossierState | None
    to_state: DossierState | None
    reason: str | None
    data: dict[str, Any]
    form: str | None


@dataclass(frozen=True)
class DossierView:
    id: UUID
    code: str
    ledger_year: int
    ledger_number: int
    procedure: ProcedureInfo  # as it was when the dossier was received
    applicant: Applicant
    documents: tuple[ReceivedDocument, ...]
    sets: int
    delivery: str
    external_ref: str | None
    received_at: datetime
    counted_from: date
    due_date: date | None
    due_at: datetime | None
    original_due_date: date | None
    reappointed: bool
    state: DossierState
    office: str | None
    outcome: str | None
    outcome_reason: str | None
    result_ready_at: datetime | None
    timeliness: Timeliness | None
    returned_at: datetime | None
    collector: str | None
    clerk_username: str
    clerk_name: str
    voided: bool
    void_reason: str | None
    void_supervisor: str | None
    events: tuple[EventView, ...] = field(default=())

    @property
    def national_status(self) -> int:
        return NATIONAL_STATUS[self.state]

    def last_event(self, action: Action) -> EventView | None:
        """The latest step of this kind (the supplement request a form is written from, the forwarding …)."""
        return next((e for e in reversed(self.events) if e.action is action), None)

    def met_new_date(self, ready_on: date) -> bool | None:
        return met_new_date(ready_on, self.due_date, self.original_due_date)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, enums as their values, plus the national status code."""
        data: dict[str, Any] = _plain(asdict(self))
        data["national_status"] = self.national_status
        return data


@dataclass(frozen=True)
class DossierRow:
    """One line of a search result or of the ledger."""

    id: UUID
    code: str
    applicant_name: str
    phone: str
    procedure_name: str
    received_at: datetime
    due_date: date | None
    state: DossierState
    voided: bool


def event_view(event: DossierEvent, username: str, full_name: str) -> EventView:
    return EventView(
        event.seq,
        event.at,
        username,
        full_name,
        Action(event.action),
        DossierState(event.from_state) if event.from_state else None,
        DossierState(event.to_state) if event.to_state else None,
        event.reason,
        dict(event.data or {}),
        event.form,
    )


def view_of(
    session: Session,
    dossier: Dossier,
    *,
    procedure: ProcedureInfo | None = None,
    clerk: tuple[str, str] | None = None,
    events: tuple[EventView, ...] | None = None,
) -> DossierView:
    """The dossier as a view; parts the caller already holds (just written) are not read again."""
    if procedure is None:
        row = session.get(Procedure, dossier.procedure_id), session.get(ProcedureVersion, dossier.procedure_version_id)
        assert row[0] is not None and row[1] is not None
        procedure = version_info(row[0], row[1])
    if clerk is None:
        user = session.get(User, dossier.clerk_id)
        assert user is not None
        clerk = (user.username, user.full_name)
    if events is None:
        rows = session.execute(
            select(DossierEvent, User.username, User.full_name)
            .join(User, User.id == DossierEvent.user_id)
            .where(DossierEvent.dossier_id == dossier.id)
            .order_by(DossierEvent.seq)
        )
        events = tuple(event_view(e, username, full_name) for e, username, full_name in rows)
    return DossierView(
        id=dossier.id,
        code=dossier.code,
        ledger_year=dossier.ledger_year,
        ledger_number=dossier.ledger_number,
        procedure=procedure,
        applicant=Applicant(
            dossier.applicant_kind,
            dossier.applicant_name,
            dossier.phone,
            dossier.id_number,
            dossier.tax_code,
            dossier.address,
            dossier.email,
            dossier.vneid_checked,
        ),
        documents=tuple(
            ReceivedDocument(d.name, DocumentForm(d.form), d.count, d.from_catalog) for d in dossier.documents
        ),
        sets=dossier.sets,
        delivery=dossier.delivery,
        external_ref=dossier.external_ref,
        received_at=dossier.received_at,
        counted_from=dossier.counted_from,
        due_date=dossier.due_date,
        due_at=dossier.due_at,
        original_due_date=dossier.original_due_date,
        reappointed=dossier.reappointed_at is not None,
        state=DossierState(dossier.state),
        office=dossier.office,
        outcome=dossier.outcome,
        outcome_reason=dossier.outcome_reason,
        result_ready_at=dossier.result_ready_at,
        timeliness=Timeliness(dossier.timeliness) if dossier.timeliness else None,
        returned_at=dossier.returned_at,
        collector=dossier.collector,
        clerk_username=clerk[0],
        clerk_name=clerk[1],
        voided=dossier.voided_at is not None,
        void_reason=dossier.void_reason,
        void_supervisor=dossier.void_supervisor,
        events=events,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value
