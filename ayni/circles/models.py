"""Circles: small mutual-support groups (4 to 8 people by default) on one topic, with one or
two trained facilitators, a schedule, meetings with attendance, and a conversation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_MIN_SIZE = 4
DEFAULT_MAX_SIZE = 8
MAX_FACILITATORS = 2


class Circle(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Meeting")
        CLOSED = "closed", _("Closed")

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="circles",
                                  verbose_name=_("community"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what the circle is about"), blank=True)
    topic = models.ForeignKey("communities.Topic", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="circles", verbose_name=_("topic"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="es")
    schedule = models.CharField(_("when it meets"), max_length=200, blank=True,
                                help_text=_("For example: every other Tuesday at 19:00, online."))
    next_meeting_at = models.DateTimeField(_("next meeting"), null=True, blank=True)
    min_size = models.PositiveSmallIntegerField(_("smallest size"), default=DEFAULT_MIN_SIZE)
    max_size = models.PositiveSmallIntegerField(_("largest size"), default=DEFAULT_MAX_SIZE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    formed_by_ayni = models.BooleanField(_("formed by Ayni"), default=False)

    class Meta:
        verbose_name = _("circle")
        verbose_name_plural = _("circles")
        ordering = ["community", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(min_size__gte=2) & Q(max_size__gte=models.F("min_size")),
                                   name="circle_sizes_make_sense"),
        ]

    def __str__(self) -> str:
        return self.name


class CircleMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ACCEPTED = "accepted", _("In the circle")
        DECLINED = "declined", _("Not accepted")
        LEFT = "left", _("Left")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="circle_memberships")
    membership = models.ForeignKey("communities.Membership", on_delete=models.CASCADE,
                                   related_name="circle_memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    message = models.CharField(_("a few words for the facilitators"), max_length=500, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("circle membership")
        verbose_name_plural = _("circle memberships")
        ordering = ["circle", "-role", "requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "membership"], name="circle_membership_unique_person"),
        ]
        indexes = [models.Index(fields=["circle", "status"])]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.circle_id} ({self.status})"

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR and self.is_accepted


class CircleMeeting(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place or online link"), max_length=300, blank=True)
    notes = models.TextField(_("notes for the circle"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("circle meeting")
        verbose_name_plural = _("circle meetings")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.circle_id} @ {self.starts_at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    meeting = models.ForeignKey(CircleMeeting, on_delete=models.CASCADE, related_name="attendance")
    circle_membership = models.ForeignKey(CircleMembership, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("was there"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "circle_membership"], name="attendance_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.circle_membership_id} at {self.meeting_id}: {self.present}"
