"""Safety and safeguarding: crisis resources, alerts and their escalation, reports, blocks,
parental consent, two-factor devices and the per-community safety settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.i18n import localized


class SafetySettings(models.Model):
    """One row per community; created with defaults on first use."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="safety_settings"
    )
    escalation_minutes = models.PositiveSmallIntegerField(
        _("minutes before an alert goes to the next coordinator"), default=15,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
    )
    age_of_majority = models.PositiveSmallIntegerField(
        _("age of majority in this community"), null=True, blank=True,
        validators=[MinValueValidator(12), MaxValueValidator(21)],
        help_text=_("Leave empty to use the platform's setting."),
    )
    parental_consent_required = models.BooleanField(
        _("parental consent required for young members"), default=False
    )
    parental_consent_below_age = models.PositiveSmallIntegerField(
        _("parental consent needed below this age"), default=16,
        validators=[MinValueValidator(1), MaxValueValidator(21)],
    )
    message_retention_days = models.PositiveIntegerField(
        _("days to keep the messages of closed relationships"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36500)],
        help_text=_("Leave empty to keep them."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("safety settings")
        verbose_name_plural = _("safety settings")

    def __str__(self) -> str:
        return str(self.community)


class CrisisResource(models.Model):
    """Whom to call in a crisis. Community rows override the shipped defaults for a country."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="crisis_resources",
        null=True, blank=True,
    )
    country = models.CharField(_("country"), max_length=2, blank=True,
                               help_text=_("Two-letter code, for example ES or MX."))
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_es = models.CharField(_("what it offers (Spanish)"), max_length=300, blank=True)
    description_en = models.CharField(_("what it offers (English)"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    text_line = models.CharField(_("text line"), max_length=80, blank=True)
    web = models.URLField(_("web"), blank=True)
    hours_es = models.CharField(_("hours (Spanish)"), max_length=80, blank=True)
    hours_en = models.CharField(_("hours (English)"), max_length=80, blank=True)
    categories = models.JSONField(default=list, blank=True)
    is_emergency = models.BooleanField(_("emergency number"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("shown"), default=True)
    source_key = models.CharField(max_length=80, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")
        ordering = ["community_id", "country", "-is_emergency", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def hours(self) -> str:
        return localized(self, "hours")

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def phone_link(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class DutyRota(models.Model):
    """The coordinators on duty for a community, in the order alerts reach them."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="duty_rota"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty_entries"
    )
    position = models.PositiveSmallIntegerField(default=0)
    on_duty = models.BooleanField(_("on duty"), default=True)

    class Meta:
        verbose_name = _("duty rota entry")
        verbose_name_plural = _("duty rota")
        ordering = ["community", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "coordinator"], name="duty_unique_coordinator"),
        ]

    def __str__(self) -> str:
        return f"{self.community} #{self.position} {self.coordinator}"


class Alert(models.Model):
    class Kind(models.TextChoices):
        DETECTION = "detection", _("Words of crisis detected")
        REFERRAL = "referral", _("Referral by a supporter")
        REPORT = "report", _("Escalated report")

    class Level(models.TextChoices):
        CONCERN = "concern", _("Concern")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a coordinator")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        SAFE = "safe", _("The person is safe for now")
        SERVICES = "services", _("Handed to emergency or professional services")
        FOLLOW_UP = "follow_up", _("Followed up within the community")
        NO_RISK = "no_risk", _("No risk found (false alarm)")
        UNREACHABLE = "unreachable", _("Could not reach the person")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="safety_alerts"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DETECTION)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.URGENT)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="safety_alerts_about", verbose_name=_("person concerned"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    source = models.CharField(_("where"), max_length=30, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    excerpt = models.TextField(_("what was written"), blank=True)
    note = models.TextField(_("hand-off note"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    step = models.PositiveSmallIntegerField(default=0)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="safety_alerts_assigned", verbose_name=_("coordinator alerted"),
    )
    escalate_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    actions_taken = models.TextField(_("what was done"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("safety alert")
        verbose_name_plural = _("safety alerts")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["community", "status"]),
            models.Index(fields=["status", "escalate_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class AlertEvent(models.Model):
    """The alert's history: who was alerted, escalations, acknowledgement, actions, closing."""

    class Kind(models.TextChoices):
        ALERTED = "alerted", _("Coordinator alerted")
        ESCALATED = "escalated", _("Escalated to the next coordinator")
        NO_ONE = "no_one", _("No coordinator left on the rota")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        ACTION = "action", _("Action recorded")
        CLOSED = "closed", _("Closed")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.alert} · {self.get_kind_display()}"


class Report(models.Model):
    class SourceKind(models.TextChoices):
        MESSAGE = "message", _("A message")
        PERSON = "person", _("A person")
        CIRCLE = "circle", _("A circle")

    class Reason(models.TextChoices):
        HARASSMENT = "harassment", _("Harassment or bullying")
        INAPPROPRIATE = "inappropriate", _("Inappropriate or sexual content")
        SAFETY = "safety", _("Someone may be in danger")
        MINOR = "minor", _("Worry about a minor")
        SPAM = "spam", _("Spam or advertising")
        PRIVACY = "privacy", _("Shares private information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a coordinator")
        RESOLVED = "resolved", _("Resolved")

    class Action(models.TextChoices):
        DISMISS = "dismiss", _("Dismissed")
        WARN = "warn", _("Person warned")
        HIDE = "hide", _("Message hidden")
        SUSPEND = "suspend", _("Person suspended")
        REMOVE = "remove", _("Person removed from the community")
        ESCALATE = "escalate", _("Escalated as a safety alert")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="safety_reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="safety_reports_made"
    )
    source_kind = models.CharField(_("what is reported"), max_length=10, choices=SourceKind.choices)
    source_id = models.CharField(max_length=40)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="safety_reports_about", verbose_name=_("person concerned"),
    )
    reason = models.CharField(_("reason"), max_length=14, choices=Reason.choices)
    details = models.TextField(_("what happened"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, blank=True)
    resolution_note = models.TextField(_("note for the record"), max_length=2000, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"{self.get_source_kind_display()} #{self.source_id}"


class Block(models.Model):
    """One person blocks another everywhere: no proposals, messages or circle invitations."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class ParentalConsent(models.Model):
    membership = models.ForeignKey(
        "communities.Membership", on_delete=models.CASCADE, related_name="parental_consents"
    )
    guardian_name = models.CharField(_("parent or guardian"), max_length=120)
    guardian_contact = models.CharField(_("how to reach them"), max_length=160, blank=True)
    method = models.CharField(_("how consent was given"), max_length=160)
    given_on = models.DateField(_("date of consent"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("parental consent")
        verbose_name_plural = _("parental consents")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.membership} · {self.guardian_name}"


class TwoFactorDevice(models.Model):
    """A TOTP secret (RFC 6238). `last_step` stops a code from being used twice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)
    recovery_codes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self) -> str:
        return str(self.user)


class HelpMessage(models.Model):
    """"Talk to us": a member writes to the community's coordinators directly."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="help_messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="help_messages"
    )
    text = models.TextField(_("your message"), max_length=4000)
    level = models.CharField(_("level"), max_length=10, default="none")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="help_messages")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message to the coordinators")
        verbose_name_plural = _("messages to the coordinators")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.community} · {self.created_at:%Y-%m-%d}"
