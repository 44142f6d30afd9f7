"""What a procedure is, as the rest of the kiosk sees it: plain frozen values, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from uuid import UUID

from kiosk.services.appointment import LimitKind, TimeLimit


class DocumentForm(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    ORIGINAL_SHOWN = "original_shown"
    ANY = "any"


FORM_LABELS = {
    DocumentForm.ORIGINAL: "bản chính",
    DocumentForm.COPY: "bản sao",
    DocumentForm.ORIGINAL_SHOWN: "bản chính để đối chiếu",
    DocumentForm.ANY: "",
}


class CutoffMode(StrEnum):
    DESK = "desk"  # the desk's setting (15:00 by default)
    NONE = "none"  # this procedure counts from the day of receipt whatever the hour
    CUSTOM = "custom"  # this procedure has its own cut-off time


LEVEL_LABELS = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}
QUALITY_LABELS = {"V": "đã đối chiếu văn bản", "S": "nguồn thứ cấp", "U": "chưa kiểm chứng"}


@dataclass(frozen=True)
class DocumentSpec:
    name: str
    form: DocumentForm = DocumentForm.ANY
    count: int = 1
    optional: bool = False
    condition: str = ""


@dataclass(frozen=True)
class ProcedureSpec:
    """A procedure as an admin edits or imports it."""

    code: str
    name: str
    field: str
    level: str = "province"
    national_code: str | None = None
    limit_kind: LimitKind = LimitKind.WORKING_DAYS
    legal_days: int | None = None
    committed_days: int | None = None
    cutoff_mode: CutoffMode = CutoffMode.DESK
    cutoff_time: time | None = None
    fee_note: str = ""
    legal_basis: str = ""
    result_note: str = ""
    quality: str = "U"
    source: str = ""
    note: str = ""
    documents: tuple[DocumentSpec, ...] = ()
    active: bool = True

    @property
    def days(self) -> int | None:
        """The working days the desk commits to: its own limit when it has one, else the legal one."""
        return self.committed_days if self.committed_days is not None else self.legal_days

    def time_limit(self) -> TimeLimit:
        if self.limit_kind is LimitKind.WORKING_DAYS and self.days:
            return TimeLimit.working_days(self.days)
        if self.limit_kind is LimitKind.NONE:
            return TimeLimit.none()
        return TimeLimit.same_day()

    def cutoff(self) -> time | bool:
        """For CalendarService.appointment: True (the desk's), False (none) or this procedure's own time."""
        if self.cutoff_mode is CutoffMode.NONE:
            return False
        if self.cutoff_mode is CutoffMode.CUSTOM and self.cutoff_time is not None:
            return self.cutoff_time
        return True

    def content(self) -> ProcedureSpec:
        """The spec alone (what a version records), whatever subclass this is."""
        return ProcedureSpec(**{f: getattr(self, f) for f in ProcedureSpec.__dataclass_fields__})


@dataclass(frozen=True)
class ProcedureInfo(ProcedureSpec):
    """A procedure as one of its versions has it."""

    id: UUID | None = None
    version_id: UUID | None = None
    version: int = 0
    effective_from: datetime | None = None


@dataclass(frozen=True)
class ProcedureSummary:
    """One line of a search result: enough for the picker, without the document list."""

    id: UUID
    code: str
    name: str
    field: str
    limit_kind: LimitKind
    days: int | None
    active: bool
