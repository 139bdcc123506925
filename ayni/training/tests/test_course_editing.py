"""Coordinators edit, reorder and remove their community's own courses, modules and lessons."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ayni.core.models import AuditEvent
from ayni.training import services
from ayni.training.curriculum.writer import quiz_toml
from ayni.training.models import (
    Certification,
    Course,
    Lesson,
    Module,
    ModuleProgress,
    TrainingRequirement,
)
from ayni.training.testing import QUIZ_TOML

pytestmark = pytest.mark.django_db

SCENARIOS = '''
[[scenarios]]
key = "tired"
situation = { es = "Alguien te dice que está agotado.", en = "Someone tells you they are exhausted." }
task = { es = "Escribe tu respuesta.", en = "Write your reply." }
model_answer = { es = "Parece que llevas mucho tiempo sosteniéndolo todo.", en = "It sounds like a long time." }
checklist = [{ es = "Refleja el sentimiento.", en = "Reflects the feeling." }]
'''

MODULE_FIELDS = {"title_es": "Uno", "title_en": "One", "summary_es": "", "summary_en": "", "estimated_minutes": 10,
                 "pass_mark": 80, "quiz_toml": "", "scenarios_toml": ""}


@pytest.fixture
def course(alice, aurora):
    course = services.course_create(actor=alice, community=aurora, title_es="Protocolo", title_en="Protocol")
    for number, (title_es, title_en) in enumerate([("Uno", "One"), ("Dos", "Two"), ("Tres", "Three")]):
        module = services.module_create(actor=alice, course=course, title_es=title_es, title_en=title_en,
                                        estimated_minutes=10, quiz_toml=QUIZ_TOML if number == 0 else "",
                                        scenarios_toml=SCENARIOS if number == 0 else "")
        for lesson_number in (1, 2):
            services.lesson_create(actor=alice, module=module, title_es=f"{title_es} {lesson_number}",
                                   title_en=f"{title_en} {lesson_number}", body_es="Hola", body_en="Hello")
    return course


def modules_of(course) -> list[str]:
    return list(course.modules.order_by("position").values_list("title_en", flat=True))


def snapshot() -> tuple:
    return (list(Course.objects.values()), list(Module.objects.values()), list(Lesson.objects.values()),
            AuditEvent.objects.count())


# Services ------------------------------------------------------------------------------------


def test_a_coordinator_updates_a_course_keeping_its_key(alice, course):
    key = course.key
    services.course_update(actor=alice, course=course, title_es="Protocolo nuevo", title_en="New protocol",
                           summary_es="Para todos", summary_en="For everyone")
    course.refresh_from_db()
    assert (course.key, course.title_en, course.summary_es) == (key, "New protocol", "Para todos")
    event = AuditEvent.objects.filter(action="training.course_updated").get()
    assert event.actor == alice and event.target_id == str(course.pk)
    assert set(event.details["changed"]) == {"title_es", "title_en", "summary_es", "summary_en"}


@pytest.mark.parametrize("who", ["bob", "dana"])
def test_members_and_other_communities_coordinators_change_nothing(request, who, course):
    person = request.getfixturevalue(who)
    module = course.modules.order_by("position").first()
    lesson = module.lessons.order_by("position").first()
    before = snapshot()
    attempts = [
        lambda: services.course_update(actor=person, course=course, title_es="X", title_en="X"),
        lambda: services.module_update(actor=person, module=module, **{**MODULE_FIELDS, "title_en": "X"}),
        lambda: services.lesson_update(actor=person, lesson=lesson, title_es="X", title_en="X", body_es="X",
                                       body_en="X"),
        lambda: services.module_move(actor=person, module=module, direction="down"),
        lambda: services.lesson_move(actor=person, lesson=lesson, direction="down"),
        lambda: services.lesson_remove(actor=person, lesson=lesson),
        lambda: services.module_remove(actor=person, module=module),
        lambda: services.course_remove(actor=person, course=course),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert snapshot() == before


def test_ayni_own_courses_are_refused_even_to_coordinators(alice, starter):
    module = starter.modules.order_by("position").first()
    lesson = module.lessons.first()
    before = snapshot()
    for attempt in (
        lambda: services.course_update(actor=alice, course=starter, title_es="X", title_en="X"),
        lambda: services.module_update(actor=alice, module=module, **MODULE_FIELDS),
        lambda: services.lesson_update(actor=alice, lesson=lesson, title_es="X", title_en="X", body_es="X",
                                       body_en="X"),
        lambda: services.module_move(actor=alice, module=module, direction="down"),
        lambda: services.lesson_remove(actor=alice, lesson=lesson),
        lambda: services.module_remove(actor=alice, module=module),
        lambda: services.course_remove(actor=alice, course=starter),
    ):
        with pytest.raises(PermissionDenied, match="archivos del temario"):
            attempt()
    assert snapshot() == before


def test_bad_input_names_the_field_and_writes_nothing(alice, course):
    module = course.modules.order_by("position").first()
    lesson = module.lessons.first()
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        services.course_update(actor=alice, course=course, title_es=" ", title_en="x" * 201)
    assert set(error.value.message_dict) == {"title_es", "title_en"}
    with pytest.raises(ValidationError) as error:
        services.module_update(actor=alice, module=module, **{
            **MODULE_FIELDS, "estimated_minutes": 0, "pass_mark": 101, "scenarios_toml": "[[scenarios]]\nkey = 1"})
    assert set(error.value.message_dict) == {"estimated_minutes", "pass_mark", "scenarios_toml"}
    with pytest.raises(ValidationError) as error:
        services.module_update(actor=alice, module=module,
                               **{**MODULE_FIELDS, "quiz_toml": QUIZ_TOML.replace('correct = ["a"]', 'correct = ["z"]')})
    assert "quiz.questions[0].correct" in error.value.message_dict["quiz"][0]
    with pytest.raises(ValidationError) as error:
        services.lesson_update(actor=alice, lesson=lesson, title_es="T", title_en="T", body_es="", body_en="B")
    assert set(error.value.message_dict) == {"body_es"}
    with pytest.raises(ValidationError) as error:
        services.module_move(actor=alice, module=module, direction="sideways")
    assert set(error.value.message_dict) == {"direction"}
    assert snapshot() == before


def test_editing_a_module_keeps_its_key_and_the_progress_of_people_who_passed(alice, bob, course):
    module = course.modules.order_by("position").first()
    ModuleProgress.objects.create(user=bob, module=module, best_score=100, attempts=1, completed_at=timezone.now())
    certification = Certification.objects.create(user=bob, course=course, certified_on=timezone.localdate())
    new_quiz = QUIZ_TOML.replace('"who"', '"when"')
    services.module_update(actor=alice, module=module, **{**MODULE_FIELDS, "title_en": "One, revised",
                                                           "pass_mark": 100, "quiz_toml": new_quiz})
    module.refresh_from_db()
    assert module.key == "one" and module.title_en == "One, revised" and module.pass_mark == 100
    assert [question["key"] for question in module.quiz] == ["when"] and module.scenarios == []
    progress = ModuleProgress.objects.get(user=bob, module=module)
    assert progress.completed_at is not None and progress.best_score == 100
    assert Certification.objects.filter(pk=certification.pk).exists()
    event = AuditEvent.objects.get(action="training.module_updated")
    assert {"title_en", "pass_mark", "quiz", "scenarios"} <= set(event.details["changed"])


def test_saving_a_module_unchanged_from_its_written_toml_changes_nothing(alice, course):
    module = course.modules.order_by("position").first()
    from ayni.training.curriculum.writer import scenarios_toml

    quiz, scenarios = module.quiz, module.scenarios
    services.module_update(actor=alice, module=module, **{
        **MODULE_FIELDS, "quiz_toml": quiz_toml(quiz), "scenarios_toml": scenarios_toml(scenarios)})
    module.refresh_from_db()
    assert module.quiz == quiz and module.scenarios == scenarios
    assert AuditEvent.objects.get(action="training.module_updated").details["changed"] == []


def test_modules_and_lessons_move_up_and_down_and_stay_put_at_the_ends(alice, course):
    one, two, three = course.modules.order_by("position")
    assert services.module_move(actor=alice, module=three, direction="up") is True
    assert modules_of(course) == ["One", "Three", "Two"]
    assert services.module_move(actor=alice, module=one, direction="up") is False
    assert services.module_move(actor=alice, module=two, direction="down") is False
    assert modules_of(course) == ["One", "Three", "Two"]
    assert services.module_move(actor=alice, module=one, direction="down") is True
    assert modules_of(course) == ["Three", "One", "Two"]
    assert sorted(course.modules.values_list("position", flat=True)) == [1, 2, 3]
    moves = AuditEvent.objects.filter(action="training.module_moved").order_by("pk")
    assert [(event.target_id, event.details["direction"]) for event in moves] == [(str(three.pk), "up"),
                                                                                  (str(one.pk), "down")]
    _first, second = one.lessons.order_by("position")
    assert services.lesson_move(actor=alice, lesson=second, direction="up") is True
    assert list(one.lessons.order_by("position").values_list("title_en", flat=True)) == ["One 2", "One 1"]
    assert services.lesson_move(actor=alice, lesson=second, direction="up") is False
    assert AuditEvent.objects.filter(action="training.lesson_moved").count() == 1


def test_moving_settles_equal_positions(alice, course):
    course.modules.update(position=1)
    three = course.modules.get(title_en="Three")
    services.module_move(actor=alice, module=three, direction="up")
    assert sorted(course.modules.values_list("position", flat=True)) == [1, 2, 3]
    assert modules_of(course) == ["One", "Three", "Two"]


def test_a_lesson_is_removed_with_an_audit_row(alice, course):
    lesson = course.modules.order_by("position").first().lessons.first()
    lesson_id = lesson.pk
    services.lesson_remove(actor=alice, lesson=lesson)
    assert not Lesson.objects.filter(pk=lesson_id).exists()
    event = AuditEvent.objects.get(action="training.lesson_removed")
    assert event.details["title_en"] == "One 1" and event.target_id == str(lesson_id)


def test_a_module_someone_started_cannot_be_removed(alice, bob, course):
    module = course.modules.order_by("position").first()
    ModuleProgress.objects.create(user=bob, module=module)
    with pytest.raises(ValidationError, match="1 persona ha empezado este módulo"):
        services.module_remove(actor=alice, module=module)
    assert Module.objects.filter(pk=module.pk).exists()
    assert not AuditEvent.objects.filter(action="training.module_removed").exists()


def test_the_last_module_of_a_required_course_cannot_be_removed(alice, aurora, course):
    services.requirement_set(actor=alice, community=aurora, courses=[course], background_check="never",
                             renewal_months=12)
    *others, last = course.modules.order_by("position")
    for module in others:
        services.module_remove(actor=alice, module=module)
    with pytest.raises(ValidationError, match="al menos un módulo"):
        services.module_remove(actor=alice, module=last)
    assert course.modules.count() == 1


def test_removing_a_module_certifies_who_had_done_every_other_one(alice, bob, teresa, course):
    one, two, three = course.modules.order_by("position")
    done = timezone.now()
    for module in (one, two):
        ModuleProgress.objects.create(user=bob, module=module, completed_at=done)
    ModuleProgress.objects.create(user=teresa.user, module=one, completed_at=done)
    three_id = three.pk
    assert services.module_remove(actor=alice, module=three) == 1
    assert Certification.objects.get().user == bob
    assert AuditEvent.objects.filter(action="training.module_removed", target_id=str(three_id)).exists()
    # Nobody is certified twice for the same round.
    assert services.module_remove(actor=alice, module=Module.objects.create(course=course, key="x", title_es="X",
                                                                             title_en="X", position=9)) == 0


def test_a_course_someone_is_certified_in_or_that_is_required_cannot_be_removed(alice, bob, aurora, course):
    certification = Certification.objects.create(user=bob, course=course, certified_on=timezone.localdate())
    with pytest.raises(ValidationError, match="1 persona tiene una certificación"):
        services.course_remove(actor=alice, course=course)
    certification.delete()
    requirement = TrainingRequirement.objects.create(community=aurora)
    requirement.required_courses.set([course])
    with pytest.raises(ValidationError, match="requisitos de formación"):
        services.course_remove(actor=alice, course=course)
    requirement.required_courses.clear()
    course_id = course.pk
    services.course_remove(actor=alice, course=course)
    assert not Course.objects.filter(pk=course_id).exists() and not Module.objects.filter(course_id=course_id).exists()
    assert AuditEvent.objects.get(action="training.course_removed").details["title_en"] == "Protocol"


# Pages ---------------------------------------------------------------------------------------


def urls(course) -> dict:
    module = course.modules.order_by("position").first()
    lesson = module.lessons.order_by("position").first()
    slug, ids = "aurora", [course.pk]
    return {
        "course": reverse("training:manage_course", args=[slug, *ids]),
        "course_edit": reverse("training:manage_course_edit", args=[slug, *ids]),
        "course_remove": reverse("training:manage_course_remove", args=[slug, *ids]),
        "module_edit": reverse("training:manage_module_edit", args=[slug, *ids, module.pk]),
        "module_move": reverse("training:manage_module_move", args=[slug, *ids, module.pk]),
        "module_remove": reverse("training:manage_module_remove", args=[slug, *ids, module.pk]),
        "lesson_edit": reverse("training:manage_lesson_edit", args=[slug, *ids, module.pk, lesson.pk]),
        "lesson_move": reverse("training:manage_lesson_move", args=[slug, *ids, module.pk, lesson.pk]),
        "lesson_remove": reverse("training:manage_lesson_remove", args=[slug, *ids, module.pk, lesson.pk]),
    }


def test_the_course_page_offers_edit_move_and_remove_with_accessible_names(client_for, alice, course,
                                                                            django_assert_max_num_queries):
    client = client_for(alice)
    client.get(urls(course)["course"])  # the first request of a session records when she was last seen
    with django_assert_max_num_queries(10):
        page = client.get(urls(course)["course"]).content.decode()
    assert 'aria-label="Bajar «Uno»"' in page and 'aria-label="Subir «Uno»"' not in page
    assert 'aria-label="Subir «Tres»"' in page and 'aria-label="Bajar «Tres»"' not in page
    assert 'aria-label="Editar «Dos 1»"' in page and 'aria-label="Eliminar «Dos»">Eliminar</a>' in page
    assert page.count('name="csrfmiddlewaretoken"') >= 10


def test_the_course_page_does_not_query_per_module(client_for, alice, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(alice)
    url = urls(course)["course"]
    client.get(url)  # the first request of a session records when she was last seen
    with CaptureQueriesContext(connection) as three_modules:
        client.get(url)
    for number in range(3):
        module = services.module_create(actor=alice, course=course, title_es=f"Más {number}", title_en=f"More {number}")
        services.lesson_create(actor=alice, module=module, title_es="L", title_en="L", body_es="B", body_en="B")
    with CaptureQueriesContext(connection) as six_modules:
        client.get(url)
    assert len(six_modules) == len(three_modules), "\n".join(q["sql"] for q in six_modules.captured_queries)


def test_edit_pages_are_pre_filled(client_for, alice, course):
    client, pages = client_for(alice), urls(course)
    course_page = client.get(pages["course_edit"]).content.decode()
    assert 'value="Protocol"' in course_page and "Editar «Protocolo»" in course_page
    module_page = client.get(pages["module_edit"]).content.decode()
    assert 'value="One"' in module_page and "[[questions]]" in module_page and "[[scenarios]]" in module_page
    assert "mantienen su progreso" in module_page
    assert 'key = &quot;who&quot;' in module_page
    lesson_page = client.get(pages["lesson_edit"]).content.decode()
    assert 'value="One 1"' in lesson_page and "Hello</textarea>" in lesson_page


def test_coordinators_save_edits_from_the_pages(client_for, alice, course):
    client, pages = client_for(alice), urls(course)
    module = course.modules.order_by("position").first()
    response = client.post(pages["course_edit"], {"title_es": "Nuevo", "title_en": "New", "summary_es": "",
                                                  "summary_en": ""})
    assert response.status_code == 302
    form = {f: str(v) for f, v in MODULE_FIELDS.items()} | {"title_en": "One, revised",
                                                              "quiz_toml": quiz_toml(module.quiz)}
    assert client.post(pages["module_edit"], form).status_code == 302
    assert client.post(pages["lesson_edit"], {"title_es": "L", "title_en": "L", "body_es": "Nuevo texto",
                                              "body_en": "New text"}).status_code == 302
    course.refresh_from_db()
    module.refresh_from_db()
    assert course.title_en == "New" and module.title_en == "One, revised" and module.quiz
    assert module.lessons.order_by("position").first().body_en == "New text"


def test_bad_input_on_the_pages_shows_the_message_and_changes_nothing(client_for, alice, course):
    client, pages = client_for(alice), urls(course)
    before = snapshot()
    response = client.post(pages["course_edit"], {"title_es": "", "title_en": "New"})
    assert response.status_code == 200 and "Este campo es obligatorio." in response.content.decode()
    form = {f: str(v) for f, v in MODULE_FIELDS.items()} | {"quiz_toml": QUIZ_TOML.replace('["a"]', '["z"]')}
    response = client.post(pages["module_edit"], form)
    assert response.status_code == 200 and "quiz.questions[0].correct" in response.content.decode()
    response = client.post(pages["lesson_edit"], {"title_es": "L", "title_en": "L", "body_es": "", "body_en": "B"})
    assert response.status_code == 200 and "Este campo es obligatorio." in response.content.decode()
    response = client.post(pages["module_move"], {"direction": "sideways"}, follow=True)
    assert response.status_code == 200 and "subirlo o bajarlo" in response.content.decode()
    assert snapshot() == before


def test_moving_from_the_page_says_what_happened(client_for, alice, course):
    client, pages = client_for(alice), urls(course)
    response = client.post(pages["module_move"], {"direction": "down"})
    assert response.status_code == 302 and response["Location"].endswith(f"#module-{course.modules.get(key='one').pk}")
    assert modules_of(course) == ["Two", "One", "Three"]
    page = client.post(pages["lesson_move"], {"direction": "up"}, follow=True).content.decode()
    assert "«Uno 1» ya está en primer lugar." in page
    assert client.get(pages["module_move"]).status_code == 405


def test_removal_asks_first_then_removes(client_for, alice, course):
    client, pages = client_for(alice), urls(course)
    confirm = client.get(pages["lesson_remove"]).content.decode()
    assert "Eliminar «Uno 1»" in confirm and "no se puede deshacer" in confirm
    assert Lesson.objects.filter(title_en="One 1").exists()
    assert client.post(pages["lesson_remove"]).status_code == 302
    assert not Lesson.objects.filter(title_en="One 1").exists()
    assert client.post(pages["module_remove"]).status_code == 302
    assert modules_of(course) == ["Two", "Three"]
    assert client.post(pages["course_remove"]).status_code == 302
    assert not Course.objects.filter(community__slug="aurora").exists()


def test_a_refused_removal_explains_why_and_keeps_everything(client_for, alice, bob, course):
    client, pages = client_for(alice), urls(course)
    module = course.modules.order_by("position").first()
    ModuleProgress.objects.create(user=bob, module=module)
    Certification.objects.create(user=bob, course=course, certified_on=timezone.localdate())
    before = snapshot()
    for name in ("module_remove", "course_remove"):
        page = client.get(pages[name]).content.decode()
        assert 'data-testid="removal-problem"' in page and 'class="button button-danger"' not in page
        response = client.post(pages[name])
        assert response.status_code == 200 and 'data-testid="removal-problem"' in response.content.decode()
    assert "1 persona ha empezado este módulo" in client.get(pages["module_remove"]).content.decode()
    assert "1 persona tiene una certificación" in client.get(pages["course_remove"]).content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("name", ["course_edit", "course_remove", "module_edit", "module_move", "module_remove",
                                  "lesson_edit", "lesson_move", "lesson_remove"])
def test_the_wrong_person_is_refused_and_nothing_changes(client_for, bob, charlie, dana, course, name):
    url = urls(course)[name]
    before = snapshot()
    for person, status in ((bob, 403), (charlie, 403), (dana, 403)):
        client = client_for(person)
        data = {"direction": "down", "title_es": "X", "title_en": "X", "body_es": "X", "body_en": "X"}
        assert client.post(url, data).status_code == status, person
        assert client.get(url).status_code in (status, 405)
    assert snapshot() == before


def test_ayni_own_course_has_no_edit_pages(client_for, alice, starter):
    module = starter.modules.first()
    for url in (reverse("training:manage_course_edit", args=["aurora", starter.pk]),
                reverse("training:manage_module_edit", args=["aurora", starter.pk, module.pk]),
                reverse("training:manage_course_remove", args=["aurora", starter.pk])):
        assert client_for(alice).get(url).status_code == 404


def test_a_lesson_of_another_module_is_not_found(client_for, alice, course):
    one, two, _three = course.modules.order_by("position")
    lesson_of_two = two.lessons.first()
    url = reverse("training:manage_lesson_edit", args=["aurora", course.pk, one.pk, lesson_of_two.pk])
    assert client_for(alice).get(url).status_code == 404
