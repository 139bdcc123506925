"""Load a training course from TOML and Markdown files, and grade its quizzes.

Framework-free on purpose: plain files in, frozen dataclasses out, no Django import. The
Django side imports these objects (or re-reads the same files) to fill its models, and the
tests, the CLI and a coordinator's text editor all work on the same files.

A course lives in a folder::

    course.toml                 key, title, summary, pass mark, renewal, minimum minutes
    NN-slug/module.toml         one folder per module: title, summary, minutes,
                                lessons, quiz, practice scenarios
    NN-slug/lesson-N.es.md      one Markdown file per lesson and language
    NN-slug/lesson-N.en.md

Every piece of user-facing text exists in every language the course declares. Anything
missing or inconsistent raises ``CurriculumError`` naming the file and the field, so a
coordinator who edits a module sees exactly what to fix.

Grading: a question is right only when the set of chosen options equals the set of correct
options. Multiple-choice questions are therefore scored all-or-nothing (no partial credit):
ticking one right option and missing another counts as wrong, and so does ticking every
option. The score is the share of questions answered right.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

DEFAULT_COURSE_PATH = Path(__file__).resolve().parent / "foundations"

# Honest-minutes floor for a module: reading at the fast end of normal reading speed, plus
# the least time a person can spend on a quiz question or a practice scenario in earnest.
READING_WORDS_PER_MINUTE = 200
MINUTES_PER_QUESTION = 1
MINUTES_PER_SCENARIO = 3

QuestionKind = Literal["single", "multiple"]
QUESTION_KINDS: tuple[str, ...] = ("single", "multiple")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LESSON_FILE_PATTERN = re.compile(r"^lesson-(\d+)\.([a-z]{2})\.md$")

# Grading messages that do not come from the course files.
NOT_ANSWERED = {
    "es": "No has respondido a esta pregunta.",
    "en": "You did not answer this question.",
}
MISSED_CORRECT_OPTION = {
    "es": "También era correcta: «{option}».",
    "en": "This one was also correct: “{option}”.",
}
TOO_MANY_FOR_SINGLE = {
    "es": "En esta pregunta solo hay una respuesta correcta; elige una sola opción.",
    "en": "This question has only one right answer; choose a single option.",
}


class CurriculumError(ValueError):
    """A course file is missing, malformed or inconsistent.

    ``file`` is the path of the offending file and ``field`` the dotted name of the field
    (for example ``quiz.questions[2].correct``), so the message points at what to fix.
    """

    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file = Path(file)
        self.field = field
        self.problem = problem
        where = f"{self.file}: {field}" if field else str(self.file)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class LocalizedText:
    """One piece of text in every language of the course, e.g. ``text["es"]``."""

    by_language: Mapping[str, str]

    def __getitem__(self, language: str) -> str:
        try:
            return self.by_language[language]
        except KeyError:
            known = ", ".join(sorted(self.by_language))
            raise KeyError(f"no text in language {language!r} (have: {known})") from None

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.by_language)


@dataclass(frozen=True)
class Lesson:
    """A lesson: a title and a Markdown body per language."""

    key: str
    position: int
    title: LocalizedText
    body: LocalizedText
    files: Mapping[str, Path]

    def word_count(self, language: str) -> int:
        """Number of words in the lesson body in ``language`` (Markdown marks excluded)."""
        return count_words(self.body[language])


@dataclass(frozen=True)
class Option:
    """A possible answer. ``feedback`` explains why it is wrong (or, for a correct option
    of a multiple-choice question, why it should not be missed)."""

    key: str
    text: LocalizedText
    feedback: LocalizedText | None


@dataclass(frozen=True)
class Question:
    """A single-choice (exactly one correct option) or multiple-choice question."""

    key: str
    kind: QuestionKind
    prompt: LocalizedText
    options: tuple[Option, ...]
    correct_keys: frozenset[str]

    def option(self, key: str) -> Option:
        """The option with this key; ``KeyError`` if the question has none."""
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(f"question {self.key!r} has no option {key!r}")


@dataclass(frozen=True)
class Quiz:
    """The quiz that closes a module. ``pass_mark`` is a percentage (0-100)."""

    pass_mark: int
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question:
        """The question with this key; ``KeyError`` if the quiz has none."""
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(f"quiz has no question {key!r}")


@dataclass(frozen=True)
class Scenario:
    """A practice situation: the supporter writes a reply and compares it with the model
    answer and the checklist of what a good answer does."""

    key: str
    situation: LocalizedText
    task: LocalizedText
    model_answer: LocalizedText
    checklist: tuple[LocalizedText, ...]


@dataclass(frozen=True)
class Module:
    """A module of a course: lessons, one quiz and practice scenarios."""

    key: str
    slug: str
    position: int
    title: LocalizedText
    summary: LocalizedText
    estimated_minutes: int
    lessons: tuple[Lesson, ...]
    quiz: Quiz
    scenarios: tuple[Scenario, ...]
    path: Path

    def word_count(self, language: str) -> int:
        """Words of lesson text in ``language``."""
        return sum(lesson.word_count(language) for lesson in self.lessons)

    @property
    def minimum_minutes(self) -> int:
        """The least time the module can honestly take (see ``module_minutes_floor``)."""
        return module_minutes_floor(
            max(self.word_count(language) for language in self.title.languages),
            len(self.quiz.questions),
            len(self.scenarios),
        )


@dataclass(frozen=True)
class Course:
    """A course: an ordered sequence of modules plus the rules around them."""

    key: str
    languages: tuple[str, ...]
    title: LocalizedText
    summary: LocalizedText
    pass_mark: int
    renewal_months: int
    renewal_hint: LocalizedText
    minimum_minutes: int
    modules: tuple[Module, ...]
    path: Path

    @property
    def total_minutes(self) -> int:
        """Sum of the modules' estimated minutes."""
        return sum(module.estimated_minutes for module in self.modules)

    def word_count(self, language: str) -> int:
        """Words of lesson text in ``language`` across all modules."""
        return sum(module.word_count(language) for module in self.modules)

    def module(self, key: str) -> Module:
        """The module with this key; ``KeyError`` if the course has none."""
        for module in self.modules:
            if module.key == key:
                return module
        raise KeyError(f"course {self.key!r} has no module {key!r}")


