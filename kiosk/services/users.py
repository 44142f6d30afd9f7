"""Users and roles: clerks, supervisors and admins, with passwords hashed by Argon2id (memory-hard)."""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.models import Database, Role, User
from kiosk.services.audit import AuditLog
from kiosk.text import clean_line, require_unicode

if TYPE_CHECKING:
    from argon2 import PasswordHasher

CLI_USERNAME = "cli"
SYSTEM_USERNAME = "system"
ROLE_LABELS = {Role.CLERK: "Cán bộ tiếp nhận", Role.SUPERVISOR: "Lãnh đạo / giám sát", Role.ADMIN: "Quản trị"}
PASSWORD_MIN = 10
#: Wrong passwords in a row before the account is locked (until a supervisor or an admin unlocks it).
LOGIN_ATTEMPTS = 5
#: Refused whatever the case: the passwords people reach for first (the length rule catches the shorter ones).
COMMON_PASSWORDS = frozenset(
    {
        "matkhau123",
        "matkhau@123",
        "matkhau1234",
        "matkhau12345",
        "123456789a",
        "a123456789",
        "123456789@",
        "abc1234567",
        "abcd123456",
        "abcde12345",
        "password",
        "password1",
        "password12",
        "password123",
        "password@123",
        "password1234",
        "qwertyuiop",
        "qwerty1234",
        "qwerty12345",
        "1qaz2wsx3edc",
        "admin12345",
        "admin@1234",
        "admin123456",
        "administrator",
        "anhyeuem123",
        "emyeuanh123",
        "iloveyou123",
        "vietnam123",
        "vietnam1234",
        "motcua1234",
        "quaymotcua",
        "changeme123",
        "welcome123",
    }
)
WRONG_LOGIN = "Sai tên đăng nhập hoặc mật khẩu."
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


