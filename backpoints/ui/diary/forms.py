"""The two diary forms: a check-in and a session. Each builds a core entry or says what is wrong."""

from __future__ import annotations

import datetime as dt
import re
from typing import Sequence

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.diary import (
    ACTIVITY_ANSWERS,
    ACTIVITY_ITEMS,
    ACTIVITY_NOTE,
    PROVIDERS,
    SEVERITIES,
    SIDE_EFFECTS,
    TECHNIQUES,
    CheckIn,
    Entry,
    Session,
    SideEffect,
    now,
    parse_money,
    validate,
)
from ...core.model import AREA_LABELS, Dataset
from .regions import AreaButton, RegionPicker

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "INR")


def _plain_label(text: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class _WhenEdit(QDateTimeEdit):
    """A date and time, to the minute, defaulting to now."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reset()

    def reset(self) -> None:
        self.set_value(now())

    def set_value(self, value: dt.datetime) -> None:
        self.setDateTime(QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0))

    def value(self) -> dt.datetime:
        d, t = self.date(), self.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class EntryForm(QWidget):
    """Common parts: the date, notes, the save and cancel buttons and the problem line."""

    #: The user pressed save; the panel asks entry() for the value.
    submitted = Signal()
    #: The user cancelled editing an entry.
    edit_cancelled = Signal()

    kind_label = "entry"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing: Entry | None = None
        self.when = _WhenEdit()
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes (optional)")
        self.notes.setMaximumHeight(60)
        self.notes.setTabChangesFocus(True)
        self.problem = _plain_label("")
        self.problem.setStyleSheet("color: #a31515;")
        self.problem.hide()
        self.save_button = QPushButton(f"Save {self.kind_label}")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submitted)
        self.cancel_button = QPushButton("Cancel edit")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.addRow("When:", self.when)

    def _finish_layout(self) -> None:
        self.form.addRow("Notes:", self.notes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addLayout(self.form)
        outer.addWidget(self.problem)
        outer.addLayout(buttons)
        outer.addStretch(1)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def entry(self) -> Entry:
        """The entry the form describes; ValueError says what is wrong."""
        raise NotImplementedError

    def load(self, entry: Entry) -> None:
        """Fill the form from a saved entry to edit it."""
        self.editing = entry
        self.when.set_value(entry.at)
        self.notes.setPlainText(entry.notes)
        self.save_button.setText("Save changes")
        self.cancel_button.show()
        self.show_problem("")

    def reset(self) -> None:
        """Back to a new, empty entry dated now."""
        self.editing = None
        self.when.reset()
        self.notes.clear()
        self.save_button.setText(f"Save {self.kind_label}")
        self.cancel_button.hide()
        self.show_problem("")

    def _cancel(self) -> None:
        self.reset()
        self.edit_cancelled.emit()


class CheckInForm(EntryForm):
    """Pain now and worst in 24 h (0-10), where it hurts, and the optional activity check."""

    kind_label = "check-in"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pain = QSpinBox()
        self.pain.setRange(0, 10)
        self.pain.setSuffix(" of 10")
        self.pain.setAccessibleName("Pain now")
        self.pain.setToolTip("0 = no pain, 10 = the worst pain you can imagine")
        self.worst = QSpinBox()
        self.worst.setRange(-1, 10)
        self.worst.setSpecialValueText("not given")
        self.worst.setValue(-1)
        self.worst.setSuffix(" of 10")
        self.worst.setAccessibleName("Worst pain in the last 24 hours")
        self.form.addRow("Pain now:", self.pain)
        self.form.addRow("Worst in 24 h:", self.worst)
        # The body map's own regions on a small figure, not a list of check boxes.
        self.regions = RegionPicker()
        self.area_boxes: dict[str, AreaButton] = self.regions.buttons
        hint = _plain_label("Click where it hurts; click again to clear.")
        hint.setStyleSheet("color: #5b5b5b;")
        self.chosen_areas = _plain_label("")
        self.chosen_areas.setObjectName("chosenAreas")
        self.clear_areas = QPushButton("Clear")
        self.clear_areas.setAccessibleName("Clear where it hurts")
        self.clear_areas.clicked.connect(lambda: self.regions.set_chosen(()))
        self.regions.changed.connect(self._show_chosen)
        side = QVBoxLayout()
        side.addWidget(hint)
        side.addWidget(self.chosen_areas)
        side.addWidget(self.clear_areas, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        where_layout = QHBoxLayout()
        where_layout.setContentsMargins(0, 0, 0, 0)
        where_layout.addWidget(self.regions, 0, Qt.AlignmentFlag.AlignTop)
        where_layout.addLayout(side, 1)
        where = QWidget()
        where.setLayout(where_layout)
        self.form.addRow("Where it hurts:", where)
        self._show_chosen()
        self.activity = QGroupBox("Activity check (optional)")
        self.activity.setCheckable(True)
        self.activity.setChecked(False)
        grid = QGridLayout(self.activity)
        note = _plain_label(ACTIVITY_NOTE)
        note.setStyleSheet("color: #5b5b5b;")
        grid.addWidget(note, 0, 0, 1, 2)
        self.activity_answers: list[QComboBox] = []
        for i, item in enumerate(ACTIVITY_ITEMS, start=1):
            grid.addWidget(_plain_label(item), i, 0)
            combo = QComboBox()
            combo.addItems(list(ACTIVITY_ANSWERS))
            combo.setAccessibleName(item)
            grid.addWidget(combo, i, 1)
            self.activity_answers.append(combo)
        self.form.addRow(self.activity)
        self._finish_layout()

    def _show_chosen(self) -> None:
        chosen = self.regions.chosen()
        self.chosen_areas.setText("Chosen: " + ", ".join(AREA_LABELS[a] for a in chosen) if chosen else "Nothing chosen")
        self.clear_areas.setEnabled(bool(chosen))

    def entry(self) -> CheckIn:
        entry = CheckIn(
            at=self.when.value(),
            pain=self.pain.value(),
            worst=None if self.worst.value() < 0 else self.worst.value(),
            areas=self.regions.chosen(),
            activity=tuple(c.currentIndex() for c in self.activity_answers) if self.activity.isChecked() else None,
            notes=self.notes.toPlainText().strip(),
        )
        validate(entry)
        return entry

    def load(self, entry: Entry) -> None:
        assert isinstance(entry, CheckIn)
        super().load(entry)
        self.pain.setValue(entry.pain)
        self.worst.setValue(-1 if entry.worst is None else entry.worst)
        self.regions.set_chosen(entry.areas)
        self.activity.setChecked(entry.activity is not None)
        for combo, answer in zip(self.activity_answers, entry.activity or (0,) * len(ACTIVITY_ITEMS)):
            combo.setCurrentIndex(answer)

    def reset(self) -> None:
        super().reset()
        if hasattr(self, "pain"):
            self.pain.setValue(0)
            self.worst.setValue(-1)
            self.regions.set_chosen(())
            self.activity.setChecked(False)
            for combo in self.activity_answers:
                combo.setCurrentIndex(0)


class SessionForm(EntryForm):
    """A treatment: who, technique, points or routine, duration, cost, insurance and side effects."""

    kind_label = "session"

    def __init__(self, dataset: Dataset | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.sheet_points: tuple[str, ...] = ()
        self.provider = QComboBox()
        self.provider.addItems(["Practitioner", "Self-care"])
        self.technique = QComboBox()
        self.technique.addItems([t.capitalize() for t in TECHNIQUES])
        self.provider.currentIndexChanged.connect(self._provider_changed)
        self.form.addRow("Who:", self.provider)
        self.form.addRow("Technique:", self.technique)
        self.points = QLineEdit()
        self.points.setPlaceholderText("Point codes, e.g. BL23 BL40")
        self.points.setAccessibleName("Points used")
        self.pick = QComboBox()
        self.pick.setEditable(True)
        self.pick.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.pick.setAccessibleName("Pick a point")
        editor = self.pick.lineEdit()
        assert editor is not None  # an editable combo box has its line edit
        editor.setPlaceholderText("Pick a point…")
        self.set_dataset(dataset)
        completer = self.pick.completer()
        assert completer is not None  # an editable combo box has its completer
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.pick.activated.connect(self._pick_point)
        self.from_sheet = QPushButton("Use the sheet's points")
        self.from_sheet.setEnabled(False)
        self.from_sheet.clicked.connect(self._use_sheet)
        picker = QHBoxLayout()
        picker.addWidget(self.pick, 1)
        picker.addWidget(self.from_sheet)
        points_box = QVBoxLayout()
        points_box.addWidget(self.points)
        points_box.addLayout(picker)
        self.form.addRow("Points:", points_box)
        self.routine = QLineEdit()
        self.routine.setPlaceholderText("Routine id (self-care), optional")
        self.form.addRow("Routine:", self.routine)
        self.duration = QSpinBox()
        self.duration.setRange(0, 600)
        self.duration.setSpecialValueText("not given")
        self.duration.setSuffix(" min")
        self.form.addRow("Duration:", self.duration)
        self.cost = QLineEdit()
        self.cost.setPlaceholderText("e.g. 85 or 85.50")
        self.cost.setAccessibleName("Cost")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(list(CURRENCIES))
        self.insurance = QCheckBox("Insurance paid")
        money = QHBoxLayout()
        money.addWidget(self.cost, 1)
        money.addWidget(self.currency)
        money.addWidget(self.insurance)
        self.form.addRow("Cost:", money)
        effects = QGroupBox("Side effects")
        grid = QGridLayout(effects)
        self.effect_rows: dict[str, tuple[QCheckBox, QComboBox, QLineEdit]] = {}
        for i, kind in enumerate(SIDE_EFFECTS):
            box = QCheckBox(kind.capitalize())
            severity = QComboBox()
            severity.addItems(list(SEVERITIES))
            severity.setAccessibleName(f"{kind} severity")
            note = QLineEdit()
            note.setPlaceholderText("note")
            note.setAccessibleName(f"{kind} note")
            grid.addWidget(box, i, 0)
            grid.addWidget(severity, i, 1)
            grid.addWidget(note, i, 2)
            self.effect_rows[kind] = (box, severity, note)
        self.form.addRow(effects)
        self._finish_layout()

    def set_dataset(self, dataset: Dataset | None) -> None:
        """The points offered in "Pick a point…" and checked on save."""
        self.dataset = dataset
        self.pick.clear()
        for point in dataset.points if dataset is not None else ():
            self.pick.addItem(f"{point.code}  {point.pinyin}", point.code)
        self.pick.setCurrentIndex(-1)

    def _provider_changed(self, index: int) -> None:
        if index == 1 and self.technique.currentIndex() == 0:
            self.technique.setCurrentIndex(TECHNIQUES.index("acupressure"))

    def _pick_point(self, index: int) -> None:
        code = self.pick.itemData(index)
        if code:
            codes = self.points.text().split()
            if code not in codes:
                self.points.setText(" ".join([*codes, code]))
        self.pick.setCurrentIndex(-1)
        self.pick.clearEditText()

    def set_sheet_points(self, codes: Sequence[str]) -> None:
        self.sheet_points = tuple(codes)
        self.from_sheet.setEnabled(bool(self.sheet_points))
        self.from_sheet.setToolTip(" ".join(self.sheet_points))

    def _use_sheet(self) -> None:
        self.points.setText(" ".join(self.sheet_points))

    def _codes(self) -> tuple[str, ...]:
        wanted = [c for c in re.split(r"[,\s]+", self.points.text()) if c]
        if self.dataset is None:
            return tuple(dict.fromkeys(c.upper() for c in wanted))
        from ...core.search import code_key, query_code

        known = {code_key(p.code): p.code for p in self.dataset.points}
        resolved = [known.get(query_code(c) or code_key(c)) for c in wanted]
        unknown = [w for w, r in zip(wanted, resolved) if r is None]
        if unknown:
            raise ValueError(f"not in the dataset: {', '.join(unknown)}")
        return tuple(dict.fromkeys(r for r in resolved if r))

    def entry(self) -> Session:
        cost_text = self.cost.text().strip()
        try:
            cost = parse_money(cost_text) if cost_text else None
        except ValueError as exc:
            raise ValueError(f"cost: {exc}") from None
        effects = tuple(
            SideEffect(kind, severity.currentText(), note.text().strip())
            for kind, (box, severity, note) in self.effect_rows.items()
            if box.isChecked()
        )
        entry = Session(
            at=self.when.value(),
            provider=PROVIDERS[self.provider.currentIndex()],
            technique=TECHNIQUES[self.technique.currentIndex()],
            points=self._codes(),
            routine=self.routine.text().strip(),
            duration_min=self.duration.value() or None,
            cost_cents=cost,
            currency=self.currency.currentText().strip().upper(),
            insurance_paid=self.insurance.isChecked(),
            notes=self.notes.toPlainText().strip(),
            side_effects=effects,
        )
        validate(entry)
        return entry

    def load(self, entry: Entry) -> None:
        assert isinstance(entry, Session)
        super().load(entry)
        self.provider.setCurrentIndex(PROVIDERS.index(entry.provider))
        self.technique.setCurrentIndex(TECHNIQUES.index(entry.technique))
        self.points.setText(" ".join(entry.points))
        self.routine.setText(entry.routine)
        self.duration.setValue(entry.duration_min or 0)
        self.cost.setText("" if entry.cost_cents is None else f"{entry.cost_cents / 100:.2f}")
        self.currency.setCurrentText(entry.currency)
        self.insurance.setChecked(entry.insurance_paid)
        chosen = {e.kind: e for e in entry.side_effects}
        for kind, (box, severity, note) in self.effect_rows.items():
            effect = chosen.get(kind)
            box.setChecked(effect is not None)
            severity.setCurrentText(effect.severity if effect else SEVERITIES[0])
            note.setText(effect.note if effect else "")

    def reset(self) -> None:
        super().reset()
        if hasattr(self, "effect_rows"):
            # Who, technique, currency and cost stay as they were: the next session is usually alike.
            self.points.clear()
            self.routine.clear()
            self.insurance.setChecked(False)
            for box, severity, note in self.effect_rows.values():
                box.setChecked(False)
                severity.setCurrentIndex(0)
                note.clear()
