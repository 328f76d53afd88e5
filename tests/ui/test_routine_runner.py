"""The guided session through its widget, driven by a fake clock and timer (no sleeps)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from backpoints.core.routines import Provenance, Routine, Step, load_routines
from backpoints.ui.routines import RoutineRunner, RunnerWidget

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeTimer(QObject):
    """A timer that fires only when the test says so."""

    timeout = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def start(self, msec: int) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False


def advance(clock: FakeClock, timer: FakeTimer, seconds: float) -> None:
    """Let `seconds` pass, ticking once a second like the real timer would."""
    whole = int(seconds)
    for _ in range(whole):
        clock.now += 1
        if timer.active:
            timer.timeout.emit()
    if seconds - whole:
        clock.now += seconds - whole
        if timer.active:
            timer.timeout.emit()


ROUTINE = Routine(
    id="test",
    name="Test routine",
    purpose="Testing",
    audience="self-care",
    technique="acupressure",
    frequency="Daily.",
    cautions=("Press gently.",),
    provenance=Provenance("personal"),
    steps=(
        Step("BL23", "both", "Knead with the knuckles.", seconds=30),
        Step("GV4", "midline", "Rub the area warm.", seconds=20, note="Not on the bone."),
        Step("KI3", "both", "Press the hollow.", seconds=10),
    ),
)


@pytest.fixture
def session(qtbot, dataset):  # type: ignore[no-untyped-def]
    clock, timer = FakeClock(), FakeTimer()
    runner = RoutineRunner(ROUTINE, clock=clock, timer=timer)
    beeps: list[int] = []
    widget = RunnerWidget(ROUTINE, dataset, runner, beep=lambda: beeps.append(1))
    qtbot.addWidget(widget)
    widget.resize(520, 560)
    widget.show()
    widget.setFocus()
    return widget, runner, clock, timer, beeps


def test_space_starts_and_the_countdown_runs_to_the_next_side(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    widget, runner, clock, timer, beeps = session
    assert widget.pause_button.text() == "Start"
    focused: list[str] = []
    widget.point_focused.connect(focused.append)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.position.text() == "Step 1 of 3"
    assert "BL23" in widget.point_name.text()
    assert widget.side_label.text().startswith("Left side")
    assert widget.how.text() == "Knead with the knuckles."
    assert widget.countdown.text() == "0:30"
    assert focused == ["BL23"]
    advance(clock, timer, 12)
    assert widget.countdown.text() == "0:18"
    advance(clock, timer, 18)
    # Both sides: the right side of the same step follows, its time full again.
    assert widget.side_label.text() == "Right side"
    assert widget.countdown.text() == "0:30"
    assert beeps == [1]
    assert focused == ["BL23", "BL23"]


def test_pause_holds_the_time_and_space_resumes(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    widget, runner, clock, timer, _ = session
    qtbot.mouseClick(widget.pause_button, Qt.MouseButton.LeftButton)
    advance(clock, timer, 5)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.pause_button.text() == "Resume"
    assert "paused" in widget.countdown.text()
    clock.now += 100  # time passes while paused
    timer.timeout.emit()
    assert runner.remaining_whole() == 25
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.pause_button.text() == "Pause"
    assert widget.countdown.text() == "0:25"
    advance(clock, timer, 25)
    assert widget.side_label.text() == "Right side"


def test_skip_and_back_with_arrows_and_buttons(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    widget, runner, clock, timer, beeps = session
    focused: list[str] = []
    widget.point_focused.connect(focused.append)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # BL23 right
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # GV4
    assert widget.position.text() == "Step 2 of 3"
    assert widget.side_label.text() == "On the midline"
    assert widget.note.text() == "Not on the bone."
    assert focused[-1] == "GV4"
    advance(clock, timer, 7)
    qtbot.keyClick(widget, Qt.Key.Key_Left)
    assert widget.position.text() == "Step 1 of 3"
    assert widget.side_label.text() == "Right side"
    assert widget.countdown.text() == "0:30"
    qtbot.mouseClick(widget.skip_button, Qt.MouseButton.LeftButton)
    assert widget.position.text() == "Step 2 of 3"
    qtbot.mouseClick(widget.back_button, Qt.MouseButton.LeftButton)
    assert focused[-1] == "BL23"
    assert beeps == []  # skipping is not the end of a timed step


def test_a_whole_run_finishes_with_a_summary(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    widget, runner, clock, timer, beeps = session
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    sides: list[tuple[int, str]] = []
    runner.step_changed.connect(lambda i, s: sides.append((i, s)))
    with qtbot.waitSignal(widget.run_finished, timeout=1000):
        advance(clock, timer, 30 + 30 + 20 + 10 + 10)
    assert sides == [(0, "right"), (1, "midline"), (2, "left"), (2, "right")]
    assert widget.pages.currentIndex() == 2
    assert widget.summary.text() == "5 of 5 steps and sides done; 1 min 40 s of pressing."
    assert len(beeps) == 5
    assert not timer.active
    assert widget.pause_button.text() == "Run again"
    assert not widget.skip_button.isEnabled()
    # Space starts it again from the first step.
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.position.text() == "Step 1 of 3"


def test_skipped_steps_show_in_the_summary_and_sound_can_be_off(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    widget, runner, clock, timer, beeps = session
    widget.sound.setChecked(False)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    advance(clock, timer, 30)  # left side done
    for _ in range(4):
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert widget.pages.currentIndex() == 2
    assert widget.summary.text().startswith("1 of 5 steps and sides done, 4 skipped")
    assert beeps == []


def test_counted_needling_steps_wait_for_done_and_ashi_focuses_nothing(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    library = load_routines(ROOT / "data" / "routines.yaml", dataset)
    routine = library.get("cherkin2009-standardized")
    assert routine is not None
    clock, timer = FakeClock(), FakeTimer()
    runner = RoutineRunner(routine, clock=clock, timer=timer)
    widget = RunnerWidget(routine, dataset, runner, beep=lambda: None)
    qtbot.addWidget(widget)
    widget.show()
    focused: list[str] = []
    widget.point_focused.connect(focused.append)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.skip_button.text() == "Done ▶"
    advance(clock, timer, 600)
    assert widget.position.text() == "Step 1 of 5"  # no countdown: it waits
    for _ in range(3):
        qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert widget.point_name.text().startswith("Ashi point")
    assert focused == ["BL23", "BL23", "GV3", ""]
    assert "Cherkin" in widget.source.text()


def test_text_from_data_is_plain(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    routine = Routine(
        "x", "<b>Bold?</b>", "p", "self-care", "acupressure", "f", (), Provenance("personal"),
        (Step("BL23", "both", "<img src='x.png'> press", seconds=5),),
    )
    widget = RunnerWidget(routine, dataset, RoutineRunner(routine, clock=FakeClock(), timer=FakeTimer()))
    qtbot.addWidget(widget)
    qtbot.keyClick(widget, Qt.Key.Key_Space)
    assert widget.how.textFormat() == Qt.TextFormat.PlainText
    assert widget.title.textFormat() == Qt.TextFormat.PlainText
    assert widget.how.text() == "<img src='x.png'> press"


def test_intro_lists_the_cautions_and_pregnancy(qtbot, dataset) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    routine = Routine(
        "x", "GB21 routine", "p", "self-care", "acupressure", "f", ("Squeeze, do not dig.",), Provenance("personal"),
        (Step("GB21", "both", "Squeeze the shoulder.", seconds=30),),
    )
    widget = RunnerWidget(routine, dataset, RoutineRunner(routine, clock=FakeClock(), timer=FakeTimer()))
    qtbot.addWidget(widget)
    texts = [label.text() for label in widget.pages.widget(0).findChildren(QLabel)]
    assert "• Squeeze, do not dig." in texts
    assert any(t.startswith("• Not for use in pregnancy") for t in texts) == dataset.point("GB21").pregnancy_caution
