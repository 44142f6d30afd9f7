"""What each official A5 form says, built from a dossier or a guidance record; how it is laid out is elsewhere.

A slip is plain data: the corner number of its form set, the agency's header, place and date, title, body lines,
signature blocks and foot notes. Wording follows the annexes of Circular 01/2018/TT-VPCP and Circular
03/2025/TT-VPCP; values the kiosk does not know (a document number the records office gives) stay dotted, to
be written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.config import FormSettings, OfficeSettings
from kiosk.printing.form_sets import FormRole, FormSet, FormSpec
from kiosk.services.catalog_types import FORM_LABELS
from kiosk.services.dossier_views import DossierView, EventView
from kiosk.services.guidance import GuidanceView
from kiosk.services.states import Action
from kiosk.services.timeliness import Timeliness

DOTS = "…………"
SHORT = "……"
SIGN = "(Ký và ghi rõ họ tên)"
SIGN_AND_SEAL = "(Ký, ghi rõ họ tên và đóng dấu)"
COPY_LABELS = ("Liên 1: Lưu tại Bộ phận tiếp nhận và trả kết quả", "Liên 2: Giao người nộp hồ sơ")
STEP_RESULTS = {Timeliness.EARLY: "Trước hạn", Timeliness.ON_TIME: "Đúng hạn", Timeliness.LATE: "Quá hạn"}


@dataclass(frozen=True)
class Line:
    """``label: value``; the value in bold when it is what the reader looks for."""

    label: str
    value: str
    strong: bool = False


@dataclass(frozen=True)
class Text:
    text: str
    strong: bool = False


@dataclass(frozen=True)
class Items:
    """A heading, then the items numbered (1), (2) …"""

    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class HandOver:
    """One row of the control slip: who gave the dossier to whom, when, and how that step stood."""

    giver: str
    receiver: str
    at: str
    result: str = ""
    note: str = ""


@dataclass(frozen=True)
class HandOvers:
    rows: tuple[HandOver, ...]


SlipBlock = Line | Text | Items | HandOvers


@dataclass(frozen=True)
class Signature:
    title: str
    note: str
    name: str = ""


@dataclass(frozen=True)
class Slip:
    spec: FormSpec
    agency: tuple[str, ...]  # the header's left column, top to bottom; the last line is the issuing unit
    place_date: str
    body: tuple[SlipBlock, ...]
    signatures: tuple[Signature, ...] = ()
    number_line: str = ""  # "Số: ……" under the agency, for letters the records office numbers
    subtitle: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    qr: str | None = None
    copies: tuple[str, ...] = ("",)  # one label per copy; each copy starts on a new page
    reference: str = ""  # printed at the foot of every page (the dossier code)


@dataclass(frozen=True)
class SlipContext:
    """What every slip needs besides its dossier: who the desk is, the form set, dates in the office's zone."""

    office: OfficeSettings
    forms: FormSettings
    form_set: FormSet
    zone: ZoneInfo
    close_days: int  # a dossier waiting for a supplement is closed this many days after the notice

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone)

    def place_date(self, at: datetime) -> str:
        place = self.office.place_name or DOTS
        return f"{place}, {long_date(self.local(at).date())}"

    def desk_agency(self) -> tuple[str, ...]:
        return tuple(
            line for line in (self.office.parent_agency, self.office.agency_name, self.office.desk_name) if line
        )

    def agency(self) -> tuple[str, ...]:
        return tuple(line for line in (self.office.parent_agency, self.office.agency_name) if line)

    def head(self) -> Signature:
        return Signature(self.forms.head_title.upper(), SIGN_AND_SEAL, self.forms.head_name)

    def spec(self, role: FormRole) -> FormSpec:
        return self.form_set.spec(role)


def long_date(day: date) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def moment(at: datetime | None, zone: ZoneInfo) -> str:
    if at is None:
        return f"{SHORT} giờ {SHORT} phút, ngày {SHORT}/{SHORT}/{SHORT}"
    local = at.astimezone(zone)
    return f"{local:%H} giờ {local:%M} phút, {long_date(local.date())}"