@dataclass(frozen=True)
class QuestionResult:
    """How one question went: ``feedback`` holds one message per mistake."""

    question_key: str
    answered: bool
    correct: bool
    chosen: frozenset[str]
    feedback: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class QuizResult:
    """The outcome of one attempt. ``score`` is the percentage of questions answered right
    (0-100, rounded down); ``passed`` compares the exact share with the pass mark."""

    score: int
    passed: bool
    correct_count: int
    question_count: int
    pass_mark: int
    language: str
    questions: tuple[QuestionResult, ...]

    @property
    def wrong_questions(self) -> tuple[QuestionResult, ...]:
        return tuple(result for result in self.questions if not result.correct)


# --------------------------------------------------------------------------------------
# Public API


def load_course(path: Path | str | None = None) -> Course:
    """Load and validate the course in folder ``path`` (default: the starter course
    "Peer supporter foundations" shipped with Ayni).

    Raises ``CurriculumError`` naming the file and field of the first problem found.
    """
    folder = Path(path) if path is not None else DEFAULT_COURSE_PATH
    course_file = folder / "course.toml"
    data = _read_toml(course_file)
    reader = _Reader(course_file)

    languages = tuple(reader.list_of_str(data, "languages"))
    if not languages:
        raise CurriculumError(course_file, "languages", "list at least one language")
    for language in languages:
        if not re.fullmatch(r"[a-z]{2}", language):
            raise CurriculumError(
                course_file, "languages", f"{language!r} is not a two-letter code"
            )
    reader.languages = languages

    key = reader.key(data, "key")
    title = reader.text(data, "title")
    summary = reader.text(data, "summary")
    pass_mark = reader.percentage(data, "pass_mark")
    renewal_months = reader.positive_int(data, "renewal_months")
    renewal_hint = reader.text(data, "renewal_hint")
    minimum_minutes = reader.positive_int(data, "minimum_minutes")

    module_files = sorted(folder.glob("*/module.toml"))
    if not module_files:
        raise CurriculumError(folder, "modules", "no module folders (NN-slug/module.toml) found")
    modules = [_load_module(module_file, languages, pass_mark) for module_file in module_files]
    modules.sort(key=lambda module: module.position)
    _check_unique(course_file, "modules", [m.key for m in modules], "module key")
    _check_unique(course_file, "modules", [m.position for m in modules], "module position")

    course = Course(
        key=key,
        languages=languages,
        title=title,
        summary=summary,
        pass_mark=pass_mark,
        renewal_months=renewal_months,
        renewal_hint=renewal_hint,
        minimum_minutes=minimum_minutes,
        modules=tuple(modules),
        path=folder,
    )
    if course.total_minutes < minimum_minutes:
        raise CurriculumError(
            course_file,
            "minimum_minutes",
            f"the modules add up to {course.total_minutes} minutes, "
            f"below the course floor of {minimum_minutes}",
        )
    return course


