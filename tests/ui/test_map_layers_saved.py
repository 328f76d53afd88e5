"""The map's layer switches (landmarks, B-cun grid, point codes) come back at the next start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from backpoints.ui.main_window import MainWindow


def test_layer_switches_are_restored_at_start(qtbot, dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application

    create_application()
    path = str(tmp_path / "settings.ini")
    first = MainWindow(dataset, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    first.state.set_view("back")
    actions = first.layer_actions
    assert not actions.grid.isChecked() and not actions.labels.isChecked() and not actions.landmarks.isChecked()
    actions.grid.trigger()
    actions.labels.trigger()
    actions.landmarks.trigger()  # on the body figures
    first.state.set_view("lumbar")
    actions.landmarks.trigger()  # off in the close-ups
    first.close()

    second = MainWindow(dataset, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    second.state.set_view("back")
    again = second.layer_actions
    assert again.grid.isChecked() and again.labels.isChecked() and again.landmarks.isChecked()
    scene = second.map.scene_for("back")
    assert scene.layers["grid"].isVisible() and scene.layers["landmarks"].isVisible()
    assert all(item.always_label for item in scene.all_markers())
    second.state.set_view("lumbar")
    assert not again.landmarks.isChecked()
    assert "landmarks" not in second.map.scene_for("lumbar").layers or not second.map.scene_for("lumbar").layers["landmarks"].isVisible()


def test_without_saved_switches_the_defaults_apply(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.state.set_view("back")
    assert not window.layer_actions.landmarks.isChecked() and not window.layer_actions.grid.isChecked()
    window.state.set_view("neck")
    assert window.layer_actions.landmarks.isChecked()
