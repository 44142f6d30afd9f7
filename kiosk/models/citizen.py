"""What the citizen side of the desk keeps: queue tickets, procedure guides handed out, feedback and its handling.

Queue tickets are numbered per local day (numbers restart each morning); a ticket is waiting, then called (once or
again), then served or absent, and may point at the dossier registered from it. A guide slip is one procedure's
checklist printed for a citizen: the count per procedure tells the supervisor what people come to ask about.
Feedback (phản ánh, kiến nghị) is numbered per year, gets a reply deadline in working days, and its handling is an
append-only list of steps ending with the answer.
"""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base, UuidKey, one_of

QUEUE_STATES = ("waiting", "called", "served", "absent")
#: Where a ticket or a guide slip was asked for: the citizen's touch screen, or the clerk at the desk.
SOURCES = ("screen", "desk")
FEEDBACK_KINDS = ("complaint", "suggestion")  # phản ánh / kiến nghị
FEEDBACK_CHANNELS = ("phone", "in_person", "written", "electronic")
FEEDBACK_STATES = ("open", "answered")
FEEDBACK_ACTIONS = ("received", "forwarded", "note", "answered")


class QueueTicket(UuidKey, Base):
    __tablename__ = "queue_ticket"
    __table_args__ = (
        UniqueConstraint("day", "number"),
        CheckConstraint(one_of("state", QUEUE_STATES), name="state"),
        CheckConstraint(one_of("source", SOURCES), name="source"),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("ahead >= 0", name="ahead"),
        Index("ix_queue_ticket_issued_at", "issued_at"),
    )

    day: Mapped[date]  # the office's local date of issue: numbers restart each day
    number: Mapped[int]
    group_key: Mapped[str] = mapped_column(String(32))
    group_label: Mapped[str] = mapped_column(String(100))  # as printed, whatever the settings say later
    priority: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(8))
    issued_at: Mapped[datetime]
    #: People the ticket said were ahead when it was printed.
    ahead: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(8))
    called_at: Mapped[datetime | None]  # the first call: the waiting time ends here
    last_called_at: Mapped[datetime | None]
    calls: Mapped[int] = mapped_column(default=0)
    counter: Mapped[str | None] = mapped_column(String(100))  # "Quầy 1"
    called_by: Mapped[UUID | None] = mapped_column(ForeignKey("user_account.id"))
    #: Served or found absent: the service time is called_at → done_at.
    done_at: Mapped[datetime | None]
    #: The dossier registered while this ticket was at the counter.
    dossier_id: Mapped[UUID | None] = mapped_column(ForeignKey("dossier.id"))


class GuideSlip(UuidKey, Base):
    """A procedure's guidance slip (its checklist) printed for a citizen."""

    __tablename__ = "guide_slip"
    __table_args__ = (
        CheckConstraint(one_of("source", SOURCES), name="source"),
        Index("ix_guide_slip_at", "at"),
    )

    at: Mapped[datetime]
    procedure_id: Mapped[UUID] = mapped_column(ForeignKey("procedure.id"))
    procedure_version_id: Mapped[UUID] = mapped_column(ForeignKey("procedure_version.id"))
    source: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[UUID | None] = mapped_column(ForeignKey("user_account.id"))  # the clerk, at the desk


class Feedback(UuidKey, Base):
    """A complaint or suggestion (phản ánh, kiến nghị) received by phone, in person or in writing."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        CheckConstraint(one_of("kind", FEEDBACK_KINDS), name="kind"),
        CheckConstraint(one_of("channel", FEEDBACK_CHANNELS), name="channel"),
        CheckConstraint(one_of("state", FEEDBACK_STATES), name="state"),
        Index("ix_feedback_received_at", "received_at"),
        Index("ix_feedback_state_due", "state", "due_date"),
    )

    year: Mapped[int]
    number: Mapped[int]  # from 1 each year: "số 12/2026"
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime]
    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id"))  # who recorded it
    #: Who gave it; may be left empty (anonymous feedback is still recorded).
    citizen_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(15))
    content: Mapped[str] = mapped_column(Text)
    dossier_id: Mapped[UUID | None] = mapped_column(ForeignKey("dossier.id"))
    #: The reply deadline: received + the configured working days.
    due_date: Mapped[date]
    state: Mapped[str] = mapped_column(String(12))
    answered_at: Mapped[datetime | None]
    answer: Mapped[str | None] = mapped_column(Text)
    personal_erased_at: Mapped[datetime | None]


class FeedbackStep(UuidKey, Base):
    """One step in handling a feedback, append-only: received, forwarded to an office, a note, the answer."""

    __tablename__ = "feedback_step"
    __table_args__ = (
        UniqueConstraint("feedback_id", "seq"),
        CheckConstraint(one_of("action", FEEDBACK_ACTIONS), name="action"),
    )

    feedback_id: Mapped[UUID] = mapped_column(ForeignKey("feedback.id"))
    seq: Mapped[int]
    at: Mapped[datetime]
    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(12))
    office: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
