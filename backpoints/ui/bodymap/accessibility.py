"""The body map for screen readers: one accessible object per region and point.

QAccessible.installFactory gives the map view an interface (MapInterface) whose
children are the regions and points of the figure on screen, each a small
QAccessibleInterface with a role, a name ("BL23 Shènshū, Kidney Shu, lower back,
both sides, avoided in pregnancy"), a description (where it is, in one sentence), its
screen rectangle, focus and selection states and actions (press selects, "Add to
sheet"). When the keyboard focus or the selection moves, the matching events are sent
so Orca and other AT-SPI clients announce them.

Children are plain values keyed by ("region", area) or ("point", code); nothing here
builds marker items for a dense figure.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget

from ...core.model import AREA_LABELS, Point
from ..announce import announce

if TYPE_CHECKING:
    from .keyboard import Target
    from .view import BodyMapView

ADD_ACTION = "Add to sheet"


def point_accessible_name(point: Point) -> str:
    """What a screen reader says for a point: code, pinyin, name, area, sides, pregnancy."""
    areas = " and ".join(AREA_LABELS.get(a, a).lower() for a in point.areas)
    parts = [f"{point.code} {point.pinyin}", point.name]
    if areas:
        parts.append(areas)
    parts.append("both sides" if point.bilateral else "on the midline")
    if point.pregnancy is not None:
        parts.append("avoided in pregnancy" if point.pregnancy.hides else "use with care in pregnancy")
    return ", ".join(parts)


def first_sentence(text: str) -> str:
    """The first sentence of a text (the location, for the accessible description)."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.])(\s|$)", text)
    return match.group(1) if match else text


def region_accessible_name(area: str, count: int) -> str:
    return f"{AREA_LABELS.get(area, area)} region, {count} point{'s' if count != 1 else ''}"


class MapItemInterface(QAccessibleWidget):
    """One region or point of the figure on screen.

    A QAccessibleWidget only for its built-in action interface: PySide cannot return a
    Python action interface from interface_cast (the pointer comes back as a C int).
    object() is None, so Qt's cache never takes it for the view's own interface, and
    every method that would read the widget is overridden.
    """

    def __init__(self, view: "BodyMapView", figure: str, target: "Target") -> None:
        super().__init__(view, QAccessible.Role.ListItem, "")
        self._view = weakref.ref(view)
        self.figure = figure
        self.target = target

    def map_view(self) -> "BodyMapView | None":
        view = self._view()
        if view is None or not shiboken6.isValid(view):
            return None
        return view

    # --- identity ------------------------------------------------------------------
    def isValid(self) -> bool:
        view = self.map_view()
        return view is not None and view.current_view == self.figure

    def object(self) -> QObject | None:  # type: ignore[override]
        return None  # not the view: that would take the view's own entry in Qt's cache

    def window(self) -> QWindow | None:  # type: ignore[override]
        view = self.map_view()
        return view.window().windowHandle() if view is not None else None

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem if self.target[0] == "point" else QAccessible.Role.Button

    def text(self, kind: QAccessible.Text) -> str:
        view = self.map_view()
        if view is None:
            return ""
        what, key = self.target
        if what == "point":
            point = view.state.dataset.point(key)
            if point is None:
                return ""
            if kind == QAccessible.Text.Name:
                return point_accessible_name(point)
            if kind == QAccessible.Text.Description:
                return first_sentence(point.location)
            return ""
        if kind == QAccessible.Text.Name:
            return region_accessible_name(key, len(view.navigator.points(key)))
        if kind == QAccessible.Text.Description:
            return "Enter shows the points of this region and steps into them; Escape comes back."
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        pass

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        view = self.map_view()
        if view is None:
            state.invalid = True
            return state
        state.focusable = True
        what, key = self.target
        focused = view.navigator.current == self.target
        state.focused = focused and view.hasFocus()
        if what == "point":
            state.selectable = True
            state.selected = view.state.selected_code == key
        else:
            state.checkable = True
            state.checked = key in view.state.filters.areas
        rect = self.rect()
        if not view.viewport().rect().translated(view.viewport().mapToGlobal(QPoint(0, 0))).intersects(rect):
            state.offscreen = True
        return state

    def rect(self) -> QRect:
        view = self.map_view()
        if view is None:
            return QRect()
        scene_rect = view.navigator.scene_rect(self.target)
        local = view.mapFromScene(scene_rect).boundingRect()
        return local.translated(view.viewport().mapToGlobal(QPoint(0, 0)))

    # --- tree ----------------------------------------------------------------------
    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        view = self.map_view()
        return QAccessible.queryAccessibleInterface(view) if view is not None else None

    def childCount(self) -> int:
        return 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def relations(self, match: Any = None) -> list[Any]:
        return []

    # --- actions (QAccessibleActionInterface through QAccessibleWidget) --------------
    def actionNames(self) -> list[str]:
        names = [QAccessibleActionInterface.pressAction(), QAccessibleActionInterface.setFocusAction()]
        if self.target[0] == "point":
            names.append(ADD_ACTION)
        return names

    def localizedActionName(self, name: str) -> str:
        return name

    def localizedActionDescription(self, name: str) -> str:
        if name == ADD_ACTION:
            return "Add this point to the point sheet"
        if name == QAccessibleActionInterface.pressAction():
            return "Select this point" if self.target[0] == "point" else "Show the points of this region"
        return "Move the map's keyboard focus here"

    def keyBindingsForAction(self, name: str) -> list[str]:
        if name == QAccessibleActionInterface.pressAction():
            return ["Return"]
        if name == ADD_ACTION:
            return ["Ctrl+D"]
        return []

    def doAction(self, name: str) -> None:
        view = self.map_view()
        if view is None:
            return
        kind, key = self.target
        if name == QAccessibleActionInterface.setFocusAction():
            view.setFocus()
            view.navigator.focus(self.target)
        elif name == QAccessibleActionInterface.pressAction():
            view.navigator.focus(self.target)
            view.navigator.enter()
        elif name == ADD_ACTION and kind == "point":
            view.add_requested.emit(key)


