"""Writes about training. Each service checks permission, validates, is atomic and audited."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.db.models.functions import Greatest
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ayni.communities.models import Membership
from ayni.core.audit import audit_log
from ayni.notifications.models import Notification
from ayni.notifications.services import notify
from ayni.training.curriculum.loader import (
    LocalizedText,
    Option,
    Question,
    Quiz,
    QuizResult,
    grade_quiz,
)
from ayni.training.models import (
    STARTER_COURSE_KEY,
    Attendance,
    BackgroundCheck,
    Certification,
    CertificationWarning,
    Course,
    DebriefGroup,
    InPersonSession,
    Lesson,
    Module,
    ModuleProgress,
    QuizAttempt,
    ScenarioAnswer,
    TalkRequest,
    TrainingRequirement,
)


def _require_coordinator(actor, community) -> Membership:
    membership = Membership.objects.filter(
        community=community, user=actor, status=Membership.Status.ACTIVE, is_coordinator=True
    ).first()
    if membership is None:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    return membership


# Courses ------------------------------------------------------------------------------------


def starter_course_ensure() -> Course:
    """The starter course, loaded from the shipped files if the database lacks it."""
    course = Course.objects.filter(community__isnull=True, key=STARTER_COURSE_KEY).first()
    if course is not None:
        return course
    from ayni.training.curriculum.loader import load_course
    from ayni.training.sync import sync_course

    try:
        with transaction.atomic():
            sync_course(load_course(), is_starter=True)
    except IntegrityError:  # someone else loaded it at the same moment
        pass
    return Course.objects.get(community__isnull=True, key=STARTER_COURSE_KEY)


# Certifications and checks ------------------------------------------------------------------


@transaction.atomic
def certification_record(
    *, actor, user, course: Course, certified_on: date | None = None, community=None
) -> Certification:
    """Record that ``user`` passed ``course`` (for example at an in-person training).

    ``actor`` must coordinate ``community`` (which ``user`` belongs to), or be ``user``'s own
    completion of the course on Ayni (``actor is None``: called by ``quiz_attempt_submit``).
    """
    today = timezone.localdate()
    certified_on = certified_on or today
    if certified_on > today:
        raise ValidationError({"certified_on": [_("The date cannot be in the future.")]})
    source = Certification.Source.COURSE
    if actor is not None:
        if community is None:
            raise PermissionDenied(_("Only the community's coordinators can do this."))
        _require_coordinator(actor, community)
        if not Membership.objects.filter(community=community, user=user).exists():
            raise ValidationError(_("This person is not a member of the community."))
        if course.community_id not in (None, community.pk):
            raise ValidationError(_("This course belongs to another community."))
        source = Certification.Source.RECORDED
    certification = Certification.objects.create(
        user=user, course=course, certified_on=certified_on, source=source, recorded_by=actor
    )
    audit_log(
        actor=actor or user, action="training.certification_recorded", target=certification,
        community=community,
        details={"course": course.key, "certified_on": certified_on.isoformat(), "source": source},
    )
    return certification


@transaction.atomic
def background_check_record(
    *, actor, membership: Membership, checked_on: date, expires_on: date | None = None
) -> BackgroundCheck:
    """Record that a background check was done (never its content)."""
    _require_coordinator(actor, membership.community)
    errors: dict[str, list[str]] = {}
    if checked_on > timezone.localdate():
        errors["checked_on"] = [_("The date of the check cannot be in the future.")]
    if expires_on is not None and expires_on <= checked_on:
        errors["expires_on"] = [_("The check must be valid until a date after it was done.")]
    if errors:
        raise ValidationError(errors)
    check = BackgroundCheck.objects.create(
        membership=membership, checked_on=checked_on, expires_on=expires_on, recorded_by=actor
    )
    audit_log(
        actor=actor, action="training.background_check_recorded", target=check,
        community=membership.community,
        details={"membership": membership.pk, "checked_on": checked_on.isoformat(),
                 "expires_on": expires_on.isoformat() if expires_on else None},
    )
    return check


# Quizzes, lessons, scenarios ----------------------------------------------------------------


def quiz_for(module: Module) -> Quiz:
    """The module's quiz as the curriculum loader's ``Quiz``, to grade with ``grade_quiz``."""
    questions = []
    for question in module.quiz:
        questions.append(Question(
            key=question["key"], kind=question["kind"], prompt=LocalizedText(question["prompt"]),
            options=tuple(
                Option(key=option["key"], text=LocalizedText(option["text"]),
                       feedback=LocalizedText(option["feedback"]) if option.get("feedback") else None)
                for option in question["options"]
            ),
            correct_keys=frozenset(question["correct"]),
        ))
    return Quiz(pass_mark=module.pass_mark, questions=tuple(questions))


def _progress_for(user, module: Module) -> ModuleProgress:
    progress, _created = ModuleProgress.objects.get_or_create(user=user, module=module)
    return progress


def _complete_module(user, module: Module, now) -> Certification | None:
    """Mark the module done (once) and certify the course when it was the last one."""
    newly_completed = ModuleProgress.objects.filter(
        user=user, module=module, completed_at__isnull=True
    ).update(completed_at=now)
    if not newly_completed:  # practising a module already done certifies nothing
        return None
    course = module.course
    total = course.modules.count()
    done = ModuleProgress.objects.filter(
        user=user, module__course=course, completed_at__isnull=False
    ).count()
    if total == 0 or done < total:
        return None
    today = timezone.localdate()
    # One certification per completed round; `course_renewal_start` opens a new round.
    return certification_record(actor=None, user=user, course=course, certified_on=today)


def _can_take(user, course: Course) -> bool:
    if course.community_id is None:
        return True
    return Membership.objects.filter(
        community_id=course.community_id, user=user, status=Membership.Status.ACTIVE
    ).exists()


@transaction.atomic
def quiz_attempt_submit(
    *, actor, module: Module, answers: dict[str, list[str]], language: str
) -> tuple[QuizAttempt, QuizResult, Certification | None]:
    """Grade an attempt, keep it, and complete the module (and maybe the course) on a pass.

    Raises ``ValidationError`` for answers to questions or options the quiz does not have.
    """
    if not _can_take(actor, module.course):
        raise PermissionDenied(_("Only active members of this community can take this course."))
    if not module.quiz:
        raise ValidationError(_("This module has no quiz."))
    language = language if language in ("es", "en") else "es"
    try:
        result = grade_quiz(quiz_for(module), answers, language)
    except ValueError:
        raise ValidationError(
            _("The answers do not fit this quiz. Reload the page and answer again.")
        ) from None
    now = timezone.now()
    attempt = QuizAttempt.objects.create(
        user=actor, module=module, language=language, score=result.score, passed=result.passed,
        answers={key: sorted(value) for key, value in answers.items()},
    )
    progress = _progress_for(actor, module)
    ModuleProgress.objects.filter(pk=progress.pk).update(
        attempts=F("attempts") + 1, best_score=Greatest("best_score", result.score)
    )
    audit_log(actor=actor, action="training.quiz_attempted", target=attempt,
              community=module.course.community_id,
              details={"module": module.key, "score": result.score, "passed": result.passed})
    certification = _complete_module(actor, module, now) if result.passed else None
    return attempt, result, certification


@transaction.atomic
def module_mark_read(*, actor, module: Module) -> Certification | None:
    """Complete a module that has no quiz (community modules may have none)."""
    if not _can_take(actor, module.course):
        raise PermissionDenied(_("Only active members of this community can take this course."))
    if module.quiz:
        raise ValidationError(_("Pass the module's quiz to complete it."))
    _progress_for(actor, module)
    audit_log(actor=actor, action="training.module_read", target=module,
              community=module.course.community_id)
    return _complete_module(actor, module, timezone.now())


@transaction.atomic
def scenario_answer_save(*, actor, module: Module, scenario_key: str, text: str) -> ScenarioAnswer:
    if not _can_take(actor, module.course):
        raise PermissionDenied(_("Only active members of this community can take this course."))
    if scenario_key not in {scenario["key"] for scenario in module.scenarios}:
        raise ValidationError(_("This module has no such practice scenario."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write your answer first; then compare it with ours.")]})
    if len(text) > 5000:
        raise ValidationError({"text": [_("Keep your answer under 5,000 characters.")]})
    answer, _created = ScenarioAnswer.objects.update_or_create(
        user=actor, module=module, scenario_key=scenario_key, defaults={"text": text}
    )
    _progress_for(actor, module)
    audit_log(actor=actor, action="training.scenario_answered", target=answer,
              community=module.course.community_id, details={"scenario": scenario_key})
    return answer


@transaction.atomic
def course_renewal_start(*, actor, course: Course) -> int:
    """Start the course again to renew a certification: completed modules open again (scores
    and attempts are kept). Returns how many modules were reopened."""
    if not _can_take(actor, course):
        raise PermissionDenied(_("Only active members of this community can take this course."))
    if not Certification.objects.filter(user=actor, course=course).exists():
        raise ValidationError(_("You have not passed this course yet: there is nothing to renew."))
    reopened = ModuleProgress.objects.filter(
        user=actor, module__course=course, completed_at__isnull=False
    ).update(completed_at=None)
    audit_log(actor=actor, action="training.renewal_started", target=course,
              community=course.community_id, details={"reopened": reopened})
    return reopened


# Requirements -------------------------------------------------------------------------------


@transaction.atomic
def requirement_set(
    *, actor, community, courses, background_check: str, renewal_months: int
) -> TrainingRequirement:
    _require_coordinator(actor, community)
    errors: dict[str, list[str]] = {}
    if background_check not in TrainingRequirement.BackgroundCheckPolicy.values:
        errors["background_check"] = [_("Choose when a background check is needed.")]
    if not isinstance(renewal_months, int) or not 1 <= renewal_months <= 60:
        errors["renewal_months"] = [_("Choose a period between 1 and 60 months.")]
    courses = list(courses)
    foreign = [course for course in courses if course.community_id not in (None, community.pk)]
    if foreign:
        errors["courses"] = [_("A required course must be Ayni's or this community's own.")]
    elif any(not course.modules.exists() for course in courses):
        errors["courses"] = [_("A required course needs at least one module: add its modules first.")]
    if errors:
        raise ValidationError(errors)
    requirement, _created = TrainingRequirement.objects.update_or_create(
        community=community,
        defaults={"background_check": background_check, "renewal_months": renewal_months,
                  "updated_by": actor},
    )
    requirement.required_courses.set(courses)
    audit_log(actor=actor, action="training.requirement_set", target=requirement,
              community=community,
              details={"courses": [course.key for course in courses],
                       "background_check": background_check, "renewal_months": renewal_months})
    return requirement


# In-person sessions, supervision ------------------------------------------------------------


@transaction.atomic
def session_record(
    *, actor, community, kind: str, title: str, held_on: date, hours: Decimal,
    attendance: dict[int, Decimal], course: Course | None = None,
) -> InPersonSession:
    """Record an in-person session (training or debrief) and who attended, with hours each.

    ``attendance`` maps membership ids (of this community) to hours.
    """
    _require_coordinator(actor, community)
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the session a title.")]
    if kind not in InPersonSession.Kind.values:
        errors["kind"] = [_("Choose the kind of session.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("Record a session once it has taken place.")]
    if hours is None or not Decimal("0.5") <= Decimal(hours) <= Decimal("24"):
        errors["hours"] = [_("A session lasts between half an hour and 24 hours.")]
    if course is not None and course.community_id not in (None, community.pk):
        errors["course"] = [_("This course belongs to another community.")]
    members = set(
        Membership.objects.filter(community=community, pk__in=list(attendance)).values_list("pk", flat=True)
    )
    if set(attendance) - members:
        errors["attendance"] = [_("Some attendees are not members of this community.")]
    if not attendance:
        errors["attendance"] = [_("Tick at least one person who attended.")]
    for person_hours in attendance.values():
        if person_hours is None or not Decimal("0") < Decimal(person_hours) <= Decimal(hours or 0):
            errors["attendance"] = [
                _("Each person's hours must be more than 0 and no more than the session's.")
            ]
            break
    if errors:
        raise ValidationError(errors)
    session = InPersonSession.objects.create(
        community=community, kind=kind, title=title, held_on=held_on, hours=hours, course=course,
        recorded_by=actor,
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, membership_id=membership_id, hours=person_hours)
        for membership_id, person_hours in attendance.items()
    )
    audit_log(actor=actor, action="training.session_recorded", target=session, community=community,
              details={"kind": kind, "held_on": held_on.isoformat(), "hours": str(hours),
                       "attendees": len(attendance)})
    return session


@transaction.atomic
def debrief_group_create(
    *, actor, community, name: str, members, schedule: str = "", language: str = ""
) -> DebriefGroup:
    """Start a regular debrief and supervision group: a circle of the community's supporters
    (already in it, told by the circles work), run by the coordinators."""
    _require_coordinator(actor, community)
    members = list(members)
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the group a name.")]
    if len(members) < 2:
        errors["members"] = [_("Choose at least two supporters.")]
    elif any(m.community_id != community.pk or not m.is_supporter or m.status != Membership.Status.ACTIVE
             for m in members):
        errors["members"] = [_("Only active supporters of this community can be in a debrief group.")]
    if errors:
        raise ValidationError(errors)
    from ayni.circles.services import circle_create

    language = language or (community.languages or ["es"])[0]
    with translation.override(language if language in {"es", "en"} else "es"):
        description = _("A space for supporters to talk through what supporting others brings up, learn "
                        "from each other and look after themselves. What is said here stays here; talk "
                        "about situations without names or details that identify anyone.")
    circle = circle_create(actor=actor, community=community, name=name, description=description,
                           schedule=schedule or "", language=language, min_size=2,
                           max_size=max(8, len(members)), members=members)
    group = DebriefGroup.objects.create(community=community, circle=circle, created_by=actor)
    audit_log(actor=actor, action="training.debrief_group_created", target=group, community=community,
              details={"circle": circle.pk, "members": [m.pk for m in members]})
    return group


@transaction.atomic
def talk_request_create(*, actor, membership: Membership, message: str = "") -> TalkRequest:
    """A supporter asks to talk to someone: every coordinator of the community is told."""
    if membership.user_id != actor.pk or membership.status != Membership.Status.ACTIVE:
        raise PermissionDenied(_("Only active members of this community can do this."))
    message = (message or "").strip()
    if len(message) > 2000:
        raise ValidationError({"message": [_("Keep the message under 2,000 characters.")]})
    talk = TalkRequest.objects.create(membership=membership, message=message)
    audit_log(actor=actor, action="training.talk_requested", target=talk,
              community=membership.community)
    coordinators = [
        m.user for m in Membership.objects.filter(
            community=membership.community, status=Membership.Status.ACTIVE, is_coordinator=True
        ).exclude(user=actor).select_related("user")
    ]
    community = membership.community
    name = actor.display_name or actor.email

    for coordinator in coordinators:  # notify() itself sends the e-mails once committed
        notify(coordinator, "training.talk_request", community=community,
               context={"name": name, "community": community.name},
               url=f"/training/{community.slug}/manage/talk/")
    return talk


@transaction.atomic
def talk_request_handle(*, actor, talk: TalkRequest) -> TalkRequest:
    _require_coordinator(actor, talk.membership.community)
    updated = TalkRequest.objects.filter(pk=talk.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=actor
    )
    if updated:
        audit_log(actor=actor, action="training.talk_handled", target=talk,
                  community=talk.membership.community)
    talk.refresh_from_db()
    return talk


# Reminders and expiry warnings --------------------------------------------------------------

REMINDER_PAUSE = timedelta(days=3)


@transaction.atomic
def training_remind(*, actor, community, memberships) -> int:
    """Remind these supporters to finish their training. Someone reminded in the last three
    days is skipped. Returns how many were reminded."""
    _require_coordinator(actor, community)
    memberships = [m for m in memberships if m.community_id == community.pk]
    since = timezone.now() - REMINDER_PAUSE
    recent = set(
        Notification.objects.filter(
            kind="training.reminder", community=community, created_at__gte=since,
            recipient_id__in=[m.user_id for m in memberships],
        ).values_list("recipient_id", flat=True)
    )
    chosen = [m for m in memberships if m.user_id not in recent]
    for membership in chosen:
        notify(membership.user, "training.reminder", community=community,
               context={"community": community.name}, url="/training/")
    audit_log(actor=actor, action="training.reminders_sent", community=community,
              details={"memberships": [m.pk for m in chosen]})
    return len(chosen)


EXPIRY_WARNING_DAYS = 30


def certification_send_expiry_warnings(*, today: date | None = None) -> int:
    """Warn supporters 30 days before a required certification expires, once per
    certification and community (the ``CertificationWarning`` row is the claim).

    Registered as the periodic job ``training.expiry_warnings``. Returns how many warnings went out.
    """
    from ayni.training.eligibility import DATE_LINE_SLACK, requirements_for

    today = today or timezone.localdate()
    memberships = list(
        Membership.objects.filter(status=Membership.Status.ACTIVE, is_supporter=True)
        .select_related("user", "community")
    )
    requirements = requirements_for({m.community_id for m in memberships})
    course_ids = {course.pk for req in requirements.values() for course in req.courses}
    latest: dict[tuple[int, int], Certification] = {}
    for certification in Certification.objects.filter(
        user_id__in={m.user_id for m in memberships}, course_id__in=course_ids,
        certified_on__lte=today + DATE_LINE_SLACK,
    ).select_related("course").order_by("certified_on", "pk"):
        latest[(certification.user_id, certification.course_id)] = certification
    sent = 0
    for membership in memberships:
        requirement = requirements[membership.community_id]
        for course in requirement.courses:
            certification = latest.get((membership.user_id, course.pk))
            if certification is None:
                continue
            expires_on = certification.expires_on(requirement.renewal_months)
            if not today <= expires_on <= today + timedelta(days=EXPIRY_WARNING_DAYS):
                continue
            try:
                with transaction.atomic():
                    CertificationWarning.objects.create(
                        certification=certification, community=membership.community,
                        expires_on=expires_on,
                    )
                    with translation.override(membership.user.language or "es"):
                        date_text = formats.date_format(expires_on, "DATE_FORMAT")
                    notify(membership.user, "training.expiring", community=membership.community,
                           context={"course": certification.course.title, "date": date_text,
                                    "community": membership.community.name},
                           url=f"/training/courses/{course.pk}/")
            except IntegrityError:  # warned already (or by another host just now)
                continue
            sent += 1
    return sent


# A community's own courses ------------------------------------------------------------------


def _clean_texts(data: dict, required: tuple[str, ...], errors: dict) -> dict:
    cleaned = {key: (value or "").strip() for key, value in data.items()}
    for name in required:
        if not cleaned.get(name):
            errors[name] = [_("This field is required.")]
    for name, value in cleaned.items():
        if name.startswith("title") and len(value) > 200:
            errors[name] = [_("A title can have at most 200 characters.")]
    return cleaned


def _course_texts(*, title_es: str, title_en: str, summary_es: str, summary_en: str) -> dict:
    """A course's titles and summaries, trimmed, or ``ValidationError`` naming each field."""
    errors: dict[str, list[str]] = {}
    texts = _clean_texts(
        {"title_es": title_es, "title_en": title_en, "summary_es": summary_es, "summary_en": summary_en},
        ("title_es", "title_en"), errors,
    )
    if errors:
        raise ValidationError(errors)
    return texts


