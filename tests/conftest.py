"""Shared fixtures. Qt runs offscreen; every test gets its own KIOSK_HOME and SQLite files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.context import KioskContext, open_context
from kiosk.models import Database
from kiosk.paths import Paths
from kiosk.services.backup_keys import create_key
from kiosk.services.users import Actor
from kiosk.services.workdays import VietnamPublicHolidays
from tests.helpers import local
from tests.printing.fake_printer import FakePrinter


@pytest.fixture(scope="session")
def public_holidays() -> VietnamPublicHolidays:
    return VietnamPublicHolidays()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated and seeded with the catalog once per session; tests get copies."""
    home = tmp_path_factory.mktemp("template")
    paths = Paths(home / "data", home / "config", home / "logs", home / "backups")
    with open_context(paths, clock=FixedClock(datetime(2026, 1, 1, tzinfo=UTC))):
        pass
    return paths.default_database


@dataclass(frozen=True)
class SupervisorKey:
    """A backup key as ``kiosk backup key new`` makes it: the encrypted key file, its passphrase, the public key."""

    file: Path
    passphrase: str
    recipient: str


@pytest.fixture(scope="session")
def supervisor_key(tmp_path_factory: pytest.TempPathFactory) -> SupervisorKey:
    """One real key for the session (age's scrypt makes each new key take seconds); its file is read-only."""
    folder = tmp_path_factory.mktemp("usb-lanh-dao")
    passphrase = "Trăng sáng trên đồi thông"
    file = folder / "khoa-sao-luu.age"
    recipient = create_key(file, passphrase, now=datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    file.chmod(0o400)
    return SupervisorKey(file, passphrase, recipient)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    home = tmp_path / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return Paths.from_environment().ensure()


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kiosk.sqlite3"
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database(db_path)
    yield database
    database.close()


@pytest.fixture
def clock() -> FixedClock:
    """Wednesday 25/11/2026, 9:00 in the office."""
    return FixedClock(local(2026, 11, 25, 9, 0))


@pytest.fixture
def ctx(paths: Paths, template_db: Path, clock: FixedClock) -> Iterator[KioskContext]:
    """The whole Qt-free kiosk on a copy of the seeded template, with the fixed clock."""
    shutil.copyfile(template_db, paths.default_database)
    context = open_context(paths, clock=clock)
    yield context
    context.close()


@pytest.fixture
def admin(ctx: KioskContext) -> Actor:
    return ctx.users.cli()


@pytest.fixture
def clerk(ctx: KioskContext, admin: Actor) -> Actor:
    return ctx.users.add("lan", "Trần Thị Lan", "clerk", "mat-khau-1", by=admin)


@pytest.fixture
def supervisor(ctx: KioskContext, admin: Actor) -> Actor:
    return ctx.users.add("minh", "Lê Văn Minh", "supervisor", "mat-khau-2", by=admin)


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    """A network receipt printer listening on 127.0.0.1 (set ``mode`` for its faults)."""
    printer = FakePrinter()
    yield printer
    printer.close()
