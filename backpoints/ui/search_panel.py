"""The search panel: query box, filters, result count and the point list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtCore import QPointF
from PySide6.QtGui import (
    QAction, QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen,
    QResizeEvent, QStaticText, QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model import AREA_LABELS, AREAS, MERIDIANS
from .announce import Announcer
from .bodymap import PAIN_COLOURS, marker_path, pain_kind
from .bodymap.style import high_contrast, marker_outline
from .point_model import PointListModel, PointRole
from .state import BrowseState


class SteadyLine(QWidget):
    """Holds one widget of one line (the result count, the search box) so that its changes
    do not relayout the window.

    A widget in a layout asks every layout up to the main window to recompute when its
    size hint may have changed: a QLabel on each setText, a QLineEdit when its clear button
    appears. Each such relayout also relays the map's toolbars, and Qt repaints the whole
    window for a toolbar's relayout: about 8 ms, on every keystroke for the count. Here
    the widget is placed by hand in a holder of fixed height, so its requests stop there.
    """

    def __init__(self, widget: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = widget
        widget.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(widget)
        self._fit_height()

    def _fit_height(self) -> None:
        self.setFixedHeight(max(self.widget.sizeHint().height(), self.widget.fontMetrics().height() + 2))

    def sizeHint(self) -> QSize:
        return QSize(120, self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # the text size, high contrast
            self._fit_height()
            self.widget.setGeometry(self.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.widget.setGeometry(self.rect())


#: The pregnancy badge's colour.
BADGE_COLOUR = QColor("#d9534f")


class PointDelegate(QStyledItemDelegate):
    """A list row: marker shape, code, pinyin and name, and a pregnancy badge.

    Texts are drawn as QStaticText, laid out once per string and font and kept: a row's
    three texts laid out afresh on every paint were a third of a keystroke's time at
    10,000 points (a keystroke repaints every row on screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._fonts: tuple[QFont, QFont, QFont] = (QFont(), QFont(), QFont())
        self._outline: tuple[bool, QPen] | None = None
        self._texts: dict[tuple[int, str], QStaticText] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # Two lines of the current font: rows grow with the text-size setting.
        height = option.fontMetrics.height()
        return QSize(200, max(40, 2 * height + 10))

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFont, QFont]:
        """(bold, regular, small) for the list's font; a new font (text size) starts afresh."""
        if self._font is None or font != self._font:
            bold = QFont(font)
            bold.setBold(True)
            small = QFont(font)
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
            self._font, self._fonts = QFont(font), (bold, QFont(font), small)
            self._texts.clear()
        return self._fonts

    def _marker_pen(self) -> QPen:
        """The marker's ring, white or (high contrast) black, as on the map."""
        contrast = high_contrast()
        if self._outline is None or self._outline[0] != contrast:
            pen = marker_outline()
            pen.setWidthF(1.0)
            self._outline = (contrast, pen)
        return self._outline[1]

    def _text(self, which: int, text: str) -> QStaticText:
        key = (which, text)
        static = self._texts.get(key)
        if static is None:
            if len(self._texts) > 4000:
                self._texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)  # text from data is never markup
            static.prepare(QTransform(), self._fonts[which])
            self._texts[key] = static
        return static

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        point = index.data(PointRole)
        if point is None:
            return
        bold, regular, small = self._fonts_for(option.font)
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        painter.setClipRect(rect.adjusted(0, 0, -6, 0))  # a long name stops short of the edge
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        kind = pain_kind(point)
        shape = marker_path(kind, 5)  # made once and kept by the map's style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._marker_pen())
        painter.setBrush(PAIN_COLOURS[kind])
        painter.drawPath(shape.translated(rect.left() + 14, rect.center().y()))
        # Code (bold) and pinyin on the first line, the English name (smaller) on the second,
        # each centred in its half of the row.
        left = rect.left() + 28
        half = rect.height() // 2
        code = self._text(0, point.code)
        painter.setPen(text_colour)
        painter.setFont(bold)  # a static text is drawn in the painter's font (prepare() only lays it out)
        painter.drawStaticText(QPointF(left, rect.top() + 3 + (half - 3 - code.size().height()) / 2), code)
        pinyin = self._text(1, point.pinyin)
        painter.setFont(regular)
        painter.drawStaticText(QPointF(left + code.size().width() + self._text(1, "  ").size().width(),
                                       rect.top() + 3 + (half - 3 - pinyin.size().height()) / 2), pinyin)
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        name = self._text(2, point.name)
        painter.setFont(small)
        painter.drawStaticText(QPointF(left, rect.top() + half + (half - 3 - name.size().height()) / 2), name)
        if point.pregnancy_caution:
            side = max(16, QFontMetrics(small).height() + 2)
            badge = rect.adjusted(rect.width() - side - 12, 6, -6, -rect.height() + 6 + side)
            painter.setClipping(False)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BADGE_COLOUR)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(Qt.GlobalColor.white)
            painter.setFont(small)
            letter = self._text(2, "P")
            painter.drawStaticText(QPointF(badge.center().x() + 1 - letter.size().width() / 2,
                                           badge.center().y() + 1 - letter.size().height() / 2), letter)
        painter.restore()