@transaction.atomic
def course_create(
    *, actor, community, title_es: str, title_en: str, summary_es: str = "", summary_en: str = ""
) -> Course:
    """Add a course of the community's own (its modules come next)."""
    _require_coordinator(actor, community)
    texts = _course_texts(title_es=title_es, title_en=title_en, summary_es=summary_es, summary_en=summary_en)
    base = slugify(texts["title_en"])[:50] or "course"
    key, number = base, 2
    while Course.objects.filter(community=community, key=key).exists():
        key, number = f"{base}-{number}", number + 1
    position = (Course.objects.filter(community=community).aggregate(top=Max("position"))["top"] or 0) + 1
    course = Course.objects.create(community=community, key=key, position=position, created_by=actor,
                                   **texts)
    audit_log(actor=actor, action="training.course_created", target=course, community=community,
              details={"key": key})
    return course


def parse_quiz_toml(text: str, *, pass_mark: int) -> list[dict]:
    """A quiz written in the curriculum's TOML format (the ``[quiz]`` part of a module.toml:
    ``[[quiz.questions]]`` with prompt, options, feedback, correct) as the JSON stored on a
    module. Raises ``ValidationError`` naming the field to fix."""
    from pathlib import Path

    from ayni.training.curriculum.loader import CurriculumError, _load_quiz, _Reader
    from ayni.training.sync import quiz_json

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError({"quiz": [_("The quiz is not valid TOML: %(error)s") % {"error": error}]}) from None
    if "quiz" not in data:
        data = {"quiz": data}
    try:
        quiz = _load_quiz(_Reader(Path("quiz"), ("es", "en")), data, pass_mark)
    except CurriculumError as error:
        raise ValidationError({"quiz": [_("Problem in the quiz at %(field)s: %(problem)s") % {
            "field": error.field, "problem": error.problem}]}) from None

    return quiz_json(quiz)


