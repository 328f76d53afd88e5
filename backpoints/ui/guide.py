"""The guide window: data/guide.md rendered as rich text, printed through SheetOutput."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..printing.fonts import load_fonts, sheet_font
from ..resources import asset_file, data_file
from .sheet_output import SheetOutput

GUIDE_TITLE = "BackPoints guide: acupuncture for back pain"


def guide_markdown() -> str:
    """The bundled guide's Markdown text."""
    return data_file("guide.md").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """A non-modal window with the guide; deleted when closed."""

    def __init__(self, output: SheetOutput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("guide")
        self.output = output or SheetOutput(self)
        load_fonts()
        self.setWindowTitle(GUIDE_TITLE)
        self.resize(760, 820)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Guide")
        self.browser.document().setDefaultStyleSheet("h1 { color: #5a3e2e; } h2 { color: #6b4f3f; }")
        # The bundled font: the same look everywhere, and printed text that searches as
        # typed (the system font's "fl" ligature turned "Red flags" into "Red ﬂags").
        self.browser.document().setDefaultFont(sheet_font(10.5))
        # Images in the guide (the finger-cun figure) are bundled assets.
        self.browser.setSearchPaths([str(asset_file("finger-cun.svg").parent)])
        self.browser.setMarkdown(guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(
            lambda: self.output.print_document_dialog(self.browser.document(), "BackPoints guide", self))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def print_to(self, printer) -> None:  # type: ignore[no-untyped-def]
        """Print the guide (a printer, or a QPrinter set to PDF output)."""
        self.browser.document().print_(printer)
