"""The citizen survey: single-use tickets tied to dossiers, and the answers, kept apart from them.

A ticket says that a dossier's citizen was asked and how it ended; a response holds the answers with the day, the
official and the field, but no link to the ticket or the dossier: ratings are confidential (Decree 61 Art. 27).
"""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.models.base import Base, UuidKey

TICKET_STATUSES = ("issued", "answered", "partial", "no_answer")
LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied", "not_applicable")


class SurveyTicket(UuidKey, Base):
    __tablename__ = "survey_ticket"
    __table_args__ = (
        CheckConstraint(f"status IN {TICKET_STATUSES!r}", name="status"),
        Index("ix_survey_ticket_issued_at", "issued_at"),
    )

    token: Mapped[str] = mapped_column(String(64), unique=True)
    #: None for a walk-in rating; a dossier gets one ticket only.
    dossier_id: Mapped[UUID | None] = mapped_column(ForeignKey("dossier.id"), unique=True)
    issued_at: Mapped[datetime]
    #: The official at the desk: who returned the result, or who was logged in for a walk-in.
    issued_by: Mapped[UUID | None] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(12))
    closed_at: Mapped[datetime | None]


class SurveyResponse(UuidKey, Base):
    __tablename__ = "survey_response"
    __table_args__ = (
        CheckConstraint("scale IN (3, 5)", name="scale"),
        CheckConstraint("visits IS NULL OR visits BETWEEN 1 AND 3", name="visits"),
        CheckConstraint("agencies IS NULL OR agencies BETWEEN 1 AND 3", name="agencies"),
        Index("ix_survey_response_answered_on", "answered_on"),
    )

    answered_on: Mapped[date]  # the local day only: no time to match against the dossier's return
    official_id: Mapped[UUID | None] = mapped_column(ForeignKey("user_account.id"))
    procedure_field: Mapped[str | None] = mapped_column(String(200))
    walk_in: Mapped[bool]
    scale: Mapped[int]
    #: False when the citizen left before the last question: the answers given still count.
    complete: Mapped[bool]
    #: Circular 01/2018 Art. 13: times the citizen came, agencies visited (3 means three or more).
    visits: Mapped[int | None]
    agencies: Mapped[int | None]

    answers: Mapped[list["SurveyAnswer"]] = relationship(
        order_by="SurveyAnswer.position", cascade="all, delete-orphan", lazy="selectin"
    )


class SurveyAnswer(UuidKey, Base):
    __tablename__ = "survey_answer"
    __table_args__ = (
        UniqueConstraint("response_id", "criterion"),
        CheckConstraint(f"level IN {LEVELS!r}", name="level"),
    )

    response_id: Mapped[UUID] = mapped_column(ForeignKey("survey_response.id"))
    position: Mapped[int]
    criterion: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))  # the report's line as it was when asked
    level: Mapped[str] = mapped_column(String(20))
