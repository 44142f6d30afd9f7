"""Finding dossiers: by code (scanned or typed), phone, ID number, tax code, or a name — diacritics ignored.

Every path is an index walk that stops at the LIMIT, so a million dossiers cost what a hundred do: an exact code,
a code's date and sequence, an exact phone, ID number or tax code; for names, the folded full name from its start
("nguyen van an", "nguyen van" — in name order, newest first among equal names) and the folded given name
("an" — newest first). The two name walks are merged, full-name matches first.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from kiosk.models import Database, Dossier, ProcedureVersion
from kiosk.services.dossier_numbers import parse_short_code
from kiosk.services.dossier_store import load
from kiosk.services.dossier_views import DossierRow, DossierView, view_of
from kiosk.services.states import DossierState
from kiosk.text import fold, name_keys

_TOP = "\U0010ffff"  # above every character a folded name can hold


class DossierSearch:
    def __init__(self, db: Database) -> None:
        self._db = db

    def show(self, code: str) -> DossierView:
        with self._db.read() as session:
            return view_of(session, load(session, code, allow_voided=True))

    def find(self, text: str, *, limit: int = 50) -> list[DossierRow]:
        """Dossiers matching what the clerk typed."""
        query = text.strip()
        if not query:
            return []
        with self._db.read() as session:
            for condition in _exact(query):
                rows = _rows(session, _select().where(condition).order_by(Dossier.received_at.desc()), limit)
                if rows:
                    return rows
            folded = fold(query)
            if not folded or _looks_numeric(query):
                return []
            prefix, given = name_keys(folded)
            by_name = _select().where(Dossier.name_folded.between(prefix, prefix + _TOP))
            by_given = _select().where(Dossier.given_name_folded == given)
            rows = _rows(session, by_name.order_by(Dossier.name_folded, Dossier.received_at.desc()), limit)
            seen = {r.id for r in rows}
            more = _rows(session, by_given.order_by(Dossier.received_at.desc()), limit)
            return (rows + [r for r in more if r.id not in seen])[:limit]


def _exact(query: str) -> list[ColumnElement[bool]]:
    """The ways ``query`` may name dossiers exactly, the most precise first."""
    conditions: list[ColumnElement[bool]] = [Dossier.code == query.upper()]
    short = parse_short_code(query.split("-", 1)[-1] if query.count("-") > 2 else query)
    if short is not None:
        conditions.append((Dossier.receipt_day == short[0]) & (Dossier.day_seq == short[1]))
    if _looks_numeric(query):
        digits = "".join(ch for ch in query if ch.isdigit())
        phone = "0" + digits[2:] if digits.startswith("84") and len(digits) in (11, 12) else digits
        # One index walk each: an OR of them lets the planner fall back to scanning by date.
        conditions += [Dossier.phone == phone, Dossier.id_number == digits, Dossier.tax_code == _branch(digits)]
    return conditions


def _looks_numeric(query: str) -> bool:
    return any(ch.isdigit() for ch in query) and all(ch.isdigit() or ch in " .-+()" for ch in query)


def _branch(digits: str) -> str:
    return f"{digits[:10]}-{digits[10:]}" if len(digits) == 13 else digits


def _select() -> Select[Dossier, str]:
    return select(Dossier, ProcedureVersion.name).join(
        ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id
    )


def _rows(session: Session, query: Select[Dossier, str], limit: int) -> list[DossierRow]:
    result = session.execute(query.limit(limit))
    return [
        DossierRow(
            d.id,
            d.code,
            d.applicant_name,
            d.phone,
            procedure_name,
            d.received_at,
            d.due_date,
            DossierState(d.state),
            d.voided_at is not None,
        )
        for d, procedure_name in result
    ]
