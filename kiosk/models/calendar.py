"""The admin's overlay on the public-holiday calendar."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base, UuidKey


class OverrideKind(enum.StrEnum):
    OFF = "off"
    WORKING = "working"


class DayOverride(UuidKey, Base):
    """A date declared off, or declared worked (a Saturday repaying a bridge day); wins over the package."""

    __tablename__ = "calendar_override"
    __table_args__ = (CheckConstraint("kind IN ('off', 'working')", name="kind"),)

    day: Mapped[date] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))
