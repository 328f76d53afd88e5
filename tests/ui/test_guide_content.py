"""The guide a reader opens: balanced evidence with numbers, the cun measures and their figure."""

from __future__ import annotations

import re


def _guide(qtbot):  # type: ignore[no-untyped-def]
    from backpoints.ui.app import create_application
    from backpoints.ui.guide import GuideDialog

    create_application()
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    return dialog


def test_guide_states_the_evidence_for_and_against(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _guide(qtbot)
    text = " ".join(dialog.browser.toPlainText().split())
    # For and against, with their numbers and the sources that give them.
    assert "NG59" in text and "do not offer acupuncture" in text
    assert "CD013814" in text and "33 trials" in text and "low certainty" in text
    assert "20,827 patients from 39 trials" in text and "Journal of Pain. 2018;19(5):455-474" in text
    assert "2012" in text and "now the largest such analysis: 20,827" in text
    assert "for each condition" not in text
    assert not re.search(r"50 ?(percent|%) (improvement|better)", text)
    # Practicalities: the trial schedule, no unsourced price.
    assert "two a week" in text and "$" not in text


def test_guide_explains_b_cun_and_f_cun_with_a_figure(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    dialog = _guide(qtbot)
    text = " ".join(dialog.browser.toPlainText().split())
    assert "B-cun (proportional bone cun)" in text and "F-cun (finger cun)" in text
    assert "5 B-cun" in text and "3 F-cun" in text
    # The finger-width figure is found and decodes to a real image (not a broken-image box).
    image = dialog.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("finger-cun.svg"))
    if image is None or (hasattr(image, "isNull") and image.isNull()):
        image = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("finger-cun.svg"))
    assert image is not None and not image.isNull()
    assert image.width() >= 300


def test_guide_explains_front_back_role_and_pregnancy_rule(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _guide(qtbot)
    text = " ".join(dialog.browser.toPlainText().split())
    assert "front-back" in text and "CV4, CV6 and ST25" in text
    assert "lumbosacral region" in text and "first three months" in text


def test_guide_lists_the_map_keys_the_tooltip_lists(qtbot) -> None:  # type: ignore[no-untyped-def]
    from backpoints.ui.bodymap.keyboard import KEY_HELP

    dialog = _guide(qtbot)
    text = " ".join(dialog.browser.toPlainText().split())
    for keys, what in KEY_HELP:
        assert keys in text and what in text, keys
    assert "Ctrl+Alt+=" in text and "High contrast (Ctrl+Alt+H)" in text
