"""Sheet rendering: one renderer for preview, printer and PDF."""
