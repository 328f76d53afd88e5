"""Stars through the window: click them, restart, import and export, a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from backpoints import paths
from backpoints.core.favourites import Favourites, favourites_to_yaml, load_favourites
from tests.helpers import last_message


def _new_window(qtbot, dataset, tmp_path: Path):  # type: ignore[no-untyped-def]
    from backpoints.ui.main_window import MainWindow

    win = MainWindow(dataset, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_starred_point_survives_a_restart(qtbot, window, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    star = window.details.star_button
    assert star is not None and not star.isEnabled() and "first" in star.toolTip()
    window.state.select("BL23")
    assert star.isEnabled() and star.text() == "☆ Star"
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    assert star.text() == "★ Starred"
    assert load_favourites(paths.user_favourites_file()) == (Favourites(("BL23",)), "")
    # The Routines tab lists it; choosing it there selects it.
    window.tabs.setCurrentWidget(window.routines_panel)
    starred = window.routines_panel.starred
    assert starred is not None and starred.list.item(0).text().startswith("BL23")
    window.state.select("KI3")
    rect = starred.list.visualItemRect(starred.list.item(0))
    qtbot.mouseClick(starred.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.state.selected_code == "BL23"
    window.close()

    again = _new_window(qtbot, dataset, tmp_path)
    again.state.select("BL23")
    assert again.details.star_button.text() == "★ Starred" and again.details.star_button.isChecked()
    again.state.select("KI3")
    assert again.details.star_button.text() == "☆ Star"
    # Add the starred points to the sheet in one press.
    again.tabs.setCurrentWidget(again.routines_panel)
    qtbot.mouseClick(again.routines_panel.starred.add_button, Qt.MouseButton.LeftButton)
    assert again.document.sheet.points == ("BL23",)


def test_a_starred_routine_survives_a_restart(qtbot, window, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.routines_panel)
    chooser = window.routines_panel.chooser
    chooser.select("sciatica-self-care")
    qtbot.mouseClick(chooser.star_button, Qt.MouseButton.LeftButton)
    window.close()
    again = _new_window(qtbot, dataset, tmp_path)
    again.tabs.setCurrentWidget(again.routines_panel)
    chooser = again.routines_panel.chooser
    assert chooser.list.item(0).text().startswith("★ Pain down the leg")
    box = chooser.favourites_only
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert chooser.list.count() == 1


def test_a_bad_favourites_file_is_reported_and_kept(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = paths.user_favourites_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    broken = "format: 1\npoints: [BL23, {oops: 1}]\n"
    path.write_text(broken, encoding="utf-8")
    window.state.select("BL23")  # the details star reads the file
    qtbot.waitUntil(lambda: last_message(window) is not None)
    title, text = last_message(window)
    kept = [p for p in path.parent.iterdir() if p.name.startswith("favourites.yaml.bad-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == broken
    assert str(kept[0]) in text and f"{path}:2:16:" in text
    assert window.details.star_button.text() == "☆ Star"
    # Starring again writes a new file and leaves the kept one alone.
    qtbot.mouseClick(window.details.star_button, Qt.MouseButton.LeftButton)
    assert load_favourites(path) == (Favourites(("BL23",)), "")
    assert kept[0].read_text(encoding="utf-8") == broken


def test_a_star_that_cannot_be_saved_is_not_shown(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import backpoints.ui.favourites as module

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "save_favourites", disk_full)
    window.state.select("BL23")
    qtbot.mouseClick(window.details.star_button, Qt.MouseButton.LeftButton)
    assert window.details.star_button.text() == "☆ Star" and not window.details.star_button.isChecked()
    qtbot.waitUntil(lambda: last_message(window) is not None)
    assert "not saved" in last_message(window)[1] and "No space left" in last_message(window)[1]


def test_favourites_import_and_export_through_the_menu(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.routines_panel)
    panel = window.routines_panel
    window.state.select("BL23")
    qtbot.mouseClick(window.details.star_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "exported.yaml"
    panel.ask_save_path = lambda *args: str(out)  # type: ignore[method-assign]
    action = next(a for a in panel.files_button.menu().actions() if a.text() == "Export favourites…")
    action.trigger()
    assert load_favourites(out) == (Favourites(("BL23",)), "")
    incoming = tmp_path / "incoming.yaml"
    incoming.write_text(favourites_to_yaml(Favourites(("KI3",), ("neck-stiffness-self-care",))), encoding="utf-8")
    panel.ask_open_path = lambda *args: str(incoming)  # type: ignore[method-assign]
    next(a for a in panel.files_button.menu().actions() if a.text() == "Import favourites…").trigger()
    assert load_favourites(paths.user_favourites_file())[0] == Favourites(("BL23", "KI3"), ("neck-stiffness-self-care",))
    assert [panel.starred.list.item(r).text()[:3] for r in range(panel.starred.list.count())] == ["BL2", "KI3"]
    assert panel.chooser.list.item(0).text() == "★ Stiff neck, self-care"
    # A bad file imports nothing and says where it is wrong.
    incoming.write_text("format: 1\nroutines: [Bad Id]\n", encoding="utf-8")
    next(a for a in panel.files_button.menu().actions() if a.text() == "Import favourites…").trigger()
    qtbot.waitUntil(lambda: last_message(window) is not None)
    assert f"{incoming}:2:12:" in last_message(window)[1]
    assert load_favourites(paths.user_favourites_file())[0].points == ("BL23", "KI3")


def test_stars_from_an_older_routines_file_are_carried_over(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    old = paths.user_routines_file()
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text("format: 1\nroutines: []\nfavourites:\n  points: [GV4]\n  routines: []\n", encoding="utf-8")
    window.state.select("GV4")
    assert window.details.star_button.text() == "★ Starred"
    assert load_favourites(paths.user_favourites_file()) == (Favourites(("GV4",)), "")


def test_my_routines_export_and_import_through_the_menu(qtbot, window, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.core.routines import export_routines, load_routines, load_user_routines, routine_from_sheet
    from backpoints.core.sheet import Sheet
    from backpoints.resources import data_file

    window.tabs.setCurrentWidget(window.routines_panel)
    panel = window.routines_panel
    actions = {a.text(): a for a in panel.files_button.menu().actions()}
    actions["Export my routines…"].trigger()  # nothing of one's own yet: said, no dialog
    assert "no routines of your own" in window.statusBar().currentMessage()
    shared = tmp_path / "shared.yaml"
    export_routines((routine_from_sheet(Sheet(title="Friend's", points=("BL23", "KI3")), dataset, "friends"),), shared)
    panel.ask_open_path = lambda *args: str(shared)  # type: ignore[method-assign]
    actions["Import routines…"].trigger()
    assert [r.id for r in load_user_routines(paths.user_routines_file())[0].routines] == ["friends"]
    assert panel.chooser.list.item(panel.chooser.list.count() - 1).text() == "Friend's  (mine)"
    out = tmp_path / "mine.yaml"
    panel.ask_save_path = lambda *args: str(out)  # type: ignore[method-assign]
    actions["Export my routines…"].trigger()
    assert [r.id for r in load_user_routines(out)[0].routines] == ["friends"]
    # A file whose routine would shadow a bundled one is refused, and says why.
    library = load_routines(data_file("routines.yaml"), dataset)
    export_routines((library.get("lower-back-self-care"),), shared, library.sources)
    actions["Import routines…"].trigger()
    qtbot.waitUntil(lambda: last_message(window) is not None)
    assert "lower-back-self-care" in last_message(window)[1]
    assert [r.id for r in load_user_routines(paths.user_routines_file())[0].routines] == ["friends"]
