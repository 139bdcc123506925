"""A broken course file is refused with an error naming the file and the field."""

from pathlib import Path

import pytest

from ayni.training.curriculum.loader import CurriculumError, load_course

COURSE_TOML = """
key = "tiny"
languages = ["es", "en"]
pass_mark = 75
renewal_months = 12
minimum_minutes = 10
title.es = "Curso mínimo"
title.en = "Tiny course"
summary.es = "Un curso de prueba."
summary.en = "A test course."
renewal_hint.es = "Renueva cada año."
renewal_hint.en = "Renew every year."
"""

MODULE_TOML = """
key = "listening"
position = 1
estimated_minutes = 12
title.es = "Escuchar"
title.en = "Listening"
summary.es = "Cómo escuchar."
summary.en = "How to listen."

[[lessons]]
key = "basics"
title.es = "Lo básico"
title.en = "The basics"

[quiz]

[[quiz.questions]]
key = "open"
kind = "single"
correct = ["b"]
prompt.es = "¿Cuál es una pregunta abierta?"
prompt.en = "Which is an open question?"

[[quiz.questions.options]]
key = "a"
text.es = "¿Estás bien?"
text.en = "Are you OK?"
feedback.es = "Se responde con sí o no."
feedback.en = "It can be answered yes or no."

[[quiz.questions.options]]
key = "b"
text.es = "¿Cómo estás?"
text.en = "How are you?"

[[quiz.questions]]
key = "skills"
kind = "multiple"
correct = ["a", "b"]
prompt.es = "¿Qué habilidades son de PARR?"
prompt.en = "Which skills are part of OARS?"

[[quiz.questions.options]]
key = "a"
text.es = "Reflejos"
text.en = "Reflections"

[[quiz.questions.options]]
key = "b"
text.es = "Resúmenes"
text.en = "Summaries"

[[quiz.questions.options]]
key = "c"
text.es = "Consejos"
text.en = "Advice"
feedback.es = "Aconsejar no forma parte de PARR."
feedback.en = "Advice is not part of OARS."

[[scenarios]]
key = "reflect"
situation.es = "Alguien dice que está cansado."
situation.en = "Someone says they are tired."
task.es = "Escribe tu respuesta."
task.en = "Write your reply."
model_answer.es = "Se te nota agotado."
model_answer.en = "You sound exhausted."

[[scenarios.checklist]]
es = "Refleja el sentimiento."
en = "Reflects the feeling."
"""

LESSON_ES = "# Lo básico\n\nEscuchar es lo primero que haces como acompañante.\n"
LESSON_EN = "# The basics\n\nListening is the first thing you do as a supporter.\n"


