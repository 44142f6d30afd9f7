"""The procedure guide on the citizen's touch screen: fields to browse, procedures to read, checklists handed out.

Only active procedures are shown, each as its current version has it. The guide keeps the active catalog arranged by
field in memory, from the catalog's own search index, and arranges it again when the catalog revision moves (a write
here, an import, a sync in another process): a touch on a field costs one tiny query for the revision, a touch on a
procedure one small query by its code (its version is read once: versions never change). Search is the same index:
diacritics, case and đ are ignored ("cap ban sao" finds "Cấp bản sao").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from sqlalchemy import and_, func, select

from kiosk.clock import Clock
from kiosk.errors import InvalidInput, NotFound
from kiosk.models import CatalogRevision, Database, GuideSlip, Procedure, ProcedureVersion
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_types import ProcedureInfo, ProcedureSummary
from kiosk.services.users import Actor
from kiosk.text import fold

SlipSource = Literal["screen", "desk"]
SOURCES: tuple[SlipSource, ...] = ("screen", "desk")
EVERY = 1_000_000  # more procedures than any catalog holds: "all of them" for the catalog's search
GONE = "Thủ tục này hiện không có trong danh mục. Xin Ông/Bà hỏi cán bộ tại quầy."


@dataclass(frozen=True)
class FieldCount:
    """A field (lĩnh vực) and how many active procedures it has."""

    name: str
    count: int


@dataclass(frozen=True)
class SlipCount:
    """Guidance slips printed for one procedure in a period (its current code and name)."""

    code: str
    name: str
    count: int


@dataclass(frozen=True)
class _Shelf:
    """The active catalog arranged for the guide, as it was at one catalog revision."""

    revision: int
    fields: tuple[FieldCount, ...]
    by_field: dict[str, tuple[ProcedureSummary, ...]]


class GuideService:
    def __init__(self, db: Database, clock: Clock, catalog: CatalogService) -> None:
        self._db = db
        self._clock = clock
        self._catalog = catalog
        self._shelf: _Shelf | None = None

    # -- reading ------------------------------------------------------------------------------------------------------

    def fields(self) -> list[FieldCount]:
        """The fields that have active procedures, sorted by name (diacritics ignored), with their counts."""
        return list(self._current().fields)

    def procedures(self, field: str) -> list[ProcedureSummary]:
        """The active procedures of ``field``, sorted by name; none when the field has no active procedure (left)."""
        return list(self._current().by_field.get(field, ()))

    def search(self, text: str, *, limit: int = 50) -> list[ProcedureSummary]:
        """Active procedures whose code, name or field hold every word typed, diacritics optional.

        Nothing for blank text: the screen lists fields for that.
        """
        if not fold(text):
            return []
        return self._catalog.search(text, limit=limit)

    def procedure(self, code: str) -> ProcedureInfo:
        """The current version of an active procedure, for its page; NotFound (in Vietnamese) otherwise.

        One small query by code; the version itself is read once (the catalog keeps versions, which never change).
        """
        with self._db.read() as session:
            try:
                info, active = self._catalog.current_in(session, code)
            except NotFound:
                raise NotFound(GONE, field="procedure") from None
        if not active:
            raise NotFound(GONE, field="procedure")
        return replace(info, active=True)  # a version read while the procedure was off says so: it is on now

    def slips_per_procedure(self, start: datetime, end: datetime) -> list[SlipCount]:
        """Slips printed from ``start`` (included) to ``end`` (excluded) per procedure, most asked for first."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("the period's bounds must be timezone-aware")
        if end <= start:
            return []
        query = (
            select(Procedure.code, ProcedureVersion.name, func.count(GuideSlip.id))
            .join(Procedure, Procedure.id == GuideSlip.procedure_id)
            .join(
                ProcedureVersion,
                and_(
                    ProcedureVersion.procedure_id == Procedure.id,
                    ProcedureVersion.version == Procedure.current_version,
                ),
            )
            .where(GuideSlip.at >= start, GuideSlip.at < end)
            .group_by(Procedure.id, Procedure.code, ProcedureVersion.name)
        )
        with self._db.read() as session:
            counts = [SlipCount(code, name, count) for code, name, count in session.execute(query)]
        return sorted(counts, key=lambda c: (-c.count, fold(c.name), c.code))

    # -- writing ------------------------------------------------------------------------------------------------------

    def record_slip(self, code: str, *, source: SlipSource, by: Actor | None) -> ProcedureInfo:
        """Note that a guidance slip of this procedure is being printed, and return what it prints.

        ``desk``: printed by the clerk ``by``; ``screen``: asked for by a citizen at the touch screen, recorded
        without anyone's name (``by`` is not kept).
        """
        if source not in SOURCES:
            raise InvalidInput(f"Nơi in phiếu «{source}» không hợp lệ (screen hoặc desk).", field="source")
        if source == "desk" and by is None:
            raise InvalidInput("Phiếu in tại quầy phải có cán bộ in.", field="by")
        gone = GONE if source == "screen" else f"Thủ tục mã «{code}» không có hoặc đã ngừng áp dụng trong danh mục."
        with self._db.write() as session:
            try:
                info, active = self._catalog.current_in(session, code)
            except NotFound:
                raise NotFound(gone, field="procedure") from None
            if not active:
                raise NotFound(gone, field="procedure")
            assert info.id is not None and info.version_id is not None
            session.add(
                GuideSlip(
                    at=self._clock.now(),
                    procedure_id=info.id,
                    procedure_version_id=info.version_id,
                    source=source,
                    user_id=by.id if source == "desk" and by is not None else None,
                )
            )
        return replace(info, active=True)

    # -- the shelf ----------------------------------------------------------------------------------------------------

    def _current(self) -> _Shelf:
        """The arranged catalog, rebuilt when the catalog revision moved."""
        with self._db.connect() as conn:
            revision = conn.execute(select(CatalogRevision.revision).where(CatalogRevision.id == 1)).scalar_one()
        if self._shelf is None or self._shelf.revision != revision:
            self._shelf = self._arrange(revision)
        return self._shelf

    def _arrange(self, revision: int) -> _Shelf:
        """The catalog's own index, every active procedure by name (search with no words), grouped by field."""
        by_field: dict[str, list[ProcedureSummary]] = {}
        for summary in self._catalog.search("", limit=EVERY):
            by_field.setdefault(summary.field, []).append(summary)
        fields = tuple(FieldCount(name, len(by_field[name])) for name in sorted(by_field, key=lambda f: (fold(f), f)))
        return _Shelf(revision, fields, {k: tuple(v) for k, v in by_field.items()})
