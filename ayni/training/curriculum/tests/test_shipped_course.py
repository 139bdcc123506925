"""The starter course "Peer supporter foundations" as shipped: complete, bilingual, honest."""

import math
import re

import pytest

from ayni.training.curriculum.loader import (
    Course,
    LocalizedText,
    count_words,
    load_course,
)

REQUIRED_TOPICS = [
    "role-and-boundaries",
    "listening-and-coaching",
    "confidentiality",
    "crisis-and-referral",
    "safeguarding-young-people",
    "common-pitfalls",
    "closing-well",
    "looking-after-yourself",
]


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course()


def all_texts(course: Course):
    """Every LocalizedText in the course, with a label saying where it is."""
    yield "course.title", course.title
    yield "course.summary", course.summary
    yield "course.renewal_hint", course.renewal_hint
    for module in course.modules:
        yield f"{module.slug}.title", module.title
        yield f"{module.slug}.summary", module.summary
        for lesson in module.lessons:
            yield f"{module.slug}.lessons.{lesson.key}.title", lesson.title
            yield f"{module.slug}.lessons.{lesson.key}.body", lesson.body
        for question in module.quiz.questions:
            yield f"{module.slug}.{question.key}.prompt", question.prompt
            for option in question.options:
                yield f"{module.slug}.{question.key}.{option.key}.text", option.text
                if option.feedback is not None:
                    yield f"{module.slug}.{question.key}.{option.key}.feedback", option.feedback
        for scenario in module.scenarios:
            yield f"{module.slug}.{scenario.key}.situation", scenario.situation
            yield f"{module.slug}.{scenario.key}.task", scenario.task
            yield f"{module.slug}.{scenario.key}.model_answer", scenario.model_answer
            for index, point in enumerate(scenario.checklist):
                yield f"{module.slug}.{scenario.key}.checklist[{index}]", point


def test_the_shipped_course_loads_with_its_eight_modules_in_order(course):
    assert course.key == "foundations"
    assert course.title["en"] == "Peer supporter foundations"
    assert course.title["es"] == "Fundamentos del acompañamiento entre pares"
    assert [module.key for module in course.modules] == REQUIRED_TOPICS
    assert [module.position for module in course.modules] == list(range(1, 9))


def test_every_text_exists_in_spanish_and_english(course):
    assert set(course.languages) == {"es", "en"}
    texts = list(all_texts(course))
    assert len(texts) > 300
    for label, text in texts:
        assert isinstance(text, LocalizedText), label
        assert text.languages == {"es", "en"}, label
        for language in ("es", "en"):
            assert text[language].strip(), f"{label}.{language} is empty"


def test_spanish_text_is_spanish_and_english_text_is_english(course):
    # Catches a lesson pasted into the wrong file or an untranslated field.
    spanish_markers = re.compile(
        r"\b(que|los|las|una|un|del|al|para|con|por|sin|ni|el|la|de|y|en|es|te|se|lo|le|su|tu|ti)\b",
        re.IGNORECASE,
    )
    english_markers = re.compile(
        r"\b(the|and|you|with|what|for|that|is|to|of|it|your|they|are|them|their|as|an|or|if|not|without|about)\b",
        re.IGNORECASE,
    )
    for label, text in all_texts(course):
        if count_words(text["en"]) < 12:
            continue  # short options such as "Reality." carry too few words to judge
        es_in_es = len(spanish_markers.findall(text["es"]))
        en_in_es = len(english_markers.findall(text["es"]))
        es_in_en = len(spanish_markers.findall(text["en"]))
        en_in_en = len(english_markers.findall(text["en"]))
        assert es_in_es > en_in_es, f"{label}.es does not read as Spanish"
        assert en_in_en > es_in_en, f"{label}.en does not read as English"


def test_the_course_has_at_least_two_hours_of_material(course):
    assert course.minimum_minutes == 120
    assert course.total_minutes >= 120


def test_module_minutes_are_honest_neither_below_the_floor_nor_inflated(course):
    # The shipped estimates follow docs/curriculum.md: reading at 190 words a minute, plus
    # 1.5 minutes per quiz question and 4.5 per practice scenario. A coordinator who adds
    # text without updating the minutes, or pads them, makes this fail.
    for module in course.modules:
        words = max(module.word_count(language) for language in course.languages)
        expected = math.ceil(
            words / 190 + 1.5 * len(module.quiz.questions) + 4.5 * len(module.scenarios)
        )
        assert module.estimated_minutes >= module.minimum_minutes, module.slug
        assert abs(module.estimated_minutes - expected) <= 2, (
            f"{module.slug}: declares {module.estimated_minutes} minutes, expected about {expected}"
        )


