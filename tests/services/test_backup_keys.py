"""The supervisor's backup key and the age files, with real keys, real passphrases and real files: what the key file
holds, who can open it, and how a wrong passphrase, a wrong key or a damaged copy is told apart."""

from __future__ import annotations

import os
import stat
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from kiosk.errors import InvalidInput
from kiosk.services import age_files
from kiosk.services.backup_files import LEFTOVER_AGE_S, remove_leftovers
from kiosk.services.backup_keys import (
    check_destination,
    check_passphrase,
    create_key,
    decrypt_backup,
    decrypted,
    key_needs_passphrase,
    load_identity,
    parse_recipient,
)
from tests.conftest import SupervisorKey

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def encrypted_copy(tmp_path: Path, recipient: str, data: bytes) -> Path:
    plain = tmp_path / "kiosk-20261125-090000.sqlite3"
    plain.write_bytes(data)
    target = tmp_path / "kiosk-20261125-090000.sqlite3.age"
    age_files.encrypt(plain, target, parse_recipient(recipient))
    plain.unlink()
    return target


def test_a_new_key_is_written_encrypted_and_opens_with_its_passphrase_only(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    out = usb / "khoa.age"
    passphrase = "Mười ký tự trở lên"
    recipient = create_key(out, passphrase, now=NOW, kiosk_folders=[tmp_path / "home"])
    assert recipient.startswith("age1") and len(recipient) == 62
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    assert data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert b"AGE-SECRET-KEY" not in data and recipient.encode() not in data  # nothing readable without the passphrase
    assert key_needs_passphrase(out)
    assert str(load_identity(out, passphrase).to_public()) == recipient
    # The same words typed in decomposed form (some keyboards) open it too.
    assert str(load_identity(out, unicodedata.normalize("NFD", passphrase)).to_public()) == recipient
    with pytest.raises(InvalidInput, match=r"^Sai mật khẩu của khoá .*khoa\.age"):
        load_identity(out, "Mười ký tự trở lêN")
    assert names(usb) == ["khoa.age"]  # nothing else written beside it


def test_the_key_file_is_an_ordinary_encrypted_age_identity(supervisor_key: SupervisorKey) -> None:
    """What ``age -d -i KEYFILE`` expects: a passphrase-encrypted identity file, with the public key noted."""
    inside = pyrage.passphrase.decrypt(supervisor_key.file.read_bytes(), supervisor_key.passphrase).decode()
    lines = inside.splitlines()
    assert f"# public key: {supervisor_key.recipient}" in lines
    (secret,) = [line for line in lines if line.startswith("AGE-SECRET-KEY-1")]
    assert str(x25519.Identity.from_str(secret).to_public()) == supervisor_key.recipient


def identity_file(tmp_path: Path, key: SupervisorKey) -> Path:
    plain = tmp_path / "identity.txt"
    plain.write_bytes(pyrage.passphrase.decrypt(key.file.read_bytes(), key.passphrase))
    return plain


def test_a_plain_identity_file_opens_without_a_passphrase(supervisor_key: SupervisorKey, tmp_path: Path) -> None:
    plain = identity_file(tmp_path, supervisor_key)
    assert not key_needs_passphrase(plain)
    assert str(load_identity(plain, None).to_public()) == supervisor_key.recipient


@pytest.mark.parametrize("passphrase", ["", "          ", "ngắn quá", "123456789", "mật\ud800khẩu dài dài"])
def test_a_passphrase_needs_ten_characters(passphrase: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_passphrase(passphrase)
    assert raised.value.field == "passphrase" and raised.value.message.startswith("Mật khẩu của khoá")


def test_a_passphrase_of_ten_characters_is_enough_and_used_in_nfc() -> None:
    assert check_passphrase("1234567890") == "1234567890"
    assert check_passphrase(unicodedata.normalize("NFD", "Đà Lạt mù sương")) == "Đà Lạt mù sương"


def test_the_key_file_never_overwrites_nor_goes_into_the_kiosk_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    taken = usb / "co-san.age"
    taken.write_bytes(b"an older key")
    folders = [home / "data", home / "backups", usb / "sao-luu"]
    with pytest.raises(InvalidInput, match=r"Đã có tệp .*co-san.age. Không ghi đè"):
        create_key(taken, "mật khẩu đủ dài", now=NOW, kiosk_folders=folders)
    assert taken.read_bytes() == b"an older key"
    for place in (home / "data" / "khoa.age", usb / "sao-luu" / "khoa.age", home / "data" / ".." / "data" / "k"):
        with pytest.raises(InvalidInput, match=r"Không để tệp khoá trong .*ngoài máy kiosk"):
            check_destination(place, folders)
    link = usb / "loi-tat"
    link.symlink_to(home / "data")
    with pytest.raises(InvalidInput, match="Không để tệp khoá trong"):
        check_destination(link / "khoa.age", folders)
    with pytest.raises(InvalidInput, match=r"Không có thư mục .*chua-cam"):
        check_destination(tmp_path / "chua-cam" / "khoa.age", folders)
    assert check_destination(usb / "khoa.age", folders) == (usb / "khoa.age").resolve()
    assert not (home / "data" / "khoa.age").exists()


def test_recipients(supervisor_key: SupervisorKey) -> None:
    key = supervisor_key.recipient
    assert str(parse_recipient(f" {key} ")) == key
    mistyped = key[:-1] + ("q" if key[-1] != "q" else "p")  # one letter changed: the checksum no longer holds
    for bad in ("", "age1", mistyped, "AGE-SECRET-KEY-1ABC", "ssh-ed25519 AAAA"):
        with pytest.raises(InvalidInput, match="không phải khoá công khai age"):
            parse_recipient(bad)


def test_a_copy_decrypts_to_the_same_bytes(supervisor_key: SupervisorKey, tmp_path: Path) -> None:
    data = os.urandom(3 * age_files.CHUNK + 5)
    copy = encrypted_copy(tmp_path, supervisor_key.recipient, data)
    identity = load_identity(supervisor_key.file, supervisor_key.passphrase)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with decrypted(copy, identity, data_dir) as plain:
        assert plain.parent.parent == data_dir and plain.read_bytes() == data
        assert stat.S_IMODE(plain.parent.stat().st_mode) == 0o700
    assert names(data_dir) == []  # the decrypted copy and its folder are gone


def test_wrong_key_damaged_copy_and_wrong_files_are_told_apart(supervisor_key: SupervisorKey, tmp_path: Path) -> None:
    copy = encrypted_copy(tmp_path, supervisor_key.recipient, os.urandom(200_000))
    identity = load_identity(supervisor_key.file, supervisor_key.passphrase)
    out = tmp_path / "out.sqlite3"

    with pytest.raises(InvalidInput, match=r"^Khoá này không mở được bản sao lưu này \(kiosk-20261125"):
        decrypt_backup(copy, x25519.Identity.generate(), out)
    cut = tmp_path / "cut.age"
    cut.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])
    flipped = tmp_path / "flipped.age"
    data = bytearray(copy.read_bytes())
    data[100_000] ^= 0x01
    flipped.write_bytes(bytes(data))
    header_only = tmp_path / "header.age"
    header_only.write_bytes(copy.read_bytes()[:100])
    for damaged in (cut, flipped, header_only):
        with pytest.raises(InvalidInput, match=rf"^Tệp .*{damaged.name} bị hỏng hoặc chưa chép hết"):
            decrypt_backup(damaged, identity, out)
    sqlite = tmp_path / "plain.sqlite3"
    sqlite.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    for wrong in (sqlite, supervisor_key.file):  # a plain database; the key file given as the backup
        with pytest.raises(InvalidInput, match="không phải bản sao lưu được mã hoá bằng khoá của lãnh đạo"):
            decrypt_backup(wrong, identity, out)
    with pytest.raises(InvalidInput, match=r"Không đọc được tệp .*khong-co.age"):
        decrypt_backup(tmp_path / "khong-co.age", identity, out)
    assert not out.exists()  # never a partial plain file left behind


