"""Editing one's own routine through the editor widget."""

from __future__ import annotations

from PySide6.QtCore import Qt

from backpoints.core.routines import load_user_routines, routine_from_sheet, save_user_routines, UserRoutines
from backpoints.core.sheet import Sheet
from backpoints.ui.routines import RoutineEditor


def test_reorder_change_side_and_time_rename_and_save(qtbot, dataset, tmp_path) -> None:  # type: ignore[no-untyped-def]
    routine = routine_from_sheet(Sheet(title="Evening", points=("BL23", "GV4", "KI3")), dataset, "evening")
    editor = RoutineEditor(routine, dataset)
    qtbot.addWidget(editor)
    editor.show()
    editor.table.selectRow(2)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)  # KI3 before GV4
    assert editor.table.item(1, 0).text().startswith("2. KI3")
    editor.table.cellWidget(0, 1).setCurrentIndex(1)  # BL23: left only
    editor.table.cellWidget(0, 2).setValue(120)
    assert [editor.table.cellWidget(1, 1).itemText(i) for i in range(3)] == [
        "Both (left, then right)", "Left only", "Right only"]
    assert editor.table.cellWidget(2, 1).count() == 1  # GV4 is on the midline
    editor.table.item(1, 3).setText("Press gently behind the ankle.")
    editor.name.clear()
    qtbot.keyClicks(editor.name, "Evening back routine")
    with qtbot.waitSignal(editor.routine_saved) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    result = saved.args[0]
    assert result.name == "Evening back routine"
    assert [(s.point, s.side, s.seconds) for s in result.steps] == [
        ("BL23", "left", 120), ("KI3", "both", 60), ("GV4", "midline", 60)]
    assert result.steps[1].how == "Press gently behind the ankle."
    # What the editor saves reads back from the user's file unchanged.
    path = tmp_path / "routines.yaml"
    save_user_routines(UserRoutines().with_routine(result), path)
    assert load_user_routines(path)[0].routines == (result,)


def test_a_needling_instruction_is_refused_with_a_message(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    routine = routine_from_sheet(Sheet(points=("BL23", "KI3")), dataset, "mine")
    editor = RoutineEditor(routine, dataset)
    qtbot.addWidget(editor)
    editor.table.item(0, 3).setText("Insert a needle 1 cun.")
    emitted: list[object] = []
    editor.routine_saved.connect(emitted.append)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert emitted == []
    assert "'Insert' is a needling instruction in a self-care routine" in editor.error.text()


def test_remove_keeps_at_least_one_step(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    routine = routine_from_sheet(Sheet(points=("BL23", "KI3")), dataset, "mine")
    editor = RoutineEditor(routine, dataset)
    qtbot.addWidget(editor)
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.table.rowCount() == 1
    assert not editor.remove_button.isEnabled()
    assert editor.edited().steps[0].point == "KI3"
