"""The Diary tab: DiaryPanel (widgets) over DiaryDocument (state, undo); pyqtgraph loads on first open."""

from .document import DiaryDocument
from .panel import DiaryPanel

__all__ = ["DiaryDocument", "DiaryPanel"]
