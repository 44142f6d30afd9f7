"""Moving a dossier through its life: the legal moves, the one re-appointment, and closing stale supplements."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from kiosk.clock import Clock
from kiosk.errors import Conflict, InvalidInput
from kiosk.models import Database, Dossier, DossierEvent
from kiosk.services.calendar import LAST_YEAR, CalendarService
from kiosk.services.catalog import CatalogService
from kiosk.services.dossier_store import append_event, load
from kiosk.services.dossier_views import DossierView, view_of
from kiosk.services.states import MOVES, STATE_LABELS, Action, DossierState, allowed_targets
from kiosk.services.timeliness import judge, met_new_date
from kiosk.services.users import Actor
from kiosk.services.validation import REASON_MAX, member
from kiosk.text import clean_line, clean_paragraph

COLLECTOR_APPLICANT = "applicant"
COLLECTOR_POST = "post"


@dataclass(frozen=True)
class MoveInput:
    to: DossierState
    reason: str = ""
    #: forward: the specialist office the dossier goes to.
    office: str = ""
    #: result ready: approved or refused (refused needs a reason).
    outcome: str = ""
    #: return: "applicant", "post", or the name of the person collecting with an authorisation.
    collector: str = ""
    #: supplement requested: every missing paper, all at once.
    missing: tuple[str, ...] = ()


class LifecycleService:
    def __init__(self, db: Database, clock: Clock, calendar: CalendarService, catalog: CatalogService) -> None:
        self._db = db
        self._clock = clock
        self._calendar = calendar
        self._catalog = catalog

    def move(self, code: str, move: MoveInput, *, by: Actor) -> DossierView:
        with self._db.write() as session:
            dossier = load(session, code)
            current = DossierState(dossier.state)
            move = replace(move, to=member(DossierState, move.to, field="to", label="Trạng thái mới"))
            step = MOVES.get((current, move.to))
            if step is None:
                raise Conflict(_illegal(current, move.to))
            now = self._clock.now()
            reason, data, to = self._apply(dossier, step.action, move, now)
            append_event(
                session,
                dossier,
                at=now,
                by=by,
                action=step.action,
                to_state=to,
                reason=reason,
                data=data,
                form=step.form,
            )
            session.flush()
            return view_of(session, dossier, procedure=self._catalog.version_in(session, dossier.procedure_version_id))

    def reappoint(self, code: str, new_date: date, reason: str, *, by: Actor) -> DossierView:
        """Apologise and set a new date: only once, at least one day before the due date."""
        text = clean_paragraph(reason, field="reason", label="Lý do hẹn lại", max_length=REASON_MAX)
        with self._db.write() as session:
            dossier = load(session, code)
            state = DossierState(dossier.state)
            if state not in (DossierState.RECEIVED, DossierState.IN_PROCESS):
                raise Conflict(f"Chỉ hẹn lại hồ sơ đang giải quyết (hồ sơ đang «{STATE_LABELS[state]}»).")
            if dossier.due_date is None:
                raise Conflict("Thủ tục không có thời hạn cố định nên không có ngày hẹn để hẹn lại.")
            if dossier.reappointed_at is not None:
                raise Conflict("Hồ sơ đã được hẹn lại một lần; pháp luật chỉ cho phép hẹn lại một lần.")
            today = self._calendar.today()
            if today >= dossier.due_date:
                raise Conflict(
                    f"Phải xin lỗi và hẹn lại chậm nhất 1 ngày trước ngày hẹn {dossier.due_date:%d/%m/%Y}; "
                    "nay đã quá thời điểm đó."
                )
            if new_date <= dossier.due_date:
                raise InvalidInput(f"Ngày hẹn mới phải sau ngày hẹn cũ {dossier.due_date:%d/%m/%Y}.", field="new_date")
            if new_date.year > LAST_YEAR:
                raise InvalidInput(f"Ngày hẹn mới {new_date:%d/%m/%Y} quá xa; hãy kiểm tra lại năm.", field="new_date")
            if not self._calendar.calendar().is_working_day(new_date):
                raise InvalidInput(f"Ngày {new_date:%d/%m/%Y} là ngày nghỉ; hãy chọn ngày làm việc.", field="new_date")
            now = self._clock.now()
            old = dossier.due_date
            dossier.due_date = new_date
            dossier.due_at = datetime.combine(
                new_date, self._calendar.rules.appointment_time, tzinfo=self._calendar.rules.zone
            )
            dossier.reappointed_at = now
            append_event(
                session,
                dossier,
                at=now,
                by=by,
                action=Action.REAPPOINT,
                reason=text,
                data={"old_due_date": old.isoformat(), "new_due_date": new_date.isoformat()},
                form="apology",
            )
            session.flush()
            return view_of(session, dossier, procedure=self._catalog.version_in(session, dossier.procedure_version_id))

    def close_stale(self, days: int, *, by: Actor) -> list[str]:
        """Close every dossier whose supplement notice is more than ``days`` calendar days old."""
        today = self._calendar.today()
        zone = self._calendar.rules.zone
        closed = []
        with self._db.write() as session:
            notices = (
                select(DossierEvent.dossier_id, func.max(DossierEvent.at).label("at"))
                .where(DossierEvent.action == Action.REQUEST_SUPPLEMENT.value)
                .group_by(DossierEvent.dossier_id)
                .subquery()
            )
            rows = session.execute(
                select(Dossier, notices.c.at)
                .join(notices, notices.c.dossier_id == Dossier.id)
                .where(Dossier.state == DossierState.SUPPLEMENT_REQUESTED.value, Dossier.voided_at.is_(None))
            ).all()
            now = self._clock.now()
            for dossier, notice_at in rows:
                notice_day = notice_at.astimezone(zone).date()
                if today > notice_day + timedelta(days=days):
                    dossier.ended_at = now
                    append_event(
                        session,
                        dossier,
                        at=now,
                        by=by,
                        action=Action.CLOSE,
                        to_state=DossierState.CLOSED,
                        reason=(
                            f"Quá {days} ngày kể từ thông báo bổ sung ({notice_day:%d/%m/%Y}) "
                            "mà không nhận được hồ sơ bổ sung."
                        ),
                        data={"notice_day": notice_day.isoformat(), "automatic": True},
                    )
                    closed.append(dossier.code)
        return closed

    # -- the moves ------------------------------------------------------------------------------------------------

    def _apply(
        self, dossier: Dossier, action: Action, move: MoveInput, now: datetime
    ) -> tuple[str | None, dict[str, object], DossierState]:
        """Check what the move needs, change the dossier, and say what the event records."""
        to = move.to
        if action is Action.FORWARD:
            office = clean_line(move.office, field="office", label="Phòng chuyên môn nhận hồ sơ", max_length=200)
            dossier.office = office
            return _optional_reason(move.reason), {"office": office}, to
        if action is Action.REQUEST_SUPPLEMENT:
            missing = [
                clean_line(m, field="missing", label="Giấy tờ cần bổ sung", max_length=300)
                for m in move.missing
                if m.strip()
            ]
            if not missing:
                raise InvalidInput("Hãy ghi đầy đủ (một lần) các giấy tờ cần bổ sung.", field="missing")
            return _reason(move.reason, "Lý do yêu cầu bổ sung"), {"missing": missing}, to
        if action is Action.SUPPLEMENT_RECEIVED:
            info = self._catalog.get_version(dossier.procedure_version_id)
            appointment = self._calendar.appointment(info.time_limit(), now, cutoff=info.cutoff())
            dossier.counted_from = appointment.counted_from
            dossier.due_date = dossier.original_due_date = appointment.due_date
            dossier.due_at = appointment.due_at
            due = appointment.due_date.isoformat() if appointment.due_date else None
            return _optional_reason(move.reason), {"due_date": due, "explanation": appointment.explanation()}, to
        if action is Action.RESULT_READY:
            return self._result_ready(dossier, move, now)
        if action is Action.RETURN:
            kind, name = _collector(move.collector, dossier)
            dossier.returned_at = now
            dossier.collector = name
            return _optional_reason(move.reason), {"collector_kind": kind, "collector": name}, to
        label = {Action.WITHDRAW: "Lý do (đề nghị của người nộp)", Action.STOP: "Căn cứ dừng giải quyết"}.get(action)
        reason = _reason(move.reason, label) if label else (_optional_reason(move.reason) or "Đóng hồ sơ")
        dossier.ended_at = now
        return reason, {}, to

    def _result_ready(
        self, dossier: Dossier, move: MoveInput, now: datetime
    ) -> tuple[str | None, dict[str, object], DossierState]:
        if move.outcome not in ("approved", "refused"):
            raise InvalidInput("Hãy chọn kết quả: giải quyết (approved) hoặc từ chối (refused).", field="outcome")
        reason = _reason(move.reason, "Lý do từ chối") if move.outcome == "refused" else _optional_reason(move.reason)
        ready_on = now.astimezone(self._calendar.rules.zone).date()
        verdict = judge(ready_on, dossier.original_due_date)
        dossier.outcome = move.outcome
        dossier.outcome_reason = reason
        dossier.result_ready_at = now
        dossier.timeliness = verdict.value if verdict else None
        data: dict[str, object] = {"outcome": move.outcome, "timeliness": dossier.timeliness}
        if (met := met_new_date(ready_on, dossier.due_date, dossier.original_due_date)) is not None:
            data["met_new_date"] = met
        return reason, data, move.to


def _illegal(current: DossierState, to: DossierState) -> str:
    if current is to:
        return f"Hồ sơ đã ở trạng thái «{STATE_LABELS[current]}»."
    allowed = allowed_targets(current)
    hint = ", ".join(f"«{STATE_LABELS[s]}»" for s in allowed) if allowed else "không còn bước nào"
    return (
        f"Không thể chuyển hồ sơ từ «{STATE_LABELS[current]}» sang «{STATE_LABELS[to]}». "
        f"Từ trạng thái này chỉ chuyển được sang: {hint}."
    )


def _reason(text: str, label: str) -> str:
    return clean_paragraph(text, field="reason", label=label, max_length=REASON_MAX)


def _optional_reason(text: str) -> str | None:
    return clean_paragraph(text, field="reason", label="Ghi chú", max_length=REASON_MAX, required=False) or None


def _collector(text: str, dossier: Dossier) -> tuple[str, str]:
    value = text.strip()
    if not value:
        value = COLLECTOR_POST if dossier.delivery == "post" else COLLECTOR_APPLICANT
    if value.lower() == COLLECTOR_APPLICANT:
        return "applicant", dossier.applicant_name
    if value.lower() == COLLECTOR_POST:
        return "post", "Gửi qua dịch vụ bưu chính công ích"
    return "proxy", clean_line(value, field="collector", label="Người nhận kết quả", max_length=200)