def grade_quiz(
    quiz: Quiz, answers: Mapping[str, Iterable[str]], language: str = "en"
) -> QuizResult:
    """Grade one attempt at ``quiz``.

    ``answers`` maps a question key to the option keys the person chose; a question that is
    absent or has an empty choice counts as unanswered (and wrong). Each question is worth
    the same; a multiple-choice question is right only if exactly the correct options are
    chosen (all-or-nothing). Feedback comes back in ``language``: the feedback of every
    wrong option chosen and, for multiple choice, a note for every correct option missed.

    Raises ``ValueError`` for an answer to a question the quiz does not have or for an
    option key the question does not have (a tampered or stale form, not a wrong answer).
    """
    known_questions = {question.key for question in quiz.questions}
    unknown = sorted(set(answers) - known_questions)
    if unknown:
        raise ValueError(f"answers name questions the quiz does not have: {', '.join(unknown)}")
    if quiz.questions and language not in quiz.questions[0].prompt.languages:
        raise ValueError(f"the quiz has no text in language {language!r}")

    results = []
    for question in quiz.questions:
        chosen = frozenset(answers.get(question.key, ()))
        option_keys = {option.key for option in question.options}
        stray = sorted(chosen - option_keys)
        if stray:
            raise ValueError(f"question {question.key!r} has no option(s) {', '.join(stray)}")
        results.append(_grade_question(question, chosen, language))

    correct_count = sum(1 for result in results if result.correct)
    question_count = len(results)
    score = (correct_count * 100) // question_count if question_count else 0
    passed = question_count > 0 and correct_count * 100 >= quiz.pass_mark * question_count
    return QuizResult(
        score=score,
        passed=passed,
        correct_count=correct_count,
        question_count=question_count,
        pass_mark=quiz.pass_mark,
        language=language,
        questions=tuple(results),
    )


