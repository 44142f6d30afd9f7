"""The feedback register (tiếp nhận phản ánh, kiến nghị): recorded at the desk, answered within working days.

A complaint (phản ánh) or a suggestion (kiến nghị) is recorded by any clerk — by phone, in person, in writing or
electronically, named or anonymous, linked to a dossier when it concerns one — and numbered from 1 each year in
the ``BEGIN IMMEDIATE`` transaction that stores it, so numbers never repeat or skip. Its reply deadline is counted
as an appointment is (:mod:`kiosk.services.appointment`, without the intake cut-off): the day received is not
counted, a feedback received on a non-working day counts from the next working day, and the deadline is the
``reply_days``-th working day after that. Its handling is an append-only list of steps (received, forwarded to an
office, notes, the answer), each with the user who did it. It is answered on time when answered on or before the
deadline, in office time.

Any clerk records, forwards, notes and answers: the reply is the competent office's or the leader's, and the desk
writes it down and tells the citizen, so the person at the keyboard records the answer and names who gave it.

The reports count a period's feedback and score Circular 01/2018/TT-VPCP Art. 13's indicator 8 in
:mod:`kiosk.services.reports.feedback_section`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.config import FeedbackSettings
from kiosk.errors import Conflict, InvalidInput, KioskError, NotFound
from kiosk.models import Database, Dossier, Feedback, FeedbackStep, Role, User
from kiosk.services import validation
from kiosk.services.appointment import Appointment, TimeLimit
from kiosk.services.audit import AuditLog
from kiosk.services.calendar import FIRST_YEAR, LAST_YEAR, CalendarService
from kiosk.services.dossier_store import load
from kiosk.services.feedback_types import (
    ANSWER_MAX,
    ERASED,
    LIST_LIMIT,
    NOTE_MAX,
    NUMBER_MAX,
    OFFICE_MAX,
    Channel,
    FeedbackFilter,
    FeedbackInput,
    FeedbackKind,
    FeedbackRow,
    FeedbackState,
    FeedbackStepView,
    FeedbackView,
    Show,
    Standing,
    StepAction,
    checked_input,
    on_time,
    parse_number,
)
from kiosk.services.timeliness import Pending, pending
from kiosk.services.users import Actor
from kiosk.text import clean_line, clean_paragraph, fold

if TYPE_CHECKING:
    from kiosk.services.reports.feedback_section import FeedbackCounts


class FeedbackService:
    def __init__(
        self, db: Database, clock: Clock, calendar: CalendarService, settings: FeedbackSettings, audit: AuditLog
    ) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self.settings = settings  # replaced when the admin changes them
        self._audit = audit

    # -- recording ----------------------------------------------------------------------------------------------------

    def today(self) -> date:
        """Today in the office (the list's "overdue" and the date filters start from it)."""
        return self._calendar.today()

    def deadline(self, received_at: datetime | None = None) -> Appointment:
        """The reply deadline of a feedback received at ``received_at`` (default: now), with its explanation."""
        limit = TimeLimit.working_days(self.settings.reply_days)
        return self._calendar.appointment(limit, received_at, cutoff=False)

    def record(self, data: FeedbackInput, *, by: Actor) -> FeedbackView:
        """Record a complaint or suggestion received now; it gets the year's next number and its deadline."""
        by.require(Role.CLERK)
        clean = checked_input(data)
        now = self._clock.now().replace(microsecond=0)
        due = self.deadline(now)
        assert due.due_date is not None
        year = now.astimezone(self._zone).year
        with self._db.write() as session:
            dossier_id = _dossier_id(session, clean.dossier_code)
            last = session.scalar(select(func.max(Feedback.number)).where(Feedback.year == year))
            row = Feedback(
                year=year,
                number=(last or 0) + 1,
                kind=clean.kind.value,
                channel=clean.channel.value,
                received_at=now,
                user_id=by.id,
                citizen_name=clean.citizen_name,
                phone=clean.phone,
                content=clean.content,
                dossier_id=dossier_id,
                due_date=due.due_date,
                state=FeedbackState.OPEN.value,
            )
            session.add(row)
            session.flush()
            self._step(session, row, StepAction.RECEIVED, by)
            return self._view(session, row, due.explanation())

    def forward(self, number: int, office: str, *, year: int | None = None, note: str = "", by: Actor) -> FeedbackView:
        """Send it to an office for handling (a specialist office, the leader); an open feedback only."""
        by.require(Role.CLERK)
        where = clean_line(office, field="office", label="Phòng, đơn vị xử lý", max_length=OFFICE_MAX)
        text = clean_paragraph(note, field="note", label="Ghi chú", max_length=NOTE_MAX, required=False)
        with self._db.write() as session:
            row = self._load(session, number, year)
            self._require_open(row, "chuyển xử lý")
            self._step(session, row, StepAction.FORWARDED, by, office=where, text=text)
            return self._view(session, row)

    def note(self, number: int, text: str, *, year: int | None = None, by: Actor) -> FeedbackView:
        """A note on its handling (a call back, what the office said); also after the answer."""
        by.require(Role.CLERK)
        words = clean_paragraph(text, field="text", label="Ghi chú", max_length=NOTE_MAX)
        with self._db.write() as session:
            row = self._load(session, number, year)
            self._step(session, row, StepAction.NOTE, by, text=words)
            return self._view(session, row)

    def answer(self, number: int, text: str, *, year: int | None = None, office: str = "", by: Actor) -> FeedbackView:
        """The answer given to the citizen, and (optionally) who decided it; closes the feedback, once."""
        by.require(Role.CLERK)
        words = clean_paragraph(text, field="text", label="Nội dung trả lời", max_length=ANSWER_MAX)
        who = clean_line(office, field="office", label="Đơn vị trả lời", max_length=OFFICE_MAX, required=False)
        with self._db.write() as session:
            row = self._load(session, number, year)
            self._require_open(row, "trả lời")
            now = self._clock.now().replace(microsecond=0)
            row.state = FeedbackState.ANSWERED.value
            row.answered_at = now
            row.answer = words
            self._step(session, row, StepAction.ANSWERED, by, office=who or None, text=words, at=now)
            return self._view(session, row)

    # -- reading ------------------------------------------------------------------------------------------------------

    def get(self, number: int, year: int | None = None) -> FeedbackView:
        """Feedback number ``number`` of ``year`` (default: this year), with its steps."""
        with self._db.read() as session:
            row = self._load(session, number, year)
            return self._view(session, row)

    def get_by_id(self, feedback_id: UUID) -> FeedbackView:
        with self._db.read() as session:
            row = session.get(Feedback, feedback_id)
            if row is None:
                raise NotFound("Không tìm thấy phản ánh, kiến nghị này.", field="number")
            return self._view(session, row)

    def listing(self, wanted: FeedbackFilter | None = None, *, limit: int = LIST_LIMIT) -> list[FeedbackRow]:
        """The register filtered: open and overdue ones by deadline (nearest first), the others newest first."""
        wanted = wanted or FeedbackFilter()
        show = validation.member(Show, wanted.show, field="show", label="Bộ lọc")
        rows = max(0, min(limit, LIST_LIMIT * 20))
        today = self._calendar.today()
        conditions: list[ColumnElement[bool]] = []
        if show is Show.OPEN:
            conditions.append(Feedback.state == FeedbackState.OPEN.value)
        elif show is Show.OVERDUE:
            conditions += [Feedback.state == FeedbackState.OPEN.value, Feedback.due_date < today]
        elif show is Show.ANSWERED:
            conditions.append(Feedback.state == FeedbackState.ANSWERED.value)
        if wanted.first is not None or wanted.last is not None:
            first, last = wanted.first or date.min, wanted.last or date.max
            if first > last:
                raise InvalidInput(f"Ngày bắt đầu {first:%d/%m/%Y} sau ngày kết thúc {last:%d/%m/%Y}.", field="from")
            start, end = self._calendar.day_bounds(first, last)
            conditions += [Feedback.received_at >= start, Feedback.received_at < end]
        text = clean_line(wanted.text, field="text", label="Từ khoá tìm", max_length=200, required=False)
        words: str | None = None
        if text:
            number = parse_number(text)
            if number is not None:
                conditions.append(Feedback.number == min(number[0], NUMBER_MAX + 1))
                if number[1] is not None:
                    conditions.append(Feedback.year == number[1])
            else:
                words = fold(text)
        if show in (Show.OPEN, Show.OVERDUE):
            order: tuple[Any, ...] = (Feedback.due_date, Feedback.year, Feedback.number)
        else:
            order = (Feedback.received_at.desc(), Feedback.year.desc(), Feedback.number.desc())
        query = (
            select(Feedback, Dossier.code)
            .outerjoin(Dossier, Dossier.id == Feedback.dossier_id)
            .where(*conditions)
            .order_by(*order)
        )
        found: list[FeedbackRow] = []
        with self._db.read() as session:
            for row, code in session.execute(query if words is not None else query.limit(rows)):
                if words is not None and words not in _haystack(row, code):
                    continue
                found.append(self._row(row, code, today))
                if len(found) >= rows:
                    break
        return found

    def open_counts(self) -> tuple[int, int]:
        """(open, of which overdue) today: the filter buttons' figures."""
        today = self._calendar.today()
        with self._db.read() as session:
            result = session.execute(
                select(func.count(), func.count().filter(Feedback.due_date < today)).where(
                    Feedback.state == FeedbackState.OPEN.value
                )
            ).one()
            return int(result[0]), int(result[1])

    def counts(self, first: date, last: date) -> FeedbackCounts:
        """The period's figures for the reports (the open ones as of its last day, or today while it runs)."""
        from kiosk.services.reports.feedback_section import count_feedback

        return count_feedback(self._db, self._calendar, first, last)

    # -- personal data ------------------------------------------------------------------------------------------------

    def erase_contacts(self, days: int) -> int:
        """Erase the name and phone of feedback answered more than ``days`` days ago (an open one keeps them: the
        citizen is still owed an answer); the content, the answer and the counts stay. Audited when it erases any."""
        keep = validation.count(days, field="days", label="Số ngày lưu thông tin liên hệ", low=1, high=36_500)
        now = self._clock.now()
        before = now - timedelta(days=keep)
        with self._db.write() as session:
            result = session.execute(
                update(Feedback)
                .where(
                    Feedback.state == FeedbackState.ANSWERED.value,
                    Feedback.answered_at < before,
                    Feedback.personal_erased_at.is_(None),
                    or_(Feedback.citizen_name != "", Feedback.phone.is_not(None)),
                )
                .values(
                    citizen_name=case((Feedback.citizen_name == "", ""), else_=ERASED),
                    phone=None,
                    personal_erased_at=now,
                )
            )
            erased = int(getattr(result, "rowcount", 0) or 0)
            if erased:
                details = {"feedback": erased, "answered_before": before.astimezone(self._zone).date().isoformat()}
                self._audit.record_in(session, "system", "feedback_contacts_erased", "", details)
        return erased

    # -- inside --------------------------------------------------------------------------------------------------------

    @property
    def _zone(self) -> ZoneInfo:
        return self._calendar.rules.zone

    def _load(self, session: Session, number: int, year: int | None) -> Feedback:
        wanted_year = self._calendar.today().year if year is None else year
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= NUMBER_MAX:
            raise InvalidInput(f"Số phản ánh, kiến nghị phải là số nguyên từ 1 đến {NUMBER_MAX}.", field="number")
        if isinstance(wanted_year, bool) or not isinstance(wanted_year, int):
            raise InvalidInput("Năm phải là một số nguyên.", field="year")
        if not FIRST_YEAR <= wanted_year <= LAST_YEAR:
            raise InvalidInput(f"Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}.", field="year")
        row = session.scalar(select(Feedback).where(Feedback.year == wanted_year, Feedback.number == number))
        if row is None:
            raise NotFound(f"Không có phản ánh, kiến nghị số {number}/{wanted_year}.", field="number")
        return row

    @staticmethod
    def _require_open(row: Feedback, what: str) -> None:
        if row.state != FeedbackState.OPEN.value:
            raise Conflict(f"Phản ánh, kiến nghị số {row.number}/{row.year} đã được trả lời; không {what} được nữa.")

    def _step(
        self,
        session: Session,
        row: Feedback,
        action: StepAction,
        by: Actor,
        *,
        office: str | None = None,
        text: str = "",
        at: datetime | None = None,
    ) -> None:
        last = session.scalar(select(func.max(FeedbackStep.seq)).where(FeedbackStep.feedback_id == row.id))
        session.add(
            FeedbackStep(
                feedback_id=row.id,
                seq=(last or 0) + 1,
                at=at or self._clock.now().replace(microsecond=0),
                user_id=by.id,
                action=action.value,
                office=office,
                text=text,
            )
        )
        session.flush()

    def _explain(self, row: Feedback) -> str:
        """The deadline's explanation, when counting again today gives the same date."""
        try:
            again = self.deadline(row.received_at)
        except KioskError:
            return ""
        return again.explanation() if again.due_date == row.due_date else ""

    def _standing(self, row: Feedback, today: date) -> Standing:
        if row.state == FeedbackState.ANSWERED.value and row.answered_at is not None:
            timely = on_time(row.answered_at, row.due_date, self._zone)
            return Standing.ANSWERED_ON_TIME if timely else Standing.ANSWERED_LATE
        return {
            Pending.WITHIN_TIME: Standing.WITHIN_TIME,
            Pending.DUE_TODAY: Standing.DUE_TODAY,
            Pending.OVERDUE: Standing.OVERDUE,
        }[pending(today, row.due_date) or Pending.WITHIN_TIME]

    def _row(self, row: Feedback, code: str | None, today: date) -> FeedbackRow:
        return FeedbackRow(
            id=row.id,
            year=row.year,
            number=row.number,
            kind=FeedbackKind(row.kind),
            channel=Channel(row.channel),
            received_at=row.received_at,
            citizen_name=row.citizen_name,
            phone=row.phone,
            content=row.content,
            dossier_code=code,
            due_date=row.due_date,
            state=FeedbackState(row.state),
            answered_at=row.answered_at,
            standing=self._standing(row, today),
        )

    def _view(self, session: Session, row: Feedback, deadline_note: str | None = None) -> FeedbackView:
        code = session.scalar(select(Dossier.code).where(Dossier.id == row.dossier_id)) if row.dossier_id else None
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(_user_ids(session, row))))}
        steps = tuple(
            FeedbackStepView(
                s.seq,
                s.at,
                StepAction(s.action),
                users[s.user_id].username,
                users[s.user_id].full_name,
                s.office,
                s.text,
            )
            for s in session.scalars(
                select(FeedbackStep).where(FeedbackStep.feedback_id == row.id).order_by(FeedbackStep.seq)
            )
        )
        base = self._row(row, code, self._calendar.today())
        recorder = users[row.user_id]
        return FeedbackView(
            **{name: getattr(base, name) for name in FeedbackRow.__dataclass_fields__},
            username=recorder.username,
            user_full_name=recorder.full_name,
            answer=row.answer,
            personal_erased_at=row.personal_erased_at,
            steps=steps,
            deadline_note=self._explain(row) if deadline_note is None else deadline_note,
        )


def _dossier_id(session: Session, code: str) -> UUID | None:
    """The dossier a feedback concerns; a code that finds none is the form's dossier field at fault."""
    if not code:
        return None
    try:
        return load(session, code).id
    except KioskError as exc:
        raise type(exc)(exc.message, field="dossier") from None


def _user_ids(session: Session, row: Feedback) -> set[UUID]:
    ids = set(session.scalars(select(FeedbackStep.user_id).where(FeedbackStep.feedback_id == row.id)))
    return ids | {row.user_id}


def _haystack(row: Feedback, code: str | None) -> str:
    return fold(" ".join((row.citizen_name, row.phone or "", row.content, code or "", f"{row.number}/{row.year}")))
