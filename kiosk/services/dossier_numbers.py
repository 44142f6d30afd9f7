"""Dossier codes and ledger numbers, taken inside the registering transaction (which holds the write lock).

Code: ``<agency identifier>-YYMMDD-XXXX``, YYMMDD the local date of receipt and XXXX that day's sequence within
this station's block (one station: 0001 upward). Ledger number: continuous through the calendar year. Both are
the next number after the largest one stored, so a rolled-back registration leaves no gap, and a voided dossier
keeps its number forever.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.errors import Conflict
from kiosk.models import Dossier

_SHORT_CODE = re.compile(r"^(\d{2})(\d{2})(\d{2})-(\d{1,4})$")


@dataclass(frozen=True)
class Numbers:
    code: str
    day_seq: int
    ledger_year: int
    ledger_number: int


def format_code(agency_code: str, day: date, seq: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{seq:04d}"


def parse_short_code(text: str) -> tuple[date, int] | None:
    """The day and sequence of "261120-0003" (a code without its agency part), or None."""
    match = _SHORT_CODE.match(text.strip())
    if not match:
        return None
    yy, mm, dd, seq = (int(g) for g in match.groups())
    try:
        return datetime(2000 + yy, mm, dd).date(), seq  # noqa: DTZ001 - a calendar date
    except ValueError:
        return None


def allocate(session: Session, agency_code: str, receipt_day: date, block: tuple[int, int]) -> Numbers:
    """The next code of ``receipt_day`` in ``block`` and the next ledger number of that year."""
    start, end = block
    last = session.scalar(
        select(func.max(Dossier.day_seq)).where(Dossier.receipt_day == receipt_day, Dossier.day_seq.between(start, end))
    )
    seq = start if last is None else last + 1
    if seq > end:
        raise Conflict(
            f"Quầy đã dùng hết số hồ sơ của ngày {receipt_day:%d/%m/%Y} (khoảng {start:04d}–{end:04d}). "
            "Hãy báo quản trị viên."
        )
    year = receipt_day.year
    last_ledger = session.scalar(select(func.max(Dossier.ledger_number)).where(Dossier.ledger_year == year))
    return Numbers(format_code(agency_code, receipt_day, seq), seq, year, (last_ledger or 0) + 1)
