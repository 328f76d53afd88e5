"""Text size, high contrast and dark palettes (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from backpoints.ui.appearance import TEXT_SCALES, high_contrast_palette
from backpoints.ui.bodymap import style
from backpoints.ui.main_window import MainWindow


@pytest.fixture
def restore_look(qapp):  # type: ignore[no-untyped-def]
    """The application font and palette as they were, whatever the test changed."""
    font, palette = qapp.font(), qapp.palette()
    yield
    qapp.setFont(font)
    qapp.setPalette(palette)
    style.set_appearance(high_contrast=False, text_scale=1.0)


def _action(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def test_larger_text_scales_details_list_and_map_labels(qtbot, window: MainWindow, restore_look) -> None:  # type: ignore[no-untyped-def]
    window.state.select("BL23")
    base_font = QApplication.font().pointSizeF()
    rows = window.search_panel.list
    row = rows.visualRect(rows.model().index(0, 0)).height()
    def label():  # type: ignore[no-untyped-def]
        return next(m._label for m in window.map.scene_for("back").markers["BL23"] if m._label is not None)

    label_width = label().rect().width()

    # Ctrl+Alt+= up to the largest size (Ctrl++ stays the map's zoom).
    for _ in range(len(TEXT_SCALES) + 2):
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.appearance.text_scale == TEXT_SCALES[-1]
    assert QApplication.font().pointSizeF() == pytest.approx(base_font * TEXT_SCALES[-1])
    # The details heading is drawn larger: its line is taller.
    qtbot.waitUntil(lambda: rows.visualRect(rows.model().index(0, 0)).height() > row)
    assert label().rect().width() > label_width
    assert window.settings.value("appearance/text_scale") in (len(TEXT_SCALES) - 1, str(len(TEXT_SCALES) - 1))
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(base_font)
    # The zoom keys still zoom the map and leave the text alone.
    zoom = window.map.transform().m11()
    _action(window, "appearance-larger").trigger()
    window.map.zoom_by(1.25)
    assert window.map.transform().m11() > zoom


def test_details_text_is_larger_in_the_css(qtbot, window: MainWindow, restore_look) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.details import details_css

    before = details_css()
    window.appearance.set_text_scale_index(len(TEXT_SCALES) - 1)
    after = details_css()
    size = QApplication.font().pointSizeF()
    assert f"font-size: {size:.1f}pt" in after and before != after


def test_high_contrast_is_saved_and_restyles_markers(qtbot, window: MainWindow, tmp_path: Path, restore_look) -> None:  # type: ignore[no-untyped-def]
    marker = window.map.scene_for("back").markers["BL23"][0]
    radius = marker.path().boundingRect().width()
    _action(window, "appearance-high-contrast").trigger()
    assert window.appearance.high_contrast
    qtbot.waitUntil(lambda: marker.pen().color() == QColor("black"))
    assert marker.path().boundingRect().width() > radius
    assert QApplication.palette().color(QPalette.ColorRole.Text) in (QColor("black"), QColor("white"))
    window.settings.sync()
    again = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)
    assert str(again.value("appearance/high_contrast")).lower() == "true"
    _action(window, "appearance-high-contrast").trigger()
    qtbot.waitUntil(lambda: marker.pen().color() == QColor("white"))


def test_high_contrast_palettes_have_strong_contrast() -> None:
    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    def ratio(a: QColor, b: QColor) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    for dark in (False, True):
        palette = high_contrast_palette(dark)
        for fg, bg in ((QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                       (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
                       (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base)):
            assert ratio(palette.color(fg), palette.color(bg)) >= 7.0, (dark, fg, bg)


def test_dark_palette_details_and_list_follow_it(qtbot, window: MainWindow, restore_look) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.details import details_css

    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#181818"), (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.Button, "#303030"), (QPalette.ColorRole.ButtonText, "#eeeeee")):
        dark.setColor(role, QColor(colour))
    QApplication.setPalette(dark)
    css = details_css()
    assert "color: #eeeeee" in css and "#222" not in css
    window.state.select("BL23")

    def corner() -> int:
        image = window.details.browser.viewport().grab().toImage()
        return image.pixelColor(image.width() - 4, image.height() - 4).lightness()

    qtbot.waitUntil(lambda: corner() < 80)  # the details background follows the dark base
    qtbot.waitUntil(lambda: window.map.backgroundBrush().color().lightness() < 80)


def test_disclaimer_red_reads_on_a_dark_palette(qtbot, window: MainWindow, restore_look) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.appearance import WarningLabel

    label = window.findChild(WarningLabel)
    assert label is not None and "medical advice" in label.text()
    light = label.palette().color(QPalette.ColorRole.WindowText)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    QApplication.setPalette(dark)
    qtbot.waitUntil(lambda: label.palette().color(QPalette.ColorRole.WindowText).lightness() > light.lightness() + 40)
    assert label.font().bold()


@pytest.mark.parametrize("dark", [True, False])
def test_high_contrast_outlines_every_box_and_field(qtbot, window: MainWindow, restore_look, dark: bool) -> None:  # type: ignore[no-untyped-def]
    """An unchecked box, a radio button and an empty field have a visible edge on black or white."""
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QRadioButton, QVBoxLayout, QWidget

    from backpoints.ui.appearance import Appearance

    base = QPalette()
    if dark:
        for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                             (QPalette.ColorRole.Base, "#181818"), (QPalette.ColorRole.Text, "#eeeeee")):
            base.setColor(role, QColor(colour))
    QApplication.setPalette(base)
    look = Appearance()
    look.set_high_contrast(True)
    background = QApplication.palette().color(QPalette.ColorRole.Window)
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = QVBoxLayout(panel)
    box, radio, field = QCheckBox("Hide points avoided in pregnancy"), QRadioButton("Radio"), QLineEdit()
    for widget in (box, radio, field):
        layout.addWidget(widget)
    panel.show()
    qtbot.waitExposed(panel)
    try:
        from PySide6.QtWidgets import QStyle, QStyleOptionButton

        for widget in (box, radio, field):
            image = widget.grab().toImage()
            area = widget.rect()
            if widget is not field:  # the indicator alone, not the label's text
                option = QStyleOptionButton()
                option.initFrom(widget)
                element = (QStyle.SubElement.SE_CheckBoxIndicator if widget is box
                           else QStyle.SubElement.SE_RadioButtonIndicator)
                area = widget.style().subElementRect(element, option, widget)
            # The control's edge: the pixels that differ most from the window colour.
            strongest = max(abs(image.pixelColor(x, y).lightness() - background.lightness())
                            for x in range(area.left(), area.right() + 1) for y in range(area.top(), area.bottom() + 1))
            assert strongest > 150, (type(widget).__name__, dark, strongest)
    finally:
        look.set_high_contrast(False)
        look.restore_system()