def receipt_slip(view: DossierView, c: SlipContext, *, book: int, copies: int = 1) -> Slip:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""
    a = view.applicant
    papers = tuple(_paper(d.name, FORM_LABELS[d.form], d.count) for d in view.documents)
    due = moment(view.due_at, c.zone) if view.due_at else "khi có kết quả (thủ tục không quy định thời hạn)"
    delivery = c.office.desk_name if view.delivery == "counter" else f"Địa chỉ nhận qua bưu chính: {a.address or DOTS}"
    contact = [a.phone]
    if a.email:
        contact.append(f"Email: {a.email}")
    if a.id_number:
        contact.append(f"Số định danh cá nhân: {a.id_number}")
    if a.tax_code:
        contact.append(f"Mã số thuế: {a.tax_code}")
    body: list[SlipBlock] = [
        Line("Tiếp nhận hồ sơ của", a.name, strong=True),
        Line("Địa chỉ", a.address or DOTS),
        Line("Số điện thoại", "; ".join(contact)),
        Line("Nội dung yêu cầu giải quyết", view.procedure.name),
        Items("1. Thành phần hồ sơ nộp gồm:", papers),
        Line("2. Số lượng hồ sơ", f"{view.sets:02d} (bộ)"),
        Line("3. Thời gian giải quyết hồ sơ theo quy định là", view.procedure.time_limit().describe()),
        Line("4. Thời gian nhận hồ sơ", moment(view.received_at, c.zone)),
        Line("5. Thời gian trả kết quả giải quyết hồ sơ", due, strong=True),
        Line("6. Đăng ký nhận kết quả tại", delivery),
        Text(f"Vào Sổ theo dõi hồ sơ, Quyển số: {book:02d}, Số thứ tự: {view.ledger_number:02d}"),
    ]
    notes = [
        "Giấy tiếp nhận lập thành 2 liên: một liên kèm Phiếu kiểm soát quá trình giải quyết hồ sơ, lưu tại Bộ phận "
        "tiếp nhận và trả kết quả; một liên giao người nộp hồ sơ."
    ]
    if c.office.hotline:
        notes.append(f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {c.office.hotline}.")
    return Slip(
        c.spec(FormRole.RECEIPT),
        agency=c.desk_agency(),
        place_date=c.place_date(view.received_at),
        subtitle=(f"Mã hồ sơ: {view.code}",),
        body=tuple(body),
        signatures=(
            Signature("NGƯỜI NỘP HỒ SƠ", SIGN, a.name),
            Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN, view.clerk_name),
        ),
        notes=tuple(notes),
        qr=view.code,
        copies=COPY_LABELS if copies == 2 else ("",),
        reference=view.code,
    )


