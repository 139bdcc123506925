"""Training part of the demo: the curriculum, each community's requirements, and supporters
at every stage (ready, close, expiring soon, expired, not started), plus in-person sessions,
debrief groups, background checks and a local course for the police unit.

Idempotent: everything is looked up before it is created; running it again adds nothing.
Who is at which stage is decided by a hash of the e-mail address, so it is stable.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.training.models import (
    Attendance,
    BackgroundCheck,
    Certification,
    Course,
    InPersonSession,
    Lesson,
    Module,
    ModuleProgress,
    TalkRequest,
    TrainingRequirement,
    add_months,
)
from ayni.training.services import starter_course_ensure

# Requirements per demo community: (background check policy, renewal months, local course?)
REQUIREMENTS = {
    "barrios-que-cuidan-zaragoza": ("minors", 12, False),
    "tutoria-entre-iguales-ies-puerta-del-ebro": ("never", 12, False),
    "apoyo-entre-companeros-policia-local-huesca": ("never", 12, True),
    "reinicia-latinas-en-tecnologia": ("never", 24, False),
}

# People whose stage the README and the e2e walkthroughs rely on.
FIXED_STAGES = {
    "teresa-zgz@demo.ayni.example": "ready",
    "lucia-zgz@demo.ayni.example": "close",
}

LOCAL_COURSE = {
    "key": "apoyo-tras-incidentes-criticos",
    "title_es": "Apoyo entre compañeros tras un incidente crítico",
    "title_en": "Peer support after a critical incident",
    "summary_es": "Cómo acompañar a un compañero en las horas y semanas después de un servicio duro, "
                  "y cuándo derivar al servicio de psicología.",
    "summary_en": "How to support a colleague in the hours and weeks after a hard call-out, and when "
                  "to refer to the psychology service.",
    "modules": [
        {
            "key": "primeras-horas", "minutes": 20,
            "title_es": "Las primeras horas", "title_en": "The first hours",
            "lesson_es": (
                "## Después de un servicio duro\n\n"
                "En las primeras horas no hace falta que nadie cuente lo que pasó. Lo que ayuda es "
                "lo básico: **un sitio tranquilo, algo de beber, no quedarse solo** y saber que "
                "mañana alguien preguntará.\n\n"
                "- Pregunta qué necesita, no qué pasó.\n"
                "- No evalúes la actuación: eso tiene su momento y su lugar.\n"
                "- Reacciones como no dormir, repasar la escena o estar irritable son normales los "
                "primeros días.\n\n"
                "Si a las cuatro semanas siguen igual o van a más, propón hablar con el servicio "
                "de psicología del ayuntamiento."
            ),
            "lesson_en": (
                "## After a hard call-out\n\n"
                "In the first hours nobody needs to tell the story. What helps is the basics: "
                "**a quiet place, something to drink, not being alone**, and knowing someone will "
                "ask again tomorrow.\n\n"
                "- Ask what they need, not what happened.\n"
                "- Do not assess how they performed: that has its own time and place.\n"
                "- Not sleeping, replaying the scene or being irritable are normal in the first "
                "days.\n\n"
                "If after four weeks things are the same or worse, suggest talking to the "
                "council's psychology service."
            ),
        },
        {
            "key": "derivar", "minutes": 15,
            "title_es": "Cuándo y cómo derivar", "title_en": "When and how to refer",
            "lesson_es": (
                "## Derivar no es rendirse\n\n"
                "Deriva al servicio de psicología cuando las reacciones duran más de cuatro "
                "semanas, cuando hay consumo de alcohol para dormir, o cuando tu compañero habla "
                "de no querer seguir. En este último caso, **no lo dejes solo** y usa los recursos "
                "de crisis de Ayni en ese momento."
            ),
            "lesson_en": (
                "## Referring on is not giving up\n\n"
                "Refer to the psychology service when reactions last more than four weeks, when "
                "alcohol is used to sleep, or when your colleague talks about not wanting to go "
                "on. In that last case, **do not leave them alone** and use Ayni's crisis "
                "resources right then."
            ),
        },
    ],
}


def _stage(email: str) -> str:
    if email in FIXED_STAGES:
        return FIXED_STAGES[email]
    bucket = int(hashlib.sha256(email.encode()).hexdigest(), 16) % 20
    if bucket < 11:
        return "ready"
    if bucket < 13:
        return "expiring"
    if bucket < 16:
        return "close"
    if bucket < 18:
        return "expired"
    return "not_started"


def _local_course(community, counts) -> Course:
    course, created = Course.objects.get_or_create(
        community=community, key=LOCAL_COURSE["key"],
        defaults={key: LOCAL_COURSE[key] for key in ("title_es", "title_en", "summary_es", "summary_en")}
        | {"position": 1},
    )
    counts["training_courses"] += created
    for position, entry in enumerate(LOCAL_COURSE["modules"], start=1):
        module, _created = Module.objects.get_or_create(
            course=course, key=entry["key"],
            defaults={"position": position, "title_es": entry["title_es"], "title_en": entry["title_en"],
                      "estimated_minutes": entry["minutes"]},
        )
        Lesson.objects.get_or_create(
            module=module, key="lesson-1",
            defaults={"position": 1, "title_es": entry["title_es"], "title_en": entry["title_en"],
                      "body_es": entry["lesson_es"], "body_en": entry["lesson_en"]},
        )
    return course


def _give_stage(user, courses: list[Course], stage: str, renewal_months: int, today, counts) -> None:
    if stage == "not_started" or Certification.objects.filter(user=user, course__in=courses).exists():
        return
    if stage == "close":
        modules = [module for course in courses for module in course.modules.all()]
        for module in modules[: (len(modules) + 1) // 2 + 1]:
            ModuleProgress.objects.get_or_create(
                user=user, module=module,
                defaults={"completed_at": timezone.now() - timedelta(days=3), "attempts": 1, "best_score": 100},
            )
        return
    certified_on = {
        "ready": today - timedelta(days=40 + (user.pk * 7) % 200),
        "expiring": add_months(today, -renewal_months) + timedelta(days=5 + user.pk % 20),
        "expired": today - timedelta(days=renewal_months * 31 + 20 + (user.pk % 60)),
    }[stage]
    for course in courses:
        for module in course.modules.all():
            ModuleProgress.objects.get_or_create(
                user=user, module=module,
                defaults={"completed_at": timezone.now() - (today - certified_on), "attempts": 1,
                          "best_score": 100},
            )
        Certification.objects.create(user=user, course=course, certified_on=certified_on)
        counts["certifications"] += 1


def load(*, communities, stdout=None) -> dict[str, int]:
    counts = {"training_courses": 0, "certifications": 0, "training_sessions": 0, "background_checks": 0}
    output = StringIO()
    call_command("load_curriculum", stdout=output)
    if stdout is not None:
        stdout.write(output.getvalue())
    starter = starter_course_ensure()
    today = timezone.localdate()
    for slug, (policy, renewal_months, local) in REQUIREMENTS.items():
        community = communities.get(slug)
        if community is None:
            continue
        courses = [starter]
        if local:
            courses.append(_local_course(community, counts))
        requirement, created = TrainingRequirement.objects.get_or_create(
            community=community, defaults={"background_check": policy, "renewal_months": renewal_months},
        )
        if created:
            requirement.required_courses.set(courses)
        courses = list(requirement.required_courses.all())
        supporters = list(
            Membership.objects.filter(community=community, is_supporter=True, status=Membership.Status.ACTIVE)
            .select_related("user").order_by("pk")
        )
        for membership in supporters:
            _give_stage(membership.user, courses, _stage(membership.user.email), renewal_months, today, counts)
            if policy != "never" and _stage(membership.user.email) == "ready" and membership.pk % 2 == 0:
                _check, created = BackgroundCheck.objects.get_or_create(
                    membership=membership,
                    defaults={"checked_on": today - timedelta(days=90),
                              "expires_on": today + timedelta(days=3 * 365 - 90)},
                )
                counts["background_checks"] += created
        coordinator = (
            Membership.objects.filter(community=community, is_coordinator=True, status=Membership.Status.ACTIVE)
            .select_related("user").first()
        )
        sessions = [
            ("training", "Taller presencial: escucha activa en parejas", today - timedelta(days=45), Decimal("3")),
            ("debrief", "Grupo de supervisión mensual", today - timedelta(days=12), Decimal("1.5")),
        ]
        for kind, title, held_on, hours in sessions:
            session, created = InPersonSession.objects.get_or_create(
                community=community, kind=kind, title=title,
                defaults={"held_on": held_on, "hours": hours,
                          "recorded_by": coordinator.user if coordinator else None},
            )
            counts["training_sessions"] += created
            if created:
                Attendance.objects.bulk_create(
                    Attendance(session=session, membership=membership, hours=hours)
                    for membership in supporters[:: 2 if kind == "training" else 3]
                )
        if slug == "barrios-que-cuidan-zaragoza" and supporters:
            asker = next((m for m in supporters if m.user.email == "lucia-zgz@demo.ayni.example"), supporters[-1])
            TalkRequest.objects.get_or_create(
                membership=asker,
                defaults={"message": "Llevo unas semanas acompañando a una vecina en duelo y me está "
                                     "removiendo lo de mi madre. Me vendría bien hablarlo."},
            )
    return counts
