"""Every prompt file of maestro/llm/prompts: it loads, its placeholders are the ones the code fills,
and it names what the schema asks for."""

from __future__ import annotations

import pytest

from maestro.llm.prompts import PROMPTS, fields, prompt, template
from maestro.llm.reader import messages_for
from maestro.llm.schema import ModelReading
from maestro.spec.requirements import FAMILIES, REQUIREMENT_KINDS


def test_every_prompt_file_is_listed_and_loads():
    from importlib import resources

    files = {p.name.removesuffix(".md") for p in resources.files("maestro.llm").joinpath("prompts").iterdir()
             if p.name.endswith(".md")}
    assert files == set(PROMPTS)
    for name in PROMPTS:
        assert len(template(name)) > 50


def test_read_gdd_is_filled_with_every_family_and_requirement_kind():
    assert fields("read_gdd") == {"families", "behaviors", "kinds"}
    system, human = messages_for("# My game\nA GDD.")
    assert system[0] == "system" and human == ("human", "# My game\nA GDD.")
    for family in FAMILIES:
        assert family in system[1]
    for kind in REQUIREMENT_KINDS:
        assert kind in system[1]
    for key in ModelReading.model_fields:  # every part of the answer is explained
        assert f"{key}" in system[1], key


def test_repair_names_the_errors():
    text = prompt("repair", errors="- title: too long")
    assert "- title: too long" in text
    with pytest.raises(KeyError):
        prompt("repair")
    with pytest.raises(KeyError):
        template("nope")