def write_course(
    root: Path, module_toml: str = MODULE_TOML, course_toml: str = COURSE_TOML
) -> Path:
    """Write a small valid course into ``root`` (then tests break one thing)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text(course_toml, encoding="utf-8")
    module = root / "01-listening"
    module.mkdir(exist_ok=True)
    (module / "module.toml").write_text(module_toml, encoding="utf-8")
    (module / "lesson-1.es.md").write_text(LESSON_ES, encoding="utf-8")
    (module / "lesson-1.en.md").write_text(LESSON_EN, encoding="utf-8")
    return root


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def load_error(root: Path) -> CurriculumError:
    with pytest.raises(CurriculumError) as caught:
        load_course(root)
    return caught.value


def test_the_fixture_course_itself_is_valid(tmp_path):
    course = load_course(write_course(tmp_path))
    module = course.modules[0]
    assert course.key == "tiny"
    assert module.quiz.pass_mark == 75  # inherited from course.toml
    assert module.lessons[0].body["en"].startswith("# The basics")
    assert module.minimum_minutes == 1 + 2 * 1 + 1 * 3


def test_a_missing_language_names_the_file_and_the_field(tmp_path):
    broken = replace_once(MODULE_TOML, 'prompt.en = "Which is an open question?"\n', "")
    error = load_error(write_course(tmp_path, broken))
    assert error.file == tmp_path / "01-listening" / "module.toml"
    assert error.field == "quiz.questions[0].prompt.en"
    assert "missing language" in str(error)
    assert "01-listening/module.toml: quiz.questions[0].prompt.en" in str(error)


def test_a_missing_lesson_file_in_one_language_is_refused(tmp_path):
    root = write_course(tmp_path)
    (root / "01-listening" / "lesson-1.es.md").unlink()
    error = load_error(root)
    assert error.file == root / "01-listening" / "lesson-1.es.md"
    assert error.field == "lessons[0].es"
    assert "missing language" in str(error)


def test_an_empty_text_is_refused(tmp_path):
    broken = replace_once(MODULE_TOML, 'title.es = "Escuchar"', 'title.es = "   "')
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "title.es"
    assert "empty" in str(error)


def test_a_language_the_course_does_not_declare_is_refused(tmp_path):
    broken = replace_once(
        MODULE_TOML, 'title.en = "Listening"', 'title.en = "Listening"\ntitle.fr = "Écouter"'
    )
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "title"
    assert "fr" in str(error)


def test_a_question_with_no_correct_answer_is_refused(tmp_path):
    broken = replace_once(MODULE_TOML, 'correct = ["b"]', "correct = []")
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.questions[0].correct"
    assert "no correct answer" in str(error)


def test_a_single_choice_question_with_two_correct_options_is_refused(tmp_path):
    broken = replace_once(MODULE_TOML, 'correct = ["b"]', 'correct = ["a", "b"]')
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.questions[0].correct"
    assert "exactly one correct option, not 2" in str(error)


def test_an_unknown_option_key_in_correct_is_refused(tmp_path):
    broken = replace_once(MODULE_TOML, 'correct = ["a", "b"]', 'correct = ["a", "x"]')
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.questions[1].correct"
    assert "unknown option key(s): x" in str(error)


def test_a_wrong_option_without_feedback_is_refused(tmp_path):
    broken = replace_once(
        MODULE_TOML,
        'feedback.es = "Aconsejar no forma parte de PARR."\nfeedback.en = "Advice is not part of OARS."\n',
        "",
    )
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.questions[1].options[2].feedback"
    assert "wrong option must explain why" in str(error)


def test_an_unknown_question_kind_is_refused(tmp_path):
    broken = replace_once(MODULE_TOML, 'kind = "multiple"', 'kind = "ranking"')
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.questions[1].kind"


def test_duplicate_option_keys_are_refused(tmp_path):
    broken = replace_once(MODULE_TOML, 'key = "c"', 'key = "a"')
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.questions[1].options"
    assert "'a' appears more than once" in str(error)


def test_module_minutes_below_the_honest_floor_are_refused(tmp_path):
    broken = replace_once(MODULE_TOML, "estimated_minutes = 12", "estimated_minutes = 5")
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "estimated_minutes"
    assert "below the floor of 6 minutes" in str(error)


def test_a_course_whose_modules_add_up_to_less_than_its_minimum_is_refused(tmp_path):
    course_toml = replace_once(COURSE_TOML, "minimum_minutes = 10", "minimum_minutes = 120")
    error = load_error(write_course(tmp_path, course_toml=course_toml))
    assert error.file == tmp_path / "course.toml"
    assert error.field == "minimum_minutes"
    assert "12 minutes, below the course floor of 120" in str(error)


def test_a_pass_mark_above_100_is_refused(tmp_path):
    broken = replace_once(MODULE_TOML, "[quiz]\n", "[quiz]\npass_mark = 120\n")
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "quiz.pass_mark"


def test_a_lesson_file_without_an_entry_in_module_toml_is_refused(tmp_path):
    root = write_course(tmp_path)
    (root / "01-listening" / "lesson-2.en.md").write_text("# Extra\n", encoding="utf-8")
    error = load_error(root)
    assert error.file.name == "lesson-2.en.md"
    assert "no matching [[lessons]] entry" in str(error)


def test_invalid_toml_names_the_file(tmp_path):
    root = write_course(
        tmp_path, replace_once(MODULE_TOML, 'title.es = "Escuchar"', 'title.es = "Escuchar')
    )
    error = load_error(root)
    assert error.file == root / "01-listening" / "module.toml"
    assert "not valid TOML" in str(error)


def test_a_missing_course_file_is_reported(tmp_path):
    error = load_error(tmp_path)
    assert error.file == tmp_path / "course.toml"
    assert "file not found" in str(error)


def test_a_course_without_modules_is_refused(tmp_path):
    tmp_path.joinpath("course.toml").write_text(COURSE_TOML, encoding="utf-8")
    error = load_error(tmp_path)
    assert error.field == "modules"


def test_a_scenario_without_checklist_is_refused(tmp_path):
    broken = replace_once(
        MODULE_TOML,
        '[[scenarios.checklist]]\nes = "Refleja el sentimiento."\nen = "Reflects the feeling."\n',
        "",
    )
    error = load_error(write_course(tmp_path, broken))
    assert error.field == "scenarios[0].checklist"


def test_two_modules_with_the_same_position_are_refused(tmp_path):
    root = write_course(tmp_path)
    second = root / "02-listening-again"
    second.mkdir()
    (second / "module.toml").write_text(
        replace_once(MODULE_TOML, 'key = "listening"', 'key = "listening-again"'), encoding="utf-8"
    )
    (second / "lesson-1.es.md").write_text(LESSON_ES, encoding="utf-8")
    (second / "lesson-1.en.md").write_text(LESSON_EN, encoding="utf-8")
    error = load_error(root)
    assert error.field == "modules"
    assert "module position 1 appears more than once" in str(error)


def test_the_command_line_check_prints_the_outline_or_the_first_problem(tmp_path, capsys):
    from ayni.training.curriculum.loader import main

    root = write_course(tmp_path / "good")
    assert main([str(root)]) == 0
    assert "Curso mínimo (tiny), modules: 1" in capsys.readouterr().out

    broken = write_course(
        tmp_path / "broken", replace_once(MODULE_TOML, 'correct = ["b"]', "correct = []")
    )
    assert main([str(broken)]) == 1
    assert "quiz.questions[0].correct: no correct answer" in capsys.readouterr().err
