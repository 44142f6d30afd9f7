"""The chime: a real WAV made on the spot, played by whatever the machine has, never in the way of a call."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from kiosk.ui.citizen import chime as chime_module
from kiosk.ui.citizen.chime import Chime, chime_wav, player_command


def test_the_chime_is_a_short_mono_wav() -> None:
    with wave.open(io.BytesIO(chime_wav())) as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, 16_000)
        seconds = file.getnframes() / file.getframerate()
        frames = file.readframes(file.getnframes())
    assert 1.0 <= seconds <= 1.5
    loudest = max(abs(int.from_bytes(frames[i : i + 2], "little", signed=True)) for i in range(0, len(frames), 2))
    assert 5_000 < loudest < 32_767  # audible, never clipped


def test_the_first_player_found_is_used(tmp_path: Path) -> None:
    wav = tmp_path / "chime.wav"
    found = {"aplay": "/usr/bin/aplay", "afplay": "/usr/bin/afplay"}
    assert player_command(wav, found.get) == ["/usr/bin/aplay", "-q", str(wav)]
    assert player_command(wav, {"paplay": "/usr/bin/paplay", **found}.get) == ["/usr/bin/paplay", str(wav)]
    assert player_command(wav, lambda _name: None) is None


def test_without_a_player_the_beep_stands_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beeps: list[int] = []
    monkeypatch.setattr(chime_module, "player_command", lambda _path: None)
    monkeypatch.setattr(chime_module.sys, "platform", "linux")
    Chime(tmp_path / "data", lambda: beeps.append(1)).play()
    assert beeps == [1] and (tmp_path / "data" / "chime.wav").read_bytes() == chime_wav()


def test_a_player_that_cannot_start_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chime_module, "player_command", lambda path: [str(tmp_path / "no-such-player"), str(path)])
    monkeypatch.setattr(chime_module.sys, "platform", "linux")
    Chime(tmp_path, lambda: None).play()  # logged, not raised: the call goes on