def parse_scenarios_toml(text: str) -> list[dict]:
    """Practice scenarios written in the curriculum's TOML format (``[[scenarios]]`` with key,
    situation, task, model_answer and a checklist, each text in Spanish and English) as the
    JSON stored on a module. Raises ``ValidationError`` naming the field to fix."""
    from pathlib import Path

    from ayni.training.curriculum.loader import CurriculumError, _load_scenarios, _Reader
    from ayni.training.sync import scenario_list_json

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError({"scenarios_toml": [
            _("The practice scenarios are not valid TOML: %(error)s") % {"error": error}]}) from None
    try:
        scenarios = _load_scenarios(_Reader(Path("scenarios"), ("es", "en")), data)
    except CurriculumError as error:
        raise ValidationError({"scenarios_toml": [_("Problem in the practice scenarios at %(field)s: %(problem)s")
                                                  % {"field": error.field, "problem": error.problem}]}) from None
    return scenario_list_json(scenarios)


def _require_own_course(actor, course: Course) -> None:
    if course.community_id is None:
        raise PermissionDenied(_("Ayni's own courses are changed in the curriculum files, not here."))
    _require_coordinator(actor, course.community)


def _module_values(
    *, title_es: str, title_en: str, summary_es: str, summary_en: str, estimated_minutes: int, pass_mark: int,
    quiz_toml: str, scenarios_toml: str,
) -> dict:
    """A module's fields from what a coordinator typed, or ``ValidationError`` naming each field."""
    errors: dict[str, list[str]] = {}
    texts = _clean_texts(
        {"title_es": title_es, "title_en": title_en, "summary_es": summary_es, "summary_en": summary_en},
        ("title_es", "title_en"), errors,
    )
    if not isinstance(estimated_minutes, int) or not 1 <= estimated_minutes <= 600:
        errors["estimated_minutes"] = [_("Between 1 and 600 minutes.")]
    if not isinstance(pass_mark, int) or not 1 <= pass_mark <= 100:
        errors["pass_mark"] = [_("A percentage between 1 and 100.")]
    quiz: list[dict] = []
    if (quiz_toml or "").strip() and "pass_mark" not in errors:
        try:
            quiz = parse_quiz_toml(quiz_toml, pass_mark=pass_mark)
        except ValidationError as error:
            errors.update(error.message_dict)
    scenarios: list[dict] = []
    if (scenarios_toml or "").strip():
        try:
            scenarios = parse_scenarios_toml(scenarios_toml)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return {**texts, "estimated_minutes": estimated_minutes, "pass_mark": pass_mark, "quiz": quiz,
            "scenarios": scenarios}


