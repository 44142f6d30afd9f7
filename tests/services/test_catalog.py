"""The catalog: the seed as published, folded search, versions, activation, import all-or-nothing."""

from __future__ import annotations

import csv
import importlib.util
import io
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.context import KioskContext
from kiosk.errors import InvalidInput, PermissionDenied
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_csv import parse_documents
from kiosk.services.catalog_seed import seed_specs
from kiosk.services.catalog_types import DocumentForm, DocumentSpec, ProcedureSpec
from kiosk.services.users import Actor

ROOT = Path(__file__).resolve().parents[2]
# The published list the seed was built from, kept beside the tests; ../shared holds the living one.
SOURCE = ROOT / "tests" / "data" / "shared-procedures.csv"
SHARED = ROOT.parent / "shared" / "domain" / "procedures.csv"


def test_the_seed_source_is_the_shared_list() -> None:
    if SHARED.exists():  # beside a developer's or CI's checkout; a bare clone elsewhere has only the copy
        assert SOURCE.read_bytes() == SHARED.read_bytes(), "the shared list changed: run scripts/build_seed_catalog.py"
    assert SOURCE.stat().st_size > 0


def shared_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SOURCE.read_text(encoding="utf-8"))))


def test_seed_holds_every_published_procedure_faithfully() -> None:
    seed = {s.name: s for s in seed_specs()}
    rows = shared_rows()
    assert len(seed) == len(rows) == 20
    for row in rows:
        spec = seed[row["name"]]
        assert spec.field == row["field"] and spec.level == row["level"]
        assert spec.quality == row["confidence"]
        days = int(row["processing_days"])
        assert spec.legal_days == days
        assert spec.limit_kind is (LimitKind.SAME_DAY if days == 0 else LimitKind.WORKING_DAYS)
        assert spec.national_code == (row["national_code"] or None)
        assert spec.code == (row["national_code"] or spec.code) and spec.code
        assert spec.documents == parse_documents(row["documents"])
        assert len(spec.documents) == len([d for d in row["documents"].split(";") if d.strip()])


def test_seed_parses_forms_and_optional_papers() -> None:
    seed = {s.code: s for s in seed_specs()}
    copies = seed["1.010020"].documents
    assert copies[1] == DocumentSpec("Căn cước công dân hoặc hộ chiếu", DocumentForm.ORIGINAL_SHOWN)
    assert copies[2].optional and copies[2].condition == "nếu người khác yêu cầu"
    transfer = next(s for s in seed.values() if s.name == "Chuyển trường đối với học sinh trung học phổ thông")
    assert transfer.documents[1] == DocumentSpec("Học bạ", DocumentForm.ORIGINAL)
    assert transfer.documents[-1].optional and transfer.documents[-1].condition == ""


def test_seed_local_codes_are_frozen_by_the_builder() -> None:
    spec = importlib.util.spec_from_file_location("build_seed_catalog", ROOT / "scripts" / "build_seed_catalog.py")
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    committed = (ROOT / "resources" / "catalog" / "procedures.csv").read_bytes().decode("utf-8-sig")
    rebuilt = builder.convert(SOURCE.read_text(encoding="utf-8"), committed)
    assert rebuilt.lstrip("\ufeff") == committed
    # A new procedure published at the top of the list gets a new code; the others keep theirs.
    shared = SOURCE.read_text(encoding="utf-8").splitlines()
    new_row = '"Thủ tục mới","Thi, tuyển sinh",province,,10,,none,"Đơn","test",U'
    reordered = "\n".join([shared[0], new_row, *shared[1:]]) + "\n"
    again = {s.name: s.code for s in builder.read_specs(builder.convert(reordered, committed))}
    before = {s.name: s.code for s in seed_specs()}
    assert all(again[name] == code for name, code in before.items())
    assert again["Thủ tục mới"] == "DP-0019"


def test_no_english_reaches_the_seed() -> None:
    for spec in seed_specs():
        for text in (spec.fee_note, spec.note, spec.source):
            for word in ("none", "same day", "province", "general knowledge", "unverified", "limit"):
                assert word not in text, (spec.code, text)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("cap ban sao", "1.010020"),
        ("CẤP BẢN SAO", "1.010020"),
        ("1.010020", "1.010020"),
        ("chinh sua van bang", "2.001914"),
        ("thanh lap trung tam", "DP-0004"),
        ("dp-0014", "DP-0014"),
    ],
)
def test_search_folds_diacritics_and_ranks(ctx: KioskContext, query: str, first: str) -> None:
    assert ctx.catalog.search(query)[0].code == first


