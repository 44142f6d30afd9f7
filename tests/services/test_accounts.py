"""Accounts: lockout after wrong passwords, unlock, password rules, forced change, role checks, and the audit log."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, NotFound, PermissionDenied
from kiosk.services.audit import AuditView
from kiosk.services.catalog_seed import seed_specs
from kiosk.services.demo import DEMO_PASSWORD, DemoBuilder
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import LOGIN_ATTEMPTS, Actor, check_password

WRONG = "Sai tên đăng nhập hoặc mật khẩu."


def entries(ctx: KioskContext, action: str | None = None) -> list[AuditView]:
    """The audit log, oldest first."""
    return list(reversed(ctx.audit.recent(limit=500, action=action)))


def fail(ctx: KioskContext, username: str, password: str = "sai-mat-khau", times: int = 1) -> str:
    message = ""
    for _ in range(times):
        with pytest.raises(PermissionDenied) as refused:
            ctx.users.authenticate(username, password)
        message = refused.value.message
    return message


# -- lockout ----------------------------------------------------------------------------------------------------------


def test_wrong_passwords_in_a_row_lock_the_account(ctx: KioskContext, clerk: Actor) -> None:
    assert fail(ctx, "lan", times=LOGIN_ATTEMPTS - 1) == WRONG
    assert not ctx.users.account_states()["lan"].locked
    last = fail(ctx, "lan")
    assert "đã bị khoá" in last and "mở khoá" in last and "lãnh đạo" in last
    state = ctx.users.account_states()["lan"]
    assert state.locked and state.failed_logins == LOGIN_ATTEMPTS
    # the right password no longer opens it
    assert "đã bị khoá" in fail(ctx, "lan", "mat-khau-1")
    failed = entries(ctx, "login_failed")
    assert [e.details.get("attempt") for e in failed] == [*range(1, LOGIN_ATTEMPTS + 1), None]
    assert failed[-1].details == {"reason": "locked"} and {e.target for e in failed} == {"lan"}
    (locked,) = entries(ctx, "account_locked")
    assert (locked.actor, locked.target, locked.details) == ("system", "lan", {"failed_logins": LOGIN_ATTEMPTS})
    assert entries(ctx, "login") == []


def test_a_right_password_resets_the_count(ctx: KioskContext, clerk: Actor) -> None:
    fail(ctx, "lan", times=LOGIN_ATTEMPTS - 1)
    assert ctx.users.authenticate("lan", "mat-khau-1") == clerk
    assert ctx.users.account_states()["lan"].failed_logins == 0
    fail(ctx, "lan", times=LOGIN_ATTEMPTS - 1)
    assert ctx.users.authenticate("lan", "mat-khau-1") == clerk
    logins = entries(ctx, "login")
    assert [(e.actor, e.target) for e in logins] == [("lan", "lan")] * 2


def test_an_approval_is_audited_as_such_not_as_a_log_in(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    """A supervisor typing their password at the clerk's desk to authorise a void or the clock: no log-in."""
    with pytest.raises(PermissionDenied, match="Sai tên"):
        ctx.users.approve("minh", "sai-mat-khau", what="huỷ hồ sơ X")
    assert ctx.users.account_states()["minh"].failed_logins == 1  # guessing here counts as at the log-in
    assert ctx.users.approve("minh", "mat-khau-2", what="huỷ hồ sơ 000.00.31.H33-261125-0001") == supervisor
    assert ctx.users.account_states()["minh"].failed_logins == 0
    with pytest.raises(PermissionDenied, match="cần quyền"):
        ctx.users.approve("lan", "mat-khau-1", what="huỷ hồ sơ X")  # a clerk cannot approve, even with her password
    approvals = entries(ctx, "approval")
    assert [(e.actor, e.target) for e in approvals] == [("minh", "huỷ hồ sơ 000.00.31.H33-261125-0001")]
    assert entries(ctx, "login") == []


