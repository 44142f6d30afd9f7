"""Building the kiosk's Qt-free parts: settings, database (migrated), clock and services.

The CLI uses this directly; the GUI's composition root (``kiosk.app``) uses it and adds the windows.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from kiosk.clock import Clock, SystemClock
from kiosk.config import Settings, load_settings, save_settings, validated
from kiosk.errors import ConfigError
from kiosk.models import Database
from kiosk.models.schema import SCHEMA_REVISION, is_current
from kiosk.paths import Paths
from kiosk.services.audit import AuditLog
from kiosk.services.backup_files import remove_leftovers
from kiosk.services.backups import BackupService
from kiosk.services.calendar import CalendarService, intake_rules
from kiosk.services.catalog import CatalogService
from kiosk.services.catalog_seed import seed_if_empty
from kiosk.services.clock_guard import ClockGuard
from kiosk.services.corrections import CorrectionService
from kiosk.services.dossier_search import DossierSearch
from kiosk.services.feedback import FeedbackService
from kiosk.services.forms import FormService
from kiosk.services.guidance import GuidanceService
from kiosk.services.guide import GuideService
from kiosk.services.ledger import LedgerService
from kiosk.services.lifecycle import LifecycleService
from kiosk.services.lookup import LookupService
from kiosk.services.print_jobs import KEEP_DAYS, PrintJobService
from kiosk.services.publishing import PublishingService
from kiosk.services.queue import QueueService
from kiosk.services.registration import Numbering, RegistrationService
from kiosk.services.reports.service import ReportService
from kiosk.services.retention import RetentionService
from kiosk.services.survey import SurveyService
from kiosk.services.survey_stats import SurveyStats
from kiosk.services.sync.service import SyncService
from kiosk.services.users import UserService


@dataclass
class KioskContext:
    paths: Paths
    settings: Settings
    clock: Clock
    db: Database
    migrated_from: str | None  # the schema revision found at start-up (None: a new database)
    calendar: CalendarService
    users: UserService
    catalog: CatalogService
    registration: RegistrationService
    lifecycle: LifecycleService
    corrections: CorrectionService
    search: DossierSearch
    guidance: GuidanceService
    ledger: LedgerService
    printing: PrintJobService
    forms: FormService
    survey: SurveyService
    survey_stats: SurveyStats
    reports: ReportService
    sync: SyncService
    audit: AuditLog
    clock_guard: ClockGuard
    retention: RetentionService
    backups: BackupService
    queue: QueueService
    lookup: LookupService
    guide: GuideService
    feedback: FeedbackService
    publishing: PublishingService

    def housekeeping(self) -> list[str]:
        """Start-up jobs: close dossiers whose supplement never came, erase expired guidance contacts and personal
        data, settle and prune the print jobs an earlier run left, end the surveys it left open."""
        system = self.users.system()
        closed = self.lifecycle.close_stale(self.settings.dossiers.supplement_close_days, by=system)
        self.guidance.erase_contacts(self.settings.dossiers.guidance_contact_days)
        self.feedback.erase_contacts(self.settings.dossiers.guidance_contact_days)  # answered feedback: name, phone
        self.retention.purge(self.settings.dossiers.personal_data_days)
        self.printing.fail_stale()
        self.printing.prune(min(KEEP_DAYS, self.settings.dossiers.personal_data_days))
        remove_leftovers(self.paths.data_dir)  # plain copies a killed `kiosk restore FILE.age` left
        self.survey.expire_open()
        self.queue.settle_earlier_days()
        return closed

    def change_settings(self, settings: Settings, *, by: str = "system") -> Settings:
        """Check, save and apply new settings to the running services; ConfigError names what is wrong.

        The audit log records who changed which sections (not the values: the sync's address holds a password).
        """
        checked = validated(_keep_key_set_elsewhere(self.paths, self.settings, settings))
        changed = [name for name in checked.__struct_fields__ if getattr(checked, name) != getattr(self.settings, name)]
        save_settings(self.paths, checked)
        if changed:
            self.audit.record(by, "settings_changed", "settings.toml", {"sections": changed})
        self.settings = checked
        self.calendar.rules = intake_rules(checked.calendar, checked.office.timezone)
        self.registration.numbering = _numbering(checked)
        self.printing.settings = checked.printer
        self.forms.settings = checked
        self.survey.settings = checked.survey
        self.survey_stats.settings = checked.survey
        self.reports.settings = checked
        self.sync.settings = checked.sync
        self.backups.settings = checked.backup
        self.queue.settings = checked.queue
        self.lookup.settings = checked.citizen
        self.feedback.settings = checked.feedback
        self.publishing.settings = checked
        return checked

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> KioskContext:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_context(
    paths: Paths | None = None, settings: Settings | None = None, clock: Clock | None = None
) -> KioskContext:
    paths = (paths or Paths.from_environment()).ensure()
    settings = settings or load_settings(paths)
    clock = clock or SystemClock()
    db_path = settings.database_path(paths)
    timeout = settings.database.busy_timeout_ms
    migrated_from: str | None = SCHEMA_REVISION
    if not is_current(db_path):
        from kiosk.models.migrate import migrate  # Alembic is loaded only when a migration is due

        migrated_from = migrate(db_path, paths.backup_dir, now=clock.now(), busy_timeout_ms=timeout).before
    context = wire(paths, settings, clock, Database(db_path, busy_timeout_ms=timeout), migrated_from)
    seed_if_empty(context.catalog, by=context.users.system())
    return context


def wire(paths: Paths, settings: Settings, clock: Clock, db: Database, migrated_from: str | None) -> KioskContext:
    """The services on an open database, each handed what it needs (also used with a demo's own clock)."""
    audit = AuditLog(db, clock)
    guard = ClockGuard(db, clock, audit, settings.zone())
    calendar = CalendarService(db, clock, intake_rules(settings.calendar, settings.office.timezone), audit=audit)
    users = UserService(db, clock, audit)
    catalog = CatalogService(db, clock)
    search = DossierSearch(db)
    guidance = GuidanceService(db, clock)
    forms = FormService(db, search, guidance, calendar, settings)
    survey_stats = SurveyStats(db, calendar, settings.survey)
    guide = GuideService(db, clock, catalog)
    return KioskContext(
        paths=paths,
        settings=settings,
        clock=clock,
        db=db,
        migrated_from=migrated_from,
        calendar=calendar,
        users=users,
        catalog=catalog,
        registration=RegistrationService(db, clock, calendar, catalog, _numbering(settings), guard),
        lifecycle=LifecycleService(db, clock, calendar, catalog),
        corrections=CorrectionService(db, clock, catalog),
        search=search,
        guidance=guidance,
        ledger=LedgerService(db, calendar, search),
        printing=PrintJobService(db, clock, settings.printer, paths.data_dir / "escpos", audit),
        forms=forms,
        survey=SurveyService(db, clock, calendar, settings.survey),
        survey_stats=survey_stats,
        reports=ReportService(db, calendar, clock, survey_stats, forms, settings, audit, guide),
        sync=SyncService(db, clock, catalog, users, settings.sync, paths.data_dir / "sync.lock"),
        audit=audit,
        clock_guard=guard,
        retention=RetentionService(db, clock, audit),
        backups=BackupService(
            db.path,
            paths.backup_dir,
            settings.backup,
            clock,
            settings.zone(),
            busy_timeout_ms=settings.database.busy_timeout_ms,
        ),
        queue=QueueService(db, clock, calendar, settings.queue),
        lookup=LookupService(db, clock, settings.citizen, calendar),
        guide=guide,
        feedback=FeedbackService(db, clock, calendar, settings.feedback, audit),
        publishing=PublishingService(catalog, settings, clock),
    )


def _keep_key_set_elsewhere(paths: Paths, current: Settings, new: Settings) -> Settings:
    """``new``, with the backup key on disk when ``kiosk backup key new`` set one while this process ran.

    The key is set from the command line only; a save that leaves it as this process knew it (the settings tabs)
    must not take away a key made since, or the copies to the second folder would stop for want of it.
    """
    if new.backup.recipient != current.backup.recipient:
        return new
    try:
        on_disk = load_settings(paths).backup.recipient
    except ConfigError:
        return new
    if on_disk == current.backup.recipient:
        return new
    return msgspec.structs.replace(new, backup=msgspec.structs.replace(new.backup, recipient=on_disk))


def _numbering(settings: Settings) -> Numbering:
    station = settings.station
    return Numbering(settings.office.agency_code, (station.sequence_start, station.sequence_end))
