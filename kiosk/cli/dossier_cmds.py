"""`kiosk register`, `kiosk dossier show|move|reappoint|correct|void`, `kiosk dossiers close-stale`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kiosk.cli.common import actor, print_dossier, print_json, read_password, user_option
from kiosk.cli.parser import count_arg, date_arg, local_datetime_arg, text_arg
from kiosk.context import KioskContext
from kiosk.services.corrections import Correction
from kiosk.services.dossier_views import Applicant
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import STATE_LABELS, DossierState

if TYPE_CHECKING:
    from kiosk.cli.parser import Commands


def register(commands: Commands) -> None:
    reg = commands.add_parser("register", help="tiếp nhận một hồ sơ; in mã hồ sơ", parents=[user_option()])
    reg.add_argument("--procedure", required=True, type=text_arg, metavar="MÃ", help="mã thủ tục")
    reg.add_argument("--name", required=True, type=text_arg, help="họ tên người nộp (hoặc tên tổ chức với --org)")
    reg.add_argument("--phone", required=True, type=text_arg, help="số điện thoại")
    reg.add_argument("--id-number", type=text_arg, default="", help="số định danh cá nhân (12 chữ số)")
    reg.add_argument("--org", action="store_true", help="người nộp là tổ chức")
    reg.add_argument("--tax-code", type=text_arg, default="", help="mã số thuế (tổ chức)")
    reg.add_argument("--address", type=text_arg, default="", help="địa chỉ")
    reg.add_argument("--email", type=text_arg, default="", help="thư điện tử")
    reg.add_argument("--vneid", action="store_true", help="đã kiểm tra tài khoản định danh điện tử (VNeID)")
    reg.add_argument("--sets", type=count_arg, default=1, help="số bộ hồ sơ (mặc định 1)")
    reg.add_argument("--post", action="store_true", help="trả kết quả qua bưu chính (mặc định: tại quầy)")
    reg.add_argument("--external-ref", type=text_arg, default="", help="mã hồ sơ trên hệ thống của tỉnh")
    reg.add_argument(
        "--received", type=local_datetime_arg, help="thời điểm nhận 'YYYY-MM-DD HH:MM' (mặc định: bây giờ)"
    )
    reg.set_defaults(handler=register_dossier)

    dossier = commands.add_parser("dossier", help="xem và xử lý một hồ sơ")
    actions = dossier.add_subparsers(dest="action", required=True, metavar="{show,move,reappoint,correct,void}")
    show = actions.add_parser("show", help="xem hồ sơ")
    show.add_argument("code", type=text_arg, help="mã hồ sơ")
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    show.set_defaults(handler=dossier_show)

    move = actions.add_parser("move", help="chuyển trạng thái hồ sơ", parents=[user_option()])
    move.add_argument("code", type=text_arg, help="mã hồ sơ")
    move.add_argument(
        "--to",
        required=True,
        choices=[s.value for s in DossierState],
        metavar="TRẠNG_THÁI",
        help="trạng thái mới: " + ", ".join(s.value for s in DossierState),
    )
    move.add_argument("--reason", type=text_arg, default="", help="lý do (khi pháp luật yêu cầu)")
    move.add_argument("--office", type=text_arg, default="", help="phòng chuyên môn nhận hồ sơ (in_process)")
    move.add_argument("--outcome", choices=["approved", "refused"], default="", help="kết quả (result_ready)")
    move.add_argument(
        "--collector",
        type=text_arg,
        default="",
        help="người nhận kết quả (returned): applicant, post, hoặc họ tên người được ủy quyền",
    )
    move.add_argument(
        "--missing",
        type=text_arg,
        action="append",
        default=[],
        help="một giấy tờ cần bổ sung (supplement_requested); lặp lại cho từng giấy tờ",
    )
    move.set_defaults(handler=dossier_move)

    re_ = actions.add_parser("reappoint", help="xin lỗi và hẹn lại ngày trả (một lần)", parents=[user_option()])
    re_.add_argument("code", type=text_arg, help="mã hồ sơ")
    re_.add_argument("--date", required=True, type=date_arg, help="ngày hẹn mới")
    re_.add_argument("--reason", required=True, type=text_arg, help="lý do")
    re_.set_defaults(handler=dossier_reappoint)

    correct = actions.add_parser("correct", help="sửa lỗi nhập thông tin người nộp", parents=[user_option()])
    correct.add_argument("code", type=text_arg, help="mã hồ sơ")
    for option, help_ in (
        ("--name", "họ tên đúng"),
        ("--phone", "số điện thoại đúng"),
        ("--id-number", "số định danh đúng"),
        ("--tax-code", "mã số thuế đúng"),
        ("--address", "địa chỉ đúng"),
        ("--email", "thư điện tử đúng"),
        ("--external-ref", "mã hồ sơ liên thông đúng"),
    ):
        correct.add_argument(option, type=text_arg, help=help_)
    correct.add_argument("--sets", type=count_arg, help="số bộ hồ sơ đúng")
    correct.add_argument("--reason", type=text_arg, default="Sửa lỗi nhập liệu", help="lý do sửa")
    correct.set_defaults(handler=dossier_correct)

    void = actions.add_parser("void", help="huỷ hồ sơ nhập nhầm (lãnh đạo duyệt)", parents=[user_option()])
    void.add_argument("code", type=text_arg, help="mã hồ sơ")
    void.add_argument("--reason", required=True, type=text_arg, help="lý do huỷ")
    void.add_argument("--supervisor", metavar="TÊN", help="lãnh đạo duyệt (sẽ hỏi mật khẩu của người này)")
    void.set_defaults(handler=dossier_void)

    dossiers = commands.add_parser("dossiers", help="việc trên nhiều hồ sơ")
    many = dossiers.add_subparsers(dest="action", required=True, metavar="{close-stale}")
    stale = many.add_parser("close-stale", help="đóng hồ sơ quá hạn bổ sung (mặc định 15 ngày)")
    stale.set_defaults(handler=dossiers_close_stale)


def register_dossier(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    zone = ctx.calendar.rules.zone
    applicant = Applicant(
        kind="organisation" if args.org else "person",
        name=args.name,
        phone=args.phone,
        id_number=args.id_number or None,
        tax_code=args.tax_code or None,
        address=args.address,
        email=args.email,
        vneid_checked=args.vneid,
    )
    view = ctx.registration.register(
        RegistrationInput(
            procedure_code=args.procedure,
            applicant=applicant,
            sets=args.sets,
            delivery="post" if args.post else "counter",
            external_ref=args.external_ref,
            received_at=args.received.replace(tzinfo=zone) if args.received else None,
        ),
        by=actor(ctx, args),
    )
    print(view.code, file=out)
    return 0


def dossier_show(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    view = ctx.search.show(args.code)
    if args.json:
        print_json(view.to_json(), out)
    else:
        print_dossier(view, out, ctx.calendar.rules.zone)
    return 0


def dossier_move(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    move = MoveInput(
        to=DossierState(args.to),
        reason=args.reason,
        office=args.office,
        outcome=args.outcome,
        collector=args.collector,
        missing=tuple(args.missing),
    )
    view = ctx.lifecycle.move(args.code, move, by=actor(ctx, args))
    print(f"{view.code}: {STATE_LABELS[view.state]}", file=out)
    if view.state is DossierState.IN_PROCESS and view.due_date and view.events[-1].data.get("explanation"):
        print(f"Hẹn trả mới: {view.due_date:%d/%m/%Y} ({view.events[-1].data['explanation']})", file=out)
    return 0


def dossier_reappoint(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    view = ctx.lifecycle.reappoint(args.code, args.date, args.reason, by=actor(ctx, args))
    assert view.due_date is not None
    print(f"{view.code}: hẹn lại ngày {view.due_date:%d/%m/%Y}", file=out)
    return 0


def dossier_correct(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    current = ctx.search.show(args.code)
    old = current.applicant
    fields = {
        "name": args.name,
        "phone": args.phone,
        "id_number": args.id_number,
        "tax_code": args.tax_code,
        "address": args.address,
        "email": args.email,
    }
    applicant = None
    if any(v is not None for v in fields.values()):
        applicant = Applicant(
            kind=old.kind,
            name=fields["name"] if fields["name"] is not None else old.name,
            phone=fields["phone"] if fields["phone"] is not None else old.phone,
            id_number=fields["id_number"] if fields["id_number"] is not None else old.id_number,
            tax_code=fields["tax_code"] if fields["tax_code"] is not None else old.tax_code,
            address=fields["address"] if fields["address"] is not None else old.address,
            email=fields["email"] if fields["email"] is not None else old.email,
            vneid_checked=old.vneid_checked,
        )
    change = Correction(applicant=applicant, sets=args.sets, external_ref=args.external_ref)
    view = ctx.corrections.correct(args.code, change, args.reason, by=actor(ctx, args))
    changes = view.events[-1].data.get("changes", {})
    for column, (before, after) in changes.items():
        print(f"{column}: {before!s} → {after!s}", file=out)
    return 0


def dossier_void(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    by = actor(ctx, args)
    approver = None
    if args.supervisor:
        password = read_password(f"Mật khẩu của {args.supervisor}: ", confirm=False)
        code = ctx.search.show(args.code).code  # the approval names a dossier that exists, as it is written
        approver = ctx.users.approve(args.supervisor, password, what=f"huỷ hồ sơ {code}")
    view = ctx.corrections.void(args.code, args.reason, by=by, approver=approver)
    print(f"{view.code}: đã huỷ (duyệt: {view.void_supervisor}). Mã này không được dùng lại.", file=out)
    return 0


def dossiers_close_stale(args: argparse.Namespace, ctx: KioskContext, out: TextIO) -> int:
    days = ctx.settings.dossiers.supplement_close_days
    closed = ctx.lifecycle.close_stale(days, by=ctx.users.system())
    for code in closed:
        print(code, file=out)
    print(f"Đã đóng {len(closed)} hồ sơ quá {days} ngày không bổ sung.", file=out)
    return 0
