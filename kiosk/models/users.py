"""People who act on the kiosk: clerks, supervisors, admins, and the command-line and system accounts."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.models.base import Base, UuidKey


class Role(enum.StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class User(UuidKey, Base):
    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role IN ('clerk', 'supervisor', 'admin')", name="role"),)

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    #: None for accounts that cannot log in (the command line, the system's own jobs).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    #: The PIN a supervisor types on the citizen screen to leave it or change its settings (Argon2id).
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    #: Wrong passwords in a row; at the limit the account is locked until a supervisor or admin unlocks it.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_at: Mapped[datetime | None]
    #: Set for an account whose password someone else chose (the first admin, a reset): changed at next login.
    must_change_password: Mapped[bool] = mapped_column(default=False)
