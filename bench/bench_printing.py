"""Thermal printing: a receipt rendered and encoded in < 30 ms, under a tenth of the time the paper takes.

The paper's time is the receipt's length at 203 dpi (8 dots a millimetre) over a 250 mm/s print speed, the
speed of the TM-T20/TM-T88 class.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.harness import Figure, median_per_call
from kiosk.context import open_context
from kiosk.paths import Paths
from kiosk.printing.documents import receipt
from kiosk.printing.encode import Encoder, RollFormat
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput

DOTS_PER_MM = 8  # 203 dpi
PAPER_SPEED_MM_S = 250


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with open_context(Paths(root / "data", root / "config", root / "logs", root / "backups")) as ctx:
            clerk = ctx.users.cli()
            applicant = Applicant(
                "person", "Nguyễn Thị Thuỳ Dương", "0912345678", id_number="067190012345", address="Gia Nghĩa"
            )
            view = ctx.registration.register(RegistrationInput("2.001914", applicant), by=clerk)  # required papers
            doc = receipt(view, ctx.settings.office, ctx.calendar.rules.zone)
            renderer = ctx.printing.renderer(576)
            encoder = Encoder(root / "escpos")
            fmt = RollFormat("TM-T20II", 576)
            image = renderer.render(doc)
            encoder.encode([image], fmt)  # python-escpos loaded, as the desk's warm-up does

            render_ms = median_per_call(lambda: renderer.render(doc), unit="ms")
            encode_ms = median_per_call(lambda: encoder.encode([image], fmt), unit="ms")
            both_ms = median_per_call(lambda: encoder.encode([renderer.render(doc)], fmt), unit="ms")
            submit_ms = median_per_call(lambda: ctx.printing.submit(doc, by=clerk, copies=2), unit="ms", repeat=5)
    length_mm = image.height / DOTS_PER_MM
    paper_ms = length_mm / PAPER_SPEED_MM_S * 1e3
    return [
        Figure("receipt render (576 dots, Pillow)", render_ms, "ms", None, f"{image.height} rows"),
        Figure("receipt encode to ESC/POS (raster, fragments, cut)", encode_ms, "ms", None),
        Figure("receipt render + encode", both_ms, "ms", 30.0),
        Figure(
            "  ÷ paper time at 250 mm/s",
            both_ms / paper_ms,
            "×",
            0.1,
            f"{length_mm:.0f} mm of paper take {paper_ms:.0f} ms",
        ),
        Figure("print job stored (2 copies rendered, encoded, committed)", submit_ms, "ms", None),
    ]
