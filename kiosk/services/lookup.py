"""The citizen's dossier look-up on the touch screen: the state and its date, nothing about the applicant.

Two ways in: the receipt's QR code read by the scanner at the screen (the code itself: holding the receipt is the
proof), or the code's last digits typed on the keypad together with the last four digits of the phone the dossier
was registered with. The answer carries the state, the appointment and the dates of the result, of its return or of
the end: never a name, a phone, a number or a procedure.

Guessing is slowed down: after ``lookup_free_tries`` misses in a row, each further miss makes the screen wait
before it answers again, ``lookup_wait_s`` doubled per miss up to ``lookup_wait_max_s``. A look-up that finds its
dossier resets the count. The count belongs to the screen (this service, one per program), not to a dossier, so
trying many codes is slowed as much as trying one code with many phones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.config import CitizenSettings
from kiosk.models import Database, Dossier
from kiosk.services.calendar import CalendarService
from kiosk.services.states import DossierState

FULL_CODE = re.compile(r"[0-9A-Z.]{1,35}-\d{6}-\d{4}")
#: The keypad asks for the code's last digits: the day's sequence (4) at least, its date before it (6) at most.
DIGITS = (4, 10)
PHONE_DIGITS = 4
_DIGITS_ONLY = re.compile(r"[0-9 \-]*")


class Outcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"  # a miss: counts towards the wait
    AMBIGUOUS = "ambiguous"  # more than one dossier fits: type more of the code
    INVALID = "invalid"  # not a code / not enough digits: nothing was looked up
    WAIT = "wait"  # too many misses: nothing was looked up


@dataclass(frozen=True)
class DossierStatus:
    """All the screen may say of a dossier."""

    state: DossierState
    due_date: date | None  # the current appointment
    reappointed: bool
    result_ready_on: date | None
    returned_on: date | None
    ended_on: date | None
    by_post: bool  # the result goes by post, not to the counter


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    status: DossierStatus | None = None
    #: Seconds before the screen answers again (WAIT; and a miss that started or lengthened the wait).
    wait_s: int = 0


class LookupService:
    def __init__(self, db: Database, clock: Clock, settings: CitizenSettings, calendar: CalendarService) -> None:
        self._db = db
        self._clock = clock
        self.settings = settings  # replaced when the admin changes them
        self._calendar = calendar
        self._misses = 0
        self._blocked_until: datetime | None = None

    def by_code(self, scanned: str) -> Answer:
        """The dossier whose code the receipt's QR code holds."""
        code = scanned.strip().upper()
        if not FULL_CODE.fullmatch(code):
            return Answer(Outcome.INVALID)
        waiting = self._waiting()
        if waiting:
            return Answer(Outcome.WAIT, wait_s=waiting)
        with self._db.read() as session:
            found = session.scalars(select(Dossier).where(Dossier.code == code, Dossier.voided_at.is_(None))).all()
            return self._answer([self._status(d) for d in found])

    def by_digits(self, code_digits: str, phone_digits: str) -> Answer:
        """The dossier whose code ends with ``code_digits`` and whose phone ends with ``phone_digits``."""
        digits = "".join(ch for ch in code_digits if ch.isdigit())
        phone = "".join(ch for ch in phone_digits if ch.isdigit())
        typed = code_digits + phone_digits
        if not DIGITS[0] <= len(digits) <= DIGITS[1] or len(phone) != PHONE_DIGITS or not _DIGITS_ONLY.fullmatch(typed):
            return Answer(Outcome.INVALID)
        waiting = self._waiting()
        if waiting:
            return Answer(Outcome.WAIT, wait_s=waiting)
        sequence = int(digits[-4:])
        with self._db.read() as session:
            rows = session.scalars(
                select(Dossier).where(
                    Dossier.day_seq == sequence,  # ix_dossier_day_seq: one row per day that reached this number
                    Dossier.voided_at.is_(None),
                    Dossier.phone.like(f"%{phone}"),
                )
            ).all()
            fits = [d for d in rows if f"{d.receipt_day:%y%m%d}{d.day_seq:04d}".endswith(digits)]
            return self._answer([self._status(d) for d in fits])

    def _answer(self, found: list[DossierStatus]) -> Answer:
        if len(found) == 1:
            self._misses, self._blocked_until = 0, None
            return Answer(Outcome.FOUND, found[0])
        if len(found) > 1:
            return Answer(Outcome.AMBIGUOUS)
        self._misses += 1
        over = self._misses - self.settings.lookup_free_tries
        if over < 0:
            return Answer(Outcome.NOT_FOUND)
        wait = min(self.settings.lookup_wait_s * 2**over, self.settings.lookup_wait_max_s)
        self._blocked_until = self._clock.now() + timedelta(seconds=wait)
        return Answer(Outcome.NOT_FOUND, wait_s=wait)

    def _waiting(self) -> int:
        """Whole seconds left before the screen answers again (0: it answers now)."""
        if self._blocked_until is None:
            return 0
        left = (self._blocked_until - self._clock.now()).total_seconds()
        if left <= 0:
            return 0
        return int(left) + (left % 1 > 0)

    def _status(self, dossier: Dossier) -> DossierStatus:
        def day(at: datetime | None) -> date | None:
            return at.astimezone(self._calendar.rules.zone).date() if at is not None else None

        return DossierStatus(
            state=DossierState(dossier.state),
            due_date=dossier.due_date,
            reappointed=dossier.reappointed_at is not None,
            result_ready_on=day(dossier.result_ready_at),
            returned_on=day(dossier.returned_at),
            ended_on=day(dossier.ended_at),
            by_post=dossier.delivery == "post",
        )
