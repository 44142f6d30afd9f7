"""The Department's side: create and upgrade the central schema, register stations, publish the catalog.

These run with the central database owner's address (``--url``), not a station's.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, delete, func, insert, select, text

import kiosk.models.central.migrations
from kiosk.config import SyncSettings
from kiosk.errors import CentralError, Conflict, InvalidInput
from kiosk.models import Database, DayOverride
from kiosk.models.central.tables import (
    STATION_GROUP,
    publication,
    published_holiday,
    published_procedure,
    station,
)
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_csv import spec_to_row
from kiosk.services.sync.address import libpq_url
from kiosk.services.sync.central import central_engine, central_errors, check_revision
from kiosk.text import clean_line, fold

SCRIPTS = Path(kiosk.models.central.migrations.__file__).parent


@dataclass(frozen=True)
class Credentials:
    name: str
    role: str
    password: str
    url: str  # what the station puts in [sync] url


@dataclass(frozen=True)
class StationInfo:
    name: str
    role: str
    created_at: datetime
    dossiers: int
    last_change: datetime | None


@dataclass(frozen=True)
class Published:
    number: int
    procedures: int
    holidays: int


def alembic_config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    return config


def init_central(url: str, settings: SyncSettings) -> tuple[str | None, str]:
    """Create the central schema, or bring it to the newest revision; returns (before, after)."""
    engine = central_engine(settings, url)
    try:
        with central_errors(engine), engine.begin() as conn:
            config = alembic_config(conn)
            scripts = ScriptDirectory.from_config(config)
            head = scripts.get_current_head()
            assert head is not None
            before = MigrationContext.configure(conn).get_current_revision()
            if before is not None and before not in {s.revision for s in scripts.walk_revisions()}:
                raise CentralError(
                    f"Cơ sở dữ liệu trung tâm dùng lược đồ mới hơn ({before}); hãy dùng phiên bản kiosk mới nhất."
                )
            command.upgrade(config, "head")
            return before, head
    finally:
        engine.dispose()


def station_role(name: str) -> str:
    """A PostgreSQL role name from the station's name: ``Quầy 2 – Trung tâm`` → ``kiosk_quay_2_trung_tam``."""
    slug = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
    if not slug:
        raise InvalidInput("Tên trạm cần có chữ hoặc số.", field="name")
    return f"kiosk_{slug}"[:63].rstrip("_")


def add_station(url: str, name: str, settings: SyncSettings, *, now: datetime) -> Credentials:
    """A login role for a new station, in the station group; the password is shown once, here."""
    clean = clean_line(name, field="name", label="Tên trạm", max_length=200)
    role = station_role(clean)
    password = secrets.token_urlsafe(24)  # letters, digits, - and _: safe inside the quotes below
    engine = central_engine(settings, url)
    try:
        with central_errors(engine), engine.begin() as conn:
            check_revision(conn)
            taken = conn.execute(
                select(station.c.name).where((station.c.name == clean) | (station.c.role == role))
            ).first()
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
            if taken or exists:
                raise Conflict(f"Đã có trạm «{clean}» (hoặc tài khoản {role}) trên máy chủ trung tâm.")
            conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE {STATION_GROUP}")
            conn.execute(insert(station).values(role=role, name=clean, created_at=now))
    finally:
        engine.dispose()
    return Credentials(clean, role, password, libpq_url(url, username=role, password=password))


def stations(url: str, settings: SyncSettings) -> list[StationInfo]:
    """Every registered station with how many dossiers it has sent (read as the owner, across stations)."""
    from kiosk.models.central.tables import MIRRORS

    dossier = MIRRORS["dossier"]
    engine = central_engine(settings, url)
    try:
        with central_errors(engine), engine.connect() as conn:
            check_revision(conn)
            counts = {
                role: (n, last)
                for role, n, last in conn.execute(
                    select(dossier.c.station, func.count(), func.max(dossier.c.updated_at)).group_by(dossier.c.station)
                )
            }
            rows = conn.execute(select(station.c.name, station.c.role, station.c.created_at).order_by(station.c.name))
            return [StationInfo(n, r, c, *counts.get(r, (0, None))) for n, r, c in rows]
    finally:
        engine.dispose()


def publish(
    url: str, settings: SyncSettings, db: Database, catalog: CatalogService, *, by: str, now: datetime
) -> Published:
    """Make this installation's catalog and holiday overlay the ones every station takes at its next sync."""
    specs = [spec_to_row(info.content()) for info in catalog.all(include_inactive=True)]
    with db.read() as session:
        days = [(d.day, d.kind, d.note) for d in session.scalars(select(DayOverride).order_by(DayOverride.day))]
    engine = central_engine(settings, url)
    try:
        with central_errors(engine), engine.begin() as conn:
            check_revision(conn)
            number = conn.execute(
                insert(publication)
                .values(published_at=now, published_by=by, procedures=len(specs), holidays=len(days))
                .returning(publication.c.id)
            ).scalar_one()
            conn.execute(delete(published_procedure))
            if specs:
                conn.execute(
                    insert(published_procedure),
                    [{"code": s["code"], "spec": s, "active": s["active"] == "1"} for s in specs],
                )
            conn.execute(delete(published_holiday))
            if days:
                conn.execute(insert(published_holiday), [{"day": d, "kind": k, "note": n} for d, k, n in days])
    finally:
        engine.dispose()
    return Published(int(number), len(specs), len(days))
