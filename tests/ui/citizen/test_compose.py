"""Typing Vietnamese on the touch keyboard: tones placed by the modern rule on real words, hatted letters, NFC."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.text import fold
from kiosk.ui.citizen.compose import Tone, apply_tone, backspace, place_tone, possible_syllable, strip_tone, type_letter

SAC, HUYEN, HOI, NGA, NANG = Tone.SAC, Tone.HUYEN, Tone.HOI, Tone.NGA, Tone.NANG


def typed(keys: str, start: str = "") -> str:
    text = start
    for key in keys:
        text = type_letter(text, key)
    return text


@pytest.mark.parametrize(
    ("word", "tone", "expected"),
    [
        # the brief's own examples
        ("hoa", SAC, "hoá"),
        ("quy", HOI, "quỷ"),
        ("nguyên", NGA, "nguyễn"),
        ("nguyen", NGA, "nguyẽn"),  # without its hat, the tone goes on the last vowel before the final n
        # one vowel
        ("ca", SAC, "cá"),
        ("me", HUYEN, "mè"),
        ("gi", HUYEN, "gì"),
        ("ơn", HUYEN, "ờn"),
        # a hatted vowel takes the tone; of ươ, the ơ
        ("tiêng", SAC, "tiếng"),
        ("viêt", NANG, "việt"),
        ("trương", HUYEN, "trường"),
        ("ngươi", HUYEN, "người"),
        ("rươu", NANG, "rượu"),
        ("hưu", NGA, "hữu"),
        ("lưa", HOI, "lửa"),
        ("tuôi", HOI, "tuổi"),
        ("muôn", SAC, "muốn"),
        ("thuê", SAC, "thuế"),
        ("tuân", HUYEN, "tuần"),
        ("xoăn", SAC, "xoắn"),
        ("yêu", SAC, "yếu"),
        ("khuyên", SAC, "khuyến"),
        ("thuơ", HOI, "thuở"),
        # qu and gi belong to the consonant
        ("qua", SAC, "quá"),
        ("quôc", SAC, "quốc"),
        ("quyên", HUYEN, "quyền"),
        ("gia", HUYEN, "già"),
        ("giưa", NGA, "giữa"),
        ("giêng", SAC, "giếng"),
        ("giup", SAC, "giúp"),
        # oa, oe, uy at the end of a word: the second vowel (modern); other pairs: the first
        ("hoa", HUYEN, "hoà"),
        ("khoe", HOI, "khoẻ"),
        ("thuy", HOI, "thuỷ"),
        ("tuy", HUYEN, "tuỳ"),
        ("uy", HOI, "uỷ"),
        ("mai", SAC, "mái"),
        ("chao", SAC, "cháo"),
        ("tau", HUYEN, "tàu"),
        ("may", SAC, "máy"),
        ("keo", SAC, "kéo"),
        ("mia", SAC, "mía"),
        ("cua", HOI, "của"),
        ("mua", HUYEN, "mùa"),
        ("tui", SAC, "túi"),
        ("nghia", NGA, "nghĩa"),
        ("toi", SAC, "tói"),
        # before a final consonant: the last vowel
        ("hoan", HUYEN, "hoàn"),
        ("toan", SAC, "toán"),
        ("hoach", NANG, "hoạch"),
        ("huynh", HUYEN, "huỳnh"),
        ("xoong", SAC, "xoóng"),
        # three vowels: the middle one
        ("ngoai", HUYEN, "ngoài"),
        ("xoay", SAC, "xoáy"),
        ("khuyu", HOI, "khuỷu"),
        ("ngoeo", NANG, "ngoẹo"),
        # capitals keep their case
        ("Viêt", NANG, "Việt"),
        ("HOA", SAC, "HOÁ"),
    ],
)
def test_tones_go_where_the_modern_rule_puts_them(word: str, tone: Tone, expected: str) -> None:
    result = apply_tone(word, tone)
    assert result == unicodedata.normalize("NFC", expected) and unicodedata.is_normalized("NFC", result)


def test_a_tone_applies_to_the_last_word_only() -> None:
    assert apply_tone("cap ban sao", SAC) == "cap ban sáo"
    assert apply_tone("cấp bản sao van bang", HUYEN) == "cấp bản sao van bàng"
    assert apply_tone("cap ban ", SAC) == "cap ban "  # nothing being typed
    assert apply_tone("", SAC) == "" and apply_tone("str", SAC) == "str"  # no vowel
    assert apply_tone("1.010", SAC) == "1.010"


def test_another_tone_replaces_the_first_and_the_same_one_takes_it_off() -> None:
    assert apply_tone("má", HUYEN) == "mà"
    assert apply_tone(apply_tone("hoa", SAC), SAC) == "hoa"
    assert apply_tone("người", HUYEN) == "ngươi"
    assert strip_tone("nguyễn") == ("nguyên", NGA) and strip_tone("ha") == ("ha", None)


def test_letters_typed_after_a_tone_move_it_where_it_belongs() -> None:
    thuy = apply_tone("thuy", HUYEN)
    assert thuy == "thuỳ"
    assert typed("ên", thuy) == "thuyền"
    assert typed("n", apply_tone("hoa", SAC)) == "hoán"
    assert typed("c", apply_tone("hoa", NANG)) == "hoạc"
    assert typed("ng", apply_tone("tuo", HUYEN)) == "tuòng"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("câ", "câ"),  # a hatted letter is first of all a letter
        ("cân", "cân"),
        ("canâ", "cân"),  # … unless adding it cannot start a syllable: then it changes the plain one (VNI style)
        ("nguyenê", "nguyên"),
        ("nguoiư", "ngươi"),
        ("nguoiơ", "ngươi"),
        ("truongư", "trương"),
        ("dangđ", "đang"),
        ("dđ", "đ"),
        ("đi", "đi"),
        ("toô", "tô"),
        ("caă", "că"),
        ("thuyê", "thuyê"),
        ("viêt", "viêt"),
        ("bxâ", "bxâ"),  # not a Vietnamese word at all: the letter is simply added
    ],
)
def test_hatted_letters_are_added_or_change_the_plain_letter(keys: str, expected: str) -> None:
    assert typed(keys) == expected


def test_typing_a_whole_name_with_tones_after_the_words() -> None:
    text = typed("nguyen")
    text = apply_tone(type_letter(text, "ê"), NGA)  # "nguyen" + Ê + ngã
    assert text == "nguyễn"
    text = apply_tone(typed(" van", text), HUYEN)
    assert text == "nguyễn vàn"
    text = apply_tone(typed("an", backspace(backspace(text))), NANG)
    assert text == "nguyễn vạn"


def test_the_tone_stays_on_a_letter_when_a_hat_is_added_to_it() -> None:
    assert type_letter(apply_tone("nguyen", NGA), "ê") == "nguyễn"
    assert type_letter(apply_tone("can", HUYEN), "â") == "cần"


def test_backspace_takes_a_letter_with_its_marks() -> None:
    assert backspace("hoá") == "ho"
    assert backspace("hoán") == "hoá"
    assert backspace("thuyền") == "thuyề"
    assert backspace("a b") == "a " and backspace("") == ""


def test_without_diacritics_the_text_is_what_was_typed() -> None:
    assert typed("cap ban sao") == "cap ban sao"
    assert fold(typed("cap ban sao")) == fold("Cấp bản sao")


def test_what_can_begin_a_syllable() -> None:
    assert all(possible_syllable(w) for w in ("", "ng", "ngh", "nguyê", "nguyên", "qu", "gi", "trươ", "đ", "thuy"))
    assert not any(possible_syllable(w) for w in ("canâ", "dđ", "aiêt", "bx", "tôô", "quyenê"))


def test_place_tone_keeps_text_without_a_vowel() -> None:
    assert place_tone("ng", SAC) == "ng" and place_tone("a", None) == "a"
