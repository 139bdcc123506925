"""Training's rows of the permission matrix, on real objects.

The objects: a course of aurora with a module (quiz, a practice scenario and a lesson) and a
second module nobody has started, the concerned person's (Bob's) certification of the course,
and Bob's request to talk to someone. The coordinator's removal of the course is refused by the
rules (Bob holds a certification): the page says why.
"""

from ayni.safety.tests.permission_matrix import COORDINATORS, MEMBERS, OWNER
from ayni.training.testing import QUIZ_TOML

COURSE = {"course_id": "training_course"}
MODULE = {"course_id": "training_course", "module_id": "training_module"}
SPARE_MODULE = {"slug": "aurora", "course_id": "training_course", "module_id": "training_spare_module"}
LESSON = {"slug": "aurora", **MODULE, "lesson_id": "training_lesson"}

PAGES = {
    "training:course": {"kwargs": COURSE, "expect": MEMBERS},
    "training:renew": {"method": "post", "kwargs": COURSE, "expect": MEMBERS},
    "training:module": {"kwargs": MODULE, "expect": MEMBERS},
    "training:module_read": {"method": "post", "kwargs": MODULE, "expect": MEMBERS},
    "training:quiz": {"kwargs": MODULE, "expect": MEMBERS},
    "training:scenario": {"kwargs": {**MODULE, "key": "practice"}, "expect": MEMBERS},
    "training:certificate": {"kwargs": {"certification_id": "training_certification"}, "expect": OWNER},
    "training:manage_course": {"kwargs": {"slug": "aurora", **COURSE}, "expect": COORDINATORS},
    "training:manage_lesson_add": {"kwargs": {"slug": "aurora", **MODULE}, "expect": COORDINATORS},
    "training:manage_course_edit": {"kwargs": {"slug": "aurora", **COURSE}, "expect": COORDINATORS},
    "training:manage_course_remove": {"method": "post", "kwargs": {"slug": "aurora", **COURSE},
                                      "expect": COORDINATORS},
    "training:manage_module_edit": {"kwargs": {"slug": "aurora", **MODULE}, "expect": COORDINATORS},
    "training:manage_module_move": {"method": "post", "kwargs": SPARE_MODULE, "data": {"direction": "up"},
                                    "expect": COORDINATORS},
    "training:manage_module_remove": {"method": "post", "kwargs": SPARE_MODULE, "expect": COORDINATORS},
    "training:manage_lesson_edit": {"kwargs": LESSON, "expect": COORDINATORS},
    "training:manage_lesson_move": {"method": "post", "kwargs": LESSON, "data": {"direction": "down"},
                                    "expect": COORDINATORS},
    "training:manage_lesson_remove": {"method": "post", "kwargs": LESSON, "expect": COORDINATORS},
    "training:manage_talk_handle": {"method": "post", "kwargs": {"slug": "aurora", "talk_id": "training_talk"},
                                    "expect": COORDINATORS},
}

API = {
    "GET /api/v1/training/communities/{slug}/members/{membership_id}/eligibility": {
        "path": {"slug": "aurora", "membership_id": "membership"}, "expect": COORDINATORS},
}

SCENARIO = {
    "key": "practice",
    "situation": {"es": "Alguien te dice que está agotado.", "en": "Someone tells you they are exhausted."},
    "task": {"es": "Escribe tu respuesta.", "en": "Write your reply."},
    "model_answer": {"es": "Parece que estás muy cansado.", "en": "It sounds like you are very tired."},
    "checklist": [{"es": "Refleja el sentimiento.", "en": "Reflects the feeling."}],
}


def matrix_objects(*, community, users, objects=None) -> dict[str, int]:
    from django.utils import timezone

    from ayni.communities.models import Membership
    from ayni.training import services
    from ayni.training.models import Certification

    coordinator, concerned = users["coordinator"], users["concerned"]
    course = services.course_create(actor=coordinator, community=community, title_es="Protocolo local",
                                    title_en="Local protocol")
    module = services.module_create(actor=coordinator, course=course, title_es="Uno", title_en="One",
                                    estimated_minutes=10, pass_mark=80, quiz_toml=QUIZ_TOML)
    module.scenarios = [SCENARIO]
    module.save(update_fields=["scenarios"])
    lesson = services.lesson_create(actor=coordinator, module=module, title_es="Lección", title_en="Lesson",
                                    body_es="Hola", body_en="Hello")
    spare = services.module_create(actor=coordinator, course=course, title_es="Dos", title_en="Two")
    certification = Certification.objects.create(user=concerned, course=course,
                                                 certified_on=timezone.localdate())
    talk = services.talk_request_create(
        actor=concerned, membership=Membership.objects.get(user=concerned, community=community))
    return {"training_course": course.pk, "training_module": module.pk, "training_lesson": lesson.pk,
            "training_spare_module": spare.pk,
            "training_certification": certification.pk, "training_talk": talk.pk}
