import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ayni.core.i18n import localized


def new_invite_code() -> str:
    return secrets.token_urlsafe(9)


class Community(models.Model):
    class Kind(models.TextChoices):
        DIVISION = "division", _("Division of an organisation")
        PEER_GROUP = "peer_group", _("Group of peers")
        COUNCIL_DEPARTMENT = "council_department", _("City council department")
        WORKING_GROUP = "working_group", _("Working group")
        ONLINE = "online", _("Online community")
        SCHOOL = "school", _("School")
        FIRST_RESPONDERS = "first_responders", _("First responders")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        LISTED = "listed", _("Listed: anyone can find it")
        UNLISTED = "unlisted", _("Unlisted: only members and people with a link")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: anyone can join")
        APPROVAL = "approval", _("A coordinator approves each request")
        INVITATION = "invitation", _("By invitation link or code only")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name for links"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    values_es = models.TextField(_("shared values (Spanish)"), blank=True)
    values_en = models.TextField(_("shared values (English)"), blank=True)
    languages = models.JSONField(_("languages used"), default=list, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True,
                               help_text=_("Two-letter code, for example ES or MX."))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.LISTED
    )
    join_policy = models.CharField(
        _("how people join"), max_length=12, choices=JoinPolicy.choices, default=JoinPolicy.APPROVAL
    )
    invite_code = models.CharField(max_length=24, unique=True, default=new_invite_code)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def values_statement(self) -> str:
        return localized(self, "values")


class Membership(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")
        REJECTED = "rejected", _("Not approved")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    is_seeker = models.BooleanField(_("seeker"), default=False)
    is_supporter = models.BooleanField(_("supporter"), default=False)
    is_coordinator = models.BooleanField(_("coordinator"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    group = models.CharField(
        _("team, class or area"), max_length=80, blank=True,
        help_text=_("Used to avoid or prefer pairs within the same group."),
    )
    reports_to = models.ForeignKey(
        "self", verbose_name=_("reports to"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="reports",
    )
    capacity = models.PositiveSmallIntegerField(
        _("how many people at once"), default=1, validators=[MaxValueValidator(20)]
    )
    away_until = models.DateField(_("away until"), null=True, blank=True)
    values_agreed_at = models.DateTimeField(_("agreed to the shared values"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["community", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="membership_unique_person"),
        ]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.community}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def role_labels(self) -> list[str]:
        labels = []
        if self.is_seeker:
            labels.append(_("seeker"))
        if self.is_supporter:
            labels.append(_("supporter"))
        if self.is_coordinator:
            labels.append(_("coordinator"))
        return labels

    def is_away(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.away_until is not None and self.away_until >= today


class Topic(models.Model):
    """Something people can support each other on, defined by the community."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="topics")
    key = models.SlugField(_("key"), max_length=60)
    name_es = models.CharField(_("name (Spanish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_sensitive = models.BooleanField(
        _("sensitive"), default=False,
        help_text=_("Health, trauma, addiction or identity: experiences need explicit consent."),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["community", "position", "name_es"]
        constraints = [
            models.UniqueConstraint(fields=["community", "key"], name="topic_unique_key"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Invitation(models.Model):
    """An invitation by e-mail. Only a hash of the link's token is kept."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True)
    as_seeker = models.BooleanField(_("seeker"), default=True)
    as_supporter = models.BooleanField(_("supporter"), default=False)
    as_coordinator = models.BooleanField(_("coordinator"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.community}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()
        )


class MemberImport(models.Model):
    """A CSV of members: previewed first, written only once a coordinator confirms."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200, blank=True)
    rows = models.JSONField(default=list)  # [{"line": 2, "values": {...}, "errors": [...]}]
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(processed__lte=models.F("total")) | Q(total=0),
                                   name="import_processed_within_total"),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def valid_rows(self) -> list[dict]:
        return [row for row in self.rows if not row.get("errors")]

    @property
    def invalid_rows(self) -> list[dict]:
        return [row for row in self.rows if row.get("errors")]

    @property
    def percent_done(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 100
