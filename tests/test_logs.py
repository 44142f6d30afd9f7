"""Citizens' ID numbers and phones never reach the log file, tracebacks included."""

from __future__ import annotations

import logging
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.context import KioskContext
from kiosk.logs import LOG_FILE, configure_logging, redact
from kiosk.paths import Paths

digits = st.text("0123456789", min_size=1, max_size=1)
separators = st.sampled_from(["", " ", ".", "-"])


@given(st.text("0123456789", min_size=12, max_size=12), st.text(max_size=20), st.text(max_size=20))
def test_a_cccd_number_is_masked_wherever_it_stands(number: str, before: str, after: str) -> None:
    line = f"{before} {number} {after}"
    assert number not in redact(line)


@given(
    st.sampled_from(["0", "+84", "84"]),
    st.lists(st.text("0123456789", min_size=3, max_size=3), min_size=3, max_size=3),
    separators,
)
def test_a_phone_number_is_masked_however_it_is_written(prefix: str, groups: list[str], sep: str) -> None:
    phone = prefix + "9" + sep.join(groups)[1:] if prefix == "0" else prefix + " " + sep.join(groups)
    masked = redact(f"Người nộp: {phone}, cảm ơn")
    assert re.sub(r"\D", "", phone)[-9:] not in re.sub(r"\D", "", masked)


@pytest.mark.parametrize(
    "line",
    ["2026-11-25 09:00:00.123456 INFO kiosk: ok", "mã hồ sơ 000.00.10.H15-261125-0001", "lệnh in số 1234 xong"],
)
def test_ordinary_lines_are_left_alone(line: str) -> None:
    assert redact(line) == line


def test_a_database_error_logged_with_its_values_keeps_them_out_of_the_file(ctx: KioskContext, paths: Paths) -> None:
    file = configure_logging(paths)
    log = logging.getLogger("kiosk.test")
    try:
        with ctx.db.write() as session:  # a real error whose message quotes the values it was given
            session.execute(
                text("INSERT INTO dossier (id, code, phone, id_number) VALUES (:id, :code, :phone, :id_number)"),
                {"id": "x", "code": "c", "phone": "0912345678", "id_number": "067090012345"},
            )
    except SQLAlchemyError:
        log.exception("registration failed")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(file)]:
        handler.close()
        root.removeHandler(handler)
    written = (paths.log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert file.name == LOG_FILE
    assert "registration failed" in written and "[số định danh]" in written
    assert "067090012345" not in written and "0912345678" not in written
