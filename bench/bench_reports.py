"""The supervisor's reports on the million-dossier database: the daily summary in < 300 ms, a year's period
report in < 2 s and its PDF in < 1 s; beside them the satisfaction report and the XLSX of the same year."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from bench.harness import Figure
from bench.million import open_million
from kiosk.services.reports.service import ReportFormat


def _timed(fn: Callable[[], object], rounds: int = 5) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def run() -> list[Figure]:
    ctx = open_million()
    try:
        by = ctx.users.cli()
        reports = ctx.reports
        day = date(2025, 6, 18)  # a Wednesday in the cache's last year
        reports.daily(day, by=by)  # warm: statements, calendar, the catalog's names
        daily_s, _ = _timed(lambda: reports.daily(day, by=by))
        year_s, year = _timed(lambda: reports.period(date(2024, 1, 1), date(2024, 12, 31), by=by), rounds=3)
        assert year is not None
        counted = year.table("by_procedure").total()  # type: ignore[attr-defined]
        pdf_s, _ = _timed(lambda: reports.render(year, ReportFormat.PDF), rounds=3)  # type: ignore[arg-type]
        xlsx_s, _ = _timed(lambda: reports.render(year, ReportFormat.XLSX), rounds=3)  # type: ignore[arg-type]
        survey_s, _ = _timed(lambda: reports.survey(date(2024, 1, 1), date(2024, 12, 31), by=by), rounds=3)
        ten_s, _ = _timed(lambda: reports.period(date(2016, 1, 1), date(2025, 12, 31), by=by), rounds=1)
    finally:
        ctx.close()
    received = counted.cells[3] if counted is not None else "?"
    return [
        Figure("reports: daily summary, 1,000,000 dossiers", daily_s * 1e3, "ms", 300),
        Figure(f"reports: one-year period report ({received} received)", year_s, "s", 2),
        Figure("reports: that year's PDF", pdf_s, "s", 1),
        Figure("reports: that year's XLSX", xlsx_s, "s", None),
        Figure("reports: one-year satisfaction report", survey_s, "s", None),
        Figure("reports: ten-year period report (the whole history)", ten_s, "s", None),
    ]