def test_files_that_are_not_key_files(supervisor_key: SupervisorKey, tmp_path: Path) -> None:
    copy = encrypted_copy(tmp_path, supervisor_key.recipient, b"x" * 100)
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải khoá", encoding="utf-8")
    big = tmp_path / "to.bin"
    big.write_bytes(b"AGE-SECRET-KEY-1" + bytes(100_000))
    for wrong in (copy, text, big):
        with pytest.raises(InvalidInput, match="không phải tệp khoá sao lưu"):
            load_identity(wrong, supervisor_key.passphrase)
    with pytest.raises(InvalidInput, match="Không có tệp khoá"):
        load_identity(tmp_path / "khong-co.age", supervisor_key.passphrase)
    whole = supervisor_key.file.read_bytes()
    for number, part in enumerate((whole[:-80], whole[: len(whole) // 2], whole[:60])):
        cut = tmp_path / f"khoa-{number}.age"
        cut.write_bytes(part)
        with pytest.raises(InvalidInput, match=rf"^Tệp khoá .*{cut.name} bị hỏng hoặc chưa chép hết"):
            load_identity(cut, supervisor_key.passphrase)


@pytest.mark.parametrize("size", [0, 1, age_files.CHUNK - 1, age_files.CHUNK, age_files.CHUNK + 1, 5 * age_files.CHUNK])
def test_the_size_of_an_encrypted_copy_is_known_without_the_key(size: int, supervisor_key: SupervisorKey) -> None:
    sealed = pyrage.encrypt(os.urandom(size), [parse_recipient(supervisor_key.recipient)])
    header = age_files.read_header(sealed)
    assert header is not None and "X25519" in header.stanzas and sealed[header.length - 1 : header.length] == b"\n"
    assert len(sealed) - header.length == age_files.payload_size(size)


def test_a_copy_read_back_wrong_is_found(supervisor_key: SupervisorKey, tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite3"
    plain.write_bytes(os.urandom(150_000))
    target = tmp_path / "copy.age"
    written = age_files.encrypt(plain, target, parse_recipient(supervisor_key.recipient))
    assert written.size == target.stat().st_size
    assert age_files.check_encrypted(target, written, 150_000) is None
    data = bytearray(target.read_bytes())
    data[90_000] ^= 0x40  # a bit the USB disk got wrong
    target.write_bytes(bytes(data))
    assert age_files.check_encrypted(target, written, 150_000) == "bản mã hoá đọc lại khác với những gì đã ghi"
    target.write_bytes(bytes(data[:-10]))  # the end never reached the disk
    assert "dài" in (age_files.check_encrypted(target, written, 150_000) or "")
    target.write_bytes(b"SQLite format 3\x00" + bytes(data[16:]))
    assert age_files.check_encrypted(target, written, 150_000) == "phần đầu của bản mã hoá đọc lại không đúng"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_what_a_killed_restore_left_is_removed_once_old(tmp_path: Path) -> None:
    old, fresh = tmp_path / ".giai-ma-old", tmp_path / ".giai-ma-fresh"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "kiosk.sqlite3").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "kiosk.sqlite3").write_bytes(b"the database itself")
    hours_ago = time.time() - LEFTOVER_AGE_S - 60
    os.utime(old, (hours_ago, hours_ago))
    assert remove_leftovers(tmp_path) == 1
    assert not old.exists() and fresh.exists()  # a restore may be asking "restore?" right now
    assert (tmp_path / "kiosk.sqlite3").exists()
