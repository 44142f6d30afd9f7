"""Taking what the Department publishes: the catalog and the holiday overlay (the central side wins for these).

A publication is applied whole, in one local transaction, and only once: the station remembers its number.
Procedures the central catalog lists get a new local version when their content differs (dossiers already
received keep theirs); procedures it does not list are left as they are. Published holidays replace whatever the
station said of the same day; the ones a later publication drops are removed, the station's own others stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, delete, select

from kiosk.errors import CentralError
from kiosk.models import DayOverride, SyncState
from kiosk.models.central.tables import publication, published_holiday, published_procedure
from kiosk.models.database import Database
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_csv import row_to_spec
from kiosk.services.users import Actor

#: ``created_by`` of the holidays that came from the central database.
CENTRAL_AUTHOR = "trung-tam"


@dataclass(frozen=True)
class Publication:
    number: int
    specs: list[dict[str, str]]
    holidays: list[tuple[date, str, str]]


@dataclass(frozen=True)
class PullResult:
    publication: int
    procedures_changed: int
    holidays: int

    @property
    def total(self) -> int:
        return self.procedures_changed + self.holidays


def fetch(conn: Connection, after: int) -> Publication | None:
    """The newest publication when it is newer than ``after``."""
    number = conn.execute(select(publication.c.id).order_by(publication.c.id.desc()).limit(1)).scalar()
    if number is None or number <= after:
        return None
    specs = [
        dict(row)
        for row in conn.execute(select(published_procedure.c.spec).order_by(published_procedure.c.code)).scalars()
    ]
    days = conn.execute(
        select(published_holiday.c.day, published_holiday.c.kind, published_holiday.c.note).order_by(
            published_holiday.c.day
        )
    )
    return Publication(int(number), specs, [(d, k, n) for d, k, n in days])


def apply(db: Database, catalog: CatalogService, found: Publication, *, by: Actor, now: datetime) -> PullResult:
    """Apply a publication in one local transaction; a bad entry refuses the whole of it."""
    try:
        specs = [row_to_spec(row, line) for line, row in enumerate(found.specs, start=1)]
    except Exception as exc:
        raise CentralError(f"Danh mục trên máy chủ trung tâm có thủ tục không hợp lệ: {exc}") from exc
    with db.write() as session:
        changed = sum(catalog.save_in(session, spec, by=by) != "unchanged" for spec in specs)
        days = {day for day, _kind, _note in found.holidays}
        session.execute(
            delete(DayOverride).where(DayOverride.created_by == CENTRAL_AUTHOR, DayOverride.day.not_in(days))
        )
        if days:
            session.execute(delete(DayOverride).where(DayOverride.day.in_(days)))
        session.add_all(
            DayOverride(day=day, kind=kind, note=note, created_at=now, created_by=CENTRAL_AUTHOR)
            for day, kind, note in found.holidays
        )
        state = session.get(SyncState, 1)
        assert state is not None
        state.catalog_publication = found.number
    return PullResult(found.number, changed, len(found.holidays))