def supplement_slip(view: DossierView, event: EventView, c: SlipContext) -> Slip:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ for a dossier already received (the time limit restarts)."""
    missing = tuple(str(m) for m in event.data.get("missing", ()))
    body: list[SlipBlock] = [
        Line("Hồ sơ của", view.applicant.name, strong=True),
        Line("Mã hồ sơ", view.code),
        Line("Nội dung yêu cầu giải quyết", view.procedure.name),
        Text(
            f"Ngày {view.received_at.astimezone(c.zone):%d/%m/%Y}, {c.office.desk_name} đã tiếp nhận hồ sơ của "
            "Ông/Bà/tổ chức. Sau khi xem xét, đề nghị Ông/Bà/tổ chức bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"
        ),
        Items("", missing),
        Line("Lý do", event.reason or DOTS),
    ]
    if c.form_set.key == "2025":
        days = c.close_days
        body.append(
            Text(
                f"Sau {days} ngày kể từ ngày nhận được phiếu này mà Ông/Bà/tổ chức không bổ sung, hoàn thiện hồ sơ "
                "thì hồ sơ được đóng và trả lại theo quy định."
            )
        )
    body += _supplement_foot(c)
    return Slip(
        c.spec(FormRole.SUPPLEMENT_REQUEST),
        agency=c.desk_agency(),
        place_date=c.place_date(event.at),
        body=tuple(body),
        signatures=(Signature("NGƯỜI HƯỚNG DẪN", SIGN, event.user_full_name),),
        reference=view.code,
    )


def intake_supplement_slip(record: GuidanceView, c: SlipContext) -> Slip:
    """The same form handed over at the counter, before any dossier exists (the papers were not complete)."""
    body: list[SlipBlock] = [
        Line("Hồ sơ của", record.applicant_name, strong=True),
        Line("Nội dung yêu cầu giải quyết", record.procedure_name or DOTS),
        Text(
            f"Ngày {record.at.astimezone(c.zone):%d/%m/%Y}, {c.office.desk_name} đã kiểm tra hồ sơ của Ông/Bà/tổ chức. "
            "Để hồ sơ được tiếp nhận, đề nghị Ông/Bà/tổ chức bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"
        ),
        Items("", record.missing),
        Line("Lý do", record.reason),
        *_supplement_foot(c),
    ]
    return Slip(
        c.spec(FormRole.SUPPLEMENT_REQUEST),
        agency=c.desk_agency(),
        place_date=c.place_date(record.at),
        body=tuple(body),
        signatures=(Signature("NGƯỜI HƯỚNG DẪN", SIGN, record.user_full_name),),
    )


def refusal_slip(record: GuidanceView, c: SlipContext) -> Slip:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    body: list[SlipBlock] = [Line("Tiếp nhận hồ sơ của", record.applicant_name, strong=True)]
    if record.phone:
        body.append(Line("Số điện thoại", record.phone))
    body += [
        Line("Nội dung yêu cầu giải quyết", record.procedure_name or DOTS),
        Text(
            f"Qua xem xét, {c.office.desk_name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể "
            "như sau:"
        ),
        Text(record.reason, strong=True),
        Text("Xin thông báo để Ông/Bà/tổ chức được biết và thực hiện./."),
    ]
    return Slip(
        c.spec(FormRole.REFUSAL),
        agency=c.desk_agency(),
        place_date=c.place_date(record.at),
        body=tuple(body),
        signatures=(Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", SIGN, record.user_full_name),),
    )


def apology_slip(view: DossierView, event: EventView, c: SlipContext) -> Slip:
    """The apology with a new date (2018), or the apology and extension request (2025)."""
    agency = c.office.agency_name
    old, new = (date.fromisoformat(str(event.data[k])) for k in ("old_due_date", "new_due_date"))
    body: list[SlipBlock] = [
        Line("Kính gửi", view.applicant.name, strong=True),
        Text(
            f"Ngày {view.received_at.astimezone(c.zone):%d/%m/%Y}, {agency} tiếp nhận giải quyết hồ sơ của "
            f"Ông/Bà/tổ chức đề nghị giải quyết thủ tục: {view.procedure.name}; mã hồ sơ: {view.code}."
        ),
        Line("Thời hạn trả kết quả giải quyết hồ sơ", long_date(old)),
        Text(
            f"Tuy nhiên, {agency} không thể trả kết quả giải quyết hồ sơ của Ông/Bà/tổ chức đúng thời hạn ghi trên "
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
        ),
        Line("Lý do", event.reason or DOTS),
    ]
    if c.form_set.key == "2018":
        body.append(
            Text(
                f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà/tổ chức. {agency} xin lỗi Ông/Bà/tổ chức và sẽ trả kết "
                f"quả giải quyết hồ sơ cho Ông/Bà/tổ chức vào {long_date(new)}."
            )
        )
    else:
        body.append(
            Text(
                f"{agency} trân trọng xin lỗi Ông/Bà/tổ chức và đề nghị gia hạn thời gian giải quyết hồ sơ đến "
                f"{long_date(new)}."
            )
        )
    body.append(Line("Ngày hẹn trả kết quả mới", long_date(new), strong=True))
    body.append(Text("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà/tổ chức./."))
    return _letter(FormRole.APOLOGY, view, event, body, c)


def stop_notice(view: DossierView, event: EventView, c: SlipContext) -> Slip:
    """Thông báo dừng giải quyết hồ sơ, at the applicant's request (2025 set only)."""
    agency = c.office.agency_name
    body: list[SlipBlock] = [
        Line("Kính gửi", view.applicant.name, strong=True),
        Text(
            f"Ngày {event.at.astimezone(c.zone):%d/%m/%Y}, {agency} nhận được đề nghị dừng giải quyết hồ sơ của "
            f"Ông/Bà/tổ chức: mã hồ sơ {view.code}, thủ tục {view.procedure.name}, tiếp nhận "
            f"ngày {view.received_at.astimezone(c.zone):%d/%m/%Y}."
        ),
        Line("Lý do", event.reason or DOTS),
        Text(
            f"{agency} thông báo dừng giải quyết hồ sơ nêu trên theo đề nghị của Ông/Bà/tổ chức. Hồ sơ đã nộp được "
            f"trả lại tại {c.office.desk_name}."
        ),
        Text("Xin thông báo để Ông/Bà/tổ chức được biết./."),
    ]
    return _letter(FormRole.STOP_NOTICE, view, event, body, c)


