"""Spoken updates: text a screen reader should read out without the focus moving there."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget


class Announcer:
    """Announces a widget's new text (a result count) to screen readers, politely.

    The label's accessible name follows its text and a NameChanged event goes out for
    clients that watch names; an announcement event (Qt 6.8+, "object:announcement"
    on AT-SPI) makes Orca speak it while the focus stays in the search box.
    """

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.last = ""

    def say(self, text: str) -> None:
        if text == self.last:
            return
        self.last = text
        self.widget.setAccessibleName(text)  # sends NameChanged itself
        announce(self.widget, text)


def announce(widget: QWidget, text: str) -> None:
    """Have screen readers speak `text`, politely, without moving the focus."""
    if not QAccessible.isActive():
        return
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # Qt before 6.8: nothing to send
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
