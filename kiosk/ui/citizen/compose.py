"""Typing Vietnamese on the touch keyboard: tone marks and the letters ă â đ ê ô ơ ư applied to the word being typed.

Pure functions on text (no Qt), NFC in and out. A tone key puts its mark on the right vowel of the last word with the
modern placement rule (the one of the current school books and of most fonts' samples, "hoá", "thuỷ", "quý"):

1. a vowel that carries a hat, breve or horn (ă â ê ô ơ ư) takes the tone; of two ("ươ"), the second;
2. the "u" of "qu" and the "i" of "gi" before another vowel belong to the consonant ("quý", "già");
3. otherwise one vowel takes it; before a final consonant the last vowel ("hoàn", "huỳnh"); "oa", "oe", "uy" at the
   end of the word the second ("hoá", "khoẻ", "thuỷ"); any other pair the first ("mái", "của"); three vowels the
   middle one ("ngoài", "khuỷu").

Pressing the same tone again takes it off; another tone replaces it. Letters typed after a tone move it where it
belongs ("thuỳ" + "ê" → "thuyề"). A hatted letter key either adds its letter ("c" + "â" → "câ") or, when adding it
cannot start a Vietnamese syllable but changing the word's plain letter can, changes that letter, as VNI and Telex
users expect ("can" + "â" → "cân", "nguyen" + "ê" → "nguyên", "dang" + "đ" → "đang").
"""

from __future__ import annotations

import unicodedata
from enum import Enum


class Tone(Enum):
    """The five tone marks, as combining characters."""

    SAC = "\u0301"
    HUYEN = "\u0300"
    HOI = "\u0309"
    NGA = "\u0303"
    NANG = "\u0323"