@dataclass(frozen=True)
class AccountState:
    """What the admin's list shows beside a user: locked after wrong passwords, or waiting for their own one."""

    locked_at: datetime | None
    must_change_password: bool
    failed_logins: int

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class UserService:
    """Accounts, log-in with lockout, passwords and PINs; every change and every log-in goes to the audit log.

    Audit entries name people by user name only: never a password, a PIN, or what was typed as an unknown user
    name (it may be a password typed into the wrong field).
    """

    def __init__(self, db: Database, clock: Clock, audit: AuditLog, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._clock = clock
        self._audit = audit
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

    def add(
        self, username: str, full_name: str, role: str, password: str, *, by: Actor, must_change_password: bool = True
    ) -> Actor:
        """A new account. Its password was chosen by ``by``, not by the person: by default they must change it at
        their first log-in (``must_change_password=False`` only when they typed it themselves, or for a demo)."""
        by.require(Role.ADMIN)
        name = _username(username)
        full = clean_line(full_name or name, field="full_name", label="Họ và tên", max_length=100)
        try:
            user_role = Role(role)
        except ValueError:
            raise InvalidInput("Vai trò phải là clerk, supervisor hoặc admin.", field="role") from None
        check_password(password, name)
        digest = self._hasher.hash(password)
        with self._db.write() as session:
            if session.scalar(select(User.id).where(User.username == name)) is not None:
                raise Conflict(f"Tên đăng nhập «{name}» đã có.", field="username")
            user = User(
                username=name,
                full_name=full,
                role=user_role.value,
                password_hash=digest,
                active=True,
                created_at=self._clock.now(),
                failed_logins=0,
                must_change_password=must_change_password,
            )
            session.add(user)
            session.flush()
            facts = {"role": user_role.value, "must_change_password": must_change_password}
            self._audit.record_in(session, by.username, "user_added", name, facts)
            return _actor(user)

    def get(self, username: str) -> Actor:
        with self._db.read() as session:
            return _actor(_load(session, username))

    def authenticate(self, username: str, password: str) -> Actor:
        """The account whose password this is. A wrong one counts towards the lock; the right one resets the count.

        Check :meth:`needs_new_password` afterwards: the desk must not open before such an account has its own.
        """
        require_unicode(password, field="password", label="Mật khẩu")
        user = self._verified(username, password)
        with self._db.write() as session:
            row = session.get_one(User, user.id)
            row.failed_logins = 0
            self._audit.record_in(session, row.username, "login", row.username)
            return _actor(row)

    def approve(self, username: str, password: str, *, what: str) -> Actor:
        """A supervisor (or admin) standing by the desk authorises ``what`` with their password: no log-in, the
        approval itself is audited. A wrong password counts towards the lock as at the log-in (guessing a
        supervisor's password at an approval prompt is no different)."""
        require_unicode(password, field="password", label="Mật khẩu")
        user = self._verified(username, password)
        approver = _actor(user)
        approver.require(Role.SUPERVISOR)
        with self._db.write() as session:
            row = session.get_one(User, user.id)
            row.failed_logins = 0
            self._audit.record_in(session, row.username, "approval", what)
        return approver

    def needs_new_password(self, username: str) -> bool:
        """True when someone else chose this account's password (created or reset by an admin)."""
        with self._db.read() as session:
            return bool(_load(session, username).must_change_password)

    def change_password(self, username: str, old: str, new: str) -> Actor:
        """The person changes their own password (the old one proves it is them); clears the forced change."""
        user = self._verified(username, old)
        if new == old:
            raise InvalidInput("Mật khẩu mới phải khác mật khẩu cũ.", field="password")
        check_password(new, user.username)
        digest = self._hasher.hash(new)
        with self._db.write() as session:
            row = session.get_one(User, user.id)
            row.password_hash = digest
            row.must_change_password = False
            row.failed_logins = 0
            self._audit.record_in(session, row.username, "password_changed", row.username)
            return _actor(row)

    def reset_password(self, username: str, new: str, *, by: Actor) -> None:
        """An admin sets a new password for someone who forgot theirs (it also unlocks the account); the person
        must change it at their next log-in."""
        by.require(Role.ADMIN)
        name = username.strip().lower()
        if name in (CLI_USERNAME, SYSTEM_USERNAME):
            raise InvalidInput(f"Tài khoản «{name}» không đăng nhập bằng mật khẩu.", field="username")
        check_password(new, name)
        digest = self._hasher.hash(new)
        with self._db.write() as session:
            user = _load(session, name)
            was_locked = user.locked_at is not None
            user.password_hash = digest
            user.must_change_password = user.id != by.id
            user.failed_logins = 0
            user.locked_at = None
            self._audit.record_in(session, by.username, "password_reset", user.username)
            if was_locked:
                self._audit.record_in(session, by.username, "account_unlocked", user.username)

    def unlock(self, username: str, *, by: Actor) -> None:
        """Open an account locked after wrong passwords: a supervisor unlocks clerks, an admin anyone."""
        by.require(Role.SUPERVISOR)
        with self._db.write() as session:
            user = _load(session, username)
            if user.role != Role.CLERK.value:
                by.require(Role.ADMIN)
            if user.locked_at is None:
                raise InvalidInput(f"Tài khoản {user.username} không bị khoá.", field="username")
            user.locked_at = None
            user.failed_logins = 0
            self._audit.record_in(session, by.username, "account_unlocked", user.username)

    def account_states(self) -> dict[str, AccountState]:
        """Locks and forced changes by user name (active accounts)."""
        query = select(User.username, User.locked_at, User.must_change_password, User.failed_logins).where(
            User.active.is_(True)
        )
        with self._db.read() as session:
            return {name: AccountState(at, bool(change), count) for name, at, change, count in session.execute(query)}

    def _verified(self, username: str, password: str) -> User:
        """The account when the password is right; otherwise the failure is counted (locked at the limit)."""
        with self._db.read() as session:
            user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None or not user.active or user.password_hash is None:
            self._hasher_delay()
            self._audit.record("", "login_failed", "", {"reason": "unknown_account"})
            raise PermissionDenied(WRONG_LOGIN)
        if user.locked_at is not None:
            self._hasher_delay()
            self._audit.record(user.username, "login_failed", user.username, {"reason": "locked"})
            raise PermissionDenied(_locked_message(user))
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            self._hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            pass
        else:
            return user
        if self._count_failure(user):
            raise PermissionDenied(_locked_message(user))
        raise PermissionDenied(WRONG_LOGIN)

    def _count_failure(self, user: User) -> bool:
        """One more wrong password in a row; True when the account is now locked."""
        with self._db.write() as session:
            row = session.get_one(User, user.id)
            row.failed_logins = (row.failed_logins or 0) + 1
            facts = {"reason": "wrong_password", "attempt": row.failed_logins}
            self._audit.record_in(session, row.username, "login_failed", row.username, facts)
            if row.locked_at is None and row.failed_logins >= LOGIN_ATTEMPTS:
                row.locked_at = self._clock.now()
                self._audit.record_in(
                    session, SYSTEM_USERNAME, "account_locked", row.username, {"failed_logins": row.failed_logins}
                )
            return row.locked_at is not None

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
        digest = self._hasher.hash(pin)
        with self._db.write() as session:
            user = session.get_one(User, target.id)
            user.pin_hash = digest
            self._audit.record_in(session, by.username, "pin_set", target.username)

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
        require_unicode(pin, field="pin", label="Mã PIN")
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
            self._audit.record(user.username, "pin_ok", user.username)
            return _actor(user)
        self._pin_failures += 1
        self._audit.record("", "pin_failed", "", {"attempt": self._pin_failures})
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


def _load(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        raise NotFound(f"Không có người dùng «{username}».", field="username")
    return user


def _locked_message(user: User) -> str:
    who = "lãnh đạo (giám sát) hoặc quản trị" if user.role == Role.CLERK.value else "quản trị"
    return (
        f"Tài khoản {user.username} đã bị khoá vì nhập sai mật khẩu {LOGIN_ATTEMPTS} lần liên tiếp. Nhờ {who} mở khoá."
    )


def _username(value: str) -> str:
    name = value.strip().lower()
    if not name or len(name) > 64 or not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in name):
        raise InvalidInput(
            "Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.", field="username"
        )
    return name


def check_password(password: str, username: str = "") -> None:
    """A password chosen at a government desk: long, not only digits, not the user name, not a common one."""
    require_unicode(password, field="password", label="Mật khẩu")
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(f"Mật khẩu cần ít nhất {PASSWORD_MIN} ký tự.", field="password")
    if password.strip() != password or any(ord(ch) < 32 for ch in password):
        raise InvalidInput("Mật khẩu không được có khoảng trắng ở đầu, cuối hoặc ký tự điều khiển.", field="password")
    if password.isdigit():
        raise InvalidInput(
            "Mật khẩu không được chỉ gồm chữ số (dễ đoán như ngày sinh, số điện thoại); thêm chữ cái.",
            field="password",
        )
    lowered = password.lower()
    if len(set(lowered)) < 4:
        raise InvalidInput("Mật khẩu lặp lại quá ít ký tự khác nhau, dễ đoán; chọn mật khẩu khác.", field="password")
    name = username.strip().lower()
    if len(name) >= 3 and name in lowered:
        raise InvalidInput("Mật khẩu không được chứa tên đăng nhập.", field="password")
    if lowered in COMMON_PASSWORDS:
        raise InvalidInput("Mật khẩu này quá phổ biến, dễ bị đoán ra; chọn mật khẩu khác.", field="password")
