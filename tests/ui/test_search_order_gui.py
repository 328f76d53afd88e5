"""The window lists search results in the same relevance order as `backpoints list --query`."""

from __future__ import annotations

import json

import pytest

from backpoints.cli import main


@pytest.mark.parametrize("query", ["low back", "sciatica", "stiff neck", "UB40"])
def test_typed_query_lists_points_in_the_cli_order(window, qtbot, capsys, query: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search_panel.search, query)
    shown = [window.search_panel.model.point_at(row).code for row in range(window.search_panel.model.rowCount())]
    assert main(["list", "--query", query, "--json"]) == 0
    cli = [row["code"] for row in json.loads(capsys.readouterr().out)]
    assert shown == cli
    assert shown[0] == {"low back": "BL23", "sciatica": "GB30", "stiff neck": "EX-UE8", "UB40": "BL40"}[query]