def control_slip(view: DossierView, c: SlipContext) -> Slip:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: the hand-overs so far, then rows to fill in by hand."""
    desk = c.office.desk_name
    office = view.office or DOTS
    forward = view.last_event(Action.FORWARD)
    ready = view.last_event(Action.RESULT_READY)
    returned = view.last_event(Action.RETURN)
    result = STEP_RESULTS[view.timeliness] if view.timeliness else ""
    rows = [
        HandOver(desk, office, moment(forward.at if forward else None, c.zone)),
        HandOver(office, DOTS, moment(None, c.zone)),
        HandOver(DOTS, DOTS, moment(None, c.zone)),
        HandOver(office, desk, moment(ready.at if ready else None, c.zone), result),
        HandOver(desk, view.collector or "Người nộp hồ sơ", moment(returned.at if returned else None, c.zone)),
    ]
    due = moment(view.due_at, c.zone) if view.due_at else "không quy định thời hạn"
    body: tuple[SlipBlock, ...] = (
        Line("Kèm theo hồ sơ của", view.applicant.name, strong=True),
        Line("Nội dung yêu cầu giải quyết", view.procedure.name),
        Line("Cơ quan (bộ phận) giải quyết hồ sơ", office),
        Line("Cơ quan phối hợp giải quyết hồ sơ", DOTS),
        Line("Thời gian nhận hồ sơ", moment(view.received_at, c.zone)),
        Line("Thời gian hẹn trả kết quả", due, strong=True),
        HandOvers(tuple(rows)),
    )
    return Slip(
        c.spec(FormRole.CONTROL_SLIP),
        agency=c.desk_agency(),
        place_date=c.place_date(view.received_at),
        subtitle=(f"Mã hồ sơ: {view.code}",),
        body=body,
        signatures=(),
        qr=view.code,
        reference=view.code,
    )


def _letter(role: FormRole, view: DossierView, event: EventView, body: list[SlipBlock], c: SlipContext) -> Slip:
    """A letter in the agency's name: numbered by the records office, signed by the head of the agency."""
    return Slip(
        c.spec(role),
        agency=c.agency(),
        number_line=f"Số: {DOTS}",
        place_date=c.place_date(event.at),
        body=tuple(body),
        signatures=(c.head(),),
        reference=view.code,
    )


def _supplement_foot(c: SlipContext) -> list[SlipBlock]:
    phone = f", số điện thoại {c.office.hotline}," if c.office.hotline else ""
    return [
        Text(
            f"Trong quá trình bổ sung, hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà/tổ chức liên hệ với "
            f"{c.office.desk_name}{phone} để được hướng dẫn."
        ),
        Text("Xin trân trọng cảm ơn./."),
    ]


def _paper(name: str, form: str, count: int) -> str:
    return f"{name}{f' ({form})' if form else ''}: {count:02d} bản"
