"""The legal form sets: which numbered form plays each role, and what it is called.

Forms are named by role in the code; the numbers and some titles differ between the 2018 set (Decree 61/2018,
Circular 01/2018/TT-VPCP) and the 2025 set (Decree 118/2025, Circular 03/2025/TT-VPCP). The domain notes mark the
2025 set as seen in secondary sources, so the set is a setting (``forms.form_set``), 2025 by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.errors import InvalidInput


class FormRole(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP_NOTICE = "stop_notice"
    CONTROL_SLIP = "control_slip"
    LEDGER = "ledger"


@dataclass(frozen=True)
class FormSpec:
    role: FormRole
    form_set: str  # "2018" | "2025"
    number: str  # "01" … as printed in the corner: "Mẫu số 01"
    title: str  # the printed title, in capitals
    name: str  # how the clerk reads it in menus

    @property
    def corner(self) -> str:
        return f"Mẫu số {self.number}"


@dataclass(frozen=True)
class FormSet:
    key: str  # "2018" | "2025"
    basis: str  # the legal texts the forms come from
    forms: tuple[FormSpec, ...]

    def has(self, role: FormRole) -> bool:
        return any(f.role is role for f in self.forms)

    def spec(self, role: FormRole | str) -> FormSpec:
        wanted = parse_role(role)
        for form in self.forms:
            if form.role is wanted:
                return form
        raise InvalidInput(f"Bộ biểu mẫu {self.key} ({self.basis}) không có mẫu «{ROLE_NAMES[wanted]}».", field="role")


ROLE_NAMES = {
    FormRole.RECEIPT: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    FormRole.SUPPLEMENT_REQUEST: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    FormRole.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    FormRole.APOLOGY: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    FormRole.STOP_NOTICE: "Thông báo dừng giải quyết hồ sơ",
    FormRole.CONTROL_SLIP: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    FormRole.LEDGER: "Sổ theo dõi hồ sơ",
}


def _specs(key: str, *forms: tuple[FormRole, str] | tuple[FormRole, str, str]) -> tuple[FormSpec, ...]:
    specs = []
    for role, number, *name in forms:
        title = name[0] if name else ROLE_NAMES[role]
        specs.append(FormSpec(role, key, number, title.upper(), title))
    return tuple(specs)


SETS = {
    "2018": FormSet(
        "2018",
        "Nghị định 61/2018/NĐ-CP, Thông tư 01/2018/TT-VPCP",
        _specs(
            "2018",
            (FormRole.RECEIPT, "01"),
            (FormRole.SUPPLEMENT_REQUEST, "02"),
            (FormRole.REFUSAL, "03"),
            (FormRole.APOLOGY, "04"),
            (FormRole.CONTROL_SLIP, "05"),
            (FormRole.LEDGER, "06"),
        ),
    ),
    "2025": FormSet(
        "2025",
        "Nghị định 118/2025/NĐ-CP, Thông tư 03/2025/TT-VPCP",
        _specs(
            "2025",
            (FormRole.RECEIPT, "01"),
            (FormRole.SUPPLEMENT_REQUEST, "02"),
            (FormRole.REFUSAL, "03"),
            (FormRole.APOLOGY, "04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
            (FormRole.STOP_NOTICE, "05"),
            (FormRole.CONTROL_SLIP, "06"),
            (FormRole.LEDGER, "07"),
        ),
    ),
}


def form_set(key: str) -> FormSet:
    try:
        return SETS[key]
    except KeyError:
        raise InvalidInput(f"Không có bộ biểu mẫu «{key}»; chọn 2025 hoặc 2018.", field="set") from None


def parse_role(value: FormRole | str) -> FormRole:
    try:
        return FormRole(str(value).strip().lower().replace("-", "_"))
    except ValueError:
        roles = ", ".join(r.value for r in FormRole if r is not FormRole.LEDGER)
        raise InvalidInput(f"Không có mẫu «{value}»; các mẫu: {roles}.", field="role") from None