TONE_NAMES = {Tone.SAC: "sắc", Tone.HUYEN: "huyền", Tone.HOI: "hỏi", Tone.NGA: "ngã", Tone.NANG: "nặng"}
VIETNAMESE_LETTERS = "ăâđêôơư"
_MARKS = frozenset(t.value for t in Tone)
_VOWELS = frozenset("aăâeêioôơuưy")
_HATTED = frozenset("ăâêôơư")
_BASE = {"ă": "aăâ", "â": "aăâ", "ê": "eê", "ô": "oôơ", "ơ": "oôơ", "ư": "uư"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INITIALS = (
    *("", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"),
    *("p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"),
)
#: Vowel groups that may be followed by a final consonant (c, ch, m, n, ng, nh, p, t) …
_TAKE_FINAL = _words("a ă â e ê i o ô ơ u ư oa oă oe oo uâ uê uô uơ uy ươ iê yê uyê")
#: … and those that end the syllable.
_CLUSTERS = _TAKE_FINAL | _words(
    "y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu oai oay oeo uây uôi uya uyu ươi ươu yêu"
)
_CLUSTER_STARTS = frozenset(c[:n] for c in _CLUSTERS for n in range(len(c) + 1))
_FINAL_STARTS = frozenset(f[:n] for f in ("c", "ch", "m", "n", "ng", "nh", "p", "t") for n in range(1, len(f) + 1))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def apply_tone(text: str, tone: Tone) -> str:
    """``text`` with ``tone`` on its last word ("hoa" + sắc → "hoá"); the same tone again takes it off.

    Nothing changes when the text does not end in a word with a vowel.
    """
    head, word = _last_word(nfc(text))
    bare, current = strip_tone(word)
    if _tone_position(bare) is None:
        return nfc(text)
    return head + place_tone(bare, None if current is tone else tone)


def type_letter(text: str, letter: str) -> str:
    """``text`` after one key: a letter, a digit or a space. Hatted letters may change the last word's plain letter
    (see the module's notes); the last word's tone is placed again."""
    text = nfc(text)
    if not letter.isalpha():
        return text + letter
    head, word = _last_word(text)
    bare, tone = strip_tone(word)
    bare = _with_hatted(bare, letter) if letter.lower() in VIETNAMESE_LETTERS else nfc(bare + letter)
    return head + place_tone(bare, tone)


def backspace(text: str) -> str:
    """``text`` without its last character (a letter with its marks goes at once)."""
    shorter = nfc(text)[:-1]
    head, word = _last_word(shorter)
    bare, tone = strip_tone(word)
    return head + place_tone(bare, tone)


def strip_tone(word: str) -> tuple[str, Tone | None]:
    """The word without its tone mark (hats, breves and horns kept), and the tone it had."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [Tone(ch) for ch in decomposed if ch in _MARKS]
    bare = "".join(ch for ch in decomposed if ch not in _MARKS)
    return nfc(bare), (tones[-1] if tones else None)


def place_tone(bare: str, tone: Tone | None) -> str:
    """``bare`` (a word without tone) with ``tone`` on the vowel the modern rule picks; NFC."""
    position = _tone_position(bare)
    if tone is None or position is None:
        return nfc(bare)
    decomposed = unicodedata.normalize("NFD", bare[position]) + tone.value
    return nfc(bare[:position] + nfc(decomposed) + bare[position + 1 :])


def _tone_position(bare: str) -> int | None:
    low = bare.lower()
    start = 2 if low[:2] in ("qu", "gi") and len(low) > 2 and low[2] in _VOWELS else 0
    first = next((i for i in range(start, len(low)) if low[i] in _VOWELS), None)
    if first is None:
        return None
    end = first
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    cluster = range(first, end)
    hatted = [i for i in cluster if low[i] in _HATTED]
    if hatted:
        return hatted[-1]
    if len(cluster) == 1:
        return first
    if end < len(low):  # a final consonant follows
        return end - 1
    if len(cluster) == 2:
        return first + 1 if low[first:end] in ("oa", "oe", "uy") else first
    return first + 1


def _last_word(text: str) -> tuple[str, str]:
    """The text before the word being typed, and that word (the letters at the very end)."""
    start = len(text)
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[:start], text[start:]


def _with_hatted(bare: str, letter: str) -> str:
    """``bare`` after a hatted letter key: the letter added, or the word's plain letter changed into it."""
    appended = nfc(bare + letter)
    if not bare or possible_syllable(appended.lower()):
        return appended
    changed = _changed(bare, letter)
    if changed is not None and possible_syllable(changed.lower()):
        return changed
    return appended


def _changed(bare: str, letter: str) -> str | None:
    """``bare`` with its last plain letter that ``letter`` can come from changed into it ("nguoi" + ư → "ngươi")."""
    low, key = bare.lower(), letter.lower()
    chars = list(bare)

    def put(index: int, new: str) -> None:
        chars[index] = new.upper() if chars[index].isupper() else new

    if key == "đ":
        if not low.startswith("d"):
            return None
        put(0, "đ")
        return "".join(chars)
    index = max((i for i, ch in enumerate(low) if ch in _BASE[key]), default=None)
    if index is None:
        return None
    put(index, key)
    if key == "ơ" and index > 0 and low[index - 1] in "uư":  # "uo" → "ươ", one key as in Telex
        put(index - 1, "ư")
    if key == "ư" and index + 1 < len(low) and low[index + 1] in "oôơ":
        put(index + 1, "ơ")
    return "".join(chars)


def possible_syllable(word: str) -> bool:
    """Whether ``word`` (lower case, no tone) can be, or begin, a Vietnamese syllable."""
    if any(initial.startswith(word) for initial in _INITIALS):
        return True
    return any(word.startswith(initial) and _possible_rhyme(word[len(initial) :]) for initial in _INITIALS)


def _possible_rhyme(rest: str) -> bool:
    split = 0
    while split < len(rest) and rest[split] in _VOWELS:
        split += 1
    vowels, final = rest[:split], rest[split:]
    if not final:
        return vowels in _CLUSTER_STARTS
    return vowels in _TAKE_FINAL and final in _FINAL_STARTS
