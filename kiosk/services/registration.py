"""Registering a dossier (Tiếp nhận hồ sơ): validate, number, date, and record it in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.errors import InvalidInput, KioskError
from kiosk.models import Database, Dossier, DossierDocument, DossierEvent, new_id
from kiosk.services import validation
from kiosk.services.appointment import Appointment
from kiosk.services.calendar import CalendarService
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_types import DocumentForm, ProcedureInfo
from kiosk.services.clock_guard import ClockGuard
from kiosk.services.dossier_numbers import allocate
from kiosk.services.dossier_views import Applicant, DossierView, ReceivedDocument, event_view, view_of
from kiosk.services.states import Action, DossierState
from kiosk.services.users import Actor
from kiosk.text import clean_line, fold_name

MAX_DOCUMENTS = 60
FUTURE_TOLERANCE = timedelta(minutes=1)
EARLIEST_RECEIPT = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class RegistrationInput:
    procedure_code: str
    applicant: Applicant
    #: None: every required paper of the catalog, as the catalog lists it.
    documents: tuple[ReceivedDocument, ...] | None = None
    sets: int = 1
    delivery: str = "counter"
    external_ref: str = ""
    #: None: now. A past moment is allowed (entering a paper register); the future is not.
    received_at: datetime | None = None


@dataclass(frozen=True)
class Numbering:
    agency_code: str
    block: tuple[int, int] = (1, 9999)


def check_applicant(applicant: Applicant) -> Applicant:
    """The applicant cleaned, or InvalidInput for the first field at fault."""
    if applicant.kind not in ("person", "organisation"):
        raise InvalidInput("Người nộp phải là cá nhân hoặc tổ chức.", field="applicant_kind")
    person = applicant.kind == "person"
    name = validation.person_name(applicant.name) if person else validation.organisation_name(applicant.name)
    return Applicant(
        kind=applicant.kind,
        name=name,
        phone=validation.phone(applicant.phone),
        id_number=validation.id_number(applicant.id_number) if applicant.id_number else None,
        tax_code=validation.tax_code(applicant.tax_code) if applicant.tax_code else None,
        address=validation.address(applicant.address),
        email=validation.email(applicant.email),
        vneid_checked=bool(applicant.vneid_checked),
    )


def applicant_problems(applicant: Applicant) -> dict[str, str]:
    """Every field at fault with its message, for a form that shows them all next to their fields."""
    checks: dict[str, Callable[[], object]] = {
        "applicant_name": lambda: (
            validation.person_name(applicant.name)
            if applicant.kind == "person"
            else validation.organisation_name(applicant.name)
        ),
        "phone": lambda: validation.phone(applicant.phone),
        "id_number": lambda: applicant.id_number and validation.id_number(applicant.id_number),
        "tax_code": lambda: applicant.tax_code and validation.tax_code(applicant.tax_code),
        "address": lambda: validation.address(applicant.address),
        "email": lambda: validation.email(applicant.email),
    }
    problems = {}
    for name, check in checks.items():
        try:
            check()
        except KioskError as exc:
            problems[name] = exc.message
    return problems


def check_documents(
    info: ProcedureInfo, documents: tuple[ReceivedDocument, ...] | None
) -> tuple[ReceivedDocument, ...]:
    """The received papers cleaned; every required paper of the catalog must be among them."""
    if documents is None:
        documents = tuple(ReceivedDocument(d.name, d.form, d.count, True) for d in info.documents if not d.optional)
    if len(documents) > MAX_DOCUMENTS:
        raise InvalidInput(f"Tối đa {MAX_DOCUMENTS} loại giấy tờ cho một hồ sơ.", field="documents")
    clean = []
    for position, doc in enumerate(documents, start=1):
        label = f"Giấy tờ thứ {position}"
        name = clean_line(doc.name, field="documents", label=label, max_length=500)
        validation.count(doc.count, field="documents", label=f"{label}: số bản")
        form = validation.member(DocumentForm, doc.form, field="documents", label=f"{label}: hình thức")
        clean.append(ReceivedDocument(name, form, doc.count, bool(doc.from_catalog)))
    if not clean:
        raise InvalidInput("Hồ sơ phải có ít nhất một giấy tờ.", field="documents")
    received = {d.name for d in clean if d.from_catalog}
    missing = [d.name for d in info.documents if not d.optional and d.name not in received]
    if missing:
        raise InvalidInput(
            "Thiếu giấy tờ bắt buộc: " + "; ".join(missing) + ". Nếu người nộp chưa có, hãy chọn «Yêu cầu bổ sung».",
            field="documents",
        )
    return tuple(clean)


class RegistrationService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        calendar: CalendarService,
        catalog: CatalogService,
        numbering: Numbering,
        guard: ClockGuard | None = None,
    ) -> None:
        #: Registration waits while the PC's clock is suspect (None: trusted, e.g. a demo writing the past).
        self.guard = guard
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._catalog = catalog
        self.numbering = numbering

    def preview(self, info: ProcedureInfo, received_at: datetime | None = None) -> Appointment:
        """The appointment this procedure would get if received now (or at ``received_at``)."""
        return self._calendar.appointment(info.time_limit(), received_at or self._clock.now(), cutoff=info.cutoff())

    def register(self, data: RegistrationInput, *, by: Actor) -> DossierView:
        """Accept the dossier: code, ledger number, appointment, papers and the first event, all or nothing."""
        applicant = check_applicant(data.applicant)
        sets = validation.count(data.sets, field="sets", label="Số bộ hồ sơ", high=20)
        if data.delivery not in ("counter", "post"):
            raise InvalidInput("Hình thức trả kết quả phải là tại quầy hoặc qua bưu chính.", field="delivery")
        external = clean_line(
            data.external_ref, field="external_ref", label="Mã hồ sơ liên thông", max_length=64, required=False
        )
        received_at = self._received_at(data.received_at)
        if self.guard is not None:
            self.guard.require_trusted()
        with self._db.write() as session:
            info, active = self._catalog.current_in(session, data.procedure_code)
            if not active:
                raise InvalidInput(f"Thủ tục «{info.name}» đã ngừng áp dụng.", field="procedure")
            documents = check_documents(info, data.documents)
            appointment = self.preview(info, received_at)
            dossier, event = self._insert(
                session, info, applicant, documents, sets, data.delivery, external, appointment, by
            )
            first = event_view(event, by.username, by.full_name)
            return view_of(session, dossier, procedure=info, clerk=(by.username, by.full_name), events=(first,))

    def _received_at(self, value: datetime | None) -> datetime:
        now = self._clock.now()
        if value is None:
            return now.replace(microsecond=0)
        if value.tzinfo is None:
            raise InvalidInput("Thời điểm nhận cần múi giờ.", field="received_at")
        if value > now + FUTURE_TOLERANCE:
            raise InvalidInput("Thời điểm nhận hồ sơ không được ở tương lai.", field="received_at")
        if value < EARLIEST_RECEIPT:
            raise InvalidInput("Thời điểm nhận hồ sơ quá xa trong quá khứ.", field="received_at")
        return value.replace(microsecond=0)

    def _insert(
        self,
        session: Session,
        info: ProcedureInfo,
        applicant: Applicant,
        documents: tuple[ReceivedDocument, ...],
        sets: int,
        delivery: str,
        external: str,
        appointment: Appointment,
        by: Actor,
    ) -> tuple[Dossier, DossierEvent]:
        assert info.id is not None and info.version_id is not None
        receipt_day = appointment.received_at.date()
        numbers = allocate(session, self.numbering.agency_code, receipt_day, self.numbering.block)
        now = self._clock.now()
        folded, given = fold_name(applicant.name)
        dossier = Dossier(
            id=new_id(),
            code=numbers.code,
            receipt_day=receipt_day,
            day_seq=numbers.day_seq,
            ledger_year=numbers.ledger_year,
            ledger_number=numbers.ledger_number,
            procedure_id=info.id,
            procedure_version_id=info.version_id,
            procedure_field=info.field,
            applicant_kind=applicant.kind,
            applicant_name=applicant.name,
            name_folded=folded,
            given_name_folded=given,
            id_number=applicant.id_number,
            tax_code=applicant.tax_code,
            phone=applicant.phone,
            address=applicant.address,
            email=applicant.email,
            vneid_checked=applicant.vneid_checked,
            sets=sets,
            delivery=delivery,
            external_ref=external or None,
            received_at=appointment.received_at,
            counted_from=appointment.counted_from,
            due_date=appointment.due_date,
            due_at=appointment.due_at,
            original_due_date=appointment.due_date,
            state=DossierState.RECEIVED.value,
            clerk_id=by.id,
            created_at=now,
            updated_at=now,
            documents=[
                DossierDocument(position=i, name=d.name, form=d.form.value, count=d.count, from_catalog=d.from_catalog)
                for i, d in enumerate(documents, start=1)
            ],
        )
        event = DossierEvent(
            dossier_id=dossier.id,
            seq=1,
            at=now,
            user_id=by.id,
            action=Action.REGISTER.value,
            from_state=None,
            to_state=DossierState.RECEIVED.value,
            reason=None,
            data={
                "due_date": appointment.due_date.isoformat() if appointment.due_date else None,
                "explanation": appointment.explanation(),
            },
            form="receipt",
        )
        session.add_all([dossier, event])
        session.flush()  # one flush: the dossier, its papers and its first event
        return dossier, event