@transaction.atomic
def module_create(
    *, actor, course: Course, title_es: str, title_en: str, summary_es: str = "", summary_en: str = "",
    estimated_minutes: int = 15, pass_mark: int = 80, quiz_toml: str = "", scenarios_toml: str = "",
) -> Module:
    _require_own_course(actor, course)
    values = _module_values(title_es=title_es, title_en=title_en, summary_es=summary_es, summary_en=summary_en,
                            estimated_minutes=estimated_minutes, pass_mark=pass_mark, quiz_toml=quiz_toml,
                            scenarios_toml=scenarios_toml)
    base = slugify(values["title_en"])[:50] or "module"
    key, number = base, 2
    while course.modules.filter(key=key).exists():
        key, number = f"{base}-{number}", number + 1
    position = (course.modules.aggregate(top=Max("position"))["top"] or 0) + 1
    module = Module.objects.create(course=course, key=key, position=position, **values)
    audit_log(actor=actor, action="training.module_created", target=module,
              community=course.community, details={"course": course.key, "key": key,
                                                   "questions": len(values["quiz"]),
                                                   "scenarios": len(values["scenarios"])})
    return module


@transaction.atomic
def lesson_create(
    *, actor, module: Module, title_es: str, title_en: str, body_es: str, body_en: str
) -> Lesson:
    course = module.course
    _require_own_course(actor, course)
    errors: dict[str, list[str]] = {}
    texts = _clean_texts(
        {"title_es": title_es, "title_en": title_en, "body_es": body_es, "body_en": body_en},
        ("title_es", "title_en", "body_es", "body_en"), errors,
    )
    if errors:
        raise ValidationError(errors)
    base = slugify(texts["title_en"])[:50] or "lesson"
    key, number = base, 2
    while module.lessons.filter(key=key).exists():
        key, number = f"{base}-{number}", number + 1
    position = (module.lessons.aggregate(top=Max("position"))["top"] or 0) + 1
    lesson = Lesson.objects.create(module=module, key=key, position=position, **texts)
    audit_log(actor=actor, action="training.lesson_created", target=lesson,
              community=course.community, details={"module": module.key, "key": key})
    return lesson


