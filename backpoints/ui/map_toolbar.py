"""The toolbars above the map: figure buttons, the pain-type toggle and zoom."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolBar, QToolButton, QWidget

from ..core.model import VIEW_LABELS, VIEWS
from .bodymap import BodyMapView
from .state import BrowseState

#: "" is the one spelling of "no pain filter".
PAIN_MODES = (("", "All"), ("lower", "Lower back"), ("upper", "Upper back"))
#: Short toolbar labels, so the figure buttons fit a narrow window; menus use VIEW_LABELS.
SHORT_VIEW_LABELS = {"front": "Front", "back": "Back", "hand": "Hand", "foot-lateral": "Outer foot",
                     "foot-medial": "Inner foot", "lumbar": "Low back", "neck": "Neck", "side": "Side"}


class FigureToolBar(QToolBar):
    """One checkable button per figure; shows and sets the state's view."""

    def __init__(self, state: BrowseState, parent: QWidget | None = None) -> None:
        super().__init__("Figures", parent)
        self.setObjectName("figure-toolbar")
        self.state = state
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for number, view in enumerate(VIEWS, start=1):
            button = QToolButton(self)
            button.setText(SHORT_VIEW_LABELS.get(view, VIEW_LABELS[view]))
            button.setToolTip(f"{VIEW_LABELS[view]} (Ctrl+{number})")
            button.setCheckable(True)
            button.setAccessibleName(f"Show the {VIEW_LABELS[view]} figure")
            button.clicked.connect(lambda _=False, v=view: state.set_view(v))
            self.group.addButton(button)
            self.buttons[view] = button
            self.addWidget(button)
        state.view_changed.connect(self._show)
        self._show(state.view)

    def _show(self, view: str) -> None:
        if view in self.buttons:
            self.buttons[view].setChecked(True)


class PainToolBar(QToolBar):
    """The pain-type toggle (a filter in the state) and the zoom buttons (the map's own)."""

    def __init__(self, state: BrowseState, body_map: BodyMapView, parent: QWidget | None = None) -> None:
        super().__init__("Pain type and zoom", parent)
        self.setObjectName("pain-toolbar")
        self.state = state
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Pain:", box))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for mode, label in PAIN_MODES:
            button = QToolButton(box)
            button.setText(label)
            button.setCheckable(True)
            button.setAccessibleName(f"Pain type: {label}")
            button.clicked.connect(lambda _=False, m=mode: state.set_pain(m))
            self.group.addButton(button)
            self.buttons[mode] = button
            row.addWidget(button)
        self.addWidget(box)
        self.addSeparator()
        for text, tip, slot in (
            ("−", "Zoom out (Ctrl+−)", lambda: body_map.zoom_by(0.8)),
            ("+", "Zoom in (Ctrl++)", lambda: body_map.zoom_by(1.25)),
            ("Fit", "Fit the figure to the window (Ctrl+0)", body_map.fit),
        ):
            action = self.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
        state.filters_changed.connect(self._show)
        self._show()

    def _show(self) -> None:
        self.buttons.get(self.state.filters.pain, self.buttons[""]).setChecked(True)


class LayerActions:
    """Checkable actions for the map's layers (landmarks, B-cun grid, code labels).

    The same actions go in the View menu and the map's toolbar; they follow the map
    (landmarks are on by default in close-ups, so the check changes with the figure).
    """

    #: The settings keys of the layer switches, with their defaults (landmarks are on in close-ups).
    KEYS = {"map/landmarks-body": False, "map/landmarks-close-up": True, "map/grid": False, "map/labels": False}

    def __init__(self, body_map: BodyMapView, parent: QWidget, settings: QSettings | None = None) -> None:
        self.map = body_map
        self.settings = settings
        if settings is not None:
            self._restore(settings)
        self.landmarks = QAction("&Landmarks", parent)
        self.landmarks.setToolTip("Bony landmarks and the rules that find the spinal levels (Ctrl+L)")
        self.landmarks.setShortcut(QKeySequence("Ctrl+L"))
        self.grid = QAction("B-cun &grid", parent)
        self.grid.setToolTip("Lines 0.5, 1.5, 2, 3 and 3.5 B-cun from the midline, the levels, limb divisions (Ctrl+G)")
        self.grid.setShortcut(QKeySequence("Ctrl+G"))
        self.labels = QAction("Point &codes", parent)
        self.labels.setToolTip("The code beside every point (Ctrl+K)")
        self.labels.setShortcut(QKeySequence("Ctrl+K"))
        for action in (self.landmarks, self.grid, self.labels):
            action.setCheckable(True)
        self.landmarks.triggered.connect(body_map.set_landmarks)
        self.grid.triggered.connect(body_map.set_grid)
        self.labels.triggered.connect(body_map.set_labels)
        body_map.layers_changed.connect(self._show)
        body_map.layers_changed.connect(self._save)
        self._show()

    def all(self) -> list[QAction]:
        return [self.landmarks, self.grid, self.labels]

    def _restore(self, settings: QSettings) -> None:
        """The switches as the user left them last time."""
        on = {key: bool(settings.value(key, default, type=bool)) for key, default in self.KEYS.items()}
        self.map.landmarks_on.update({"body": on["map/landmarks-body"], "close-up": on["map/landmarks-close-up"]})
        self.map.set_grid(on["map/grid"])
        if on["map/labels"]:
            self.map.set_labels(True)

    def _save(self) -> None:
        if self.settings is None:
            return
        values = {"map/landmarks-body": self.map.landmarks_on["body"],
                  "map/landmarks-close-up": self.map.landmarks_on["close-up"],
                  "map/grid": self.map.grid_on, "map/labels": self.map.labels_on}
        for key, value in values.items():
            self.settings.setValue(key, value)

    def _show(self) -> None:
        self.landmarks.setChecked(self.map.landmarks_shown())
        self.grid.setChecked(self.map.grid_on)
        self.labels.setChecked(self.map.labels_on)
