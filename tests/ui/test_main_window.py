"""The main window as a user meets it: click, hover, type, keys, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication

from backpoints.ui.bodymap import MarkerItem, RegionItem
from backpoints.ui.bodymap.style import OTHER_COLOUR
from backpoints.ui.main_window import MainWindow
from tests.helpers import data_error_box, dataset_text


def marker_pos(win: MainWindow, code: str, index: int = 0) -> QPoint:
    scene = win.map.scene_for(win.map.current_view)
    item = scene.markers[code][index]
    return win.map.mapFromScene(item.scenePos())


def free_spot(win: MainWindow, region: RegionItem) -> QPoint:
    """A viewport point inside the region where no marker is."""
    rect = win.map.mapFromScene(region.path().boundingRect()).boundingRect()
    for y in range(rect.top(), rect.bottom(), 3):
        for x in range(rect.left(), rect.right(), 3):
            items = win.map.items(QPoint(x, y))
            if region in items and not any(isinstance(i, MarkerItem) for i in items):
                return QPoint(x, y)
    raise AssertionError(f"no free spot in {region.area}")


def region_item(win: MainWindow, area: str) -> RegionItem:
    scene = win.map.scene_for(win.map.current_view)
    return next(r for r in scene.regions if r.area == area)


def test_title_and_start_state(window: MainWindow) -> None:
    assert window.windowTitle() == "Untitled sheet[*] — BackPoints"
    assert not window.isWindowModified()
    assert window.map.current_view == "back"
    assert window.search_panel.model.rowCount() == len(window.state.dataset.points)
    assert "Educational reference, not medical advice" in window.details.plain_text()


def test_clicking_a_marker_selects_the_point(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    pos = marker_pos(window, "BL23")
    with qtbot.waitSignal(window.state.selection_changed) as signal:
        qtbot.mouseClick(window.map.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert signal.args == ["BL23"]
    text = window.details.plain_text()
    assert "BL23" in text and "Shènshū" in text and "肾俞" in text and "Kidney Shu" in text
    assert "spinous process of the second lumbar vertebra (L2)" in text
    # Both markers of the bilateral point are highlighted, nothing else.
    scene = window.map.scene_for("back")
    assert [m.selected for m in scene.markers["BL23"]] == [True, True]
    assert not any(m.selected for m in scene.markers["BL22"])
    # The list follows.
    current = window.search_panel.list.currentIndex()
    assert window.search_panel.model.point_at(current.row()).code == "BL23"


def test_hover_shows_tooltip_and_highlights_both_sides(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    scene = window.map.scene_for("back")
    item = scene.markers["BL40"][0]
    assert item.toolTip() == "BL40  Wěizhōng<br>Middle of the Crook"
    qtbot.mouseMove(window.map.viewport(), marker_pos(window, "BL40"))
    qtbot.waitUntil(lambda: all(m.hovered for m in scene.markers["BL40"]))
    assert "BL40" in window.hover_label.text()


def test_clicking_a_region_filters_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    region = region_item(window, "knee")
    with qtbot.waitSignal(window.state.filters_changed):
        qtbot.mouseClick(window.map.viewport(), Qt.MouseButton.LeftButton, pos=free_spot(window, region))
    assert window.state.filters.areas == {"knee"}
    codes = {window.search_panel.model.point_at(r).code for r in range(window.search_panel.model.rowCount())}
    assert codes and all("knee" in window.state.dataset.point(c).areas for c in codes)
    assert "BL40" in codes
    assert window.search_panel.area_buttons["knee"].isChecked()
    assert region.active
    # Points outside the result are dimmed on the map.
    scene = window.map.scene_for("back")
    assert scene.markers["BL23"][0].dimmed and not scene.markers["BL40"][0].dimmed
    assert window.search_panel.count.text() == f"{len(codes)} of {len(window.state.dataset.points)} points"


def test_region_hover_highlights(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    region = region_item(window, "head")
    assert region.brush().style() == Qt.BrushStyle.NoBrush
    qtbot.mouseMove(window.map.viewport(), free_spot(window, region))
    qtbot.waitUntil(lambda: region.hovered)
    assert region.brush().style() != Qt.BrushStyle.NoBrush


def test_typing_in_search_filters_list_and_map(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search_panel.search, "shenshu")
    assert window.search_panel.model.point_at(0).code == "BL23"
    scene = window.map.scene_for("back")
    assert not scene.markers["BL23"][0].dimmed and scene.markers["GV4"][0].dimmed
    window.search_panel.search.clear()
    qtbot.keyClicks(window.search_panel.search, "xylophone")
    assert window.search_panel.model.rowCount() == 0
    assert window.search_panel.count.text() == "No points match"
    # The empty state is one message inside the list's frame: the layout does not move.
    assert window.search_panel.list.isVisible()
    assert "No points match" in window.search_panel.list.empty_text


def test_selecting_in_the_list_switches_to_a_view_that_draws_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search_panel.search, "CV4")
    view = window.search_panel.list
    view.setCurrentIndex(window.search_panel.model.index(0))
    assert window.map.current_view == "front"
    assert window.map.scene_for("front").markers["CV4"][0].selected
    assert "CV4" in window.details.plain_text()


def test_pain_toggle_colours_and_filters(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.pain_bar.buttons["upper"], Qt.MouseButton.LeftButton)
    scene = window.map.scene_for("back")
    bl23, gb20 = scene.markers["BL23"][0], scene.markers["GB20"][0]
    assert bl23.colour() != gb20.colour()
    assert bl23.colour().name() == OTHER_COLOUR.name()
    codes = {window.search_panel.model.point_at(r).code for r in range(window.search_panel.model.rowCount())}
    assert "GB20" in codes and "BL23" not in codes


def test_keyboard_moves_spatially_into_a_region_and_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.map
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    # Focus shows at once: the first region has the ring.
    first = view.focused_item()
    assert isinstance(first, RegionItem) and first.focused and first.area == "head"
    # Down goes to the region below, not to the next one in a list.
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.navigator.current == ("region", "neck")
    for _ in range(6):
        if view.navigator.current == ("region", "lower-back"):
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.navigator.current == ("region", "lower-back")
    # Enter chooses the region and steps into its points.
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.state.filters.areas == {"lower-back"}
    kind, code = view.navigator.current
    assert kind == "point"
    assert code in view.navigator.points("lower-back")
    # Left and Right move to the nearest point on that side.
    here = view.navigator.position(view.navigator.current)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    left = view.navigator.position(view.navigator.current)
    assert left.x() < here.x()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.navigator.position(view.navigator.current).x() > left.x()
    # Walk to BL23 and select it with Enter.
    targets = view.navigator.targets()
    assert ("point", "BL23") in targets
    view.navigator.focus(("point", "BL23"))
    item = view.focused_item()
    assert isinstance(item, MarkerItem) and item.point.code == "BL23" and item.focused
    with qtbot.waitSignal(window.state.selection_changed):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.state.selected is not None and window.state.selected.code == "BL23"
    # Escape: back to the region; again: nothing selected, no filter.
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.navigator.current == ("region", "lower-back")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.state.selected is None and window.state.filters.areas == frozenset()
    # Home / End, Page Down to the next figure.
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.navigator.current == view.navigator.targets()[-1]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.navigator.current == view.navigator.targets()[0]
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert window.state.view == "hand" and view.current_view == "hand"
    assert view.focused_item() is not None


def test_map_accessible_children(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible

    view = window.map
    iface = QAccessible.queryAccessibleInterface(view)
    scene = view.scene_for("back")
    areas = {r.area for r in scene.regions}
    assert iface.childCount() == len(areas) + len(scene.points_here)
    names = [iface.child(i).text(QAccessible.Text.Name) for i in range(iface.childCount())]
    assert "BL23 Shènshū, Kidney Shu, lower back, both sides, avoided in pregnancy" in names
    child = iface.child(names.index("BL23 Shènshū, Kidney Shu, lower back, both sides, avoided in pregnancy"))
    assert child.role() == QAccessible.Role.ListItem and iface.indexOfChild(child) == names.index(child.text(QAccessible.Text.Name))
    assert child.text(QAccessible.Text.Description).startswith("On the lower back")
    assert child.actionInterface().actionNames() == ["Press", "SetFocus", "Add to sheet"]
    child.actionInterface().doAction("Add to sheet")
    assert window.document.sheet.points == ("BL23",)
    child.actionInterface().doAction("Press")
    assert window.state.selected_code == "BL23" and child.state().selected
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert iface.focusChild() is not None and iface.focusChild().state().focused


def test_enter_on_a_region_filters(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.map
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    region = view.focused_item()
    assert isinstance(region, RegionItem)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.state.filters.areas == {region.area}


def test_shortcuts(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.map.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_panel.search
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.map.current_view == "front"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    from backpoints.ui.guide import GuideDialog

    qtbot.waitUntil(lambda: window.findChild(GuideDialog) is not None and window.findChild(GuideDialog).isVisible())
    guide = window.findChild(GuideDialog)
    assert "red flags" in guide.browser.toPlainText().lower()
    guide.close()


def test_zoom_keeps_markers_the_same_size(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    scene = window.map.scene_for("back")
    item = scene.markers["BL23"][0]
    before = item.deviceTransform(window.map.viewportTransform()).mapRect(item.boundingRect()).width()
    scale = window.map.transform().m11()
    window.map.zoom_by(2.0)
    assert window.map.transform().m11() == pytest.approx(scale * 2, rel=0.01)
    device = item.deviceTransform(window.map.viewportTransform()).mapRect(item.boundingRect())
    assert device.width() == pytest.approx(before, rel=0.01)
    assert before > 0
    window.map.fit()
    assert window.map.transform().m11() == pytest.approx(scale, rel=0.01)


def test_details_show_markup_literally(qtbot, write) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.loader import load_dataset
    from backpoints.ui.app import create_application

    create_application()
    hostile = '<img src="http://example.com/x.png"><a href="http://evil">click</a><script>alert(1)</script>'
    path = write(dataset_text().replace("    location: On the back.", f"    location: '{hostile}'"))
    win = MainWindow(load_dataset(str(path)), None)
    qtbot.addWidget(win)
    win.state.select("BL23")
    text = win.details.plain_text()
    assert hostile in text
    html = win.details.browser.toHtml()
    assert "<img" not in html and "<script" not in html and 'href="http://evil"' not in html


def test_opening_a_broken_dataset_keeps_the_current_one(qtbot, window: MainWindow, write) -> None:  # type: ignore[no-untyped-def]
    before = window.state.dataset
    path = write("format: 1\npoints:\n  - code: BL23\n    name: [\n")
    assert window.open_dataset(str(path)) is False
    assert window.state.dataset is before
    box = data_error_box(window)
    assert box.isVisible()
    assert f"{path}:" in box.informativeText()
    box.close()


def test_opening_a_good_dataset_replaces_points(qtbot, window: MainWindow, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dataset_text("BL23", "GV4"))
    assert window.open_dataset(str(path))
    assert window.search_panel.model.rowCount() == 2
    assert window.windowTitle() == "Untitled sheet[*] — BackPoints (Test data)"
    assert set(window.map.scene_for("back").markers) == {"BL23", "GV4"}


def test_window_state_is_restored(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application

    create_application()
    path = str(tmp_path / "state.ini")
    first = MainWindow(dataset, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.resize(780, 560)  # the offscreen screen is 800x600
    first.show()
    first.map.show_view("front")
    first.state.select("ST36")
    first.splitter.setSizes([200, 380, 200])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(dataset, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.restore_state()
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == first.size()
    assert second.map.current_view == "front"
    assert second.state.selected_code == "ST36"
    assert "ST36" in second.details.plain_text()
    assert second.splitter.sizes() == sizes


def test_screenshot_command(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    out = tmp_path / "shot.png"
    result = run_cli("screenshot", "--output", str(out), "--view", "front", "--select", "CV4", "--size", "1000x700")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    plain = QImage(str(out))
    for view in ("lumbar", "neck", "side"):
        result = run_cli("screenshot", "--output", str(out), "--view", view, "--landmarks", "--grid", "--size", "1000x700")
        assert result.returncode == 0, result.stderr
        assert QImage(str(out)) != plain
    bad = run_cli("screenshot", "--output", str(out), "--select", "XX99")
    assert bad.returncode == 2 and "no point with code 'XX99'" in bad.stderr
    bad = run_cli("screenshot", "--output", str(out), "--view", "top")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_model_passes_the_model_tester(qtmodeltester, dataset) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.point_model import PointListModel

    from backpoints.ui.state import BrowseState

    state = BrowseState(dataset)
    model = PointListModel(state)
    qtmodeltester.check(model)
    state.set_query("bl")
    qtmodeltester.check(model)
    state.set_query("xylophone")
    qtmodeltester.check(model)
    state.set_query("")
    assert model.rowCount() == len(dataset.points)


def test_the_guide_prints(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from backpoints.ui.app import create_application
    from backpoints.ui.guide import GuideDialog

    from PySide6.QtWidgets import QWidget

    from backpoints.ui.sheet_output import SheetOutput

    create_application()
    owner = QWidget()
    qtbot.addWidget(owner)
    dialog = GuideDialog(SheetOutput(owner), owner)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "guide.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "Red flags: see a doctor" in " ".join(text.split()) and "not medical advice" in text


def test_pinch_and_ctrl_wheel_zoom(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice, QWheelEvent

    view = window.map
    start = view.transform().m11()
    at = QPointF(view.viewport().rect().center())
    pinch = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
        at, at, view.viewport().mapToGlobal(at), 0.5, QPointF(0, 0),
    )
    QApplication.sendEvent(view.viewport(), pinch)
    assert view.transform().m11() == pytest.approx(start * 1.5, rel=0.01)
    wheel = QWheelEvent(
        at, view.viewport().mapToGlobal(at), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.transform().m11() == pytest.approx(start * 1.5 * 1.15, rel=0.01)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.transform().m11() == pytest.approx(start, rel=0.01)


def test_details_do_not_repeat_cautions(window: MainWindow) -> None:
    window.state.select("GB21")  # pregnancy flag, and its own caution already names the lung
    text = window.details.plain_text()
    assert text.count("Traditionally avoided in pregnancy") == 1 and "Cummings 2011" in text
    assert "can puncture the pleura (pneumothorax); needle obliquely and shallowly" not in text
    assert "pneumothorax" in text.lower()


def test_close_ups_name_every_marker(window: MainWindow) -> None:
    window.map.show_view("hand")
    scene = window.map.scene_for("hand")
    labelled = [m for items in scene.markers.values() for m in items if m._label is not None and m._label.isVisible()]
    assert {m.point.code for m in labelled} == set(scene.markers)
    assert len(scene.markers["EX-UE7"]) == 2 and all(m in labelled for m in scene.markers["EX-UE7"])


def test_screenshot_refuses_special_targets_and_full_disks(tmp_path: Path) -> None:
    """The screenshot is written like every other output: never over a device, never half.

    (It used to open the FIFO and hang until something read it.)"""
    import os

    from tests.conftest import run_cli

    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    result = run_cli("screenshot", "--output", str(fifo), "--size", "640x480")
    assert result.returncode == 1 and "is a pipe (FIFO), not a regular file; not replaced" in result.stderr
    assert fifo.exists() and not fifo.is_file()  # left as it was
    full = run_cli("screenshot", "--output", "/dev/full", "--size", "640x480")
    assert full.returncode == 1 and "Traceback" not in full.stderr


def test_a_closed_maps_accessible_children_are_freed(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    """Each map registers one accessible object per region and point; they go with the map."""
    import shiboken6
    from PySide6.QtGui import QAccessible

    from backpoints.ui.bodymap.view import BodyMapView
    from backpoints.ui.state import BrowseState

    view = BodyMapView(BrowseState(dataset))
    iface = QAccessible.queryAccessibleInterface(view)
    children = [iface.child(i) for i in range(iface.childCount())]
    assert children and all(shiboken6.isValid(c) for c in children)
    view.deleteLater()
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(c) for c in children))


def test_clicking_the_diary_tab_before_idle_time_shows_the_diary(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The Diary page is made after start-up; a click on its tab before then makes and shows it."""
    from PySide6.QtCore import Qt

    bar = window.pages.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    panel = window.pages.currentWidget()
    assert panel is window.diary_panel and panel.isVisible()
    assert window.pages.count() == 2 and window.pages.tabText(1) == "Diary"
    assert window.undo_group.activeStack() is panel.undo_stack  # Edit → Undo works on the diary
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert window.undo_group.activeStack() is window.document.undo_stack