def test_a_supervisor_or_admin_is_told_to_ask_an_admin(ctx: KioskContext, supervisor: Actor) -> None:
    message = fail(ctx, "minh", times=LOGIN_ATTEMPTS)
    assert "Nhờ quản trị mở khoá" in message


def test_an_unknown_user_name_looks_like_a_wrong_password_and_is_not_recorded(ctx: KioskContext, clerk: Actor) -> None:
    # someone types the password into the user name field: it must not land in the log
    assert fail(ctx, "mat-khau-1", "lan") == WRONG
    assert fail(ctx, "cli", "") == WRONG
    for _ in range(LOGIN_ATTEMPTS + 1):
        assert fail(ctx, "khong-co") == WRONG  # no lock message ever: nothing says the name is unknown
    failed = entries(ctx, "login_failed")
    assert all((e.actor, e.target, e.details) == ("", "", {"reason": "unknown_account"}) for e in failed)
    assert "mat-khau-1" not in json.dumps([e.__dict__ for e in failed], default=str)


def test_unlock_by_a_supervisor_for_clerks_by_an_admin_for_anyone(
    ctx: KioskContext, clerk: Actor, supervisor: Actor, admin: Actor
) -> None:
    boss = ctx.users.add("quantri", "Nguyễn Quản Trị", "admin", "mat-khau-so-3", by=admin)
    for name in ("lan", "minh"):
        fail(ctx, name, times=LOGIN_ATTEMPTS)
    with pytest.raises(PermissionDenied):
        ctx.users.unlock("lan", by=clerk)
    with pytest.raises(PermissionDenied, match="Quản trị"):
        ctx.users.unlock("minh", by=supervisor)  # not even oneself
    ctx.users.unlock("lan", by=supervisor)
    assert ctx.users.authenticate("lan", "mat-khau-1") == clerk
    ctx.users.unlock("minh", by=boss)
    assert ctx.users.authenticate("minh", "mat-khau-2") == supervisor
    with pytest.raises(InvalidInput, match="không bị khoá"):
        ctx.users.unlock("lan", by=boss)
    with pytest.raises(NotFound):
        ctx.users.unlock("khong-co", by=boss)
    unlocked = entries(ctx, "account_unlocked")
    assert [(e.actor, e.target) for e in unlocked] == [("minh", "lan"), ("quantri", "minh")]


