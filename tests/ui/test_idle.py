"""Background work waits while the user types or clicks, and runs once they stop.

Keys and clicks are sent to the window (QWindow), as the system delivers them, so they
reach the input clock as a user's do."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from backpoints.ui import idle
from backpoints.ui.idle import when_quiet


def test_work_waits_until_typing_stops(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    ran: list[float] = []
    when_quiet(box, lambda: ran.append(time.monotonic()), delay_ms=0, quiet_ms=300)
    last_key = time.monotonic()
    qtbot.waitExposed(box)
    for letter in "lumbar pain":  # a key every 60 ms: never 300 ms of quiet
        QTest.keyClick(box.windowHandle(), letter)
        last_key = time.monotonic()
        qtbot.wait(60)
        assert not ran, "background work ran in the middle of typing"
    qtbot.waitUntil(lambda: bool(ran), timeout=3000)
    assert ran[0] - last_key >= 0.29
    assert box.text() == "lumbar pain"


def test_work_runs_after_its_delay_when_nobody_types(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    ran: list[float] = []
    start = time.monotonic()
    when_quiet(owner, lambda: ran.append(time.monotonic()), delay_ms=50, quiet_ms=0)
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)
    assert ran[0] - start >= 0.045
    qtbot.wait(100)
    assert len(ran) == 1  # once


def test_work_of_a_deleted_owner_never_runs_and_the_watch_stops(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QLineEdit()
    qtbot.addWidget(box)
    ran: list[int] = []
    when_quiet(box, lambda: ran.append(1), delay_ms=50, quiet_ms=0)
    assert idle._input_clock().waiting >= 1
    box.deleteLater()
    qtbot.wait(200)
    assert ran == []
    assert idle._input_clock().waiting == 0  # the application-wide filter is removed


def test_a_click_counts_as_activity(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    ran: list[int] = []
    when_quiet(box, lambda: ran.append(1), delay_ms=0, quiet_ms=250)
    for _ in range(5):
        QTest.mouseClick(box.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        qtbot.wait(80)
        assert not ran
    qtbot.waitUntil(lambda: bool(ran), timeout=3000)
