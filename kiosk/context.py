"""Building the kiosk's Qt-free parts: settings, database (migrated), clock and services.

The CLI uses this directly; the GUI's composition root (``kiosk.app``) uses it and adds the windows.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.clock import Clock, SystemClock
from kiosk.config import Settings, load_settings
from kiosk.models import Database
from kiosk.models.schema import SCHEMA_REVISION, is_current
from kiosk.paths import Paths
from kiosk.services.calendar import CalendarService, intake_rules


@dataclass
class KioskContext:
    paths: Paths
    settings: Settings
    clock: Clock
    db: Database
    migrated_from: str | None  # the schema revision found at start-up (None: a new database)
    calendar: CalendarService

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
        from kiosk.models.migrate import migrate

        migrated_from = migrate(db_path, paths.backup_dir, now=clock.now(), busy_timeout_ms=timeout).before
    db = Database(db_path, busy_timeout_ms=timeout)
    calendar = CalendarService(db, clock, intake_rules(settings.calendar, settings.office.timezone))
    return KioskContext(paths, settings, clock, db, migrated_from, calendar)
