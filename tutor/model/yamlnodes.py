"""Reading composed YAML nodes with their line marks, collecting located errors.

The loader composes YAML into nodes (not plain Python objects) so that every value keeps
the line and column it came from; this module turns nodes into checked Python values and
reports anything wrong as a `ContentError` at that position.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from tutor.model.errors import ContentError
from tutor.model.positions import Key, Position

try:  # the C loader is much faster; the pure-Python one has the same node API
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_constructor = yaml.constructor.SafeConstructor()

TYPE_NAMES = {
    yaml.MappingNode: "a mapping",
    yaml.SequenceNode: "a list",
    yaml.ScalarNode: "a scalar",
}


def compose(text: str) -> yaml.Node | None:
    """Compose YAML text into a node tree (raises yaml.YAMLError on syntax errors).

    For content files use `tutor.model.yamlsafe.compose`, which bounds what the YAML may do.
    """
    return yaml.compose(text, Loader=_Loader)


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid spelling of `word`, if any is close enough to suggest."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def describe(node: yaml.Node) -> str:
    """A short human description of what a node is, for 'expected X, got Y' messages."""
    if isinstance(node, yaml.ScalarNode):
        value = scalar_value(node)
        if value is None:
            return "nothing (null)"
        return f"{type(value).__name__} {node.value!r}"
    return TYPE_NAMES.get(type(node), "something else")


def peek(node: yaml.Node, key: str) -> str | None:
    """The text of `key` in a mapping node, if present: used to name things in messages."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node, as the safe loader would construct it (the text
    itself when the safe loader cannot build it: tags are refused before this is reached)."""
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return node.value


@dataclass
class Reader:
    """Checks nodes of one file and collects every error it finds (it never stops early)."""

    file: str
    errors: list[ContentError]
    # the side table of positions the exam keeps (see `tutor.model.positions`)
    positions: dict[Key, Position] = field(default_factory=dict)

    def error(self, node: yaml.Node | None, message: str) -> None:
        """Record an error at the node's position (or the file's start)."""
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.errors.append(ContentError(self.file, line, column, message))

    def mark(self, key: Key, node: yaml.Node | None) -> None:
        """Note where the value at `key` is written, for errors found after loading."""
        if node is not None:
            self.positions[key] = Position(node.start_mark.line + 1, node.start_mark.column + 1)

    def mapping(
        self,
        node: yaml.Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        not_for: dict[str, str] | None = None,
        advice: dict[str, str] | None = None,
        valid_name: str = "valid keys",
    ) -> dict[str, yaml.Node] | None:
        """Check that `node` is a mapping with the given keys; return key -> value node.

        Unknown keys are reported with the nearest valid key, or with `advice` for a word
        authors often write instead of a key ("tolerance" for rtol/atol), and the list of
        valid keys (named `valid_name`); `not_for` maps keys that are valid elsewhere but not
        here to a reason (e.g. "is only for choice fields").
        """
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping, got {describe(node)}")
            return None
        required = list(required)
        allowed = set(required) | set(optional)
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.error(key_node, f"{what}: keys must be plain words")
                continue
            if key in out:
                self.error(key_node, f"{what}: duplicate key '{key}'")
                continue
            if key not in allowed:
                if not_for and key in not_for:
                    self.error(key_node, f"{what}: key '{key}' {not_for[key]}")
                else:
                    hint = nearest(key, allowed)
                    if advice and key.lower() in advice:
                        suggestion = f" ({advice[key.lower()]})"
                    else:
                        suggestion = f" (did you mean '{hint}'?)" if hint else ""
                    valid = ", ".join(sorted(allowed))
                    self.error(key_node, f"{what}: unknown key '{key}'{suggestion}; {valid_name}: {valid}")
                continue
            out[key] = value_node
        for key in required:
            if key not in out:
                stray = _nested_key(node, key)
                if stray is not None:
                    first = node.value[0][0] if node.value else node
                    self.error(stray, f"{what} has no `{key}`; if this `{key}` (under "
                                      f"`{_owner(node, stray)}`) is meant for it, indent `{key}` to line up "
                                      f"with `{first.value}` (column {first.start_mark.column + 1})")
                    continue
                self.error(node, f"{what}: missing key '{key}'")
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """The items of a list node, or [] after reporting that it is not a list."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a list, got a mapping: start each item with `- `, "
                             "indented under the key")
        else:
            self.error(node, f"{what} must be a list, got {describe(node)}")
        return []

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str:
        """A string value; numbers and YAML booleans (`Yes`, `False`) count as the text written."""
        if isinstance(node, yaml.ScalarNode):
            value = scalar_value(node)
            if isinstance(value, str):
                if value.strip() or allow_empty:
                    return value
                self.error(node, f"{what} must not be empty")
                return value
            if isinstance(value, (int, float)):
                # YAML 1.1 reads Yes/No/True/False as booleans; in text they mean the word
                return str(node.value)
        self.error(node, f"{what} must be text, got {describe(node)}")
        return ""

    def number(self, node: yaml.Node, what: str, *, minimum: float | None = None) -> float:
        """A real number; YAML 1.1 reads `1e-2` as a string, so numeric strings count too."""
        value: Any = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                value = None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(node, f"{what} must be a number, got {describe(node)}")
            return 0.0
        if minimum is not None and value < minimum:
            self.error(node, f"{what} must be at least {minimum:g}, got {value:g}")
        return float(value)

    def integer(self, node: yaml.Node, what: str, *, minimum: int | None = None) -> int:
        """A whole number."""
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, f"{what} must be a whole number, got {describe(node)}")
            return 0
        if minimum is not None and value < minimum:
            self.error(node, f"{what} must be at least {minimum}, got {value}")
        return value

    def boolean(self, node: yaml.Node, what: str) -> bool:
        """true or false."""
        value = scalar_value(node) if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(value, bool):
            self.error(node, f"{what} must be true or false, got {describe(node)}")
            return False
        return value

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A list of strings."""
        return tuple(self.string(item, f"{what} item") for item in self.sequence(node, what))

    def string_or_strings(self, node: yaml.Node, what: str) -> str | tuple[str, ...]:
        """A string, or a list of strings (multiple-choice answers)."""
        if isinstance(node, yaml.SequenceNode):
            return self.strings(node, what)
        return self.string(node, what)

    def plain(self, node: yaml.Node) -> Any:
        """The node as plain Python data (for blocks validated elsewhere, like `params`)."""
        return _constructor.construct_document(node)


def _nested_key(node: yaml.MappingNode, key: str, depth: int = 3) -> yaml.Node | None:
    """The last key written inside `node` (up to `depth` levels down), when it is `key`: a key
    that belongs to `node` but was indented too far at its end (the commonest slip)."""
    last: yaml.Node | None = None
    stack: list[tuple[yaml.Node, int]] = [(v, 1) for _, v in node.value]
    while stack:
        current, level = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if isinstance(k, yaml.ScalarNode) and (last is None or k.start_mark.index > last.start_mark.index):
                    last = k
                if level < depth:
                    stack.append((v, level + 1))
        elif isinstance(current, yaml.SequenceNode) and level < depth:
            stack.extend((item, level + 1) for item in current.value)
    if isinstance(last, yaml.ScalarNode) and last.value == key:
        return last
    return None


def _owner(node: yaml.MappingNode, stray: yaml.Node) -> str:
    """The key of `node` whose value holds `stray` (for "indented under `fields`")."""
    for k, v in node.value:
        if v.start_mark.index <= stray.start_mark.index <= v.end_mark.index:
            return str(getattr(k, "value", "?"))
    return "?"
