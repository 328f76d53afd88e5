"""Text size and high contrast: a small state object, saved in the settings.

Appearance changes the application's font and palette; widgets follow through Qt's
own FontChange and PaletteChange events (the details panel re-renders its CSS, the list
rows grow, the map restyles its markers and labels), so nothing is wired widget to
widget. The system palette (light or dark) is kept and restored when high contrast
goes off.

Shortcuts: Ctrl+Alt+= / Ctrl+Alt+− / Ctrl+Alt+0 for the text size and Ctrl+Alt+H for
high contrast. Not Ctrl++ and Ctrl+−: those are the platform's zoom keys
(QKeySequence.ZoomIn/ZoomOut), which zoom the body map, and users of drawing and map
programs expect them to keep doing that; and Ctrl++ on a US keyboard is Ctrl+Shift+=,
which would collide with any Ctrl+Shift+= binding.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QProxyStyle, QStyle, QStyleOption, QWidget

from .bodymap import style

#: Text sizes offered, as factors of the system font size.
TEXT_SCALES: tuple[float, ...] = (1.0, 1.15, 1.3, 1.5, 1.75, 2.0)

#: A high-contrast palette: black on white, or white on black under a dark system palette;
#: focus and selection in saturated colours that keep at least 7:1 against the base.
_HC_LIGHT = {
    QPalette.ColorRole.Window: "#ffffff", QPalette.ColorRole.WindowText: "#000000",
    QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f0f0f0",
    QPalette.ColorRole.Text: "#000000", QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#000000", QPalette.ColorRole.Highlight: "#00007a",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#303030",
    QPalette.ColorRole.ToolTipBase: "#ffffff", QPalette.ColorRole.ToolTipText: "#000000",
    QPalette.ColorRole.Link: "#00007a", QPalette.ColorRole.Mid: "#000000", QPalette.ColorRole.Dark: "#000000",
    QPalette.ColorRole.Light: "#000000", QPalette.ColorRole.Midlight: "#000000", QPalette.ColorRole.Shadow: "#000000",
}
_HC_DARK = {
    QPalette.ColorRole.Window: "#000000", QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000", QPalette.ColorRole.AlternateBase: "#1a1a1a",
    QPalette.ColorRole.Text: "#ffffff", QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff", QPalette.ColorRole.Highlight: "#ffd400",
    QPalette.ColorRole.HighlightedText: "#000000", QPalette.ColorRole.PlaceholderText: "#e0e0e0",
    QPalette.ColorRole.ToolTipBase: "#000000", QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.Link: "#ffd400", QPalette.ColorRole.Mid: "#ffffff", QPalette.ColorRole.Dark: "#ffffff",
    QPalette.ColorRole.Light: "#ffffff", QPalette.ColorRole.Midlight: "#ffffff", QPalette.ColorRole.Shadow: "#ffffff",
}


def is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()


def high_contrast_palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in (_HC_DARK if dark else _HC_LIGHT).items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7a7a7a" if not dark else "#a0a0a0"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#7a7a7a" if not dark else "#a0a0a0"))
    return palette


#: Controls whose outline Fusion draws from the window colour, darkened: on a black
#: window that outline is black too, and an unchecked box or an empty field vanishes.
_OUTLINED = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: "rect",
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: "ellipse",
    QStyle.PrimitiveElement.PE_PanelLineEdit: "rect",
    QStyle.PrimitiveElement.PE_FrameLineEdit: "rect",
    QStyle.PrimitiveElement.PE_PanelButtonCommand: "rect",
}


class HighContrastStyle(QProxyStyle):
    """The platform style, with control outlines drawn in the text colour under high contrast."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        shape = _OUTLINED.get(element)
        if shape is None or not style.high_contrast() or option.rect.width() < 4 or option.rect.height() < 4:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, shape == "ellipse")
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.adjusted(0, 0, -1, -1)
        if shape == "ellipse":
            painter.drawEllipse(rect.adjusted(1, 1, -1, -1))
        else:
            painter.drawRect(rect)
        painter.restore()


