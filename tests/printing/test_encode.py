"""ESC/POS bytes read back into images: reset first, the same picture, sliced fragments, a cut per copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageChops

from kiosk.errors import PrinterError
from kiosk.printing.documents import Document, Large, QrCode
from kiosk.printing.encode import FRAGMENT_ROWS, Encoder, RollFormat, raster
from kiosk.printing.escpos_loader import escpos_printers
from kiosk.printing.raster import RollRenderer
from tests.printing.escpos_decode import decode

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
CODE = "000.00.10.H15-261125-0001"
DOC = Document(
    kind="test", header=("SỞ GIÁO DỤC VÀ ĐÀO TẠO",), title="IN THỬ", blocks=(Large(CODE), QrCode(CODE)), footer=()
)


@pytest.fixture
def encoder(tmp_path: Path) -> Encoder:
    return Encoder(tmp_path / "escpos")


def test_bytes_decode_to_the_rendered_image(encoder: Encoder) -> None:
    image = RollRenderer(576).render(DOC)
    data = encoder.encode([image], RollFormat("TM-T20II", 576, "partial", 4))
    assert data.startswith(b"\x1b@")  # the printer is reset before anything else
    decoded = decode(data)
    assert decoded.resets == 1 and decoded.cuts == 1 and decoded.line_feeds == 4
    (page,) = decoded.pages
    assert page.size == image.size
    assert ImageChops.difference(page.convert("L"), image.convert("L")).getbbox() is None
    assert all(h <= FRAGMENT_ROWS for h in decoded.fragment_heights) and len(decoded.fragment_heights) > 1
    assert [r.text for r in zxingcpp.read_barcodes(page.convert("L"))] == [CODE]


@pytest.mark.parametrize("width", [576, 203])
def test_raster_bytes_are_python_escpos_own(tmp_path: Path, width: int) -> None:
    image = RollRenderer(576).render(DOC).crop((0, 0, width, 700))  # 700 rows: two whole fragments and a part
    reference = escpos_printers(tmp_path).Dummy(profile="TM-T20II")
    reference.image(image, impl="bitImageRaster", fragment_height=FRAGMENT_ROWS, center=False)
    assert raster(image) == bytes(reference.output)


def test_two_copies_are_two_cut_pages(encoder: Encoder) -> None:
    renderer = RollRenderer(512)
    images = [renderer.render(DOC, copy_label="Liên 1: lưu"), renderer.render(DOC, copy_label="Liên 2: giao người nộp")]
    decoded = decode(encoder.encode(images, RollFormat("TM-T88V", 512, "full", 3)))
    assert decoded.cuts == 2 and [p.width for p in decoded.pages] == [512, 512]
    assert decoded.pages[0].tobytes() != decoded.pages[1].tobytes()


def test_no_cut_when_the_cut_is_off(encoder: Encoder) -> None:
    data = encoder.encode([RollRenderer(384).render(DOC)], RollFormat("POS-5890", 384, "none", 2))
    decoded = decode(data)
    assert decoded.cuts == 0 and decoded.pages[0].width == 384


def test_a_profile_without_a_width_takes_the_configured_one(
    encoder: Encoder, capsys: pytest.CaptureFixture[str]
) -> None:
    data = encoder.encode([RollRenderer(576).render(DOC)], RollFormat("default", 576, "partial", 4))
    assert decode(data).pages[0].width == 576
    assert capsys.readouterr().out == ""  # python-escpos prints a warning for such profiles; none reaches the console


def test_bad_profile_or_width_is_refused(encoder: Encoder) -> None:
    with pytest.raises(PrinterError, match="Không có cấu hình máy in"):
        encoder.encode([RollRenderer(576).render(DOC)], RollFormat("khong-co", 576))
    with pytest.raises(PrinterError, match="quá khổ giấy"):
        encoder.encode([RollRenderer(576).render(DOC)], RollFormat("POS-5890", 384))


def test_importing_escpos_leaves_no_console_handler(encoder: Encoder) -> None:
    import logging

    encoder.encode([RollRenderer(384).render(DOC)], RollFormat("POS-5890", 384))
    assert not any(type(h) is logging.StreamHandler for h in logging.getLogger().handlers)


def test_receipt_matches_the_golden_image(ctx: object, clerk: object) -> None:
    """A stable receipt (fixed clock, fixed data) against the approved picture: layout regressions show here."""
    from kiosk.context import KioskContext
    from kiosk.printing.documents import receipt
    from kiosk.services.dossier_views import Applicant
    from kiosk.services.registration import RegistrationInput

    assert isinstance(ctx, KioskContext)
    view = ctx.registration.register(
        RegistrationInput(
            "2.001914", Applicant("person", "Nguyễn Thị Thuỳ Dương", "0912345678", id_number="067190012345")
        ),
        by=clerk,  # type: ignore[arg-type]
    )
    image = RollRenderer(576).render(
        receipt(view, ctx.settings.office, ctx.calendar.rules.zone), copy_label="Liên 2: giao người nộp"
    )
    golden = GOLDEN / "receipt-576.png"
    if os.environ.get("KIOSK_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        image.save(golden)
    approved = Image.open(golden).convert("1")
    assert approved.size == image.size
    differing = ImageChops.logical_xor(approved, image).convert("L").histogram()[255]
    assert differing / (image.width * image.height) < 0.002
