"""Personal data kept no longer than the retention setting says (Decree 13/2023/NĐ-CP), the figures kept for good.

A finished dossier (returned, withdrawn, stopped, closed or voided) received before the retention period loses the
applicant's name, ID and tax numbers, phone, address, e-mail and the name of who collected the result; so do the
details its events recorded of them (a correction's old and new values, the collector). State, dates, procedure,
clerk and timeliness stay, so every report counts it as before. Its print jobs go (their documents carry the same
details; the newest job of the desk stays, so job numbers never repeat, and goes with the next prune). Each run does
a bounded batch (start-up stays fast) and says so in the audit log.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select, update

from kiosk.clock import Clock
from kiosk.models import Database, Dossier, DossierEvent, PrintJob
from kiosk.services.audit import AuditLog
from kiosk.services.guidance import ERASED
from kiosk.services.print_jobs import delete_jobs
from kiosk.services.states import ENDED_STATES, DossierState

FINISHED = (DossierState.RETURNED.value, *(s.value for s in ENDED_STATES))
#: Keys of an event's data that hold someone's personal details.
PERSONAL_KEYS = frozenset({"applicant_name", "id_number", "tax_code", "phone", "address", "email", "collector"})
BATCH = 2_000


class RetentionService:
    def __init__(self, db: Database, clock: Clock, audit: AuditLog) -> None:
        self._db = db
        self._clock = clock
        self._audit = audit

    def purge(self, days: int, *, limit: int = BATCH) -> int:
        """Erase the personal data of up to ``limit`` finished dossiers received more than ``days`` ago."""
        now = self._clock.now()
        before = now - timedelta(days=days)
        with self._db.write() as session:
            ids = list(
                session.scalars(
                    select(Dossier.id)
                    .where(
                        Dossier.received_at < before,
                        Dossier.personal_erased_at.is_(None),
                        or_(Dossier.state.in_(FINISHED), Dossier.voided_at.is_not(None)),
                    )
                    .order_by(Dossier.received_at)
                    .limit(limit)
                )
            )
            if not ids:
                return 0
            session.execute(
                update(Dossier)
                .where(Dossier.id.in_(ids))
                .values(
                    applicant_name=ERASED,
                    name_folded="",
                    given_name_folded="",
                    id_number=None,
                    tax_code=None,
                    phone="",
                    address="",
                    email="",
                    collector=None,
                    personal_erased_at=now,
                )
            )
            for event in session.scalars(select(DossierEvent).where(DossierEvent.dossier_id.in_(ids))):
                blanked, changed = _blank(event.data)
                if changed:
                    event.data = {**blanked, "personal_data_erased": 1}
            details = {
                "dossiers": len(ids),
                "received_before": before.date().isoformat(),
                "print_jobs": delete_jobs(session, PrintJob.dossier_id.in_(ids)),
            }
            self._audit.record_in(session, "system", "personal_data_purged", "", details)
        return len(ids)


def _blank(value: Any) -> tuple[Any, bool]:
    """``value`` with every personal detail replaced by None, and whether anything was."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        changed = False
        for key, item in value.items():
            if key in PERSONAL_KEYS and item not in (None, "", [None, None]):
                out[key] = None
                changed = True
            else:
                out[key], inner = _blank(item)
                changed = changed or inner
        return out, changed
    if isinstance(value, list):
        items = [_blank(v) for v in value]
        return [v for v, _c in items], any(c for _v, c in items)
    return value, False
