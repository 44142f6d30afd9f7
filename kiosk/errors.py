"""The one project error type.

Every error a user can meet is a :class:`KioskError` whose message is Vietnamese a clerk understands, shown as it
is. Subclasses tell the callers (CLI exit codes, UI dialogs) what kind of problem it is; the message says what to do.
"""

from __future__ import annotations


class KioskError(Exception):
    """An error with a message for the person at the counter."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(KioskError):
    """What was typed or imported is not acceptable; ``field`` names the input when there is one."""

    exit_code = 2


class NotFound(KioskError):
    """The code, date or name asked for does not exist."""

    exit_code = 3


class Conflict(KioskError):
    """The request clashes with the current state (an illegal move, a duplicate)."""

    exit_code = 4


class PermissionDenied(KioskError):
    """The user's role does not allow this."""

    exit_code = 5


class ConfigError(KioskError):
    """The settings file cannot be used."""

    exit_code = 6


class PrinterError(KioskError):
    """The printer could not print; the message says what to check, and that nothing was lost."""

    exit_code = 8


class StorageError(KioskError):
    """The database cannot be opened, migrated or written."""

    exit_code = 7


class CentralError(KioskError):
    """The central database could not be reached, refused the station, or refused its rows; nothing local is lost."""

    exit_code = 9
