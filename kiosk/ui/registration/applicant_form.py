"""The applicant: a person or an organisation, each field checked as it is typed, the message under the field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.dossier_views import Applicant
from kiosk.services.registration import applicant_problems
from kiosk.text import nfc

FIELDS = ("applicant_name", "id_number", "tax_code", "phone", "address", "email")


class ApplicantForm(QWidget):
    def __init__(self, parent: QWidget | None = None, *, heading: str = "2. Người nộp hồ sơ") -> None:
        super().__init__(parent)
        title = QLabel(heading)
        title.setProperty("role", "heading")
        self.person = QRadioButton("Cá nhân")
        self.organisation = QRadioButton("Tổ chức")
        self.person.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.person)
        kinds.addButton(self.organisation)
        self.person.toggled.connect(self._kind_changed)

        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        labels = {
            "applicant_name": "Họ và tên *",
            "id_number": "Số định danh cá nhân (CCCD)",
            "tax_code": "Mã số thuế",
            "phone": "Số điện thoại *",
            "address": "Địa chỉ",
            "email": "Thư điện tử",
        }
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        positions = {
            "applicant_name": (0, 0),
            "id_number": (0, 1),
            "tax_code": (0, 1),
            "phone": (0, 2),
            "address": (1, 0),
            "email": (1, 2),
        }
        for field, (row, column) in positions.items():
            label = QLabel(labels[field])
            edit = QLineEdit()
            edit.setObjectName(field)
            error = QLabel("")
            error.setProperty("role", "error")
            error.setWordWrap(True)
            edit.textEdited.connect(lambda _text, f=field: self._edited(f))
            edit.editingFinished.connect(lambda f=field: self._left(f))
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(label)
            box.addWidget(edit)
            box.addWidget(error)
            span = 2 if field == "address" else 1
            grid.addLayout(box, row, column, 1, span)
            self.edits[field], self.errors[field], self.labels[field] = edit, error, label
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.edits["phone"].setPlaceholderText("0912 345 678")
        self.edits["id_number"].setPlaceholderText("12 chữ số")
        self.vneid = QCheckBox("Đã kiểm tra tài khoản định danh điện tử (VNeID)")

        kinds_row = QHBoxLayout()
        kinds_row.addWidget(self.person)
        kinds_row.addWidget(self.organisation)
        kinds_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(kinds_row)
        layout.addLayout(grid)
        layout.addWidget(self.vneid)
        self._kind_changed()
        self.setTabOrder(self.person, self.organisation)
        order = ["applicant_name", "id_number", "tax_code", "phone", "email", "address"]
        previous: QWidget = self.organisation
        for field in order:
            self.setTabOrder(previous, self.edits[field])
            previous = self.edits[field]
        self.setTabOrder(previous, self.vneid)

    # -- reading and filling ----------------------------------------------------------------------------------------

    def applicant(self) -> Applicant:
        text = {f: nfc(e.text()) for f, e in self.edits.items()}
        person = self.person.isChecked()
        return Applicant(
            kind="person" if person else "organisation",
            name=text["applicant_name"],
            phone=text["phone"],
            id_number=(text["id_number"] if person else "") or None,
            tax_code=(text["tax_code"] if not person else "") or None,
            address=text["address"],
            email=text["email"],
            vneid_checked=self.vneid.isChecked(),
        )

    def fill(self, applicant: Applicant) -> None:
        (self.person if applicant.kind == "person" else self.organisation).setChecked(True)
        values = {
            "applicant_name": applicant.name,
            "id_number": applicant.id_number or "",
            "tax_code": applicant.tax_code or "",
            "phone": applicant.phone,
            "address": applicant.address,
            "email": applicant.email,
        }
        for field, value in values.items():
            self.edits[field].setText(value)
        self.vneid.setChecked(applicant.vneid_checked)

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.vneid.setChecked(False)
        self.person.setChecked(True)
        self._touched.clear()
        self.show_problems({})

    # -- checking -----------------------------------------------------------------------------------------------------

    def check_all(self) -> dict[str, str]:
        """Show every problem (also in fields not yet touched) and return them."""
        self._touched.update(FIELDS)
        problems = applicant_problems(self.applicant())
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: dict[str, str]) -> None:
        for field, edit in self.edits.items():
            message = problems.get(field, "") if field in self._touched else ""
            self.errors[field].setText(message)
            edit.setProperty("invalid", bool(message))
            edit.style().unpolish(edit)
            edit.style().polish(edit)

    def first_problem_field(self, problems: dict[str, str]) -> QLineEdit | None:
        for field in FIELDS:
            if field in problems:
                return self.edits[field]
        return None

    def _edited(self, field: str) -> None:
        problems = applicant_problems(self.applicant())
        if self.edits[field].text().strip():
            self._touched.add(field)
        self.show_problems(problems)

    def _left(self, field: str) -> None:
        self._touched.add(field)
        self.show_problems(applicant_problems(self.applicant()))

    def _kind_changed(self) -> None:
        person = self.person.isChecked()
        self.labels["applicant_name"].setText("Họ và tên *" if person else "Tên tổ chức *")
        for field, visible in (("id_number", person), ("tax_code", not person)):
            self.edits[field].setVisible(visible)
            self.labels[field].setVisible(visible)
            self.errors[field].setVisible(visible)
