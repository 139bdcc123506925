from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ayni.communities import access as community_access
from ayni.communities.models import Membership
from ayni.core.i18n import current_language
from ayni.core.pagination import paginate
from ayni.safety.screening import screen_text
from ayni.training import access, forms, selectors, services
from ayni.training.curriculum import writer
from ayni.training.eligibility import eligibility_map, requirement_for
from ayni.training.models import (
    BackgroundCheck,
    Course,
    DebriefGroup,
    InPersonSession,
    ModuleProgress,
    ScenarioAnswer,
    TalkRequest,
)

# Supporters ---------------------------------------------------------------------------------


@login_required
def course_list(request):
    courses = selectors.courses_for(request.user)
    progress = selectors.progress_for(request.user, courses)
    memberships = list(
        Membership.objects.filter(user=request.user, status=Membership.Status.ACTIVE)
        .filter(is_supporter=True).select_related("community")
    )
    eligibility = eligibility_map(memberships)
    return render(request, "training/list.html", {
        "rows": [progress[course.pk] for course in courses],
        "hours": selectors.hours_for(request.user),
        "eligibility_rows": [(m, eligibility[m.pk]) for m in memberships],
        "debrief_groups": DebriefGroup.objects.filter(
            circle__circle_memberships__membership__in=memberships,
            circle__circle_memberships__status="accepted").exclude(circle__status="closed")
        .select_related("circle", "community").distinct() if memberships else [],
    })


@login_required
def course_detail(request, course_id: int):
    course = access.access_course(request.user, course_id)
    modules = list(course.modules.all())
    done = dict(
        ModuleProgress.objects.filter(user=request.user, module__in=modules)
        .values_list("module_id", "completed_at")
    )
    progress = selectors.progress_for(request.user, [course])[course.pk]
    return render(request, "training/course.html", {
        "course": course, "progress": progress,
        "modules": [(module, done.get(module.pk)) for module in modules],
    })


@login_required
def module_detail(request, course_id: int, module_id: int):
    module = access.access_module(request.user, course_id, module_id)
    siblings = list(module.course.modules.values_list("pk", flat=True))
    index = siblings.index(module.pk)
    progress = ModuleProgress.objects.filter(user=request.user, module=module).first()
    answered = set(
        ScenarioAnswer.objects.filter(user=request.user, module=module).values_list("scenario_key", flat=True)
    )
    return render(request, "training/module.html", {
        "course": module.course, "module": module, "lessons": module.lessons.all(),
        "progress": progress, "answered": answered,
        "next_id": siblings[index + 1] if index + 1 < len(siblings) else None,
        "previous_id": siblings[index - 1] if index > 0 else None,
    })


@login_required
@require_POST
def module_read(request, course_id: int, module_id: int):
    module = access.access_module(request.user, course_id, module_id)
    try:
        certification = services.module_mark_read(actor=request.user, module=module)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _after_completion(request, certification)
    return redirect("training:module", course_id=course_id, module_id=module_id)


def _after_completion(request, certification) -> None:
    if certification is not None:
        messages.success(request, _("You passed the whole course. Well done! Your certificate is ready."))
    else:
        messages.success(request, _("Module completed."))


def _quiz_questions(module, language: str, chosen: dict | None = None, results=None):
    by_key = {result.question_key: result for result in results.questions} if results else {}
    questions = []
    for number, question in enumerate(module.quiz, start=1):
        picked = set((chosen or {}).get(question["key"], ()))
        questions.append({
            "number": number, "key": question["key"], "kind": question["kind"],
            "prompt": question["prompt"].get(language) or question["prompt"]["es"],
            "options": [
                {"key": option["key"], "text": option["text"].get(language) or option["text"]["es"],
                 "checked": option["key"] in picked}
                for option in question["options"]
            ],
            "result": by_key.get(question["key"]),
        })
    return questions


