"""Words the app shows in several places, kept in one (no Qt)."""

from __future__ import annotations

#: Shown in the status bar, the details panel, the About box; printed on every sheet page.
DISCLAIMER = "Educational reference, not medical advice. See a qualified practitioner and your doctor."
