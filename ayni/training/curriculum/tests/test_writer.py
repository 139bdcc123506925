"""The TOML written for a module's edit page reads back as the same quiz and scenarios."""

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.training.curriculum.loader import (
    DEFAULT_COURSE_PATH,
    _load_quiz,
    _load_scenarios,
    _Reader,
    load_course,
)
from ayni.training.curriculum.writer import quiz_toml, scenarios_toml, toml_string
from ayni.training.sync import quiz_json, scenario_list_json

LANGUAGES = ("es", "en")


def read_quiz(text: str) -> list[dict]:
    data = tomllib.loads(text)
    return quiz_json(_load_quiz(_Reader(Path("quiz"), LANGUAGES), {"quiz": data}, 80))


def read_scenarios(text: str) -> list[dict]:
    return scenario_list_json(_load_scenarios(_Reader(Path("scenarios"), LANGUAGES), tomllib.loads(text)))


# Any text a coordinator may type: quotes, backslashes, line breaks, tabs, control characters,
# accents and emoji; the loader strips the ends and refuses empty text, so the ends are solid.
solid = st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"))
texts = st.builds(lambda first, middle, last: first + middle + last, solid, st.text(max_size=40), solid)
localized = st.fixed_dictionaries({"es": texts, "en": texts})
keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def questions(draw, key: str) -> dict:
    option_keys = draw(st.lists(keys, min_size=2, max_size=5, unique=True))
    kind = draw(st.sampled_from(["single", "multiple"]))
    if kind == "single":
        correct = [draw(st.sampled_from(option_keys))]
    else:
        correct = draw(st.lists(st.sampled_from(option_keys), min_size=1, unique=True))
    options = []
    for option_key in option_keys:
        # A wrong option always explains itself; a right one may.
        needs_feedback = option_key not in correct or draw(st.booleans())
        options.append({"key": option_key, "text": draw(localized),
                        "feedback": draw(localized) if needs_feedback else None})
    return {"key": key, "kind": kind, "prompt": draw(localized), "options": options, "correct": sorted(correct)}


@st.composite
def quizzes(draw) -> list[dict]:
    question_keys = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
    return [draw(questions(key)) for key in question_keys]


@st.composite
def scenario_lists(draw) -> list[dict]:
    scenario_keys = draw(st.lists(keys, min_size=1, max_size=3, unique=True))  # none is written as ""
    return [{"key": key, "situation": draw(localized), "task": draw(localized), "model_answer": draw(localized),
             "checklist": draw(st.lists(localized, min_size=1, max_size=3))} for key in scenario_keys]


@settings(max_examples=150, deadline=None)
@given(quizzes())
def test_a_written_quiz_reads_back_as_the_same_quiz(quiz):
    assert read_quiz(quiz_toml(quiz)) == quiz


@settings(max_examples=150, deadline=None)
@given(scenario_lists())
def test_written_scenarios_read_back_as_the_same_scenarios(scenarios):
    assert read_scenarios(scenarios_toml(scenarios)) == scenarios


@given(texts)
def test_any_text_is_one_toml_string(text):
    assert tomllib.loads(f"value = {toml_string(text)}")["value"] == text


def test_every_shipped_module_round_trips():
    course = load_course(DEFAULT_COURSE_PATH)
    for module in course.modules:
        quiz, scenarios = quiz_json(module.quiz), scenario_list_json(module.scenarios)
        assert read_quiz(quiz_toml(quiz)) == quiz, module.key
        assert read_scenarios(scenarios_toml(scenarios)) == scenarios, module.key


def test_tricky_texts_round_trip():
    tricky = {"es": 'Dice «no» y "sí"\\n, y termina en "', "en": 'Line one\nLine two with """ quotes\tand tab'}
    quiz = [{"key": "q", "kind": "single", "prompt": tricky,
             "options": [{"key": "a", "text": tricky, "feedback": None},
                         {"key": "b", "text": {"es": "B", "en": "B"}, "feedback": tricky}],
             "correct": ["a"]}]
    assert read_quiz(quiz_toml(quiz)) == quiz
    assert quiz_toml([]) == "" and scenarios_toml([]) == ""


def test_the_written_quiz_looks_like_the_curriculum_files():
    quiz = [{"key": "who", "kind": "single", "prompt": {"es": "¿A quién?", "en": "Whom?"},
             "options": [{"key": "a", "text": {"es": "A", "en": "A"}, "feedback": None},
                         {"key": "b", "text": {"es": "B", "en": "B"}, "feedback": {"es": "No.", "en": "No."}}],
             "correct": ["a"]}]
    assert quiz_toml(quiz) == (
        '[[questions]]\nkey = "who"\nkind = "single"\ncorrect = ["a"]\nprompt.es = "¿A quién?"\n'
        'prompt.en = "Whom?"\n\n[[questions.options]]\nkey = "a"\ntext.es = "A"\ntext.en = "A"\n\n'
        '[[questions.options]]\nkey = "b"\ntext.es = "B"\ntext.en = "B"\nfeedback.es = "No."\nfeedback.en = "No."\n'
    )
