"""The details panel: everything about the selected point, dataset text shown as plain text."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ..core.model import AREA_LABELS, HAZARD_INFO, MERIDIANS, ROLE_LABELS, Dataset, Point
from ..core.wording import DISCLAIMER
from ..printing.fonts import CJK_FAMILY
from .state import BrowseState

if TYPE_CHECKING:
    from .favourites import FavouritesState


def details_css() -> str:
    """The details CSS from the application's palette and font (dark themes, text size).

    The caution boxes keep their own light backgrounds with dark text, so they read the
    same in a dark palette; everything else takes the palette's text colour.
    """
    from PySide6.QtGui import QGuiApplication, QPalette

    from .bodymap.style import high_contrast

    app = QGuiApplication.instance()
    palette = QGuiApplication.palette() if app is not None else QPalette()
    size = QGuiApplication.font().pointSizeF() if app is not None else 10.5
    size = size if size > 0 else 10.5
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    dark = base.lightness() < text.lightness()
    strong = high_contrast()

    def mix(amount: float) -> str:
        """Text colour faded towards the base by amount (0 = text)."""
        if strong:
            return text.name()
        r = text.red() + (base.red() - text.red()) * amount
        g = text.green() + (base.green() - text.green()) * amount
        b = text.blue() + (base.blue() - text.blue()) * amount
        return f"#{int(r):02x}{int(g):02x}{int(b):02x}"

    heading = text.name() if strong else ("#e0c2a8" if dark else "#6b4f3f")
    box_border = "#000000" if strong else None
    return f"""
