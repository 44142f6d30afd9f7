"""Dossiers (hồ sơ), the papers received with them, and their append-only history of events."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.models.base import Base, UuidKey, one_of
from kiosk.text import GIVEN_KEY_LENGTH, NAME_KEY_LENGTH

STATES = (
    "received",
    "in_process",
    "supplement_requested",
    "result_ready",
    "returned",
    "withdrawn",
    "stopped",
    "closed",
)


class Dossier(UuidKey, Base):
    __tablename__ = "dossier"
    __table_args__ = (
        UniqueConstraint("receipt_day", "day_seq"),
        UniqueConstraint("ledger_year", "ledger_number"),
        CheckConstraint(one_of("state", STATES), name="state"),
        CheckConstraint(one_of("applicant_kind", ("person", "organisation")), name="applicant_kind"),
        CheckConstraint(one_of("delivery", ("counter", "post")), name="delivery"),
        CheckConstraint("outcome IS NULL OR outcome IN ('approved', 'refused')", name="outcome"),
        CheckConstraint("timeliness IS NULL OR timeliness IN ('early', 'on_time', 'late')", name="timeliness"),
        CheckConstraint("sets >= 1", name="sets"),
        Index("ix_dossier_state_due", "state", "due_date"),
        Index("ix_dossier_received_at", "received_at"),
    )

    code: Mapped[str] = mapped_column(String(64), unique=True)
    receipt_day: Mapped[date]  # the local date of receipt, as in the code
    day_seq: Mapped[int]
    ledger_year: Mapped[int]
    ledger_number: Mapped[int]

    procedure_id: Mapped[UUID] = mapped_column(ForeignKey("procedure.id"))
    procedure_version_id: Mapped[UUID] = mapped_column(ForeignKey("procedure_version.id"))
    #: The procedure's field (lĩnh vực) as its version had it: the ledger filters on it without a join.
    procedure_field: Mapped[str] = mapped_column(String(200))

    applicant_kind: Mapped[str] = mapped_column(String(16))
    applicant_name: Mapped[str] = mapped_column(String(200))
    name_folded: Mapped[str] = mapped_column(String(NAME_KEY_LENGTH))
    given_name_folded: Mapped[str] = mapped_column(String(GIVEN_KEY_LENGTH))
    id_number: Mapped[str | None] = mapped_column(String(12))
    tax_code: Mapped[str | None] = mapped_column(String(14))
    phone: Mapped[str] = mapped_column(String(15), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    vneid_checked: Mapped[bool] = mapped_column(default=False)
    sets: Mapped[int] = mapped_column(default=1)
    delivery: Mapped[str] = mapped_column(String(16), default="counter")
    external_ref: Mapped[str | None] = mapped_column(String(64))

    received_at: Mapped[datetime]
    counted_from: Mapped[date]
    #: The current appointment (moved by a re-appointment); None when the procedure has no fixed limit.
    due_date: Mapped[date | None]
    due_at: Mapped[datetime | None]
    #: The appointment before any re-appointment: early / on time / late are judged against it.
    original_due_date: Mapped[date | None]
    reappointed_at: Mapped[datetime | None]

    state: Mapped[str] = mapped_column(String(24))
    office: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    result_ready_at: Mapped[datetime | None]
    timeliness: Mapped[str | None] = mapped_column(String(8))
    returned_at: Mapped[datetime | None]
    collector: Mapped[str | None] = mapped_column(String(200))
    ended_at: Mapped[datetime | None]  # withdrawn, stopped or closed

    clerk_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id"))
    #: When the retention period passed and the applicant's personal data were erased (the figures stay).
    personal_erased_at: Mapped[datetime | None]
    voided_at: Mapped[datetime | None]
    void_reason: Mapped[str | None] = mapped_column(Text)
    void_supervisor: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    documents: Mapped[list["DossierDocument"]] = relationship(
        order_by="DossierDocument.position", cascade="all, delete-orphan", lazy="selectin"
    )
    events: Mapped[list["DossierEvent"]] = relationship(order_by="DossierEvent.seq", lazy="select")


# Name look-ups walk these in order and stop at the LIMIT: no sort of every match.
Index("ix_dossier_name", Dossier.name_folded, Dossier.received_at.desc())
Index("ix_dossier_given_name", Dossier.given_name_folded, Dossier.received_at.desc())
# The ledger lists newest first under one filter at a time: each filter walks its own index in that order.
Index("ix_dossier_state_received", Dossier.state, Dossier.received_at)
Index("ix_dossier_procedure_received", Dossier.procedure_id, Dossier.received_at)
Index("ix_dossier_field_received", Dossier.procedure_field, Dossier.received_at)
Index("ix_dossier_clerk_received", Dossier.clerk_id, Dossier.received_at)
Index("ix_dossier_returned_at", Dossier.returned_at)
# The citizen's look-up types the code's last digits (the day's sequence, perhaps its date before it).
Index("ix_dossier_day_seq", Dossier.day_seq, Dossier.receipt_day)
# Reports look for the dossiers resolved or ended after a moment but received before it (still open then).
Index("ix_dossier_result_ready_at", Dossier.result_ready_at, Dossier.received_at)
Index("ix_dossier_ended_at", Dossier.ended_at, Dossier.received_at)
# Most dossiers have no tax code, many no ID number: migration 0002 makes these two partial ("WHERE … IS NOT
# NULL") so the planner never takes them for useless. The WHERE is left out here: naming a dialect option in the
# model would load the SQLite dialect on import, and Alembic does not compare it anyway.
Index("ix_dossier_id_number", Dossier.id_number)
Index("ix_dossier_tax_code", Dossier.tax_code)


class DossierDocument(UuidKey, Base):
    __tablename__ = "dossier_document"
    __table_args__ = (
        UniqueConstraint("dossier_id", "position"),
        CheckConstraint("form IN ('original', 'copy', 'original_shown', 'any')", name="form"),
        CheckConstraint("count >= 1", name="count"),
    )

    dossier_id: Mapped[UUID] = mapped_column(ForeignKey("dossier.id"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(500))
    form: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(default=1)
    #: False for "giấy tờ khác": papers the applicant brought beyond the catalog's list.
    from_catalog: Mapped[bool] = mapped_column(default=True)


class DossierEvent(UuidKey, Base):
    """One step in a dossier's life; rows are never changed or deleted (triggers refuse it)."""

    __tablename__ = "dossier_event"
    __table_args__ = (UniqueConstraint("dossier_id", "seq"),)

    dossier_id: Mapped[UUID] = mapped_column(ForeignKey("dossier.id"))
    seq: Mapped[int]
    at: Mapped[datetime]
    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(24))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str | None] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The paper form this step prints, by role (receipt, supplement_request, apology, stop_notice …).
    form: Mapped[str | None] = mapped_column(String(32))


class GuidanceRecord(UuidKey, Base):
    """A citizen who left the counter without a dossier: sent to complete the papers, or refused at intake."""

    __tablename__ = "guidance"
    __table_args__ = (
        CheckConstraint("kind IN ('supplement', 'refusal')", name="kind"),
        Index("ix_guidance_at", "at"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id"))
    procedure_id: Mapped[UUID | None] = mapped_column(ForeignKey("procedure.id"))
    procedure_version_id: Mapped[UUID | None] = mapped_column(ForeignKey("procedure_version.id"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(15))
    #: For a supplement: every missing paper, listed at once.
    missing: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text)
    #: The slip handed over (supplement_request or refusal), and when it was printed.
    slip: Mapped[str] = mapped_column(String(32))
    slip_printed_at: Mapped[datetime | None]
    #: Set when the retention period passed and the name and phone were erased.
    contact_erased_at: Mapped[datetime | None]
