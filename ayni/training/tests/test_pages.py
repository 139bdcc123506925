from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ayni.communities.tests.factories import MembershipFactory
from ayni.training import services
from ayni.training.models import (
    BackgroundCheck,
    Certification,
    Course,
    InPersonSession,
    ModuleProgress,
    QuizAttempt,
    TalkRequest,
    TrainingRequirement,
)
from ayni.training.testing import QUIZ_TOML, certify
from conftest import membership

pytestmark = pytest.mark.django_db


def right_answers(module) -> dict:
    return {f"q-{question['key']}": question["correct"] for question in module.quiz}


def wrong_answers(module) -> dict:
    answers = {}
    for question in module.quiz:
        wrong = [o["key"] for o in question["options"] if o["key"] not in question["correct"]]
        answers[f"q-{question['key']}"] = wrong[:1]
    return answers


def test_my_training_lists_the_starter_course_and_what_is_missing(client_for, teresa, starter):
    response = client_for(teresa.user).get(reverse("training:list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fundamentos del acompañamiento entre pares" in content
    assert "Aprueba el curso" in content


def test_a_module_renders_markdown_safely(client_for, teresa, starter):
    module = starter.modules.first()
    lesson = module.lessons.first()
    lesson.body_es = "## Título\n\n<script>alert(1)</script>**fuerte** [x](javascript:alert(1))"
    lesson.save()
    response = client_for(teresa.user).get(reverse("training:module", args=[starter.pk, module.pk]))
    content = response.content.decode()
    assert "<strong>fuerte</strong>" in content
    assert "<script>alert" not in content and "javascript:" not in content


def test_a_failed_quiz_shows_feedback_and_can_be_retried(client_for, teresa, starter):
    module = starter.modules.first()
    client = client_for(teresa.user)
    url = reverse("training:quiz", args=[starter.pk, module.pk])
    response = client.post(url, wrong_answers(module))
    content = response.content.decode()
    assert "Todavía no" in content or "Not passed" in content
    first_wrong = module.quiz[0]["options"]
    feedback = next(o["feedback"]["es"] for o in first_wrong if o["key"] not in module.quiz[0]["correct"])
    assert feedback.split("\n")[0][:40] in content
    response = client.post(url, right_answers(module))
    assert response.status_code == 200
    assert QuizAttempt.objects.filter(user=teresa.user, module=module).count() == 2
    progress = ModuleProgress.objects.get(user=teresa.user, module=module)
    assert progress.completed_at is not None and progress.attempts == 2 and progress.best_score == 100


def test_passing_every_module_certifies_the_course_once(client_for, teresa, starter):
    client = client_for(teresa.user)
    for module in starter.modules.all():
        client.post(reverse("training:quiz", args=[starter.pk, module.pk]), right_answers(module))
    assert Certification.objects.filter(user=teresa.user, course=starter).count() == 1
    # Practising again does not make another certification.
    module = starter.modules.first()
    client.post(reverse("training:quiz", args=[starter.pk, module.pk]), right_answers(module))
    assert Certification.objects.filter(user=teresa.user, course=starter).count() == 1
    certification = Certification.objects.get(user=teresa.user)
    response = client.get(reverse("training:certificate", args=[certification.pk]))
    assert response.status_code == 200
    assert "Teresa" in response.content.decode()


def test_a_tampered_quiz_gets_a_clear_message(client_for, teresa, starter):
    module = starter.modules.first()
    response = client_for(teresa.user).post(
        reverse("training:quiz", args=[starter.pk, module.pk]), {f"q-{module.quiz[0]['key']}": ["zzz"]}
    )
    assert response.status_code == 200
    assert "no encajan" in response.content.decode() or "do not fit" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_someone_elses_certificate_is_not_found(client_for, teresa, bob, starter):
    certification = Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2026, 1, 1))
    response = client_for(bob).get(reverse("training:certificate", args=[certification.pk]))
    assert response.status_code == 404


def test_a_community_course_is_hidden_from_outsiders(client_for, alice, dana, aurora):
    course = Course.objects.create(community=aurora, key="local", title_es="Local", title_en="Local")
    assert client_for(alice).get(reverse("training:course", args=[course.pk])).status_code == 200
    assert client_for(dana).get(reverse("training:course", args=[course.pk])).status_code == 404


