"""What the feedback register holds, as the desk, the command line and the reports see it: the kinds, channels and
states with their Vietnamese labels, the input as typed and its checks, the views of a feedback and its steps.

The service that records and handles feedback is :mod:`kiosk.services.feedback`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from kiosk.errors import InvalidInput, KioskError
from kiosk.services import validation
from kiosk.text import clean_line, clean_paragraph, fold

CONTENT_MAX = 4_000
ANSWER_MAX = 4_000
NOTE_MAX = validation.REASON_MAX
OFFICE_MAX = 200
CODE_MAX = 60  # a dossier code: an agency identifier (≤ 35) + "-YYMMDD-XXXX"
NUMBER_MAX = 999_999
LIST_LIMIT = 500
#: What an erased name reads as (an anonymous feedback keeps its empty name).
ERASED = "(đã xoá theo thời hạn lưu)"


class FeedbackKind(StrEnum):
    COMPLAINT = "complaint"  # phản ánh
    SUGGESTION = "suggestion"  # kiến nghị


class Channel(StrEnum):
    PHONE = "phone"
    IN_PERSON = "in_person"
    WRITTEN = "written"
    ELECTRONIC = "electronic"


class FeedbackState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


class StepAction(StrEnum):
    RECEIVED = "received"
    FORWARDED = "forwarded"
    NOTE = "note"
    ANSWERED = "answered"


class Standing(StrEnum):
    """Where a feedback stands against its deadline, as the list colours it."""

    WITHIN_TIME = "within_time"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    ANSWERED_ON_TIME = "answered_on_time"
    ANSWERED_LATE = "answered_late"


class Show(StrEnum):
    """The list's filter buttons."""

    OPEN = "open"  # Đang xử lý (overdue included)
    OVERDUE = "overdue"
    ANSWERED = "answered"
    ALL = "all"


KIND_LABELS = {FeedbackKind.COMPLAINT: "Phản ánh", FeedbackKind.SUGGESTION: "Kiến nghị"}
CHANNEL_LABELS = {
    Channel.PHONE: "Điện thoại",
    Channel.IN_PERSON: "Trực tiếp tại quầy",
    Channel.WRITTEN: "Văn bản, thư",
    Channel.ELECTRONIC: "Điện tử (thư điện tử, cổng dịch vụ công)",
}
STEP_LABELS = {
    StepAction.RECEIVED: "Tiếp nhận",
    StepAction.FORWARDED: "Chuyển xử lý",
    StepAction.NOTE: "Ghi chú",
    StepAction.ANSWERED: "Trả lời",
}
STANDING_LABELS = {
    Standing.WITHIN_TIME: "Đang xử lý, trong hạn",
    Standing.DUE_TODAY: "Đến hạn trả lời hôm nay",
    Standing.OVERDUE: "Quá hạn trả lời",
    Standing.ANSWERED_ON_TIME: "Đã trả lời đúng hạn",
    Standing.ANSWERED_LATE: "Đã trả lời quá hạn",
}
SHOW_LABELS = {Show.OPEN: "Đang xử lý", Show.OVERDUE: "Quá hạn", Show.ANSWERED: "Đã trả lời", Show.ALL: "Tất cả"}


# -- input -------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackInput:
    """What the clerk types: everything but the content may be left as it is."""

    kind: str  # complaint | suggestion
    channel: str  # phone | in_person | written | electronic
    content: str
    citizen_name: str = ""  # empty: anonymous
    phone: str = ""
    dossier_code: str = ""


@dataclass(frozen=True)
class CheckedInput:
    kind: FeedbackKind
    channel: Channel
    citizen_name: str
    phone: str | None
    dossier_code: str
    content: str


def _citizen_name(value: str) -> str:
    """A person's name, or an organisation's (a school may complain too); empty when the citizen gives none."""
    if not value.strip():
        return ""
    try:
        return validation.person_name(value, field="citizen_name")
    except InvalidInput as as_person:
        try:
            return validation.organisation_name(value, field="citizen_name")
        except InvalidInput:
            raise as_person from None


def _kind(d: FeedbackInput) -> FeedbackKind:
    return validation.member(FeedbackKind, d.kind, field="kind", label="Loại (phản ánh / kiến nghị)")


