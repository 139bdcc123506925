"""Copy a course from the curriculum files (``ayni.training.curriculum.loader``) into the
database. Idempotent: running it again updates texts in place and creates nothing twice.

The model classes can be passed in so that a data migration can use its historical models.
"""

from __future__ import annotations

from dataclasses import dataclass

from ayni.training.curriculum.loader import Course as CourseData
from ayni.training.curriculum.loader import LocalizedText, Quiz
from ayni.training.curriculum.loader import Module as ModuleData


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def _text(value: LocalizedText | None) -> dict[str, str] | None:
    return dict(value.by_language) if value is not None else None


def quiz_json(quiz: Quiz) -> list[dict]:
    """A quiz as the JSON stored in ``Module.quiz``."""
    return [
        {
            "key": question.key,
            "kind": question.kind,
            "prompt": _text(question.prompt),
            "options": [
                {"key": option.key, "text": _text(option.text), "feedback": _text(option.feedback)}
                for option in question.options
            ],
            "correct": sorted(question.correct_keys),
        }
        for question in quiz.questions
    ]


def scenarios_json(module: ModuleData) -> list[dict]:
    return scenario_list_json(module.scenarios)


def scenario_list_json(scenarios) -> list[dict]:
    """Practice scenarios as the JSON stored in ``Module.scenarios``."""
    return [
        {
            "key": scenario.key,
            "situation": _text(scenario.situation),
            "task": _text(scenario.task),
            "model_answer": _text(scenario.model_answer),
            "checklist": [_text(point) for point in scenario.checklist],
        }
        for scenario in scenarios
    ]


def _get(text: LocalizedText, language: str) -> str:
    return text.by_language.get(language) or next(iter(text.by_language.values()))


def _save(model, lookup: dict, values: dict, result: SyncResult):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        result.created += 1
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return instance


def sync_course(
    data: CourseData, *, community=None, is_starter: bool = False, models: dict | None = None,
    position: int = 0,
) -> SyncResult:
    """Create or update the course ``data`` (and its modules and lessons) in the database.

    Modules and lessons that disappeared from the files are left alone: people's progress
    points at them. Returns how many rows were created, updated and left unchanged.
    """
    if models is None:
        from ayni.training.models import Course, Lesson, Module
    else:
        Course, Module, Lesson = models["Course"], models["Module"], models["Lesson"]
    result = SyncResult()
    course = _save(
        Course,
        {"community": community, "key": data.key},
        {
            "title_es": _get(data.title, "es"), "title_en": _get(data.title, "en"),
            "summary_es": _get(data.summary, "es"), "summary_en": _get(data.summary, "en"),
            "renewal_hint_es": _get(data.renewal_hint, "es"),
            "renewal_hint_en": _get(data.renewal_hint, "en"),
            "pass_mark": data.pass_mark, "is_starter": is_starter, "position": position,
        },
        result,
    )
    for module_data in data.modules:
        module = _save(
            Module,
            {"course": course, "key": module_data.key},
            {
                "position": module_data.position,
                "title_es": _get(module_data.title, "es"),
                "title_en": _get(module_data.title, "en"),
                "summary_es": _get(module_data.summary, "es"),
                "summary_en": _get(module_data.summary, "en"),
                "estimated_minutes": module_data.estimated_minutes,
                "pass_mark": module_data.quiz.pass_mark,
                "quiz": quiz_json(module_data.quiz),
                "scenarios": scenarios_json(module_data),
            },
            result,
        )
        for lesson_data in module_data.lessons:
            _save(
                Lesson,
                {"module": module, "key": lesson_data.key},
                {
                    "position": lesson_data.position,
                    "title_es": _get(lesson_data.title, "es"),
                    "title_en": _get(lesson_data.title, "en"),
                    "body_es": _get(lesson_data.body, "es"),
                    "body_en": _get(lesson_data.body, "en"),
                },
                result,
            )
    return result