@login_required
def quiz(request, course_id: int, module_id: int):
    module = access.access_module(request.user, course_id, module_id)
    if not module.quiz:
        return redirect("training:module", course_id=course_id, module_id=module_id)
    language = current_language()
    result = certification = None
    chosen: dict[str, list[str]] = {}
    error = ""
    if request.method == "POST":
        chosen = {
            question["key"]: request.POST.getlist(f"q-{question['key']}")
            for question in module.quiz
        }
        chosen = {key: value for key, value in chosen.items() if value}
        try:
            _attempt, result, certification = services.quiz_attempt_submit(
                actor=request.user, module=module, answers=chosen, language=language
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
    progress = ModuleProgress.objects.filter(user=request.user, module=module).first()
    siblings = list(module.course.modules.values_list("pk", flat=True))
    index = siblings.index(module.pk)
    return render(request, "training/quiz.html", {
        "course": module.course, "module": module, "result": result, "error": error,
        "certification": certification, "progress": progress,
        "questions": _quiz_questions(module, language, chosen if result else None, result),
        "next_id": siblings[index + 1] if index + 1 < len(siblings) else None,
    })


@login_required
def scenario(request, course_id: int, module_id: int, key: str):
    module = access.access_module(request.user, course_id, module_id)
    found = next((item for item in module.scenarios if item["key"] == key), None)
    if found is None:
        raise Http404(_("No such practice scenario."))
    answer = ScenarioAnswer.objects.filter(user=request.user, module=module, scenario_key=key).first()
    form = forms.ScenarioForm(request.POST or None, initial={"text": answer.text if answer else ""})
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.scenario_answer_save(
                actor=request.user, module=module, scenario_key=key, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Saved. Compare your answer with ours below."))
            return redirect("training:scenario", course_id=course_id, module_id=module_id, key=key)
    return render(request, "training/scenario.html", {
        "course": module.course, "module": module, "scenario": found, "answer": answer, "form": form,
    })


@login_required
@require_POST
def renewal_start(request, course_id: int):
    course = access.access_course(request.user, course_id)
    try:
        reopened = services.course_renewal_start(actor=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ngettext(
            "%(count)d module is open again. Pass its quiz to renew your certification.",
            "%(count)d modules are open again. Pass their quizzes to renew your certification.",
            reopened) % {"count": reopened})
    return redirect("training:course", course_id=course_id)


@login_required
def certificate(request, certification_id: int):
    certification = access.access_certification(request.user, certification_id)
    course = certification.course
    memberships = list(
        Membership.objects.filter(user=request.user, status=Membership.Status.ACTIVE).select_related("community")
    )
    validity = []
    for membership in memberships:
        if course.community_id not in (None, membership.community_id):
            continue
        requirement = requirement_for(membership.community)
        validity.append((membership.community, certification.expires_on(requirement.renewal_months)))
    return render(request, "training/certificate.html", {
        "certification": certification, "course": course, "validity": validity,
        "modules": course.modules.all(), "minutes": sum(m.estimated_minutes for m in course.modules.all()),
    })


@login_required
def talk(request, slug: str):
    community, membership = community_access.access_community_as_member(request.user, slug)
    form = forms.TalkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            talk_request = services.talk_request_create(actor=request.user, membership=membership,
                                                        message=form.cleaned_data["message"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Thank you for saying it. A coordinator will get in touch with you soon."))
            # What a supporter writes here may be a crisis of their own: show help at once.
            screening = screen_text(author=request.user, text=talk_request.message, community=community,
                                    source="training.talk_request", source_id=talk_request.pk)
            if screening.show:
                return render(request, "training/talk_sent.html", {"community": community, "screening": screening})
            return redirect("training:list")
    return render(request, "training/talk.html", {"community": community, "form": form})


# Coordinators -------------------------------------------------------------------------------


def _manage_context(community, tab: str, **extra) -> dict:
    return {"community": community, "tab": tab, **extra}


@login_required
def manage_completion(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    status = request.GET.get("status", "")
    if status not in selectors.STATUSES:
        status = ""
    # Statuses of everyone (for the counts and the filter) cheaply; full rows for one page only.
    rows = selectors.CompletionRows(community, status=status)
    return render(request, "training/manage/completion.html", _manage_context(
        community, "completion", page_obj=paginate(request, rows), counts=rows.counts, status=status,
        requirement=rows.requirement,
    ))


@login_required
@require_POST
def manage_remind(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    supporters = selectors.supporters_of(community)
    if request.POST.get("everyone"):
        not_ready = [pk for pk, status in selectors.completion_statuses(community) if status != "ready"]
        chosen = list(supporters.filter(pk__in=not_ready))
    else:
        ids = [int(value) for value in request.POST.getlist("membership") if value.isdigit()]
        if not ids:
            messages.error(request, _("Tick the people to remind first."))
            return redirect("training:manage", slug=slug)
        chosen = list(supporters.filter(pk__in=ids))
    count = services.training_remind(actor=request.user, community=community, memberships=chosen)
    if count:
        messages.success(request, ngettext("%(count)d person reminded.", "%(count)d people reminded.", count)
                         % {"count": count})
    else:
        messages.info(request, _("Nobody to remind: everyone was reminded in the last three days or is ready."))
    return redirect("training:manage", slug=slug)


@login_required
def manage_requirements(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    courses = Course.objects.filter(Q(community__isnull=True) | Q(community=community))
    requirement = requirement_for(community)
    form = forms.RequirementForm(request.POST or None, courses=courses, initial={
        "courses": [course.pk for course in requirement.courses],
        "background_check": requirement.background_check, "renewal_months": requirement.renewal_months,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_set(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Training requirements saved."))
            return redirect("training:manage_requirements", slug=slug)
    return render(request, "training/manage/requirements.html", _manage_context(
        community, "requirements", form=form, requirement=requirement))


@login_required
def manage_checks(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    supporters = list(selectors.supporters_of(community))
    form = forms.BackgroundCheckForm(request.POST or None, supporters=supporters)
    if request.method == "POST" and form.is_valid():
        member = next(m for m in supporters if m.pk == form.cleaned_data["membership"])
        try:
            services.background_check_record(
                actor=request.user, membership=member, checked_on=form.cleaned_data["checked_on"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Background check recorded for %(name)s.")
                             % {"name": member.user.display_name})
            return redirect("training:manage_checks", slug=slug)
    checks = BackgroundCheck.objects.filter(membership__community=community).select_related(
        "membership__user", "recorded_by")
    return render(request, "training/manage/checks.html", _manage_context(
        community, "checks", form=form, page_obj=paginate(request, checks)))


@login_required
def manage_sessions(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    members = list(
        Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
        .filter(is_supporter=True).select_related("user").order_by("user__display_name")
    )
    posted = request.POST.get("form", "session") if request.method == "POST" else ""
    recording = posted == "certification"
    grouping = posted == "debrief"
    debrief_form = forms.DebriefGroupForm(request.POST if grouping else None, prefix="debrief", members=members)
    if grouping and debrief_form.is_valid():
        data = debrief_form.cleaned_data
        try:
            group = services.debrief_group_create(
                actor=request.user, community=community, name=data["name"], schedule=data["schedule"],
                members=[m for m in members if m.pk in set(data["members"])], language=current_language())
        except ValidationError as error:
            debrief_form.apply_service_error(error)
        else:
            messages.success(request, _("The debrief group is started. Plan its meetings from its circle page."))
            return redirect("circles:detail", circle_id=group.circle_id)
    certification_form = forms.RecordCertificationForm(
        request.POST if recording else None, prefix="cert", members=members,
        courses=Course.objects.filter(Q(community__isnull=True) | Q(community=community)),
    )
    form = forms.SessionForm(request.POST if posted == "session" else None, members=members,
                             initial={"kind": InPersonSession.Kind.TRAINING})
    if recording and certification_form.is_valid():
        data = certification_form.cleaned_data
        chosen = [m for m in members if m.pk in set(data["people"])]
        try:
            with transaction.atomic():
                for member in chosen:
                    services.certification_record(actor=request.user, user=member.user, course=data["course"],
                                                  certified_on=data["certified_on"], community=community)
        except ValidationError as error:
            certification_form.apply_service_error(error)
        else:
            messages.success(request, ngettext("Certification recorded for %(count)d person.",
                                               "Certification recorded for %(count)d people.", len(chosen))
                             % {"count": len(chosen)})
            return redirect("training:manage_sessions", slug=slug)
    if posted == "session" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_record(
                actor=request.user, community=community, kind=data["kind"], title=data["title"],
                held_on=data["held_on"], hours=data["hours"],
                attendance=data["attendance"],
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Session recorded."))
            return redirect("training:manage_sessions", slug=slug)
    sessions = (
        InPersonSession.objects.filter(community=community)
        .prefetch_related("attendance__membership__user")
    )
    return render(request, "training/manage/sessions.html", _manage_context(
        community, "sessions", form=form, certification_form=certification_form, debrief_form=debrief_form,
        debrief_groups=DebriefGroup.objects.filter(community=community).select_related("circle")
        .annotate(people=Count("circle__circle_memberships", filter=Q(
            circle__circle_memberships__status="accepted"))),
        page_obj=paginate(request, sessions)))


@login_required
def manage_courses(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    form = forms.CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(actor=request.user, community=community, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Course created. Add its modules now."))
            return redirect("training:manage_course", slug=slug, course_id=course.pk)
    courses = (
        Course.objects.filter(Q(community__isnull=True) | Q(community=community))
        .annotate(module_count=Count("modules")).order_by("community_id", "position")
    )
    return render(request, "training/manage/courses.html", _manage_context(
        community, "courses", form=form, courses=courses))


@login_required
def manage_course(request, slug: str, course_id: int):
    community, course = _coordinated_course(request, slug, course_id)
    module_form = forms.ModuleForm(request.POST or None, prefix="module")
    if request.method == "POST" and module_form.is_valid():
        try:
            services.module_create(actor=request.user, course=course, **module_form.cleaned_data)
        except ValidationError as error:
            module_form.apply_service_error(error)
        else:
            messages.success(request, _("Module added. Add its lessons now."))
            return redirect("training:manage_course", slug=slug, course_id=course.pk)
    return render(request, "training/manage/course.html", _manage_context(
        community, "courses", course=course, module_form=module_form,
        modules=course.modules.prefetch_related("lessons")))


def _coordinated_course(request, slug: str, course_id: int):
    """The community (the user coordinates it: else 403/404) and one of its own courses (else 404)."""
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    course = access.access_course_as_coordinator(request.user, community, course_id)
    course.community = community
    return community, course


def _coordinated_module(request, slug: str, course_id: int, module_id: int):
    community, course = _coordinated_course(request, slug, course_id)
    return community, access.access_module_as_coordinator(course, module_id)


def _coordinated_lesson(request, slug: str, course_id: int, module_id: int, lesson_id: int):
    community, module = _coordinated_module(request, slug, course_id, module_id)
    return community, access.access_lesson_as_coordinator(module, lesson_id)


@login_required
def manage_lesson_add(request, slug: str, course_id: int, module_id: int):
    community, module = _coordinated_module(request, slug, course_id, module_id)
    course = module.course
    form = forms.LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_create(actor=request.user, module=module, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Lesson added."))
            return redirect("training:manage_course", slug=slug, course_id=course.pk)
    return render(request, "training/manage/lesson_add.html", _manage_context(
        community, "courses", course=course, module=module, form=form))


def _course_page(course, anchor: str = "") -> str:
    url = reverse("training:manage_course", args=[course.community.slug, course.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
def manage_course_edit(request, slug: str, course_id: int):
    community, course = _coordinated_course(request, slug, course_id)
    form = forms.CourseForm(request.POST or None, initial={
        name: getattr(course, name) for name in ("title_es", "title_en", "summary_es", "summary_en")})
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Course saved."))
            return redirect(_course_page(course))
    return render(request, "training/manage/edit.html", _manage_context(
        community, "courses", course=course, form=form, heading=_("Edit “%(title)s”") % {"title": course.title}, back_url=_course_page(course),
        back_text=course.title, submit=_("Save the course")))


@login_required
def manage_module_edit(request, slug: str, course_id: int, module_id: int):
    community, module = _coordinated_module(request, slug, course_id, module_id)
    course = module.course
    form = forms.ModuleForm(request.POST or None, initial={
        **{name: getattr(module, name) for name in ("title_es", "title_en", "summary_es", "summary_en",
                                                    "estimated_minutes", "pass_mark")},
        "quiz_toml": writer.quiz_toml(module.quiz), "scenarios_toml": writer.scenarios_toml(module.scenarios),
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.module_update(actor=request.user, module=module, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Module saved."))
            return redirect(_course_page(course, f"module-{module.pk}"))
    return render(request, "training/manage/edit.html", _manage_context(
        community, "courses", course=course, form=form, heading=_("Edit “%(title)s”") % {"title": module.title},
        back_url=_course_page(course, f"module-{module.pk}"), back_text=course.title, submit=_("Save the module"),
        help=_("People who already completed this module keep their progress and their certification. "
               "A new quiz or pass mark counts from the next attempt on.")))


@login_required
def manage_lesson_edit(request, slug: str, course_id: int, module_id: int, lesson_id: int):
    community, lesson = _coordinated_lesson(request, slug, course_id, module_id, lesson_id)
    module = lesson.module
    form = forms.LessonForm(request.POST or None, initial={
        name: getattr(lesson, name) for name in ("title_es", "title_en", "body_es", "body_en")})
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_update(actor=request.user, lesson=lesson, **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Lesson saved."))
            return redirect(_course_page(module.course, f"module-{module.pk}"))
    return render(request, "training/manage/edit.html", _manage_context(
        community, "courses", course=module.course, form=form, heading=_("Edit “%(title)s”") % {"title": lesson.title},
        back_url=_course_page(module.course, f"module-{module.pk}"), back_text=module.course.title,
        submit=_("Save the lesson"),
        help=_("Write in Markdown: ## for a heading, **bold**, - for a list. HTML is removed.")))


def _after_move(request, moved: bool, title: str, direction: str) -> None:
    if moved:
        messages.success(request, (_("“%(title)s” moved up.") if direction == "up" else _("“%(title)s” moved down."))
                         % {"title": title})
    else:
        messages.info(request, (_("“%(title)s” is already the first.") if direction == "up"
                                else _("“%(title)s” is already the last.")) % {"title": title})


@login_required
@require_POST
def manage_module_move(request, slug: str, course_id: int, module_id: int):
    _community, module = _coordinated_module(request, slug, course_id, module_id)
    direction = request.POST.get("direction", "")
    try:
        moved = services.module_move(actor=request.user, module=module, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _after_move(request, moved, module.title, direction)
    return redirect(_course_page(module.course, f"module-{module.pk}"))


@login_required
@require_POST
def manage_lesson_move(request, slug: str, course_id: int, module_id: int, lesson_id: int):
    _community, lesson = _coordinated_lesson(request, slug, course_id, module_id, lesson_id)
    direction = request.POST.get("direction", "")
    try:
        moved = services.lesson_move(actor=request.user, lesson=lesson, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _after_move(request, moved, lesson.title, direction)
    return redirect(_course_page(lesson.module.course, f"lesson-{lesson.pk}"))


def _remove_page(request, community, *, course, title: str, problem: str, consequences: list[str], cancel_url: str):
    return render(request, "training/manage/remove.html", _manage_context(
        community, "courses", course=course, title=title, problem=problem, consequences=consequences,
        cancel_url=cancel_url))


@login_required
def manage_course_remove(request, slug: str, course_id: int):
    community, course = _coordinated_course(request, slug, course_id)
    if request.method == "POST":
        try:
            services.course_remove(actor=request.user, course=course)
        except ValidationError:
            pass  # the page says why, as it did before the button was pressed
        else:
            messages.success(request, _("The course “%(title)s” is removed.") % {"title": course.title})
            return redirect("training:manage_courses", slug=slug)
    started = ModuleProgress.objects.filter(module__course=course).values("user").distinct().count()
    modules = course.modules.count()
    consequences = [ngettext("Its %(count)d module and their lessons are removed with it.",
                             "Its %(count)d modules and their lessons are removed with it.", modules)
                    % {"count": modules}]
    if started:
        consequences.append(ngettext(
            "%(count)d person has started it and has not finished it: their progress is erased.",
            "%(count)d people have started it and have not finished it: their progress is erased.", started)
            % {"count": started})
    return _remove_page(request, community, course=course, title=course.title,
                        problem=services.course_removal_problem(course), consequences=consequences,
                        cancel_url=_course_page(course))


@login_required
def manage_module_remove(request, slug: str, course_id: int, module_id: int):
    community, module = _coordinated_module(request, slug, course_id, module_id)
    course = module.course
    if request.method == "POST":
        try:
            certified = services.module_remove(actor=request.user, module=module)
        except ValidationError:
            pass  # the page says why, as it did before the button was pressed
        else:
            messages.success(request, _("The module “%(title)s” is removed.") % {"title": module.title})
            if certified:
                messages.info(request, ngettext(
                    "%(count)d person had done every other module and now holds the course's certification.",
                    "%(count)d people had done every other module and now hold the course's certification.",
                    certified) % {"count": certified})
            return redirect(_course_page(course))
    lessons = module.lessons.count()
    consequences = [ngettext("Its %(count)d lesson is removed with it.", "Its %(count)d lessons are removed with it.",
                             lessons) % {"count": lessons},
                    _("Anyone who had done every other module of the course gets its certification.")]
    return _remove_page(request, community, course=course, title=module.title,
                        problem=services.module_removal_problem(module), consequences=consequences,
                        cancel_url=_course_page(course, f"module-{module.pk}"))


@login_required
def manage_lesson_remove(request, slug: str, course_id: int, module_id: int, lesson_id: int):
    community, lesson = _coordinated_lesson(request, slug, course_id, module_id, lesson_id)
    module = lesson.module
    if request.method == "POST":
        services.lesson_remove(actor=request.user, lesson=lesson)
        messages.success(request, _("The lesson “%(title)s” is removed.") % {"title": lesson.title})
        return redirect(_course_page(module.course, f"module-{module.pk}"))
    return _remove_page(request, community, course=module.course, title=lesson.title, problem="",
                        consequences=[_("Its text in both languages is removed. Nobody's progress depends on it.")],
                        cancel_url=_course_page(module.course, f"module-{module.pk}"))


@login_required
def manage_talk(request, slug: str):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    talks = TalkRequest.objects.filter(membership__community=community).select_related(
        "membership__user", "handled_by")
    return render(request, "training/manage/talk.html", _manage_context(
        community, "talk", page_obj=paginate(request, talks)))


@login_required
@require_POST
def manage_talk_handle(request, slug: str, talk_id: int):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    talk_request = access.access_talk_request(community, talk_id)
    services.talk_request_handle(actor=request.user, talk=talk_request)
    messages.success(request, _("Marked as handled."))
    return redirect("training:manage_talk", slug=slug)
