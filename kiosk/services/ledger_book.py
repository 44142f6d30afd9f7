"""The yearly ledger (Sổ theo dõi hồ sơ) as paper wants it: every entry of a year, in ledger-number order.

Entries are numbered from 1 through the calendar year; a new book in the same year continues the numbering
(``forms.ledger_book_size`` entries per book, 0 for one book a year). A voided entry keeps its line, marked.
Rows are read as plain columns (no ORM objects), so a year of ten thousand dossiers loads in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from kiosk.errors import InvalidInput
from kiosk.models import Database, Dossier, DossierEvent, ProcedureVersion
from kiosk.services.states import ENDED_STATES, STATE_LABELS, Action, DossierState
from kiosk.services.timeliness import TIMELINESS_LABELS, Timeliness

#: The official form's columns (heading, width in mm on A4 landscape); the five dates sit under one group heading.
#: The PDF draws them all; the files (XLSX, CSV) leave out the signature column.
LEDGER_COLUMNS = (
    ("STT", 9),
    ("Mã hồ sơ", 28),
    ("Tên thủ tục hành chính", 38),
    ("Số lượng hồ sơ (bộ)", 9),
    ("Tên cá nhân, tổ chức", 28),
    ("Địa chỉ, số điện thoại", 29),
    ("Cơ quan chủ trì giải quyết", 22),
    ("Nhận hồ sơ", 17),
    ("Hẹn trả kết quả", 17),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 17),
    ("Nhận kết quả từ cơ quan giải quyết", 17),
    ("Trả kết quả cho cá nhân, tổ chức", 17),
    ("Ký nhận", 12),
    ("Ghi chú", 17),
)
LEDGER_DATES = range(7, 12)  # the columns under LEDGER_DATE_GROUP
LEDGER_DATE_GROUP = "Ngày, tháng, năm"


@dataclass(frozen=True)
class LedgerEntry:
    number: int
    code: str
    procedure: str
    sets: int
    applicant: str
    contact: str  # address and phone
    office: str  # the specialist office that resolves it
    received_at: datetime
    due_date: date | None
    forwarded_at: datetime | None
    result_at: datetime | None
    returned_at: datetime | None
    note: str


@dataclass(frozen=True)
class LedgerBook:
    year: int
    book: int
    first: int  # the first entry number this book holds
    last: int | None  # the last one, None when the book is open-ended
    entries: tuple[LedgerEntry, ...]


def book_of(number: int, book_size: int) -> int:
    """Which book (from 1) holds ledger entry ``number``."""
    return 1 if book_size <= 0 else (number - 1) // book_size + 1


class LedgerBookService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def book(self, year: int, book: int, book_size: int) -> LedgerBook:
        if not 2000 <= year <= 2100:
            raise InvalidInput(f"Năm {year} không hợp lệ.", field="year")
        if book < 1:
            raise InvalidInput("Số quyển bắt đầu từ 1.", field="book")
        if book_size <= 0 and book > 1:
            raise InvalidInput(
                f"Sổ năm {year} chỉ có một quyển (cài đặt forms.ledger_book_size = 0: cả năm một quyển).",
                field="book",
            )
        first = 1 if book_size <= 0 else (book - 1) * book_size + 1
        last = None if book_size <= 0 else book * book_size
        forwarded = (
            select(func.min(DossierEvent.at))
            .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.action == Action.FORWARD.value)
            .correlate(Dossier)
            .scalar_subquery()
        )
        query = (
            select(
                Dossier.ledger_number,
                Dossier.code,
                ProcedureVersion.name,
                Dossier.sets,
                Dossier.applicant_name,
                Dossier.address,
                Dossier.phone,
                Dossier.office,
                Dossier.received_at,
                Dossier.due_date,
                forwarded,
                Dossier.result_ready_at,
                Dossier.returned_at,
                Dossier.state,
                Dossier.timeliness,
                Dossier.outcome,
                Dossier.original_due_date,
                Dossier.reappointed_at,
                Dossier.delivery,
                Dossier.voided_at,
                Dossier.void_reason,
            )
            .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
            .where(Dossier.ledger_year == year, Dossier.ledger_number >= first)
            .order_by(Dossier.ledger_number)
        )
        if last is not None:
            query = query.where(Dossier.ledger_number <= last)
        with self._db.read() as session:
            rows = session.execute(query).all()
        entries = tuple(
            LedgerEntry(
                number=r.ledger_number,
                code=r.code,
                procedure=r.name,
                sets=r.sets,
                applicant=r.applicant_name,
                contact=", ".join(part for part in (r.address, r.phone) if part),
                office=r.office or "",
                received_at=r.received_at,
                due_date=r.due_date,
                forwarded_at=r[10],
                result_at=r.result_ready_at,
                returned_at=r.returned_at,
                note=_note(r),
            )
            for r in rows
        )
        if book > 1 and not entries:
            raise InvalidInput(f"Sổ năm {year} chưa có quyển số {book}.", field="book")
        return LedgerBook(year, book, first, last, entries)


def _note(r: Any) -> str:  # a result row
    """What the note column says: a void, an end without result, a refusal, a new date, early/on time/late."""
    if r.voided_at is not None:
        return f"Đã huỷ (nhập nhầm): {r.void_reason or ''}".rstrip(": ")
    parts = []
    state = DossierState(r.state)
    if state in ENDED_STATES:
        parts.append(STATE_LABELS[state])
    if r.outcome == "refused":
        parts.append("Từ chối giải quyết")
    if r.reappointed_at is not None and r.original_due_date is not None:
        parts.append(f"Hẹn lại (hẹn đầu {r.original_due_date:%d/%m/%Y})")
    if r.timeliness:
        parts.append(TIMELINESS_LABELS[Timeliness(r.timeliness)])
    if r.delivery == "post":
        parts.append("Trả qua bưu chính")
    return "; ".join(parts)