body {{ font-size: {size:.1f}pt; color: {text.name()}; }}
h1 {{ font-size: {size * 1.8:.1f}pt; margin: 0; }}
.pinyin {{ font-size: {size * 1.33:.1f}pt; color: {mix(0.12)}; }}
.hanzi {{ font-size: {size * 1.5:.1f}pt; }}
.name {{ font-size: {size * 1.15:.1f}pt; color: {mix(0.2)}; }}
.meta {{ color: {mix(0.3)}; }}
h3 {{ font-size: {size:.1f}pt; color: {heading}; margin-top: 12px; margin-bottom: 2px; text-transform: uppercase; }}
.preg {{ background: #fde2e1; color: #7a0b0b; border: 1px solid {box_border or '#d9534f'}; padding: 6px; font-weight: bold; }}
.preg-mild {{ background: #fff0e0; color: #6a3a00; border: 1px solid {box_border or '#d98a00'}; padding: 6px; font-weight: bold; }}
.caution {{ background: #fff4d6; color: #2a2000; border: 1px solid {box_border or '#e0b000'}; padding: 6px; }}
.sources {{ color: {mix(0.3)}; font-size: {size * 0.86:.1f}pt; }}
.disclaimer {{ color: {mix(0.35)}; font-size: {size * 0.86:.1f}pt; }}
"""



def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


_HAZARD_WORDS = {
    "pneumothorax": ("pneumothorax", "pleura", "lung"),
    "spinal-cord": ("spinal", "medulla", "cord"),
    "blood-vessel": ("artery", "vein", "vessel"),
    "nerve": ("nerve",),
    "joint": ("joint",),
    "organ": ("kidney", "bladder", "peritone"),
}


_TECHNIQUE_TITLES = (
    ("all", "Whatever the technique"),
    ("needling", "Needling (practitioners)"),
    ("moxibustion", "Moxibustion"),
    ("acupressure", "Acupressure (self-care)"),
)


def _mentioned(hazard: str, cautions: list[str]) -> bool:
    text = " ".join(cautions).lower()
    return any(word in text for word in _HAZARD_WORDS.get(hazard, ()))


def point_html(point: Point, dataset: Dataset) -> str:
    """The details of a point as HTML; every dataset string is escaped (shown literally)."""
    parts = [f"<html><head><style>{details_css()}</style></head><body>"]
    hanzi = escape(point.hanzi)
    if point.hanzi_traditional and point.hanzi_traditional != point.hanzi:
        hanzi += f" <span class='meta'>({escape(point.hanzi_traditional)})</span>"
    parts.append(
        f"<h1>{escape(point.code)}</h1>"
        f"<div><span class='pinyin'>{escape(point.pinyin)}</span> &nbsp; "
        f"<span class='hanzi' style=\"font-family:'{CJK_FAMILY}'\">{hanzi}</span></div>"
        f"<div class='name'>{escape(point.name)}</div>"
    )
    meridian = MERIDIANS.get(point.meridian, point.meridian)
    areas = ", ".join(AREA_LABELS.get(a, a) for a in point.areas)
    pain = " and ".join(f"{p} back" for p in point.pain)
    side = "both sides (bilateral)" if point.bilateral else "on the midline (single point)"
    parts.append(
        f"<p class='meta'>{escape(meridian)} · {escape(areas)} · for {escape(pain)} pain · "
        f"{escape(side)} · {escape(ROLE_LABELS.get(point.role, point.role))}</p>"
    )
    if point.pregnancy is not None:
        css = "preg" if point.pregnancy.hides else "preg-mild"
        parts.append(f"<p class='{css}'>⚠ Pregnancy: {escape(point.pregnancy.text())}</p>")
    # Cautions grouped by the technique they concern; a hazard's generic text only
    # where the point's own cautions for that technique do not already say it.
    groups: dict[str, list[str]] = {}
    for note in point.caution_notes:
        groups.setdefault(note.technique, []).append(note.text)
    for key in point.hazards:
        hazard = HAZARD_INFO.get(key)
        if hazard is not None and not _mentioned(key, groups.get(hazard.technique, [])):
            groups.setdefault(hazard.technique, []).append(hazard.text)
    if groups:
        body = []
        for technique, title in _TECHNIQUE_TITLES:
            if groups.get(technique):
                items = "".join(f"<li>{escape(c)}</li>" for c in groups[technique])
                body.append(f"<b>{title}</b><ul style='margin:2px 0 4px -20px'>{items}</ul>")
        parts.append(f"<div class='caution'><b>Cautions</b><br>{''.join(body)}</div>")
    parts.append("<h3>Location</h3>" + _p(point.location))
    parts.append("<h3>How to find it</h3>" + _p(point.how_to_find))
    parts.append("<h3>Needling (practitioners)</h3>" + _p(point.technique.needling))
    parts.append("<h3>Acupressure (self-care)</h3>" + _p(point.technique.acupressure))
    parts.append("<h3>Why it is used for back pain</h3>" + _p(point.back_pain_use))
    cited = []
    for key in point.sources:
        source = dataset.sources.get(key)
        cited.append(escape(source.citation if source else key))
    if cited:
        parts.append("<h3>Sources</h3><ol class='sources'>" + "".join(f"<li>{c}</li>" for c in cited) + "</ol>")
    parts.append(f"<p class='disclaimer'>{escape(DISCLAIMER)}</p></body></html>")
    return "".join(parts)


def welcome_html() -> str:
    return (
        f"<html><head><style>{details_css()}</style></head><body>"
        "<h1 style='font-size:15pt'>Choose a point</h1>"
        "<p>Click a marker on the body map, pick a point from the list, or search by code "
        "(BL23, UB23, Du4), name, pinyin (shenshu), characters (肾俞) or words (sciatica).</p>"
        "<p>Click a body region to see the points there. Use the toolbar to switch between "
        "the front and back figures and the hand and foot close-ups.</p>"
        "<p><b>Keyboard:</b> Ctrl+F searches; Down moves into the list; Tab reaches the body map, "
        "where the arrow keys move between regions and points and Enter chooses (the guide, F1, "
        "lists every key).</p>"
        "<p><b>Marker shapes:</b> circle = lower back pain, diamond = upper back pain, "
        "square = both. In the list, a red <b>P</b> marks points avoided or used with care in "
        "pregnancy.</p>"
        f"<p class='preg'>{escape(DISCLAIMER)}</p></body></html>"
    )


class DetailsPanel(QWidget):
    """Shows the selected point; offers to add it to the sheet and to show it on the map."""

    add_to_sheet = Signal(str)

    def __init__(self, state: BrowseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName("Point details")
        # A text caret, so a keyboard or screen-reader user can read the details line by
        # line with the arrow keys (Orca follows the caret; without one, Down only scrolled
        # and nothing was read).
        self.browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.add_button = QPushButton("Add to sheet", self)
        self.add_button.setToolTip("Add this point to the point sheet (Ctrl+D)")
        self.map_button = QPushButton("Show on map", self)
        self.map_button.setToolTip("Bring this point into view on the body map")
        self.add_button.clicked.connect(lambda: self.add_to_sheet.emit(self.state.selected_code))
        self.map_button.clicked.connect(lambda: self.state.select(self.state.selected_code, reveal=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.map_button)
        buttons.addStretch(1)
        self._buttons = buttons
        self.star_button: QPushButton | None = None
        self.title = QLabel("Details", self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.title.font()  # a font, not a style sheet: it follows the text size
        bold.setBold(True)
        self.title.setFont(bold)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        state.selection_changed.connect(self._show)
        self._show(state.selected_code)

    def attach_favourites(self, favourites: "FavouritesState") -> None:
        """Add the star for the selected point (ui/favourites.py keeps and saves it)."""
        from .favourites import StarButton

        self.star_button = StarButton(favourites, "point", self)
        self._buttons.insertWidget(2, self.star_button)
        self.star_button.set_target(self.state.selected_code)
        self.state.selection_changed.connect(self.star_button.set_target)

    def _show(self, _code: str = "") -> None:
        """Show the selected point, or the welcome text when none is selected."""
        point = self.state.selected
        self.add_button.setEnabled(point is not None)
        self.map_button.setEnabled(bool(point and point.markers))
        if point is None:
            self.browser.setHtml(welcome_html())
            self.title.setText("Details")
        else:
            self.browser.setHtml(point_html(point, self.state.dataset))
            self.title.setText(f"Details: {point.code}")
        self.browser.verticalScrollBar().setValue(0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Dark palette, high contrast or a new text size: the CSS is built from them.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._show()

    def plain_text(self) -> str:
        """What the panel shows, as text (tests and screen readers)."""
        return self.browser.toPlainText()
