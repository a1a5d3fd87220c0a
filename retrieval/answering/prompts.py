"""Prompt templates from the ``prompts`` folder, checked before use.

A template is Markdown with front matter (``name``, ``description``, ``variables``) and two
parts, ``## system`` and ``## user``. Unknown front-matter fields, variables used but not
declared, and declared variables left unused are all errors; rendering without a declared
variable is an error too.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from retrieval.errors import AnsweringError

PARTS = ("system", "user")


class PromptError(AnsweringError, ValueError):
    pass


class _FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    variables: list[str]


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    description: str
    variables: frozenset[str]
    system: string.Template
    user: string.Template

    def render(self, **values: str) -> tuple[str, str]:
        missing = self.variables - values.keys()
        unknown = values.keys() - self.variables
        if missing or unknown:
            raise PromptError(
                f"prompt {self.name!r}: missing {sorted(missing)}, unknown {sorted(unknown)}"
            )
        return self.system.substitute(values).strip(), self.user.substitute(values).strip()


def load_prompt(name: str) -> PromptTemplate:
    text = (resources.files("prompts") / f"{name}.md").read_text(encoding="utf-8")
    return parse_prompt(text)


def available_prompts() -> list[str]:
    return sorted(
        entry.name.removesuffix(".md")
        for entry in resources.files("prompts").iterdir()
        if entry.name.endswith(".md")
    )


def parse_prompt(text: str) -> PromptTemplate:
    _, front, body = text.split("---", 2) if text.startswith("---") else ("", "", "")
    if not front:
        raise PromptError("a prompt starts with front matter between --- lines")
    meta = _FrontMatter.model_validate(yaml.safe_load(front))
    parts = _split_parts(body)
    declared = frozenset(meta.variables)
    used = {identifier for part in parts.values() for identifier in _identifiers(part)}
    if used != declared:
        raise PromptError(
            f"prompt {meta.name!r}: used but not declared {sorted(used - declared)}, "
            f"declared but not used {sorted(declared - used)}"
        )
    return PromptTemplate(
        name=meta.name,
        description=meta.description,
        variables=declared,
        system=string.Template(parts["system"]),
        user=string.Template(parts["user"]),
    )


def _split_parts(body: str) -> dict[str, str]:
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.splitlines():
        heading = line.strip().removeprefix("## ").strip() if line.startswith("## ") else None
        if heading in PARTS:
            current = parts.setdefault(heading, [])
        elif current is not None:
            current.append(line)
    if set(parts) != set(PARTS):
        raise PromptError("a prompt has exactly two parts: '## system' and '## user'")
    return {name: "\n".join(lines) for name, lines in parts.items()}


def _identifiers(template: str) -> set[str]:
    return {
        match.group("named") or match.group("braced")
        for match in string.Template.pattern.finditer(template)
        if match.group("named") or match.group("braced")
    }
