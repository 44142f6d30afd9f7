"""Taking the Department's publication: the catalog and the holiday overlay, central side winning, once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import psycopg
import pytest
from sqlalchemy import select

from kiosk.config import SyncSettings
from kiosk.context import KioskContext
from kiosk.errors import CentralError
from kiosk.models import DayOverride
from kiosk.services.sync.admin import publish
from kiosk.services.sync.pull import CENTRAL_AUTHOR
from tests.sync.conftest import StationFactory

CODE = "2.001914"


def published_by(installation: KioskContext, central_url: str) -> int:
    """The installation's catalog and holidays published as the Department's; the publication's number."""
    settings = SyncSettings(sslmode="disable")
    now = installation.clock.now()
    return publish(central_url, settings, installation.db, installation.catalog, by="Sở", now=now).number


def test_a_publication_is_applied_whole_and_once(
    station: KioskContext, station_factory: StationFactory, central_url: str
) -> None:
    department = station_factory("Sở – quản trị danh mục")
    admin = department.users.cli()
    spec = department.catalog.get(CODE)
    department.catalog.save(replace(spec.content(), committed_days=3, note="Rút ngắn theo Quyết định 999"), by=admin)
    department.catalog.set_active("DP-0018", False, by=admin)
    department.calendar.set_day(date(2026, 12, 31), "off", "Nghỉ bù theo UBND tỉnh", by=admin)
    department.calendar.set_day(date(2027, 1, 9), "working", "Làm bù", by=admin)
    # The station said something else of the 31st, and has a day of its own
    station.calendar.set_day(date(2026, 12, 31), "working", "Quầy tự đặt", by=station.users.cli())
    station.calendar.set_day(date(2026, 12, 24), "off", "Sự kiện riêng của quầy", by=station.users.cli())
    before = station.catalog.get(CODE)

    number = published_by(department, central_url)
    result = station.sync.run()

    assert result.pulled is not None and result.pulled.publication == number
    assert result.pulled.procedures_changed == 2
    after = station.catalog.get(CODE)
    assert after.committed_days == 3 and after.note == "Rút ngắn theo Quyết định 999"
    assert after.version_id != before.version_id  # a new version; dossiers already received keep theirs
    assert not station.catalog.get("DP-0018").active
    notes = {d.day: (d.working, d.note) for d in station.calendar.overlay()}
    assert notes[date(2026, 12, 31)] == (False, "Nghỉ bù theo UBND tỉnh")
    assert notes[date(2027, 1, 9)] == (True, "Làm bù")
    assert notes[date(2026, 12, 24)] == (False, "Sự kiện riêng của quầy")
    assert station.sync.status().last_pulled == result.pulled.total

    again = station.sync.run()
    assert again.pulled is None
    # the new catalog version goes back up with the next push, and the station still matches
    assert station.sync.verify().matches

    # A later publication that drops a day takes it away; the station's own days stay
    department.calendar.remove_day(date(2027, 1, 9), by=admin)
    published_by(department, central_url)
    station.sync.run()
    days = {d.day for d in station.calendar.overlay()}
    assert date(2027, 1, 9) not in days
    assert {date(2026, 12, 24), date(2026, 12, 31)} <= days
    with station.db.read() as session:
        authors = {day: by for day, by in session.execute(select(DayOverride.day, DayOverride.created_by))}
    assert authors[date(2026, 12, 31)] == CENTRAL_AUTHOR


def test_a_bad_publication_changes_nothing_here(station: KioskContext, central_url: str) -> None:
    published_by(station, central_url)
    with psycopg.connect(central_url, autocommit=True) as owner:
        owner.execute(
            "UPDATE published_procedure SET spec = jsonb_set(spec, '{legal_days}', '\"mười\"') WHERE code = %s", (CODE,)
        )
    before = station.catalog.get(CODE)
    waiting = station.sync.status().waiting

    with pytest.raises(CentralError) as refused:
        station.sync.run()

    assert "Danh mục trên máy chủ trung tâm có thủ tục không hợp lệ" in refused.value.message
    assert station.catalog.get(CODE) == before
    assert station.sync.status().waiting == 0 < waiting  # the push before it went through