# Editing, reordering and removing a community's own courses ---------------------------------


def _save_changes(instance, values: dict) -> list[str]:
    """Set the values that differ and save only those; returns the names changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        extra = ["updated_at"] if any(field.name == "updated_at" for field in instance._meta.fields) else []
        instance.save(update_fields=changed + extra)
    return changed


@transaction.atomic
def course_update(
    *, actor, course: Course, title_es: str, title_en: str, summary_es: str = "", summary_en: str = ""
) -> Course:
    """Change a community course's titles and summaries. Its key never changes."""
    _require_own_course(actor, course)
    texts = _course_texts(title_es=title_es, title_en=title_en, summary_es=summary_es, summary_en=summary_en)
    changed = _save_changes(course, texts)
    audit_log(actor=actor, action="training.course_updated", target=course, community=course.community_id,
              details={"key": course.key, "changed": changed})
    return course


@transaction.atomic
def module_update(
    *, actor, module: Module, title_es: str, title_en: str, summary_es: str = "", summary_en: str = "",
    estimated_minutes: int = 15, pass_mark: int = 80, quiz_toml: str = "", scenarios_toml: str = "",
) -> Module:
    """Change a community module: texts, minutes, pass mark, quiz and practice scenarios.

    Its key never changes. People who completed it keep their progress and their
    certification: a new quiz or pass mark counts for the attempts made from now on."""
    _require_own_course(actor, module.course)
    values = _module_values(title_es=title_es, title_en=title_en, summary_es=summary_es, summary_en=summary_en,
                            estimated_minutes=estimated_minutes, pass_mark=pass_mark, quiz_toml=quiz_toml,
                            scenarios_toml=scenarios_toml)
    changed = _save_changes(module, values)
    audit_log(actor=actor, action="training.module_updated", target=module, community=module.course.community_id,
              details={"course": module.course.key, "key": module.key, "changed": changed,
                       "questions": len(module.quiz), "scenarios": len(module.scenarios)})
    return module


