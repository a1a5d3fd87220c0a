"""Problems in a YAML settings file (the partners file, the sources file), each located by line.

A file is composed (``yaml.compose``) as well as loaded, so a problem pydantic finds at a
location such as ``partners[2].tlp`` can be reported at the line where it is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from pydantic import ValidationError

from casework import texts

Location = Sequence[int | str]
Problem = tuple[int, str]
"""(line, what is wrong and what to do): line 0 when the file has no node for it."""


def compose(text: str, mapping_needed: str) -> tuple[yaml.Node | None, dict[str, Any]]:
    """The file's node tree (for lines) and its data; raises :class:`YamlProblemError` when the text
    is not YAML, or not a mapping (``mapping_needed`` says what the mapping must hold)."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise YamlProblemError(line, texts.NOT_YAML.format(problem=error)) from error
    if not isinstance(data, dict):
        raise YamlProblemError(1, mapping_needed)
    return root, data


class YamlProblemError(ValueError):
    """Raised by :func:`compose`; each settings file turns it into its own error."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.problem: Problem = (line, problem)


def validation_problems(error: ValidationError, root: yaml.Node | None) -> list[Problem]:
    return [located(root, tuple(detail["loc"]), _message(detail)) for detail in error.errors()]


def located(root: yaml.Node | None, location: Location, message: str) -> Problem:
    return line_of(root, location), f"{where(location)}: {message}"


def where(location: Location) -> str:
    """``partners[2].tlp``."""
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".") or "file"


def line_of(root: yaml.Node | None, location: Location) -> int:
    """The line of the deepest node the location reaches: a key's own line for a mapping step,
    so an unknown key is reported where it is written."""
    node = root
    line = root.start_mark.line + 1 if root is not None else 0
    for step in location:
        if isinstance(node, yaml.MappingNode):
            pair = next((pair for pair in node.value if pair[0].value == step), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _message(detail: Mapping[str, Any]) -> str:
    if detail["type"] == "extra_forbidden":
        return texts.UNKNOWN_KEY
    if detail["type"] == "missing":
        return texts.MISSING_KEY
    return str(detail["msg"]).removeprefix("Value error, ")
