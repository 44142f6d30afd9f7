"""The nightly backup and the central server: where, when, and buttons to run them or compare now."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from kiosk.config import Settings
from kiosk.errors import ConfigError
from kiosk.services.backup_keys import NEW_KEY_COMMAND
from kiosk.services.nightly import NightlyOutcome
from kiosk.services.sync.address import central_url
from kiosk.services.sync.service import SyncService
from kiosk.text import nfc
from kiosk.ui.convert import to_time
from kiosk.ui.nightly import NightlyScheduler
from kiosk.ui.settings.form import SettingsForm
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import set_role

if TYPE_CHECKING:  # the comparison's module loads the central tables: only when a comparison runs
    from kiosk.services.sync.verify import VerifyReport

SSL_MODES = {
    "prefer": "Dùng mã hoá nếu máy chủ có (mặc định)",
    "require": "Bắt buộc mã hoá",
    "verify-full": "Bắt buộc mã hoá và kiểm tra chứng chỉ máy chủ",
    "disable": "Không mã hoá (chỉ trong mạng nội bộ tin cậy)",
}


class SyncSettingsForm(SettingsForm):
    saved_text = "Đã lưu. Lần chạy cuối ngày tới dùng cài đặt mới."

    def __init__(
        self,
        current: Callable[[], Settings],
        save: Callable[[Settings], Settings],
        scheduler: NightlyScheduler,
        sync: SyncService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(current, save, parent)
        self._scheduler = scheduler
        self._sync = sync
        self._runner = runner
        settings = current()
        self.enabled = QCheckBox("Tự sao lưu và đồng bộ mỗi ngày khi phần mềm đang mở")
        self.enabled.setChecked(settings.nightly.enabled)
        self.at = QTimeEdit(QTime(settings.nightly.time.hour, settings.nightly.time.minute))
        self.at.setDisplayFormat("HH:mm")
        self.at.setMaximumWidth(120)
        self.second_dir = QLineEdit(settings.backup.second_dir)
        self.second_dir.setPlaceholderText("Ví dụ: E:\\SaoLuu (ổ USB) hoặc \\\\may-chu\\chia-se")
        choose = QPushButton("Chọn thư mục…")
        choose.clicked.connect(self._choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(self.second_dir, 1)
        folder.addWidget(choose)
        self.encryption = QLabel("")
        self.encryption.setWordWrap(True)
        self.encryption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.second_dir.textChanged.connect(self.show_encryption)
        address, password = _split(settings.sync.url)
        self.address = QLineEdit(address)
        self.address.setPlaceholderText("postgresql://kiosk_quay_1@may-chu-so:5432/motcua")
        self.password = QLineEdit(password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        for mode, label in SSL_MODES.items():
            self.sslmode.addItem(label, mode)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(settings.sync.sslmode)))
        self.sslrootcert = QLineEdit(settings.sync.sslrootcert)
        self.sslrootcert.setPlaceholderText("Tệp chứng chỉ của Sở (khi kiểm tra chứng chỉ)")

        form = QFormLayout()
        form.addRow("", self.enabled)
        form.addRow("Giờ chạy hằng ngày", self.at)
        second = QVBoxLayout()
        second.addLayout(folder)
        second.addWidget(self.encryption)
        form.addRow("Nơi sao lưu thứ hai", second)
        form.addRow("Máy chủ trung tâm", self.address)
        form.addRow("Mật khẩu của quầy", self.password)
        form.addRow("Bảo mật kết nối", self.sslmode)
        form.addRow("Chứng chỉ", self.sslrootcert)

        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.backup_button = QPushButton("Sao lưu ngay")
        self.sync_button = QPushButton("Đồng bộ ngay")
        self.verify_button = QPushButton("So sánh với máy chủ")
        self.backup_button.clicked.connect(scheduler.backup_now)
        self.sync_button.clicked.connect(scheduler.sync_now)
        self.verify_button.clicked.connect(self.verify)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.backup_button, self.sync_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.state)
        layout.addStretch(1)
        scheduler.changed.connect(self.refresh)
        scheduler.finished.connect(self._finished)
        self.refresh()

    def changed_settings(self) -> Settings:
        settings = self._current()
        url = _join(nfc(self.address.text()), self.password.text())
        return msgspec.structs.replace(
            settings,
            nightly=msgspec.structs.replace(
                settings.nightly, enabled=self.enabled.isChecked(), time=to_time(self.at.time())
            ),
            backup=msgspec.structs.replace(settings.backup, second_dir=nfc(self.second_dir.text().strip())),
            sync=msgspec.structs.replace(
                settings.sync,
                url=url,
                sslmode=self.sslmode.currentData(),
                sslrootcert=nfc(self.sslrootcert.text().strip()),
            ),
        )

    def save(self) -> bool:
        saved = super().save()
        self.refresh()  # a server set or removed: its buttons and the state line follow at once
        return saved

    def show_encryption(self) -> None:
        """Whether copies in the second folder are encrypted, and with which key (set by the supervisor from the
        command line: the private key never comes near this screen)."""
        recipient = self._current().backup.recipient
        if recipient:
            text = (
                f"Bản sao ở thư mục thứ hai được mã hoá bằng khoá {recipient}. "
                "Chỉ người giữ tệp khoá và mật khẩu của nó (lãnh đạo) mở được."
            )
            role = "hint"
        elif self.second_dir.text().strip():
            text = (
                "Chưa có khoá mã hoá: sẽ không có bản sao nào được ghi vào thư mục thứ hai cho đến khi lãnh đạo "
                f"tạo khoá bằng lệnh «{NEW_KEY_COMMAND}»."
            )
            role = "error"
        else:
            text = (
                "Bản sao ở thư mục thứ hai sẽ được mã hoá bằng khoá của lãnh đạo; chưa có khoá "
                f"(tạo bằng lệnh «{NEW_KEY_COMMAND}»)."
            )
            role = "hint"
        self.encryption.setText(text)
        set_role(self.encryption, role)
        self.encryption.updateGeometry()  # bold or not, longer or shorter: the row's height follows

    def refresh(self) -> None:
        self.show_encryption()
        busy = self._scheduler.busy
        for button in (self.backup_button, self.sync_button, self.verify_button):
            button.setEnabled(not busy)
        configured = self._sync.status().configured
        self.sync_button.setEnabled(not busy and configured)
        self.verify_button.setEnabled(not busy and configured)
        text, _fault, tip = self._scheduler.label()
        self.state.setText(f"{text}\n{tip}")

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.say("Đang so sánh với máy chủ trung tâm…", "hint")
        self._runner.run(self._sync.verify, self._verified, self._verify_failed)

    def _verified(self, report: VerifyReport) -> None:
        self.verify_button.setEnabled(True)
        compared = sum(report.tables.values())
        if report.matches:
            self.say(f"Khớp: {compared} dòng của quầy này giống hệt trên máy chủ trung tâm.", "hint")
            return
        lines = [d.describe() for d in report.differences[:8]]
        more = f"\n… và {len(report.differences) - 8} chỗ khác" if len(report.differences) > 8 else ""
        self.say(f"Khác nhau ở {len(report.differences)} chỗ:\n" + "\n".join(lines) + more, "error")

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.say(getattr(exc, "message", None) or "Không so sánh được với máy chủ trung tâm.", "error")

    def _finished(self, outcome: NightlyOutcome) -> None:
        problems = [m for m in (outcome.backup_error, outcome.sync_error) if m]
        if problems:
            self.say("\n".join(problems), "error")
        elif outcome.backup is not None or outcome.sync is not None:
            done = []
            if outcome.backup is not None:
                done.append(f"Đã sao lưu vào {outcome.backup.path.name}.")
                if outcome.backup.second_error:
                    done.append(outcome.backup.second_error)
            if outcome.sync is not None:
                done.append(f"Đã đồng bộ: gửi {outcome.sync.pushed} dòng.")
            self.say(" ".join(done), "hint")

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Chọn nơi sao lưu thứ hai", self.second_dir.text())
        if chosen:
            self.second_dir.setText(chosen)


def _split(url: str) -> tuple[str, str]:
    """The address shown without its password, and the password apart."""
    if not url.strip():
        return "", ""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url, ""
    # URL.set() skips None values: set(password=None) would leave the password in the address shown.
    return parsed._replace(password=None).render_as_string(hide_password=False), parsed.password or ""


def _join(address: str, password: str) -> str:
    if not address.strip():
        return ""
    parsed = central_url(address)  # ConfigError (Vietnamese) when it is not a PostgreSQL address
    if not parsed.host or not parsed.database or " " in parsed.host:
        raise ConfigError(
            "Địa chỉ máy chủ trung tâm cần tên máy và tên cơ sở dữ liệu: postgresql://TÀI_KHOẢN@MÁY:5432/CSDL."
        )
    parsed = parsed.set(drivername="postgresql")
    if password:
        parsed = parsed.set(password=password)
    return str(parsed.render_as_string(hide_password=False))