def count_words(markdown_text: str) -> int:
    """Count the words a reader reads: Markdown marks, URLs and bare numbers do not count."""
    without_links = re.sub(r"\]\([^)]*\)", "]", markdown_text)
    return len(re.findall(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", without_links))


def module_minutes_floor(words: int, question_count: int, scenario_count: int) -> int:
    """The least number of minutes a module can honestly claim: its lesson words read at
    ``READING_WORDS_PER_MINUTE``, plus ``MINUTES_PER_QUESTION`` per quiz question and
    ``MINUTES_PER_SCENARIO`` per practice scenario."""
    reading = math.ceil(words / READING_WORDS_PER_MINUTE)
    return reading + question_count * MINUTES_PER_QUESTION + scenario_count * MINUTES_PER_SCENARIO


# --------------------------------------------------------------------------------------
# Internals


def _grade_question(question: Question, chosen: frozenset[str], language: str) -> QuestionResult:
    if not chosen:
        return QuestionResult(
            question_key=question.key,
            answered=False,
            correct=False,
            chosen=chosen,
            feedback=(NOT_ANSWERED.get(language, NOT_ANSWERED["en"]),),
        )
    correct = chosen == question.correct_keys
    feedback: list[str] = []
    if not correct:
        if question.kind == "single" and len(chosen) > 1:
            feedback.append(TOO_MANY_FOR_SINGLE.get(language, TOO_MANY_FOR_SINGLE["en"]))
        for option in question.options:  # in the question's order, not the set's
            if option.key in chosen and option.key not in question.correct_keys:
                if option.feedback is not None:
                    feedback.append(option.feedback[language])
            elif question.kind == "multiple" and option.key in question.correct_keys - chosen:
                if option.feedback is not None:
                    feedback.append(option.feedback[language])
                else:
                    template = MISSED_CORRECT_OPTION.get(language, MISSED_CORRECT_OPTION["en"])
                    feedback.append(template.format(option=option.text[language]))
    return QuestionResult(
        question_key=question.key,
        answered=True,
        correct=correct,
        chosen=chosen,
        feedback=tuple(feedback),
    )


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        with file.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise CurriculumError(file, "", "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise CurriculumError(file, "", f"not valid TOML ({error})") from None


def _check_unique(file: Path, field_name: str, values: list[Any], what: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise CurriculumError(file, field_name, f"{what} {value!r} appears more than once")
        seen.add(value)


class _Reader:
    """Typed field access that reports the file and the dotted field name on error."""

    def __init__(self, file: Path, languages: tuple[str, ...] = ()) -> None:
        self.file = file
        self.languages = languages

    def fail(self, name: str, problem: str) -> CurriculumError:
        return CurriculumError(self.file, name, problem)

    def value(self, data: Mapping[str, Any], key: str, name: str | None = None) -> Any:
        name = name or key
        if key not in data:
            raise self.fail(name, "missing")
        return data[key]

    def key(self, data: Mapping[str, Any], key: str, name: str | None = None) -> str:
        name = name or key
        value = self.value(data, key, name)
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            raise self.fail(name, f"{value!r} is not a key (lowercase letters, digits, hyphens)")
        return value

    def positive_int(self, data: Mapping[str, Any], key: str, name: str | None = None) -> int:
        name = name or key
        value = self.value(data, key, name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(name, f"{value!r} is not a positive whole number")
        return value

    def percentage(self, data: Mapping[str, Any], key: str, name: str | None = None) -> int:
        name = name or key
        value = self.positive_int(data, key, name)
        if value > 100:
            raise self.fail(name, f"{value} is not a percentage between 1 and 100")
        return value

    def list_of_str(self, data: Mapping[str, Any], key: str, name: str | None = None) -> list[str]:
        name = name or key
        value = self.value(data, key, name)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(name, "must be a list of strings")
        return value

    def tables(self, data: Mapping[str, Any], key: str, name: str | None = None) -> list[dict]:
        name = name or key
        value = self.value(data, key, name)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(name, f"must be a list of tables ([[{name}]])")
        return value

    def table(self, data: Mapping[str, Any], key: str, name: str | None = None) -> dict:
        name = name or key
        value = self.value(data, key, name)
        if not isinstance(value, dict):
            raise self.fail(name, f"must be a table ([{name}])")
        return value

    def text(self, data: Mapping[str, Any], key: str, name: str | None = None) -> LocalizedText:
        name = name or key
        value = self.value(data, key, name)
        return self.localized(value, name)

    def localized(self, value: Any, name: str) -> LocalizedText:
        if not isinstance(value, dict):
            raise self.fail(name, f"must give the text per language ({self._language_hint(name)})")
        by_language: dict[str, str] = {}
        for language in self.languages:
            text = value.get(language)
            if text is None:
                raise self.fail(f"{name}.{language}", "missing language")
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"{name}.{language}", "empty text")
            by_language[language] = text.strip()
        extra = sorted(set(value) - set(self.languages))
        if extra:
            raise self.fail(name, f"language(s) not declared by the course: {', '.join(extra)}")
        return LocalizedText(by_language)

    def _language_hint(self, name: str) -> str:
        return ", ".join(f"{name}.{language} = ..." for language in self.languages)


def _load_module(module_file: Path, languages: tuple[str, ...], default_pass_mark: int) -> Module:
    folder = module_file.parent
    if not re.fullmatch(r"\d{2}-[a-z0-9-]+", folder.name):
        raise CurriculumError(
            folder, "", "module folders are named NN-slug, e.g. 03-confidentiality"
        )
    data = _read_toml(module_file)
    reader = _Reader(module_file, languages)

    key = reader.key(data, "key")
    position = reader.positive_int(data, "position")
    title = reader.text(data, "title")
    summary = reader.text(data, "summary")
    estimated_minutes = reader.positive_int(data, "estimated_minutes")

    lessons = _load_lessons(reader, data, folder)
    quiz = _load_quiz(reader, data, default_pass_mark)
    scenarios = _load_scenarios(reader, data)

    module = Module(
        key=key,
        slug=folder.name,
        position=position,
        title=title,
        summary=summary,
        estimated_minutes=estimated_minutes,
        lessons=lessons,
        quiz=quiz,
        scenarios=scenarios,
        path=folder,
    )
    floor = module.minimum_minutes
    if estimated_minutes < floor:
        words = max(module.word_count(language) for language in languages)
        raise CurriculumError(
            module_file,
            "estimated_minutes",
            f"{estimated_minutes} is below the floor of {floor} minutes "
            f"({words} words at {READING_WORDS_PER_MINUTE} per minute, "
            f"{len(quiz.questions)} questions, {len(scenarios)} scenarios)",
        )
    return module


def _load_lessons(reader: _Reader, data: Mapping[str, Any], folder: Path) -> tuple[Lesson, ...]:
    entries = reader.tables(data, "lessons")
    if not entries:
        raise reader.fail("lessons", "a module needs at least one lesson")
    lessons = []
    for index, entry in enumerate(entries):
        name = f"lessons[{index}]"
        key = reader.key(entry, "key", f"{name}.key")
        title = reader.text(entry, "title", f"{name}.title")
        position = index + 1
        files: dict[str, Path] = {}
        bodies: dict[str, str] = {}
        for language in reader.languages:
            lesson_file = folder / f"lesson-{position}.{language}.md"
            if not lesson_file.is_file():
                raise CurriculumError(
                    lesson_file, f"{name}.{language}", "missing language: lesson file not found"
                )
            body = lesson_file.read_text(encoding="utf-8").strip()
            if not body:
                raise CurriculumError(lesson_file, f"{name}.{language}", "empty lesson")
            files[language] = lesson_file
            bodies[language] = body
        lessons.append(
            Lesson(key=key, position=position, title=title, body=LocalizedText(bodies), files=files)
        )
    _check_unique(reader.file, "lessons", [lesson.key for lesson in lessons], "lesson key")
    # A lesson file that no [[lessons]] entry points at is almost always a forgotten entry.
    for lesson_file in sorted(folder.glob("lesson-*.md")):
        match = LESSON_FILE_PATTERN.match(lesson_file.name)
        if match is None or not 1 <= int(match.group(1)) <= len(lessons):
            raise CurriculumError(
                lesson_file,
                "lessons",
                "lesson file has no matching [[lessons]] entry in module.toml",
            )
        if match.group(2) not in reader.languages:
            raise CurriculumError(lesson_file, "lessons", "language not declared by the course")
    return tuple(lessons)


def _load_quiz(reader: _Reader, data: Mapping[str, Any], default_pass_mark: int) -> Quiz:
    quiz_data = reader.table(data, "quiz")
    pass_mark = (
        reader.percentage(quiz_data, "pass_mark", "quiz.pass_mark")
        if "pass_mark" in quiz_data
        else default_pass_mark
    )
    entries = reader.tables(quiz_data, "questions", "quiz.questions")
    if not entries:
        raise reader.fail("quiz.questions", "a quiz needs at least one question")
    questions = [
        _load_question(reader, entry, f"quiz.questions[{i}]") for i, entry in enumerate(entries)
    ]
    _check_unique(reader.file, "quiz.questions", [q.key for q in questions], "question key")
    return Quiz(pass_mark=pass_mark, questions=tuple(questions))


def _load_question(reader: _Reader, entry: Mapping[str, Any], name: str) -> Question:
    key = reader.key(entry, "key", f"{name}.key")
    kind = reader.value(entry, "kind", f"{name}.kind")
    if kind not in QUESTION_KINDS:
        raise reader.fail(f"{name}.kind", f"{kind!r} is not one of: {', '.join(QUESTION_KINDS)}")
    prompt = reader.text(entry, "prompt", f"{name}.prompt")
    correct = reader.list_of_str(entry, "correct", f"{name}.correct")
    option_entries = reader.tables(entry, "options", f"{name}.options")
    if len(option_entries) < 2:
        raise reader.fail(f"{name}.options", "a question needs at least two options")

    correct_keys = frozenset(correct)
    if not correct_keys:
        raise reader.fail(f"{name}.correct", "no correct answer: list at least one option key")
    option_keys = [
        reader.key(option, "key", f"{name}.options[{i}].key")
        for i, option in enumerate(option_entries)
    ]
    _check_unique(reader.file, f"{name}.options", option_keys, "option key")
    unknown = sorted(correct_keys - set(option_keys))
    if unknown:
        raise reader.fail(f"{name}.correct", f"unknown option key(s): {', '.join(unknown)}")
    if kind == "single" and len(correct_keys) != 1:
        raise reader.fail(
            f"{name}.correct",
            f"a single-choice question has exactly one correct option, not {len(correct_keys)} "
            f'({", ".join(sorted(correct_keys))}); use kind = "multiple"',
        )

    options = []
    for index, (option_key, option) in enumerate(zip(option_keys, option_entries, strict=True)):
        option_name = f"{name}.options[{index}]"
        text = reader.text(option, "text", f"{option_name}.text")
        if "feedback" in option:
            feedback: LocalizedText | None = reader.text(
                option, "feedback", f"{option_name}.feedback"
            )
        elif option_key not in correct_keys:
            raise reader.fail(
                f"{option_name}.feedback", "missing: a wrong option must explain why it is wrong"
            )
        else:
            feedback = None
        options.append(Option(key=option_key, text=text, feedback=feedback))
    return Question(
        key=key,
        kind=kind,
        prompt=prompt,
        options=tuple(options),
        correct_keys=correct_keys,
    )


def _load_scenarios(reader: _Reader, data: Mapping[str, Any]) -> tuple[Scenario, ...]:
    entries = reader.tables(data, "scenarios")
    scenarios = []
    for index, entry in enumerate(entries):
        name = f"scenarios[{index}]"
        checklist_entries = reader.value(entry, "checklist", f"{name}.checklist")
        if not isinstance(checklist_entries, list) or not checklist_entries:
            raise reader.fail(f"{name}.checklist", "list at least one point a good answer covers")
        scenarios.append(
            Scenario(
                key=reader.key(entry, "key", f"{name}.key"),
                situation=reader.text(entry, "situation", f"{name}.situation"),
                task=reader.text(entry, "task", f"{name}.task"),
                model_answer=reader.text(entry, "model_answer", f"{name}.model_answer"),
                checklist=tuple(
                    reader.localized(point, f"{name}.checklist[{i}]")
                    for i, point in enumerate(checklist_entries)
                ),
            )
        )
    _check_unique(reader.file, "scenarios", [s.key for s in scenarios], "scenario key")
    return tuple(scenarios)


def main(argv: list[str] | None = None) -> int:
    """Check a course folder and print its outline: ``python -m
    ayni.training.curriculum.loader [folder]``. Exit status 1 names the first problem."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        course = load_course(args[0] if args else None)
    except CurriculumError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    first = course.languages[0]
    print(f"{course.title[first]} ({course.key}), modules: {len(course.modules)}")
    for module in course.modules:
        words = ", ".join(f"{lang} {module.word_count(lang)}" for lang in course.languages)
        print(
            f"  {module.position}. {module.title[first]}: {module.estimated_minutes} min "
            f"(floor {module.minimum_minutes}), {len(module.lessons)} lessons, "
            f"{len(module.quiz.questions)} questions (pass {module.quiz.pass_mark}%), "
            f"{len(module.scenarios)} scenarios; words: {words}"
        )
    words = ", ".join(f"{lang} {course.word_count(lang)}" for lang in course.languages)
    print(f"total: {course.total_minutes} min (minimum {course.minimum_minutes}); words: {words}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
