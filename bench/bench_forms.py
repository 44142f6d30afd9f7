"""Official forms as PDF: the A5 receipt in < 50 ms, a year's ledger of 10,000 dossiers in < 5 s.

The ledger is timed twice: a book of 10,000 entries read from the million-dossier database and rendered (its
dossiers have no forwarding dates), and 10,000 entries with every column filled, rendered alone.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec

from bench.harness import Figure, median_per_call
from bench.million import open_million
from kiosk.config import FormSettings, OfficeSettings
from kiosk.context import open_context
from kiosk.paths import Paths
from kiosk.printing.form_sets import FormRole, form_set
from kiosk.services.dossier_views import Applicant
from kiosk.services.ledger_book import LedgerBook, LedgerEntry
from kiosk.services.registration import RegistrationInput

ENTRIES = 10_000
COLD = (
    "import time; t = time.perf_counter(); from kiosk.printing.slip_pdf import slip_pdf; "
    "from kiosk.printing.pdf_fonts import register_fonts; register_fonts(); print(time.perf_counter() - t)"
)


def run() -> list[Figure]:
    receipt_ms = _receipt_ms()
    cold = float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout)
    book_s, pages = _million_book_s()
    full_s = _full_rows_s()
    return [
        Figure("receipt form, A5 PDF (dossier read + layout + font subset)", receipt_ms, "ms", 50.0),
        Figure("  first form of the day: ReportLab and the font loaded", cold * 1e3, "ms", None),
        Figure(f"ledger book of {ENTRIES:,} on the 1M database, query + PDF", book_s, "s", 5.0, f"{pages} pages"),
        Figure(f"ledger PDF of {ENTRIES:,} entries, every column filled", full_s, "s", 5.0),
    ]


def _receipt_ms() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with open_context(Paths(root / "data", root / "config", root / "logs", root / "backups")) as ctx:
            applicant = Applicant("person", "Nguyễn Thị Thuỳ Dương", "0912345678", address="Gia Nghĩa, Lâm Đồng")
            code = ctx.registration.register(RegistrationInput("2.001914", applicant), by=ctx.users.cli()).code
            ctx.forms.dossier_pdf(FormRole.RECEIPT, code)  # ReportLab loaded, fonts registered
            return median_per_call(lambda: ctx.forms.dossier_pdf(FormRole.RECEIPT, code), unit="ms", repeat=7)


def _million_book_s() -> tuple[float, int]:
    ctx = open_million()
    ctx.forms.settings = msgspec.structs.replace(ctx.settings, forms=FormSettings(ledger_book_size=ENTRIES))
    samples, pages = [], 0
    for _ in range(3):
        started = time.perf_counter()
        pdf = ctx.forms.ledger_pdf(2016, book=2)  # the cache numbers its ledger from 2016 on
        samples.append(time.perf_counter() - started)
        pages = pdf.count(b"/Type /Page\n")
    ctx.close()
    return statistics.median(samples), pages


def _full_rows_s() -> float:
    start = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    entries = tuple(
        LedgerEntry(
            number=n,
            code=f"000.00.10.H15-26{n % 12 + 1:02d}{n % 28 + 1:02d}-{n % 40 + 1:04d}",
            procedure="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc" if n % 3 else "Chuyển trường đối với học sinh THPT",
            sets=1,
            applicant="Nguyễn Thị Thuỳ Dương",
            contact="Tổ 5, phường Nghĩa Đức, Gia Nghĩa, Lâm Đồng, 0912345678",
            office="Phòng Khảo thí và Quản lý chất lượng",
            received_at=start + timedelta(minutes=40 * n),
            due_date=date(2026, 2, 2),
            forwarded_at=start + timedelta(minutes=40 * n + 60),
            result_at=start + timedelta(days=3),
            returned_at=start + timedelta(days=4),
            note="Sớm hẹn",
        )
        for n in range(1, ENTRIES + 1)
    )
    from kiosk.printing.ledger_pdf import ledger_pdf

    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    spec = form_set("2025").spec(FormRole.LEDGER)
    book = LedgerBook(2026, 1, 1, None, entries)
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        ledger_pdf(book, spec, OfficeSettings(), zone)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)
