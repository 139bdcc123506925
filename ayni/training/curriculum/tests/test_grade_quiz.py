"""Grading a quiz attempt: score, pass mark, feedback, all-or-nothing multiple choice."""

import pytest

from ayni.training.curriculum.loader import (
    LocalizedText,
    Option,
    Question,
    Quiz,
    grade_quiz,
    load_course,
)


def text(en: str, es: str | None = None) -> LocalizedText:
    return LocalizedText({"en": en, "es": es or f"[es] {en}"})


def single(key: str, correct: str) -> Question:
    options = tuple(
        Option(
            key=option_key,
            text=text(f"option {option_key}"),
            feedback=None
            if option_key == correct
            else text(f"{key}: {option_key} is wrong", f"{key}: {option_key} es incorrecta"),
        )
        for option_key in ("a", "b", "c", "d")
    )
    return Question(
        key=key,
        kind="single",
        prompt=text(f"question {key}"),
        options=options,
        correct_keys=frozenset({correct}),
    )


def multiple(key: str, correct: set[str], feedback_on_correct: bool = True) -> Question:
    options = []
    for option_key in ("a", "b", "c", "d"):
        if option_key in correct:
            feedback = text(f"{key}: {option_key} is right") if feedback_on_correct else None
        else:
            feedback = text(f"{key}: {option_key} is wrong")
        options.append(Option(key=option_key, text=text(f"option {option_key}"), feedback=feedback))
    return Question(
        key=key,
        kind="multiple",
        prompt=text(f"question {key}"),
        options=tuple(options),
        correct_keys=frozenset(correct),
    )


@pytest.fixture
def quiz() -> Quiz:
    return Quiz(
        pass_mark=80,
        questions=(
            single("q1", "a"),
            single("q2", "b"),
            single("q3", "c"),
            single("q4", "d"),
            multiple("q5", {"a", "c"}),
        ),
    )


ALL_RIGHT = {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}, "q4": {"d"}, "q5": {"a", "c"}}


def test_all_right_answers_score_100_and_pass(quiz):
    result = grade_quiz(quiz, ALL_RIGHT)
    assert result.score == 100
    assert result.passed
    assert result.correct_count == result.question_count == 5
    assert all(question.correct for question in result.questions)
    assert all(question.feedback == () for question in result.questions)


def test_one_wrong_answer_in_five_reaches_exactly_the_80_percent_pass_mark(quiz):
    result = grade_quiz(quiz, {**ALL_RIGHT, "q2": {"c"}})
    assert result.score == 80
    assert result.passed
    assert [q.question_key for q in result.wrong_questions] == ["q2"]
    assert result.wrong_questions[0].feedback == ("q2: c is wrong",)


def test_two_wrong_answers_fail_with_feedback_for_each_in_the_chosen_language(quiz):
    result = grade_quiz(quiz, {**ALL_RIGHT, "q1": {"b"}, "q4": {"a"}}, language="es")
    assert result.score == 60
    assert not result.passed
    assert result.language == "es"
    feedback = {q.question_key: q.feedback for q in result.wrong_questions}
    assert feedback == {"q1": ("q1: b es incorrecta",), "q4": ("q4: a es incorrecta",)}


def test_missing_answers_count_as_wrong_and_say_so(quiz):
    result = grade_quiz(quiz, {"q1": {"a"}, "q2": set()}, language="en")
    assert result.correct_count == 1
    assert result.score == 20
    assert not result.passed
    unanswered = [q for q in result.questions if not q.answered]
    assert [q.question_key for q in unanswered] == ["q2", "q3", "q4", "q5"]
    assert unanswered[0].feedback == ("You did not answer this question.",)
    spanish = grade_quiz(quiz, {}, language="es")
    assert spanish.questions[0].feedback == ("No has respondido a esta pregunta.",)
    assert spanish.score == 0


def test_multiple_choice_is_all_or_nothing_when_a_right_option_is_missed(quiz):
    result = grade_quiz(quiz, {**ALL_RIGHT, "q5": {"a"}})
    q5 = result.questions[4]
    assert not q5.correct
    assert q5.feedback == ("q5: c is right",)
    assert result.score == 80


def test_multiple_choice_is_all_or_nothing_when_a_wrong_option_is_added(quiz):
    result = grade_quiz(quiz, {**ALL_RIGHT, "q5": {"a", "b", "c"}})
    q5 = result.questions[4]
    assert not q5.correct
    assert q5.feedback == ("q5: b is wrong",)


def test_ticking_every_option_of_a_multiple_choice_question_is_wrong(quiz):
    result = grade_quiz(quiz, {**ALL_RIGHT, "q5": {"a", "b", "c", "d"}})
    assert not result.questions[4].correct
    assert result.questions[4].feedback == ("q5: b is wrong", "q5: d is wrong")


def test_a_missed_right_option_without_feedback_gets_a_generic_note_naming_it():
    quiz = Quiz(pass_mark=50, questions=(multiple("q", {"a", "b"}, feedback_on_correct=False),))
    result = grade_quiz(quiz, {"q": {"a"}}, language="en")
    assert result.questions[0].feedback == ("This one was also correct: “option b”.",)


def test_two_choices_on_a_single_choice_question_are_wrong_even_if_one_is_right(quiz):
    result = grade_quiz(quiz, {**ALL_RIGHT, "q1": {"a", "b"}})
    q1 = result.questions[0]
    assert not q1.correct
    assert q1.feedback[0].startswith("This question has only one right answer")
    assert "q1: b is wrong" in q1.feedback


def test_answers_may_be_any_iterable_of_option_keys(quiz):
    answers = {"q1": ["a"], "q2": ("b",), "q3": ["c"], "q4": {"d"}, "q5": ["c", "a"]}
    assert grade_quiz(quiz, answers).score == 100


def test_it_refuses_answers_to_questions_the_quiz_does_not_have(quiz):
    with pytest.raises(ValueError, match="q9"):
        grade_quiz(quiz, {**ALL_RIGHT, "q9": {"a"}})


def test_it_refuses_option_keys_the_question_does_not_have(quiz):
    with pytest.raises(ValueError, match="'q1' has no option"):
        grade_quiz(quiz, {**ALL_RIGHT, "q1": {"z"}})


def test_it_refuses_a_language_the_quiz_is_not_written_in(quiz):
    with pytest.raises(ValueError, match="fr"):
        grade_quiz(quiz, ALL_RIGHT, language="fr")


def test_the_shipped_crisis_quiz_passes_only_when_everything_is_right():
    quiz = load_course().module("crisis-and-referral").quiz
    right = {question.key: set(question.correct_keys) for question in quiz.questions}
    assert grade_quiz(quiz, right, language="es").passed
    first = quiz.questions[0]
    wrong_option = next(o.key for o in first.options if o.key not in first.correct_keys)
    attempt = grade_quiz(quiz, {**right, first.key: {wrong_option}}, language="es")
    assert not attempt.passed
    assert attempt.score == 80
    assert attempt.wrong_questions[0].feedback == (first.option(wrong_option).feedback["es"],)
