"""The procedure guide: active procedures by field, search without diacritics, a page's details, slips counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, NotFound
from kiosk.models import Database, GuideSlip
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_types import DocumentForm, DocumentSpec
from kiosk.services.guide import FieldCount, GuideService, SlipCount
from kiosk.services.users import Actor
from kiosk.text import fold
from tests.helpers import local

COPY = "1.010020"  # Cấp bản sao văn bằng, chứng chỉ từ sổ gốc
FIX = "2.001914"  # Chỉnh sửa nội dung văn bằng, chứng chỉ


@pytest.fixture
def statements(ctx: KioskContext) -> Iterator[list[str]]:
    """The SQL the reading engine runs (to see what a touch costs)."""
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    yield seen
    event.remove(ctx.db.engine, "before_cursor_execute", note)


def test_fields_are_those_of_active_procedures_with_their_counts(ctx: KioskContext) -> None:
    active = [p for p in ctx.catalog.all() if p.active]
    expected = Counter(p.field for p in active)
    fields = ctx.guide.fields()
    assert {f.name: f.count for f in fields} == expected
    assert [f.name for f in fields] == sorted(expected, key=fold)
    assert FieldCount("Văn bằng, chứng chỉ", 4) in fields


def test_a_fields_procedures_are_sorted_by_name_and_summarised(ctx: KioskContext) -> None:
    listed = ctx.guide.procedures("Văn bằng, chứng chỉ")
    assert [p.name for p in listed] == sorted((p.name for p in listed), key=fold)
    assert {p.code for p in listed} == {p.code for p in ctx.catalog.all() if p.field == "Văn bằng, chứng chỉ"}
    copy = next(p for p in listed if p.code == COPY)
    assert copy.name == "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc" and copy.active
    assert (copy.limit_kind.value, copy.days) == ("same_day", 0)
    assert ctx.guide.procedures("Không có lĩnh vực này") == []


def test_a_procedure_switched_off_leaves_the_guide(ctx: KioskContext, admin: Actor) -> None:
    before = {f.name: f.count for f in ctx.guide.fields()}
    ctx.catalog.set_active(COPY, False, by=admin)
    after = {f.name: f.count for f in ctx.guide.fields()}
    assert after["Văn bằng, chứng chỉ"] == before["Văn bằng, chứng chỉ"] - 1
    assert COPY not in {p.code for p in ctx.guide.procedures("Văn bằng, chứng chỉ")}
    assert COPY not in {p.code for p in ctx.guide.search("cap ban sao")}
    with pytest.raises(NotFound, match="không có trong danh mục"):
        ctx.guide.procedure(COPY)
    ctx.catalog.set_active(COPY, True, by=admin)
    assert ctx.guide.procedure(COPY).active


def test_a_field_with_no_active_procedure_is_not_offered(ctx: KioskContext, admin: Actor) -> None:
    lone = next(f for f in ctx.guide.fields() if f.count == 1)
    (only,) = ctx.guide.procedures(lone.name)
    ctx.catalog.set_active(only.code, False, by=admin)
    assert lone.name not in {f.name for f in ctx.guide.fields()}
    assert ctx.guide.procedures(lone.name) == []


def test_search_needs_no_diacritics_and_shows_active_procedures_only(ctx: KioskContext, admin: Actor) -> None:
    assert ctx.guide.search("cap ban sao")[0].code == COPY
    assert ctx.guide.search("CẤP BẢN SAO")[0].code == COPY
    assert ctx.guide.search("chinh sua van bang")[0].code == FIX
    assert ctx.guide.search("   ") == [] and ctx.guide.search("") == []
    assert ctx.guide.search("khong co thu tuc nao nhu the") == []
    ctx.catalog.set_active(FIX, False, by=admin)
    assert ctx.guide.search("chinh sua van bang") == []


def test_a_procedures_page_has_its_current_version(ctx: KioskContext, admin: Actor) -> None:
    info = ctx.guide.procedure(COPY.lower())
    assert info == ctx.catalog.get(COPY)
    assert [d.name for d in info.documents] == [
        "Đơn đề nghị cấp bản sao",
        "Căn cước công dân hoặc hộ chiếu",
        "Giấy tờ chứng minh quan hệ hoặc giấy ủy quyền",
    ]
    changed = replace(
        info.content(), documents=(*info.documents, DocumentSpec("Ảnh 3x4", DocumentForm.ORIGINAL, count=2))
    )
    ctx.catalog.save(changed, by=admin)
    again = ctx.guide.procedure(COPY)
    assert again.version == info.version + 1 and again.documents[-1] == DocumentSpec(
        "Ảnh 3x4", DocumentForm.ORIGINAL, 2
    )
    with pytest.raises(NotFound):
        ctx.guide.procedure("9.999999")


def test_a_touch_costs_one_small_query_until_the_catalog_changes(
    ctx: KioskContext, admin: Actor, statements: list[str]
) -> None:
    ctx.guide.fields()
    ctx.guide.procedure(COPY)  # the version is read once
    statements.clear()
    ctx.guide.fields()
    ctx.guide.procedures("Văn bằng, chứng chỉ")
    ctx.guide.procedure(COPY)
    revision, again, by_code = statements
    assert "catalog_revision" in revision and "catalog_revision" in again
    assert "procedure.code = ?" in by_code and "procedure_document" not in by_code  # its papers were read once
    ctx.catalog.set_active(FIX, False, by=admin)
    statements.clear()
    ctx.guide.fields()
    assert len(statements) > 1  # arranged again


def test_a_change_made_by_another_process_is_seen(ctx: KioskContext, admin: Actor) -> None:
    ctx.guide.fields()
    other = Database(ctx.db.path)
    try:
        CatalogService(other, FixedClock(local(2026, 11, 25, 9, 5))).set_active(COPY, False, by=admin)
    finally:
        other.close()
    assert COPY not in {p.code for p in ctx.guide.procedures("Văn bằng, chứng chỉ")}


def slips(ctx: KioskContext) -> list[GuideSlip]:
    with ctx.db.read() as session:
        return list(session.scalars(select(GuideSlip).order_by(GuideSlip.at)))


def test_a_slip_is_recorded_with_the_version_it_prints(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> None:
    info = ctx.guide.record_slip(COPY, source="screen", by=None)
    assert info == ctx.guide.procedure(COPY)
    clock.set(clock.now() + timedelta(minutes=3))
    ctx.guide.record_slip(FIX, source="desk", by=clerk)
    screen, desk = slips(ctx)
    assert (screen.source, screen.user_id, screen.at) == ("screen", None, local(2026, 11, 25, 9, 0))
    assert (screen.procedure_id, screen.procedure_version_id) == (info.id, info.version_id)
    assert (desk.source, desk.user_id, desk.at) == ("desk", clerk.id, local(2026, 11, 25, 9, 3))


def test_a_citizens_slip_keeps_no_name(ctx: KioskContext, clerk: Actor) -> None:
    ctx.guide.record_slip(COPY, source="screen", by=clerk)
    assert slips(ctx)[0].user_id is None


def test_slips_that_cannot_be_recorded(ctx: KioskContext, admin: Actor) -> None:
    with pytest.raises(InvalidInput, match="cán bộ"):
        ctx.guide.record_slip(COPY, source="desk", by=None)
    with pytest.raises(InvalidInput):
        ctx.guide.record_slip(COPY, source="kiosk", by=None)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        ctx.guide.record_slip("9.999999", source="screen", by=None)
    ctx.catalog.set_active(COPY, False, by=admin)
    with pytest.raises(NotFound, match="không có trong danh mục"):
        ctx.guide.record_slip(COPY, source="screen", by=None)
    with pytest.raises(NotFound, match="ngừng áp dụng"):  # the clerk is told in the clerk's words
        ctx.guide.record_slip(COPY, source="desk", by=admin)
    assert slips(ctx) == []


def test_slips_per_procedure_in_a_period(ctx: KioskContext, clerk: Actor, admin: Actor, clock: FixedClock) -> None:
    def at(day: int, hour: int, code: str, times: int = 1) -> None:
        clock.set(local(2026, 11, day, hour))
        for _ in range(times):
            ctx.guide.record_slip(code, source="screen", by=None)

    at(24, 16, COPY)  # the day before
    at(25, 8, FIX, 2)
    at(25, 9, COPY, 2)
    at(25, 10, "DP-0001", 3)
    at(26, 0, COPY)  # the end is not included
    fix = ctx.catalog.get(FIX)
    ctx.catalog.save(replace(fix.content(), name="Chỉnh sửa nội dung văn bằng, chứng chỉ (mới)"), by=admin)
    report = ctx.guide.slips_per_procedure(local(2026, 11, 25), local(2026, 11, 26))
    assert report == [
        SlipCount("DP-0001", "Chuyển trường đối với học sinh trung học phổ thông", 3),
        SlipCount(COPY, "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 2),
        SlipCount(FIX, "Chỉnh sửa nội dung văn bằng, chứng chỉ (mới)", 2),  # ties by name; the current name
    ]
    assert ctx.guide.slips_per_procedure(local(2026, 11, 26), local(2026, 11, 25)) == []
    with pytest.raises(ValueError):
        ctx.guide.slips_per_procedure(local(2026, 11, 25).replace(tzinfo=None), local(2026, 11, 26))


def test_the_guide_reads_the_catalog_it_is_given(ctx: KioskContext) -> None:
    fresh = GuideService(ctx.db, ctx.clock, CatalogService(ctx.db, ctx.clock))
    assert fresh.fields() == ctx.guide.fields()
    assert fresh.procedure(COPY) == ctx.guide.procedure(COPY)
