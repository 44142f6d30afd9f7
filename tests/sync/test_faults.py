"""The faults a night can bring; after each one the next sync completes and the comparison finds no difference."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import msgspec
import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine

from kiosk.config import SyncSettings, save_settings
from kiosk.context import KioskContext
from kiosk.errors import CentralError
from kiosk.models.central.tables import CENTRAL_REVISION
from kiosk.services.sync.admin import alembic_config, init_central
from kiosk.services.sync.central import central_url as driver_url
from tests.sync.proxy import Relay

KEPT = "Dữ liệu trên máy này vẫn an toàn"


def using(station: KioskContext, url: str, **changes: object) -> None:
    station.sync.settings = msgspec.structs.replace(station.sync.settings, url=url, **changes)


def completes_and_matches(station: KioskContext, url: str) -> None:
    using(station, url, sslmode="disable")
    station.sync.run()
    assert station.sync.status().waiting == 0
    assert station.sync.status().last_error is None
    report = station.sync.verify()
    assert report.matches, [d.describe() for d in report.differences]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_down(station: KioskContext) -> None:
    url = station.settings.sync.url
    host = url.split("@")[1].split("/")[0]
    waiting = station.sync.status().waiting
    using(station, url.replace(host, f"127.0.0.1:{free_port()}"), connect_timeout_s=2)

    with pytest.raises(CentralError) as failure:
        station.sync.run()

    assert failure.value.message.startswith("Không kết nối được máy chủ trung tâm 127.0.0.1:")
    assert KEPT in failure.value.message
    assert station.sync.status().waiting == waiting
    assert station.sync.status().last_error == failure.value.message
    completes_and_matches(station, url)


def test_rejected_credentials(station: KioskContext, central_url: str) -> None:
    url = station.settings.sync.url
    role = psycopg.conninfo.conninfo_to_dict(url)["user"]
    with psycopg.connect(central_url, autocommit=True) as owner:
        owner.execute(f"ALTER ROLE {role} NOLOGIN")  # trust authentication takes any password: refuse the role

    with pytest.raises(CentralError) as failure:
        station.sync.run()

    assert f"từ chối tài khoản trạm «{role}»" in failure.value.message
    with psycopg.connect(central_url, autocommit=True) as owner:
        owner.execute(f"ALTER ROLE {role} LOGIN")
    completes_and_matches(station, url)


def test_connection_cut_in_the_middle_of_a_batch(station: KioskContext) -> None:
    url = station.settings.sync.url
    target = ("127.0.0.1", int(url.split("@")[1].split("/")[0].split(":")[1]))
    with Relay(target, cut_after=60_000) as relay:
        using(station, relay.url_for(url), batch_size=50)
        with pytest.raises(CentralError) as failure:
            station.sync.run()
        assert relay.cut.is_set()

    assert "Mất kết nối với máy chủ trung tâm" in failure.value.message
    left = station.sync.status().waiting
    assert left > 0
    with psycopg.connect(url) as conn:
        sent = conn.execute("SELECT count(*) FROM dossier_event").fetchone()[0]  # type: ignore[index]
    assert sent > 0  # the batches before the cut are committed and kept
    completes_and_matches(station, url)


def test_killed_in_the_middle_of_a_sync(station: KioskContext) -> None:
    url = station.settings.sync.url
    target = ("127.0.0.1", int(url.split("@")[1].split("/")[0].split(":")[1]))
    with Relay(target, delay=0.02) as relay:
        slow = msgspec.structs.replace(station.settings.sync, url=relay.url_for(url), batch_size=50)
        save_settings(station.paths, msgspec.structs.replace(station.settings, sync=slow))
        env = {**os.environ, "KIOSK_HOME": str(station.paths.data_dir.parent)}
        child = subprocess.Popen([sys.executable, "-m", "kiosk", "sync"], env=env, stdout=subprocess.DEVNULL)
        total = station.sync.status().waiting
        deadline = time.monotonic() + 60
        while station.sync.status().waiting == total and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert child.poll() is None, "the sync ended before it could be killed"
        child.send_signal(signal.SIGKILL)
        child.wait()
    left = station.sync.status().waiting
    assert 0 < left < total, (left, total)
    completes_and_matches(station, url)


def test_central_schema_older_than_the_station(station: KioskContext, central_url: str) -> None:
    engine = create_engine(driver_url(central_url))
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "c0001")
    engine.dispose()

    with pytest.raises(CentralError) as failure:
        station.sync.run()

    assert "lược đồ cũ (c0001" in failure.value.message
    assert "kiosk central init" in failure.value.message
    assert station.sync.status().waiting > 0
    init_central(central_url, SyncSettings(sslmode="disable"))
    completes_and_matches(station, station.settings.sync.url)


def test_central_schema_newer_than_the_station(station: KioskContext, central_url: str) -> None:
    with psycopg.connect(central_url, autocommit=True) as owner:
        owner.execute("UPDATE alembic_version SET version_num = 'c0099'")  # as a newer kiosk would leave it

    with pytest.raises(CentralError) as failure:
        station.sync.run()

    assert "mới hơn (c0099)" in failure.value.message
    assert "phiên bản kiosk mới nhất" in failure.value.message
    with psycopg.connect(central_url, autocommit=True) as owner:
        owner.execute(f"UPDATE alembic_version SET version_num = '{CENTRAL_REVISION}'")
    completes_and_matches(station, station.settings.sync.url)


def test_two_syncs_never_run_at_once(station: KioskContext) -> None:
    from filelock import FileLock

    with FileLock(str(station.paths.data_dir / "sync.lock")), pytest.raises(CentralError) as busy:
        station.sync.run()
    assert "đang chạy" in busy.value.message
    completes_and_matches(station, station.settings.sync.url)


def test_tls_settings_reach_the_connection(station: KioskContext, pg_server: str) -> None:
    """The test server has no TLS: a station that requires it is refused before sending anything."""
    with psycopg.connect(pg_server) as conn:
        if conn.execute("SHOW ssl").fetchone() != ("off",):
            pytest.fail("this test expects a server without TLS (as in CI); adapt it to the server's certificate")
    url = station.settings.sync.url
    using(station, url, sslmode="require")

    with pytest.raises(CentralError) as failure:
        station.sync.run()

    assert "không hỗ trợ kết nối bảo mật (TLS)" in failure.value.message
    completes_and_matches(station, url)
