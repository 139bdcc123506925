"""Training: courses, progress, certifications, requirements, checks and supervision.

Training belongs to the person (a user who passed the starter course in one community does
not take it again in another); what each community asks for (courses, background checks,
renewal period) lives in ``TrainingRequirement``, and background checks are recorded per
membership because each community runs its own.
"""

import calendar
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.i18n import localized, localized_dict

DEFAULT_RENEWAL_MONTHS = 12
STARTER_COURSE_KEY = "foundations"


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Course(models.Model):
    """A sequence of modules. ``community`` is empty for the courses shipped with Ayni."""

    community = models.ForeignKey(
        "communities.Community", verbose_name=_("community"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="training_courses",
    )
    key = models.SlugField(_("key"), max_length=60)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    renewal_hint_es = models.TextField(_("renewal advice (Spanish)"), blank=True)
    renewal_hint_en = models.TextField(_("renewal advice (English)"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_starter = models.BooleanField(_("starter course"), default=False)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["position", "title_es"]
        constraints = [
            models.UniqueConstraint(fields=["community", "key"], name="training_course_unique_key"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(community__isnull=True),
                name="training_course_unique_shipped_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def renewal_hint(self) -> str:
        return localized(self, "renewal_hint")


class Module(models.Model):
    """A module: lessons, a quiz and practice scenarios.

    ``quiz`` and ``scenarios`` keep the curriculum's own structure as JSON, so the quiz is
    graded by ``ayni.training.curriculum.loader.grade_quiz`` exactly as the files define it::

        quiz = [{"key", "kind": "single"|"multiple", "prompt": {"es", "en"},
                 "options": [{"key", "text": {...}, "feedback": {...} | None}], "correct": [...]}]
        scenarios = [{"key", "situation": {...}, "task": {...}, "model_answer": {...},
                      "checklist": [{...}, ...]}]
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveIntegerField(default=1)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=15)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    quiz = models.JSONField(default=list, blank=True)
    scenarios = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="training_module_unique_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def has_quiz(self) -> bool:
        return bool(self.quiz)


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveIntegerField(default=1)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_es = models.TextField(_("text in Markdown (Spanish)"))
    body_en = models.TextField(_("text in Markdown (English)"))

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "key"], name="training_lesson_unique_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def body(self) -> str:
        return localized(self, "body")


class ModuleProgress(models.Model):
    """Where one person is in one module. A module is done when its quiz is passed (or, for a
    module without a quiz, when its lessons are marked as read)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_progress"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    started_at = models.DateTimeField(default=timezone.now)
    best_score = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="training_progress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.module}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempts")
    answers = models.JSONField(default=dict)
    language = models.CharField(max_length=5, default="es")
    score = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.module} · {self.score}%"


class ScenarioAnswer(models.Model):
    """A person's own answer to a practice scenario. Only they read it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scenario_answers"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="scenario_answers")
    scenario_key = models.SlugField(max_length=60)
    text = models.TextField(_("your answer"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("scenario answer")
        verbose_name_plural = _("scenario answers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "scenario_key"], name="training_scenario_answer_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.module} · {self.scenario_key}"


class Certification(models.Model):
    """Someone passed a whole course on ``certified_on``. Each community decides how long it
    lasts (``TrainingRequirement.renewal_months``); the newest certification counts."""

    class Source(models.TextChoices):
        COURSE = "course", _("Passed the course on Ayni")
        RECORDED = "recorded", _("Recorded by a coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certifications"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="certifications")
    certified_on = models.DateField(_("certified on"))
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.COURSE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["-certified_on", "-pk"]
        indexes = [models.Index(fields=["user", "course", "certified_on"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.course} · {self.certified_on}"

    def expires_on(self, renewal_months: int = DEFAULT_RENEWAL_MONTHS) -> date:
        return add_months(self.certified_on, renewal_months)


class CertificationWarning(models.Model):
    """An expiry warning sent for one certification in one community: the unique
    constraint is the claim that makes the warning go out once."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="warnings"
    )
    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="+")
    expires_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "community"], name="training_warning_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification} · {self.expires_on}"


class TrainingRequirement(models.Model):
    """What a community asks of its supporters before they are matched.

    A community without a row requires the starter course, no background check and renewal
    every 12 months (see ``ayni.training.eligibility.requirement_for``).
    """

    class BackgroundCheckPolicy(models.TextChoices):
        NEVER = "never", _("Not required")
        ALWAYS = "always", _("Required for every supporter")
        MINORS = "minors", _("Required only to support minors")

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="training_requirement"
    )
    required_courses = models.ManyToManyField(
        Course, verbose_name=_("required courses"), blank=True, related_name="required_by"
    )
    background_check = models.CharField(
        _("background check"), max_length=8, choices=BackgroundCheckPolicy.choices,
        default=BackgroundCheckPolicy.NEVER,
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("renew certification every (months)"), default=DEFAULT_RENEWAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")

    def __str__(self) -> str:
        return str(self.community)


class BackgroundCheck(models.Model):
    """That a background check was done, when, until when and who recorded it. Never its
    content: the document stays with whoever ran the check."""

    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="background_checks"
    )
    checked_on = models.DateField(_("date of the check"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("background check")
        verbose_name_plural = _("background checks")
        ordering = ["-checked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("checked_on")),
                name="training_check_expires_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.checked_on}"

    def is_valid(self, today: date) -> bool:
        return self.checked_on <= today and (self.expires_on is None or self.expires_on >= today)


class InPersonSession(models.Model):
    """A session a coordinator ran in person: training, or a debrief (supervision) group."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training session")
        DEBRIEF = "debrief", _("Debrief and supervision group")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="training_sessions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TRAINING)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="sessions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("in-person session")
        verbose_name_plural = _("in-person sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class Attendance(models.Model):
    session = models.ForeignKey(InPersonSession, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="training_attendance"
    )
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="training_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.session}"


class TalkRequest(models.Model):
    """A supporter's "I need to talk to someone": goes to the community's coordinators."""

    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="talk_requests"
    )
    message = models.TextField(_("anything you want to add (optional)"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("request to talk")
        verbose_name_plural = _("requests to talk")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.membership} · {self.created_at:%Y-%m-%d}"


def localized_json(values: dict | None) -> str:
    """Shortcut used by templates for the curriculum's {"es": ..., "en": ...} texts."""
    return localized_dict(values)


class DebriefGroup(models.Model):
    """A regular debrief and supervision group: a circle (``ayni.circles``) of a community's
    supporters, run by its coordinators. The circle brings the schedule, the meetings with
    attendance and the group's conversation; this row says the circle is for supervision."""

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE,
                                  related_name="debrief_groups")
    circle = models.OneToOneField("circles.Circle", on_delete=models.CASCADE, related_name="debrief_group")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("debrief group")
        verbose_name_plural = _("debrief groups")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"debrief group {self.circle_id} of {self.community_id}"
