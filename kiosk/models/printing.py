"""Print jobs: every paper for the roll is stored, with its rendered bytes, before it is sent."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base, UuidKey


class PrintJob(UuidKey, Base):
    __tablename__ = "print_job"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'sending', 'sent', 'failed', 'unsure')", name="status"),
        Index("ix_print_job_dossier", "dossier_id"),
    )

    number: Mapped[int] = mapped_column(unique=True)  # what the clerk and `kiosk print reprint` call it
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))  # receipt, supplement_request, refusal, test, …
    title: Mapped[str] = mapped_column(String(200))
    dossier_id: Mapped[UUID | None] = mapped_column(ForeignKey("dossier.id"))
    guidance_id: Mapped[UUID | None] = mapped_column(ForeignKey("guidance.id"))
    user_id: Mapped[UUID | None] = mapped_column(ForeignKey("user_account.id"))
    copies: Mapped[int] = mapped_column(default=1)
    reprint: Mapped[bool] = mapped_column(default=False)
    #: queued → sending → sent | failed; a job cut off while sending (the program killed) is "unsure": the paper
    #: may have come out, so printing it again makes a copy marked "BẢN IN LẠI".
    status: Mapped[str] = mapped_column(String(8))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    attempted_at: Mapped[datetime | None]  # when the last attempt to send began
    printer: Mapped[str] = mapped_column(String(200))  # where it was (last) sent
    document: Mapped[bytes] = mapped_column(LargeBinary)  # the document as JSON: what to print again
    #: The ESC/POS bytes as rendered; dropped a day after the job printed (a reprint is rendered anew).
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