def test_every_module_has_lessons_a_quiz_of_four_to_six_questions_and_two_scenarios(course):
    for module in course.modules:
        assert 1 <= len(module.lessons) <= 3, module.slug
        assert 4 <= len(module.quiz.questions) <= 6, module.slug
        assert len(module.scenarios) == 2, module.slug
        for scenario in module.scenarios:
            assert 2 <= len(scenario.checklist) <= 4, f"{module.slug}.{scenario.key}"


def test_every_wrong_option_explains_why_and_multiple_choice_explains_every_option(course):
    for module in course.modules:
        for question in module.quiz.questions:
            for option in question.options:
                if option.key not in question.correct_keys or question.kind == "multiple":
                    assert option.feedback is not None, f"{module.slug}.{question.key}.{option.key}"


def test_the_quizzes_mix_single_and_multiple_choice(course):
    kinds = {question.kind for module in course.modules for question in module.quiz.questions}
    assert kinds == {"single", "multiple"}
    for module in course.modules:
        for question in module.quiz.questions:
            if question.kind == "single":
                assert len(question.correct_keys) == 1


def test_correct_answers_are_not_always_in_the_same_position(course):
    # A quiz whose right answer is always "b" can be passed without reading.
    single_answers = [
        next(iter(question.correct_keys))
        for module in course.modules
        for question in module.quiz.questions
        if question.kind == "single"
    ]
    assert len(set(single_answers)) >= 3


def test_safety_modules_require_a_perfect_score(course):
    assert course.module("crisis-and-referral").quiz.pass_mark == 100
    assert course.module("safeguarding-young-people").quiz.pass_mark == 100
    assert course.module("role-and-boundaries").quiz.pass_mark == course.pass_mark == 80


def test_the_lessons_cover_what_the_issue_asks_for(course):
    def text_of(key: str, language: str) -> str:
        module = course.module(key)
        return " ".join(lesson.body[language] for lesson in module.lessons).lower()

    expectations = {
        ("listening-and-coaching", "en"): [
            "open questions",
            "affirmations",
            "reflections",
            "summaries",
            "grow",
        ],
        ("listening-and-coaching", "es"): [
            "preguntas abiertas",
            "afirmaciones",
            "reflejos",
            "resúmenes",
            "grow",
        ],
        ("crisis-and-referral", "en"): [
            "does not put the idea",
            "refer",
            "112",
            "988",
            "crisis resources appear automatically",
        ],
        ("crisis-and-referral", "es"): [
            "no le mete la idea",
            "derivar",
            "112",
            "024",
            "recursos de crisis aparecen automáticamente",
        ],
        ("safeguarding-young-people", "en"): [
            "never one-to-one off the platform",
            "visible to the coordinators",
            "do not promise to keep it secret",
            "do not investigate",
        ],
        ("safeguarding-young-people", "es"): [
            "nunca a solas fuera de la plataforma",
            "a la vista de la coordinación",
            "no prometas guardar el secreto",
            "no investigues",
        ],
        ("looking-after-yourself", "en"): [
            '"i need to talk to someone"',
            "debrief",
            "supervision",
            "compassion fatigue",
        ],
        ("looking-after-yourself", "es"): [
            "«necesito hablar con alguien»",
            "descarga",
            "supervisión",
            "fatiga por compasión",
        ],
        ("confidentiality", "en"): ["harm", "child", "before we start"],
        ("confidentiality", "es"): ["daño", "menor", "antes de empezar"],
    }
    for (key, language), phrases in expectations.items():
        text = text_of(key, language)
        for phrase in phrases:
            assert phrase in text, f"{key} ({language}) does not mention {phrase!r}"


def test_lessons_avoid_unsafe_wording_about_suicide(course):
    for module in course.modules:
        for lesson in module.lessons:
            for language, allowed_mentions in (("en", 1), ("es", 1)):
                body = lesson.body[language].lower()
                phrase = "committed suicide" if language == "en" else "cometió suicidio"
                # The crisis lesson names the phrase once, to say it should not be used.
                assert body.count(phrase) <= allowed_mentions, f"{module.slug} {language}"