def test_a_scenario_shows_the_model_answer_after_answering(client_for, teresa, starter):
    module = next(m for m in starter.modules.all() if m.scenarios)
    scenario = module.scenarios[0]
    client = client_for(teresa.user)
    url = reverse("training:scenario", args=[starter.pk, module.pk, scenario["key"]])
    assert scenario["model_answer"]["es"][:30] not in client.get(url).content.decode()
    response = client.post(url, {"text": ""})
    assert "field-invalid" in response.content.decode()
    client.post(url, {"text": "Parece que te sientes muy solo."})
    assert scenario["model_answer"]["es"][:30] in client.get(url).content.decode()


def test_coordinators_see_completion_and_others_are_refused(client_for, alice, bob, dana, teresa, starter,
                                                            django_assert_max_num_queries):
    ready = MembershipFactory(community=teresa.community, is_supporter=True, user__display_name="Rita")
    certify(ready)
    expired = MembershipFactory(community=teresa.community, is_supporter=True, user__display_name="Elena")
    Certification.objects.create(user=expired.user, course=starter, certified_on=date(2024, 1, 1))
    for _ in range(10):
        MembershipFactory(community=teresa.community, is_supporter=True)
    client = client_for(alice)
    url = reverse("training:manage", args=["aurora"])
    with django_assert_max_num_queries(20):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rita" in content and "Elena" in content and "Teresa" in content
    assert client_for(bob).get(url).status_code == 403
    assert client_for(dana).get(url).status_code == 403  # aurora is listed: may know it exists