def test_search_needs_every_word_and_finds_by_field(ctx: KioskContext) -> None:
    names = {r.name for r in ctx.catalog.search("chuyen truong trung hoc co so")}
    assert names == {"Chuyển trường đối với học sinh trung học cơ sở"}
    field = ctx.catalog.search("giao duc mam non")
    assert len(field) == 3 and all(r.field == "Giáo dục mầm non" for r in field)
    assert ctx.catalog.search("đăng ký tạm trú") == []
    assert ctx.catalog.search("100%_") == []


def test_a_change_makes_a_new_version_and_keeps_the_old(ctx: KioskContext, admin: Actor) -> None:
    before = ctx.catalog.get("2.001914")
    changed = replace(
        before.content(), committed_days=3, documents=(*before.documents, DocumentSpec("Ảnh 3x4", count=2))
    )
    info, change = ctx.catalog.save(changed, by=admin)
    assert change == "updated" and info.version == before.version + 1 and info.committed_days == 3
    assert info.time_limit().days == 3
    assert ctx.catalog.get_version(before.version_id).documents == before.documents  # type: ignore[arg-type]
    _, again = ctx.catalog.save(changed, by=admin)
    assert again == "unchanged" and ctx.catalog.get("2.001914").version == info.version


def test_switching_off_needs_no_new_version(ctx: KioskContext, admin: Actor) -> None:
    before = ctx.catalog.get("DP-0014")
    ctx.catalog.set_active("DP-0014", False, by=admin)
    after = ctx.catalog.get("DP-0014")
    assert not after.active and after.version == before.version
    assert all(r.code != "DP-0014" for r in ctx.catalog.search("phuc khao"))
    assert ctx.catalog.search("phuc khao", include_inactive=True)[0].code == "DP-0014"


def test_spec_validation(ctx: KioskContext, admin: Actor) -> None:
    good = ctx.catalog.get("2.001914").content()
    cases = [
        (replace(good, code="mã có dấu"), "Mã thủ tục"),
        (replace(good, legal_days=None), "cần số ngày"),
        (replace(good, legal_days=400), "từ 0 đến 365"),
        (replace(good, committed_days=9), "không được dài hơn"),
        (replace(good, name="x" * 10_000), "quá dài"),
        (replace(good, level="Cấp Tỉnh"), "Cấp thực hiện"),
        (replace(good, documents=(DocumentSpec("Đơn", count=0),)), "số bản"),
        (replace(good, quality="X"), "V, S hoặc U"),
    ]
    for spec, message in cases:
        with pytest.raises(InvalidInput, match=message):
            ctx.catalog.save(spec, by=admin)
    assert ctx.catalog.get("2.001914").version == 1


def test_only_an_admin_edits_the_catalog(ctx: KioskContext, clerk: Actor) -> None:
    with pytest.raises(PermissionDenied):
        ctx.catalog.save(ctx.catalog.get("2.001914").content(), by=clerk)


def test_import_is_all_or_nothing(ctx: KioskContext, admin: Actor) -> None:
    count = ctx.catalog.count()
    good = ProcedureSpec(code="DP-0100", name="Thủ tục mới", field="Thi, tuyển sinh", legal_days=10)
    bad = ProcedureSpec(code="DP-0101", name="", field="Thi, tuyển sinh", legal_days=10)
    with pytest.raises(InvalidInput):
        ctx.catalog.save_many([good, bad], by=admin)
    assert ctx.catalog.count() == count
    report = ctx.catalog.save_many([good, ctx.catalog.get("1.010020").content()], by=admin)
    assert (report.created, report.updated, report.unchanged) == (1, 0, 1)


def test_fields_are_listed_once(ctx: KioskContext) -> None:
    fields = ctx.catalog.fields()
    assert len(fields) == len(set(fields)) == 6 and "Văn bằng, chứng chỉ" in fields


def test_search_as_you_type_matches_parts_of_words(ctx: KioskContext) -> None:
    assert [r.code for r in ctx.catalog.search("cap ban s")][:1] == ["1.010020"]
    assert {r.code for r in ctx.catalog.search("truo chuy")} == {"DP-0001", "DP-0018"}


def test_search_sees_changes_made_by_another_process(ctx: KioskContext, admin: Actor) -> None:
    from kiosk.services.catalog import CatalogService

    assert ctx.catalog.search("boi duong") == []
    other = CatalogService(ctx.db, ctx.clock)
    other.save(ProcedureSpec("DP-0300", "Bồi dưỡng thường xuyên giáo viên", "Nhà giáo", legal_days=5), by=admin)
    assert [r.code for r in ctx.catalog.search("boi duong")] == ["DP-0300"]
    other.set_active("DP-0300", False, by=admin)
    assert ctx.catalog.search("boi duong") == []
