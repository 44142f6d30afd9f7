"""Which nightly backups to keep: the names they carry and grandfather-father-son rotation. Pure functions.

A nightly backup is named ``kiosk-YYYYMMDD-HHMMSS.sqlite3`` after the office's local time it was taken at; its
encrypted copy in the second folder is ``kiosk-YYYYMMDD-HHMMSS.sqlite3.age``. Only files named exactly so are ever
rotated: a migration's copy (``kiosk-…-before-0006.sqlite3``), the copy kept before a
restore (``kiosk-before-restore-….sqlite3``) and whatever else a person put in the folder are never touched.

Rotation keeps the newest backup of each of the ``daily`` most recent days that have a backup, of each of the
``weekly`` most recent ISO weeks, and of each of the ``monthly`` most recent months; a backup picked by any of the
three is kept, every other nightly backup may go. Applying it again to what it kept removes nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

NIGHTLY_PREFIX = "kiosk-"
NIGHTLY_SUFFIX = ".sqlite3"
ENCRYPTED_SUFFIX = ".age"
_NIGHTLY = re.compile(r"kiosk-(\d{8}-\d{6})\.sqlite3(?:\.age)?")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Retention:
    daily: int
    weekly: int
    monthly: int


def nightly_name(local_time: datetime) -> str:
    """The file name of a backup taken at ``local_time`` (the office's wall-clock time)."""
    return f"{NIGHTLY_PREFIX}{local_time.strftime(_STAMP)}{NIGHTLY_SUFFIX}"


def encrypted_name(name: str) -> str:
    """The name of the encrypted copy of the backup named ``name``."""
    return f"{name}{ENCRYPTED_SUFFIX}"


def nightly_stamp(name: str) -> datetime | None:
    """The naive local time a nightly backup's name (plain or encrypted) carries, or None when the name is not a
    nightly backup's."""
    match = _NIGHTLY.fullmatch(name)
    if match is None:
        return None
    try:
        return datetime.strptime(match[1], _STAMP)  # noqa: DTZ007 - the office's wall-clock time, zone added by callers
    except ValueError:  # kiosk-20261399-250000.sqlite3: digits, but no time
        return None


def _day(at: datetime) -> Hashable:
    return at.date()


def _iso_week(at: datetime) -> Hashable:
    year, week, _ = at.isocalendar()
    return (year, week)


def _month(at: datetime) -> Hashable:
    return (at.year, at.month)


def kept(stamps: Iterable[datetime], retention: Retention) -> set[datetime]:
    """The stamps grandfather-father-son rotation keeps among ``stamps``."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    periods: tuple[tuple[int, Callable[[datetime], Hashable]], ...] = (
        (retention.daily, _day),
        (retention.weekly, _iso_week),
        (retention.monthly, _month),
    )
    for count, period in periods:
        seen: set[Hashable] = set()
        for stamp in newest_first:
            key = period(stamp)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            keep.add(stamp)  # the first one met in a period is its newest
    return keep


def to_remove(names: Iterable[str], retention: Retention, *, protect: str | None = None) -> list[str]:
    """The nightly backups among ``names`` that rotation removes, oldest first; other names are never listed.

    ``protect`` (the backup just made) is never listed, whatever its stamp says.
    """
    stamped = {name: stamp for name in names if (stamp := nightly_stamp(name)) is not None}
    keep = kept(stamped.values(), retention)
    doomed = [name for name, stamp in stamped.items() if stamp not in keep and name != protect]
    return sorted(doomed, key=lambda name: stamped[name])
