"""A short two-note chime with each call, through the simplest dependable means the machine has.

PySide6-Essentials has no QtMultimedia. The chime is a small WAV made here (no recording in the repository),
written once into the data folder and played by the system: ``winsound`` on Windows (standard library,
asynchronous), else the first of ``paplay``/``pw-play``/``aplay``/``afplay`` found on the PATH, started and left to
finish on its own; with none of them, Qt's beep. A chime that cannot play is skipped: a call never waits for it.
"""

from __future__ import annotations

import io
import logging
import math
import shutil
import struct
import subprocess
import sys
import wave
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)
RATE = 16_000
NOTES = ((659.25, 0.45), (523.25, 0.75))  # E5 then C5: "ding-dong"
PLAYERS = ("paplay", "pw-play", "aplay", "afplay")


def chime_wav() -> bytes:
    """The chime as 16-bit mono WAV bytes: two soft notes, each fading out."""
    frames = bytearray()
    for frequency, seconds in NOTES:
        count = int(RATE * seconds)
        for i in range(count):
            t = i / RATE
            envelope = math.exp(-4.0 * t / seconds) * min(1.0, i / 160)  # no click at the start
            value = (
                0.35 * envelope * (math.sin(2 * math.pi * frequency * t) + 0.3 * math.sin(4 * math.pi * frequency * t))
            )
            frames += struct.pack("<h", int(max(-1.0, min(1.0, value)) * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(bytes(frames))
    return out.getvalue()


def player_command(path: Path, which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """The command that plays ``path`` on this machine (not Windows), or None when there is no player."""
    for name in PLAYERS:
        found = which(name)
        if found:
            return [found, "-q", str(path)] if name == "aplay" else [found, str(path)]
    return None


class Chime:
    """Plays the chime; ``fallback`` (Qt's beep) when the system has no way to play a sound file."""

    def __init__(self, folder: Path, fallback: Callable[[], None]) -> None:
        self._file = folder / "chime.wav"
        self._fallback = fallback

    def _path(self) -> Path:
        data = chime_wav()
        if not self._file.exists() or self._file.read_bytes() != data:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            self._file.write_bytes(data)
        return self._file

    def play(self) -> None:
        try:
            path = self._path()
            if sys.platform == "win32":
                import winsound

                winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)
                return
            command = player_command(path)
            if command is None:
                self._fallback()
                return
            subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:  # no sound card, a folder that cannot be written: the call goes on without a sound
            log.warning("chime not played: %s", exc)
