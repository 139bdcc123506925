"""Write a module's stored quiz and practice scenarios back as curriculum TOML.

The inverse of reading them (``loader._load_quiz`` / ``loader._load_scenarios`` followed by
``ayni.training.sync.quiz_json`` / ``scenario_list_json``): the edit page of a community's
module is pre-filled with this text, and saving it unchanged gives the same JSON back.
Framework-free, like the loader.

The layout is the one of the shipped ``module.toml`` files, without the ``[quiz]`` header
(the pass mark is a field of its own on the page)::

    [[questions]]
    key = "who"
    kind = "single"
    correct = ["a"]
    prompt.es = "..."
    prompt.en = "..."

    [[questions.options]]
    key = "a"
    text.es = "..."
    ...
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(text: str, *, keep_newlines: bool) -> str:
    out = []
    for character in text:
        if keep_newlines and character == "\n":
            out.append("\n")
        elif character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif ord(character) < 0x20 or ord(character) == 0x7F:
            out.append(f"\\u{ord(character):04x}")
        else:
            out.append(character)
    return "".join(out)


def toml_string(text: str) -> str:
    """``text`` as a TOML string: a basic string, or a multi-line one when it has line breaks."""
    if "\n" in text:
        # The newline just after the opening quotes is dropped by TOML readers.
        return '"""\n' + _escape(text, keep_newlines=True) + '"""'
    return _inline_string(text)


def _inline_string(text: str) -> str:
    return '"' + _escape(text, keep_newlines=False) + '"'


def _localized_lines(name: str, values: Mapping[str, str]) -> list[str]:
    return [f"{name}.{language} = {toml_string(text)}" for language, text in values.items()]


def _inline_localized(values: Mapping[str, str]) -> str:
    return "{ " + ", ".join(f"{language} = {_inline_string(text)}" for language, text in values.items()) + " }"


def quiz_toml(quiz: Sequence[Mapping]) -> str:
    """The stored quiz (``Module.quiz``) as the TOML a coordinator edits; "" for no quiz."""
    blocks = []
    for question in quiz:
        lines = [
            "[[questions]]",
            f"key = {_inline_string(question['key'])}",
            f"kind = {_inline_string(question['kind'])}",
            "correct = [" + ", ".join(_inline_string(key) for key in question["correct"]) + "]",
            *_localized_lines("prompt", question["prompt"]),
        ]
        for option in question["options"]:
            lines += ["", "[[questions.options]]", f"key = {_inline_string(option['key'])}",
                      *_localized_lines("text", option["text"])]
            if option.get("feedback"):
                lines += _localized_lines("feedback", option["feedback"])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def scenarios_toml(scenarios: Sequence[Mapping]) -> str:
    """The stored practice scenarios (``Module.scenarios``) as TOML; "" for none."""
    blocks = []
    for scenario in scenarios:
        lines = ["[[scenarios]]", f"key = {_inline_string(scenario['key'])}"]
        for name in ("situation", "task", "model_answer"):
            lines += _localized_lines(name, scenario[name])
        lines.append("checklist = [")
        lines += [f"  {_inline_localized(point)}," for point in scenario["checklist"]]
        lines.append("]")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
