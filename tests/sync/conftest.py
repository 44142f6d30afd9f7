"""A real PostgreSQL for the sync tests: a fresh central database per test, made from an initialised template.

The server's address comes from ``KIOSK_TEST_PG_URL`` (CI sets it, see .ci/run). The owner connects as given
(the superuser in CI); stations connect with their own non-superuser login roles, so row-level security applies.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from kiosk.clock import FixedClock
from kiosk.config import Settings, StationSettings, SyncSettings
from kiosk.context import KioskContext, open_context
from kiosk.paths import Paths
from kiosk.services.sync.address import libpq_url
from kiosk.services.sync.admin import Credentials, add_station, init_central

VARIABLE = "KIOSK_TEST_PG_URL"
HOW = (
    f"the sync tests need a PostgreSQL server: set {VARIABLE}=postgresql://postgres@127.0.0.1:5432/test "
    "(a superuser; trust or password authentication) and run again"
)
RUN = uuid.uuid4().hex[:6]


def _dsn(url: str, database: str | None = None) -> str:
    return libpq_url(url, database=database) if database else libpq_url(url)


@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get(VARIABLE, "").strip()
    if not url:
        pytest.skip(HOW)
    return url


@pytest.fixture(scope="session")
def central_template(pg_server: str) -> Iterator[str]:
    """A central database at the newest schema, copied for each test."""
    name = f"kiosk_tpl_{RUN}"
    with psycopg.connect(_dsn(pg_server), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    init_central(_dsn(pg_server, name), SyncSettings())
    yield name
    with psycopg.connect(_dsn(pg_server), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def central_url(pg_server: str, central_template: str) -> Iterator[str]:
    """The owner's address of a fresh central database (the roles made for its stations go with it)."""
    name = f"kiosk_c_{RUN}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(pg_server), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {central_template}")
    url = _dsn(pg_server, name)
    yield url
    with psycopg.connect(url, autocommit=True) as conn:
        roles = [r for (r,) in conn.execute("SELECT role FROM station")]
    with psycopg.connect(_dsn(pg_server), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        for role in roles:
            conn.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def empty_central(pg_server: str) -> Iterator[str]:
    """The owner's address of an empty database, for `kiosk central init` itself."""
    name = f"kiosk_e_{RUN}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(pg_server), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield _dsn(pg_server, name)
    with psycopg.connect(_dsn(pg_server), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def new_station(central_url: str, clock: FixedClock) -> Callable[[str], Credentials]:
    def make(name: str) -> Credentials:
        return add_station(central_url, f"{name} {uuid.uuid4().hex[:6]}", SyncSettings(), now=clock.now())

    return make


StationFactory = Callable[..., KioskContext]


@pytest.fixture
def station_factory(
    tmp_path: Path, clock: FixedClock, new_station: Callable[[str], Credentials]
) -> Iterator[StationFactory]:
    """Kiosk contexts on their own copies of the seeded template, each registered as a station."""
    opened: list[KioskContext] = []

    def make(
        name: str = "Quầy",
        *,
        url: str | None = None,
        source: Path | None = None,
        numbers_from: int = 1,
        **sync: object,
    ) -> KioskContext:
        home = tmp_path / f"station-{len(opened)}"
        paths = Paths(home / "data", home / "config", home / "logs", home / "backups").ensure()
        if source is not None:
            paths.default_database.write_bytes(source.read_bytes())
        # else a database of its own, seeded afresh: copies of one file share the UUIDs of its catalog and users,
        # and the central side rightly refuses a second station that sends the same rows.
        target = url if url is not None else new_station(name).url
        settings = Settings(
            station=StationSettings(name=name, sequence_start=numbers_from),
            sync=SyncSettings(url=target, sslmode="disable", **sync),  # type: ignore[arg-type]
        )
        context = open_context(paths, settings=settings, clock=clock)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def station(station_factory: StationFactory, demo_db: Path) -> KioskContext:
    """A station with a week of work, registered on a fresh central database."""
    return station_factory(source=demo_db)


@pytest.fixture(scope="session")
def demo_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded template with a week of demo work: every synced table has rows."""
    from kiosk.services.demo import DemoBuilder
    from tests.helpers import local

    home = tmp_path_factory.mktemp("demo-station")
    paths = Paths(home / "data", home / "config", home / "logs", home / "backups").ensure()
    paths.default_database.write_bytes(template_db.read_bytes())
    with open_context(paths, clock=FixedClock(local(2026, 11, 25, 9, 0))) as context:
        DemoBuilder(context, seed=3).run(7)
    return paths.default_database
