"""BrowseState: what the user is looking at, owned in one place.

The dataset, the query, the filters, the result rows, the selected point and the
figure on screen live here, not in widgets. Panels write to it (set_query,
toggle_area, select, set_view) and listen to its signals; they never call each
other, and the main window never relays between them.

    search box --set_query--> BrowseState --result_changed--> list, map, count
    map marker --select-----> BrowseState --selection_changed--> details, list, map
"""

from __future__ import annotations

import gc

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.model import VIEWS, Dataset, Point
from ..core.pointset import CodeIndex, PointCodes, RankedRows
from ..core.search import Filters, SearchIndex, Suggestion, group_suggestions

#: Above this many points a query typed before the search index is ready waits for the
#: idle-time build (about 0.1 s per 1,000 points) instead of finishing it on the spot:
#: at 10,000 points that froze the window for one to two seconds on the first key.
WAIT_FOR_INDEX_ABOVE = 2000

if TYPE_CHECKING:  # core.routines reads YAML; start-up does not need it
    from ..core.routines import Routine


class BrowseState(QObject):
    """The browsing state shared by the search panel, the map and the details panel."""

    dataset_changed = Signal()
    #: The filters changed (areas, pain, meridian, pregnancy); the new value is `filters`.
    filters_changed = Signal()
    query_changed = Signal(str)
    #: The result rows changed; `rows` and `result_codes` hold the new result.
    result_changed = Signal()
    #: The selected point's code, or "" for none.
    selection_changed = Signal(str)
    #: "Show on map": the map should bring this point into view.
    reveal_requested = Signal(str)
    view_changed = Signal(str)
    #: The routine whose press order the map shows changed; the new one is `route`.
    route_changed = Signal()
    #: The search index was built in idle time: views may prepare for results now.
    search_ready = Signal()

    def __init__(self, dataset: Dataset, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dataset = dataset
        self._index: SearchIndex | None = None
        self._query = ""
        self._filters = Filters()
        self._rows = RankedRows.every(len(dataset.points))
        self._codes: PointCodes | None = None
        self._code_index: CodeIndex | None = None
        # The search index is built in idle time once the window is up, a slice at a time,
        # so that the first keystroke does not pay for it (1 s at 10,000 points).
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_index_step)
        self._build_delay = QTimer(self)
        self._build_delay.setSingleShot(True)
        self._build_delay.timeout.connect(self._builder.start)
        self._idle_build = False
        self._waiting = False
        self._selected: Point | None = None
        self._suggestions: list[Suggestion] = []
        self._view = "back"
        self._route: Routine | None = None

    # --- reading ------------------------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        return self._dataset

    @property
    def query(self) -> str:
        return self._query

    @property
    def filters(self) -> Filters:
        return self._filters

    @property
    def rows(self) -> RankedRows:
        """The result: indices into dataset.points, in result order (read as far as needed)."""
        return self._rows

    @property
    def result_codes(self) -> PointCodes | None:
        """The codes in the result (a read-only set), or None when nothing narrows it (every point)."""
        return self._codes

    @property
    def suggestions(self) -> list[Suggestion]:
        """"Did you mean" lines when the query finds nothing (never mixed into the result)."""
        return self._suggestions

    @property
    def selected(self) -> Point | None:
        return self._selected

    @property
    def selected_code(self) -> str:
        return self._selected.code if self._selected else ""

    @property
    def view(self) -> str:
        return self._view

    @property
    def route(self) -> Routine | None:
        """The routine whose numbered press order is drawn on the map, or None."""
        return self._route

    def is_filtering(self) -> bool:
        return bool(self._query.strip()) or self._filters != Filters()

    def search_index(self) -> SearchIndex:
        """Start-up shows every point without it; it is finished here if idle time has not yet."""
        if self._index is None:
            self._index = SearchIndex(self._dataset, defer=True)
        return self._index

    def build_index_when_idle(self, delay_ms: int = 0) -> None:
        """Build the search index in slices of a few milliseconds while the event loop is idle
        (the window calls this once it is shown; a keystroke before the end finishes it)."""
        self._idle_build = True
        self._build_delay.start(delay_ms)

    def index_ready(self) -> bool:
        return self._index is not None and self._index.ready

    def is_waiting(self) -> bool:
        """A query waits for the search index, still being built in idle time (big datasets
        only); the result follows when it is ready."""
        return self._waiting

    def finish_waiting(self) -> None:
        """Build the rest of the search index now and show the waiting query's result."""
        while self._waiting:
            self._build_index_step()

    def _build_index_step(self) -> None:
        if self.search_index().build_step():
            self._builder.stop()
            self.code_index()  # what the first result needs too
            self.search_ready.emit()
            if self._waiting:
                self._update_result()
            # The dataset and its index live as long as the window shows them: out of the
            # cyclic collector's sight, a full collection no longer walks them all (with
            # 10,000 points one took 0.19 s, in the middle of someone's typing).
            gc.freeze()

    def code_index(self) -> CodeIndex:
        """The dataset's codes by position: the index every result's PointCodes refers to."""
        if self._code_index is None:
            self._code_index = CodeIndex([p.code for p in self._dataset.points])
        return self._code_index

    # --- writing ------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset) -> None:
        """Show another dataset: the filters stay, the selection goes if its point went."""
        self._dataset = dataset
        self._index = None
        self._code_index = None
        if self._idle_build:
            self._build_delay.start(0)  # the new dataset's index, in idle time too
        code = self.selected_code
        self._selected = dataset.point(code) if code else None
        self.dataset_changed.emit()
        self._update_result()
        self.selection_changed.emit(self.selected_code)

    def set_query(self, text: str) -> None:
        if text == self._query:
            return
        self._query = text
        self.query_changed.emit(text)
        self._update_result()

    def set_filters(self, filters: Filters) -> None:
        if filters == self._filters:
            return
        self._filters = filters
        self.filters_changed.emit()
        self._update_result()

    def set_pain(self, pain: str) -> None:
        """'lower', 'upper' or '' for no pain filter (the one spelling of 'both')."""
        self.set_filters(replace(self._filters, pain=pain))

    def set_meridian(self, meridian: str) -> None:
        self.set_filters(replace(self._filters, meridian=meridian))

    def set_hide_pregnancy(self, hide: bool) -> None:
        self.set_filters(replace(self._filters, hide_pregnancy=hide))

    def set_areas(self, areas: frozenset[str]) -> None:
        self.set_filters(replace(self._filters, areas=frozenset(areas)))

    def choose_area(self, area: str, *, add: bool = False) -> None:
        """A click chooses an area (again: no area); with add (Ctrl+click) it toggles one."""
        areas = self._filters.areas
        if add:
            self.set_areas(areas - {area} if area in areas else areas | {area})
        else:
            self.set_areas(frozenset() if areas == {area} else frozenset({area}))

    def clear_filters(self) -> None:
        """No query and no filter of any kind (areas, pain, meridian, pregnancy)."""
        self.set_query("")
        self.set_filters(Filters())

    def select(self, code: str | None, *, reveal: bool = False) -> None:
        """Select a point by code (None or '' for none); unknown codes select nothing."""
        point = self._dataset.point(code) if code else None
        if point is not self._selected:
            self._selected = point
            self.selection_changed.emit(self.selected_code)
        if reveal and point is not None:
            self.reveal_requested.emit(point.code)

    def set_view(self, view: str) -> None:
        if view not in VIEWS or view == self._view:
            return
        self._view = view
        self.view_changed.emit(view)

    def set_route(self, routine: Routine | None) -> None:
        """Show a routine's press order on the map (None: no route)."""
        if routine is self._route:
            return
        self._route = routine
        self.route_changed.emit()

    # --- internals ------------------------------------------------------------------------
    def _update_result(self) -> None:
        points = self._dataset.points
        waiting = (self.is_filtering() and self._idle_build and not self.index_ready()
                   and len(points) > WAIT_FOR_INDEX_ABOVE)
        if waiting:
            # Keep showing the last result; the build goes on at full pace between keys.
            self._waiting = True
            if not self._builder.isActive():
                self._build_delay.stop()
                self._builder.start()
            self.result_changed.emit()
            return
        self._waiting = False
        if self.is_filtering():
            rows, bits = self.search_index().search_result(self._query, self._filters)
            codes: PointCodes | None = PointCodes(self.code_index(), bits)
        else:
            rows = RankedRows.every(len(points))
            codes = None
        self._rows = rows
        self._codes = codes
        self._suggestions = (group_suggestions(self.search_index().suggest(self._query, self._filters))
                             if not rows and self._query.strip() else [])
        self.result_changed.emit()

    def take_suggestion(self, suggestion: Suggestion) -> None:
        """Follow a "did you mean": select its point, or search its corrected words."""
        if suggestion.query:
            self.set_query(suggestion.query)
        elif suggestion.code:
            self.set_query("")
            self.select(suggestion.code, reveal=True)
