"""The house's layers, read from the import statements: core → state objects → widgets.

core imports no Qt and nothing above it; printing imports no ui; ui imports no
cli or commands. A module that needs something from a layer above has its design
wrong, and this test names it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "backpoints"


def imports_of(path: Path) -> set[str]:
    """Every module a file imports (relative imports resolved), at any depth in the file."""
    module = ".".join(("backpoints",) + path.relative_to(PACKAGE).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


RULES = {
    "core": ("PySide6", "shiboken6", "backpoints.ui", "backpoints.printing", "backpoints.cli", "backpoints.commands"),
    "printing": ("backpoints.ui", "backpoints.cli", "backpoints.commands"),
    "ui": ("backpoints.cli", "backpoints.commands"),
}


@pytest.mark.parametrize("layer", list(RULES))
def test_layer_imports_nothing_above_it(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, layer
    wrong = []
    for path in files:
        for name in imports_of(path):
            if any(name == banned or name.startswith(banned + ".") for banned in RULES[layer]):
                wrong.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert wrong == []


def test_the_reader_sees_relative_imports() -> None:
    """Relative imports are resolved (`from .fonts import` in printing is printing.fonts), so
    a `from ..ui import x` there would be seen as backpoints.ui (checked by hand once)."""
    fake = PACKAGE / "printing" / "renderer.py"
    assert "backpoints.core.model" in imports_of(fake)
    assert "backpoints.printing.fonts" in imports_of(fake)
