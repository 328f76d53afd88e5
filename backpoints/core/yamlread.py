"""Safe YAML reading with positions: the shared base of the dataset and sheet loaders.

Files are composed into YAML nodes (never constructed into Python objects by
PyYAML), so every value keeps its line and column and no tag can build an object.
Checks collect every problem instead of stopping at the first.
"""

from __future__ import annotations

import math

import yaml

from .files import MAX_FILE_BYTES, DataError, Problem, read_text

__all__ = ["MAX_FILE_BYTES", "DataError", "NodeReader", "Problem", "compose", "read_text", "read_top"]

try:  # The C loader is several times faster; fall back where libyaml is absent.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_KNOWN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP}

_constructor = yaml.constructor.SafeConstructor()


def compose(name: str, text: str) -> yaml.Node | None:
    """Parse text into a YAML node tree, turning syntax errors into a DataError."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "YAML syntax error"
        if exc.context and exc.context not in message:
            message = f"{message} ({exc.context})"
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            message = "a tab character here: YAML indentation must use spaces, not tabs"
        if mark is None:
            raise DataError([Problem(name, 0, 0, message)]) from None
        raise DataError([Problem(name, mark.line + 1, mark.column + 1, message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, 0, 0, f"YAML error: {exc}")]) from None
    except RecursionError:  # the pure-Python parser, where libyaml (limit 1000) is absent
        raise DataError([Problem(name, 0, 0, "nesting too deep")]) from None


def read_top(
    name: str, text: str, what: str, expected: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[NodeReader, dict[str, yaml.Node]]:
    """Parse a document whose top level is a mapping; its reader and fields, or DataError."""
    root = compose(name, text)
    if root is None:
        raise DataError([Problem(name, 0, 0, f"the file is empty; expected {expected}")])
    reader = NodeReader(name)
    fields = reader.mapping(root, what, required, optional)
    if fields is None:
        raise DataError(reader.problems)
    return reader, fields


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


class NodeReader:
    """Typed access to a node tree that records problems instead of raising."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def error(self, node: yaml.Node | None, message: str) -> None:
        """Record a problem at the node's position."""
        if node is None:
            self.problems.append(Problem(self.name, 0, 0, message))
        else:
            mark = node.start_mark
            self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))

    def _visit(self, node: yaml.Node, what: str) -> bool:
        """False (with a problem) for aliases and foreign tags; aliases share node objects."""
        if id(node) in self._seen:
            self.error(node, f"{what}: YAML aliases (*name) are not allowed")
            return False
        self._seen.add(id(node))
        if node.tag not in _KNOWN_TAGS:
            self.error(node, f"{what}: tag {node.tag!r} is not allowed")
            return False
        return True

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        *,
        open_keys: bool = False,
    ) -> dict[str, yaml.Node] | None:
        """A mapping's values by key; reports duplicates, unknown (unless open_keys) and missing keys."""
        if not self._visit(node, what):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values, not {_kind(node)}")
            return None
        allowed = set(required) | set(optional)
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, _INT, _BOOL, _NULL, _FLOAT):
                self.error(key_node, f"{what}: keys must be plain words")
                continue
            key = str(key_node.value)
            if key in result:
                self.error(key_node, f"{what}: duplicate key {key!r}")
                continue
            if not open_keys and key not in allowed:
                self.error(
                    key_node,
                    f"{what}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
                )
                continue
            result[key] = value_node
        missing = [k for k in required if k not in result]
        if missing:
            self.error(node, f"{what}: missing required {_plural('key', missing)} {', '.join(missing)}")
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        """A sequence's items, or None with a problem."""
        if not self._visit(node, what):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list, not {_kind(node)}")
            return None
        return list(node.value)

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str | None:
        """A text value; numbers and booleans are refused so typos show up."""
        if not self._visit(node, what):
            return None
        # An unquoted date is still text to a person writing a dataset.
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_STR, _TIMESTAMP):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        value = str(node.value)
        if not allow_empty and not value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        return value

    def choice(self, node: yaml.Node, what: str, choices: tuple[str, ...] | list[str]) -> str | None:
        """A text value from a fixed vocabulary."""
        value = self.string(node, what)
        if value is None:
            return None
        if value not in choices:
            self.error(node, f"{what}: unknown value {value!r} (expected one of: {', '.join(choices)})")
            return None
        return value

    def choice_list(
        self, node: yaml.Node, what: str, choices: tuple[str, ...] | list[str], *, allow_empty: bool = False
    ) -> tuple[str, ...] | None:
        """A list of distinct values from a fixed vocabulary."""
        items = self.sequence(node, what)
        if items is None:
            return None
        values: list[str] = []
        for item in items:
            value = self.choice(item, f"{what} item", choices)
            if value is not None:
                if value in values:
                    self.error(item, f"{what}: {value!r} is listed twice")
                else:
                    values.append(value)
        if not items and not allow_empty:
            self.error(node, f"{what} must list at least one value")
        return tuple(values)

    def string_list(self, node: yaml.Node, what: str) -> tuple[str, ...] | None:
        """A list of non-empty texts (may be empty)."""
        items = self.sequence(node, what)
        if items is None:
            return None
        values = [self.string(item, f"{what} item") for item in items]
        return tuple(v for v in values if v is not None)

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        """A true/false value."""
        if not self._visit(node, what):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL:
            self.error(node, f"{what} must be true or false, not {_kind(node)}")
            return None
        return bool(_constructor.construct_yaml_bool(node))

    def number(
        self, node: yaml.Node, what: str, *, low: float | None = None, high: float | None = None
    ) -> float | None:
        """A finite number, optionally within [low, high]."""
        if not self._visit(node, what):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _FLOAT):
            self.error(node, f"{what} must be a number, not {_kind(node)}")
            return None
        try:
            if node.tag == _INT:
                value = float(_constructor.construct_yaml_int(node))
            else:
                value = float(_constructor.construct_yaml_float(node))
        except (ValueError, OverflowError):
            self.error(node, f"{what} is not a usable number: {node.value!r}")
            return None
        if not math.isfinite(value):
            self.error(node, f"{what} must be a finite number, not {node.value!r}")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(node, f"{what} is {node.value}, outside the allowed range {low:g}..{high:g}")
            return None
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        """A whole number."""
        if not self._visit(node, what):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
            self.error(node, f"{what} must be a whole number, not {_kind(node)}")
            return None
        try:
            return int(_constructor.construct_yaml_int(node))
        except ValueError:
            self.error(node, f"{what} is not a usable number: {node.value!r}")
            return None


def _plural(word: str, items: list[str]) -> str:
    return word if len(items) == 1 else word + "s"


def _kind(node: yaml.Node) -> str:
    """How a node reads to a person, for messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    names = {
        _STR: "text",
        _INT: "a whole number",
        _FLOAT: "a number",
        _BOOL: "true/false",
        _NULL: "an empty value",
    }
    value = str(node.value)
    shown = value if len(value) <= 30 else value[:27] + "..."
    return f"{names.get(node.tag, 'a value tagged ' + node.tag)} ({shown!r})" if node.tag != _NULL else "an empty value"

