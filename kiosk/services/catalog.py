"""The procedure catalog: diacritic-insensitive search, versioned edits, activation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from uuid import UUID

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.errors import InvalidInput, NotFound
from kiosk.models import CatalogRevision, Database, Procedure, ProcedureDocument, ProcedureVersion, Role
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_index import CatalogIndex, IndexEntry
from kiosk.services.catalog_types import (
    CutoffMode,
    DocumentForm,
    DocumentSpec,
    ProcedureInfo,
    ProcedureSpec,
    ProcedureSummary,
)
from kiosk.services.users import Actor
from kiosk.services.validation import member
from kiosk.text import clean_line, clean_paragraph, fold

Change = Literal["created", "updated", "unchanged"]
_CODE = re.compile(r"^[0-9A-Z][0-9A-Z.\-_]{0,39}$")
_LEVEL = re.compile(r"^[a-z_]{1,32}$")
MAX_DAYS = 365


@dataclass(frozen=True)
class SaveReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class CatalogService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._index: CatalogIndex | None = None
        self._index_revision = -1
        self._versions: dict[UUID, ProcedureInfo] = {}

    # -- reading --------------------------------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 50, include_inactive: bool = False) -> list[ProcedureSummary]:
        """Procedures whose code, name or field hold every word of ``text`` (diacritics and case ignored).

        Ranked: exact code first, then names that start with the text, then the rest by name.
        """
        return self._current_index().search(text, limit=limit, include_inactive=include_inactive)

    def _current_index(self) -> CatalogIndex:
        """The in-memory index, rebuilt when the catalog revision moved (a write here or in another process)."""
        with self._db.connect() as conn:
            revision = conn.execute(select(CatalogRevision.revision).where(CatalogRevision.id == 1)).scalar_one()
        if self._index is None or revision != self._index_revision:
            with self._db.read() as session:
                rows = session.execute(
                    _current().with_only_columns(
                        Procedure.id,
                        Procedure.code,
                        ProcedureVersion.name,
                        ProcedureVersion.field,
                        ProcedureVersion.limit_kind,
                        func.coalesce(ProcedureVersion.committed_days, ProcedureVersion.legal_days),
                        Procedure.active,
                        ProcedureVersion.search_text,
                    )
                ).all()
            entries = [
                IndexEntry(
                    ProcedureSummary(pid, code, name, field_, LimitKind(kind), days, active),
                    fold(name),
                    code.lower(),
                )
                for pid, code, name, field_, kind, days, active, _ in rows
            ]
            self._index = CatalogIndex(entries, [row[-1] for row in rows])
            self._index_revision = revision
        return self._index

    def get(self, code: str) -> ProcedureInfo:
        """The current version of the procedure with this code."""
        with self._db.read() as session:
            return version_info(*current_version(session, code))

    def get_version(self, version_id: UUID) -> ProcedureInfo:
        """A version as it was recorded; versions never change, so each is read once."""
        if version_id not in self._versions:
            with self._db.read() as session:
                self._versions[version_id] = self.version_in(session, version_id)
        return self._versions[version_id]

    def version_in(self, session: Session, version_id: UUID) -> ProcedureInfo:
        """Like get_version, inside the caller's transaction."""
        cached = self._versions.get(version_id)
        if cached is not None:
            return cached
        version = session.get(ProcedureVersion, version_id)
        if version is None:
            raise NotFound("Không tìm thấy phiên bản thủ tục.")
        procedure = session.get(Procedure, version.procedure_id)
        assert procedure is not None
        info = version_info(procedure, version)
        self._versions[version_id] = info
        return info

    def current_in(self, session: Session, code: str) -> tuple[ProcedureInfo, bool]:
        """The current version of the procedure with this code, and whether it is active, in the caller's
        transaction."""
        row = session.execute(
            _current()
            .with_only_columns(ProcedureVersion.id, Procedure.active)
            .where(Procedure.code == code.strip().upper())
        ).first()
        if row is None:
            raise NotFound(f"Không có thủ tục mã «{code}» trong danh mục.", field="procedure")
        return self.version_in(session, row[0]), row[1]

    def all(self, *, include_inactive: bool = True) -> list[ProcedureInfo]:
        query = _current().order_by(ProcedureVersion.field, ProcedureVersion.name)
        if not include_inactive:
            query = query.where(Procedure.active)
        with self._db.read() as session:
            return [version_info(p, v) for p, v in session.execute(query)]

    def fields(self) -> list[str]:
        """The fields (lĩnh vực) of active procedures, sorted."""
        query = _current().with_only_columns(ProcedureVersion.field).where(Procedure.active).distinct()
        with self._db.read() as session:
            return sorted(session.scalars(query), key=fold)

    def count(self) -> int:
        with self._db.read() as session:
            return session.scalar(select(func.count()).select_from(Procedure)) or 0

    # -- writing --------------------------------------------------------------------------------------------------

    def save(self, spec: ProcedureSpec, *, by: Actor) -> tuple[ProcedureInfo, Change]:
        """Create the procedure, or give it a new version when anything changed."""
        by.require(Role.ADMIN)
        clean = validate_spec(spec)
        with self._db.write() as session:
            procedure, version, change = self._save(session, clean, by)
            return version_info(procedure, version), change

    def save_many(self, specs: Iterable[ProcedureSpec], *, by: Actor) -> SaveReport:
        """Save every spec in one transaction: all of them, or none when one is refused."""
        by.require(Role.ADMIN)
        clean = [validate_spec(s) for s in specs]
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with self._db.write() as session:
            for spec in clean:
                counts[self._save(session, spec, by)[2]] += 1
        return SaveReport(**counts)

    def save_in(self, session: Session, spec: ProcedureSpec, *, by: Actor) -> Change:
        """Like :meth:`save`, in the caller's transaction (the sync applies a publication all at once)."""
        by.require(Role.ADMIN)
        return self._save(session, validate_spec(spec), by)[2]

    def set_active(self, code: str, active: bool, *, by: Actor) -> None:
        by.require(Role.ADMIN)
        with self._db.write() as session:
            procedure = session.scalar(select(Procedure).where(Procedure.code == code.strip().upper()))
            if procedure is None:
                raise NotFound(f"Không có thủ tục mã «{code}» trong danh mục.", field="procedure")
            if procedure.active != active:
                procedure.active = active
                procedure.updated_at = self._clock.now()

    def _save(self, session: Session, spec: ProcedureSpec, by: Actor) -> tuple[Procedure, ProcedureVersion, Change]:
        now = self._clock.now()
        procedure = session.scalar(select(Procedure).where(Procedure.code == spec.code))
        if procedure is None:
            procedure = Procedure(code=spec.code, active=spec.active, current_version=1, created_at=now, updated_at=now)
            session.add(procedure)
            session.flush()
            version = _version_row(procedure.id, 1, spec, now, by)
            session.add(version)
            return procedure, version, "created"
        current = session.scalar(
            select(ProcedureVersion).where(
                ProcedureVersion.procedure_id == procedure.id, ProcedureVersion.version == procedure.current_version
            )
        )
        assert current is not None
        content = version_info(procedure, current).content()
        if content == spec:
            return procedure, current, "unchanged"
        procedure.active = spec.active
        procedure.updated_at = now
        if replace(content, active=spec.active) == spec:  # only switched on or off: no new version
            return procedure, current, "updated"
        procedure.current_version += 1
        version = _version_row(procedure.id, procedure.current_version, spec, now, by)
        session.add(version)
        return procedure, version, "updated"


