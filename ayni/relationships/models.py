"""Relationships between a seeker and a supporter: agreement, sessions, goals, check-ins, closure."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.i18n import localized
from ayni.relationships import lifecycle


class Relationship(models.Model):
    class Status(models.TextChoices):
        PROPOSED = lifecycle.PROPOSED, _("Proposed")
        ACTIVE = lifecycle.ACTIVE, _("Active")
        PAUSED = lifecycle.PAUSED, _("Paused")
        CLOSING = lifecycle.CLOSING, _("Closing")
        CLOSED = lifecycle.CLOSED, _("Closed")
        REMATCHED = lifecycle.REMATCHED, _("Rematched")

    class ClosureKind(models.TextChoices):
        PLANNED = "planned", _("Planned: they reached the end they agreed")
        UNPLANNED = "unplanned", _("Unplanned: it ended earlier than agreed")

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE,
                                  related_name="relationships")
    seeker = models.ForeignKey("communities.Membership", on_delete=models.CASCADE,
                               related_name="relationships_as_seeker", verbose_name=_("seeker"))
    supporter = models.ForeignKey("communities.Membership", on_delete=models.CASCADE,
                                  related_name="relationships_as_supporter", verbose_name=_("supporter"))
    topics = models.ManyToManyField("communities.Topic", blank=True, related_name="relationships",
                                    verbose_name=_("topics"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    closing_started_at = models.DateTimeField(_("closing started"), null=True, blank=True)
    closing_started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closure_kind = models.CharField(_("how it ended"), max_length=10, choices=ClosureKind.choices, blank=True)
    closure_reason = models.CharField(_("reason"), max_length=500, blank=True)
    rematched_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="rematches", verbose_name=_("continues"))
    last_session_at = models.DateTimeField(_("last session"), null=True, blank=True)
    inactivity_reminded_at = models.DateTimeField(null=True, blank=True)
    inactivity_alerted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(seeker=F("supporter")), name="relationship_two_people"),
            models.UniqueConstraint(
                fields=["seeker", "supporter"], condition=Q(status__in=sorted(lifecycle.CURRENT)),
                name="relationship_one_current_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["community", "status"]),
                   models.Index(fields=["supporter", "status"])]

    def __str__(self) -> str:
        return f"{self.seeker.user} ↔ {self.supporter.user}"

    @property
    def is_current(self) -> bool:
        return self.status in lifecycle.CURRENT

    @property
    def holds_place(self) -> bool:
        return lifecycle.holds_place(self.status)

    def participant_ids(self) -> set[int]:
        return {self.seeker.user_id, self.supporter.user_id}

    def other_membership(self, user):
        return self.supporter if self.seeker.user_id == user.pk else self.seeker


class AgreementTemplate(models.Model):
    """The agreement text a community shows both people before a relationship starts."""

    community = models.OneToOneField("communities.Community", on_delete=models.CASCADE,
                                     related_name="agreement_template")
    text_es = models.TextField(_("agreement (Spanish)"))
    text_en = models.TextField(_("agreement (English)"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")

    def __str__(self) -> str:
        return str(self.community)

    @property
    def text(self) -> str:
        return localized(self, "text")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
    FLEXIBLE = "flexible", _("When we need it")


class Acknowledgement(models.Model):
    """One person's acknowledgement of the agreement, with what they plan."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("how often we plan to meet"), max_length=12, choices=Frequency.choices)
    session_minutes = models.PositiveSmallIntegerField(
        _("how long each meeting lasts (minutes)"), validators=[MinValueValidator(10), MaxValueValidator(240)])
    planned_months = models.PositiveSmallIntegerField(
        _("for how many months"), validators=[MinValueValidator(1), MaxValueValidator(24)])
    expectations = models.TextField(_("what I expect"), blank=True)
    agreement_text = models.TextField()  # the text as it was shown, in the reader's language
    language = models.CharField(max_length=8, blank=True)
    acknowledged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agreement acknowledgement")
        verbose_name_plural = _("agreement acknowledgements")
        constraints = [models.UniqueConstraint(fields=["relationship", "user"], name="acknowledgement_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.relationship_id}"


class MonitoringSettings(models.Model):
    """A community's check-in cadence and inactivity thresholds (defaults from mentoring practice)."""

    community = models.OneToOneField("communities.Community", on_delete=models.CASCADE,
                                     related_name="monitoring_settings")
    first_contact_hours = models.PositiveSmallIntegerField(
        _("first check-in after (hours)"), default=48, validators=[MinValueValidator(1), MaxValueValidator(720)])
    first_month_check_ins = models.PositiveSmallIntegerField(
        _("check-ins in the first month"), default=2, validators=[MinValueValidator(0), MaxValueValidator(8)])
    then_every_days = models.PositiveSmallIntegerField(
        _("then one check-in every (days)"), default=30, validators=[MinValueValidator(7), MaxValueValidator(180)])
    inactivity_reminder_days = models.PositiveSmallIntegerField(
        _("remind both after days without a session"), default=21,
        validators=[MinValueValidator(3), MaxValueValidator(180)])
    inactivity_alert_days = models.PositiveSmallIntegerField(
        _("alert the coordinator after days without a session"), default=45,
        validators=[MinValueValidator(3), MaxValueValidator(365)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")

    def __str__(self) -> str:
        return str(self.community)


class Session(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video call")
        PHONE = "phone", _("Phone call")
        MESSAGES = "messages", _("Messages")
        OTHER = "other", _("Other")

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="sessions")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    starts_at = models.DateTimeField(_("date and time"))
    planned_minutes = models.PositiveSmallIntegerField(
        _("planned length (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(480)])
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # The log, filled after the session.
    held_on = models.DateField(_("date held"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, blank=True)
    shared_notes = models.TextField(_("notes for both of us"), blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    logged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    uid = models.CharField(max_length=64, unique=True, default=secrets.token_hex)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["relationship", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.relationship_id} @ {self.starts_at:%Y-%m-%d %H:%M}"


class PrivateNote(models.Model):
    """Notes about a session that only their writer ever reads."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("private notes (only you see them)"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "author"], name="private_note_once")]

    def __str__(self) -> str:
        return f"{self.author} @ {self.session_id}"


class Feeling(models.TextChoices):
    GOOD = "good", _("Good")
    OKAY = "okay", _("Okay")
    LOW = "low", _("Low")
    WORRIED = "worried", _("Worried")


class SessionFeedback(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField(
        _("how useful was it (1 to 5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    feeling = models.CharField(_("how do you feel"), max_length=10, choices=Feeling.choices)
    comment = models.TextField(_("comment (optional)"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="session_feedback_once"),
            models.CheckConstraint(condition=Q(usefulness__gte=1, usefulness__lte=5),
                                   name="session_feedback_usefulness_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.author} @ {self.session_id}: {self.usefulness}"


class Attainment(models.IntegerChoices):
    NOT_AT_ALL = 1, _("Not reached")
    PARTLY = 2, _("Partly reached")
    MOSTLY = 3, _("Mostly reached")
    FULLY = 4, _("Fully reached")


class Goal(models.Model):
    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0,
                                                validators=[MaxValueValidator(100)])
    attainment = models.PositiveSmallIntegerField(_("attainment"), choices=Attainment.choices,
                                                  null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("what changed"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.progress}%"


class CheckIn(models.Model):
    """A short question Ayni asks one person of a relationship on the community's cadence."""

    class Answer(models.TextChoices):
        WELL = "well", _("It is going well")
        OKAY = "okay", _("It is okay")
        DIFFICULT = "difficult", _("It is difficult")
        NOT_MET = "not_met", _("We have not met yet")

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="check_ins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sequence = models.PositiveSmallIntegerField()  # 1 = first contact, 2.. = first month, then monthly
    due_at = models.DateTimeField()
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(_("how is it going"), max_length=10, choices=Answer.choices, blank=True)
    comment = models.TextField(_("anything to add (optional)"), blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-due_at"]
        constraints = [models.UniqueConstraint(fields=["relationship", "user", "sequence"],
                                               name="check_in_once_per_step")]
        indexes = [models.Index(fields=["user", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.relationship_id} #{self.sequence} → {self.user_id}"


class ExitSurvey(models.Model):
    class Continue(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="exit_surveys")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helped = models.TextField(_("what helped"), blank=True)
    did_not_help = models.TextField(_("what did not help"), blank=True)
    would_continue = models.CharField(_("would you continue"), max_length=6, choices=Continue.choices)
    goal_ratings = models.JSONField(default=dict, blank=True)  # {goal id as text: Attainment value}
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exit survey")
        verbose_name_plural = _("exit surveys")
        constraints = [models.UniqueConstraint(fields=["relationship", "user"], name="exit_survey_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.relationship_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar feed address (their sessions, without any notes)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.user)
