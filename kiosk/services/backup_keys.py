"""The supervisor's key for the backups that leave the PC: an age key pair (X25519).

The public half, the recipient (``age1…``), goes into the settings (``[backup] recipient``): every copy written to
the second folder is encrypted to it, and the kiosk can write those copies but never read them back. The private
half, the identity, exists only inside a key file encrypted with the supervisor's passphrase (age's scrypt
recipient), in a place the supervisor chooses — their own USB stick — and never in the kiosk's folders. The key
file is an ordinary encrypted age identity file: ``age -d -i KEYFILE kiosk-….sqlite3.age`` opens a copy too.

Errors are :class:`InvalidInput` or :class:`StorageError` with Vietnamese messages naming the file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import pyrage
from pyrage import x25519

from kiosk.errors import InvalidInput, StorageError
from kiosk.services import age_files
from kiosk.services.backup_files import DECRYPTED_PREFIX, reason, remove_leftovers, remove_quietly, sync_folder
from kiosk.text import nfc, require_unicode

PASSPHRASE_MIN = 10
#: A key file is a few hundred bytes; anything much larger is some other file.
KEY_FILE_MAX = 64 * 1024
SECRET_PREFIX = "AGE-SECRET-KEY-1"
NEW_KEY_COMMAND = "kiosk backup key new --out TỆP_KHOÁ"


def check_passphrase(passphrase: str) -> str:
    """The passphrase as it is used (NFC), or InvalidInput saying what it lacks."""
    text = require_unicode(nfc(passphrase), field="passphrase", label="Mật khẩu của khoá")
    if len(text) < PASSPHRASE_MIN or not text.strip():
        raise InvalidInput(
            f"Mật khẩu của khoá cần ít nhất {PASSPHRASE_MIN} ký tự (nên là một câu dễ nhớ, khó đoán).",
            field="passphrase",
        )
    return text


def parse_recipient(text: str) -> x25519.Recipient:
    """An age X25519 public key (``age1…``), or InvalidInput."""
    try:
        return x25519.Recipient.from_str(text.strip())
    except (pyrage.RecipientError, ValueError, UnicodeEncodeError):
        shown = text.strip()[:80]
        raise InvalidInput(
            f"«{shown}» không phải khoá công khai age (dạng age1…, do lệnh «kiosk backup key new» in ra).",
            field="recipient",
        ) from None


def check_destination(out: Path, kiosk_folders: Iterable[Path]) -> Path:
    """Where the key file may go: a new file, outside the kiosk's own folders and the second backup folder.

    Checked before the passphrase is asked, and again when the file is written.
    """
    try:
        place = out.expanduser().resolve()
        exists = out.exists() or out.is_symlink()
    except (OSError, RuntimeError, ValueError) as exc:
        raise InvalidInput(f"Không dùng được đường dẫn {out}: {reason(exc)}.", field="out") from exc
    if exists:
        raise InvalidInput(
            f"Đã có tệp {out}. Không ghi đè lên một tệp có sẵn (có thể là khoá đang mở các bản sao lưu cũ); "
            "hãy chọn tên khác.",
            field="out",
        )
    for folder in kiosk_folders:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            if place.is_relative_to(folder.expanduser().resolve()):
                raise InvalidInput(
                    f"Không để tệp khoá trong {folder}: khoá phải nằm ngoài máy kiosk và ngoài nơi để bản sao lưu "
                    "(ví dụ USB riêng của lãnh đạo).",
                    field="out",
                )
    if not place.parent.is_dir():
        raise InvalidInput(f"Không có thư mục {out.parent} (USB đã cắm chưa?).", field="out")
    return place


def create_key(out: Path, passphrase: str, *, now: datetime, kiosk_folders: Iterable[Path] = ()) -> str:
    """A new key pair: the identity written encrypted with ``passphrase`` into the new file ``out`` and read back
    to be sure it opens; returns the recipient (``age1…``) to put into the settings.
    """
    place = check_destination(out, list(kiosk_folders))
    secret = check_passphrase(passphrase)
    identity = x25519.Identity.generate()
    recipient = str(identity.to_public())
    text = (
        f"# Khoá mở các bản sao lưu của phần mềm Quầy Một Cửa; tạo lúc {now.isoformat(timespec='seconds')}\n"
        f"# public key: {recipient}\n"
        f"{identity}\n"
    )
    sealed = pyrage.passphrase.encrypt(text.encode("utf-8"), secret, armored=True)
    try:
        fd = os.open(place, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(f"Đã có tệp {out}; hãy chọn tên khác.", field="out") from None
    except OSError as exc:
        raise StorageError(f"Không ghi được tệp khoá {out}: {reason(exc)}.") from exc
    try:
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(sealed)
                file.flush()
                os.fsync(file.fileno())
            sync_folder(place.parent)
        except OSError as exc:
            raise StorageError(f"Không ghi được tệp khoá {out}: {reason(exc)}.") from exc
        if _recipient_of(load_identity(place, secret)) != recipient:
            raise StorageError(f"Tệp khoá {out} đọc lại không đúng (ổ đĩa có thể bị lỗi). Hãy dùng USB khác.")
    except BaseException:
        remove_quietly(place)
        raise
    return recipient


def key_needs_passphrase(key_file: Path) -> bool:
    """Whether the key file is passphrase-encrypted (the kiosk's own are), or a plain age identity file."""
    return _is_sealed(_read_key_file(key_file))


def load_identity(key_file: Path, passphrase: str | None) -> x25519.Identity:
    """The identity inside ``key_file``, opened with ``passphrase`` when it is encrypted."""
    data = _read_key_file(key_file)
    if _is_sealed(data):
        try:
            text = pyrage.passphrase.decrypt(data, nfc(passphrase or "")).decode("utf-8", "replace")
        except (pyrage.DecryptError, UnicodeEncodeError) as exc:
            detail = str(exc).lower()
            if "decryption failed" in detail or isinstance(exc, UnicodeEncodeError):  # not this key's passphrase
                raise InvalidInput(
                    f"Sai mật khẩu của khoá {key_file}. Hãy gõ lại (chữ hoa, chữ thường và dấu tiếng Việt phải đúng).",
                    field="passphrase",
                ) from exc
            if "no matching keys" in detail or "header is invalid" in detail or "unknown age format" in detail:
                raise _not_a_key(key_file) from exc
            raise InvalidInput(
                f"Tệp khoá {key_file} bị hỏng hoặc chưa chép hết; hãy dùng một bản sao khác của tệp khoá.",
                field="key",
            ) from exc
    else:
        text = data.decode("utf-8", "replace")
    secrets = [line.strip() for line in text.splitlines() if line.strip().upper().startswith(SECRET_PREFIX)]
    if len(secrets) != 1:
        raise _not_a_key(key_file)
    try:
        return x25519.Identity.from_str(secrets[0])
    except (pyrage.IdentityError, ValueError):
        raise _not_a_key(key_file) from None


def decrypt_backup(encrypted: Path, identity: x25519.Identity, target: Path) -> None:
    """``encrypted`` (a ``….sqlite3.age`` copy) decrypted into the new file ``target``; nothing is left at
    ``target`` when it fails. InvalidInput: the file or the key is wrong; StorageError: ``target`` cannot be written.
    """
    try:
        age_files.decrypt(encrypted, target, [identity])
    except BaseException as exc:
        remove_quietly(target)
        if isinstance(exc, age_files.NotAgeFile):
            raise InvalidInput(
                f"Tệp {encrypted} không phải bản sao lưu được mã hoá bằng khoá của lãnh đạo.", field="file"
            ) from exc
        if isinstance(exc, age_files.WrongKey):
            raise InvalidInput(
                f"Khoá này không mở được bản sao lưu này ({encrypted.name}): bản sao được mã hoá bằng một khoá "
                "khác, có thể là khoá cũ trước khi tạo khoá mới. Hãy dùng tệp khoá của thời điểm tạo bản sao.",
                field="key",
            ) from exc
        if isinstance(exc, age_files.Damaged):
            raise InvalidInput(
                f"Tệp {encrypted} bị hỏng hoặc chưa chép hết (không giải mã được trọn vẹn), không dùng để khôi phục "
                "được. Hãy chọn một bản sao lưu khác.",
                field="file",
            ) from exc
        if isinstance(exc, age_files.Unreadable):
            why = reason(exc.__cause__) if exc.__cause__ is not None else "lỗi đọc"
            raise InvalidInput(f"Không đọc được tệp {encrypted}: {why}.", field="file") from exc
        if isinstance(exc, OSError):
            raise StorageError(f"Không giải mã được vào thư mục {target.parent}: {reason(exc)}.") from exc
        raise


@contextlib.contextmanager
def decrypted(encrypted: Path, identity: x25519.Identity, folder: Path) -> Iterator[Path]:
    """A decrypted copy of ``encrypted`` in a private folder made inside ``folder`` (the kiosk's data folder: the
    plain database is there already), removed with its folder when the block ends, however it ends (and what a
    killed restore left, once it is old, when the next one begins)."""
    remove_leftovers(folder)
    try:
        private = Path(tempfile.mkdtemp(prefix=DECRYPTED_PREFIX, dir=folder))
    except OSError as exc:
        raise StorageError(f"Không tạo được thư mục tạm trong {folder} để giải mã: {reason(exc)}.") from exc
    try:
        plain = private / "kiosk.sqlite3"
        decrypt_backup(encrypted, identity, plain)
        yield plain
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _read_key_file(key_file: Path) -> bytes:
    try:
        if not key_file.is_file():
            raise InvalidInput(f"Không có tệp khoá {key_file}.", field="key")
        with key_file.open("rb") as file:
            data = file.read(KEY_FILE_MAX + 1)
    except OSError as exc:
        raise InvalidInput(f"Không đọc được tệp khoá {key_file}: {reason(exc)}.", field="key") from exc
    if len(data) > KEY_FILE_MAX:
        raise _not_a_key(key_file)
    return data


def _is_sealed(data: bytes) -> bool:
    return data.startswith(age_files.MAGIC) or data.lstrip().startswith(age_files.ARMOR_BEGIN)


def _not_a_key(key_file: Path) -> InvalidInput:
    return InvalidInput(
        f"Tệp {key_file} không phải tệp khoá sao lưu (tệp do lệnh «kiosk backup key new» tạo ra).", field="key"
    )


def _recipient_of(identity: x25519.Identity) -> str:
    return str(identity.to_public())
