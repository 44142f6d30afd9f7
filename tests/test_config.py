"""Settings: defaults, the TOML file, NFC, and clear messages for a broken file."""

from __future__ import annotations

import unicodedata
from datetime import time
from pathlib import Path

import pytest

from kiosk.config import Settings, load_settings, parse_settings, save_settings
from kiosk.errors import ConfigError
from kiosk.paths import Paths


def test_no_file_means_defaults(paths: Paths) -> None:
    settings = load_settings(paths)
    assert settings == Settings()
    assert settings.calendar.cutoff_enabled and settings.calendar.cutoff_time == time(15, 0, 0)
    assert settings.calendar.appointment_time == time(16, 30)
    assert settings.database_path(paths) == paths.data_dir / "kiosk.sqlite3"


def test_file_values_override_defaults(paths: Paths) -> None:
    paths.settings_file.write_text(
        '[calendar]\ncutoff_enabled = false\nappointment_time = 16:00:00\n[office]\nagency_code = "000.00.12.H50"\n'
        '[database]\npath = "/srv/kiosk/k.sqlite3"\n',
        encoding="utf-8",
    )
    settings = load_settings(paths)
    assert not settings.calendar.cutoff_enabled
    assert settings.calendar.appointment_time == time(16, 0)
    assert settings.office.agency_code == "000.00.12.H50"
    assert settings.office.desk_name == Settings().office.desk_name
    assert settings.database_path(paths) == Path("/srv/kiosk/k.sqlite3")


def test_text_is_normalised_to_nfc(paths: Paths) -> None:
    name = unicodedata.normalize("NFD", "Sở Giáo dục và Đào tạo Lâm Đồng")
    paths.settings_file.write_text(f'[office]\nagency_name = "{name}"\n', encoding="utf-8")
    assert load_settings(paths).office.agency_name == unicodedata.normalize("NFC", name)


def test_save_and_load_round_trip(paths: Paths) -> None:
    settings = parse_settings(b'[office]\nhotline = "0261 3 123 456"\n[calendar]\ncutoff_time = 16:00:00\n')
    save_settings(paths, settings)
    assert load_settings(paths) == settings


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[calendar]\ncutoff_enabled = "yes"\n', "calendar.cutoff_enabled"),
        ('[office]\nagency_code = "sở"\n'.encode(), "office.agency_code"),
        (b"[printer]\nwidth = 3\n", "printer"),
        (b"[calendar\n", "không đúng định dạng TOML"),
        (b'[office]\ntimezone = "Mars/Base"\n', "múi giờ"),
        (b"[database]\nbusy_timeout_ms = 5\n", "database.busy_timeout_ms"),
        (b"\xff\xfe", "UTF-8"),
    ],
)
def test_broken_file_gives_a_vietnamese_message(paths: Paths, content: bytes, message: str) -> None:
    paths.settings_file.write_bytes(content)
    with pytest.raises(ConfigError, match="Tệp cài đặt") as error:
        load_settings(paths)
    assert message in error.value.message


def test_paths_follow_kiosk_home(tmp_path: Path) -> None:
    paths = Paths.from_environment({"KIOSK_HOME": str(tmp_path / "kh")})
    assert paths.data_dir == tmp_path / "kh" / "data"
    assert paths.config_dir == tmp_path / "kh" / "config"
    assert paths.log_dir == tmp_path / "kh" / "logs"
    assert paths.backup_dir == tmp_path / "kh" / "backups"
    assert paths.settings_file == tmp_path / "kh" / "config" / "settings.toml"


def test_paths_without_kiosk_home_come_from_platformdirs() -> None:
    paths = Paths.from_environment({})
    assert "quay-mot-cua" in str(paths.data_dir)
    assert "quay-mot-cua" in str(paths.config_dir)
    assert paths.backup_dir.parent == paths.data_dir


def test_survey_criteria_are_checked() -> None:
    settings = parse_settings(
        '[survey]\nscale = 3\n[[survey.criteria]]\nkey = "overall"\nlabel = "Chung"\nquestion = "Ổn không?"\n'.encode()
    )
    assert settings.survey.scale == 3 and [c.key for c in settings.survey.criteria] == ["overall"]
    assert len(Settings().survey.criteria) == 5 and Settings().survey.timeout_s == 90
    one = '[[survey.criteria]]\nkey = "{key}"\nlabel = "A"\nquestion = "B"\n'
    for text, problem in (
        ("[survey]\ncriteria = []\n", "ít nhất một tiêu chí"),
        (one.format(key="fees") * 2, "bị trùng: fees"),
        (one.format(key="visits"), "dành cho câu hỏi thêm"),
        (one.format(key="Phí"), "survey.criteria"),
        ("[survey]\nscale = 4\n", "survey.scale"),
    ):
        with pytest.raises(ConfigError, match=problem):
            parse_settings(text.encode())


RECIPIENT = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"  # a valid X25519 public key


@pytest.mark.parametrize(
    "value",
    [
        "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gx",  # a wrong checksum
        "age1",
        f" {RECIPIENT}",
        "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSKHN9PC",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHZ thanh@may",
        "khoá của anh Minh",
    ],
)
def test_a_backup_key_that_is_not_an_age_public_key_is_refused(paths: Paths, value: str) -> None:
    paths.settings_file.write_text(f'[backup]\nsecond_dir = "/media/usb"\nrecipient = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(paths)
    assert error.value.message == (
        f"Tệp cài đặt {paths.settings_file}: backup.recipient «{value.strip()}» không phải khoá công khai age "
        "(dạng age1…, do lệnh «kiosk backup key new» in ra)."
    )


def test_a_backup_key_is_kept_and_none_is_the_default(paths: Paths) -> None:
    assert Settings().backup.recipient == ""
    paths.settings_file.write_text(f'[backup]\nrecipient = "{RECIPIENT}"\n', encoding="utf-8")
    settings = load_settings(paths)
    assert settings.backup.recipient == RECIPIENT
    save_settings(paths, settings)
    assert load_settings(paths) == settings
