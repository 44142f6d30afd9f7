"""SQLAlchemy 2.0 typed models of the station database, its engine, and its migrations."""

from kiosk.models.audit import AuditEntry
from kiosk.models.base import Base, UtcDateTime, UuidKey, new_id
from kiosk.models.calendar import DayOverride, OverrideKind
from kiosk.models.catalog import CatalogRevision, Procedure, ProcedureDocument, ProcedureVersion
from kiosk.models.citizen import Feedback, FeedbackStep, GuideSlip, QueueTicket
from kiosk.models.database import Database
from kiosk.models.dossier import Dossier, DossierDocument, DossierEvent, GuidanceRecord
from kiosk.models.printing import PrintJob
from kiosk.models.survey import SurveyAnswer, SurveyResponse, SurveyTicket
from kiosk.models.sync import SYNCED_TABLES, SyncOutbox, SyncState
from kiosk.models.users import Role, User

__all__ = [
    "SYNCED_TABLES",
    "AuditEntry",
    "Base",
    "CatalogRevision",
    "Database",
    "DayOverride",
    "Dossier",
    "DossierDocument",
    "DossierEvent",
    "Feedback",
    "FeedbackStep",
    "GuidanceRecord",
    "GuideSlip",
    "OverrideKind",
    "PrintJob",
    "Procedure",
    "ProcedureDocument",
    "ProcedureVersion",
    "QueueTicket",
    "Role",
    "SurveyAnswer",
    "SurveyResponse",
    "SurveyTicket",
    "SyncOutbox",
    "SyncState",
    "User",
    "UtcDateTime",
    "UuidKey",
    "new_id",
]