@transaction.atomic
def lesson_update(*, actor, lesson: Lesson, title_es: str, title_en: str, body_es: str, body_en: str) -> Lesson:
    """Change a community lesson's titles and texts. Its key never changes."""
    module = lesson.module
    _require_own_course(actor, module.course)
    errors: dict[str, list[str]] = {}
    texts = _clean_texts(
        {"title_es": title_es, "title_en": title_en, "body_es": body_es, "body_en": body_en},
        ("title_es", "title_en", "body_es", "body_en"), errors,
    )
    if errors:
        raise ValidationError(errors)
    changed = _save_changes(lesson, texts)
    audit_log(actor=actor, action="training.lesson_updated", target=lesson, community=module.course.community_id,
              details={"module": module.key, "key": lesson.key, "changed": changed})
    return lesson


MOVES = ("up", "down")


def _move(siblings, item, direction: str) -> bool:
    """Swap ``item`` with its neighbour among ``siblings`` (a queryset); False at the ends.

    The rows are locked and renumbered 1..n, so positions stay distinct even if two were equal."""
    if direction not in MOVES:
        raise ValidationError({"direction": [_("Choose whether to move it up or down.")]})
    ordered = list(siblings.select_for_update().order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    renumbered = []
    for position, sibling in enumerate(ordered, start=1):
        if sibling.position != position:
            sibling.position = position
            renumbered.append(sibling)
    type(item).objects.bulk_update(renumbered, ["position"])
    item.position = next(sibling.position for sibling in ordered if sibling.pk == item.pk)
    return True


@transaction.atomic
def module_move(*, actor, module: Module, direction: str) -> bool:
    """Move a module one place ``"up"`` or ``"down"`` in its course. Returns False (and changes
    nothing) when it is already first or last."""
    course = module.course
    _require_own_course(actor, course)
    moved = _move(Module.objects.filter(course=course), module, direction)
    if moved:
        audit_log(actor=actor, action="training.module_moved", target=module, community=course.community_id,
                  details={"course": course.key, "key": module.key, "direction": direction,
                           "position": module.position})
    return moved


@transaction.atomic
def lesson_move(*, actor, lesson: Lesson, direction: str) -> bool:
    """Move a lesson one place ``"up"`` or ``"down"`` in its module (False at the ends)."""
    module = lesson.module
    _require_own_course(actor, module.course)
    moved = _move(Lesson.objects.filter(module=module), lesson, direction)
    if moved:
        audit_log(actor=actor, action="training.lesson_moved", target=lesson,
                  community=module.course.community_id,
                  details={"module": module.key, "key": lesson.key, "direction": direction,
                           "position": lesson.position})
    return moved


@transaction.atomic
def lesson_remove(*, actor, lesson: Lesson) -> None:
    """Remove a lesson (nobody's progress is kept per lesson, so nothing else is lost)."""
    module = lesson.module
    _require_own_course(actor, module.course)
    audit_log(actor=actor, action="training.lesson_removed", target=lesson, community=module.course.community_id,
              details={"module": module.key, "key": lesson.key, "title_es": lesson.title_es,
                       "title_en": lesson.title_en})
    lesson.delete()


def module_removal_problem(module: Module) -> str:
    """Why the module cannot be removed now, as a sentence; "" when it can."""
    started = ModuleProgress.objects.filter(module=module).order_by().values("user").union(
        QuizAttempt.objects.filter(module=module).order_by().values("user")).count()
    if started:
        return ngettext(
            "%(count)d person has started this module: removing it would erase their progress. "
            "Edit it instead; they keep what they have done.",
            "%(count)d people have started this module: removing it would erase their progress. "
            "Edit it instead; they keep what they have done.", started) % {"count": started}
    course = module.course
    if course.required_by.exists() and not course.modules.exclude(pk=module.pk).exists():
        return _("This community requires this course, and a required course needs at least one module: "
                 "add another module first, or stop requiring the course.")
    return ""


@transaction.atomic
def module_remove(*, actor, module: Module) -> int:
    """Remove a module nobody has started. People who had done every other module of the course
    now have done the whole course, so they get their certification. Returns how many did."""
    course = module.course
    _require_own_course(actor, course)
    Module.objects.select_for_update().filter(pk=module.pk).first()  # no one starts it meanwhile
    problem = module_removal_problem(module)
    if problem:
        raise ValidationError(problem)
    audit_log(actor=actor, action="training.module_removed", target=module, community=course.community_id,
              details={"course": course.key, "key": module.key, "title_es": module.title_es,
                       "title_en": module.title_en})
    module.delete()
    return _certify_completed_rounds(course)


def _certify_completed_rounds(course: Course) -> int:
    remaining = course.modules.count()
    if not remaining:
        return 0
    finished = (
        ModuleProgress.objects.filter(module__course=course, completed_at__isnull=False)
        .values("user").annotate(done=Count("pk"), last=Max("completed_at")).filter(done=remaining)
    )
    certified = 0
    today = timezone.localdate()
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk([row["user"] for row in finished])
    for row in finished:
        # Someone certified after their last completion has this round's certification already.
        if Certification.objects.filter(user_id=row["user"], course=course, created_at__gte=row["last"]).exists():
            continue
        certification_record(actor=None, user=users[row["user"]], course=course, certified_on=today)
        certified += 1
    return certified


def course_removal_problem(course: Course) -> str:
    """Why the course cannot be removed, as a sentence; "" when it can."""
    holders = Certification.objects.filter(course=course).values("user").distinct().count()
    if holders:
        return ngettext(
            "%(count)d person holds a certification for this course: removing it would erase their "
            "certificate. Edit the course instead.",
            "%(count)d people hold a certification for this course: removing it would erase their "
            "certificates. Edit the course instead.", holders) % {"count": holders}
    if course.required_by.exists():
        return _("This community requires this course of its supporters: take it off the training "
                 "requirements first.")
    return ""


@transaction.atomic
def course_remove(*, actor, course: Course) -> None:
    """Remove a community course that nobody holds a certification for and that is not required.
    Its modules, lessons and everyone's progress in it go with it."""
    _require_own_course(actor, course)
    Course.objects.select_for_update().filter(pk=course.pk).first()
    problem = course_removal_problem(course)
    if problem:
        raise ValidationError(problem)
    audit_log(actor=actor, action="training.course_removed", target=course, community=course.community_id,
              details={"key": course.key, "title_es": course.title_es, "title_en": course.title_en,
                       "modules": course.modules.count()})
    course.delete()
