"""Registering a dossier: numbers, appointment, papers, validation, and nothing half-written."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, NotFound
from kiosk.models import Dossier, DossierDocument, DossierEvent
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_types import CutoffMode, DocumentForm, ProcedureSpec
from kiosk.services.dossier_views import Applicant, ReceivedDocument
from kiosk.services.registration import RegistrationInput, applicant_problems
from kiosk.services.states import Action, DossierState
from kiosk.services.users import Actor
from tests.helpers import local

AN = Applicant("person", "Nguyễn Văn An", "0912 345 678", id_number="067090012345")


def register(ctx: KioskContext, by: Actor, code: str = "2.001914", **changes: object) -> object:
    data = RegistrationInput(code, AN)
    return ctx.registration.register(replace(data, **changes), by=by)  # type: ignore[arg-type]


def counts(ctx: KioskContext) -> tuple[int, int, int]:
    with ctx.db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(t)) for t in (Dossier, DossierDocument, DossierEvent)
        )


def test_register_gives_code_ledger_number_and_appointment(ctx: KioskContext, clerk: Actor) -> None:
    view = ctx.registration.register(RegistrationInput("2.001914", AN), by=clerk)
    assert view.code == "000.00.10.H15-261125-0001"
    assert (view.ledger_year, view.ledger_number) == (2026, 1)
    assert view.state is DossierState.RECEIVED and view.national_status == 2
    assert view.received_at == local(2026, 11, 25, 9, 0)
    assert view.due_date == date(2026, 12, 2) and view.original_due_date == view.due_date
    assert view.due_at == local(2026, 12, 2, 16, 30)
    assert view.applicant.phone == "0912345678"
    assert view.clerk_username == "lan"
    (event,) = view.events
    assert event.action is Action.REGISTER and event.to_state is DossierState.RECEIVED and event.username == "lan"
    assert event.form == "receipt" and event.data["explanation"] == "5 ngày làm việc"


def test_default_documents_are_the_required_ones(ctx: KioskContext, clerk: Actor) -> None:
    view = ctx.registration.register(RegistrationInput("2.001914", AN), by=clerk)
    catalog = ctx.catalog.get("2.001914").documents
    assert [d.name for d in view.documents] == [d.name for d in catalog if not d.optional]
    assert view.documents[1].form is DocumentForm.ORIGINAL


def test_extra_papers_and_counts_are_kept(ctx: KioskContext, clerk: Actor) -> None:
    required = [ReceivedDocument(d.name, d.form, 1) for d in ctx.catalog.get("2.001914").documents if not d.optional]
    papers = (*required, ReceivedDocument("Giấy xác nhận của trường", DocumentForm.ORIGINAL, 2, from_catalog=False))
    view = ctx.registration.register(RegistrationInput("2.001914", AN, documents=papers, sets=2), by=clerk)
    assert view.documents[-1] == papers[-1] and view.sets == 2


def test_missing_required_paper_points_to_the_supplement_slip(ctx: KioskContext, clerk: Actor) -> None:
    papers = (ReceivedDocument("Đơn đề nghị chỉnh sửa"),)
    with pytest.raises(InvalidInput, match=r"Thiếu giấy tờ bắt buộc: Văn bằng.*Yêu cầu bổ sung"):
        ctx.registration.register(RegistrationInput("2.001914", AN, documents=papers), by=clerk)


def test_numbers_follow_each_other_and_restart_each_day(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    codes = [register(ctx, clerk).code for _ in range(3)]  # type: ignore[attr-defined]
    assert [c[-4:] for c in codes] == ["0001", "0002", "0003"]
    clock.set(local(2026, 11, 26, 8, 0))
    view = register(ctx, clerk)
    assert view.code == "000.00.10.H15-261126-0001" and view.ledger_number == 4  # type: ignore[attr-defined]


def test_a_paper_register_can_be_entered_afterwards_but_not_the_future(ctx: KioskContext, clerk: Actor) -> None:
    view = register(ctx, clerk, received_at=local(2026, 11, 20, 15, 30))
    assert view.code.endswith("-261120-0001")  # type: ignore[attr-defined]
    assert view.due_date == date(2026, 12, 1)  # type: ignore[attr-defined]
    with pytest.raises(InvalidInput, match="tương lai"):
        register(ctx, clerk, received_at=local(2026, 11, 25, 9, 5))


def test_station_block_numbers_in_its_own_range(ctx: KioskContext, clerk: Actor) -> None:
    from kiosk.services.registration import Numbering, RegistrationService

    first = RegistrationService(ctx.db, ctx.clock, ctx.calendar, ctx.catalog, Numbering("000.00.10.H15", (1, 4999)))
    second = RegistrationService(ctx.db, ctx.clock, ctx.calendar, ctx.catalog, Numbering("000.00.10.H15", (5000, 5001)))
    assert second.register(RegistrationInput("2.001914", AN), by=clerk).code.endswith("-5000")
    assert first.register(RegistrationInput("2.001914", AN), by=clerk).code.endswith("-0001")
    assert second.register(RegistrationInput("2.001914", AN), by=clerk).code.endswith("-5001")
    assert first.register(RegistrationInput("2.001914", AN), by=clerk).code.endswith("-0002")
    before = counts(ctx)
    with pytest.raises(Exception, match="hết số hồ sơ"):
        second.register(RegistrationInput("2.001914", AN), by=clerk)
    assert counts(ctx) == before


def test_same_day_procedure_after_the_cutoff(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    clock.set(local(2026, 11, 25, 15, 20))
    view = register(ctx, clerk, procedure_code="1.010020")
    assert view.due_at == local(2026, 11, 26, 16, 30)  # type: ignore[attr-defined]


def test_procedure_rules_for_limit_and_cutoff(ctx: KioskContext, clerk: Actor, admin: Actor, clock: FixedClock) -> None:
    ctx.catalog.save(ProcedureSpec("DP-0200", "Thủ tục không hạn", "Khác", limit_kind=LimitKind.NONE), by=admin)
    ctx.catalog.save(
        ProcedureSpec(
            "DP-0201",
            "Thủ tục chốt 11 giờ",
            "Khác",
            legal_days=2,
            cutoff_mode=CutoffMode.CUSTOM,
            cutoff_time=time(11, 0),
        ),
        by=admin,
    )
    clock.set(local(2026, 11, 25, 11, 30))
    none = register(ctx, clerk, procedure_code="DP-0200", documents=(ReceivedDocument("Đơn"),))
    assert none.due_date is None and none.due_at is None  # type: ignore[attr-defined]
    custom = register(ctx, clerk, procedure_code="DP-0201", documents=(ReceivedDocument("Đơn"),))
    assert custom.counted_from == date(2026, 11, 26) and custom.due_date == date(2026, 11, 30)  # type: ignore[attr-defined]


def test_person_and_organisation(ctx: KioskContext, clerk: Actor) -> None:
    org = Applicant("organisation", "Trung tâm Ngoại ngữ – Tin học Sao Việt", "02613 822 000", tax_code="5801234567001")
    view = register(ctx, clerk, procedure_code="DP-0004", applicant=org)
    assert view.applicant.tax_code == "5801234567-001" and view.applicant.phone == "02613822000"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("applicant", "field", "message"),
    [
        (replace(AN, name="x" * 10_000), "applicant_name", "quá dài"),
        (replace(AN, name="Nguyễn Văn 4n"), "applicant_name", "chỉ gồm chữ cái"),
        (replace(AN, name="An 😀"), "applicant_name", "chỉ gồm chữ cái"),
        (replace(AN, name="Robert'); DROP TABLE dossier;--"), "applicant_name", "chỉ gồm chữ cái"),
        (replace(AN, name="   "), "applicant_name", "Vui lòng nhập họ và tên"),
        (replace(AN, phone="12345"), "phone", "Số điện thoại không hợp lệ"),
        (replace(AN, phone="0123 456 789"), "phone", "Số điện thoại không hợp lệ"),
        (replace(AN, phone=""), "phone", "Vui lòng nhập số điện thoại"),
        (replace(AN, id_number="12345678901"), "id_number", "12 chữ số"),
        (replace(AN, id_number="٠٦٧٠٩٠٠١٢٣٤٥"), "id_number", "12 chữ số"),
        (replace(AN, email="an@"), "email", "thư điện tử"),
        (replace(AN, kind="robot"), "applicant_kind", "cá nhân hoặc tổ chức"),
        (replace(AN, address="Số 1\x00 đường A"), "address", "ký tự không hợp lệ"),
    ],
)
def test_bad_applicant_is_refused_with_its_field(
    ctx: KioskContext, clerk: Actor, applicant: Applicant, field: str, message: str
) -> None:
    before = counts(ctx)
    with pytest.raises(InvalidInput, match=message) as error:
        register(ctx, clerk, applicant=applicant)
    assert error.value.field == field
    assert counts(ctx) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sets": 0}, "Số bộ hồ sơ"),
        ({"sets": 21}, "Số bộ hồ sơ"),
        ({"delivery": "drone"}, "bưu chính"),
        ({"documents": (ReceivedDocument("Đơn", count=-1),)}, "số bản"),
        ({"documents": ()}, "ít nhất một giấy tờ"),
        ({"procedure_code": "9.999999"}, "Không có thủ tục"),
    ],
)
def test_bad_registration_values_are_refused(
    ctx: KioskContext, clerk: Actor, changes: dict[str, object], message: str
) -> None:
    before = counts(ctx)
    with pytest.raises((InvalidInput, NotFound), match=message):
        register(ctx, clerk, **changes)
    assert counts(ctx) == before


def test_input_method_output_is_stored_as_nfc(ctx: KioskContext, clerk: Actor) -> None:
    nfd = replace(
        AN, name=unicodedata.normalize("NFD", "Đặng Thuỳ Dương"), address=unicodedata.normalize("NFD", "Gia Nghĩa")
    )
    view = register(ctx, clerk, applicant=nfd)
    assert view.applicant.name == unicodedata.normalize("NFC", "Đặng Thuỳ Dương")  # type: ignore[attr-defined]
    assert unicodedata.is_normalized("NFC", view.applicant.address)  # type: ignore[attr-defined]
    assert ctx.search.find("dang thuy")[0].code == view.code  # type: ignore[attr-defined]


def test_full_width_digits_from_an_input_method_are_accepted(ctx: KioskContext, clerk: Actor) -> None:
    view = register(
        ctx, clerk, applicant=replace(AN, id_number="０６７０９００１２３４５", phone="０９１２３４５６７８")
    )
    assert view.applicant.id_number == "067090012345" and view.applicant.phone == "0912345678"  # type: ignore[attr-defined]


def test_inactive_procedure_cannot_be_registered(ctx: KioskContext, clerk: Actor, admin: Actor) -> None:
    ctx.catalog.set_active("2.001914", False, by=admin)
    with pytest.raises(InvalidInput, match="ngừng áp dụng"):
        register(ctx, clerk)


def test_applicant_problems_lists_every_field(ctx: KioskContext) -> None:
    problems = applicant_problems(Applicant("person", "A1", "9", id_number="1", email="x"))
    assert set(problems) == {"applicant_name", "phone", "id_number", "email"}
    assert applicant_problems(AN) == {}


def test_preview_matches_registration(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    info = ctx.catalog.get("2.001914")
    clock.advance(timedelta(hours=6, minutes=1))  # 15:01: after the cut-off
    preview = ctx.registration.preview(info)
    view = register(ctx, clerk)
    assert preview.due_date == view.due_date == date(2026, 12, 3)  # type: ignore[attr-defined]