# -- password rules ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ngan-qua", "ít nhất 10 ký tự"),
        ("0912345678", "chỉ gồm chữ số"),
        ("19901231001", "chỉ gồm chữ số"),
        ("aaaaabbbbbaaaa", "ít ký tự khác nhau"),
        ("matkhau123", "quá phổ biến"),
        ("MatKhau@123", "quá phổ biến"),
        ("123456789a", "quá phổ biến"),
        ("Password123", "quá phổ biến"),
        ("hoa-2026-moi", "tên đăng nhập"),
        ("HOAHOA12345", "tên đăng nhập"),
        (" khoang-trang-dau", "khoảng trắng"),
    ],
)
def test_weak_passwords_are_refused_in_words(password: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_password(password, "hoa")


@pytest.mark.parametrize("password", [DEMO_PASSWORD, "mat-khau-1", "Hồ sơ một cửa 2026", "tiep-nhan-ho-so"])
def test_sane_passwords_pass(password: str) -> None:
    check_password(password, "hoa")


def test_the_rules_apply_to_every_way_a_password_is_set(ctx: KioskContext, clerk: Actor, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="tên đăng nhập"):
        ctx.users.add("hoa", "Hoa", "clerk", "hoa-mat-khau", by=admin)
    with pytest.raises(InvalidInput, match="quá phổ biến"):
        ctx.users.reset_password("lan", "matkhau123", by=admin)
    with pytest.raises(InvalidInput, match="chỉ gồm chữ số"):
        ctx.users.change_password("lan", "mat-khau-1", "0912345678")


# -- forced change ----------------------------------------------------------------------------------------------------


def test_an_account_made_by_an_admin_must_change_its_password(ctx: KioskContext, admin: Actor) -> None:
    hoa = ctx.users.add("hoa", "Đỗ Thị Hoa", "clerk", "tam-thoi-2026", by=admin)
    assert ctx.users.needs_new_password("hoa")
    assert ctx.users.authenticate("hoa", "tam-thoi-2026") == hoa  # the log-in works; the desk asks for the change
    with pytest.raises(PermissionDenied, match="Sai"):
        ctx.users.change_password("hoa", "sai-mat-khau", "cua-rieng-hoa-1")
    with pytest.raises(InvalidInput, match="khác mật khẩu cũ"):
        ctx.users.change_password("hoa", "tam-thoi-2026", "tam-thoi-2026")
    assert ctx.users.change_password("hoa", "tam-thoi-2026", "cua-rieng-toi-1") == hoa
    assert not ctx.users.needs_new_password("hoa")
    assert fail(ctx, "hoa", "tam-thoi-2026") == WRONG
    assert ctx.users.authenticate("hoa", "cua-rieng-toi-1") == hoa
    assert ctx.users.account_states()["hoa"].failed_logins == 0
    (changed,) = entries(ctx, "password_changed")
    assert (changed.actor, changed.target, changed.details) == ("hoa", "hoa", {})
    (added,) = entries(ctx, "user_added")
    assert (added.actor, added.target) == ("cli", "hoa")
    assert added.details == {"role": "clerk", "must_change_password": True}


def test_a_person_who_typed_their_own_password_is_not_forced(ctx: KioskContext, admin: Actor) -> None:
    ctx.users.add("hoa", "Đỗ Thị Hoa", "clerk", "cua-rieng-toi-1", by=admin, must_change_password=False)
    assert not ctx.users.needs_new_password("hoa")


def test_a_locked_account_cannot_change_its_password(ctx: KioskContext, clerk: Actor) -> None:
    fail(ctx, "lan", times=LOGIN_ATTEMPTS)
    with pytest.raises(PermissionDenied, match="đã bị khoá"):
        ctx.users.change_password("lan", "mat-khau-1", "cua-rieng-toi-1")


def test_an_admin_resets_a_forgotten_password(ctx: KioskContext, clerk: Actor, supervisor: Actor, admin: Actor) -> None:
    fail(ctx, "lan", times=LOGIN_ATTEMPTS)
    for by in (clerk, supervisor):
        with pytest.raises(PermissionDenied, match="Quản trị"):
            ctx.users.reset_password("lan", "tam-thoi-2026", by=by)
    for account in ("cli", "system"):
        with pytest.raises(InvalidInput, match="không đăng nhập bằng mật khẩu"):
            ctx.users.reset_password(account, "tam-thoi-2026", by=admin)
    ctx.users.reset_password("lan", "tam-thoi-2026", by=admin)
    state = ctx.users.account_states()["lan"]
    assert not state.locked and state.must_change_password and state.failed_logins == 0
    assert ctx.users.authenticate("lan", "tam-thoi-2026") == clerk
    assert [(e.action, e.actor, e.target) for e in entries(ctx)[-3:]] == [
        ("password_reset", "cli", "lan"),
        ("account_unlocked", "cli", "lan"),
        ("login", "lan", "lan"),
    ]


def test_demo_users_are_not_forced(ctx: KioskContext) -> None:
    DemoBuilder(ctx, seed=1).run(1)
    states = ctx.users.account_states()
    assert not any(states[name].must_change_password for name in ("lan", "hung", "minh", "quantri"))
    assert ctx.users.authenticate("quantri", DEMO_PASSWORD).username == "quantri"


# -- PINs -------------------------------------------------------------------------------------------------------------


def test_pins_are_audited_without_the_digits(ctx: KioskContext, supervisor: Actor, admin: Actor) -> None:
    ctx.users.set_pin("minh", "258013", by=admin)
    with pytest.raises(PermissionDenied):
        ctx.users.verify_pin("999999")
    assert ctx.users.verify_pin("258013") == supervisor
    pins = [e for e in entries(ctx) if e.action.startswith("pin_")]
    assert [(e.action, e.actor, e.target, e.details) for e in pins] == [
        ("pin_set", "cli", "minh", {}),
        ("pin_failed", "", "", {"attempt": 1}),
        ("pin_ok", "minh", "minh", {}),
    ]


def test_the_log_never_holds_a_password_or_pin(ctx: KioskContext, clerk: Actor, admin: Actor) -> None:
    secrets = ["mat-khau-1", "sai-mat-khau", "tam-thoi-2026", "cua-rieng-toi-1", "246813"]
    ctx.users.add("minh", "Lê Văn Minh", "supervisor", "tam-thoi-2026", by=admin)
    ctx.users.change_password("minh", "tam-thoi-2026", "cua-rieng-toi-1")
    ctx.users.set_pin("minh", "246813", by=admin)
    fail(ctx, "lan", "sai-mat-khau", times=LOGIN_ATTEMPTS)
    ctx.users.reset_password("lan", "tam-thoi-2026", by=admin)
    ctx.users.verify_pin("246813")
    with pytest.raises(PermissionDenied):
        ctx.users.verify_pin("135792")
    text = json.dumps([e.__dict__ for e in entries(ctx)], default=str, ensure_ascii=False)
    assert not [s for s in [*secrets, "135792"] if s in text]
    assert ctx.audit.verify().sound


# -- role checks: a clerk reaches no admin or supervisor action through the services ----------------------------------


def clerk_refusals(ctx: KioskContext) -> dict[str, Callable[[Actor], Any]]:
    spec = seed_specs()[0]
    code = ctx.registration.register(
        RegistrationInput("2.001914", Applicant("person", "Nguyễn Văn An", "0912345678")), by=ctx.users.get("minh")
    ).code
    today = date(2026, 11, 25)
    return {
        "users.add": lambda by: ctx.users.add("hoa", "Hoa", "clerk", "tam-thoi-2026", by=by),
        "users.reset_password": lambda by: ctx.users.reset_password("minh", "tam-thoi-2026", by=by),
        "users.unlock": lambda by: ctx.users.unlock("minh", by=by),
        "users.set_pin of another": lambda by: ctx.users.set_pin("minh", "258013", by=by),
        "catalog.save": lambda by: ctx.catalog.save(spec, by=by),
        "catalog.save_many": lambda by: ctx.catalog.save_many([spec], by=by),
        "catalog.set_active": lambda by: ctx.catalog.set_active(spec.code, False, by=by),
        "reports.daily": lambda by: ctx.reports.daily(today, by=by),
        "reports.period": lambda by: ctx.reports.period(date(2026, 11, 1), today, by=by),
        "reports.survey": lambda by: ctx.reports.survey(date(2026, 11, 1), today, by=by),
        "reports.ledger": lambda by: ctx.reports.ledger(2026, by=by),
        "corrections.void": lambda by: ctx.corrections.void(code, "Nhập nhầm", by=by),
    }


def test_a_clerk_is_refused_every_admin_and_supervisor_action(
    ctx: KioskContext, clerk: Actor, supervisor: Actor
) -> None:
    for name, action in clerk_refusals(ctx).items():
        with pytest.raises(PermissionDenied):
            action(clerk)
            pytest.fail(f"a clerk could do {name}")
    assert entries(ctx, "user_added")[-1].target == "minh"  # nothing the clerk tried was recorded as done


def test_a_supervisor_is_refused_the_admin_actions(ctx: KioskContext, clerk: Actor, supervisor: Actor) -> None:
    actions = clerk_refusals(ctx)
    for name in ("users.add", "users.reset_password", "catalog.save", "catalog.save_many", "catalog.set_active"):
        with pytest.raises(PermissionDenied):
            actions[name](supervisor)
            pytest.fail(f"a supervisor could do {name}")
    assert ctx.reports.daily(date(2026, 11, 25), by=supervisor).first == date(2026, 11, 25)
