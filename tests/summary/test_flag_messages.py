"""Every flag message template of flags.toml is in the catalogue list, and a flag's message renders in
the language asked for (its English text stays what the rules always wrote)."""
import tomllib

from reviewer.i18n import ENGLISH, Language, Text, render
from reviewer.paths import resource
from reviewer.summary.flags.base import FLAG_CONTEXT, flag_text
from reviewer.summary.flags.messages import MESSAGES


def _templates() -> list[str]:
    found = []

    def walk(table: dict) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value)
            elif key.endswith("message"):
                found.append(value)
    with open(resource("summary_rules", "flags.toml"), "rb") as f:
        walk(tomllib.load(f))
    return found


def test_every_template_of_the_rules_is_marked_for_the_catalogue():
    templates = _templates()
    assert len(templates) > 20
    assert sorted(templates) == sorted(MESSAGES)
    assert {m.context for m in MESSAGES} == {FLAG_CONTEXT}


def test_a_flag_message_is_english_as_a_str_and_translated_when_rendered():
    text = flag_text("{marker} status differs between records: {values}.", marker="ER", values="positive, negative")
    assert isinstance(text, Text) and text == "ER status differs between records: positive, negative."
    assert render(text, ENGLISH) == text
    ja = Language(lambda ctx, s: "{marker}の状態が記録間で異なります: {values}。"
                  if (ctx, s) == (FLAG_CONTEXT, "{marker} status differs between records: {values}.") else s)
    assert render(text, ja) == "ERの状態が記録間で異なります: positive, negative。"