def _channel(d: FeedbackInput) -> Channel:
    return validation.member(Channel, d.channel, field="channel", label="Hình thức tiếp nhận")


def _name(d: FeedbackInput) -> str:
    return _citizen_name(d.citizen_name)


def _phone(d: FeedbackInput) -> str | None:
    return validation.phone(d.phone) if d.phone.strip() else None


def _code(d: FeedbackInput) -> str:
    return clean_line(d.dossier_code, field="dossier", label="Mã hồ sơ", max_length=CODE_MAX, required=False)


def _content(d: FeedbackInput) -> str:
    return clean_paragraph(d.content, field="content", label="Nội dung phản ánh, kiến nghị", max_length=CONTENT_MAX)


#: Each field's check, in the form's order: the clean value, or InvalidInput naming the field.
_CHECKS: tuple[Callable[[FeedbackInput], object], ...] = (_kind, _channel, _name, _phone, _code, _content)


def checked_input(d: FeedbackInput) -> CheckedInput:
    return CheckedInput(_kind(d), _channel(d), _name(d), _phone(d), _code(d), _content(d))


def feedback_problems(data: FeedbackInput) -> dict[str, str]:
    """Every field at fault with its message, keyed by the error's field (kind, channel, citizen_name, phone,
    dossier, content), for a form that shows them next to their fields. Whether the dossier exists is only known
    when recording."""
    problems: dict[str, str] = {}
    for check in _CHECKS:
        try:
            check(data)
        except KioskError as exc:
            problems[exc.field or ""] = exc.message
    return problems


# -- what the service returns ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackStepView:
    seq: int
    at: datetime
    action: StepAction
    username: str
    user_full_name: str
    office: str | None
    text: str


@dataclass(frozen=True)
class FeedbackRow:
    """One line of the register."""

    id: UUID
    year: int
    number: int
    kind: FeedbackKind
    channel: Channel
    received_at: datetime
    citizen_name: str
    phone: str | None
    content: str
    dossier_code: str | None
    due_date: date
    state: FeedbackState
    answered_at: datetime | None
    standing: Standing  # as of the day the row was read

    @property
    def label(self) -> str:
        """How the number is written and read out: "12/2026"."""
        return f"{self.number}/{self.year}"

    @property
    def answered_on_time(self) -> bool | None:
        if self.state is not FeedbackState.ANSWERED:
            return None
        return self.standing is Standing.ANSWERED_ON_TIME


@dataclass(frozen=True)
class FeedbackView(FeedbackRow):
    """One feedback with its handling."""

    username: str  # who recorded it
    user_full_name: str
    answer: str | None
    personal_erased_at: datetime | None
    steps: tuple[FeedbackStepView, ...]
    #: Why the deadline falls where it does ("10 ngày làm việc; không tính 24/11 – Ngày Văn hóa Việt Nam"); empty
    #: when the calendar or the number of days changed since it was recorded.
    deadline_note: str = ""

    @property
    def office(self) -> str | None:
        """The office it was last forwarded to."""
        return next((s.office for s in reversed(self.steps) if s.action is StepAction.FORWARDED), None)


@dataclass(frozen=True)
class FeedbackFilter:
    show: Show = Show.OPEN
    first: date | None = None  # received from this day …
    last: date | None = None  # … to this one (office days)
    #: A number ("12", "12/2026"), or words of the name, phone, content or dossier code (diacritics optional).
    text: str = ""


def on_time(answered_at: datetime, due: date, zone: ZoneInfo) -> bool:
    """Answered on or before the deadline, in office time: the one place this is decided."""
    return answered_at.astimezone(zone).date() <= due


def parse_number(text: str) -> tuple[int, int | None] | None:
    """ "12" → (12, None), "12/2026" or "số 12/2026" → (12, 2026); None when the text is not a number."""
    found = re.fullmatch(r"(?:so\s*)?(\d{1,7})(?:\s*/\s*(\d{4}))?", " ".join(fold(text).split()))
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2)) if found.group(2) else None


# -- the service -------------------------------------------------------------------------------------------------------
