"""RunnerWidget: a guided session, one step at a time, with a countdown.

Takes plain values (a Routine and the Dataset) and a RoutineRunner; emits
point_focused(code) so the window can zoom its map on the step's point. Keys:
Space pauses and resumes (or starts), Right skips, Left goes back.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.model import Dataset
from ...core.routines import ASHI, Routine
from .runner import RoutineRunner


#: The bundled CJK font (registered at start-up by the fonts module; named here because
#: that module is moving from ui/ to printing/).
CJK_FAMILY = "BackPoints Sans CJK"


def _label(text: str = "", *, size: float = 0, bold: bool = False, wrap: bool = True) -> QLabel:
    """A plain-text label (text from data files is never read as rich text)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if size or bold:
        font = QFont(label.font())
        font.setFamilies([label.font().family(), CJK_FAMILY])
        if size:
            font.setPointSizeF(size)
        font.setBold(bold)
        label.setFont(font)
    return label


def countdown_text(seconds: int) -> str:
    """'1:05' for 65 seconds."""
    return f"{seconds // 60}:{seconds % 60:02d}"


class RunnerWidget(QWidget):
    """One step at a time: the point, the how-to text large, a countdown and the controls."""

    point_focused = Signal(str)
    #: The run ended (after the summary is shown).
    run_finished = Signal()

    def __init__(
        self,
        routine: Routine,
        dataset: Dataset,
        runner: RoutineRunner | None = None,
        parent: QWidget | None = None,
        *,
        beep: Callable[[], None] = QApplication.beep,
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.dataset = dataset
        self.runner = runner or RoutineRunner(routine, self)
        self._beep = beep
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Guided routine: {routine.name}")

        self.title = _label(routine.name, size=14, bold=True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._intro_page())
        self.pages.addWidget(self._step_page())
        self.pages.addWidget(self._summary_page())

        self.back_button = QPushButton("◀ Back")
        self.pause_button = QPushButton("Start")
        self.skip_button = QPushButton("Skip ▶")
        for button, tip in (
            (self.back_button, "Previous step (Left arrow)"),
            (self.pause_button, "Start, pause or resume (Space)"),
            (self.skip_button, "Next step (Right arrow)"),
        ):
            # Keys go to this widget, so Space never "clicks" whichever button had focus.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(tip)
            button.setMinimumHeight(36)
        self.back_button.clicked.connect(self.runner.back)
        self.pause_button.clicked.connect(self.runner.toggle_pause)
        self.skip_button.clicked.connect(self.runner.skip)
        self.sound = QCheckBox("Tone at the end of each step")
        self.sound.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sound.setChecked(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.pause_button, 2)
        buttons.addWidget(self.skip_button)
        self.source = _label(routine.source_text(), size=8)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.sound)
        layout.addWidget(self.source)

        self.runner.step_changed.connect(self._show_step)
        self.runner.tick.connect(self._show_time)
        self.runner.paused_changed.connect(self._show_paused)
        self.runner.step_ended.connect(self._on_step_ended)
        self.runner.finished.connect(self._show_summary)
        self.runner.point_focused.connect(self.point_focused)
        self._update_buttons()

    # --- pages -------------------------------------------------------------------------
    def _intro_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        routine = self.routine
        minutes = routine.total_seconds / 60
        length = f"About {minutes:.0f} minutes. " if routine.total_seconds else ""
        steps = len(routine.steps)
        layout.addWidget(_label(routine.purpose, size=11))
        layout.addWidget(_label(f"{steps} steps. {length}{routine.frequency}"))
        cautions = list(routine.cautions)
        if routine.pregnancy_caution(self.dataset) and not any("pregnan" in c.lower() for c in cautions):
            cautions.append("Not for use in pregnancy: one or more of its points are traditionally avoided.")
        if cautions:
            layout.addWidget(_label("Before you start:", bold=True))
            for caution in cautions:
                layout.addWidget(_label("• " + caution))
        layout.addWidget(_label("Press Space or Start to begin; Right arrow skips, Left arrow goes back."))
        layout.addStretch(1)
        return page

    def _step_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.position = _label(size=10)
        self.point_name = _label(size=16, bold=True)
        self.side_label = _label(size=13, bold=True)
        self.how = _label(size=15)
        self.how.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note = _label(size=10)
        self.countdown = _label(size=34, bold=True, wrap=False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleName("Time left")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        for widget in (self.position, self.point_name, self.side_label, self.how, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.countdown)
        layout.addWidget(self.progress)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label("Routine finished", size=16, bold=True))
        self.summary = _label(size=11)
        layout.addWidget(self.summary)
        layout.addWidget(_label("Rest a moment and notice how the area feels. Stop using a routine that "
                                "makes the pain worse, and see a doctor about pain that is new, severe "
                                "or spreading."))
        layout.addStretch(1)
        return page

    # --- slots -------------------------------------------------------------------------
    @Slot(int, str)
    def _show_step(self, index: int, side: str) -> None:
        step = self.routine.steps[index]
        point = self.dataset.point(step.point) if step.point != ASHI else None
        self.pages.setCurrentIndex(1)
        self.position.setText(f"Step {index + 1} of {len(self.routine.steps)}")
        if point is not None:
            self.point_name.setText(f"{point.code}  {point.pinyin}  {point.hanzi}  ·  {point.name}")
        else:
            self.point_name.setText("Ashi point: the most tender spot" if step.point == ASHI else step.point)
        self.side_label.setText({"left": "Left side", "right": "Right side", "midline": "On the midline"}[side]
                                + ("  (then the right side)" if step.side == "both" and side == "left" else ""))
        self.how.setText(step.how)
        self.note.setText(step.note)
        self.note.setVisible(bool(step.note))
        if step.timed:
            self.progress.setRange(0, step.seconds)
            self.progress.setVisible(True)
        else:
            self.progress.setVisible(False)
        self._update_buttons()

    @Slot(int)
    def _show_time(self, seconds: int) -> None:
        step = self.runner.step
        if step is None:
            return
        if step.timed:
            self.countdown.setText(countdown_text(seconds))
            self.progress.setValue(step.seconds - seconds)
        else:
            self.countdown.setText(f"×{step.count}, then Done ▶")

    @Slot(bool)
    def _show_paused(self, paused: bool) -> None:
        self._update_buttons()
        if paused:
            self.countdown.setText(countdown_text(self.runner.remaining_whole()) + "  paused")

    @Slot()
    def _on_step_ended(self) -> None:
        if self.sound.isChecked():
            self._beep()

    @Slot()
    def _show_summary(self) -> None:
        summary = self.runner.summary()
        total = len(self.runner.passes)
        pressed = round(summary.seconds_pressed)
        text = f"{summary.passes_done} of {total} steps and sides done"
        if summary.passes_skipped:
            text += f", {summary.passes_skipped} skipped"
        if self.routine.total_seconds:
            text += f"; {pressed // 60} min {pressed % 60:02d} s of pressing"
        self.summary.setText(text + ".")
        self.pages.setCurrentIndex(2)
        self._update_buttons()
        self.run_finished.emit()

    def _update_buttons(self) -> None:
        runner = self.runner
        if not runner.started:
            self.pause_button.setText("Start")
        elif runner.finished_run:
            self.pause_button.setText("Run again")
        else:
            self.pause_button.setText("Resume" if runner.paused else "Pause")
        step = runner.step
        self.skip_button.setText("Done ▶" if step is not None and not step.timed else "Skip ▶")
        self.back_button.setEnabled(runner.started)
        self.skip_button.setEnabled(runner.started and not runner.finished_run)

    # --- keys --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.runner.toggle_pause()
        elif key == Qt.Key.Key_Right:
            self.runner.skip()
        elif key == Qt.Key.Key_Left:
            self.runner.back()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: object) -> None:  # noqa: D401 - Qt override
        self.runner.stop()
        super().closeEvent(event)  # type: ignore[arg-type]
