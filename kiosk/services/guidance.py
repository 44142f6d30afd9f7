"""Guidance records: a citizen sent away to complete the papers, or refused at intake. No dossier, no code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import String, cast, select, update
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.errors import InvalidInput, NotFound
from kiosk.models import Database, GuidanceRecord, Procedure, ProcedureVersion, User
from kiosk.services import validation
from kiosk.services.catalog import current_version
from kiosk.services.users import Actor
from kiosk.text import clean_line, clean_paragraph

KINDS = {"supplement": "supplement_request", "refusal": "refusal"}
ERASED = "(đã xoá theo thời hạn lưu)"


@dataclass(frozen=True)
class GuidanceInput:
    kind: str  # supplement | refusal
    applicant_name: str
    reason: str
    phone: str = ""
    procedure_code: str = ""  # a refusal may concern something outside the desk's catalog
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuidanceView:
    id: UUID
    kind: str
    at: datetime
    username: str
    procedure_code: str | None
    procedure_name: str | None
    applicant_name: str
    phone: str | None
    missing: tuple[str, ...]
    reason: str
    slip: str
    slip_printed_at: datetime | None
    user_full_name: str = ""


class GuidanceService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def record(self, data: GuidanceInput, *, by: Actor) -> GuidanceView:
        if data.kind not in KINDS:
            raise InvalidInput("Loại hướng dẫn phải là bổ sung (supplement) hoặc từ chối (refusal).", field="kind")
        name = validation.organisation_name(data.applicant_name)
        phone = validation.phone(data.phone) if data.phone.strip() else None
        missing = [
            clean_line(m, field="missing", label="Giấy tờ cần bổ sung", max_length=300)
            for m in data.missing
            if m.strip()
        ]
        if data.kind == "supplement" and not missing:
            raise InvalidInput("Hãy ghi đầy đủ (một lần) các giấy tờ cần bổ sung.", field="missing")
        label = "Lý do yêu cầu bổ sung" if data.kind == "supplement" else "Lý do từ chối tiếp nhận"
        reason = clean_paragraph(data.reason, field="reason", label=label, max_length=validation.REASON_MAX)
        with self._db.write() as session:
            procedure_id = version_id = None
            if data.procedure_code.strip():
                procedure, version = current_version(session, data.procedure_code)
                procedure_id, version_id = procedure.id, version.id
            elif data.kind == "supplement":
                raise InvalidInput("Yêu cầu bổ sung cần chọn thủ tục.", field="procedure")
            record = GuidanceRecord(
                kind=data.kind,
                at=self._clock.now(),
                user_id=by.id,
                procedure_id=procedure_id,
                procedure_version_id=version_id,
                applicant_name=name,
                phone=phone,
                missing=missing,
                reason=reason,
                slip=KINDS[data.kind],
            )
            session.add(record)
            session.flush()
            return self._view(session, record)

    def find(self, ref: str) -> GuidanceView:
        """A record by its number as the lists show it: the first characters (at least 6) of its id."""
        key = ref.strip().lower().replace("-", "")
        if len(key) < 6 or any(ch not in "0123456789abcdef" for ch in key):
            raise InvalidInput(
                f"«{ref.strip()}» không phải số phiếu hướng dẫn (ít nhất 6 ký tự 0-9, a-f).", field="guidance"
            )
        with self._db.read() as session:
            found = session.scalars(
                select(GuidanceRecord).where(cast(GuidanceRecord.id, String).like(f"{key}%")).limit(2)
            ).all()
            if not found:
                raise NotFound(f"Không có phiếu hướng dẫn số «{ref.strip()}».", field="guidance")
            if len(found) > 1:
                raise InvalidInput(f"Số «{ref.strip()}» khớp nhiều phiếu; hãy gõ thêm vài ký tự.", field="guidance")
            return self._view(session, found[0])

    def mark_printed(self, record_id: UUID) -> None:
        with self._db.write() as session:
            record = session.get(GuidanceRecord, record_id)
            if record is None:
                raise NotFound("Không tìm thấy phiếu hướng dẫn.")
            record.slip_printed_at = self._clock.now()

    def between(self, start: datetime, end: datetime) -> list[GuidanceView]:
        with self._db.read() as session:
            rows = session.scalars(
                select(GuidanceRecord)
                .where(GuidanceRecord.at >= start, GuidanceRecord.at < end)
                .order_by(GuidanceRecord.at)
            )
            return [self._view(session, r) for r in rows]

    def erase_contacts(self, older_than_days: int) -> int:
        """Erase the name and phone of guidance records older than the retention period; the counts stay."""
        limit = self._clock.now() - timedelta(days=older_than_days)
        with self._db.write() as session:
            result = session.execute(
                update(GuidanceRecord)
                .where(GuidanceRecord.at < limit, GuidanceRecord.contact_erased_at.is_(None))
                .values(applicant_name=ERASED, phone=None, contact_erased_at=self._clock.now())
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def _view(self, session: Session, record: GuidanceRecord) -> GuidanceView:
        code = name = None
        if record.procedure_version_id is not None:
            version = session.get(ProcedureVersion, record.procedure_version_id)
            procedure = session.get(Procedure, record.procedure_id)
            assert version is not None and procedure is not None
            code, name = procedure.code, version.name
        user = session.get(User, record.user_id)
        assert user is not None
        return GuidanceView(
            record.id,
            record.kind,
            record.at,
            user.username,
            code,
            name,
            record.applicant_name,
            record.phone,
            tuple(record.missing),
            record.reason,
            record.slip,
            record.slip_printed_at,
            user.full_name,
        )
