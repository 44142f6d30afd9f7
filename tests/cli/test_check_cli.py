"""`kiosk check` on a sound database and on a damaged one (which it marks, and for which it names a backup)."""

from __future__ import annotations

import pytest

from kiosk.models.damage import damage
from kiosk.paths import Paths
from tests.cli.conftest import register, run
from tests.sqlite_files import flip_middle


def test_check_a_sound_then_a_damaged_database(capsys: pytest.CaptureFixture[str], paths: Paths) -> None:
    register(capsys)
    assert run(capsys, "backup")[0] == 0
    code, out, _ = run(capsys, "check")
    assert code == 0 and "nguyên vẹn" in out
    flip_middle(paths.default_database)
    code, out, err = run(capsys, "check")
    assert (code, err) == (7, "")
    assert out.startswith("Cơ sở dữ liệu bị hỏng (") and "kiosk restore" in out
    assert damage(paths.default_database) is not None
    code, _out, err = run(capsys, "register", "--procedure", "2.001914", "--name", "Trần Bình", "--phone", "0912345678")
    assert code == 7 and "bị hỏng" in err and "khôi phục" in err  # nothing written to it
