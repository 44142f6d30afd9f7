"""The supervisor's reports: build one (daily, period, satisfaction, yearly ledger), then write it in any format.

Reports are a supervisor's business: the per-official figures rate colleagues. Building reads only; the exporters
(ReportLab, openpyxl, the roll renderer) are loaded by the first report that needs them, not at start-up.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from kiosk.clock import Clock
from kiosk.config import Settings
from kiosk.errors import InvalidInput
from kiosk.models import Database, Role
from kiosk.printing.documents import Document
from kiosk.printing.form_sets import FormRole
from kiosk.services.audit import AuditLog
from kiosk.services.calendar import CalendarService
from kiosk.services.forms import FormService
from kiosk.services.guide import GuideService
from kiosk.services.reports.model import Report, ReportKind
from kiosk.services.reports.periods import checked_period
from kiosk.services.reports.sources import Sources
from kiosk.services.survey_stats import SurveyStats
from kiosk.services.users import Actor
from kiosk.services.validation import member


class ReportFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"
    ESCPOS = "escpos"  # the thermal roll


FORMAT_LABELS = {
    ReportFormat.PDF: "PDF (A4)",
    ReportFormat.XLSX: "Excel (.xlsx)",
    ReportFormat.CSV: "CSV",
    ReportFormat.JSON: "JSON",
    ReportFormat.ESCPOS: "Phiếu in nhiệt",
}

REPORT_LABELS = {
    ReportKind.DAILY: "Tổng hợp trong ngày",
    ReportKind.PERIOD: "Báo cáo theo kỳ",
    ReportKind.SURVEY: "Đánh giá sự hài lòng",
    ReportKind.LEDGER: "Sổ theo dõi hồ sơ",
}


class ReportService:
    def __init__(
        self,
        db: Database,
        calendar: CalendarService,
        clock: Clock,
        survey: SurveyStats,
        forms: FormService,
        settings: Settings,
        audit: AuditLog,
        guide: GuideService,
    ) -> None:
        self._sources = Sources(db, calendar, clock, survey, settings, guide)
        self._forms = forms
        self._audit = audit

    @property
    def settings(self) -> Settings:
        return self._sources.settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._sources.settings = value

    def daily(self, day: date, *, by: Actor) -> Report:
        from kiosk.services.reports.daily import daily_report

        by.require(Role.SUPERVISOR)
        checked_period(day, day)
        return daily_report(self._sources, day, by.full_name)

    def period(self, first: date, last: date, *, by: Actor) -> Report:
        from kiosk.services.reports.period import period_report

        by.require(Role.SUPERVISOR)
        return period_report(self._sources, *checked_period(first, last), by.full_name)

    def survey(self, first: date, last: date, *, by: Actor) -> Report:
        from kiosk.services.reports.satisfaction import survey_report

        by.require(Role.SUPERVISOR)
        return survey_report(self._sources, *checked_period(first, last), by.full_name)

    def ledger(self, year: int, book: int = 1, *, by: Actor) -> Report:
        from kiosk.services.reports.ledger_table import ledger_report

        by.require(Role.SUPERVISOR)
        entries = self._forms.ledger_book(year, book)
        name = self._forms.form_set().spec(FormRole.LEDGER).name
        zone = self._sources.calendar.rules.zone
        return ledger_report(entries, zone, self._sources.local_now(), by.full_name, name)

    def render(self, report: Report, fmt: ReportFormat | str) -> bytes:
        """The report as a file's bytes (the roll's ESC/POS bytes for ``escpos``)."""
        wanted = member(ReportFormat, fmt, field="format", label="Định dạng")
        office = self.settings.office
        if wanted is ReportFormat.PDF:
            if report.kind is ReportKind.LEDGER:
                return self._forms.ledger_pdf(report.first.year, book=report.book)
            from kiosk.printing.report_pdf import report_pdf

            return report_pdf(report, office, self.settings.forms)
        if wanted is ReportFormat.ESCPOS:
            raise InvalidInput("Phiếu in nhiệt đi qua máy in của quầy (roll), không ghi ra tệp ở đây.", field="format")
        from kiosk.printing import report_files

        if wanted is ReportFormat.XLSX:
            return report_files.report_xlsx(report, office.agency_name)
        if wanted is ReportFormat.CSV:
            return report_files.report_csv(report)
        return report_files.report_json(report)

    def export(self, report: Report, fmt: ReportFormat | str, *, by: Actor) -> bytes:
        """The report as a file someone takes away: rendered, and the taking logged (what, in which format, and
        whether it carries citizens' personal data)."""
        data = self.render(report, fmt)
        self.exported(report, fmt, by=by)
        return data

    def exported(self, report: Report, fmt: ReportFormat | str, *, by: Actor) -> None:
        """Log a file of the report made elsewhere (the PDF already on screen, saved as it is)."""
        wanted = member(ReportFormat, fmt, field="format", label="Định dạng")
        details = {"format": str(wanted), "kind": report.kind.value, "personal_data": report.personal_data}
        self._audit.record(by.username, "export", report.file_stem, details)

    def roll(self, report: Report) -> Document:
        """The report as a paper for the thermal roll (the daily summary at closing time)."""
        if report.kind is ReportKind.LEDGER:
            raise InvalidInput("Sổ theo dõi hồ sơ in trên giấy A4, không in trên máy in nhiệt.", field="format")
        from kiosk.printing.report_roll import report_roll

        return report_roll(report, self.settings.office)
