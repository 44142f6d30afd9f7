"""A power cut after a kill: what the disk may hold when the PC lost power instead of the program being killed.

The kiosk runs SQLite in WAL mode with ``synchronous = FULL``: a transaction is committed once its last WAL frame (the
commit frame) is written and the WAL fsynced. What a power cut may lose or garble is therefore what came after the
last commit frame: the frames of a transaction under way, and whatever the disk had not written yet. The shared
memory index (``-shm``) never survives a power cut. ``cut_power`` does that to a database whose writer was just
killed: it drops the ``-shm`` and, after the last complete commit in the WAL's current generation, truncates the WAL
or overwrites part of it with random bytes, or both. (Torn pages of the main file during a checkpoint are not
simulated: SQLite writes them only after the WAL that holds them is synced, and replays the WAL on recovery.)

The WAL format (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header holding the page size at
byte 8 and the salts at bytes 16-23; then frames of a 24-byte header (page number, the database size after a
commit or 0, the two salts, the checksums) and one page. A frame belongs to the current generation when its salts
are the header's.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

HEADER, FRAME_HEADER = 32, 24


def last_commit_end(wal: bytes) -> int:
    """The byte just after the last commit frame of the WAL's current generation (the header's end if none)."""
    if len(wal) < HEADER:
        return len(wal)
    page_size = struct.unpack(">I", wal[8:12])[0]
    salts = wal[16:24]
    frame = FRAME_HEADER + page_size
    end, offset = HEADER, HEADER
    while offset + frame <= len(wal):
        header = wal[offset : offset + FRAME_HEADER]
        if header[8:16] != salts:
            break  # an older generation's frame: SQLite stops here too
        if struct.unpack(">I", header[4:8])[0] != 0:
            end = offset + frame
        offset += frame
    return end


def cut_power(db: Path, rng: random.Random) -> str:
    """Do to ``db``'s files what a power cut may do after its writer died; say what was done."""
    Path(f"{db}-shm").unlink(missing_ok=True)
    wal_path = Path(f"{db}-wal")
    if not wal_path.exists():
        return "no WAL; shared memory dropped"
    wal = wal_path.read_bytes()
    safe = last_commit_end(wal)
    if safe >= len(wal):
        return f"WAL ends with a commit ({len(wal)} bytes); shared memory dropped"
    how = rng.choice(("truncated", "garbled", "garbled and truncated"))
    with wal_path.open("r+b") as file:
        if "garbled" in how:
            start = rng.randrange(safe, len(wal))
            length = rng.randrange(1, len(wal) - start + 1)
            file.seek(start)
            file.write(rng.randbytes(length))
        if "truncated" in how:
            file.truncate(rng.randrange(safe, len(wal) + 1))
    return f"WAL {how} after its last commit (byte {safe} of {len(wal)}); shared memory dropped"