class PointListView(QListView):
    """The result list; with no rows it says so inside its own frame (the layout never moves)."""

    #: A click on the empty list's message (it takes the first "did you mean").
    empty_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = "No points match.\nTry fewer words or clear a filter."

    def set_empty_text(self, text: str) -> None:
        """The message the empty list shows; repainted only when it is on screen (an update
        while rows show cost a second paint of the whole list on every keystroke)."""
        if text != self.empty_text:
            self.empty_text = text
            model = self.model()
            if model is not None and model.rowCount() == 0:
                self.viewport().update()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:  # noqa: N802
        # End goes to the last result, not the last row of the page shown so far.
        model = self.model()
        if action == QAbstractItemView.CursorAction.MoveEnd and model is not None:
            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
        return super().moveCursor(action, modifiers)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            self.empty_clicked.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
            painter.end()


class SearchPanel(QWidget):
    """The query box, the area, meridian and pregnancy filters, the count and the result list.

    It writes every choice to the BrowseState and shows what the state says; it keeps no
    filter of its own.
    """

    def __init__(self, state: BrowseState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._syncing = False
        self.model = PointListModel(state, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search: BL23, shenshu, 肾俞, sciatica…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search points")
        self.search.setToolTip("Type a code, name or words. Enter selects the first result, "
                               "Down moves into the list, Escape clears.")
        self.search.textChanged.connect(state.set_query)
        self.search.installEventFilter(self)

        self.area_buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        for i, area in enumerate(AREAS):
            button = QToolButton(self)
            button.setText(AREA_LABELS[area])
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"Area filter: {AREA_LABELS[area]}")
            button.setToolTip(f"Show only the points in the area “{AREA_LABELS[area]}” (Ctrl+click adds it to the areas chosen)")
            button.clicked.connect(lambda _=False, a=area: self._on_area_clicked(a))
            grid.addWidget(button, i // 2, i % 2)
            self.area_buttons[area] = button

        self.meridian = QComboBox(self)
        self.meridian.addItem("All meridians", "")
        for code, name in MERIDIANS.items():
            self.meridian.addItem(f"{code}: {name}", code)
        # The label names the combo box for screen readers, not its current value.
        self.meridian_label = QLabel("&Meridian", self)
        self.meridian_label.setBuddy(self.meridian)
        self.meridian.setAccessibleName("Meridian")
        self.meridian.currentIndexChanged.connect(
            lambda _i: state.set_meridian(str(self.meridian.currentData() or "")))

        self.hide_pregnancy = QCheckBox("Hide points avoided in pregnancy", self)
        self.hide_pregnancy.toggled.connect(state.set_hide_pregnancy)

        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.announcer = Announcer(self.count)
        self.list = PointListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(PointDelegate(self.list))
        # Uniform rows: the view measures one row, not each. A long result comes a page at a
        # time from the model (PAGE rows), so the view lays it out in one pass.
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Points")
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.setDragEnabled(True)
        # Selection, not the current row: tabbing into the list makes its first row current
        # without choosing it, and that must not select a point.
        self.list.selectionModel().selectionChanged.connect(self._on_selection)
        self.list.empty_clicked.connect(self._take_first_suggestion)
        self.list.activated.connect(lambda index: state.select(self.model.code_at(index.row()), reveal=True))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(SteadyLine(self.search, self))
        areas_label = QLabel("Areas", self)
        bold = areas_label.font()  # a font, not a style sheet: it follows the text size
        bold.setBold(True)
        areas_label.setFont(bold)
        layout.addWidget(areas_label)
        layout.addLayout(grid)
        layout.addWidget(self.meridian_label)
        layout.addWidget(self.meridian)
        layout.addWidget(self.hide_pregnancy)
        layout.addWidget(SteadyLine(self.count, self))
        layout.addWidget(self.list, 1)

        state.filters_changed.connect(self._show_filters)
        state.query_changed.connect(self._show_query)
        state.result_changed.connect(self._show_count)
        state.selection_changed.connect(self._show_selection)
        state.dataset_changed.connect(self._show_count)
        self._show_count()

    # --- from the state ------------------------------------------------------------------
    def _show_query(self, text: str) -> None:
        if self.search.text() != text:
            self.search.setText(text)

    def _show_filters(self) -> None:
        filters = self.state.filters
        for area, button in self.area_buttons.items():
            button.setChecked(area in filters.areas)
        index = max(0, self.meridian.findData(filters.meridian))
        if index != self.meridian.currentIndex():
            self.meridian.setCurrentIndex(index)
        if self.hide_pregnancy.isChecked() != filters.hide_pregnancy:
            self.hide_pregnancy.setChecked(filters.hide_pregnancy)

    def _show_count(self) -> None:
        shown, total = len(self.state.rows), len(self.state.dataset.points)
        # The empty state: one message inside the list frame, with any "did you mean".
        lines = ["No points match."]
        suggestions = self.state.suggestions
        if suggestions:
            lines += [s.text for s in suggestions[:4]] + ["Press Enter or click here for the first."]
        else:
            lines.append("Try fewer words or clear a filter.")
        self.list.set_empty_text("\n".join(lines))
        if self.state.is_waiting():
            text = f"Searching {total} points…"  # the index is still being prepared
        elif shown == 0:
            text = "No points match"
        elif shown == total:
            text = f"All {total} points"
        else:
            text = f"{shown} of {total} points"
        self.count.setText(text)
        self.announcer.say(text)
        # A new result opens at its top hits; the selected point stays selected (and Enter,
        # Down, the count all speak of the top), it is not scrolled to.
        self._show_selection(self.state.selected_code, reveal=False)
        self.list.scrollToTop()

    def _show_selection(self, code: str, reveal: bool = True) -> None:
        self._syncing = True  # showing the state's selection is not a new choice
        try:
            self._sync_selection(code, reveal)
        finally:
            self._syncing = False

    def _sync_selection(self, code: str, reveal: bool = True) -> None:
        row = self.model.row_of(code) if code else -1
        selection = self.list.selectionModel()
        current = selection.currentIndex()
        if row >= 0:
            index = self.model.index(row)
            if current != index or not selection.isSelected(index):
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if reveal:
                self.list.scrollTo(index)
        elif selection.hasSelection() or current.isValid():
            selection.clear()

    # --- to the state ----------------------------------------------------------------------
    def _on_selection(self, *_args: object) -> None:
        if self._syncing:
            return
        rows = self.list.selectionModel().selectedRows()
        if rows:
            self.state.select(self.model.code_at(rows[0].row()), reveal=True)

    def _take_first_suggestion(self) -> None:
        if self.state.suggestions:
            self.state.take_suggestion(self.state.suggestions[0])

    def _on_area_clicked(self, area: str) -> None:
        add = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self.state.choose_area(area, add=add)
        self._show_filters()  # a click toggles the button itself; the state decides

    def add_list_action(self, action: QAction) -> None:
        """An action offered in the result list's context menu (Add to sheet)."""
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.list.addAction(action)

    def focus_search(self) -> None:
        """Ctrl+F: the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down) and self.state.is_waiting():
                self.state.finish_waiting()  # Enter or Down wants the query's own result: now
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                self.state.select(self.model.code_at(0), reveal=True)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state.suggestions:
                self.state.take_suggestion(self.state.suggestions[0])  # "did you mean": Enter takes it
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount():
                # Down chooses the first result (Tab into the list only makes it current).
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)
