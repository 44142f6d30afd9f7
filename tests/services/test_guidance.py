"""Citizens sent away to complete papers or refused at intake: a record, no dossier, no code."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.models import Dossier
from kiosk.services.guidance import ERASED, GuidanceInput
from kiosk.services.users import Actor
from tests.helpers import local


def test_supplement_guidance_lists_what_is_missing(ctx: KioskContext, clerk: Actor) -> None:
    record = ctx.guidance.record(
        GuidanceInput(
            "supplement",
            "Nguyễn Văn An",
            "Thiếu căn cứ chỉnh sửa",
            "0912345678",
            "2.001914",
            ("Giấy khai sinh (bản sao)", "Quyết định cải chính hộ tịch"),
        ),
        by=clerk,
    )
    assert record.slip == "supplement_request" and record.procedure_code == "2.001914"
    assert record.missing == ("Giấy khai sinh (bản sao)", "Quyết định cải chính hộ tịch")
    assert record.username == "lan" and record.slip_printed_at is None
    ctx.guidance.mark_printed(record.id)
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_refusal_may_concern_no_catalog_procedure(ctx: KioskContext, clerk: Actor) -> None:
    record = ctx.guidance.record(
        GuidanceInput("refusal", "Trần Thị B", "Thủ tục thuộc thẩm quyền của UBND cấp xã."), by=clerk
    )
    assert record.slip == "refusal" and record.procedure_code is None and record.phone is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GuidanceInput("supplement", "An", "Thiếu", procedure_code="2.001914"), "các giấy tờ cần bổ sung"),
        (GuidanceInput("supplement", "An", "Thiếu", missing=("Ảnh",)), "chọn thủ tục"),
        (GuidanceInput("refusal", "An", " "), "(?i)lý do từ chối"),
        (GuidanceInput("maybe", "An", "x"), "Loại hướng dẫn"),
        (GuidanceInput("refusal", "An", "x", phone="123"), "Số điện thoại"),
    ],
)
def test_bad_guidance_is_refused(ctx: KioskContext, clerk: Actor, data: GuidanceInput, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        ctx.guidance.record(data, by=clerk)


def test_contacts_are_erased_after_the_retention_period(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    ctx.guidance.record(GuidanceInput("refusal", "Trần Thị B", "Không thuộc thẩm quyền", "0912345678"), by=clerk)
    clock.advance(timedelta(days=364))
    assert ctx.guidance.erase_contacts(365) == 0
    clock.advance(timedelta(days=2))
    assert ctx.guidance.erase_contacts(365) == 1
    (record,) = ctx.guidance.between(local(2026, 1, 1), local(2028, 1, 1))
    assert record.applicant_name == ERASED and record.phone is None and record.reason == "Không thuộc thẩm quyền"