class MapInterface(QAccessibleWidget):
    """The map view: its children are the regions and points, not its viewport widget."""

    def __init__(self, view: "BodyMapView") -> None:
        super().__init__(view, QAccessible.Role.Client)
        self._view = view
        self._children: dict[tuple[str, str, str], MapItemInterface] = {}
        # Qt's cache drops the view's own interface with the view, but the children were
        # registered by hand and would stay for the life of the process (one set per window).
        view.destroyed.connect(self.forget_all)

    def _targets(self) -> list["Target"]:
        return self._view.navigator.all_targets()

    def item(self, target: "Target") -> MapItemInterface:
        """The (one, kept) interface of a target on the current figure."""
        key = (self._view.current_view, *target)
        iface = self._children.get(key)
        if iface is None:
            iface = MapItemInterface(self._view, self._view.current_view, target)
            # Registered once: Qt's cache gives it a stable id for AT-SPI paths and owns it
            # from here on; forget() hands it back when the figure or dataset changes.
            QAccessible.registerAccessibleInterface(iface)
            self._children[key] = iface
        return iface

    def forget(self) -> None:
        """Drop the children of other figures (the view switched or the dataset changed)."""
        for key in [k for k in self._children if k[0] != self._view.current_view]:
            iface = self._children.pop(key)
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(iface))

    def forget_all(self) -> None:
        for iface in self._children.values():
            QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(iface))
        self._children.clear()

    def childCount(self) -> int:
        return self._view.navigator.target_count()

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        target = self._view.navigator.target_at(index)
        return self.item(target) if target is not None else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, MapItemInterface) and child.figure == self._view.current_view:
            return self._view.navigator.index_of(child.target)
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        current = self._view.navigator.current
        if current is None or not self._view.hasFocus():
            return None
        return self.item(current)

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        point = QPoint(x, y)
        hits = [t for t in self._targets() if self.item(t).rect().contains(point)]
        # Points before regions: a point lies inside its region.
        hits.sort(key=lambda t: t[0] != "point")
        return self.item(hits[0]) if hits else None


