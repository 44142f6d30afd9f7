"""Finding a dossier by what the citizen or the scanner gives the clerk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FixedClock
from kiosk.context import KioskContext
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput
from kiosk.services.users import Actor


@pytest.fixture
def codes(ctx: KioskContext, clerk: Actor, clock: FixedClock) -> dict[str, str]:
    people = {
        "an": Applicant("person", "Nguyễn Văn An", "0912345678", id_number="067090012345"),
        "anh": Applicant("person", "Đặng Thị Ánh", "0987111222"),
        "hlim": Applicant("person", "H'Lim Byă", "0356000111"),
        "org": Applicant("organisation", "Trường THPT Chu Văn An", "02613822000", tax_code="5800123456"),
    }
    codes = {}
    for key, applicant in people.items():
        codes[key] = ctx.registration.register(RegistrationInput("DP-0004", applicant), by=clerk).code
        clock.advance(timedelta(minutes=5))  # received one after the other: "newest first" is well defined
    return codes


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("000.00.10.H15-261125-0001", ["an"]),
        ("000.00.10.h15-261125-0002", ["anh"]),
        ("261125-0003", ["hlim"]),
        ("0912345678", ["an"]),
        ("+84 912 345 678", ["an"]),
        ("0912.345.678", ["an"]),
        ("067090012345", ["an"]),
        ("5800123456", ["org"]),
        ("nguyen van", ["an"]),
        ("Nguyễn Văn An", ["an"]),
        ("dang thi anh", ["anh"]),
        ("ánh", ["anh"]),
        ("byă", ["hlim"]),
        ("truong thpt", ["org"]),
        ("an", ["org", "an"]),  # the given name An, newest first; not Ánh
        ("nguyen", ["an"]),
        ("nobody", []),
        ("", []),
    ],
)
def test_find(ctx: KioskContext, codes: dict[str, str], query: str, expected: list[str]) -> None:
    assert [r.code for r in ctx.search.find(query)] == [codes[k] for k in expected]


def test_find_rows_carry_what_the_ledger_shows(ctx: KioskContext, codes: dict[str, str]) -> None:
    (row,) = ctx.search.find("0987111222")
    assert row.applicant_name == "Đặng Thị Ánh"
    assert row.procedure_name == "Thành lập trung tâm ngoại ngữ, tin học"
    assert row.due_date is not None and not row.voided
