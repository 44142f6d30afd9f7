"""Users: Argon2id hashes, log-in, roles, and who may add whom."""

from __future__ import annotations

import pytest
from sqlalchemy import select

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
        ("hoa", "clerk", "ngan", InvalidInput, "ít nhất 8"),
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
