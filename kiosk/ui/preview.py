"""A preview of a paper before it is printed: the same content the printers will render."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from kiosk.printing.documents import Document, Emphasis, Fields, Numbered, Paragraph


def document_html(doc: Document) -> str:
    parts = ['<div style="font-size:11pt">']
    parts += [f'<p align="center" style="margin:0"><b>{escape(line)}</b></p>' for line in doc.header]
    if doc.reprint:
        parts.append('<p align="center"><b>BẢN IN LẠI</b></p>')
    parts.append(f'<h3 align="center">{escape(doc.title)}</h3>')
    if doc.code:
        parts.append(f'<p align="center" style="font-size:15pt"><b>{escape(doc.code)}</b></p>')
    for block in doc.blocks:
        if isinstance(block, Fields):
            rows = "".join(
                f"<tr><td style='padding-right:12px;color:#4a5563'>{escape(k)}:</td><td><b>{escape(v)}</b></td></tr>"
                for k, v in block.rows
            )
            parts.append(f"<table>{rows}</table>")
        elif isinstance(block, Numbered):
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            parts.append(f"<p><b>{escape(block.heading)}:</b></p><ol>{items}</ol>")
        elif isinstance(block, Emphasis):
            parts.append(
                f'<table width="100%" style="border:2px solid #000" cellpadding="6">'
                f'<tr><td align="center"><b>{escape(block.text)}</b></td></tr></table>'
            )
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{escape(block.text)}</p>")
    parts += [f'<p style="color:#4a5563;font-size:9pt">{escape(line)}</p>' for line in doc.footer]
    parts.append("</div>")
    return "".join(parts)


class PreviewDialog(QDialog):
    """Shows a paper; printing it lands with the printing issues, so this says so instead of pretending."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước – {doc.title.capitalize()}")
        self.resize(560, 680)
        self.browser = QTextBrowser()
        self.browser.setHtml(document_html(doc))
        note = QLabel("Bản xem trước. Máy in phiếu chưa được cài đặt cho quầy này.")
        note.setProperty("role", "hint")
        buttons = QDialogButtonBox()
        close = buttons.addButton("Đóng (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.document = doc

    @classmethod
    def show_document(cls, doc: Document, parent: QWidget | None = None) -> None:
        """Patchable in tests (they record the document instead of opening a modal window)."""
        cls(doc, parent).exec()
