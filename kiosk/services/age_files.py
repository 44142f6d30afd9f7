"""Files in the age format (age-encryption.org/v1) as the backups write and read them, streamed, never whole in memory.

Encryption and decryption run in pyrage (the Rust implementation of age) through Python-level file objects: each
64 KiB chunk passes through Python code, which lets the GUI thread run while a nightly backup is encrypted (pyrage
holds the interpreter lock otherwise), and lets the writer hash exactly the bytes it handed to the disk.

Without the private key nothing can be decrypted — that is the point — but an encrypted copy can still be checked
after it is written: read back from the disk, its bytes must hash to what was written, its header must name an
X25519 recipient, and its length must be exactly what age's STREAM format gives for the plain file's length
(a 16-byte nonce, then the plain text in 64 KiB chunks, each followed by a 16-byte tag).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrage
from pyrage import x25519

MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
CHUNK = 64 * 1024
TAG = 16
NONCE = 16
#: A header this long is not one the kiosk wrote (one X25519 stanza and rage's grease take a few hundred bytes).
HEADER_MAX = 64 * 1024
READ_BLOCK = 1 << 20


class NotAgeFile(Exception):
    """The file does not start like an age file, or its header cannot be read."""


class WrongKey(Exception):
    """None of the identities opens the file: it was encrypted to another key."""


class Damaged(Exception):
    """The file is an age file whose content fails authentication: damaged or cut short."""


class Unreadable(Exception):
    """The encrypted file could not be read (gone, no rights, a disk error); the OSError is the cause."""


@dataclass(frozen=True)
class Header:
    stanzas: tuple[str, ...]  # each recipient stanza's type: "X25519", "scrypt", rage's random grease …
    length: int  # bytes up to and including the MAC line, where the payload begins


@dataclass(frozen=True)
class Written:
    size: int  # bytes handed to the disk
    sha256: bytes  # of those bytes


def looks_encrypted(path: Path) -> bool:
    """Whether the file starts like an age file (binary or armored); OSError when it cannot be read."""
    with path.open("rb") as file:
        start = file.read(len(ARMOR_BEGIN))
    return start.startswith(MAGIC) or start == ARMOR_BEGIN


def read_header(data: bytes) -> Header | None:
    """The header at the start of ``data`` (a binary age file's first bytes), or None when there is none."""
    if not data.startswith(MAGIC):
        return None
    stanzas: list[str] = []
    at = len(MAGIC)
    while True:
        end = data.find(b"\n", at)
        if end < 0:
            return None
        line = data[at:end]
        if line.startswith(b"--- "):
            return Header(tuple(stanzas), end + 1)
        if not line.startswith(b"-> "):
            return None
        args = line[3:].split(b" ")
        if not args[0]:
            return None
        stanzas.append(args[0].decode("ascii", "replace"))
        at = end + 1
        while True:  # the stanza's body: base64 lines, the last one shorter than 64 characters
            end = data.find(b"\n", at)
            if end < 0:
                return None
            body = end - at
            at = end + 1
            if body < 64:
                break


def payload_size(plain: int) -> int:
    """The payload's length for ``plain`` bytes of plain text (the last chunk may be short, never empty unless
    the whole plain text is)."""
    chunks = max(1, -(-plain // CHUNK))
    return NONCE + plain + TAG * chunks


class _Reader(io.BufferedIOBase):
    """A file read for pyrage; keeps the error a read met, which pyrage would turn into its own."""

    def __init__(self, file: io.BufferedReader) -> None:
        super().__init__()
        self._file = file
        self.error: OSError | None = None

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1, /) -> bytes:
        try:
            return self._file.read(size)
        except OSError as exc:
            self.error = exc
            raise


class _Writer(io.BufferedIOBase):
    """A file written for pyrage, hashing what it hands on; keeps the error a write met (a full USB disk): pyrage
    may drop an error met while flushing its last buffer."""

    def __init__(self, file: io.BufferedWriter) -> None:
        super().__init__()
        self._file = file
        self._hash = hashlib.sha256()
        self.size = 0
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview, /) -> int:  # type: ignore[override]
        try:
            count = self._file.write(data)
        except OSError as exc:
            self.error = exc
            raise
        self._hash.update(memoryview(data)[:count])
        self.size += count
        return count

    def flush(self) -> None:
        pass  # the file is flushed and synced once, at the end

    def digest(self) -> bytes:
        return self._hash.digest()


def encrypt(source: Path, target: Path, recipient: x25519.Recipient) -> Written:
    """``source`` encrypted to ``recipient`` into the new file ``target``, flushed to the disk.

    OSError: reading or writing failed (the partial ``target`` is the caller's to remove).
    """
    with source.open("rb") as plain, target.open("xb") as out:
        reader, writer = _Reader(plain), _Writer(out)
        try:
            pyrage.encrypt_io(reader, writer, [recipient])
        except (pyrage.EncryptError, OSError) as exc:
            raise _failure(reader, writer) or OSError(str(exc)) from exc
        failure = _failure(reader, writer)
        if failure is not None:
            raise failure
        out.flush()
        os.fsync(out.fileno())
    return Written(writer.size, writer.digest())


def check_encrypted(path: Path, written: Written, plain_size: int) -> str | None:
    """What is wrong with an encrypted copy as the disk gives it back (in a few Vietnamese words); None: sound.

    The disk's cache is dropped first where the system allows it, so that the bytes come from the medium.
    """
    hasher = hashlib.sha256()
    size = 0
    first = b""
    with path.open("rb", buffering=0) as file:
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        block = bytearray(READ_BLOCK)
        view = memoryview(block)
        while count := file.readinto(block):
            if not first:
                first = bytes(view[: min(count, HEADER_MAX)])
            hasher.update(view[:count])
            size += count
    header = read_header(first)
    if header is None or "X25519" not in header.stanzas or "scrypt" in header.stanzas:
        return "phần đầu của bản mã hoá đọc lại không đúng"
    if size != written.size or size - header.length != payload_size(plain_size):
        return f"bản mã hoá đọc lại dài {size} byte, đáng lẽ {written.size} byte"
    if hasher.digest() != written.sha256:
        return "bản mã hoá đọc lại khác với những gì đã ghi"
    return None


def decrypt(source: Path, target: Path, identities: Sequence[x25519.Identity]) -> None:
    """``source`` decrypted into the new file ``target``, flushed to the disk.

    NotAgeFile, WrongKey, Damaged, Unreadable: what is wrong with ``source``; OSError: ``target`` could not be
    written. The partial ``target`` is the caller's to remove: it is never a sound file when this raises.
    """
    try:
        encrypted = source.open("rb")
    except OSError as exc:
        raise Unreadable(str(source)) from exc
    with encrypted:
        try:
            start = encrypted.read(HEADER_MAX)
        except OSError as exc:
            raise Unreadable(str(source)) from exc
        if not (start.startswith(MAGIC) or start.startswith(ARMOR_BEGIN)):
            raise NotAgeFile(f"{source}: not an age file")
        header = read_header(_dearmored(start) if start.startswith(ARMOR_BEGIN) else start)
        if header is not None and "scrypt" in header.stanzas:
            raise NotAgeFile(f"{source}: encrypted with a passphrase, not to a key")
        encrypted.seek(0)
        with target.open("xb") as out:
            reader, writer = _Reader(encrypted), _Writer(out)
            try:
                pyrage.decrypt_io(reader, writer, list(identities))
            except (pyrage.DecryptError, OSError) as exc:
                if reader.error is not None:
                    raise Unreadable(str(source)) from reader.error
                if writer.error is not None:
                    raise writer.error from exc
                if "no matching keys" in str(exc).lower():
                    raise WrongKey(str(exc)) from exc
                raise Damaged(str(exc)) from exc
            if reader.error is not None:
                raise Unreadable(str(source)) from reader.error
            if writer.error is not None:
                raise writer.error
            out.flush()
            os.fsync(out.fileno())


def _failure(reader: _Reader, writer: _Writer) -> OSError | None:
    """The error the disk gave, when it was the disk (rather than the cipher) that failed."""
    return writer.error or reader.error


def _dearmored(start: bytes) -> bytes:
    """The binary bytes the first lines of an armored (PEM-like) age file stand for, as far as they go."""
    lines = start.splitlines()[1:]
    body = b"".join(
        line.strip() for line in lines[: next((i for i, x in enumerate(lines) if x.startswith(b"-")), None)]
    )
    try:
        return base64.b64decode(body[: len(body) // 4 * 4], validate=True)
    except (binascii.Error, ValueError):
        return b""