class Appearance(QObject):
    """Text size and high contrast for the whole application, kept in the settings."""

    changed = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._app = app
        self._base_font = QFont(app.font())
        self._system_palette = QPalette(app.palette())
        self.scale_index = 0
        self.high_contrast = False
        if settings is not None:
            index = settings.value("appearance/text_scale", 0)
            try:
                self.scale_index = max(0, min(len(TEXT_SCALES) - 1, int(str(index))))
            except (TypeError, ValueError):
                self.scale_index = 0
            self.high_contrast = str(settings.value("appearance/high_contrast", "false")).lower() == "true"
        self.contrast_action: QAction | None = None
        self._apply()

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[self.scale_index]

    def set_text_scale_index(self, index: int) -> None:
        index = max(0, min(len(TEXT_SCALES) - 1, index))
        if index != self.scale_index:
            self.scale_index = index
            self._apply()

    def larger_text(self) -> None:
        self.set_text_scale_index(self.scale_index + 1)

    def smaller_text(self) -> None:
        self.set_text_scale_index(self.scale_index - 1)

    def normal_text(self) -> None:
        self.set_text_scale_index(0)

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self._apply()

    def restore_system(self) -> None:
        """Back to the system font and palette (the window closes; tests share one app)."""
        self._app.setFont(self._base_font)
        self._app.setPalette(self._system_palette)
        style.set_appearance(high_contrast=False, text_scale=1.0)

    def _apply(self) -> None:
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.text_scale)
        else:
            font.setPixelSize(round(self._base_font.pixelSize() * self.text_scale))
        style.set_appearance(high_contrast=self.high_contrast, text_scale=self.text_scale)
        if self.high_contrast:
            if not isinstance(self._app.style(), HighContrastStyle):
                # Installed on first use (re-polishing every widget is not free) and kept:
                # with high contrast off it draws exactly as the style it wraps.
                self._app.setStyle(HighContrastStyle(self._app.style().name()))
            self._app.setPalette(high_contrast_palette(is_dark(self._system_palette)))
        else:
            self._app.setPalette(self._system_palette)
        self._app.setFont(font)
        if self.contrast_action is not None and self.contrast_action.isChecked() != self.high_contrast:
            self.contrast_action.setChecked(self.high_contrast)
        if self.settings is not None:
            self.settings.setValue("appearance/text_scale", self.scale_index)
            self.settings.setValue("appearance/high_contrast", self.high_contrast)
        self.changed.emit()

    def add_actions(self, menu: QMenu) -> None:
        """View menu entries: Larger text, Smaller text, Normal text size, High contrast."""
        menu.addSeparator()
        for text, keys, slot, tip in (
            ("&Larger text", "Ctrl+Alt+=", self.larger_text, "Larger text in the details, the list and on the map"),
            ("&Smaller text", "Ctrl+Alt+-", self.smaller_text, "Smaller text (down to the system size)"),
            ("&Normal text size", "Ctrl+Alt+0", self.normal_text, "The system's text size"),
        ):
            action = menu.addAction(text, QKeySequence(keys), slot)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{tip} ({keys})")
            action.setObjectName(f"appearance-{text.strip('&').split()[0].lower()}")
        action = menu.addAction("&High contrast")
        action.setShortcut(QKeySequence("Ctrl+Alt+H"))
        action.setCheckable(True)
        action.setChecked(self.high_contrast)
        action.setObjectName("appearance-high-contrast")
        action.toggled.connect(self.set_high_contrast)
        self.contrast_action = action


class WarningLabel(QLabel):
    """Bold warning text in a red that reads on the current palette (light, dark, high contrast).

    A font and a palette rather than a style sheet, so it follows the text size and a
    palette change at run time.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(6, 0, 6, 0)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self._restyling = False
        self._restyle()

    def _restyle(self) -> None:
        self._restyling = True
        app_palette = QApplication.palette()
        palette = self.palette()
        if style.high_contrast():
            colour = app_palette.color(QPalette.ColorRole.WindowText)
        else:
            colour = QColor("#ff8a80") if is_dark(app_palette) else QColor("#8a1c1c")
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)
        self._restyling = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._restyling:
            self._restyle()
