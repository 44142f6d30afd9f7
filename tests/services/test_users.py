"""Users: Argon2id hashes, log-in, roles, and who may add whom."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from kiosk.models import Role, User
from kiosk.services.users import Actor


def test_password_is_stored_as_an_argon2id_hash(ctx: KioskContext, clerk: Actor) -> None:
    with ctx.db.read() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "lan"))
    assert stored is not None and stored.startswith("$argon2id$") and "mat-khau-1" not in stored


def test_log_in(ctx: KioskContext, clerk: Actor) -> None:
    assert ctx.users.authenticate("LAN ", "mat-khau-1") == clerk
    for user, password in (("lan", "sai-mat-khau"), ("khong-co", "mat-khau-1"), ("cli", ""), ("system", "x" * 8)):
        with pytest.raises(PermissionDenied, match="Sai tên đăng nhập hoặc mật khẩu"):
            ctx.users.authenticate(user, password)


def test_roles_are_ordered(clerk: Actor, supervisor: Actor, admin: Actor) -> None:
    assert clerk.can(Role.CLERK) and not clerk.can(Role.SUPERVISOR)
    assert supervisor.can(Role.SUPERVISOR) and not supervisor.can(Role.ADMIN)
    assert admin.can(Role.ADMIN)
    with pytest.raises(PermissionDenied, match="Quản trị"):
        clerk.require(Role.ADMIN)


def test_only_an_admin_adds_users(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    for by in (clerk, supervisor):
        with pytest.raises(PermissionDenied):
            ctx.users.add("x", "X", "clerk", "mat-khau-3", by=by)


@pytest.mark.parametrize(
    ("username", "role", "password", "error", "message"),
    [
        ("lan", "clerk", "mat-khau-9", Conflict, "đã có"),
        ("người", "clerk", "mat-khau-9", InvalidInput, "Tên đăng nhập"),
        ("hoa", "boss", "mat-khau-9", InvalidInput, "Vai trò"),
        ("hoa", "clerk", "ngan", InvalidInput, "ít nhất 10"),
        ("hoa", "clerk", " co-khoang-trang", InvalidInput, "khoảng trắng"),
    ],
)
def test_bad_new_user(
    ctx: KioskContext, admin: Actor, clerk: Actor, username: str, role: str, password: str, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        ctx.users.add(username, "Hoa", role, password, by=admin)


def test_get_unknown_user(ctx: KioskContext) -> None:
    with pytest.raises(NotFound):
        ctx.users.get("khong-co")


def test_a_supervisor_pin_opens_the_citizen_screen(
    ctx: KioskContext, clerk: Actor, supervisor: Actor, admin: Actor
) -> None:
    assert not ctx.users.has_pins()
    ctx.users.set_pin("minh", "2580", by=supervisor)  # one's own
    with pytest.raises(PermissionDenied):
        ctx.users.set_pin("minh", "1470", by=clerk)
    with pytest.raises(InvalidInput, match="Chỉ lãnh đạo"):
        ctx.users.set_pin("lan", "2580", by=admin)
    for weak in ("123", "12a4", "1111", "3456", "٣٤٥٦٧"):
        with pytest.raises(InvalidInput, match="Mã PIN"):
            ctx.users.set_pin("minh", weak, by=admin)
    assert ctx.users.has_pins()
    assert ctx.users.verify_pin("2580") == supervisor
    with pytest.raises(PermissionDenied, match="không đúng"):
        ctx.users.verify_pin("0000")
    with ctx.db.read() as session:
        stored = session.scalar(select(User.pin_hash).where(User.username == "minh"))
    assert stored is not None and stored.startswith("$argon2id$") and "2580" not in stored


def test_five_wrong_pins_make_the_pad_wait_a_minute(ctx: KioskContext, supervisor: Actor, clock: FixedClock) -> None:
    ctx.users.set_pin("minh", "2580", by=supervisor)
    for _ in range(5):
        with pytest.raises(PermissionDenied, match="không đúng"):
            ctx.users.verify_pin("9999")
    with pytest.raises(PermissionDenied, match="chờ 60 giây"):
        ctx.users.verify_pin("2580")  # even the right one waits
    clock.set(clock.now() + timedelta(seconds=61))
    assert ctx.users.verify_pin("2580") == supervisor
