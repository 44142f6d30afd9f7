"""Foundation II: registering a dossier (< 5 ms median, fsync cost beside it), catalog search over 5,000
procedures (< 2 ms), dossier look-up among 1,000,000 dossiers (< 10 ms)."""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from sqlalchemy import event

from bench.harness import Figure, median_per_call
from bench.million import COUNT, million_database
from kiosk.context import KioskContext, open_context
from kiosk.paths import Paths
from kiosk.services.appointment import LimitKind
from kiosk.services.catalog_types import DocumentForm, DocumentSpec, ProcedureSpec
from kiosk.services.dossier_search import DossierSearch
from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import RegistrationInput


def _context(root: Path) -> KioskContext:
    return open_context(Paths(root / "data", root / "config", root / "logs", root / "backups"))


def _time_registrations(ctx: KioskContext, count: int) -> float:
    by = ctx.users.cli()
    data = RegistrationInput(
        "2.001914", Applicant("person", "Nguyễn Văn An", "0912 345 678", id_number="067090012345", address="Gia Nghĩa")
    )
    ctx.registration.register(data, by=by)  # warm caches (calendar year, statements)
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        ctx.registration.register(data, by=by)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def _fsync_ms(folder: Path) -> float:
    samples = []
    with (folder / "fsync.probe").open("wb") as f:
        for _ in range(50):
            f.write(b"x" * 4096)
            f.flush()
            start = time.perf_counter()
            os.fsync(f.fileno())
            samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def registration() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        full = _context(Path(tmp) / "full")
        with_fsync = _time_registrations(full, 300)
        full.close()
        relaxed = _context(Path(tmp) / "off")

        @event.listens_for(relaxed.db.engine, "connect")
        def _no_sync(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute("PRAGMA synchronous = OFF")

        relaxed.db.engine.dispose()
        without = _time_registrations(relaxed, 300)
        relaxed.close()
        raw = _fsync_ms(Path(tmp))
    return [
        Figure("register a dossier: validate + commit (synchronous=FULL)", with_fsync, "ms", 5),
        Figure("  the same without fsync (synchronous=OFF), for comparison", without, "ms", None),
        Figure("  one fsync of this disk (4 KiB write + fsync)", raw, "ms", None),
    ]


def catalog_specs(count: int) -> list[ProcedureSpec]:
    """Made-up procedures to grow the catalog to a large province's size."""
    rng = random.Random(5)
    verbs = ["Cấp", "Cấp lại", "Chỉnh sửa", "Công nhận", "Thành lập", "Cho phép", "Giải thể", "Xác minh", "Đăng ký"]
    objects = [
        "bản sao văn bằng",
        "chứng chỉ ngoại ngữ",
        "trường mầm non",
        "trường tiểu học",
        "trung tâm tin học",
        "nhóm trẻ độc lập",
        "học bổng",
        "giấy phép dạy thêm",
        "hoạt động tư vấn du học",
        "trường trung học",
    ]
    fields = ["Văn bằng, chứng chỉ", "Giáo dục mầm non", "Giáo dục tiểu học", "Giáo dục trung học", "Thi, tuyển sinh"]
    docs = (
        DocumentSpec("Đơn đề nghị"),
        DocumentSpec("Tờ trình", DocumentForm.ORIGINAL),
        DocumentSpec("CCCD", DocumentForm.COPY),
    )
    specs = []
    for i in range(count):
        days = rng.choice([0, 3, 5, 10, 15, 20])
        specs.append(
            ProcedureSpec(
                code=f"BX-{i:05d}",
                name=" ".join(
                    [
                        rng.choice(verbs),
                        rng.choice(objects),
                        rng.choice(["cấp tỉnh", "cấp xã", "tư thục", "công lập"]),
                        f"số {i}",
                    ]
                ),
                field=rng.choice(fields),
                legal_days=days,
                limit_kind=LimitKind.SAME_DAY if days == 0 else LimitKind.WORKING_DAYS,
                documents=docs,
            )
        )
    return specs


def catalog_search() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = _context(Path(tmp))
        ctx.catalog.save_many(catalog_specs(5_000 - ctx.catalog.count()), by=ctx.users.cli())
        assert ctx.catalog.count() == 5_000
        queries = [
            "cap ban sao",
            "công nhận trường",
            "chuyen truong",
            "1.010020",
            "giai the trung tam",
            "du hoc",
            "xac minh van bang",
            "thanh lap truong mam non tu thuc",
            "bx-0420",
            "giáo dục trung học",
        ]
        index = iter(range(1 << 62))

        def one() -> None:
            ctx.catalog.search(queries[next(index) % len(queries)])

        figure = Figure(
            "procedure search among 5,000 procedures (10 queries)", median_per_call(one, unit="ms"), "ms", 2
        )
        ctx.close()
    return [figure]


def lookup() -> list[Figure]:
    count = COUNT
    path = million_database()
    from kiosk.models import Database

    db = Database(path)
    search = DossierSearch(db)
    with sqlite3.connect(path) as conn:
        code, phone, id_number, name = conn.execute(
            "SELECT code, phone, id_number, applicant_name FROM dossier WHERE ledger_number = ?", (count // 2,)
        ).fetchone()
    queries = {
        "code (scanner)": code,
        "code without agency (YYMMDD-XXXX)": code.split("-", 1)[1],
        "phone": phone,
        "ID number": id_number,
        "full name": name,
        "name prefix 'nguyen van'": "nguyen van",
        "given name 'an'": "an",
    }
    figures = []
    for label, query in queries.items():
        assert search.find(query), label
        figures.append(
            Figure(
                f"look-up among 1,000,000 dossiers: {label}",
                median_per_call(partial(search.find, query), unit="ms"),
                "ms",
                10,
            )
        )
    db.close()
    return figures


def run() -> list[Figure]:
    return [*registration(), *catalog_search(), *lookup()]
