"""Stations on one central database: each sees and writes only its own rows; codes never merge."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from kiosk.config import SyncSettings
from kiosk.context import KioskContext
from kiosk.errors import CentralError, Conflict
from kiosk.services.sync.admin import Credentials, add_station, station_role, stations
from tests.sync.conftest import StationFactory
from tests.sync.test_push import register


def test_station_names_become_role_names() -> None:
    assert station_role("Quầy 2 – Trung tâm Phục vụ HCC") == "kiosk_quay_2_trung_tam_phuc_vu_hcc"
    assert station_role("Đ") == "kiosk_d"


def test_each_station_reads_and_writes_only_its_own_rows(
    station: KioskContext, station_factory: StationFactory, central_url: str
) -> None:
    other = station_factory("Quầy hai", numbers_from=5000)
    register(other)
    station.sync.run()
    other.sync.run()
    ours = station.settings.sync.url
    theirs = other.settings.sync.url
    with psycopg.connect(central_url) as owner:
        total = owner.execute("SELECT count(*) FROM dossier").fetchone()[0]  # type: ignore[index]
        their_id = owner.execute(
            "SELECT d.id FROM dossier d JOIN station s ON s.role = d.station WHERE s.role <> %s LIMIT 1",
            (psycopg.conninfo.conninfo_to_dict(ours)["user"],),
        ).fetchone()[0]  # type: ignore[index]
    with psycopg.connect(theirs) as conn:
        seen = conn.execute("SELECT count(*) FROM dossier").fetchone()[0]  # type: ignore[index]
        assert seen == 1 < total
    with psycopg.connect(ours) as conn:
        assert conn.execute("SELECT count(*) FROM dossier WHERE id = %s", (their_id,)).fetchone()[0] == 0  # type: ignore[index]
        assert conn.execute("UPDATE dossier SET state = 'closed' WHERE id = %s", (their_id,)).rowcount == 0
        assert conn.execute("DELETE FROM dossier_event WHERE dossier_id = %s", (their_id,)).rowcount == 0
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security
            conn.execute("UPDATE dossier SET station = %s", (psycopg.conninfo.conninfo_to_dict(theirs)["user"],))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO station (role, name, created_at) VALUES ('x', 'x', now())")
    assert station.sync.verify().matches
    assert other.sync.verify().matches


def test_a_row_of_another_station_is_refused_not_taken_over(
    station: KioskContext, station_factory: StationFactory, demo_db: Path, central_url: str
) -> None:
    """Two stations holding the same UUIDs (a copied database): the second is refused, the first keeps its rows."""
    station.sync.run()
    copy = station_factory("Quầy sao chép", source=demo_db)

    with pytest.raises(CentralError) as refused:
        copy.sync.run()

    assert "Hãy báo quản trị viên" in refused.value.message
    assert copy.sync.status().waiting > 0
    assert station.sync.verify().matches


def test_the_same_dossier_code_from_two_stations_is_refused_loudly(
    station: KioskContext, station_factory: StationFactory
) -> None:
    station.sync.run()
    other = station_factory("Quầy hai")  # the same agency code and the same block of numbers: a setup mistake
    code = register(other, "Trần Thị Bình")
    assert station.search.show(code).applicant.name != "Trần Thị Bình"  # the first station's dossier of that code

    with pytest.raises(CentralError) as refused:
        other.sync.run()

    assert f"mã {code} đã có ở «{station.settings.station.name}" in refused.value.message
    assert "sequence_start" in refused.value.message
    assert other.sync.status().last_error == refused.value.message
    assert other.sync.status().waiting > 0


def test_stations_are_listed_with_what_they_sent(
    station: KioskContext, new_station: Callable[[str], Credentials], central_url: str
) -> None:
    station.sync.run()
    new_station("Quầy chưa gửi")
    listed = {s.role: s for s in stations(central_url, SyncSettings(sslmode="disable"))}
    role = psycopg.conninfo.conninfo_to_dict(station.settings.sync.url)["user"]
    assert listed[role].dossiers > 0
    assert sorted(s.dossiers for s in listed.values())[0] == 0


def test_a_station_name_is_registered_once(central_url: str, clock: object) -> None:
    from tests.helpers import local

    name = f"Quầy {uuid.uuid4().hex[:6]}"
    first = add_station(central_url, name, SyncSettings(sslmode="disable"), now=local(2026, 11, 25))
    assert first.role.startswith("kiosk_quay_")
    assert f"{first.role}:{first.password}@" in first.url
    with pytest.raises(Conflict):
        add_station(central_url, name, SyncSettings(sslmode="disable"), now=local(2026, 11, 25))