def current_version(session: Session, code: str) -> tuple[Procedure, ProcedureVersion]:
    """The procedure with this code and its current version, read in the caller's transaction."""
    row = session.execute(_current().where(Procedure.code == code.strip().upper())).first()
    if row is None:
        raise NotFound(f"Không có thủ tục mã «{code}» trong danh mục.", field="procedure")
    return row[0], row[1]


def _current() -> Select[Procedure, ProcedureVersion]:
    return select(Procedure, ProcedureVersion).join(
        ProcedureVersion,
        and_(ProcedureVersion.procedure_id == Procedure.id, ProcedureVersion.version == Procedure.current_version),
    )


def _version_row(procedure_id: UUID, number: int, spec: ProcedureSpec, now: datetime, by: Actor) -> ProcedureVersion:
    return ProcedureVersion(
        procedure_id=procedure_id,
        version=number,
        effective_from=now,
        created_by=by.username,
        name=spec.name,
        field=spec.field,
        level=spec.level,
        national_code=spec.national_code,
        limit_kind=spec.limit_kind.value,
        legal_days=spec.legal_days,
        committed_days=spec.committed_days,
        cutoff_mode=spec.cutoff_mode.value,
        cutoff_time=spec.cutoff_time,
        fee_note=spec.fee_note,
        legal_basis=spec.legal_basis,
        result_note=spec.result_note,
        quality=spec.quality,
        source=spec.source,
        note=spec.note,
        search_text=" | ".join(fold(s) for s in (spec.name, spec.code, spec.national_code or "", spec.field)),
        documents=[
            ProcedureDocument(
                position=i, name=d.name, form=d.form.value, count=d.count, optional=d.optional, condition=d.condition
            )
            for i, d in enumerate(spec.documents, start=1)
        ],
    )


