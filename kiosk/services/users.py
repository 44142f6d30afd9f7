"""Users and roles: clerks, supervisors and admins, with passwords hashed by Argon2id (memory-hard)."""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import ColumnElement, select

from kiosk.clock import Clock
from kiosk.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.models import Database, Role, User
from kiosk.text import clean_line

if TYPE_CHECKING:
    from argon2 import PasswordHasher

CLI_USERNAME = "cli"
SYSTEM_USERNAME = "system"
ROLE_LABELS = {Role.CLERK: "Cán bộ tiếp nhận", Role.SUPERVISOR: "Lãnh đạo / giám sát", Role.ADMIN: "Quản trị"}
PASSWORD_MIN = 8
PIN_DIGITS = (4, 8)
#: Wrong PINs in a row before the pad waits, and how long it waits (a 4-digit PIN must not be guessable by hand).
PIN_ATTEMPTS = 5
PIN_WAIT = timedelta(minutes=1)


@dataclass(frozen=True)
class Actor:
    """Who is acting: every event and every change records one."""

    id: UUID
    username: str
    full_name: str
    role: Role

    def can(self, role: Role) -> bool:
        """True when this actor's role is ``role`` or above it (clerk < supervisor < admin)."""
        order = [Role.CLERK, Role.SUPERVISOR, Role.ADMIN]
        return order.index(self.role) >= order.index(role)

    def require(self, role: Role) -> None:
        if not self.can(role):
            raise PermissionDenied(
                f"Việc này cần quyền «{ROLE_LABELS[role]}»; tài khoản {self.username} không có quyền đó."
            )


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.full_name, Role(user.role))


class UserService:
    def __init__(self, db: Database, clock: Clock, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._clock = clock
        self._given_hasher = hasher
        self._pin_failures = 0
        self._pin_wait_until: datetime | None = None

    @property
    def _hasher(self) -> PasswordHasher:
        """Argon2id, loaded on the first password check rather than at start-up."""
        if self._given_hasher is None:
            from argon2 import PasswordHasher

            self._given_hasher = PasswordHasher()
        return self._given_hasher

    def add(self, username: str, full_name: str, role: str, password: str, *, by: Actor) -> Actor:
        by.require(Role.ADMIN)
        name = _username(username)
        full = clean_line(full_name or name, field="full_name", label="Họ và tên", max_length=100)
        try:
            user_role = Role(role)
        except ValueError:
            raise InvalidInput("Vai trò phải là clerk, supervisor hoặc admin.", field="role") from None
        check_password(password)
        with self._db.write() as session:
            if session.scalar(select(User.id).where(User.username == name)) is not None:
                raise Conflict(f"Tên đăng nhập «{name}» đã có.", field="username")
            user = User(
                username=name,
                full_name=full,
                role=user_role.value,
                password_hash=self._hasher.hash(password),
                active=True,
                created_at=self._clock.now(),
            )
            session.add(user)
            session.flush()
            return _actor(user)

    def get(self, username: str) -> Actor:
        with self._db.read() as session:
            user = session.scalar(select(User).where(User.username == username.strip().lower()))
            if user is None or not user.active:
                raise NotFound(f"Không có người dùng «{username}».", field="username")
            return _actor(user)

    def authenticate(self, username: str, password: str) -> Actor:
        with self._db.read() as session:
            user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None or not user.active or user.password_hash is None:
            self._hasher_delay()
            raise PermissionDenied("Sai tên đăng nhập hoặc mật khẩu.")
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            self._hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise PermissionDenied("Sai tên đăng nhập hoặc mật khẩu.") from None
        return _actor(user)

    def set_pin(self, username: str, pin: str, *, by: Actor) -> None:
        """The PIN a supervisor or admin types on the citizen screen; set by an admin, or by the person."""
        target = self.get(username)
        if target.id != by.id:
            by.require(Role.ADMIN)
        if not target.can(Role.SUPERVISOR):
            raise InvalidInput("Chỉ lãnh đạo, giám sát hoặc quản trị mới có mã PIN màn hình đánh giá.", field="pin")
        low, high = PIN_DIGITS
        if not (pin.isascii() and pin.isdigit() and low <= len(pin) <= high):
            raise InvalidInput(f"Mã PIN gồm {low} đến {high} chữ số.", field="pin")
        if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
            raise InvalidInput("Mã PIN quá dễ đoán (các số giống nhau hoặc liên tiếp); chọn mã khác.", field="pin")
        with self._db.write() as session:
            user = session.get_one(User, target.id)
            user.pin_hash = self._hasher.hash(pin)

    def has_pins(self) -> bool:
        """True when at least one supervisor or admin can open the citizen screen's settings."""
        with self._db.read() as session:
            return session.scalar(select(User.id).where(*self._pin_holders()).limit(1)) is not None

    def pin_holders(self) -> set[str]:
        """The user names that have a PIN (not the PINs)."""
        with self._db.read() as session:
            return set(session.scalars(select(User.username).where(*self._pin_holders())))

    def verify_pin(self, pin: str) -> Actor:
        """The supervisor or admin whose PIN this is; after five wrong ones the pad waits a minute."""
        now = self._clock.now()
        if self._pin_wait_until is not None and now < self._pin_wait_until:
            seconds = math.ceil((self._pin_wait_until - now).total_seconds())
            raise PermissionDenied(f"Nhập sai nhiều lần. Vui lòng chờ {seconds} giây rồi thử lại.")
        from argon2.exceptions import InvalidHashError, VerificationError

        with self._db.read() as session:
            holders = list(session.scalars(select(User).where(*self._pin_holders())))
        for user in holders:
            assert user.pin_hash is not None
            try:
                self._hasher.verify(user.pin_hash, pin)
            except (VerificationError, InvalidHashError):
                continue
            self._pin_failures, self._pin_wait_until = 0, None
            return _actor(user)
        self._pin_failures += 1
        if self._pin_failures >= PIN_ATTEMPTS:
            self._pin_failures, self._pin_wait_until = 0, now + PIN_WAIT
        raise PermissionDenied("Mã PIN không đúng.")

    @staticmethod
    def _pin_holders() -> tuple[ColumnElement[bool], ...]:
        return (
            User.active.is_(True),
            User.pin_hash.is_not(None),
            User.role.in_((Role.SUPERVISOR.value, Role.ADMIN.value)),
        )

    def all(self) -> list[Actor]:
        with self._db.read() as session:
            return [_actor(u) for u in session.scalars(select(User).where(User.active).order_by(User.username))]

    def cli(self) -> Actor:
        return self.get(CLI_USERNAME)

    def system(self) -> Actor:
        return self.get(SYSTEM_USERNAME)

    def _hasher_delay(self) -> None:
        """Spend the time of a real check, so that a wrong user name is not told apart by speed."""
        from argon2.exceptions import VerificationError

        with contextlib.suppress(VerificationError):
            self._hasher.verify(self._hasher.hash("x" * PASSWORD_MIN), "y" * PASSWORD_MIN)


def _username(value: str) -> str:
    name = value.strip().lower()
    if not name or len(name) > 64 or not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in name):
        raise InvalidInput(
            "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.", field="username"
        )
    return name


def check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(f"Mật khẩu cần ít nhất {PASSWORD_MIN} ký tự.", field="password")
    if password.strip() != password or any(ord(ch) < 32 for ch in password):
        raise InvalidInput("Mật khẩu không được có khoảng trắng ở đầu, cuối hoặc ký tự điều khiển.", field="password")