def _factory(classname: str, obj: QObject) -> QAccessibleInterface | None:
    from .view import BodyMapView

    if isinstance(obj, BodyMapView):
        return MapInterface(obj)
    return None


_installed = False


def install() -> None:
    """Install the factory once per process (before the first map is asked for)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


class MapAnnouncer(QObject):
    """Sends the events that make a screen reader speak as the map's focus and selection move."""

    def __init__(self, view: "BodyMapView") -> None:
        super().__init__(view)
        self.view = view
        view.navigator.focus_moved.connect(self._focus_moved)
        view.state.selection_changed.connect(self._selection_changed)
        view.state.filters_changed.connect(self._areas_changed)
        self._areas = view.state.filters.areas
        self._selected = view.state.selected_code

    def _map_interface(self) -> MapInterface | None:
        iface = QAccessible.queryAccessibleInterface(self.view)
        return iface if isinstance(iface, MapInterface) else None

    def _focus_moved(self, target: "Target | None") -> None:
        if not QAccessible.isActive() or not self.view.hasFocus():
            return
        iface = self._map_interface()
        if iface is None:
            return
        if target is None:
            return
        # Qt's AT-SPI bridge turns the Focus event into "focused" off for the item it last
        # announced, "focused" on for this one, and "focus:"; more state events would be
        # spoken twice.
        child = iface.item(target)
        QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.Focus))

    def focus_in(self) -> None:
        """The map got the keyboard focus: announce the focused item, if any."""
        self._focus_moved(self.view.navigator.current)

    def view_changed(self) -> None:
        """A new figure: the old children go, the map's name says which figure it is."""
        iface = self._map_interface()
        if iface is None:
            return
        iface.forget()
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self.view, QAccessible.Event.NameChanged))
            # The children are now the new figure's regions and points: one ObjectCreated
            # each, which the AT-SPI bridge sends as "children-changed:add" on the map, so a
            # screen reader updates its cached children instead of reading the old figure's.
            for index in range(iface.childCount()):
                child = iface.child(index)
                if child is not None:
                    QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.ObjectCreated))
            if self.view.hasFocus():
                # Orca does not speak a name change of the focused item's parent: say it.
                figure = self.view.accessibleName().removeprefix("Body map, ")
                count = iface.childCount()
                announce(self.view, f"{figure}, {count} region{'s' if count != 1 else ''} and points")

    def dataset_changed(self) -> None:
        iface = self._map_interface()
        if iface is not None:
            iface.forget_all()

    def _areas_changed(self) -> None:
        """A region chosen or let go: its checked state changed (Orca says "checked")."""
        previous, self._areas = self._areas, self.view.state.filters.areas
        if not QAccessible.isActive() or previous == self._areas:
            return
        iface = self._map_interface()
        if iface is None:
            return
        changed = QAccessible.State()
        changed.checked = True
        regions = set(self.view.navigator.regions())
        for area in sorted((previous ^ self._areas) & regions):
            QAccessible.updateAccessibility(QAccessibleStateChangeEvent(iface.item(("region", area)), changed))

    def _selection_changed(self, code: str) -> None:
        previous, self._selected = self._selected, code
        if not QAccessible.isActive():
            return
        iface = self._map_interface()
        if iface is None:
            return
        targets = set(self.view.navigator.all_targets())
        changed = QAccessible.State()
        changed.selected = True
        for key in (previous, code):
            if key and ("point", key) in targets:
                child = iface.item(("point", key))
                QAccessible.updateAccessibility(QAccessibleStateChangeEvent(child, changed))
        if code and ("point", code) in targets:
            child = iface.item(("point", code))
            QAccessible.updateAccessibility(QAccessibleEvent(child, QAccessible.Event.Selection))
            if self.view.hasFocus():
                # Pressed on the map: Orca speaks no selection change here, so confirm it.
                announce(self.view, f"{code} selected; its details are in the Details tab")