def test_the_completion_page_builds_rows_for_one_page_with_a_fixed_number_of_queries(client_for, alice, aurora,
                                                                                    starter, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.AYNI = {**settings.AYNI, "PAGE_SIZE": 5}
    client = client_for(alice)
    url = reverse("training:manage", args=["aurora"])

    def add_supporters(count: int, first: int) -> None:
        for n in range(first, first + count):
            membership = MembershipFactory(community=aurora, is_supporter=True, user__display_name=f"S{n:03d}")
            if n % 3 == 0:
                certify(membership)
            elif n % 3 == 1:
                Certification.objects.create(user=membership.user, course=starter, certified_on=date(2020, 1, 1))

    def queries_for(path: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured.captured_queries), response.content.decode()

    add_supporters(9, 0)
    client.get(url)  # the first request of a session also records when Alice was last seen
    few, content = queries_for(url)
    assert content.count("<tr>") - 1 == 5
    add_supporters(30, 9)
    many, content = queries_for(url)
    assert many == few  # 39 supporters cost what 9 did: statuses in bulk, rows for one page only
    assert content.count("<tr>") - 1 == 5  # header row + one page of rows
    assert "13 listas" in content and "13 caducadas" in content  # the counts cover everyone
    filtered_queries, content = queries_for(url + "?status=expired&page=2")
    assert filtered_queries == few
    assert "S016" in content and "S001" not in content and "S000" not in content  # expired only, page 2


def test_the_completion_api_is_paginated_over_everyone(client_for, alice, bob, aurora, starter):
    for n in range(7):
        certify(MembershipFactory(community=aurora, is_supporter=True, user__display_name=f"S{n}"))
    url = "/api/v1/training/communities/aurora/completion?status=ready&page=2&page_size=3"
    body = client_for(alice).get(url).json()
    assert body["count"] == 7
    assert [item["display_name"] for item in body["items"]] == ["S3", "S4", "S5"]
    assert client_for(bob).get(url).status_code == 403


def test_coordinators_remind_people_and_not_twice_in_a_row(client_for, alice, teresa, starter):
    from ayni.notifications.models import Notification

    client = client_for(alice)
    client.post(reverse("training:manage_remind", args=["aurora"]), {"membership": [teresa.pk]})
    client.post(reverse("training:manage_remind", args=["aurora"]), {"everyone": "1"})
    assert Notification.objects.filter(recipient=teresa.user, kind="training.reminder").count() == 1


def test_coordinators_set_requirements(client_for, alice, bob, aurora, starter):
    url = reverse("training:manage_requirements", args=["aurora"])
    response = client_for(alice).post(url, {"courses": [starter.pk], "background_check": "minors",
                                            "renewal_months": "24"})
    assert response.status_code == 302
    requirement = TrainingRequirement.objects.get(community=aurora)
    assert requirement.renewal_months == 24 and list(requirement.required_courses.all()) == [starter]
    response = client_for(alice).post(url, {"background_check": "sometimes", "renewal_months": "0"})
    assert response.status_code == 200
    assert client_for(bob).post(url, {"background_check": "never", "renewal_months": "12"}).status_code == 403


def test_coordinators_record_background_checks_without_content(client_for, alice, teresa):
    url = reverse("training:manage_checks", args=["aurora"])
    client = client_for(alice)
    response = client.post(url, {"membership": teresa.pk, "checked_on": "2026-11-01", "expires_on": "2026-10-01"})
    assert response.status_code == 200 and not BackgroundCheck.objects.exists()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(url, {"membership": teresa.pk, "checked_on": future})
    assert response.status_code == 200 and not BackgroundCheck.objects.exists()
    response = client.post(url, {"membership": teresa.pk, "checked_on": "2026-11-01", "expires_on": "2029-11-01"})
    assert response.status_code == 302
    check = BackgroundCheck.objects.get()
    assert check.recorded_by == alice and check.membership == teresa


def test_coordinators_record_sessions_with_attendance(client_for, alice, teresa):
    url = reverse("training:manage_sessions", args=["aurora"])
    response = client_for(alice).post(url, {"kind": "debrief", "title": "Supervisión de diciembre",
                                            "held_on": "2026-12-01", "hours": "1.5", "attendees": [teresa.pk]})
    assert response.status_code == 302
    session = InPersonSession.objects.get()
    assert session.attendance.get().hours == session.hours
    response = client_for(teresa.user).get(reverse("training:list"))
    assert "1,5" in response.content.decode()


def test_coordinators_record_fewer_hours_for_someone_who_left_early(client_for, alice, bob, teresa):
    rafael = MembershipFactory(community=teresa.community, is_supporter=True, user__display_name="Rafael")
    url = reverse("training:manage_sessions", args=["aurora"])
    session = {"kind": "training", "title": "Taller de escucha", "held_on": "2026-11-20", "hours": "3",
               "attendees": [teresa.pk, rafael.pk]}
    too_many = client_for(alice).post(url, {**session, f"hours-{rafael.pk}": "4"})
    assert "no más que las de la sesión" in too_many.content.decode() and not InPersonSession.objects.exists()
    assert 'open' in too_many.content.decode().split('id="hours-per-person"')[1][:20]  # the typed hours stay
    response = client_for(alice).post(url, {**session, f"hours-{rafael.pk}": "1,5"})
    assert response.status_code == 302
    hours = dict(InPersonSession.objects.get().attendance.values_list("membership_id", "hours"))
    assert hours == {teresa.pk: Decimal("3"), rafael.pk: Decimal("1.5")}
    assert client_for(bob).post(url, session).status_code == 403
    assert InPersonSession.objects.count() == 1


def test_coordinators_start_a_debrief_group_as_a_circle_of_supporters(client_for, alice, bob, teresa, dana):
    from ayni.circles.models import CircleMembership
    from ayni.core.models import AuditEvent
    from ayni.training.models import DebriefGroup

    rafael = MembershipFactory(community=teresa.community, is_supporter=True, user__display_name="Rafael")
    url = reverse("training:manage_sessions", args=["aurora"])
    refused = client_for(alice).post(url, {"form": "debrief", "debrief-name": "Supervisión",
                                           "debrief-members": [teresa.pk]})
    assert "al menos dos acompañantes" in refused.content.decode() and not DebriefGroup.objects.exists()
    response = client_for(alice).post(url, {"form": "debrief", "debrief-name": "Supervisión mensual",
                                            "debrief-schedule": "Primer jueves de mes, 19:00",
                                            "debrief-members": [teresa.pk, rafael.pk]})
    group = DebriefGroup.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/circles/{group.circle_id}/")
    assert client_for(alice).get(response["Location"]).status_code == 200  # the circle: meetings, attendance
    assert group.circle.name == "Supervisión mensual" and group.circle.schedule == "Primer jueves de mes, 19:00"
    assert set(CircleMembership.objects.filter(circle=group.circle, status="accepted")
               .values_list("membership_id", flat=True)) == {teresa.pk, rafael.pk}
    assert AuditEvent.objects.filter(action="training.debrief_group_created").count() == 1
    page = client_for(alice).get(url).content.decode()
    assert "Supervisión mensual" in page and "2 acompañantes" in page
    mine = client_for(teresa.user).get(reverse("training:list")).content.decode()
    assert "Mis grupos de supervisión" in mine and f"/circles/{group.circle_id}/" in mine
    assert "my-debrief-groups" not in client_for(bob).get(reverse("training:list")).content.decode()
    # Only supporters, and only coordinators of this community.
    with pytest.raises(ValidationError):
        services.debrief_group_create(actor=alice, community=teresa.community, name="X",
                                      members=[teresa, membership(bob, teresa.community)])
    with pytest.raises(PermissionDenied):
        services.debrief_group_create(actor=dana, community=teresa.community, name="X", members=[teresa, rafael])
    assert client_for(bob).post(url, {"form": "debrief", "debrief-name": "X",
                                      "debrief-members": [teresa.pk, rafael.pk]}).status_code == 403
    assert DebriefGroup.objects.count() == 1


def test_a_community_adds_its_own_course_module_quiz_and_lesson(client_for, alice, aurora):
    client = client_for(alice)
    response = client.post(reverse("training:manage_courses", args=["aurora"]),
                           {"title_es": "Protocolo del ayuntamiento", "title_en": "Council protocol"})
    course = Course.objects.get(community=aurora)
    assert response.status_code == 302
    quiz = QUIZ_TOML
    url = reverse("training:manage_course", args=["aurora", course.pk])
    bad = client.post(url, {"module-title_es": "Uno", "module-title_en": "One", "module-estimated_minutes": "10",
                            "module-pass_mark": "80", "module-quiz_toml": quiz.replace('correct = ["a"]', 'correct = ["z"]')})
    assert "correct" in bad.content.decode() and not course.modules.exists()
    client.post(url, {"module-title_es": "Uno", "module-title_en": "One", "module-estimated_minutes": "10",
                      "module-pass_mark": "80", "module-quiz_toml": quiz})
    module = course.modules.get()
    assert module.quiz[0]["correct"] == ["a"]
    client.post(reverse("training:manage_lesson_add", args=["aurora", course.pk, module.pk]),
                {"title_es": "Lección", "title_en": "Lesson", "body_es": "Hola", "body_en": "Hello"})
    assert module.lessons.count() == 1


SCENARIOS_TOML = '''
[[scenarios]]
key = "tired"
situation = { es = "Alguien te dice que está agotado.", en = "Someone tells you they are exhausted." }
task = { es = "Escribe tu respuesta.", en = "Write your reply." }
model_answer = { es = "Parece que llevas mucho tiempo sosteniéndolo todo.", en = "It sounds like you have been holding everything for a long time." }
checklist = [
  { es = "Refleja el sentimiento.", en = "Reflects the feeling." },
]
'''


def test_a_community_module_can_have_practice_scenarios(client_for, alice, bob, aurora):
    client = client_for(alice)
    client.post(reverse("training:manage_courses", args=["aurora"]),
                {"title_es": "Protocolo del ayuntamiento", "title_en": "Council protocol"})
    course = Course.objects.get(community=aurora)
    url = reverse("training:manage_course", args=["aurora", course.pk])
    module_data = {"module-title_es": "Uno", "module-title_en": "One", "module-estimated_minutes": "10",
                   "module-pass_mark": "80"}
    bad = client.post(url, {**module_data, "module-scenarios_toml": SCENARIOS_TOML.replace("checklist = [", "x = [")})
    assert "scenarios[0].checklist" in bad.content.decode() and not course.modules.exists()
    client.post(url, {**module_data, "module-scenarios_toml": SCENARIOS_TOML})
    module = course.modules.get()
    assert [scenario["key"] for scenario in module.scenarios] == ["tired"]
    page = client_for(bob).get(reverse("training:scenario", args=[course.pk, module.pk, "tired"]))
    assert page.status_code == 200 and "Alguien te dice que está agotado." in page.content.decode()


def test_a_supporter_asks_to_talk_and_coordinators_are_told(client_for, alice, teresa, dana):
    from ayni.notifications.models import Notification

    response = client_for(teresa.user).post(reverse("training:talk", args=["aurora"]), {"message": "Me pesa."})
    assert response.status_code == 302
    talk = TalkRequest.objects.get()
    assert Notification.objects.filter(recipient=alice, kind="training.talk_request").exists()
    assert client_for(dana).get(reverse("training:manage_talk", args=["aurora"])).status_code == 403
    client_for(alice).post(reverse("training:manage_talk_handle", args=["aurora", talk.pk]))
    talk.refresh_from_db()
    assert talk.handled_by == alice


def test_renewal_reopens_the_modules(client_for, teresa, starter):
    client = client_for(teresa.user)
    for module in starter.modules.all():
        client.post(reverse("training:quiz", args=[starter.pk, module.pk]), right_answers(module))
    Certification.objects.filter(user=teresa.user).update(certified_on=date(2025, 1, 1))
    client.post(reverse("training:renew", args=[starter.pk]))
    assert not ModuleProgress.objects.filter(user=teresa.user, completed_at__isnull=False).exists()
    for module in starter.modules.all():
        client.post(reverse("training:quiz", args=[starter.pk, module.pk]), right_answers(module))
    assert Certification.objects.filter(user=teresa.user).count() == 2


def test_other_communities_courses_cannot_be_required(alice, aurora, boreal):
    from django.core.exceptions import ValidationError

    from ayni.training.services import requirement_set

    foreign = Course.objects.create(community=boreal, key="x", title_es="X", title_en="X")
    with pytest.raises(ValidationError):
        requirement_set(actor=alice, community=aurora, courses=[foreign], background_check="never",
                        renewal_months=12)
    empty = Course.objects.create(community=aurora, key="empty", title_es="Vacío", title_en="Empty")
    with pytest.raises(ValidationError, match="módulo"):
        requirement_set(actor=alice, community=aurora, courses=[empty], background_check="never",
                        renewal_months=12)


MANAGE_PAGES = ["manage", "manage_requirements", "manage_checks", "manage_sessions", "manage_courses", "manage_talk"]


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_every_coordinator_page_refuses_members_and_outsiders(client_for, alice, bob, charlie, name):
    url = reverse(f"training:{name}", args=["aurora"])
    assert client_for(alice).get(url).status_code == 200
    assert client_for(bob).get(url).status_code == 403
    assert client_for(charlie).get(url).status_code == 403


def test_unlisted_communities_are_not_found_for_outsiders(client_for, alice, dana):
    assert client_for(alice).get(reverse("training:manage", args=["boreal"])).status_code == 404
    assert client_for(alice).get(reverse("training:talk", args=["boreal"])).status_code == 404
    assert client_for(dana).get(reverse("training:manage", args=["boreal"])).status_code == 200


def test_pages_need_a_login(client, starter):
    response = client.get(reverse("training:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_request_to_talk_in_crisis_shows_help_at_once(client_for, alice, teresa):
    response = client_for(teresa.user).post(
        reverse("training:talk", args=["aurora"]),
        {"message": "Ya no puedo más, estoy pensando en quitarme la vida."},
    )
    assert response.status_code == 200
    assert 'data-testid="crisis-resources"' in response.content.decode()
    assert TalkRequest.objects.count() == 1


def test_coordinators_record_a_course_passed_in_person(client_for, alice, bob, teresa, starter):
    from ayni.training.eligibility import supporter_eligibility

    url = reverse("training:manage_sessions", args=["aurora"])
    recent = (timezone.localdate() - timedelta(days=14)).isoformat()
    data = {"form": "certification", "cert-course": starter.pk, "cert-certified_on": recent,
            "cert-people": [teresa.pk]}
    assert client_for(bob).post(url, data).status_code == 403
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client_for(alice).post(url, data | {"cert-certified_on": future})
    assert response.status_code == 200 and not Certification.objects.exists()
    assert client_for(alice).post(url, data).status_code == 302
    certification = Certification.objects.get(user=teresa.user)
    assert certification.source == "recorded" and certification.recorded_by == alice
    assert supporter_eligibility(teresa).eligible
