"""`kiosk survey` prints the period's satisfaction as the report does; `kiosk user pin` sets a supervisor's PIN."""

from __future__ import annotations

import pytest

from kiosk.clock import FixedClock
from kiosk.context import open_context
from kiosk.paths import Paths
from tests.cli.conftest import register, run, with_stdin


def rated(capsys: pytest.CaptureFixture[str], paths: Paths, clock: FixedClock, answers: dict[str, str]) -> str:
    code = register(capsys)
    for step in (("in_process", "--office", "Phòng A"), ("result_ready", "--outcome", "approved"), ("returned",)):
        assert run(capsys, "dossier", "move", code, "--to", *step)[0] == 0
    with open_context(paths, clock=clock) as ctx:
        ctx.survey.close(ctx.survey.issue(code, by=ctx.users.cli()), answers)
    return code


def test_the_periods_satisfaction_per_criterion(
    paths: Paths, capsys: pytest.CaptureFixture[str], cli_clock: FixedClock
) -> None:
    for overall in ["very_satisfied"] * 3 + ["dissatisfied"]:
        rated(capsys, paths, cli_clock, {"overall": overall, "fees": "not_applicable"})
    code, out, err = run(capsys, "survey", "--from", "2026-11-01", "--to", "2026-11-30")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Đánh giá sự hài lòng từ 01/11/2026 đến 30/11/2026"
    assert "Mời đánh giá: 4 lượt · trả lời đủ: 0 · trả lời một phần: 4" in lines[1]
    assert "(5) Mức độ hài lòng chung: Mức độ hài lòng 75% (3/4 phiếu)" in lines
    assert "(4) Về phí và lệ phí (nếu có): Chưa có phiếu trả lời" in lines
    assert any("Không áp dụng 4" in line for line in lines)
    code, out, _ = run(capsys, "survey", "--from", "2026-11-26", "--to", "2026-11-30")
    assert code == 0 and "Mức độ hài lòng chung: Chưa có phiếu trả lời" in out
    code, _, err = run(capsys, "survey", "--from", "2026-11-26")  # to today, the 25th
    assert code == 2 and "sau ngày kết thúc" in err
    assert run(capsys, "survey", "--official", "ai-do")[0] == 3


def test_a_supervisor_pin_from_the_command_line(
    paths: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_stdin(monkeypatch, "mat-khau-giam-sat\n")
    assert run(capsys, "user", "add", "minh", "--role", "supervisor", "--full-name", "Lê Văn Minh")[0] == 0
    with_stdin(monkeypatch, "1234\n")
    code, _, err = run(capsys, "user", "pin", "minh")
    assert code == 2 and "dễ đoán" in err
    with_stdin(monkeypatch, "2580\n")
    code, out, _ = run(capsys, "user", "pin", "minh")
    assert code == 0 and out.strip() == "Đã đặt mã PIN màn hình đánh giá cho minh."
    with open_context(paths) as ctx:
        assert ctx.users.verify_pin("2580").username == "minh"