def version_info(procedure: Procedure, version: ProcedureVersion) -> ProcedureInfo:
    """A procedure as the given version of it has it."""
    return ProcedureInfo(
        code=procedure.code,
        name=version.name,
        field=version.field,
        level=version.level,
        national_code=version.national_code,
        limit_kind=LimitKind(version.limit_kind),
        legal_days=version.legal_days,
        committed_days=version.committed_days,
        cutoff_mode=CutoffMode(version.cutoff_mode),
        cutoff_time=version.cutoff_time,
        fee_note=version.fee_note,
        legal_basis=version.legal_basis,
        result_note=version.result_note,
        quality=version.quality,
        source=version.source,
        note=version.note,
        documents=tuple(
            DocumentSpec(d.name, DocumentForm(d.form), d.count, d.optional, d.condition) for d in version.documents
        ),
        active=procedure.active,
        id=procedure.id,
        version_id=version.id,
        version=version.version,
        effective_from=version.effective_from,
    )


def validate_spec(spec: ProcedureSpec) -> ProcedureSpec:
    """The spec cleaned (NFC, trimmed) and checked; InvalidInput names the field at fault."""
    code = spec.code.strip().upper()
    if not _CODE.match(code):
        raise InvalidInput(f"Mã thủ tục «{spec.code}» không hợp lệ (chữ số, chữ in hoa, dấu chấm, gạch).", field="code")
    national = spec.national_code.strip().upper() if spec.national_code else None
    if national is not None and not _CODE.match(national):
        raise InvalidInput(f"Mã quốc gia «{spec.national_code}» không hợp lệ.", field="national_code")
    level = spec.level.strip().lower()
    if not _LEVEL.match(level):
        raise InvalidInput(f"Cấp thực hiện «{spec.level}» không hợp lệ (ví dụ: province, commune).", field="level")
    for name, days in (("legal_days", spec.legal_days), ("committed_days", spec.committed_days)):
        if days is not None and (isinstance(days, bool) or not 0 <= days <= MAX_DAYS):
            raise InvalidInput(f"Số ngày phải từ 0 đến {MAX_DAYS}.", field=name)
    kind = member(LimitKind, spec.limit_kind, field="limit_kind", label="Cách tính thời hạn")
    if kind is LimitKind.WORKING_DAYS and not spec.days:
        raise InvalidInput("Thủ tục tính theo ngày làm việc cần số ngày (ít nhất 1).", field="legal_days")
    if spec.committed_days is not None and spec.legal_days is not None and spec.committed_days > spec.legal_days:
        raise InvalidInput("Thời hạn cam kết không được dài hơn thời hạn luật định.", field="committed_days")
    cutoff_mode = member(CutoffMode, spec.cutoff_mode, field="cutoff_mode", label="Giờ chốt")
    if cutoff_mode is CutoffMode.CUSTOM and spec.cutoff_time is None:
        raise InvalidInput("Cần giờ chốt riêng của thủ tục.", field="cutoff_time")
    if spec.quality not in ("V", "S", "U"):
        raise InvalidInput("Độ tin cậy phải là V, S hoặc U.", field="quality")
    documents = tuple(_document(d, i) for i, d in enumerate(spec.documents, start=1))
    return ProcedureSpec(
        code=code,
        name=clean_line(spec.name, field="name", label="Tên thủ tục", max_length=500),
        field=clean_line(spec.field, field="field", label="Lĩnh vực", max_length=200),
        level=level,
        national_code=national,
        limit_kind=kind,
        legal_days=spec.legal_days,
        committed_days=spec.committed_days,
        cutoff_mode=cutoff_mode,
        cutoff_time=spec.cutoff_time if cutoff_mode is CutoffMode.CUSTOM else None,
        fee_note=clean_line(spec.fee_note, field="fee_note", label="Phí, lệ phí", max_length=500, required=False),
        legal_basis=clean_paragraph(
            spec.legal_basis, field="legal_basis", label="Căn cứ pháp lý", max_length=5000, required=False
        ),
        result_note=clean_line(
            spec.result_note, field="result_note", label="Nơi trả kết quả", max_length=500, required=False
        ),
        quality=spec.quality,
        source=clean_line(spec.source, field="source", label="Nguồn", max_length=500, required=False),
        note=clean_line(spec.note, field="note", label="Ghi chú", max_length=1000, required=False),
        documents=documents,
        active=bool(spec.active),
    )


def _document(doc: DocumentSpec, position: int) -> DocumentSpec:
    label = f"Giấy tờ thứ {position}"
    if isinstance(doc.count, bool) or not 1 <= doc.count <= 99:
        raise InvalidInput(f"{label}: số bản phải từ 1 đến 99.", field="documents")
    return DocumentSpec(
        name=clean_line(doc.name, field="documents", label=label, max_length=500),
        form=member(DocumentForm, doc.form, field="documents", label=f"{label}: hình thức"),
        count=doc.count,
        optional=bool(doc.optional),
        condition=clean_line(
            doc.condition, field="documents", label=f"{label} (điều kiện)", max_length=300, required=False
        ),
    )
