"""SQLAlchemy 2.0 typed models of the station database, its engine, and its migrations."""

from kiosk.models.base import Base, UtcDateTime, UuidKey, new_id
from kiosk.models.calendar import DayOverride, OverrideKind
from kiosk.models.database import Database

__all__ = ["Base", "Database", "DayOverride", "OverrideKind", "UtcDateTime", "UuidKey", "new_id"]
