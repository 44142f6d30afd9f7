"""The central database's tables, as the code at this revision expects them.

Every synced station table has a mirror of the same name and columns (the secrets left out, JSON as JSONB),
plus ``station``: the PostgreSQL role that wrote the row, filled in by the server and checked by row-level
security, so a station can read and write only its own rows. Keys are the rows' UUIDs; the one rule across
stations is the dossier code, which must be unique in the whole province.

Beside them: the stations, and what the Department publishes for every station to take (the catalog and the
holiday overlay).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeEngine

from kiosk.models.base import NAMING_CONVENTION, Base, UtcDateTime
from kiosk.models.sync import PRIVATE_COLUMNS, SYNCED_TABLES

#: The newest central revision this code knows; a test keeps it equal to the newest script.
CENTRAL_REVISION = "c0005"
#: The group role every station's login role belongs to: it holds the privileges, the policies name it.
STATION_GROUP = "kiosk_station"

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _central_type(local: TypeEngine[object]) -> TypeEngine[object]:
    return JSONB() if isinstance(local, JSON) else local


def _mirror(name: str) -> Table:
    local = Base.metadata.tables[name]
    private = PRIVATE_COLUMNS.get(name, ())
    columns = [
        Column(c.name, _central_type(c.type), primary_key=c.primary_key, nullable=c.nullable)
        for c in local.columns
        if c.name not in private
    ]
    station = Column("station", Text, nullable=False, server_default=text("current_user"))
    return Table(name, metadata, *columns, station, Index(f"ix_{name}_station", "station"))


MIRRORS = {name: _mirror(name) for name in SYNCED_TABLES}
MIRRORS["dossier"].append_constraint(UniqueConstraint("code", name="uq_dossier_code"))

station = Table(
    "station",
    metadata,
    Column("role", String(63), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

publication = Table(
    "publication",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("published_at", UtcDateTime(), nullable=False),
    Column("published_by", String(200), nullable=False),
    Column("procedures", Integer, nullable=False),
    Column("holidays", Integer, nullable=False),
)

published_procedure = Table(
    "published_procedure",
    metadata,
    Column("code", String(40), primary_key=True),
    #: The procedure as the catalog CSV has it (one string per column), documents included.
    Column("spec", JSONB, nullable=False),
    Column("active", Boolean, nullable=False),
)

published_holiday = Table(
    "published_holiday",
    metadata,
    Column("day", Date, primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("note", String(200), nullable=False),
)
