"""What the citizen is asked: the levels of the two scales, their words, and the questions built from settings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.config import SurveySettings


class Level(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NEUTRAL = "neutral"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"
    NOT_APPLICABLE = "not_applicable"


LEVEL_LABELS = {
    Level.VERY_SATISFIED: "Rất hài lòng",
    Level.SATISFIED: "Hài lòng",
    Level.NEUTRAL: "Bình thường",
    Level.DISSATISFIED: "Không hài lòng",
    Level.VERY_DISSATISFIED: "Rất không hài lòng",
    Level.NOT_APPLICABLE: "Không áp dụng",
}
SCALES: dict[int, tuple[Level, ...]] = {
    5: (Level.VERY_SATISFIED, Level.SATISFIED, Level.NEUTRAL, Level.DISSATISFIED, Level.VERY_DISSATISFIED),
    3: (Level.VERY_SATISFIED, Level.SATISFIED, Level.DISSATISFIED),
}
#: The levels counted as satisfied, on either scale.
SATISFIED_LEVELS = frozenset({Level.VERY_SATISFIED, Level.SATISFIED})
RATED_LEVELS = SCALES[5]


class Kind(StrEnum):
    RATING = "rating"  # faces, one of the scale's levels
    COUNT = "count"  # 1, 2, 3 or more (Circular 01/2018 Art. 13)


@dataclass(frozen=True)
class Choice:
    value: str  # a Level's value, or "1" / "2" / "3" for counts
    label: str


@dataclass(frozen=True)
class Question:
    key: str
    label: str  # the report's line
    text: str  # what the screen asks
    kind: Kind
    choices: tuple[Choice, ...]

    def accepts(self, value: str) -> bool:
        return any(c.value == value for c in self.choices)


VISITS = "visits"
AGENCIES = "agencies"
_COUNTS = (
    (VISITS, "Số lần đến nộp, bổ sung hồ sơ", "Ông/Bà đã phải đến nộp, bổ sung hồ sơ mấy lần?", "lần"),
    (AGENCIES, "Số cơ quan phải liên hệ", "Ông/Bà đã phải liên hệ mấy cơ quan, đơn vị?", "cơ quan"),
)


def survey_questions(settings: SurveySettings) -> tuple[Question, ...]:
    """The questions in the order they are asked: the criteria, then the two counts when they are switched on."""
    scale = tuple(Choice(level.value, LEVEL_LABELS[level]) for level in SCALES[settings.scale])
    na = Choice(Level.NOT_APPLICABLE.value, LEVEL_LABELS[Level.NOT_APPLICABLE])
    questions = [
        Question(c.key, c.label, c.question, Kind.RATING, (*scale, na) if c.allow_na else scale)
        for c in settings.criteria
    ]
    if settings.extra_questions:
        for key, label, text, unit in _COUNTS:
            choices = (Choice("1", f"1 {unit}"), Choice("2", f"2 {unit}"), Choice("3", f"3 {unit} trở lên"))
            questions.append(Question(key, label, text, Kind.COUNT, choices))
    return tuple(questions)
