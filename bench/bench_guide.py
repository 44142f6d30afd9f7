"""Procedure guide on the citizen's touch screen, with a catalog of 5,000 procedures: a touch on a procedure to its page
filled, laid out and painted (< 100 ms); for information, a field's list on screen, a key of the on-screen keyboard
to the results painted, and arranging the catalog again after it changed.

"On screen" means the panel has painted: each measure ends with a synchronous repaint, as bench_survey does.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from bench.bench_dossiers import catalog_specs
from bench.harness import Figure, median_of
from kiosk.context import KioskContext, open_context
from kiosk.paths import Paths
from kiosk.ui.citizen.guide import GuidePanel
from kiosk.ui.citizen.guide_paging import PagedRows
from kiosk.ui.citizen.guide_widgets import RowButton
from kiosk.ui.theme import apply_theme

CATALOG = 5_000
ROUNDS = 25
TYPED = "cap ban sao van bang"


def run() -> list[Figure]:
    qt = QApplication.instance() or QApplication(["bench"])
    assert isinstance(qt, QApplication)
    apply_theme(qt)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ctx = open_context(Paths(root / "data", root / "config", root / "logs", root / "backups"))
        try:
            admin = ctx.users.cli()
            begin = time.perf_counter()
            ctx.catalog.save_many(catalog_specs(CATALOG - ctx.catalog.count()), by=admin)
            built = time.perf_counter() - begin
            assert ctx.catalog.count() == CATALOG
            figures = _measure(ctx, qt)
        finally:
            ctx.close()
    return [*figures, Figure("  (building the 5,000-procedure catalog, once)", built, "s", None)]


def _measure(ctx: KioskContext, qt: QApplication) -> list[Figure]:
    panel = GuidePanel(ctx.guide, lambda: ctx.settings)
    panel.resize(1366, 768)
    panel.show()
    qt.processEvents()
    biggest = max(ctx.guide.fields(), key=lambda f: f.count)

    def timed(action: Callable[[], object]) -> float:
        begin = time.perf_counter()
        action()
        panel.repaint()
        return time.perf_counter() - begin

    def touch(button: QAbstractButton) -> float:
        return timed(partial(QTest.mouseClick, button, Qt.MouseButton.LeftButton))

    opening: list[float] = []
    for _ in range(ROUNDS):
        panel.reset()
        qt.processEvents()
        opening.append(touch(_row(panel.start.fields, biggest.name)))  # pages turned before, not timed
        assert panel.current() is panel.listing

    touching: list[float] = []
    for _ in range(ROUNDS):  # a different procedure each time: its version is read for the first time
        rows = panel.listing.rows
        row = rows.shown()[-1]
        touching.append(touch(row))
        assert panel.current() is panel.procedure and panel.procedure.code == row.item.key
        assert panel.procedure.content.blocks, "the page is filled"
        panel.go_back()
        rows.next_page()

    panel.reset()
    panel.open_search()
    qt.processEvents()
    keys: list[float] = []
    keyboard = panel.searching.keyboard
    for _ in range(3):
        QTest.mouseClick(keyboard.keys["clear"], Qt.MouseButton.LeftButton)
        keys += [touch(keyboard.keys["space" if key == " " else key]) for key in TYPED]
    assert panel.searching.results.items, "the search found something"

    admin = ctx.users.cli()
    code = ctx.guide.procedures(biggest.name)[0].code
    arranging: list[float] = []
    for i in range(7):
        ctx.catalog.set_active(code, i % 2 == 1, by=admin)  # the catalog revision moves
        begin = time.perf_counter()
        ctx.guide.fields()
        arranging.append(time.perf_counter() - begin)
    panel.close()
    return [
        Figure(
            "guide: touch a procedure → its page filled and painted (5,000)",
            median_of(touching, "ms"),
            "ms",
            100,
            f"worst {max(touching) * 1e3:.1f} ms",
        ),
        Figure(f"  a field → its list painted ({biggest.count} procedures)", median_of(opening, "ms"), "ms", None),
        Figure(
            "  a key on the on-screen keyboard → results painted",
            median_of(keys, "ms"),
            "ms",
            None,
            f"worst {max(keys) * 1e3:.1f} ms",
        ),
        Figure("  catalog changed → fields arranged again (5,000)", median_of(arranging, "ms"), "ms", None),
    ]


def _row(rows: PagedRows, key: str) -> RowButton:
    """The row for ``key``, after turning as many pages as it takes."""
    while not any(r.item.key == key for r in rows.shown()):
        rows.next_page()
    return next(r for r in rows.shown() if r.item.key == key)
