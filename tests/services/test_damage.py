"""A damaged database: found (at the check or in the middle of work), marked, written no more, restored."""

from __future__ import annotations

import pytest

from kiosk.context import KioskContext
from kiosk.errors import StorageError
from kiosk.models.damage import damage, mark_damaged
from kiosk.services.dossier_views import Applicant
from kiosk.services.health import check_database
from kiosk.services.registration import RegistrationInput
from kiosk.services.restore import restore
from kiosk.services.users import Actor
from tests.helpers import VN, local
from tests.sqlite_files import flip_middle

AN = Applicant("person", "Nguyễn Văn An", "0912345678")


def register(ctx: KioskContext, by: Actor) -> str:
    return ctx.registration.register(RegistrationInput("2.001914", AN), by=by).code


def test_the_check_finds_the_damage_marks_it_and_names_the_last_good_backup(ctx: KioskContext, clerk: Actor) -> None:
    register(ctx, clerk)
    good = ctx.backups.backup()
    assert check_database(ctx.db.path, ctx.backups).sound
    ctx.close()
    flip_middle(ctx.db.path)

    health = check_database(ctx.db.path, ctx.backups)

    assert not health.sound and damage(ctx.db.path) is not None
    assert health.last_good is not None and health.last_good.path == good.path
    assert health.advice().startswith("Cơ sở dữ liệu bị hỏng (")
    assert f'kiosk restore "{good.path}"' in health.advice()


def test_a_marked_database_takes_no_writes_and_a_restore_lifts_the_mark(
    ctx: KioskContext, clerk: Actor, clock: object
) -> None:
    first = register(ctx, clerk)
    backup = ctx.backups.backup().path
    mark_damaged(ctx.db.path, "database disk image is malformed")
    with pytest.raises(StorageError, match="không ghi thêm"):
        register(ctx, clerk)
    assert ctx.search.show(first).code == first  # reading still works: the desk can look things up
    ctx.close()
    restore(ctx.db.path, backup, ctx.paths.backup_dir, local(2026, 11, 25, 9, 30).astimezone(VN))
    assert damage(ctx.db.path) is None


def test_damage_met_in_the_middle_of_work_marks_the_file(ctx: KioskContext, clerk: Actor) -> None:
    for _ in range(30):
        register(ctx, clerk)
    ctx.db.close()
    flip_middle(ctx.db.path, pages=8)
    with pytest.raises(StorageError):
        for _ in range(5):
            ctx.ledger.counters()
            ctx.search.find("nguyen van an", limit=500)
            register(ctx, clerk)
    assert damage(ctx.db.path) is not None
    with pytest.raises(StorageError, match="không ghi thêm"):
        register(ctx, clerk)
