"""The catalog of administrative procedures, versioned.

A procedure keeps its code; every change to what it asks for or how long it takes makes a new, immutable
version. A dossier points at the version that applied when it was received, so later edits never change it.
"""

from datetime import datetime, time
from uuid import UUID

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.models.base import Base, UuidKey


class Procedure(UuidKey, Base):
    __tablename__ = "procedure"

    #: The national code where one exists (1.010020), otherwise a stable local code frozen in the seed.
    code: Mapped[str] = mapped_column(String(40), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    current_version: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ProcedureVersion(UuidKey, Base):
    __tablename__ = "procedure_version"
    __table_args__ = (
        UniqueConstraint("procedure_id", "version"),
        CheckConstraint("limit_kind IN ('working_days', 'same_day', 'none')", name="limit_kind"),
        CheckConstraint("cutoff_mode IN ('desk', 'none', 'custom')", name="cutoff_mode"),
        CheckConstraint("legal_days IS NULL OR legal_days >= 0", name="legal_days"),
        CheckConstraint("committed_days IS NULL OR committed_days >= 0", name="committed_days"),
    )

    procedure_id: Mapped[UUID] = mapped_column(ForeignKey("procedure.id"))
    version: Mapped[int]
    effective_from: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(500))
    field: Mapped[str] = mapped_column(String(200))
    #: province / district / commune, as data: the 2025 reform removed districts, a later one may add levels.
    level: Mapped[str] = mapped_column(String(32))
    national_code: Mapped[str | None] = mapped_column(String(40))
    limit_kind: Mapped[str] = mapped_column(String(16))
    legal_days: Mapped[int | None]
    #: The desk's own, shorter commitment (e.g. Decision 647/QĐ-SGDĐT); appointments use it when set.
    committed_days: Mapped[int | None]
    cutoff_mode: Mapped[str] = mapped_column(String(8), default="desk")
    cutoff_time: Mapped[time | None]
    fee_note: Mapped[str] = mapped_column(String(500), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    result_note: Mapped[str] = mapped_column(String(500), default="")
    #: The seed's data-quality mark: V read in the legal text, S secondary source, U unverified.
    quality: Mapped[str] = mapped_column(String(1), default="U")
    source: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(String(1000), default="")
    #: Folded "code name field" for diacritic-insensitive search.
    search_text: Mapped[str] = mapped_column(Text)

    documents: Mapped[list["ProcedureDocument"]] = relationship(
        order_by="ProcedureDocument.position", cascade="all, delete-orphan", lazy="selectin"
    )


class ProcedureDocument(UuidKey, Base):
    __tablename__ = "procedure_document"
    __table_args__ = (
        UniqueConstraint("version_id", "position"),
        CheckConstraint("form IN ('original', 'copy', 'original_shown', 'any')", name="form"),
        CheckConstraint("count >= 1", name="count"),
    )

    version_id: Mapped[UUID] = mapped_column(ForeignKey("procedure_version.id"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(500))
    #: original (bản chính), copy (bản sao), original_shown (bản chính để đối chiếu), any (not stated).
    form: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(default=1)
    optional: Mapped[bool] = mapped_column(default=False)
    #: When an optional paper is needed: "nếu người khác yêu cầu".
    condition: Mapped[str] = mapped_column(String(300), default="")


class CatalogRevision(Base):
    """One row counting changes to the catalog; triggers bump it on every write, whoever writes (a search
    cache compares it to know when to reload)."""

    __tablename__ = "catalog_revision"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int]
