"""The yearly ledger (Sổ theo dõi hồ sơ): its entries from the database, and the A4 landscape book it prints as."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from kiosk.config import OfficeSettings
from kiosk.context import KioskContext
from kiosk.errors import InvalidInput
from kiosk.printing.form_sets import FormRole, form_set
from kiosk.printing.ledger_pdf import ledger_pdf
from kiosk.services.dossier_views import Applicant
from kiosk.services.ledger_book import LedgerBook, LedgerEntry, book_of
from kiosk.services.lifecycle import MoveInput
from kiosk.services.registration import RegistrationInput
from kiosk.services.states import DossierState
from kiosk.services.users import Actor
from tests.helpers import VN, local
from tests.printing.pdf_check import A4_LANDSCAPE, chars_outside, fonts, page_sizes, texts, to_png

S = DossierState
HEADINGS = ("STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức", "Ngày, tháng, năm", "Ký nhận")


def entry(number: int, **changes: object) -> LedgerEntry:
    received = datetime(2026, 1, 5, 1, 30, tzinfo=UTC) + timedelta(hours=number)
    base = LedgerEntry(
        number=number,
        code=f"000.00.10.H15-260105-{number:04d}",
        procedure="Chỉnh sửa nội dung văn bằng, chứng chỉ",
        sets=1,
        applicant=f"Nguyễn Thị Thuỳ Dương {number}",
        contact="Tổ 3, phường Nghĩa Đức, Gia Nghĩa, 0912345678",
        office="Phòng Khảo thí và Quản lý chất lượng",
        received_at=received,
        due_date=date(2026, 1, 12),
        forwarded_at=received + timedelta(hours=2),
        result_at=received + timedelta(days=3),
        returned_at=received + timedelta(days=4),
        note="Sớm hẹn",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def render(entries: list[LedgerEntry], *, book: int = 1, first: int = 1, last: int | None = None) -> bytes:
    spec = form_set("2025").spec(FormRole.LEDGER)
    return ledger_pdf(LedgerBook(2026, book, first, last, tuple(entries)), spec, OfficeSettings(), VN)


def test_every_page_repeats_the_headings_year_book_and_page_number(tmp_path: Path) -> None:
    pdf = render([entry(n) for n in range(1, 121)])
    pages = texts(pdf)
    assert len(pages) >= 3 and all(size == A4_LANDSCAPE for size in page_sizes(pdf))
    assert "SỔ THEO DÕI HỒ SƠ" in pages[0] and "Năm 2026 – Quyển số 01" in pages[0] and "Mẫu số 07" in pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert all(heading in page for heading in HEADINGS), number
        assert f"Trang {number}/{len(pages)}" in page
        if number > 1:
            assert "SỔ THEO DÕI HỒ SƠ – Năm 2026 – Quyển số 01" in page
    whole = " ".join(pages)
    positions = [whole.index(f"260105-{n:04d}") for n in range(1, 121)]
    assert positions == sorted(positions)  # in ledger order, none missing
    assert "05/01/2026 09:30" in whole and "12/01/2026" in whole  # local times, the due date
    assert all(f.embedded for f in fonts(pdf, tmp_path))
    assert chars_outside(pdf, 4) == []


def test_long_cells_wrap_and_make_their_row_taller_without_clipping(tmp_path: Path) -> None:
    long_name = "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện Đắk R'Lấp, tỉnh Lâm Đồng " * 2
    procedure = (
        "Thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường trung học phổ thông tư thục"
    )
    pdf = render([entry(1, applicant=long_name.strip(), procedure=procedure), entry(2)])
    whole = " ".join(texts(pdf))
    for word in ("Đắk R'Lấp,", "tư thục", "000.00.10.H15-"):
        assert word in whole
    assert chars_outside(pdf, 4) == []
    (image,) = to_png(pdf, tmp_path, dpi=50)
    assert image.size == (585, 414)  # A4 landscape at 50 dpi


def test_an_empty_year_still_prints_its_cover_and_says_so() -> None:
    (page,) = texts(render([]))
    assert "Chưa có hồ sơ nào trong sổ năm 2026." in page and "Từ số 01" in page


def test_entries_come_from_the_year_in_number_order_with_their_notes(
    ctx: KioskContext, clerk: Actor, supervisor: Actor
) -> None:
    an = Applicant("person", "Nguyễn Văn An", "0912345678", address="Gia Nghĩa")
    codes = [ctx.registration.register(RegistrationInput("2.001914", an), by=clerk).code for _ in range(4)]
    ctx.lifecycle.move(codes[0], MoveInput(S.IN_PROCESS, office="Phòng Khảo thí"), by=clerk)
    ctx.lifecycle.move(codes[0], MoveInput(S.RESULT_READY, outcome="approved"), by=clerk)
    ctx.lifecycle.move(codes[1], MoveInput(S.WITHDRAWN, reason="Xin rút"), by=clerk)
    ctx.corrections.void(codes[2], "Nhập nhầm", by=supervisor)
    ctx.lifecycle.reappoint(codes[3], date(2026, 12, 7), "Cần xác minh", by=clerk)
    book = ctx.forms.ledger_book(2026)
    assert [e.code for e in book.entries] == codes and [e.number for e in book.entries] == [1, 2, 3, 4]
    first = book.entries[0]
    assert first.forwarded_at == local(2026, 11, 25, 9, 0) and first.office == "Phòng Khảo thí"
    assert first.note == "Sớm hẹn" and first.contact == "Gia Nghĩa, 0912345678"
    assert book.entries[1].note == "Dừng theo yêu cầu của người nộp"
    assert book.entries[2].note == "Đã huỷ (nhập nhầm): Nhập nhầm"
    assert book.entries[3].note == "Hẹn lại (hẹn đầu 02/12/2026)"
    assert ctx.forms.ledger_book(2025).entries == ()
    pages = texts(ctx.forms.ledger_pdf(2026))
    assert codes[3][-4:] in pages[-1] and "Đã huỷ (nhập nhầm)" in " ".join(pages)


def test_books_split_a_year_and_continue_its_numbering(ctx: KioskContext, clerk: Actor) -> None:
    an = Applicant("person", "Nguyễn Văn An", "0912345678")
    for _ in range(5):
        ctx.registration.register(RegistrationInput("2.001914", an), by=clerk)
    forms = msgspec.structs.replace(ctx.settings.forms, ledger_book_size=2)
    ctx.change_settings(msgspec.structs.replace(ctx.settings, forms=forms))
    assert [book_of(n, 2) for n in (1, 2, 3, 5)] == [1, 1, 2, 3] and ctx.forms.book_of(4) == 2
    (third,) = texts(ctx.forms.ledger_pdf(2026, book=3))
    assert "Quyển số 03" in third and "Từ số 05 đến số 06" in third and "-0005" in third and "-0004" not in third
    with pytest.raises(InvalidInput, match="chưa có quyển số 4"):
        ctx.forms.ledger_pdf(2026, book=4)
    receipt = texts(ctx.forms.dossier_pdf(FormRole.RECEIPT, f"{ctx.settings.office.agency_code}-261125-0003"))[0]
    assert "Quyển số: 02, Số thứ tự: 03" in receipt
