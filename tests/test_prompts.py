"""Every prompt template renders; malformed templates are refused with a clear reason."""

from __future__ import annotations

import pytest

from retrieval.answering.prompts import PromptError, available_prompts, load_prompt, parse_prompt


@pytest.mark.parametrize("name", available_prompts())
def test_every_template_renders_with_its_declared_variables(name: str) -> None:
    template = load_prompt(name)

    system, user = template.render(**{variable: f"<{variable}>" for variable in template.variables})

    assert system and user
    for variable in template.variables:
        assert f"<{variable}>" in system + user


def test_rendering_without_a_variable_is_an_error() -> None:
    template = load_prompt("answer")

    with pytest.raises(PromptError, match="missing"):
        template.render(question="q")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "---\nname: x\ndescription: d\nvariables: []\n---\n## system\n$oops\n## user\nhi\n",
            "not declared",
        ),
        (
            "---\nname: x\ndescription: d\nvariables: [a]\n---\n## system\nhi\n## user\nhi\n",
            "not used",
        ),
        (
            "---\nname: x\ndescription: d\nvariables: []\ncolour: red\n---\n"
            "## system\nhi\n## user\nhi\n",
            "colour",
        ),
        ("---\nname: x\ndescription: d\nvariables: []\n---\n## system\nhi\n", "two parts"),
    ],
)
def test_malformed_templates_are_refused(text: str, reason: str) -> None:
    with pytest.raises((PromptError, ValueError), match=reason):
        parse_prompt(text)
