"""Conversations: one per relationship and one per circle. Messages are never deleted; a
moderator can hide one (the row stays, with who hid it and when)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    class Kind(models.TextChoices):
        RELATIONSHIP = "relationship", _("Relationship")
        CIRCLE = "circle", _("Circle")

    community = models.ForeignKey("communities.Community", on_delete=models.CASCADE, related_name="conversations",
                                  verbose_name=_("community"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    circle = models.OneToOneField("circles.Circle", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="conversation", verbose_name=_("circle"))
    relationship = models.OneToOneField("relationships.Relationship", null=True, blank=True,
                                        on_delete=models.CASCADE, related_name="conversation",
                                        verbose_name=_("relationship"))
    is_read_only = models.BooleanField(_("read-only"), default=False)
    read_only_since = models.DateTimeField(null=True, blank=True)
    involves_minor = models.BooleanField(_("a minor takes part"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="relationship", circle__isnull=True)
                           | Q(kind="circle", relationship__isnull=True)),
                name="conversation_kind_matches_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Participant(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_seats")
    last_read_message_id = models.PositiveBigIntegerField(default=0)
    # The newest message already sent to this person in a digest e-mail (claimed with a conditional UPDATE).
    digested_through_id = models.PositiveBigIntegerField(default=0)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="participant_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"

    @property
    def is_current(self) -> bool:
        return self.left_at is None


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    resource = models.ForeignKey("resources.Resource", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="shares", verbose_name=_("shared resource"))
    created_at = models.DateTimeField(default=timezone.now)
    screening_level = models.CharField(max_length=10, blank=True)
    hidden_by_moderation = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["conversation", "id"]),
            models.Index(fields=["conversation", "reported_at"], condition=Q(reported_at__isnull=False),
                         name="message_reported_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} in {self.conversation_id}"
